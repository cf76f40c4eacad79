//! Snoozes and the team pool (issue 17's follow-up): the days overdue that escalation and
//! release count are the lateness the owner's due list shows, so a snoozed requirement is
//! not late until its snooze ends. The owner's list (`due --format json`: days overdue,
//! escalated, release_on), the lead's escalated group and the sweep agree, across days, on
//! the boundary days. A snooze cannot reach past the tier's release window from the day it
//! is set: parking a customer longer is the lead's pin.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;
use tierdesk::domain::customer::CustomerId;
use tierdesk::store::prelude::*;

use crate::common::tierdesk_at;
use crate::pg::start;
use crate::pool::{d, open};

#[test]
fn a_snoozed_customer_is_escalated_and_released_counted_from_the_end_of_its_snooze() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let run = |url: &str, today: &str, args: &[&str]| {
        tierdesk_at(dir.path(), url).env("TIERDESK_TODAY", today).args(args).assert()
    };
    let owner = pg.owner_url();
    run(&owner, "2026-03-01", &["team", "init", "--scheme", "team"]).success();
    let (lead, b) = (pg.login("lead"), pg.login("b"));
    run(&owner, "2026-03-01", &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    run(&owner, "2026-03-01", &["team", "add-person", &b, "--name", "Bai", "--role", "manager", "--lead", &lead])
        .success();
    let as_b = pg.url_as(&b);
    // Taken on 03-01, A (weekly; escalated after 3 days overdue, released after 14): both due
    // 03-08. "Plain" escalates on 03-12 and goes back on 03-23.
    for name in ["Snoozed", "Plain"] {
        run(&as_b, "2026-03-01", &["customer", "add", "--name", name, "--tier", "A"]).success();
    }
    let id_of = |name: &str| -> i64 {
        pg.connect_as(&pg.owner).query_one("SELECT id FROM customers WHERE name = $1", &[&name]).unwrap().get(0)
    };
    let snoozed = id_of("Snoozed");
    // Two days late, b snoozes it to 03-20: from then on it counts from 03-20.
    run(&as_b, "2026-03-10", &["snooze", "Snoozed", "--until", "2026-03-20", "--reason", "customer abroad"]).success();

    // (days overdue, escalated, release_on) of a customer on b's due list that day, if listed.
    let on_list =
        |today: &str, name: &str| {
            let out = run(&as_b, today, &["due", "--format", "json"]).success();
            let items: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            items.as_array().unwrap().iter().find(|i| i["name"] == name).map(|i| {
                (i["days_overdue"].as_i64().unwrap(), i["escalated"].as_bool().unwrap(), i["release_on"].clone())
            })
        };
    let lead_sees =
        |today: &str| open(&pg, &lead, today).escalated(d(today)).unwrap().iter().any(|e| e.id == CustomerId(snoozed));
    let in_pool = |today: &str| {
        run(&as_b, today, &["team", "sweep"]).success();
        let owner: Option<String> = pg
            .connect_as(&pg.owner)
            .query_one("SELECT owner FROM customers WHERE id = $1", &[&snoozed])
            .unwrap()
            .get(0);
        owner.is_none()
    };

    // 03-12: Plain escalated (4 days overdue); the snoozed one not due at all.
    assert_eq!(on_list("2026-03-12", "Plain").map(|p| (p.0, p.1)), Some((4, true)));
    assert_eq!(on_list("2026-03-12", "Snoozed"), None);
    assert!(!lead_sees("2026-03-12"));
    // 03-23: its snooze ended on 03-20: 3 days late, the last day before escalation.
    let release = serde_json::Value::from("2026-04-04");
    assert_eq!(on_list("2026-03-23", "Snoozed"), Some((3, false, release.clone())));
    assert!(!lead_sees("2026-03-23"));
    assert!(!in_pool("2026-03-23"), "Plain goes back on 03-23, the snoozed one does not");
    // 03-24: 4 days late, escalated on the owner's list and the lead's alike.
    assert_eq!(on_list("2026-03-24", "Snoozed"), Some((4, true, release.clone())));
    assert!(lead_sees("2026-03-24"));
    // 04-03: 14 days late, its last day; 04-04: back to the pool, 15 days overdue.
    assert_eq!(on_list("2026-04-03", "Snoozed"), Some((14, true, release)));
    assert!(!in_pool("2026-04-03"));
    assert!(in_pool("2026-04-04"));
    let out = run(&as_b, "2026-04-04", &["team", "pool", "--format", "json"]).success();
    let pool: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let entry = pool.as_array().unwrap().iter().find(|e| e["name"] == "Snoozed").unwrap();
    assert_eq!(entry["days_overdue"], 15);
}

#[test]
fn a_snooze_reaches_no_further_than_the_tiers_release_window() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let run = |url: &str, today: &str, args: &[&str]| {
        tierdesk_at(dir.path(), url).env("TIERDESK_TODAY", today).args(args).assert()
    };
    let owner = pg.owner_url();
    run(&owner, "2026-03-01", &["team", "init", "--scheme", "team"]).success();
    let b = pg.login("b");
    run(&owner, "2026-03-01", &["team", "add-person", &b, "--name", "Bai", "--role", "manager"]).success();
    let as_b = pg.url_as(&b);
    run(&as_b, "2026-03-01", &["customer", "add", "--name", "Parked", "--tier", "A"]).success();
    // A: released after 14 days overdue. Set on 03-10, a snooze may end by 03-24 at the latest.
    run(&as_b, "2026-03-10", &["snooze", "Parked", "--until", "2026-06-30", "--reason", "later"])
        .failure()
        .stderr(predicate::str::contains("2026-03-24"));
    run(&as_b, "2026-03-10", &["--lang", "zh", "snooze", "Parked", "--until", "2026-06-30", "--reason", "later"])
        .failure()
        .stderr(predicate::str::contains("2026-03-24"));
    run(&as_b, "2026-03-10", &["snooze", "Parked", "--until", "2026-03-24", "--reason", "customer abroad"]).success();
}
