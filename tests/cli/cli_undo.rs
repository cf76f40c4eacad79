//! `tierdesk undo`: the person's latest command, taken back run after run, newest first, on
//! both engines; nothing left gives exit 1 and one line.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use predicates::prelude::*;
use serde_json::Value;

use crate::books::TestBook;

fn customers(book: &TestBook) -> Value {
    let out = book.cmd().args(["customer", "list", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

on_both_engines! {
fn undo_walks_back_ones_commands_newest_first(book: &TestBook) {
    book.cmd().args(["customer", "add", "--name", "Alpha", "--tier", "C", "--phone", "021-1234"]).assert().success();
    let added = customers(book);
    book.cmd().args(["log", "Alpha", "--kind", "call", "--date", "2026-11-20"]).assert().success();
    let logged = customers(book);
    book.cmd().args(["customer", "edit", "Alpha", "--phone", "021-9999"]).assert().success();
    assert_eq!(customers(book)[0]["phone"], "021-9999");

    // The edit, then the contact (the schedule with it), then the customer.
    book.cmd().arg("undo").assert().success().stdout(predicate::str::starts_with("Undone: ").and(predicate::str::contains("021-9999")));
    assert_eq!(customers(book), logged);
    book.cmd().arg("undo").assert().success().stdout(predicate::str::contains("contact"));
    assert_eq!(customers(book), added);
    book.cmd().arg("undo").assert().success();
    assert_eq!(customers(book), serde_json::json!([]));
    book.cmd()
        .arg("undo")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing of yours to undo from the command line"));
    book.cmd()
        .args(["--lang", "zh", "undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("命令行里没有你可以撤销的修改"));
}
}

/// Two people's commands on one book file: each undo takes back its own person's command
/// only, and is refused while someone else's later change touches the same records.
#[test]
fn undo_takes_back_only_ones_own_and_not_over_someone_elses_change() {
    let book = TestBook::new(crate::books::Engine::Sqlite).unwrap();
    let wang = || crate::common::tierdesk_as(book.dir(), "王芳");
    book.cmd().args(["customer", "add", "--name", "Alpha", "--tier", "C", "--phone", "021-1234"]).assert().success();
    wang().args(["customer", "edit", "Alpha", "--phone", "021-5555"]).assert().success();
    let before = customers(&book);
    // 林晓's latest is the add, which 王芳's edit has changed since: refused, nothing written.
    let out = book.cmd().arg("undo").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot undo: a customer it touched was changed since"), "{err}");
    book.cmd()
        .args(["--lang", "zh", "undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("无法撤销：它涉及的客户之后已被别人或其他程序修改"));
    assert_eq!(customers(&book), before);
    // 王芳 takes back her own; then 林晓's goes through.
    wang().arg("undo").assert().success().stdout(predicate::str::contains("021-5555"));
    assert_eq!(customers(&book)[0]["phone"], "021-1234");
    book.cmd().arg("undo").assert().success();
    assert_eq!(customers(&book), serde_json::json!([]));
}
