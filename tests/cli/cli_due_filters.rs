//! `tierdesk due --reason/--tier/--region` (issue 13) through the real binary, on both
//! engines: each flag repeatable (any of its values), the flags combined (all of them).
//! Today is Monday 2026-11-23; the default scheme: A weekly, B every 2 weeks, C monthly,
//! D yearly.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::Value;

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// | id | name    | tier | region | due                                         |
/// |----|---------|------|--------|---------------------------------------------|
/// | 1  | Alpha   | A    | East   | contact 11-17 (6 late)                      |
/// | 2  | Bravo   | B    | West   | contact 10-15 (39 late), never contacted    |
/// | 3  | Charlie | C    | east   | contact 09-30 (54 late)                     |
/// | 4  | Delta   | D    |        | contact today                               |
/// | 5  | Echo    | A    | West   | contact 11-27 (ahead); follow-up 11-22 (1)  |
fn fill(b: &TestBook) {
    for (name, tier, region, created) in [
        ("Alpha", "A", "East", "2026-11-01"),
        ("Bravo", "B", "West", "2026-10-01"),
        ("Charlie", "C", "east", "2026-01-01"),
        ("Delta", "D", "", "2025-01-01"),
        ("Echo", "A", "West", "2026-11-01"),
    ] {
        ok(b, &["customer", "add", "--name", name, "--tier", tier, "--created", created, "--region", region]);
    }
    ok(b, &["log", "1", "--kind", "visit", "--date", "2026-11-10"]);
    ok(b, &["log", "3", "--kind", "call", "--date", "2026-08-31"]);
    ok(b, &["log", "4", "--kind", "visit", "--date", "2025-11-23"]);
    let follow = ["--follow-up", "call back", "--follow-up-due", "2026-11-22"];
    ok(b, &[&["log", "5", "--kind", "call", "--date", "2026-11-20"][..], &follow].concat());
}

/// (customer id, reason) of `due --format json` with `args`.
fn due(b: &TestBook, args: &[&str]) -> Vec<(i64, String)> {
    let text = ok(b, &[&["due", "--format", "json"][..], args].concat());
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    items.iter().map(|i| (i["customer_id"].as_i64().unwrap(), i["reason"].as_str().unwrap().to_string())).collect()
}

fn r(list: &[(i64, &str)]) -> Vec<(i64, String)> {
    list.iter().map(|(id, r)| (*id, r.to_string())).collect()
}

on_both_engines! {
fn each_flag_narrows_and_repeats_widen(book: &TestBook) {
    fill(book);
    assert_eq!(
        due(book, &[]),
        r(&[(1, "cadence"), (2, "cadence"), (3, "cadence"), (4, "cadence"), (5, "follow_up")])
    );
    assert_eq!(due(book, &["--reason", "follow_up"]), r(&[(5, "follow_up")]));
    assert_eq!(due(book, &["--reason", "assessment"]), r(&[]));
    assert_eq!(due(book, &["--tier", "A"]), r(&[(1, "cadence"), (5, "follow_up")]));
    // Repeated: any of the values; a tier in lower case is the scheme's tier.
    assert_eq!(due(book, &["--tier", "b", "--tier", "D"]), r(&[(2, "cadence"), (4, "cadence")]));
    // Regions ignore case and surrounding blanks ("East" and "east" are one region).
    assert_eq!(due(book, &["--region", "EAST "]), r(&[(1, "cadence"), (3, "cadence")]));
    assert_eq!(due(book, &["--region", "east", "--region", "West"]).len(), 4);
}
}

on_both_engines! {
fn flags_combine_with_each_other_and_with_within(book: &TestBook) {
    fill(book);
    assert_eq!(due(book, &["--reason", "cadence", "--tier", "A"]), r(&[(1, "cadence")]));
    assert_eq!(due(book, &["--region", "West", "--tier", "B"]), r(&[(2, "cadence")]));
    assert_eq!(due(book, &["--region", "West", "--reason", "cadence", "--reason", "follow_up"]), r(&[(2, "cadence"), (5, "follow_up")]));
    // The week ahead of one region: Echo's contact (11-27) comes in.
    assert_eq!(
        due(book, &["--region", "west", "--within", "7"]),
        r(&[(2, "cadence"), (5, "follow_up"), (5, "cadence")])
    );
    // Text and CSV are filtered the same way.
    let text = ok(book, &["due", "--tier", "A", "--reason", "cadence"]);
    assert!(text.contains("Alpha") && !text.contains("Echo"), "{text}");
    let csv = ok(book, &["due", "--format", "csv", "--region", "east"]);
    assert_eq!(csv.lines().count(), 3, "{csv}");
}
}

on_both_engines! {
fn an_unknown_tier_or_reason_is_refused_in_one_line(book: &TestBook) {
    fill(book);
    let out = book.cmd().args(["due", "--tier", "Z"]).output().unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim(), "tierdesk: --tier: unknown tier \"Z\"; choose one of A, B, C, D", "{err}");
    let out = book.cmd().args(["--lang", "zh", "due", "--tier", "Z"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("没有“Z”这个等级"), "{err}");
    let out = book.cmd().args(["due", "--reason", "visit"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cadence") && err.contains("follow_up") && err.contains("assessment"), "{err}");
}
}
