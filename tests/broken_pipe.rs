//! A reader that stops early (`tierdesk customer list | head -1`) closes the pipe: that is
//! the reader's choice, not a failure. tierdesk stops quietly: exit code 0, nothing about a
//! broken pipe on stderr, no panic. Through the real binary, for each way it writes to
//! standard output: text for people, CSV data, JSON and a streamed export.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn tierdesk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tierdesk"));
    cmd.env("TIERDESK_CONFIG_DIR", dir.join("config"))
        .env_remove("TIERDESK_DB")
        .env("TIERDESK_TODAY", "2026-11-23")
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(dir.join("demo.sqlite"));
    cmd
}

/// A demo book (its many customers fill more than one pipe buffer when listed).
fn demo_book(dir: &Path) {
    let out = tierdesk(dir).arg("--demo").args(["customer", "list"]).output().unwrap();
    assert!(out.status.success(), "demo book: {}", String::from_utf8_lossy(&out.stderr));
}

/// Run with standard output a pipe whose read end is already closed: every write tierdesk
/// makes there meets a broken pipe, however fast or slow it is.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = tierdesk(dir).args(args).stdout(writer).stderr(Stdio::piped()).spawn().unwrap();
    child.wait_with_output().unwrap()
}

/// Every command that prints, in every format it prints: text for people, JSON, CSV,
/// Markdown, iCalendar, exports to standard output (with and without `-o -`).
const PRINTING: &[&[&str]] = &[
    &["customer", "list"],
    &["customer", "list", "--format", "csv"],
    &["customer", "list", "--format", "json"],
    &["customer", "show", "1"],
    &["customer", "show", "1", "--format", "json"],
    &["due", "--within", "14"],
    &["due", "--within", "14", "--format", "csv"],
    &["due", "--within", "14", "--format", "json"],
    &["follow-up", "list", "--all"],
    &["follow-up", "list", "--all", "--format", "csv"],
    &["follow-up", "list", "--all", "--format", "json"],
    &["brief", "1"],
    &["brief", "1", "--format", "json"],
    &["plan"],
    &["plan", "--format", "json"],
    &["search", "a"],
    &["search", "a", "--format", "json"],
    &["search", "a", "--in", "notes"],
    &["search", "a", "--in", "notes", "--format", "json"],
    &["history", "1", "--all"],
    &["history", "1", "--all", "--format", "json"],
    &["review"],
    &["review", "--format", "json"],
    &["report"],
    &["report", "--format", "json"],
    &["questionnaire", "show"],
    &["product", "list"],
    &["suit", "1", "FUT001"],
    &["suit", "1", "FUT001", "--format", "json"],
    &["person", "list"],
    &["export", "customers"],
    &["export", "customers", "-o", "-"],
    &["export", "customers", "--format", "json", "-o", "-"],
    &["export", "contacts"],
    &["export", "contacts", "-o", "-"],
    &["export", "contacts", "--format", "json"],
    &["export", "contacts", "--format", "json", "-o", "-"],
    &["export", "follow-ups"],
    &["export", "follow-ups", "-o", "-"],
    &["export", "follow-ups", "--format", "json", "-o", "-"],
    &["export", "due", "--within", "14"],
    &["export", "due", "--within", "14", "-o", "-"],
    &["export", "due", "--within", "14", "--as", "events", "-o", "-"],
    &["export", "customers", "--format", "xlsx", "-o", "-"],
    &["export", "contacts", "--format", "xlsx", "-o", "-"],
    &["export", "follow-ups", "--format", "xlsx", "-o", "-"],
    &["export", "due", "--format", "xlsx", "-o", "-"],
    &["export", "all", "-o", "-"],
    &["--help"],
    &["customer", "--help"],
    &["--version"],
];

#[test]
fn a_reader_that_stops_early_ends_every_kind_of_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    demo_book(dir.path());
    let mut loud = Vec::new();
    for args in PRINTING {
        let out = into_closed_pipe(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(0) || !stderr.is_empty() {
            loud.push(format!("{args:?}: exit {:?}, stderr {stderr:?}", out.status.code()));
        }
    }
    assert!(loud.is_empty(), "not quiet:\n{}", loud.join("\n"));
}

/// The same commands print something when the reader stays: the list above covers output.
#[test]
fn every_command_of_the_list_prints() {
    let dir = tempfile::tempdir().unwrap();
    demo_book(dir.path());
    for args in PRINTING {
        let out = tierdesk(dir.path()).args(*args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
}
