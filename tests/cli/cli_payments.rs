//! `tierdesk payment late` and the terms in `customer show`, through the real binary on both
//! engines: a late payment is recorded, two in a quarter drop the payment terms from the next
//! day (visible in show's JSON with its reason), undo takes one back, bad dates are refused
//! with nothing saved, and the config's `[terms]` changes the rule.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;
use predicates::prelude::*;
use serde_json::Value;
use tierdesk::domain::customer::CustomerId;

/// A book with 王芳 (#1, ref K-9, tier B).
fn fill(b: &TestBook) {
    b.cmd().args(["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "K-9"]).assert().success().stdout("1\n");
}

/// `customer show --format json`'s `terms`, on `today`.
fn terms(b: &TestBook, today: &str) -> Value {
    let out = b.cmd().args(["--today", today, "customer", "show", "K-9", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["terms"].clone()
}

on_both_engines! {
fn two_late_payments_in_a_quarter_drop_the_terms_from_the_next_day(book: &TestBook) {
    fill(book);
    let t = terms(book, "2026-11-23");
    assert_eq!((t["price_pct"].as_i64(), t["price"].as_str()), (Some(-3), Some("up to 3% off list price")));
    assert_eq!((t["payment"]["code"].as_str(), t["base_payment"]["code"].as_str()), (Some("cod_or_30d"), Some("cod_or_30d")));
    assert_eq!((t["lead_time_days"].as_u64(), t["review"].as_str()), (Some(30), Some("every 3 months")));
    assert!(t["drop"].is_null() && t["pending_drop"].is_null(), "{t}");

    book.cmd()
        .args(["payment", "late", "王芳", "--date", "2026-10-05", "--note", "invoice 7, 3 weeks"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Recorded a late payment of 王芳 on 2026-10-05.")
                .and(predicate::str::contains("Payment terms: Cash on delivery or within 30 days")),
        );
    // The second of the quarter, today: the terms drop from tomorrow.
    book.cmd()
        .args(["payment", "late", "K-9"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 late payments in 2026 Q4 (10-05, 11-23): one level down from 11-24"));
    let t = terms(book, "2026-11-23");
    assert_eq!(t["payment"]["code"], "cod_or_30d", "not yet: {t}");
    assert_eq!(t["pending_drop"]["since"], "2026-11-24");
    assert!(t["drop"].is_null());

    let t = terms(book, "2026-11-24");
    assert_eq!((t["payment"]["code"].as_str(), t["payment"]["level"].as_u64()), (Some("on_delivery"), Some(2)));
    assert_eq!(t["base_payment"]["code"], "cod_or_30d");
    assert_eq!(t["drop"]["reason"], "2 late payments in 2026 Q4 (10-05, 11-23): one level down since 11-24");
    assert_eq!(t["drop"]["quarter"], "2026-Q4");
    assert_eq!(t["drop"]["late_payments"], serde_json::json!(["2026-10-05", "2026-11-23"]));
    assert_eq!(t["restores_on"], "2027-04-01", "after a clean Q1");
    assert_eq!(terms(book, "2027-04-01")["payment"]["code"], "cod_or_30d", "restored");

    book.cmd()
        .args(["--today", "2026-11-24", "--lang", "zh", "customer", "show", "K-9"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("付款：货到付款，不赊账")
                .and(predicate::str::contains("原因：2026年第4季度逾期付款 2 次（10-05、11-23）：自 11-24 起下调一级")),
        );

    let s = book.open();
    let kept: Vec<(String, String)> =
        s.late_payments(CustomerId(1)).unwrap().into_iter().map(|l| (l.on.to_string(), l.note)).collect();
    assert_eq!(kept, [("2026-10-05".into(), "invoice 7, 3 weeks".into()), ("2026-11-23".into(), String::new())]);
    drop(s);

    book.cmd().args(["undo"]).assert().success().stdout(predicate::str::contains("late payment"));
    let t = terms(book, "2026-11-24");
    assert!(t["drop"].is_null() && t["pending_drop"].is_null(), "undone: {t}");
    assert_eq!(t["late_payments"], serde_json::json!(["2026-10-05"]));
}

fn bad_dates_are_refused_and_nothing_is_saved(book: &TestBook) {
    fill(book);
    for (date, words) in [
        ("2026-11-24", "--date: 2026-11-24 is in the future (today is 2026-11-23)"),
        ("2026-02-30", "\"2026-02-30\" is not a real date"),
        ("+1d", "\"+1d\" is not a real date"),
        ("1850-01-01", "1850-01-01"),
    ] {
        let out = book.cmd().args(["payment", "late", "K-9", "--date", date]).assert().code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains(words), "{date}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    book.cmd().args(["payment", "late", "nobody"]).assert().code(2).stderr(predicate::str::contains("nobody"));
    assert!(book.open().late_payments(CustomerId(1)).unwrap().is_empty(), "nothing saved");
}

fn the_config_changes_the_rule_and_a_bad_value_is_refused_naming_the_key(book: &TestBook) {
    fill(book);
    let config = book.dir().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[terms]\nlate_payments_to_drop = 3\n").unwrap();
    for day in ["2026-10-05", "2026-11-02"] {
        book.cmd().args(["payment", "late", "K-9", "--date", day]).assert().success();
    }
    let t = terms(book, "2026-11-23");
    assert!(t["drop"].is_null(), "two are not three: {t}");
    book.cmd().args(["payment", "late", "K-9", "--date", "2026-11-20"]).assert().success();
    assert_eq!(terms(book, "2026-11-23")["drop"]["since"], "2026-11-21");

    std::fs::write(config.join("config.toml"), "[terms]\nclean_quarters_to_restore = 0\n").unwrap();
    book.cmd()
        .args(["customer", "show", "K-9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2").and(predicate::str::contains("terms.clean_quarters_to_restore")));
}
}

on_both_engines! {
scheme = "leads";
fn a_scheme_without_terms_says_so(book: &TestBook) {
    book.cmd().args(["customer", "add", "--name", "Lead", "--tier", "A", "--ref", "K-9"]).assert().success();
    assert!(terms(book, "2026-11-23").is_null());
    book.cmd()
        .args(["payment", "late", "K-9"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no terms for this tier scheme"));
    book.cmd()
        .args(["customer", "show", "K-9"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Terms: no terms for this tier scheme"));
}
}
