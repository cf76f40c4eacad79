//! Re-assessment on the daily list: an assessment expires two years after it was taken and
//! then shows in `tierdesk due` with reason "assessment"; a missing one shows only where the
//! scheme (brokerage) or the config requires every customer to be assessed.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::Value;

const ANSWERS: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

fn assessment_rows(b: &TestBook, extra: &[&str]) -> Vec<(String, String, i64, String)> {
    let out = b.cmd().args(["due", "--format", "json"]).args(extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|i| i["reason"] == "assessment")
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["due_date"].as_str().unwrap().to_string(),
                i["days_overdue"].as_i64().unwrap(),
                i["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn add(b: &TestBook, name: &str, tier: &str) {
    b.cmd().args(["customer", "add", "--name", name, "--tier", tier, "--created", "2024-01-10"]).assert().success();
}

on_both_engines! {
fn an_assessment_expires_after_two_years(book: &TestBook) {
    add(book, "Old", "D");
    add(book, "Fresh", "D");
    add(book, "Never", "D");
    book.cmd().args(["assess", "Old", "--answers", ANSWERS, "--date", "2024-11-20"]).assert().success();
    book.cmd().args(["assess", "Fresh", "--answers", ANSWERS, "--date", "2025-06-01"]).assert().success();
    // default scheme: only the expired one, not the never-assessed one
    let rows = assessment_rows(book, &[]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str(), rows[0].2), ("Old", "2026-11-20", 3));
    assert!(rows[0].3.contains("2024-11-20") && rows[0].3.contains("Steady"), "{}", rows[0].3);
    // a new assessment takes it off the list
    book.cmd().args(["assess", "Old", "--answers", ANSWERS]).assert().success();
    assert!(assessment_rows(book, &[]).is_empty());
}
}

on_both_engines! { scheme = "brokerage";
fn a_missing_assessment_is_due_where_the_scheme_wants_every_customer_assessed(book: &TestBook) {
    add(book, "Never", "ORD");
    let rows = assessment_rows(book, &[]);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), ("Never", "2024-01-10"));
    assert_eq!(rows[0].3, "never assessed");
}
}

on_both_engines! {
fn a_missing_assessment_is_due_where_the_config_wants_every_customer_assessed(book: &TestBook) {
    add(book, "Never", "D");
    assert!(assessment_rows(book, &[]).is_empty());
    std::fs::create_dir_all(book.dir().join("config")).unwrap();
    std::fs::write(book.dir().join("config/config.toml"), "require_assessment = true\n").unwrap();
    assert_eq!(assessment_rows(book, &[]).len(), 1);
}
}
