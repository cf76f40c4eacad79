//! The demo tells a believable day (issue 18): built through the real binary on a Monday, a
//! month end and 29 February, the signed-in person's Today is a day's work, not a backlog,
//! yearly customers fall due about one in twelve a month, and the colleagues' books differ.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use chrono::{Months, NaiveDate};
use serde_json::Value;

use crate::common::{d, tierdesk_as, tierdesk_bin};

const SIGNED_IN: &str = "王芳";

/// The JSON a command prints, failing the test with its error output otherwise.
fn json(mut cmd: assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A fresh demo book in `dir` as of `today`; its Today list for the person signed in.
fn demo_today(dir: &Path, today: &str) -> Vec<Value> {
    let mut cmd = tierdesk_bin(dir);
    cmd.env("TIERDESK_TODAY", today).args(["--demo", "due", "--format", "json"]);
    json(cmd).as_array().unwrap().clone()
}

/// A command on that book as the person signed in to the demo.
fn as_signed_in(dir: &Path, today: &str, args: &[&str]) -> Value {
    let mut cmd = tierdesk_as(dir, SIGNED_IN);
    cmd.env("TIERDESK_TODAY", today).args(args);
    json(cmd)
}

fn count(items: &[Value], f: impl Fn(&Value) -> bool) -> usize {
    items.iter().filter(|i| f(i)).count()
}

fn late(i: &Value) -> i64 {
    i["days_overdue"].as_i64().unwrap()
}

fn is(reason: &'static str) -> impl Fn(&Value) -> bool {
    move |i: &Value| i["reason"] == reason
}

fn check_today(today: &str, items: &[Value]) {
    let n = items.len();
    assert!((25..=45).contains(&n), "{today}: {n} items on Today");
    // Mostly due today or a day or three late.
    let far = count(items, |i| late(i) > 3);
    assert!(far * 3 <= n, "{today}: {far} of {n} more than 3 days late");
    let badly = count(items, |i| is("cadence")(i) && late(i) > 7);
    assert!((3..=6).contains(&badly), "{today}: {badly} badly late");
    let promises = count(items, is("follow_up"));
    let promises_late = count(items, |i| is("follow_up")(i) && late(i) > 0);
    assert!(
        (5..=10).contains(&promises) && (1..=2).contains(&promises_late),
        "{today}: {promises} follow-ups, {promises_late} late"
    );
    let expired = count(items, is("assessment"));
    assert!((2..=4).contains(&expired), "{today}: {expired} expired assessments");
}

/// Each of the next 12 months (from today; the overdue count in the first) holds between
/// 1/24 and 1/6 of the yearly customers.
fn check_yearly_spread(today: &str, dir: &Path) {
    let customers = as_signed_in(dir, today, &["customer", "list", "--format", "json"]);
    let yearly = count(customers.as_array().unwrap(), |c| c["tier"] == "D");
    assert!(yearly >= 24, "{today}: {yearly} D customers");
    let ahead = as_signed_in(dir, today, &["due", "--within", "366", "--format", "json"]);
    let ahead: Vec<&Value> =
        ahead.as_array().unwrap().iter().filter(|i| i["tier"] == "D" && i["reason"] == "cadence").collect();
    assert_eq!(ahead.len(), yearly, "{today}: every yearly customer falls due within the year");
    let start = d(today);
    let month_of = |due: NaiveDate| (0..12u32).find(|m| due < start + Months::new(m + 1)).unwrap_or(12);
    let mut months = [0usize; 13];
    for item in ahead {
        months[month_of(d(item["due_date"].as_str().unwrap())) as usize] += 1;
    }
    for (m, got) in months[..12].iter().enumerate() {
        assert!(got * 24 >= yearly && got * 6 <= yearly, "{today}: month {m} has {got} of {yearly}: {months:?}");
    }
}

#[test]
fn the_demo_shows_a_day_on_a_monday_a_month_end_and_a_leap_day() {
    for today in ["2026-11-23", "2026-11-30", "2028-02-29"] {
        let dir = tempfile::tempdir().unwrap();
        let items = demo_today(dir.path(), today);
        check_today(today, &items);
        check_yearly_spread(today, dir.path());
    }
}

#[test]
fn the_colleagues_books_contrast_one_diligent_one_behind() {
    let today = "2026-11-23";
    let dir = tempfile::tempdir().unwrap();
    demo_today(dir.path(), today);
    let report = as_signed_in(dir.path(), today, &["report", "--by", "owner", "--format", "json"]);
    let share = |who: &str| {
        let o = report["owners"].as_array().unwrap().iter().find(|o| o["owner"] == who).unwrap();
        o["all"]["share"].as_f64().unwrap()
    };
    let (diligent, me, behind) = (share("李强"), share(SIGNED_IN), share("Chen Jing"));
    assert!(diligent >= 0.95 && behind <= 0.7 && behind + 0.15 < me && me < diligent, "{diligent} {me} {behind}");
}

#[test]
fn the_demo_has_a_move_into_the_top_tier_waiting_for_a_sign_off() {
    for today in ["2026-11-23", "2028-02-29"] {
        let dir = tempfile::tempdir().unwrap();
        demo_today(dir.path(), today);
        let list = as_signed_in(dir.path(), today, &["customer", "list", "--format", "json"]);
        let waiting: Vec<&Value> = list.as_array().unwrap().iter().filter(|c| c["awaiting_signoff"] == true).collect();
        assert_eq!(waiting.len(), 1, "{today}: {waiting:?}");
        assert_eq!((waiting[0]["tier"].as_str(), waiting[0]["owner"].as_str()), (Some("A"), Some(SIGNED_IN)));
    }
}
