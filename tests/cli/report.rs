//! `tierdesk report` through the real binary on a small hand-made book whose numbers are
//! worked out by hand below, in text and in JSON.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use crate::common::{d, fields, tierdesk_bin};
use assert_cmd::Command;
use serde_json::{Value, json};
use tierdesk::domain::customer::CustomerFields;
use tierdesk::domain::history::NewContact;

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
fn fill(b: &TestBook) {
    let mut s = b.open();
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
        let id = s.add_customer(&CustomerFields { owner: b.person(), ..fields(name, "", tier, created) }).unwrap();
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

on_both_engines! {
fn json_gives_the_hand_computed_numbers_under_stable_names(book: &TestBook) {
    fill(book);
    let v: Value =
        serde_json::from_str(&stdout(book.cmd().args(["report", "--format", "json"]))).unwrap();
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
}

on_both_engines! {
fn text_is_a_table_with_the_same_numbers(book: &TestBook) {
    fill(book);
    let out = stdout(book.cmd().arg("report"));
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
}

on_both_engines! {
fn an_empty_book_prints_dashes_not_zero_percent(book: &TestBook) {
    let out = stdout(book.cmd().arg("report"));
    let a = out.lines().find(|l| l.starts_with("A ")).unwrap();
    assert_eq!(a.split_whitespace().collect::<Vec<_>>()[5..], ["0", "0", "0", "–", "0", "0"]);
    let v: Value =
        serde_json::from_str(&stdout(book.cmd().args(["report", "--format", "json"]))).unwrap();
    assert_eq!(v["tiers"][0]["share"], Value::Null);
    assert_eq!(v["total_contacts_in_period"], 0);
}
}

#[test]
fn help_explains_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(tierdesk_bin(dir.path()).args(["report", "--help"]));
    assert!(out.contains("not yet due"), "{out}");
    assert!(out.contains("within cadence / (customers - not yet due)"), "{out}");
}

#[test]
fn by_owner_gives_each_persons_report_under_the_same_names_and_follows_a_hand_over() {
    // On a book file (tests/team/team_report.rs compares the team book's with it).
    let book = &TestBook::new(Engine::Sqlite).unwrap();
    fill(book);
    let run = |args: &[&str]| -> Value { serde_json::from_str(&stdout(book.cmd().args(args))).unwrap() };
    let whole = run(&["report", "--format", "json"]);
    let by = run(&["report", "--by", "owner", "--format", "json"]);
    assert_eq!((&by["as_of"], &by["period"]), (&whole["as_of"], &whole["period"]));
    // One owner: their report is the book's, plus who and how many contacts a week.
    let owners = by["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 1);
    let mut lin = owners[0].clone();
    assert_eq!(lin["owner"], book.person().as_str());
    assert_eq!(lin["contacts_per_week"], 0.5);
    let o = lin.as_object_mut().unwrap();
    o.remove("owner");
    o.remove("contacts_per_week");
    assert_eq!(lin, whole);

    // Acme (tier B, two contacts this period) goes to wang: the lines split, the sums hold.
    book.cmd().args(["person", "add", "wang", "--name", "Wang", "--role", "manager"]).assert().success();
    book.cmd().args(["person", "handover", &book.person(), "wang", "--customer", "Acme"]).assert().success();
    let by = run(&["report", "--by", "owner", "--format", "json"]);
    let owners = by["owners"].as_array().unwrap();
    let names: Vec<&str> = owners.iter().map(|o| o["owner"].as_str().unwrap()).collect();
    assert_eq!(names, ["wang", book.person().as_str()], "in the order of their logins");
    let (wang, lin) = (&owners[0], &owners[1]);
    assert_eq!((&wang["total_customers"], &wang["total_contacts_in_period"]), (&json!(1), &json!(2)));
    assert_eq!(wang["contacts_per_week"], 2.0 / 12.0);
    assert_eq!(wang["tiers"][1]["tier"], "B");
    assert_eq!(wang["tiers"][1]["contacted_within_cadence"], 1);
    assert_eq!(wang["tiers"][0]["customers"], 0);
    assert_eq!((&lin["total_customers"], &lin["total_contacts_in_period"]), (&json!(7), &json!(4)));
    for field in ["customers", "contacted_within_cadence", "not_yet_due", "overdue", "never_contacted"] {
        let sum = lin["all"][field].as_u64().unwrap() + wang["all"][field].as_u64().unwrap();
        assert_eq!(json!(sum), whole["all"][field], "{field}");
    }

    // The text, in both languages: a line per tier a person has customers in, then theirs.
    let en = stdout(book.cmd().args(["report", "--by", "owner"]));
    assert!(en.starts_with("Coverage by person as of 2026-11-23 (Mon)\n"), "{en}");
    assert!(en.contains("Contacts/week"), "{en}");
    let wang_lines: Vec<&str> = en.lines().filter(|l| l.starts_with("wang")).collect();
    assert_eq!(wang_lines.len(), 2, "{en}");
    assert!(wang_lines[1].contains("All") && wang_lines[1].ends_with("0.2"), "{en}");
    let zh = stdout(book.cmd().env("LANG", "zh_CN.UTF-8").args(["report", "--by", "owner"]));
    assert!(zh.starts_with("按负责人的联系覆盖报告，截至 2026-11-23（周一）"), "{zh}");
    assert!(zh.contains("每周联系") && zh.contains("全部"), "{zh}");
}
