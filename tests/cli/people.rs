//! People through the real binary: `person add` and `person list`, and whose customers
//! `due`, `customer list` and `search` show: mine by default, `--owner LOGIN` (repeatable),
//! `--all`; a book where I own nothing shows everyone's.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{tierdesk_as, tierdesk_bin};

use predicates::prelude::*;
use serde_json::Value;

fn json(out: std::process::Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn add(dir: &std::path::Path, user: &str, name: &str, extra: &[&str]) {
    tierdesk_as(dir, user)
        .args(["customer", "add", "--name", name, "--tier", "A", "--created", "2026-11-01"])
        .args(extra)
        .assert()
        .success();
}

/// Lin (signed in) owns Alpha and Bravo, all overdue on 11-23 (A is weekly: due 11-08);
/// Wang owns Charlie; Zhou is a lead with no customers.
fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    add(d, "lin", "Alpha", &[]);
    add(d, "lin", "Bravo", &[]);
    add(d, "lin", "Charlie", &["--owner", "wang"]);
    dir
}

fn due_ids(dir: &std::path::Path, user: &str, args: &[&str]) -> Vec<i64> {
    let v = json(tierdesk_as(dir, user).args(["due", "--format", "json"]).args(args).output().unwrap());
    let mut ids: Vec<i64> = v.as_array().unwrap().iter().map(|i| i["customer_id"].as_i64().unwrap()).collect();
    ids.dedup();
    ids
}

#[test]
fn person_add_and_list() {
    let dir = book();
    let d = dir.path();
    tierdesk_as(d, "lin")
        .args(["person", "add", "zhou", "--name", "周总", "--role", "lead"])
        .assert()
        .success()
        .stdout("added zhou (周总, lead)\n");
    tierdesk_as(d, "lin")
        .args(["person", "add", "chen", "--name", "Chen Jing", "--role", "manager", "--lead", "zhou"])
        .assert()
        .success()
        .stdout("added chen (Chen Jing, manager), on the team of zhou\n");
    let v = json(tierdesk_as(d, "lin").args(["person", "list", "--format", "json"]).output().unwrap());
    let people: Vec<(String, String, String, Value)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("login"), s("name"), s("role"), p["lead"].clone())
        })
        .collect();
    assert_eq!(
        people,
        [
            ("chen".into(), "Chen Jing".into(), "manager".into(), Value::from("zhou")),
            // The first to open the book is its lead; an owner named becomes a manager.
            ("lin".into(), "lin".into(), "lead".into(), Value::Null),
            ("wang".into(), "wang".into(), "manager".into(), Value::Null),
            ("zhou".into(), "周总".into(), "lead".into(), Value::Null),
        ]
    );
    let text = tierdesk_as(d, "lin").args(["person", "list"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("周总") && text.contains("Chen Jing") && text.lines().count() == 5, "{text}");
    tierdesk_as(d, "lin")
        .args(["person", "add", "zhou", "--name", "Zhou", "--role", "admin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"zhou\" is already a person of this book"));
    tierdesk_as(d, "lin")
        .args(["--lang", "zh", "person", "add", "li", "--name", "李", "--role", "manager", "--lead", "chen"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“chen”不是组长"));
}

#[test]
fn due_shows_mine_by_default_else_whose_is_asked() {
    let dir = book();
    let d = dir.path();
    assert_eq!(due_ids(d, "lin", &[]), [1, 2], "mine");
    assert_eq!(due_ids(d, "lin", &["--all"]), [1, 2, 3]);
    assert_eq!(due_ids(d, "lin", &["--owner", "wang"]), [3]);
    assert_eq!(due_ids(d, "lin", &["--owner", "wang", "--owner", "lin"]), [1, 2, 3]);
    assert_eq!(due_ids(d, "wang", &[]), [3], "Wang's own");
    // Someone who owns nothing here (a colleague looking in) sees everyone's.
    assert_eq!(due_ids(d, "zhao", &[]), [1, 2, 3]);
    tierdesk_as(d, "lin")
        .args(["due", "--owner", "ghost"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"ghost\" is no person of this book"));
    tierdesk_as(d, "lin").args(["due", "--owner", "wang", "--all"]).assert().code(2);
}

#[test]
fn customer_list_and_search_show_mine_by_default() {
    let dir = book();
    let d = dir.path();
    let names = |user: &str, args: &[&str]| -> Vec<String> {
        let v = json(tierdesk_as(d, user).args(args).args(["--format", "json"]).output().unwrap());
        v.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names("lin", &["customer", "list"]), ["Alpha", "Bravo"]);
    assert_eq!(names("lin", &["customer", "list", "--all"]), ["Alpha", "Bravo", "Charlie"]);
    assert_eq!(names("lin", &["customer", "list", "--owner", "wang"]), ["Charlie"]);
    assert_eq!(names("lin", &["search", "a"]).len(), 2);
    assert_eq!(names("lin", &["search", "charlie"]), Vec::<String>::new(), "not mine");
    assert_eq!(names("lin", &["search", "charlie", "--all"]), ["Charlie"]);
    assert_eq!(names("wang", &["search", "charlie"]), ["Charlie"]);
}

#[test]
fn a_file_without_owners_brings_the_importers_customers() {
    let dir = book();
    let d = dir.path();
    let csv = d.join("in.csv");
    std::fs::write(&csv, "name,tier\nDelta,B\n").unwrap();
    tierdesk_as(d, "lin").args(["import", "customers"]).arg(&csv).assert().success();
    // With an owner column, each row says whose (empty: nobody's, as a book's export says).
    std::fs::write(&csv, "name,tier,owner\nEcho,B,emma\nFoxtrot,B,\n").unwrap();
    tierdesk_as(d, "lin").args(["import", "customers"]).arg(&csv).assert().success();
    let v = json(tierdesk_bin(d).args(["customer", "list", "--all", "--format", "json"]).output().unwrap());
    let owner = |name: &str| {
        v.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()["owner"].as_str().unwrap().to_string()
    };
    assert_eq!([owner("Delta"), owner("Echo"), owner("Foxtrot")], ["lin", "emma", ""]);
    let v = json(tierdesk_as(d, "lin").args(["person", "list", "--format", "json"]).output().unwrap());
    assert!(v.as_array().unwrap().iter().any(|p| p["login"] == "emma" && p["role"] == "manager"), "{v}");
    // The import set the book's new-owner trigger aside while it wrote: it is back.
    add(d, "lin", "Golf", &["--owner", "kai"]);
    let v = json(tierdesk_as(d, "lin").args(["person", "list", "--format", "json"]).output().unwrap());
    assert!(v.as_array().unwrap().iter().any(|p| p["login"] == "kai"), "{v}");
}

#[test]
fn person_handover_moves_customers_with_their_history_on_a_book_file() {
    let dir = book();
    let d = dir.path();
    tierdesk_as(d, "lin").args(["log", "Alpha", "--kind", "call", "--note", "bond fund"]).assert().success();
    tierdesk_as(d, "lin")
        .args(["person", "handover", "lin", "wang", "--customer", "Alpha"])
        .assert()
        .success()
        .stdout(predicate::str::contains("handed 1 customer(s) over from lin to wang"));
    let names = |user: &str| {
        let v = json(tierdesk_as(d, user).args(["customer", "list", "--format", "json"]).output().unwrap());
        let mut n: Vec<String> =
            v.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
        n.sort();
        n
    };
    assert_eq!(names("wang"), ["Alpha", "Charlie"]);
    assert_eq!(names("lin"), ["Bravo"]);
    tierdesk_as(d, "wang")
        .args(["history", "Alpha", "--all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bond fund"));
    // Refusals, in one line each: the same person twice, nobody of the book, nothing left.
    tierdesk_as(d, "lin").args(["person", "handover", "lin", "lin"]).assert().code(2);
    tierdesk_as(d, "lin")
        .args(["person", "handover", "lin", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nobody"));
    tierdesk_as(d, "lin").args(["person", "handover", "lin", "wang"]).assert().success();
    tierdesk_as(d, "lin")
        .args(["person", "handover", "lin", "wang"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing was handed over: lin has no customers you may see"));
    tierdesk_as(d, "lin")
        .env("LANG", "zh_CN.UTF-8")
        .args(["person", "handover", "wang", "lin", "--customer", "Bravo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已把 1 位客户从 wang 移交给 lin"));
}
