//! One rule for dates (issue 10, points 1 and 2): every stored date lies in 1900–2200, a book
//! already holding a bad date still answers and names it, and snooze / reschedule count
//! relative dates from today and only move things later than today.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use crate::common::{Harness, d, fixture, open, tierdesk_bin};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    tierdesk_bin(dir).args(args).output().unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = run(dir, args);
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string());
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

fn sql(dir: &Path, statement: &str) {
    let conn = rusqlite::Connection::open(dir.join("book.sqlite")).unwrap();
    conn.execute_batch(statement).unwrap();
}

fn count(dir: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("book.sqlite")).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Three customers K1..K3 (tier A, overdue), each with an open follow-up due 2026-11-20.
fn small_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for (r, name) in [("K1", "Alpha"), ("K2", "Bravo"), ("K3", "Charlie")] {
        ok(p, &["customer", "add", "--name", name, "--tier", "A", "--created", "2026-11-01", "--ref", r]);
        ok(
            p,
            &[
                "log",
                r,
                "--kind",
                "call",
                "--date",
                "2026-11-10",
                "--follow-up",
                "quote",
                "--follow-up-due",
                "2026-11-20",
            ],
        );
    }
    dir
}

#[test]
fn log_refuses_a_follow_up_due_date_outside_the_years_naming_the_field() {
    let dir = small_book();
    let p = dir.path();
    for due in ["+99999m", "+99999d", "2201-01-01"] {
        let out = run(p, &["log", "K1", "--kind", "call", "--follow-up", "zz", "--follow-up-due", due]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{due} was accepted: {}", String::from_utf8_lossy(&out.stdout));
        assert!(
            stderr.contains("--follow-up-due") && stderr.contains("1900") && stderr.contains("2200"),
            "{due}: {stderr}"
        );
    }
    assert_eq!(count(p, "follow_ups"), 3, "nothing stored");
    // the ordinary relative dates still work
    let (out, _) = ok(p, &["log", "K1", "--kind", "call", "--follow-up", "zz", "--follow-up-due", "+2m"]);
    assert!(out.contains("due 2027-01-23"), "{out}");
}

/// A book corrupted by hand: one follow-up far in the future, one malformed, a garbage
/// snooze, a customer whose created date is garbage. Every list still answers with the rest
/// and names each bad row.
#[test]
fn a_hand_corrupted_book_still_answers_and_names_the_bad_rows() {
    let dir = small_book();
    let p = dir.path();
    sql(
        p,
        "UPDATE follow_ups SET due_on = '10360-02-23' WHERE customer_id = 1;
         UPDATE follow_ups SET due_on = 'garbage' WHERE customer_id = 2;
         INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
           VALUES ('s1', 2, 0, 'soon', '2026-11-20', 'r', 't', '2026-11-20 00:00:00', '2026-11-20 00:00:00');
         UPDATE customers SET created_on = 'garbage' WHERE id = 3;",
    );
    let (text, err) = ok(p, &["due"]);
    assert!(text.contains("Alpha") && text.contains("Bravo"), "{text}");
    assert!(err.contains("follow-up 1 of customer K1") && err.contains("10360-02-23"), "{err}");
    assert!(err.contains("follow-up 2 of customer K2") && err.contains("\"garbage\""), "{err}");
    assert!(err.contains("customer K3") && err.contains("created date"), "{err}");

    let (json, err) = ok(p, &["due", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<i64> = items.as_array().unwrap().iter().map(|i| i["customer_id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&1) && ids.contains(&2), "{json}");
    assert!(err.contains("10360-02-23"), "{err}");

    let (ics, err) = ok(p, &["export", "due"]);
    assert!(ics.contains("Alpha") && ics.contains("Bravo"), "{ics}");
    assert!(err.contains("10360-02-23"), "{err}");

    let (csv, err) = ok(p, &["export", "customers"]);
    assert!(csv.contains("Alpha") && csv.contains("Bravo"), "{csv}");
    assert!(err.contains("customer K3"), "{err}");
    let (csv, _) = ok(p, &["export", "contacts"]);
    assert_eq!(csv.lines().count(), 4, "{csv}");
}

fn tui(lang: Lang) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    (dir, Harness::new(store, lang, 120, 40))
}

fn next_due(dir: &Path, name: &str) -> chrono::NaiveDate {
    let store = open(&dir.join("book.sqlite"));
    let id = store.find_customers(name).unwrap()[0].id;
    store.customer(id).unwrap().unwrap().next_due_on
}

#[test]
fn snooze_plus_one_day_on_an_overdue_item_lands_on_tomorrow_and_shows_it_first() {
    // 招商银行 is first on Today: due 2026-11-17, six days late.
    let (dir, mut hs) = tui(Lang::En);
    hs.press("s ctrl-u");
    hs.type_text("+1d");
    let s = hs.screen();
    assert!(s.contains("-> 2026-11-24 (Tue)"), "the prompt shows the resulting date:\n{s}");
    hs.press("tab");
    hs.type_text("away");
    hs.press("ctrl-s");
    assert!(hs.screen().contains("Snoozed to 2026-11-24"), "{}", hs.screen());
    assert_eq!(next_due(dir.path(), "招商银行"), d("2026-11-24"));
}

#[test]
fn a_snooze_to_today_or_earlier_is_refused() {
    let (dir, mut hs) = tui(Lang::En);
    for date in ["2026-11-23", "2026-11-20", "+0d"] {
        hs.press("s ctrl-u");
        hs.type_text(date);
        hs.press("tab");
        hs.type_text("away");
        hs.press("ctrl-s");
        let s = hs.screen();
        assert!(matches!(hs.app.screen(), Screen::Prompt(_)), "{date} was accepted:\n{s}");
        assert!(s.contains("must be after today"), "{date}:\n{s}");
        hs.press("esc y");
    }
    assert_eq!(next_due(dir.path(), "招商银行"), d("2026-11-17"), "still late");
}

#[test]
fn the_snooze_prompt_shows_the_resulting_date_in_chinese_and_refuses_far_dates() {
    let (_dir, mut hs) = tui(Lang::Zh);
    hs.press("s ctrl-u");
    hs.type_text("+1w");
    assert!(hs.screen().contains("-> 2026-11-30（周一）"), "{}", hs.screen());
    hs.press("ctrl-u");
    hs.type_text("+99999d");
    hs.press("tab");
    hs.type_text("出差");
    hs.press("ctrl-s");
    assert!(hs.screen().contains("超出范围（1900–2200 年）"), "{}", hs.screen());
    assert!(matches!(hs.app.screen(), Screen::Prompt(_)));
}

#[test]
fn reschedule_plus_one_day_counts_from_today() {
    // the fixture's follow-up (发送报价单, due 2026-11-20) from the follow-ups list
    let (dir, mut hs) = tui(Lang::En);
    hs.press("3");
    assert!(hs.screen().contains("发送报价单"), "{}", hs.screen());
    hs.press("p ctrl-u");
    hs.type_text("+1d");
    assert!(hs.screen().contains("-> 2026-11-24 (Tue)"), "{}", hs.screen());
    hs.press("tab");
    hs.type_text("waiting");
    hs.press("ctrl-s");
    let store = open(&dir.path().join("book.sqlite"));
    let id = store.find_customers("招商银行").unwrap()[0].id;
    assert_eq!(store.follow_ups_of(id).unwrap()[0].due_on, d("2026-11-24"));
}

#[test]
fn today_and_the_customer_view_still_draw_with_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE follow_ups SET due_on = '10360-02-23' WHERE customer_id = ?1", [ids[0].0]).unwrap();
    conn.execute("UPDATE contacts SET happened_on = 'garbage' WHERE customer_id = ?1", [ids[1].0]).unwrap();
    drop(conn);
    let mut hs = Harness::new(open(&path), Lang::En, 120, 40);
    let s = hs.screen();
    assert!(!s.contains("Nothing is due today"), "{s}");
    assert!(s.contains("招商银行") && s.contains("欧阳娜娜"), "the other rows are still there:\n{s}");
    assert!(s.contains("unreadable") && s.contains("10360-02-23"), "the bad row is named:\n{s}");
    // 招商银行 (first row) opens, its good contact shown, the bad follow-up named
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)), "{}", hs.screen());
    let s = hs.screen();
    assert!(s.contains("2026-11-10") && s.contains("10360-02-23"), "{s}");
    // the follow-ups list too
    hs.press("esc 3");
    assert!(matches!(hs.app.screen(), Screen::FollowUps(_)), "{}", hs.screen());
    assert!(hs.screen().contains("10360-02-23"), "{}", hs.screen());
}
