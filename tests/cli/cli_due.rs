//! `tierdesk due` and `tierdesk log` through the real binary, against hand-computed dates.
//! Today is fixed at Monday 2026-11-23; the book uses the default scheme: A weekly,
//! B every 2 weeks, C monthly, D yearly.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use predicates::prelude::*;
use serde_json::Value;

fn add(b: &TestBook, name: &str, tier: &str, created: &str, extra: &[&str]) -> String {
    let out = b
        .cmd()
        .args(["customer", "add", "--name", name, "--tier", tier, "--created", created])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Run `log` and return its one line of output.
fn log(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().arg("log").args(args).output().unwrap();
    assert!(out.status.success(), "log {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    text
}

/// A small book, ids 1..=10 in this order:
///
/// | id | name    | tier | created    | contacts                      | due        | late on 11-23 |
/// |----|---------|------|------------|-------------------------------|------------|---------------|
/// | 1  | Alpha   | A    | 2026-11-01 | visit 11-10 (by ref K-1)      | 2026-11-17 | 6             |
/// | 2  | Able    | A    | 2026-11-01 | call 11-13 (by id)            | 2026-11-20 | 3             |
/// | 3  | Bravo   | A    | 2026-11-01 | call 11-13 (by name, 电话)    | 2026-11-20 | 3             |
/// | 4  | Charlie | B    | 2026-10-01 | none                          | 2026-10-15 | 39            |
/// | 5  | Delta   | C    | 2026-01-01 | email 10-31 (month end)       | 2026-11-30 | -7            |
/// | 6  | Echo    | D    | 2025-01-01 | visit 2025-11-23              | 2026-11-23 | 0             |
/// | 7  | Foxtrot | C    | 2026-01-01 | call 08-31 (month end)        | 2026-09-30 | 54            |
/// | 8  | Golf    | B    | 2026-11-01 | call 11-20, follow-up 11-22   | 2026-12-04 | -11 (fu: 1)   |
/// | 9  | Hotel   | D    | 2026-06-01 | meal today, follow-up 11-25   | 2027-11-23 | (fu: -2)      |
/// | 10 | India   | A    | 2026-11-01 | message 11-20 (by id)         | 2026-11-27 | -4            |
fn fill(d: &TestBook) {
    assert_eq!(add(d, "Alpha", "A", "2026-11-01", &["--ref", "K-1", "--company", "Atlas"]), "1");
    assert_eq!(add(d, "Able", "A", "2026-11-01", &[]), "2");
    assert_eq!(add(d, "Bravo", "A", "2026-11-01", &[]), "3");
    assert_eq!(add(d, "Charlie", "B", "2026-10-01", &[]), "4");
    assert_eq!(add(d, "Delta", "C", "2026-01-01", &[]), "5");
    assert_eq!(add(d, "Echo", "D", "2025-01-01", &[]), "6");
    assert_eq!(add(d, "Foxtrot", "C", "2026-01-01", &[]), "7");
    assert_eq!(add(d, "Golf", "B", "2026-11-01", &[]), "8");
    assert_eq!(add(d, "Hotel", "D", "2026-06-01", &[]), "9");
    assert_eq!(add(d, "India", "A", "2026-11-01", &[]), "10");
    assert_eq!(
        log(d, &["K-1", "--kind", "visit", "--date", "2026-11-10"]),
        "logged visit with Alpha (#1) on 2026-11-10; next due 2026-11-17\n"
    );
    assert_eq!(
        log(d, &["2", "--kind", "call", "--date", "2026-11-13"]),
        "logged call with Able (#2) on 2026-11-13; next due 2026-11-20\n"
    );
    assert_eq!(
        log(d, &["Bravo", "--kind", "电话", "--date", "2026-11-13"]),
        "logged call with Bravo (#3) on 2026-11-13; next due 2026-11-20\n"
    );
    assert_eq!(
        log(d, &["Delta", "--kind", "email", "--date", "2026-10-31"]),
        "logged email with Delta (#5) on 2026-10-31; next due 2026-11-30\n"
    );
    assert_eq!(
        log(d, &["Echo", "--kind", "visit", "--date", "2025-11-23"]),
        "logged visit with Echo (#6) on 2025-11-23; next due 2026-11-23\n"
    );
    assert_eq!(
        log(d, &["Foxtrot", "--kind", "call", "--date", "2026-08-31"]),
        "logged call with Foxtrot (#7) on 2026-08-31; next due 2026-09-30\n"
    );
    assert_eq!(
        log(
            d,
            &[
                "Golf",
                "--kind",
                "call",
                "--date",
                "2026-11-20",
                "--note",
                "asked for prices",
                "--follow-up",
                "send quote",
                "--follow-up-due",
                "2026-11-22"
            ]
        ),
        "logged call with Golf (#8) on 2026-11-20; next due 2026-12-04; follow-up \"send quote\" due 2026-11-22\n"
    );
    assert_eq!(
        log(d, &["Hotel", "--kind", "meal", "--follow-up", "call back", "--follow-up-due", "2026-11-25"]),
        "logged meal with Hotel (#9) on 2026-11-23; next due 2027-11-23; follow-up \"call back\" due 2026-11-25\n"
    );
    assert_eq!(
        log(d, &["10", "--kind", "message", "--date", "2026-11-20"]),
        "logged message with India (#10) on 2026-11-20; next due 2026-11-27\n"
    );
}

/// `due --format json` with extra arguments: the raw text and the parsed items.
fn due_json(b: &TestBook, args: &[&str]) -> (String, Vec<Value>) {
    let out = b.cmd().args(["due", "--format", "json"]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let raw = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(&raw).unwrap();
    (raw.clone(), v.as_array().unwrap().clone())
}

/// (customer id, reason, due date, days overdue) per item, in order.
fn summary(items: &[Value]) -> Vec<(i64, String, String, i64)> {
    items
        .iter()
        .map(|i| {
            (
                i["customer_id"].as_i64().unwrap(),
                i["reason"].as_str().unwrap().to_string(),
                i["due_date"].as_str().unwrap().to_string(),
                i["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn s(list: &[(i64, &str, &str, i64)]) -> Vec<(i64, String, String, i64)> {
    list.iter().map(|(id, r, d, n)| (*id, r.to_string(), d.to_string(), *n)).collect()
}

const KEYS: [&str; 11] = [
    "customer_id",
    "ref",
    "name",
    "tier",
    "reason",
    "last_contact",
    "due_date",
    "days_overdue",
    "detail",
    "escalated",
    "release_on",
];

/// The keys as they appear in the pretty-printed text, object by object.
fn keys_in_text(raw: &str) -> Vec<Vec<String>> {
    let mut objects: Vec<Vec<String>> = Vec::new();
    for line in raw.lines() {
        let t = line.trim();
        if t == "{" {
            objects.push(Vec::new());
        } else if let Some(rest) = t.strip_prefix('"')
            && let Some(end) = rest.find("\": ")
        {
            objects.last_mut().unwrap().push(rest[..end].to_string());
        }
    }
    objects
}

on_both_engines! {
fn due_today_is_ranked_with_exact_dates_and_keys(book: &TestBook) {
    fill(book);
    let (raw, items) = due_json(book, &[]);
    assert_eq!(
        summary(&items),
        s(&[
            // overdue cadence: A by lateness then name, then B, then C
            (1, "cadence", "2026-11-17", 6),
            (2, "cadence", "2026-11-20", 3),
            (3, "cadence", "2026-11-20", 3),
            (4, "cadence", "2026-10-15", 39),
            (7, "cadence", "2026-09-30", 54),
            // due today
            (6, "cadence", "2026-11-23", 0),
            // follow-ups
            (8, "follow_up", "2026-11-22", 1),
        ])
    );
    // exactly these keys, in this order, in every object
    let keys = keys_in_text(&raw);
    assert_eq!(keys.len(), items.len());
    for k in &keys {
        assert_eq!(k, &KEYS, "{raw}");
    }
    for item in &items {
        assert_eq!(item.as_object().unwrap().len(), KEYS.len());
    }
    assert_eq!(
        items[0],
        serde_json::json!({
            "customer_id": 1, "ref": "K-1", "name": "Alpha", "tier": "A", "reason": "cadence",
            "last_contact": "2026-11-10", "due_date": "2026-11-17", "days_overdue": 6, "detail": "every week",
            "escalated": false, "release_on": null
        })
    );
    assert_eq!(
        items[3],
        serde_json::json!({
            "customer_id": 4, "ref": "K-00003", "name": "Charlie", "tier": "B", "reason": "cadence",
            "last_contact": null, "due_date": "2026-10-15", "days_overdue": 39, "detail": "every 2 weeks",
            "escalated": false, "release_on": null
        })
    );
    assert_eq!(items[4]["detail"], "every month");
    assert_eq!(items[5]["detail"], "every year");
    assert_eq!(items[5]["last_contact"], "2025-11-23");
    assert_eq!(
        items[6],
        serde_json::json!({
            "customer_id": 8, "ref": "K-00007", "name": "Golf", "tier": "B", "reason": "follow_up",
            "last_contact": "2026-11-20", "due_date": "2026-11-22", "days_overdue": 1, "detail": "send quote",
            "escalated": false, "release_on": null
        })
    );
    // the global --today is the default date, and --date the same day gives the same list
    let (same, _) = due_json(book, &["--date", "2026-11-23"]);
    assert_eq!(same, raw);
}
}

on_both_engines! {
fn within_adds_what_falls_due_soon_with_negative_lateness(book: &TestBook) {
    fill(book);
    let (_, items) = due_json(book, &["--within", "7"]);
    assert_eq!(
        summary(&items),
        s(&[
            (1, "cadence", "2026-11-17", 6),
            (2, "cadence", "2026-11-20", 3),
            (3, "cadence", "2026-11-20", 3),
            (4, "cadence", "2026-10-15", 39),
            (7, "cadence", "2026-09-30", 54),
            (6, "cadence", "2026-11-23", 0),
            (8, "follow_up", "2026-11-22", 1),
            // coming up, best tier first: Golf's cadence (12-04) is beyond the window
            (10, "cadence", "2026-11-27", -4),
            (5, "cadence", "2026-11-30", -7),
            (9, "follow_up", "2026-11-25", -2),
        ])
    );
    assert_eq!(items[9]["detail"], "call back");
    assert_eq!(items[9]["last_contact"], "2026-11-23");
    // the window's last day is included
    let (_, items) = due_json(book, &["--within", "11"]);
    let upcoming: Vec<_> = summary(&items).into_iter().filter(|i| i.3 < 0).collect();
    assert_eq!(
        upcoming,
        s(&[
            (10, "cadence", "2026-11-27", -4),
            (8, "cadence", "2026-12-04", -11),
            (5, "cadence", "2026-11-30", -7),
            (9, "follow_up", "2026-11-25", -2),
        ])
    );
}
}

on_both_engines! {
fn a_date_in_the_future_counts_lateness_from_that_date(book: &TestBook) {
    fill(book);
    let (_, items) = due_json(book, &["--date", "2026-12-01"]);
    assert_eq!(
        summary(&items),
        s(&[
            (1, "cadence", "2026-11-17", 14),
            (2, "cadence", "2026-11-20", 11),
            (3, "cadence", "2026-11-20", 11),
            (10, "cadence", "2026-11-27", 4),
            (4, "cadence", "2026-10-15", 47),
            (7, "cadence", "2026-09-30", 62),
            (5, "cadence", "2026-11-30", 1),
            (6, "cadence", "2026-11-23", 8),
            (8, "follow_up", "2026-11-22", 9),
            (9, "follow_up", "2026-11-25", 6),
        ])
    );
}
}

on_both_engines! {
fn csv_and_text_show_the_same_items(book: &TestBook) {
    fill(book);
    let out = book.cmd().args(["due", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 7, "{text}");
    // Spreadsheet-safe: a BOM first, CRLF line ends.
    assert!(text.starts_with('\u{FEFF}') && text.ends_with("\r\n"), "{text:?}");
    assert_eq!(lines[0], "\u{FEFF}customer_id,ref,name,tier,reason,last_contact,due_date,days_overdue,detail");
    assert_eq!(lines[1], "1,K-1,Alpha,A,cadence,2026-11-10,2026-11-17,6,every week");
    // Customers added without --ref got the config's pattern's next: K-00001 from Able on.
    assert_eq!(lines[4], "4,K-00003,Charlie,B,cadence,,2026-10-15,39,every 2 weeks");
    assert_eq!(lines[7], "8,K-00007,Golf,B,follow_up,2026-11-20,2026-11-22,1,send quote");

    let out = book.cmd().args(["due"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 7, "{text}");
    for h in ["Tier", "Name", "Company", "Reason", "Last contact", "Due", "Late"] {
        assert!(lines[0].contains(h), "{text}");
    }
    assert!(lines[1].contains("Alpha") && lines[1].contains("Atlas") && lines[1].contains("2026-11-17"), "{text}");
    assert!(lines[4].contains("Charlie") && lines[4].contains("never"), "{text}");
    assert!(lines[7].contains("send quote"), "{text}");
    // columns are aligned: every row's due date starts where the header's "Due" does
    let col = lines[0].find("Due").unwrap();
    for l in &lines[1..] {
        assert_eq!(l.get(col..col + 4), Some("2026"), "{text}");
    }
}
}

on_both_engines! {
fn a_backdated_contact_moves_nothing_and_one_today_clears_the_item(book: &TestBook) {
    fill(book);
    let (before, _) = due_json(book, &["--within", "7"]);
    assert_eq!(
        log(book, &["Bravo", "--kind", "visit", "--date", "2026-11-01"]),
        "logged visit with Bravo (#3) on 2026-11-01; next due 2026-11-20\n"
    );
    let (after, _) = due_json(book, &["--within", "7"]);
    assert_eq!(after, before);
    // a contact today meets the requirement: the item leaves the list (done items are not shown)
    assert_eq!(
        log(book, &["K-1", "--kind", "call"]),
        "logged call with Alpha (#1) on 2026-11-23; next due 2026-11-30\n"
    );
    let (_, items) = due_json(book, &[]);
    assert!(items.iter().all(|i| i["customer_id"] != 1), "{items:?}");
    assert_eq!(items.len(), 6);
}
}

on_both_engines! {
fn due_bad_input_exits_2_with_one_line(book: &TestBook) {
    let a = book.cmd().args(["due", "--date", "2026-02-30"]).assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--date") && err.contains("2026-02-30"), "{err}");
    book.cmd().args(["due", "--within", "-1"]).assert().code(2);
    book.cmd().args(["due", "--within", "soon"]).assert().code(2);
    book.cmd().args(["due", "--format", "xml"]).assert().code(2);
    // an empty book: nothing due
    book.cmd().args(["due", "--format", "json"]).assert().success().stdout("[]\n");
    book.cmd()
        .args(["due", "--format", "csv"])
        .assert()
        .success()
        .stdout("\u{FEFF}customer_id,ref,name,tier,reason,last_contact,due_date,days_overdue,detail\r\n");
}
}

fn customers_json(b: &TestBook) -> String {
    let out = b.cmd().args(["customer", "list", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Run `log`, expect exit code 2 and one line on stderr; return it.
fn log_refused(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().arg("log").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "log {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

on_both_engines! {
fn log_refuses_bad_input_and_saves_nothing(book: &TestBook) {
    let d = book;
    assert_eq!(add(d, "王芳", "A", "2026-11-01", &["--company", "华信", "--ref", "K-7"]), "1");
    assert_eq!(add(d, "王芳", "C", "2026-10-31", &["--company", "远航"]), "2");
    assert_eq!(add(d, "Acme", "B", "2026-11-01", &[]), "3");
    let customers = customers_json(d);
    let (due, _) = due_json(d, &["--within", "30"]);

    let err = log_refused(d, &["Nobody", "--kind", "call"]);
    assert!(err.contains("\"Nobody\""), "{err}");
    let err = log_refused(d, &["99", "--kind", "call"]);
    assert!(err.contains("\"99\""), "{err}");

    let err = log_refused(d, &["王芳", "--kind", "call", "--note", "hello"]);
    assert!(err.contains("\"王芳\" matches 2 customers"), "{err}");
    assert!(err.contains("#1 王芳 [K-7] (华信, A)") && err.contains("#2 王芳 [K-00001] (远航, C)"), "{err}");
    assert!(err.contains("give the id or ref"), "{err}");

    let err = log_refused(d, &["Acme", "--kind", "fax"]);
    assert!(err.contains("\"fax\"") && err.contains("visit, call, message, email, meal, gift, event"), "{err}");

    let err = log_refused(d, &["Acme", "--kind", "call", "--date", "2026-11-24"]);
    assert!(err.contains("in the future"), "{err}");
    let err = log_refused(d, &["Acme", "--kind", "call", "--date", "2026-02-30"]);
    assert!(err.contains("--date") && err.contains("2026-02-30"), "{err}");
    let err = log_refused(d, &["Acme", "--kind", "call", "--date", "yesterday"]);
    assert!(err.contains("--date"), "{err}");

    let err = log_refused(d, &["Acme", "--kind", "call", "--follow-up", "send quote"]);
    assert!(err.contains("--follow-up-due"), "{err}");
    let err = log_refused(d, &["Acme", "--kind", "call", "--follow-up-due", "2026-11-30"]);
    assert!(err.contains("--follow-up"), "{err}");
    let err = log_refused(d, &["Acme", "--kind", "call", "--follow-up", "x", "--follow-up-due", "2026-13-01"]);
    assert!(err.contains("--follow-up-due"), "{err}");
    let err = log_refused(
        d,
        &["Acme", "--kind", "call", "--date", "2026-11-20", "--follow-up", "x", "--follow-up-due", "2026-11-19"],
    );
    assert!(err.contains("before the contact"), "{err}");

    // nothing was written
    assert_eq!(customers_json(d), customers);
    assert_eq!(due_json(d, &["--within", "30"]).0, due);
}
}

on_both_engines! {
fn log_finds_customers_by_id_ref_or_name(book: &TestBook) {
    let d = book;
    assert_eq!(add(d, "王芳", "A", "2026-11-01", &["--ref", "K-7"]), "1");
    assert_eq!(add(d, "王芳", "C", "2026-10-31", &["--ref", "77"]), "2");
    assert_eq!(add(d, "Acme", "B", "2026-11-01", &[]), "3");
    // by id: the duplicate name does not matter
    assert_eq!(
        log(d, &["2", "--kind", "visit", "--date", "2026-10-31"]),
        "logged visit with 王芳 (#2) on 2026-10-31; next due 2026-11-30\n"
    );
    // by ref
    assert_eq!(
        log(d, &["K-7", "--kind", "拜访", "--date", "2026-11-20"]),
        "logged visit with 王芳 (#1) on 2026-11-20; next due 2026-11-27\n"
    );
    // all digits but no such id: a ref
    assert_eq!(
        log(d, &["77", "--kind", "Call", "--date", "2026-11-02"]),
        "logged call with 王芳 (#2) on 2026-11-02; next due 2026-12-02\n"
    );
    // by exact name, with a follow-up relative to the contact
    assert_eq!(
        log(
            d,
            &["Acme", "--kind", "email", "--date", "2026-11-20", "--follow-up", "send deck", "--follow-up-due", "+1w"]
        ),
        "logged email with Acme (#3) on 2026-11-20; next due 2026-12-04; follow-up \"send deck\" due 2026-11-27\n"
    );
    let list: Value = serde_json::from_str(&customers_json(d)).unwrap();
    let by_id = |id: i64| list.as_array().unwrap().iter().find(|c| c["customer_id"] == id).unwrap().clone();
    assert_eq!(by_id(1)["last_contact"], "2026-11-20");
    assert_eq!(by_id(2)["last_contact"], "2026-11-02");
    assert_eq!(by_id(3)["next_due"], "2026-12-04");
    let (_, items) = due_json(d, &["--within", "4"]);
    assert_eq!(summary(&items), s(&[(1, "cadence", "2026-11-27", -4), (3, "follow_up", "2026-11-27", -4)]));
    // the follow-up's text is the detail in the text table too
    d.cmd().args(["due", "--within", "4"]).assert().success().stdout(predicate::str::contains("send deck"));
}
}
