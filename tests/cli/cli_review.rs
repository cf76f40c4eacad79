//! `tierdesk import indicators` and `tierdesk review` through the real binary: all-or-nothing
//! imports with every bad row named, the review's suggestions in text and JSON, `--apply`
//! writing only what the policy allows, and the config's policy keys.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn tierdesk(b: &TestBook) -> Command {
    let mut cmd = b.cmd();
    cmd.env("USER", "lin");
    cmd
}

/// Customers in a brokerage book: VIP / CORE / POT / ORD, graded by the brokerage rules.
fn brokerage_book(b: &TestBook) {
    for (name, tier, r, created) in [
        ("王芳", "POT", "B-1", "2024-01-10"),
        ("李强", "VIP", "B-2", "2024-01-10"),
        ("赵敏", "ORD", "B-3", "2026-06-01"),
        ("Acme", "CORE", "B-4", "2024-01-10"),
    ] {
        tierdesk(b)
            .args(["customer", "add", "--name", name, "--tier", tier, "--ref", r, "--created", created])
            .assert()
            .success();
    }
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn review_json(b: &TestBook, extra: &[&str]) -> Value {
    let out = tierdesk(b).args(["review", "--format", "json"]).args(extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

on_both_engines! { scheme = "brokerage";
fn a_bad_indicator_file_is_refused_whole_with_every_problem_named(book: &TestBook) {
    brokerage_book(book);
    let f = write(
        book.dir(),
        "bad.csv",
        "ref,measured_on,日均资产,net_commission,微信\n\
         B-1,2026-06-30,\"5,200,000\",12000,x\n\
         B-9,2026-06-30,100,0,\n\
         B-2,2026-02-30,abc,0,\n\
         B-4,2027-01-01,100,0,\n",
    );
    let out = tierdesk(book).args(["import", "indicators"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("4 problems found, nothing imported"), "{err}");
    assert!(err.contains("line 3, column \"ref\": no customer has the ref \"B-9\""), "{err}");
    assert!(err.contains("line 4, column \"measured_on\": \"2026-02-30\" is not a real date"), "{err}");
    assert!(err.contains("line 4, column \"日均资产\": \"abc\""), "{err}");
    assert!(err.contains("line 5, column \"measured_on\": 2027-01-01 is in the future"), "{err}");
    let v = review_json(book, &[]);
    assert_eq!(v["graded"], 0, "nothing was written, not even line 2");
}
}

on_both_engines! { scheme = "brokerage";
fn imported_values_drive_the_review_and_apply_writes_only_what_may_apply(book: &TestBook) {
    brokerage_book(book);
    // 王芳 POT: commission exactly 50,000 makes her VIP (an upgrade: applies).
    // 李强 VIP: now ordinary (a downgrade: held until the annual review on 2027-01-01).
    // 赵敏 ORD, taken on 2026-06-01: core by assets, but provisional for 12 months.
    // Acme CORE with assets 500,000: core B, as it is: no suggestion.
    let f = write(
        book.dir(),
        "values.csv",
        "ref,measured_on,avg_daily_assets,net_commission\n\
         B-1,2026-06-30,100000,\"50,000\"\n\
         B-2,2026-06-30,150000,1000\n\
         B-3,2026-06-30,800000,0\n\
         B-4,2026-06-30,500000,0\n",
    );
    tierdesk(book)
        .args(["import", "indicators"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("4 rows, 8 values of model \"brokerage\""));
    let v = review_json(book, &[]);
    assert_eq!(v["model"], "brokerage");
    assert_eq!(v["policy"]["provisional_months"], 12);
    assert_eq!((v["customers"].as_u64(), v["graded"].as_u64()), (Some(4), Some(4)));
    let s = v["suggestions"].as_array().unwrap();
    let brief: Vec<(&str, &str, &str, &str, Option<&str>)> = s
        .iter()
        .map(|x| {
            (
                x["name"].as_str().unwrap(),
                x["current"].as_str().unwrap(),
                x["suggested"].as_str().unwrap(),
                x["verdict"].as_str().unwrap(),
                x["until"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("王芳", "POT", "VIP", "apply", None),
            ("赵敏", "ORD", "CORE", "provisional", Some("2027-06-01")),
            ("李强", "VIP", "ORD", "held", Some("2027-01-01")),
        ]
    );
    assert_eq!(s[0]["rule"], "VIP");
    assert_eq!(s[0]["values"][1]["value"], "50000");
    assert_eq!(s[0]["values"][1]["measured_on"], "2026-06-30");

    let out = tierdesk(book).args(["review", "--apply"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("applied 1 changes (reason \"review: brokerage\"); 2 left for later"), "{text}");
    let h = tierdesk(book).args(["history", "B-1", "--format", "json"]).output().unwrap();
    let h: Value = serde_json::from_slice(&h.stdout).unwrap();
    let last = h.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["to"].as_str(), last["reason"].as_str()), (Some("VIP"), Some("review: brokerage")));
    assert_eq!(last["awaiting_signoff"], true);
    let again = review_json(book, &[]);
    assert_eq!(again["suggestions"].as_array().unwrap().len(), 2, "the applied one is settled");
}
}

on_both_engines! { scheme = "brokerage";
fn the_config_can_let_downgrades_apply_at_once(book: &TestBook) {
    brokerage_book(book);
    let f = write(book.dir(), "v.csv", "ref,avg_daily_assets,net_commission\nB-2,150000,1000\n");
    tierdesk(book).args(["import", "indicators", "--date", "2026-11-01"]).arg(&f).assert().success();
    std::fs::create_dir_all(book.dir().join("config")).unwrap();
    std::fs::write(book.dir().join("config/config.toml"), "[review]\ndowngrades = \"immediate\"\n").unwrap();
    let v = review_json(book, &[]);
    assert_eq!(v["suggestions"][0]["verdict"], "apply");
    assert_eq!(v["suggestions"][0]["values"][0]["measured_on"], "2026-11-01");
    std::fs::write(book.dir().join("config/config.toml"), "[review]\nannual_review = \"11-20\"\n").unwrap();
    let v = review_json(book, &[]);
    assert_eq!(v["suggestions"][0]["verdict"], "apply", "within 31 days of 11-20");
    std::fs::write(book.dir().join("config/config.toml"), "[review]\ndowngrades = \"later\"\n").unwrap();
    tierdesk(book)
        .args(["review"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2").and(predicate::str::contains("\"annual\" or \"immediate\"")));
}
}

on_both_engines! { scheme = "brokerage";
fn a_model_for_another_scheme_or_an_unknown_one_is_refused(book: &TestBook) {
    brokerage_book(book);
    tierdesk(book)
        .args(["review", "--model", "distributor"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("distributor"));
    tierdesk(book)
        .args(["review", "--model", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no grading model \"nope\"; the shipped ones are"));
}
}

#[test]
fn the_demo_book_has_a_review_to_do() {
    // The demo is a book file.
    let book = &TestBook::new(Engine::Sqlite).unwrap();
    let out = tierdesk(book).args(["--demo", "review", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["suggestions"].as_array().unwrap();
    assert!(v["graded"].as_u64().unwrap() > 200);
    assert!(s.iter().any(|x| x["verdict"] == "apply") && s.iter().any(|x| x["verdict"] == "held"), "{v}");
    assert!(s.len() < 80, "most demo customers are in their tier: {}", s.len());
}

on_both_engines! { scheme = "brokerage";
fn a_model_file_of_ones_own_is_used_or_refused_naming_file_entry_and_problem(book: &TestBook) {
    brokerage_book(book);
    let shipped = include_str!("../../data/grading/brokerage.toml");
    let good = write(book.dir(), "mine.toml", &shipped.replace("id = \"brokerage\"", "id = \"mine\""));
    let f = write(book.dir(), "v.csv", "ref,avg_daily_assets,net_commission\nB-1,6000000,0\n");
    tierdesk(book).args(["import", "indicators", "--model"]).arg(&good).arg(&f).assert().success();
    let v = review_json(book, &["--model", good.to_str().unwrap()]);
    assert_eq!(v["model"], "mine");
    assert_eq!(v["suggestions"][0]["suggested"], "VIP");
    let bad = write(book.dir(), "bad.toml", &shipped.replace("op = \">\"", "op = \"~\""));
    let out = tierdesk(book).args(["review", "--model"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.toml") && err.contains("line") && err.contains("\"~\""), "{err}");
}
}
