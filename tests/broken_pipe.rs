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

#[test]
fn a_reader_that_stops_early_ends_every_kind_of_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    demo_book(dir.path());
    for args in [
        &["customer", "list"][..],
        &["customer", "list", "--format", "csv"],
        &["customer", "list", "--format", "json"],
        &["export", "customers"],
        &["export", "contacts", "--format", "json"],
    ] {
        let out = into_closed_pipe(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.to_lowercase().contains("broken pipe"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
