//! The screens' record writes from the command line (issue 13 point 5): `customer show`,
//! `customer edit`, `customer delete`, `follow-up list|done|reschedule` and `snooze`, through
//! the real binary on a book file and on a team book. Today is fixed at Monday 2026-11-23;
//! the default scheme: A weekly, B every 2 weeks, C monthly.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::Value;

/// Answers to the risk questionnaire that score 54, "steady".
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

/// Run a command that must succeed; its standard output.
fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(b: &TestBook, args: &[&str]) -> Value {
    serde_json::from_str(&ok(b, args)).unwrap()
}

/// Run a command that must be refused with exit code `code`; its one line on stderr.
fn refused(b: &TestBook, args: &[&str], code: i32) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    err.trim_end().to_string()
}

/// Everything these commands could write, as the command line reads it.
fn snapshot(b: &TestBook) -> String {
    let mut all = ok(b, &["customer", "list", "--all", "--format", "json"]);
    for which in ["--open", "--done"] {
        all.push_str(&ok(b, &["follow-up", "list", "--all", which, "--format", "json"]));
    }
    all
}

/// The open follow-ups' ids, by what they promise.
fn follow_up_id(b: &TestBook, what: &str) -> String {
    let list = json(b, &["follow-up", "list", "--all", "--format", "json"]);
    let found = list.as_array().unwrap().iter().find(|f| f["what"] == what).unwrap_or_else(|| panic!("{list:#}"));
    found["id"].as_i64().unwrap().to_string()
}

/// Alpha (A, ref K-1, visited 11-10, follow-up "send the quote" due 11-20: 3 days late),
/// Bravo (B, called 11-20: due 12-04, follow-up "call back" due 11-25), two customers named
/// Twin (refs T-1, T-2).
fn fill(b: &TestBook) {
    let add = |name: &str, tier: &str, extra: &[&str]| {
        ok(b, &[&["customer", "add", "--name", name, "--tier", tier, "--created", "2026-10-01"], extra].concat());
    };
    add("Alpha", "A", &["--ref", "K-1", "--email", "alpha@example.com"]);
    add("Bravo", "B", &[]);
    add("Twin", "C", &["--ref", "T-1"]);
    add("Twin", "C", &["--ref", "T-2"]);
    let log = ["log", "K-1", "--kind", "visit", "--date", "2026-11-10"];
    ok(b, &[&log[..], &["--follow-up", "send the quote", "--follow-up-due", "2026-11-20"]].concat());
    let log = ["log", "Bravo", "--kind", "call", "--date", "2026-11-20"];
    ok(b, &[&log[..], &["--follow-up", "call back", "--follow-up-due", "2026-11-25"]].concat());
}

on_both_engines! {
fn show_gives_profile_risk_and_open_follow_ups(book: &TestBook) {
    fill(book);
    ok(book, &["assess", "Alpha", "--answers", STEADY, "--date", "2025-01-10"]);
    let c = json(book, &["customer", "show", "K-1", "--format", "json"]);
    let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["customer_id", "ref", "name", "tier", "owner", "email", "last_contact", "next_due", "awaiting_signoff",
        "risk_category", "risk_score", "assessed_on", "risk_expires", "risk_expired", "open_follow_ups"]
    {
        assert!(keys.contains(&key), "{key} missing: {c:#}");
    }
    assert_eq!((c["name"].as_str(), c["tier"].as_str(), c["ref"].as_str()), (Some("Alpha"), Some("A"), Some("K-1")));
    assert_eq!(c["owner"], book.person().as_str());
    assert_eq!((c["last_contact"].as_str(), c["next_due"].as_str()), (Some("2026-11-10"), Some("2026-11-17")));
    assert_eq!((c["risk_category"].as_str(), c["risk_score"].as_u64()), (Some("steady"), Some(54)));
    assert_eq!((c["assessed_on"].as_str(), c["risk_expires"].as_str()), (Some("2025-01-10"), Some("2027-01-10")));
    assert_eq!(c["risk_expired"], false);
    let open = c["open_follow_ups"].as_array().unwrap();
    assert_eq!(open.len(), 1, "{c:#}");
    assert_eq!((open[0]["what"].as_str(), open[0]["due"].as_str()), (Some("send the quote"), Some("2026-11-20")));
    assert_eq!(open[0]["days_overdue"], 3);

    // Never assessed, by id; the text says so and lists the follow-up.
    let bravo = json(book, &["customer", "show", "2", "--format", "json"]);
    assert_eq!((bravo["risk_category"].clone(), bravo["risk_expires"].clone()), (Value::Null, Value::Null));
    let text = ok(book, &["customer", "show", "Bravo"]);
    assert!(text.starts_with("Bravo (#2)\n"), "{text}");
    for part in ["Tier: B", "Next due: 2026-12-04", "Risk: never assessed", "Open follow-ups (1):", "2026-11-25  call back"]
    {
        assert!(text.contains(part), "{part}: {text}");
    }
    let zh = ok(book, &["--lang", "zh", "customer", "show", "K-1"]);
    assert!(zh.contains("风险类型：") && zh.contains("未完成的跟进（1）："), "{zh}");
}

fn edit_changes_the_fields_given_audited(book: &TestBook) {
    fill(book);
    let out = ok(book, &["customer", "edit", "K-1", "--phone", "13800138000", "--email", "new@example.com",
        "--notes", "likes tea"]);
    assert_eq!(out, "Saved: Alpha\n");
    let c = json(book, &["customer", "show", "K-1", "--format", "json"]);
    assert_eq!((c["phone"].as_str(), c["email"].as_str(), c["notes"].as_str()),
        (Some("13800138000"), Some("new@example.com"), Some("likes tea")));
    // Untouched fields and the tier stay.
    assert_eq!((c["name"].as_str(), c["tier"].as_str(), c["ref"].as_str()), (Some("Alpha"), Some("A"), Some("K-1")));
    let history = ok(book, &["history", "K-1", "--all"]);
    assert!(history.contains("alpha@example.com -> new@example.com"), "{history}");
    // An empty value empties the field; the name is changed like any other.
    ok(book, &["customer", "edit", "1", "--email", "", "--name", "Alpha Ltd"]);
    let c = json(book, &["customer", "show", "K-1", "--format", "json"]);
    assert_eq!((c["name"].as_str(), c["email"].as_str()), (Some("Alpha Ltd"), Some("")));
}

fn follow_ups_are_listed_done_and_rescheduled(book: &TestBook) {
    fill(book);
    let open = json(book, &["follow-up", "list", "--format", "json"]);
    let whats: Vec<&str> = open.as_array().unwrap().iter().map(|f| f["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["send the quote", "call back"]);
    let first = &open[0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "customer_id", "ref", "name", "what", "due", "days_overdue", "done_at"]);
    assert_eq!((first["ref"].as_str(), first["days_overdue"].as_i64()), (Some("K-1"), Some(3)));
    let overdue = json(book, &["follow-up", "list", "--overdue", "--format", "json"]);
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    let csv = ok(book, &["follow-up", "list", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("\u{FEFF}id,customer_id,ref,name,what,due,days_overdue,done_at"));
    assert_eq!(csv.lines().count(), 3, "{csv}");

    let quote = follow_up_id(book, "send the quote");
    assert_eq!(ok(book, &["follow-up", "done", &quote]), "Done: send the quote (for Alpha)\n");
    let done = json(book, &["follow-up", "list", "--done", "--format", "json"]);
    assert_eq!(done[0]["what"], "send the quote");
    assert!(done[0]["done_at"].as_str().unwrap().starts_with("2026-11-2"), "{done:#}");
    assert!(ok(book, &["history", "K-1", "--all"]).contains("follow-up"));

    let call = follow_up_id(book, "call back");
    let out = ok(book, &["follow-up", "reschedule", &call, "+1w", "--reason", "away this week"]);
    assert_eq!(out, "Rescheduled to 2026-11-30: call back\n");
    let open = json(book, &["follow-up", "list", "--format", "json"]);
    assert_eq!(open[0]["due"], "2026-11-30");
    assert!(ok(book, &["history", "Bravo", "--all"]).contains("away this week"));

    // Done with a note: a call today that closes it, as logging it from Today does.
    let out = ok(book, &["follow-up", "done", &call, "--note", "called back, all fine"]);
    assert_eq!(out, "Done: call back (for Bravo); logged call on 2026-11-23\n");
    let bravo = json(book, &["customer", "show", "Bravo", "--format", "json"]);
    assert_eq!((bravo["last_contact"].as_str(), bravo["next_due"].as_str()), (Some("2026-11-23"), Some("2026-12-07")));
    assert_eq!(bravo["open_follow_ups"], Value::Array(vec![]));
}

fn snooze_and_delete_do_what_the_screens_do(book: &TestBook) {
    fill(book);
    // Bravo is due 12-04: a snooze must go later than that.
    let why = refused(book, &["snooze", "Bravo", "--until", "2026-12-01", "--reason", "busy"], 2);
    assert_eq!(why, "tierdesk: --until: \"2026-12-01\" must be after 2026-12-04");
    let out = ok(book, &["snooze", "Bravo", "--until", "2026-12-10", "--reason", "trade fair"]);
    assert_eq!(out, "Snoozed to 2026-12-10: Bravo\n");
    let bravo = json(book, &["customer", "show", "Bravo", "--format", "json"]);
    assert_eq!(bravo["next_due"], "2026-12-10");
    assert!(ok(book, &["history", "Bravo", "--all"]).contains("trade fair"));

    assert_eq!(ok(book, &["customer", "delete", "T-2", "--yes"]), "Deleted: Twin\n");
    let list = json(book, &["customer", "list", "--all", "--format", "json"]);
    let refs: Vec<&str> = list.as_array().unwrap().iter().filter_map(|c| c["ref"].as_str()).collect();
    // Bravo was added without a ref: the book's pattern gave it one.
    assert_eq!(refs, ["K-1", "K-00001", "T-1"]);
    // One Twin left: the name names it now.
    assert_eq!(json(book, &["customer", "show", "Twin", "--format", "json"])["ref"], "T-1");
}

fn every_refusal_says_why_and_writes_nothing(book: &TestBook) {
    fill(book);
    let quote = follow_up_id(book, "send the quote");
    ok(book, &["follow-up", "done", &quote]);
    let call = follow_up_id(book, "call back");
    let before = snapshot(book);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["customer", "show", "Nobody"], "no customer with the id, ref or name \"Nobody\""),
        (vec!["customer", "edit", "Nobody", "--phone", "123456"], "no customer with the id, ref or name \"Nobody\""),
        (vec!["customer", "delete", "Nobody", "--yes"], "no customer with the id, ref or name \"Nobody\""),
        (vec!["snooze", "Nobody", "--until", "+1w", "--reason", "x"], "no customer with the id, ref or name \"Nobody\""),
        (vec!["customer", "show", "Twin"], "\"Twin\" matches 2 customers"),
        (vec!["customer", "edit", "Twin", "--phone", "123456"], "\"Twin\" matches 2 customers"),
        (vec!["customer", "delete", "Twin", "--yes"], "\"Twin\" matches 2 customers"),
        (vec!["customer", "edit", "K-1", "--email", "not-an-address", "--phone", "13800138000"],
            "--email: not a valid e-mail address"),
        (vec!["customer", "edit", "K-1", "--created", "2027-01-01"], "--created: cannot be after today"),
        (vec!["customer", "edit", "K-1", "--name", " "], "--name: required"),
        (vec!["customer", "edit", "K-1", "--tier", "B"], "--tier: a tier is changed with tierdesk tier"),
        (vec!["customer", "edit", "K-1"], "customer edit: give at least one field to change"),
        (vec!["customer", "edit", "K-1", "--email", "alpha@example.com"], "nothing to change: Alpha has these values"),
        (vec!["customer", "edit", "Bravo", "--ref", "K-1"], "reference \"K-1\" is already used"),
        (vec!["customer", "delete", "K-1"], "customer delete: no terminal to ask on; add --yes to delete Alpha (#1) and their 1 contact(s)"),
        (vec!["follow-up", "done", &quote], "was done already on 2026-11-23; nothing was changed"),
        (vec!["follow-up", "reschedule", &quote, "+1w", "--reason", "x"], "is done; only an open one is rescheduled"),
        (vec!["follow-up", "done", "9999"], "no follow-up #9999"),
        (vec!["follow-up", "reschedule", "9999", "+1w", "--reason", "x"], "no follow-up #9999"),
        (vec!["follow-up", "reschedule", &call, "2026-11-20", "--reason", "x"], "DATE: \"2026-11-20\" must be after today"),
        (vec!["follow-up", "reschedule", &call, "2026-11-23", "--reason", "x"], "DATE: \"2026-11-23\" must be after today"),
        (vec!["follow-up", "reschedule", &call, "soon", "--reason", "x"], "DATE: \"soon\" not a real date (YYYY-MM-DD)"),
        (vec!["follow-up", "reschedule", &call, "2300-01-01", "--reason", "x"], "outside the years 1900 to 2200"),
        (vec!["follow-up", "reschedule", &call, "+1w", "--reason", "  "], "--reason: say why"),
        (vec!["follow-up", "done", &call, "--kind", "visit"], "--kind goes with --note"),
        (vec!["follow-up", "done", &call, "--note", "x", "--kind", "fax"], "--kind: unknown contact kind \"fax\""),
        (vec!["snooze", "Bravo", "--until", "2026-11-23", "--reason", "x"], "--until: \"2026-11-23\" must be after today"),
        (vec!["snooze", "Bravo", "--until", "+1w", "--reason", ""], "--reason: say why"),
    ];
    for (args, expected) in &cases {
        let why = refused(book, args, 2);
        assert!(why.starts_with("tierdesk: ") && why.contains(expected), "{args:?}: {why}");
        assert_eq!(snapshot(book), before, "{args:?} wrote something");
    }
    // Piped input is no terminal to ask on, even when it says yes.
    let out = book.cmd().args(["customer", "delete", "K-1"]).write_stdin("y\n").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(snapshot(book), before);
    // In Chinese too.
    let why = refused(book, &["--lang", "zh", "follow-up", "done", &quote], 2);
    assert!(why.contains("已于 2026-11-23 完成；没有修改任何内容"), "{why}");
}
}
