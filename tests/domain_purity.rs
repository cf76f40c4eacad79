//! The domain layer stays pure: no terminal, no SQL, no clock, no file system.
//! Checked on the source text, so a new file cannot slip past.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "rusqlite",
    "Local::now",
    "Utc::now",
    "SystemTime",
    "Instant::now",
    "std::fs",
    "std::io",
    "File::",
    "std::env",
    "std::net",
    "std::process",
    "include_str!",
    "include_bytes!",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_uses_no_terminal_sql_clock_or_files() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/src"), &mut files);
    assert!(files.len() >= 5, "domain files found: {files:?}");
    let mut offences = Vec::new();
    // test_data.rs embeds the shipped data files for the domain's own tests (cfg(test) only).
    for file in files.iter().filter(|f| !f.ends_with("test_data.rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Tests inside domain files may use the shipped data through `crate::data`.
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in FORBIDDEN {
                if line.contains(word) {
                    offences.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "domain must stay pure:\n{}", offences.join("\n"));
}

#[test]
fn the_check_would_catch_an_offence() {
    // Guard against a check that cannot fail: a forbidden word in a sample line is found.
    let sample = "use rusqlite::Connection;";
    assert!(FORBIDDEN.iter().any(|w| sample.contains(w)));
}
