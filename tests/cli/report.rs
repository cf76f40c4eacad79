//! `tierdesk report` through the real binary on a small hand-made book whose numbers are
//! worked out by hand below, in text and in JSON.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{d, fields, open, tierdesk_bin};
use assert_cmd::Command;
use serde_json::{Value, json};
use tierdesk::domain::history::NewContact;
use tierdesk::store::prelude::*;

/// Monday 2026-11-23. Periods: A since 11-16, B since 11-09, C since 10-23, D since 2025-11-23.
///
/// | tier | customer  | created    | contacts              | counts as                  |
/// |------|-----------|------------|-----------------------|----------------------------|
/// | A    | 招商银行  | 2025-01-06 | 2026-09-08, 11-16     | within (the first day)     |
/// | A    | 王芳      | 2025-02-01 | 2026-11-10            | overdue (due 11-17)        |
/// | A    | 新客户    | 2026-11-20 | –                     | not yet due, never         |
/// | B    | Acme      | 2025-03-01 | 2026-11-20, 11-23     | within                     |
/// | C    | 李强      | 2025-05-01 | 2026-10-31            | within                     |
/// | C    | Zhang Wei | 2025-06-01 | –                     | overdue, never             |
/// | D    | 赵敏      | 2025-07-01 | 2026-01-15            | within                     |
/// | D    | Old Co    | 2020-01-01 | 2025-06-30            | overdue                    |
///
/// Shares: A 1/2, B 1/1, C 1/2, D 1/2, all 4/7. Weeks from 2026-09-07: 09-08 in week 1,
/// 10-31 in week 8, 11-10 in week 10, 11-16 and 11-20 in week 11, 11-23 in week 12: 6.
fn book(dir: &std::path::Path) {
    let mut s = open(&dir.join("book.sqlite"));
    let people: [(&str, &str, &str, &[&str]); 8] = [
        ("招商银行", "A", "2025-01-06", &["2026-09-08", "2026-11-16"]),
        ("王芳", "A", "2025-02-01", &["2026-11-10"]),
        ("新客户", "A", "2026-11-20", &[]),
        ("Acme", "B", "2025-03-01", &["2026-11-20", "2026-11-23"]),
        ("李强", "C", "2025-05-01", &["2026-10-31"]),
        ("Zhang Wei", "C", "2025-06-01", &[]),
        ("赵敏", "D", "2025-07-01", &["2026-01-15"]),
        ("Old Co", "D", "2020-01-01", &["2025-06-30"]),
    ];
    let mut contacts = Vec::new();
    for (name, tier, created, on) in people {
        let id = s.add_customer(&fields(name, "", tier, created)).unwrap();
        for day in on {
            contacts.push(NewContact {
                customer: id,
                kind: "call".into(),
                on: d(day),
                person: String::new(),
                summary: String::new(),
                outcome: String::new(),
            });
        }
    }
    s.add_contacts_bulk(&contacts, &[]).unwrap();
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_gives_the_hand_computed_numbers_under_stable_names() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let v: Value =
        serde_json::from_str(&stdout(tierdesk_bin(dir.path()).args(["report", "--format", "json"]))).unwrap();
    assert_eq!(v["as_of"], "2026-11-23");
    assert_eq!(v["period"], json!({"from": "2026-09-07", "to": "2026-11-23"}));
    assert_eq!(v["total_customers"], 8);
    assert_eq!(v["total_contacts_in_period"], 6);
    let line = |tier: &str, unit: &str, every: u32, since: &str, n: [u64; 5], share: f64| {
        json!({
            "tier": tier, "cadence": {"every": every, "unit": unit}, "since": since,
            "customers": n[0], "contacted_within_cadence": n[1], "not_yet_due": n[2],
            "share": share, "overdue": n[3], "never_contacted": n[4],
        })
    };
    assert_eq!(
        v["tiers"],
        json!([
            line("A", "week", 1, "2026-11-16", [3, 1, 1, 1, 1], 0.5),
            line("B", "week", 2, "2026-11-09", [1, 1, 0, 0, 0], 1.0),
            line("C", "month", 1, "2026-10-23", [2, 1, 0, 1, 1], 0.5),
            line("D", "year", 1, "2025-11-23", [2, 1, 0, 1, 0], 0.5),
        ])
    );
    assert_eq!(
        v["all"],
        json!({
            "customers": 8, "contacted_within_cadence": 4, "not_yet_due": 1,
            "share": 4.0 / 7.0, "overdue": 3, "never_contacted": 2,
        })
    );
    let weeks: Vec<(String, u64)> = v["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["week_start"].as_str().unwrap().to_string(), w["contacts"].as_u64().unwrap()))
        .collect();
    let mondays = ["09-07", "09-14", "09-21", "09-28", "10-05", "10-12", "10-19", "10-26", "11-02", "11-09", "11-16"];
    let mut want: Vec<(String, u64)> = mondays.iter().map(|m| (format!("2026-{m}"), 0)).collect();
    want.push(("2026-11-23".into(), 0));
    for (i, n) in [(0, 1), (7, 1), (9, 1), (10, 2), (11, 1)] {
        want[i].1 = n;
    }
    assert_eq!(weeks, want);
}

#[test]
fn text_is_a_table_with_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let out = stdout(tierdesk_bin(dir.path()).arg("report"));
    let words = |prefix: &str| -> Vec<String> {
        let line = out.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix} in\n{out}"));
        line.split_whitespace().map(str::to_string).collect()
    };
    assert!(out.starts_with("Coverage report as of 2026-11-23 (Mon)\n"), "{out}");
    let header = out.lines().find(|l| l.starts_with("Tier")).unwrap();
    for col in ["Customers", "Within cadence", "Not yet due", "Share", "Overdue", "Never contacted"] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(words("A "), ["A", "Key", "every", "week", "2026-11-16", "3", "1", "1", "50%", "1", "1"]);
    assert_eq!(words("B "), ["B", "Major", "every", "2", "weeks", "2026-11-09", "1", "1", "0", "100%", "0", "0"]);
    assert_eq!(words("C "), ["C", "Regular", "every", "month", "2026-10-23", "2", "1", "0", "50%", "1", "1"]);
    assert_eq!(words("D "), ["D", "Occasional", "every", "year", "2025-11-23", "2", "1", "0", "50%", "1", "0"]);
    assert_eq!(words("All "), ["All", "8", "4", "1", "57%", "3", "2"]);
    // Numbers are right-aligned under their headings.
    let end_of = |l: &str, col: &str| l.find(col).unwrap() + col.len();
    let a = out.lines().find(|l| l.starts_with("A ")).unwrap();
    assert_eq!(a.len(), end_of(header, "Never contacted"), "{out}");
    assert!(out.contains("Contacts per week, 2026-09-07 to 2026-11-23 (6 in all; the last week so far):"), "{out}");
    assert_eq!(words("2026-09-07"), ["2026-09-07", "1"]);
    assert_eq!(words("2026-11-16"), ["2026-11-16", "2"]);
    assert_eq!(words("2026-11-23"), ["2026-11-23", "1"]);
    assert_eq!(out.lines().filter(|l| l.starts_with("2026-")).count(), 12, "{out}");
}

#[test]
fn an_empty_book_prints_dashes_not_zero_percent() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(tierdesk_bin(dir.path()).arg("report"));
    let a = out.lines().find(|l| l.starts_with("A ")).unwrap();
    assert_eq!(a.split_whitespace().collect::<Vec<_>>()[5..], ["0", "0", "0", "–", "0", "0"]);
    let v: Value =
        serde_json::from_str(&stdout(tierdesk_bin(dir.path()).args(["report", "--format", "json"]))).unwrap();
    assert_eq!(v["tiers"][0]["share"], Value::Null);
    assert_eq!(v["total_contacts_in_period"], 0);
}

#[test]
fn help_explains_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(tierdesk_bin(dir.path()).args(["report", "--help"]));
    assert!(out.contains("not yet due"), "{out}");
    assert!(out.contains("within cadence / (customers - not yet due)"), "{out}");
}
