//! The real binary on temp books: exit codes, messages, JSON output.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{tierdesk_bare, tierdesk_bin, tierdesk_on};
use predicates::prelude::*;
use serde_json::Value;

on_both_engines! {
fn customer_add_then_list_as_json(book: &TestBook) {
    book.cmd()
        .args([
            "customer",
            "add",
            "--name",
            "招商银行",
            "--tier",
            "a",
            "--ref",
            "K-001",
            "--company",
            "招商银行股份有限公司",
        ])
        .args(["--created", "2026-11-01", "--phone", "+86 755 8319 8888"])
        .assert()
        .success()
        .stdout("1\n");
    book.cmd()
        .args(["customer", "add", "--name", "Acme", "--tier", "D"])
        .assert()
        .success()
        .stdout("2\n");
    let out = book.cmd().args(["customer", "list", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    // by name: Acme (a) before 招商银行 (zhao)
    assert_eq!(list[0]["name"], "Acme");
    let c = &list[1];
    assert_eq!(c["customer_id"], 1);
    assert_eq!(c["ref"], "K-001");
    assert_eq!(c["tier"], "A");
    assert_eq!(c["created"], "2026-11-01");
    assert_eq!(c["last_contact"], Value::Null);
    assert_eq!(c["next_due"], "2026-11-08");
    // filtered by tier, as CSV
    book.cmd()
        .args(["customer", "list", "--tier", "A", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("招商银行股份有限公司").and(predicate::str::contains("Acme").not()));
}
}

on_both_engines! {
fn bad_input_exits_2_with_one_clear_line_and_saves_nothing(book: &TestBook) {
    let assert = book.cmd()
        .args(["customer", "add", "--name", "X", "--tier", "Z", "--email", "nope", "--created", "2026-02-30"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--tier: no such tier; choose one of A B C D"), "{err}");
    assert!(err.contains("--email") && err.contains("--created"), "{err}");
    book.cmd().args(["customer", "list", "--format", "json"]).assert().success().stdout("[]\n");
    book.cmd()
        .args(["customer", "list", "--tier", "Q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tier \"Q\""));
    book.cmd()
        .args(["--today", "2026-13-01", "customer", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a real date"));
}
}

#[test]
fn a_corrupt_file_gets_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.sqlite"), b"this is not a database at all, sorry").unwrap();
    let assert = tierdesk_bin(dir.path()).args(["customer", "list"]).assert().code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not a tierdesk book"), "{err}");
    // The same for a SQLite file whose pages were damaged after the header.
    let path = dir.path().join("damaged.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xAB;
    }
    std::fs::write(&path, bytes).unwrap();
    let assert = tierdesk_on(&path).args(["customer", "list"]).assert().failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn db_comes_from_the_environment_when_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-env.sqlite");
    tierdesk_bare()
        .env("TIERDESK_CONFIG_DIR", dir.path().join("config"))
        .env("TIERDESK_DB", &path)
        .args(["customer", "add", "--name", "Env", "--tier", "B"])
        .assert()
        .success();
    assert!(path.exists());
}

#[test]
fn init_records_the_scheme_and_refuses_a_different_one() {
    let dir = tempfile::tempdir().unwrap();
    tierdesk_bin(dir.path())
        .args(["init", "--scheme", "brokerage"])
        .assert()
        .success()
        .stdout(predicate::str::contains("VIP CORE POT ORD"));
    tierdesk_bin(dir.path()).args(["customer", "add", "--name", "张三", "--tier", "vip"]).assert().success();
    tierdesk_bin(dir.path())
        .args(["init", "--scheme", "leads"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already uses the \"brokerage\""));
}

#[test]
fn a_malformed_scheme_file_is_refused_naming_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("mine.toml");
    std::fs::write(
        &scheme,
        "id = \"mine\"\nname = { zh = \"我的\", en = \"Mine\" }\n\n[[tier]]\ncode = \"A\"\nzh = \"甲\"\nen = \"A\"\ncolor = \"tier1\"\ncadence = { every = 2, unit = \"fortnight\" }\n",
    )
    .unwrap();
    let assert = tierdesk_bin(dir.path()).args(["init", "--scheme"]).arg(&scheme).assert().code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(err.contains("mine.toml, line 9: tier \"A\": unknown cadence unit \"fortnight\""), "{err}");
    assert!(!dir.path().join("book.sqlite").exists(), "a refused scheme creates no book");
}

#[test]
fn a_corrupt_config_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/config.toml"), "lang = \"en\"\ntheme = [oops\n").unwrap();
    tierdesk_bin(dir.path())
        .args(["customer", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml, line 2"));
}

#[test]
fn the_demo_book_is_built_at_a_new_path_and_refuses_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.sqlite"), b"").unwrap();
    tierdesk_bin(dir.path()).arg("--demo").assert().code(2).stderr(predicate::str::contains("the file exists"));
}

#[test]
fn demo_book_has_every_tier_and_runs_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    // Everyone's customers (`--all`): the demo's signed-in person is one of its five
    // account managers, and the list shows theirs by default.
    let out =
        tierdesk_bin(dir.path()).args(["--demo", "customer", "list", "--all", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(list.len() >= 300, "{}", list.len());
    let mine = serde_json::from_slice::<Value>(
        &crate::common::tierdesk_as(dir.path(), "王芳")
            .args(["customer", "list", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let mine = mine.as_array().unwrap();
    assert!(mine.len() > 20 && mine.len() < list.len() / 2, "mine: {}", mine.len());
    assert!(mine.iter().all(|c| c["owner"] == "王芳"), "the demo is seen as 王芳");
    for tier in ["A", "B", "C", "D"] {
        let of_tier: Vec<_> = list.iter().filter(|c| c["tier"] == tier).collect();
        let due = |c: &&Value| c["next_due"].as_str().unwrap().to_string();
        assert!(of_tier.iter().any(|c| due(c).as_str() < "2026-11-23"), "{tier} overdue");
        assert!(of_tier.iter().any(|c| due(c) == "2026-11-23"), "{tier} due today");
        assert!(of_tier.iter().any(|c| due(c).as_str() > "2026-11-23"), "{tier} later");
    }
    assert!(list.iter().any(|c| !c["name"].as_str().unwrap().is_ascii()), "Chinese names");
    assert!(list.iter().any(|c| c["name"].as_str().unwrap().is_ascii()), "English names");
    // the demo went to the --db path and stays there
    assert!(dir.path().join("book.sqlite").exists());
    // deterministic for a given today
    let dir2 = tempfile::tempdir().unwrap();
    let out2 =
        tierdesk_bin(dir2.path()).args(["--demo", "customer", "list", "--all", "--format", "json"]).output().unwrap();
    assert_eq!(out.stdout, out2.stdout);
}
