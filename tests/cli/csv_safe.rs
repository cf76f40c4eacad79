//! Spreadsheet-safe CSV through the real binary: every CSV tierdesk writes starts with a BOM,
//! ends its lines with CRLF and writes a cell that would start a formula with a leading
//! apostrophe; importing the file takes the apostrophe off again, so export → import gives
//! back the same customers. `-o -` is standard output.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use crate::common::tierdesk_bin;

/// The names a spreadsheet would read as formulas (or mangle), and one that really starts
/// with an apostrophe.
const NAMES: [&str; 6] = ["=HYPERLINK(\"x\")", "+8613800138000", "@foo", "-bar", "'quoted", "'=sum"];

fn add_customers(dir: &Path) {
    for (i, name) in NAMES.iter().enumerate() {
        let mut cmd = tierdesk_bin(dir);
        cmd.args(["customer", "add", &format!("--name={name}"), "--tier", "B"]);
        if i == 0 {
            cmd.args(["--ref", "00123", "--phone", "01012345678", "--notes=-minus\nsecond line"]);
        } else {
            cmd.args(["--ref", &format!("R-{i}"), "--phone", "+8613800138000"]);
        }
        cmd.assert().success();
    }
}

fn shows(dir: &Path) -> Vec<serde_json::Value> {
    (1..=NAMES.len())
        .map(|id| {
            let out =
                tierdesk_bin(dir).args(["customer", "show", &id.to_string(), "--format", "json"]).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect()
}

#[test]
fn an_exported_csv_is_safe_for_spreadsheets_and_imports_back_exactly() {
    let from = tempfile::tempdir().unwrap();
    add_customers(from.path());
    let file = from.path().join("customers.csv");
    tierdesk_bin(from.path()).args(["export", "customers", "-o"]).arg(&file).assert().success();
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{bytes:?}");
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Every line break outside a cell is CRLF (the note's own line break is inside quotes).
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), 1 + NAMES.len(), "{text}");
    for protected in ["'=HYPERLINK(\"\"x\"\")", "'+8613800138000", "'@foo", "'-bar", "''quoted", "''=sum", "\"'-minus"]
    {
        assert!(text.contains(protected), "{protected} in {text}");
    }
    assert!(text.contains("\r\n00123,") && text.contains(",01012345678,"), "{text}");

    let to = tempfile::tempdir().unwrap();
    tierdesk_bin(to.path()).args(["import", "customers"]).arg(&file).assert().success();
    assert_eq!(shows(to.path()), shows(from.path()));
    let names: Vec<String> = shows(to.path()).iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, NAMES);
    // And the same file again from the new book.
    let again = tierdesk_bin(to.path()).args(["export", "customers", "-o", "-"]).output().unwrap();
    assert_eq!(again.stdout, bytes);
}

#[test]
fn every_csv_output_has_a_bom_crlf_and_protected_cells() {
    let dir = tempfile::tempdir().unwrap();
    add_customers(dir.path());
    tierdesk_bin(dir.path())
        .args(["log", "R-1", "--kind", "call", "--date", "2026-11-01", "--follow-up=-call back", "--follow-up-due"])
        .arg("2026-11-20")
        .assert()
        .success();
    for args in [
        &["customer", "list", "--format", "csv"][..],
        &["due", "--format", "csv"],
        &["follow-up", "list", "--format", "csv"],
        &["export", "contacts"],
        &["export", "contacts", "-o", "-"],
    ] {
        let out = tierdesk_bin(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with('\u{FEFF}'), "{args:?}: {text:?}");
        assert!(text.ends_with("\r\n"), "{args:?}: {text:?}");
        assert!(text.split_inclusive('\n').next().unwrap().ends_with("\r\n"), "{args:?}: {text:?}");
        assert!(!text.contains(",+8613800138000") && !text.contains(",=HYPERLINK"), "{args:?}: {text}");
    }
    let list = tierdesk_bin(dir.path()).args(["follow-up", "list", "--format", "csv"]).output().unwrap();
    assert!(String::from_utf8(list.stdout).unwrap().contains(",'-call back,"));
}

#[test]
fn dash_as_the_output_file_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    add_customers(dir.path());
    for what in ["customers", "contacts", "due"] {
        let to_stdout = tierdesk_bin(dir.path()).args(["export", what, "-o", "-"]).output().unwrap();
        assert!(to_stdout.status.success());
        let plain = tierdesk_bin(dir.path()).args(["export", what]).output().unwrap();
        assert_eq!(to_stdout.stdout, plain.stdout, "{what}");
        assert!(!to_stdout.stdout.is_empty());
        assert!(!dir.path().join("-").exists(), "{what}: a file named -");
    }
}
