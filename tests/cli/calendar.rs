//! `tierdesk export due --format ics` read by real calendar software: Python's `icalendar`
//! parses every file, and khal (a terminal calendar) imports the events and lists them,
//! twice over, so that what a calendar holds after a later export is seen. The tools come
//! from `.ci/with-ical` (a venv in target/ical-venv, named by TIERDESK_ICAL_PYTHON); without
//! them these tests say so and pass, unless TIERDESK_REQUIRE_ICAL=1 (set by with-ical).
//! Today is 2026-11-23; tier A is weekly, B every two weeks.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::books::TestBook;

/// The venv's python, if it can import icalendar.
fn python() -> Option<PathBuf> {
    let required = std::env::var("TIERDESK_REQUIRE_ICAL").is_ok_and(|v| v == "1");
    let candidate = std::env::var_os("TIERDESK_ICAL_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ical-venv/bin/python"));
    let works = std::process::Command::new(&candidate)
        .args(["-c", "import icalendar, shutil, os, sys; sys.exit(0 if os.path.exists(os.path.join(os.path.dirname(sys.executable), 'khal')) else 3)"])
        .status()
        .is_ok_and(|s| s.success());
    if works {
        return Some(candidate);
    }
    assert!(!required, "TIERDESK_REQUIRE_ICAL=1 but {} cannot import icalendar or has no khal", candidate.display());
    eprintln!("SKIPPED: no icalendar/khal venv (run the tests under .ci/with-ical to check .ics files with them)");
    None
}

/// What icalendar (and, with `khal_home`, khal after importing it) made of the file.
fn check(python: &Path, ics: &Path, khal_home: Option<&Path>) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ics_check.py");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script).arg(ics);
    if let Some(home) = khal_home {
        cmd.arg(home);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "ics_check.py failed on {}: {}", ics.display(), String::from_utf8_lossy(&out.stderr));
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["raw_problems"], serde_json::json!([]), "{}", std::fs::read_to_string(ics).unwrap());
    seen
}

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn export(b: &TestBook, name: &str, args: &[&str]) -> PathBuf {
    let path = b.dir().join(name);
    let mut cmd = b.cmd();
    cmd.args(["export", "due", "--format", "ics"]).args(args).arg("-o").arg(&path);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

fn components(seen: &Value) -> &Vec<Value> {
    seen["components"].as_array().unwrap()
}

fn by_summary<'a>(seen: &'a Value, starts: &str) -> Vec<&'a Value> {
    components(seen).iter().filter(|c| c["summary"].as_str().unwrap().starts_with(starts)).collect()
}

/// 王芳 (A, called 11-10: due 11-17, late) with a two-line follow-up for 11-25 promised in
/// that call; Bob (B, visited 11-12: due 11-26; both contacts before the 7 days of closed items).
fn fill(b: &TestBook) {
    ok(
        b,
        &["customer", "add", "--name", "王芳", "--tier", "A", "--created", "2026-11-01", "--company", "Atlas; Co, Ltd"],
    );
    ok(b, &["customer", "add", "--name", "Bob", "--tier", "B", "--created", "2026-10-01"]);
    ok(
        b,
        &[
            "log",
            "1",
            "--kind",
            "call",
            "--date",
            "2026-11-10",
            "--note",
            "问了基金; 说, 再想想 \\ 下周",
            "--follow-up",
            "寄送合同\n并确认签字页, 以及; 补充协议",
            "--follow-up-due",
            "2026-11-25",
        ],
    );
    ok(b, &["log", "2", "--kind", "visit", "--date", "2026-11-12"]);
}

/// The answers of a steady investor (as in tests/cli/cli_assess.rs).
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

on_both_engines! {
fn an_assessment_renewed_in_the_window_goes_out_closed_under_the_uid_it_had(book: &TestBook) {
    let Some(py) = python() else { return };
    // 陈静 was assessed on 2024-10-01: it expired on 2026-10-01, so it is due (and late).
    ok(book, &["customer", "add", "--name", "陈静", "--tier", "C", "--created", "2024-01-01"]);
    ok(book, &["assess", "陈静", "--answers", STEADY, "--date", "2024-10-01"]);
    let first = check(&py, &export(book, "1.ics", &["--within", "14"]), None);
    let open = by_summary(&first, "陈静 · ");
    let open: Vec<_> = open.into_iter().filter(|c| c["uid"].as_str().unwrap().contains("-assessment-")).collect();
    assert_eq!(open.len(), 1, "{first}");
    let uid = open[0]["uid"].as_str().unwrap().to_string();
    assert_eq!(open[0]["status"], "NEEDS-ACTION", "{first}");

    // Renewed two days ago: the next export closes that item, under the same UID.
    ok(book, &["assess", "陈静", "--answers", STEADY, "--date", "2026-11-21"]);
    for (args, closed) in [(&["--within", "14"][..], "COMPLETED"), (&["--as", "events", "--within", "14"][..], "CANCELLED")] {
        let later = check(&py, &export(book, "2.ics", args), None);
        let same: Vec<_> = components(&later).iter().filter(|c| c["uid"] == uid.as_str()).collect();
        assert_eq!(same.len(), 1, "{later}");
        assert_eq!(same[0]["status"], closed, "{later}");
    }
    // Outside the window of closed items (--done-within 1: yesterday and today) it is not sent.
    let narrow = check(&py, &export(book, "3.ics", &["--within", "14", "--done-within", "1"]), None);
    assert!(components(&narrow).iter().all(|c| c["uid"] != uid.as_str()), "{narrow}");
}

fn events_are_all_day_one_line_escaped_with_priority_categories_and_an_alarm(book: &TestBook) {
    let Some(py) = python() else { return };
    fill(book);
    let ics = export(book, "events.ics", &["--as", "events", "--within", "14", "--alarm", "09:30"]);
    let khal = book.dir().join("khal");
    let seen = check(&py, &ics, Some(&khal));
    let all = components(&seen);
    assert_eq!(all.len(), 3, "{seen}");
    for c in all {
        assert_eq!(c["kind"], "VEVENT");
        assert_eq!(c["status"], "CONFIRMED");
        assert_eq!(c["dtstart_is_date"], true);
        let start = chrono::NaiveDate::parse_from_str(c["dtstart"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(c["dtend"].as_str().unwrap(), start.succ_opt().unwrap().to_string(), "DTEND is the next day");
        let summary = c["summary"].as_str().unwrap();
        assert!(!summary.contains('\n') && summary.chars().count() <= 80, "{summary:?}");
        assert_eq!(c["alarms"], serde_json::json!([{"action": "DISPLAY", "trigger_seconds": 34200.0, "related": "START"}]));
        // never a row id: a follow-up's uuid, or the customer's uuid with the cycle
        let uid = c["uid"].as_str().unwrap();
        assert!(uid.ends_with("@tierdesk") && uid.len() > 45, "{uid}");
    }
    let fu = by_summary(&seen, "王芳 · follow-up");
    assert_eq!(fu.len(), 1, "{seen}");
    let fu = fu[0];
    assert_eq!(fu["summary"], "王芳 · follow-up: 寄送合同 并确认签字页, 以及; 补充协议");
    let text = fu["description"].as_str().unwrap();
    assert!(text.starts_with("寄送合同\n并确认签字页, 以及; 补充协议\n"), "{text:?}");
    assert!(text.contains("Atlas; Co, Ltd"), "{text:?}");
    assert!(text.contains("last contact: 2026-11-10 call: 问了基金; 说, 再想想 \\ 下周"), "{text:?}");
    assert!(fu["uid"].as_str().unwrap().starts_with("follow-up-"));
    assert_eq!(fu["dtstart"], "2026-11-25");
    assert_eq!(fu["priority"], 1);
    assert_eq!(fu["categories"], serde_json::json!(["A", "follow-up"]));
    // late: on today, where it is seen
    let late = by_summary(&seen, "王芳 · contact");
    assert_eq!((late[0]["dtstart"].as_str(), late[0]["priority"].as_u64()), (Some("2026-11-23"), Some(1)));
    let bob = by_summary(&seen, "Bob");
    assert_eq!((bob[0]["dtstart"].as_str(), bob[0]["priority"].as_u64()), (Some("2026-11-26"), Some(3)));
    // khal took every event, on its day
    let listed: Vec<(String, String)> = seen["khal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["uid"].as_str().unwrap().to_string(), e["start"].as_str().unwrap().to_string()))
        .collect();
    let mut want: Vec<(String, String)> =
        all.iter().map(|c| (c["uid"].as_str().unwrap().to_string(), c["dtstart"].as_str().unwrap().to_string())).collect();
    let mut got = listed.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

fn a_later_export_closes_what_was_done_and_brings_the_next_due_date(book: &TestBook) {
    let Some(py) = python() else { return };
    fill(book);
    let khal = book.dir().join("khal");
    let first = check(&py, &export(book, "1.ics", &["--as", "events", "--within", "14"]), Some(&khal));
    let uid_of = |seen: &Value, starts: &str| by_summary(seen, starts)[0]["uid"].as_str().unwrap().to_string();
    let (late, fu) = (uid_of(&first, "王芳 · contact"), uid_of(&first, "王芳 · follow-up"));

    // 王芳 is called today and the follow-up ticked off
    ok(book, &["log", "1", "--kind", "call", "--note", "签了"]);
    ok(book, &["follow-up", "done", "1"]);
    // `due --within` shows her next due date at once (11-30), not tomorrow
    let due: Value = serde_json::from_str(&ok(book, &["due", "--within", "14", "--format", "json"])).unwrap();
    let hers: Vec<_> = due.as_array().unwrap().iter().filter(|i| i["name"] == "王芳").collect();
    assert_eq!(hers.len(), 1, "{due}");
    assert_eq!((hers[0]["reason"].as_str(), hers[0]["due_date"].as_str()), (Some("cadence"), Some("2026-11-30")));

    let second = check(&py, &export(book, "2.ics", &["--as", "events", "--within", "14"]), Some(&khal));
    let status = |seen: &Value, uid: &str| {
        let c: Vec<_> = components(seen).iter().filter(|c| c["uid"] == uid).collect();
        assert_eq!(c.len(), 1, "{uid} in {seen}");
        c[0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status(&second, &late), "CANCELLED");
    assert_eq!(status(&second, &fu), "CANCELLED");
    let next: Vec<_> = by_summary(&second, "王芳 · contact").into_iter().filter(|c| c["status"] == "CONFIRMED").collect();
    assert_eq!(next.len(), 1, "{second}");
    assert_eq!(next[0]["dtstart"], "2026-11-30");
    assert_ne!(next[0]["uid"].as_str().unwrap(), late);
    // khal, which had the first file, now holds them closed and the next one open
    let khal_status = |uid: &str| {
        second["khal"].as_array().unwrap().iter().filter(|e| e["uid"] == uid).map(|e| e["status"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(khal_status(&late), ["CANCELLED"]);
    assert_eq!(khal_status(&fu), ["CANCELLED"]);
    assert_eq!(khal_status(next[0]["uid"].as_str().unwrap()), ["CONFIRMED"]);

    // as to-dos: the same UIDs, completed, with when
    let todos = check(&py, &export(book, "3.ics", &[]), None);
    assert!(components(&todos).iter().all(|c| c["kind"] == "VTODO"));
    assert_eq!(status(&todos, &late), "COMPLETED");
    assert_eq!(status(&todos, &fu), "COMPLETED");
    let done: Vec<_> = components(&todos).iter().filter(|c| c["uid"] == fu.as_str()).collect();
    assert!(done[0]["completed"].as_str().unwrap().starts_with("2026-11-2"), "{todos}");
    assert_eq!(done[0]["due"], "2026-11-25");
    // --done-within 0 still has today's; nothing closed before the window
    let none = check(&py, &export(book, "4.ics", &["--done-within", "0"]), None);
    assert_eq!(status(&none, &late), "COMPLETED");
}
}

#[test]
fn a_bad_alarm_time_is_refused_naming_it() {
    let book = TestBook::new(crate::books::Engine::Sqlite).unwrap();
    fill(&book);
    let out = book.cmd().args(["export", "due", "--alarm", "9h", "-o"]).arg(book.dir().join("x.ics")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--alarm") && err.contains("9h") && err.contains("HH:MM"), "{err}");
    assert!(!book.dir().join("x.ics").exists(), "nothing written");
}

#[test]
fn cadence_uids_survive_a_move_through_the_exported_files() {
    let Some(py) = python() else { return };
    let book = TestBook::new(crate::books::Engine::Sqlite).unwrap();
    // (fill's follow-up holds a line break, which the contacts import refuses: not this test's point)
    ok(&book, &["customer", "add", "--name", "王芳", "--tier", "A", "--created", "2026-11-01"]);
    ok(&book, &["customer", "add", "--name", "Bob", "--tier", "B", "--created", "2026-10-01"]);
    ok(&book, &["log", "1", "--kind", "call", "--date", "2026-11-10", "--note", "问了基金"]);
    let before = check(&py, &export(&book, "before.ics", &["--within", "14"]), None);
    // customers (with their uuids) and contacts into a new book
    let moved = TestBook::new(crate::books::Engine::Sqlite).unwrap();
    // a customer of its own first: the moved ones get other row ids
    ok(&moved, &["customer", "add", "--name", "Zed", "--tier", "D", "--created", "2026-11-23", "--ref", "Z-9"]);
    for what in ["customers", "contacts"] {
        let file = book.dir().join(format!("{what}.csv"));
        let mut cmd = book.cmd();
        cmd.args(["export", what, "-o"]).arg(&file).assert().success();
        let mut cmd = moved.cmd();
        cmd.args(["import", what]).arg(&file).assert().success();
    }
    let after = check(&py, &export(&moved, "after.ics", &["--within", "14"]), None);
    let cadence = |seen: &Value| {
        let mut uids: Vec<String> = components(seen)
            .iter()
            .filter(|c| c["uid"].as_str().unwrap().contains("-cadence-"))
            .map(|c| c["uid"].as_str().unwrap().to_string())
            .collect();
        uids.sort();
        uids
    };
    assert_eq!(cadence(&before).len(), 2);
    assert_eq!(cadence(&before), cadence(&after));
}
