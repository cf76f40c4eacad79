//! A team book whose dates were set by hand in psql to years tierdesk does not keep (1900 to
//! 2200): PostgreSQL's `date` takes the year 10360 or 1066. As on a book file
//! (tests/rules/dates.rs), every list and export still answers with the rest and names each
//! bad row on stderr; nothing fails whole.
#![allow(clippy::unwrap_used)]

use crate::books::{Engine, TestBook};

/// Runs a command that must succeed; (stdout, stderr).
fn ok(book: &TestBook, args: &[&str]) -> (String, String) {
    let out = book.cmd().args(args).output().unwrap();
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string());
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

#[test]
fn a_team_book_with_dates_set_by_hand_still_answers_and_names_the_bad_rows() {
    let Some(book) = TestBook::new(Engine::Postgres) else { return };
    let b = &book;
    for (r, name) in [("K1", "Alpha"), ("K2", "Bravo"), ("K3", "Charlie"), ("K4", "Delta")] {
        ok(b, &["customer", "add", "--name", name, "--tier", "B", "--created", "2026-11-01", "--ref", r]);
        ok(
            b,
            &[
                "log",
                r,
                "--kind",
                "call",
                "--date",
                "2026-11-05",
                "--follow-up",
                "quote",
                "--follow-up-due",
                "2026-11-20",
            ],
        );
    }
    ok(b, &["assess", "K4", "--answers", "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C", "--date", "2026-11-01"]);
    let pg = b.pg().unwrap();
    let mut owner = pg.connect_as(&pg.owner);
    owner
        .batch_execute(
            "UPDATE follow_ups SET due_on = '10360-02-23' WHERE customer_id = 1;
             UPDATE contacts SET happened_on = '1066-10-14' WHERE customer_id = 2;
             UPDATE customers SET created_on = '10360-01-01' WHERE id = 3;
             UPDATE assessments SET taken_on = '1066-10-14' WHERE customer_id = 4;
             INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
               VALUES ('s1', 4, 0, '10360-01-01', '2026-11-20', 'r', 't', '2026-11-20 00:00:00', '2026-11-20 00:00:00');",
        )
        .unwrap();
    let (text, err) = ok(b, &["due"]);
    assert!(text.contains("Alpha") && text.contains("Bravo"), "{text}");
    assert!(err.contains("K1") && err.contains("10360-02-23"), "{err}");
    let (_, err) = ok(b, &["due", "--format", "json", "--within", "30"]);
    assert!(err.contains("10360-02-23"), "{err}");
    let (ics, err) = ok(b, &["export", "due"]);
    assert!(ics.contains("Alpha"), "{ics}");
    assert!(err.contains("10360-02-23"), "{err}");
    let (csv, err) = ok(b, &["export", "customers"]);
    assert!(csv.contains("Alpha") && csv.contains("Delta"), "{csv}");
    assert!(err.contains("K3"), "{err}");
    // Contacts go out as stored, as from a book file (an import would refuse the date).
    let (csv, _) = ok(b, &["export", "contacts"]);
    assert_eq!(csv.lines().count(), 5, "{csv}");
    ok(b, &["report"]);
    ok(b, &["report", "--by", "owner"]);
    ok(b, &["customer", "list"]);
    ok(b, &["history", "K4"]);
    ok(b, &["backup", b.dir().join("copy.sqlite").to_str().unwrap()]);
}
