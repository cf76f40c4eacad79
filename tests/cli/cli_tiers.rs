//! `tierdesk tier`, `approve` and `history` through the real binary on a temp book.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use crate::common::tierdesk_as;
use predicates::prelude::*;
use serde_json::Value;

fn add(book: &TestBook, name: &str, tier: &str, r: &str) {
    book.cmd()
        .args(["customer", "add", "--name", name, "--tier", tier, "--ref", r, "--created", "2026-01-05"])
        .assert()
        .success();
}

#[test]
fn a_move_into_the_top_tier_is_recorded_flagged_and_signed_off_by_someone_else() {
    // A typed name signs off on a book file (tests/team/ show the team book's real sign-off).
    let book = TestBook::new(Engine::Sqlite).unwrap();
    let dir = book.dir();
    add(&book, "华信科技", "C", "K-7");
    tierdesk_as(dir, "林晓")
        .args(["tier", "K-7", "a", "--reason", "签了三年框架协议"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C -> A").and(predicate::str::contains("awaiting sign-off")));
    // the list shows the flag
    let out = tierdesk_as(dir, "林晓").args(["customer", "list", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["awaiting_signoff"], true, "{v}");
    // the one who moved it cannot sign it off
    tierdesk_as(dir, "林晓")
        .args(["approve", "K-7", "--by", "林晓"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("someone else must sign it off"));
    tierdesk_as(dir, "张经理")
        .args(["approve", "K-7", "--by", "张经理"])
        .assert()
        .success()
        .stdout(predicate::str::contains("signed off by 张经理"));
    tierdesk_as(dir, "张经理")
        .args(["approve", "K-7", "--by", "张经理"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing awaits a sign-off"));

    let out = tierdesk_as(dir, "林晓").args(["history", "K-7", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let h: Value = serde_json::from_slice(&out.stdout).unwrap();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0]["from"].clone(), h[0]["to"].clone()), (Value::Null, Value::from("C")));
    let m = &h[1];
    assert_eq!((m["from"].as_str(), m["to"].as_str()), (Some("C"), Some("A")));
    assert_eq!(m["by"], "林晓");
    assert_eq!(m["reason"], "签了三年框架协议");
    assert_eq!(m["awaiting_signoff"], false);
    assert_eq!(m["approved_by"], "张经理");

    let out = tierdesk_as(dir, "林晓").args(["history", "K-7"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("签了三年框架协议") && text.contains("signed off by 张经理"), "{text}");
}

on_both_engines! {
fn tier_changes_need_a_reason_and_a_known_tier(book: &TestBook) {
    add(book, "远航物流", "C", "K-8");
    book.cmd()
        .args(["tier", "K-8", "B", "--reason", "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reason"));
    book.cmd()
        .args(["tier", "K-8", "Q", "--reason", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tier \"Q\""));
    book.cmd().args(["tier", "K-8", "B"]).assert().code(2);
    book.cmd()
        .args(["tier", "nobody", "B", "--reason", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no customer"));
    // a move that is not into the top tier waits for nobody, and moves the due date
    book.cmd()
        .args(["tier", "K-8", "B", "--reason", "订单增加"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C -> B").and(predicate::str::contains("awaiting").not()));
}
}

on_both_engines! {
fn history_all_lists_every_change_with_who_and_what(book: &TestBook) {
    add(book, "欧阳娜娜", "B", "K-9");
    book.cmd().args(["log", "K-9", "--kind", "call", "--date", "2026-11-20"]).assert().success();
    book.cmd().args(["tier", "K-9", "C", "--reason", "年度复核"]).assert().success();
    let out = book.cmd().args(["history", "K-9", "--all", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v.as_array().unwrap();
    let whats: Vec<(&str, &str)> =
        entries.iter().map(|e| (e["what"].as_str().unwrap(), e["op"].as_str().unwrap())).collect();
    assert!(whats.contains(&("contact", "added")), "{whats:?}");
    assert!(whats.contains(&("tier", "added")), "{whats:?}");
    assert!(whats.contains(&("customer", "changed")), "{whats:?}");
    assert!(entries.iter().all(|e| e["by"] == book.person().as_str()), "{v}");
    let text =
        String::from_utf8(book.cmd().args(["history", "K-9", "--all"]).output().unwrap().stdout)
            .unwrap();
    assert!(text.contains("tier B -> C"), "{text}");
}
}
