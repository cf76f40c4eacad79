//! Sign-off that means something: the approver's name is recorded as not verified (a solo
//! book cannot know who is typing) and shown so; the mover's own name, however spaced, cased
//! or typed, is refused; a customer created or imported straight into the top tier waits for
//! a sign-off like a move. Through the real binary and the TUI harness.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, tierdesk_as};
use predicates::prelude::*;
use serde_json::Value;
use tierdesk::i18n::Lang;
use tierdesk::ui::effect::{Effect, Route};

fn awaiting(dir: &std::path::Path) -> Vec<(String, bool)> {
    let out = tierdesk_as(dir, "Zhang Wei").args(["customer", "list", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut rows: Vec<(String, bool)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["awaiting_signoff"].as_bool().unwrap()))
        .collect();
    rows.sort();
    rows
}

#[test]
fn the_movers_name_in_another_case_width_or_spacing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    tierdesk_as(dir.path(), "Zhang Wei")
        .args(["customer", "add", "--name", "华信科技", "--tier", "C", "--ref", "K-7"])
        .assert()
        .success();
    tierdesk_as(dir.path(), "Zhang Wei").args(["tier", "K-7", "A", "--reason", "框架协议"]).assert().success();
    for by in [" zhang wei ", "ZHANG\u{3000}WEI", "Ｚｈａｎｇ Ｗｅｉ", "zhang  wei"] {
        tierdesk_as(dir.path(), "Zhang Wei")
            .args(["approve", "K-7", "--by", by])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("someone else must sign it off"));
    }
    assert_eq!(awaiting(dir.path()), [("华信科技".to_string(), true)]);
    tierdesk_as(dir.path(), "Zhang Wei")
        .args(["approve", "K-7", "--by", "周总"])
        .assert()
        .success()
        .stdout(predicate::str::contains("signed off by 周总 (not verified)"));
}

#[test]
fn history_says_the_approver_was_not_verified_in_text_json_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    tierdesk_as(dir.path(), "Zhang Wei")
        .args(["customer", "add", "--name", "华信科技", "--tier", "B", "--ref", "K-7"])
        .assert()
        .success();
    tierdesk_as(dir.path(), "Zhang Wei").args(["tier", "K-7", "A", "--reason", "框架协议"]).assert().success();
    tierdesk_as(dir.path(), "Zhang Wei").args(["approve", "K-7", "--by", "周总"]).assert().success();
    let text =
        String::from_utf8(tierdesk_as(dir.path(), "x").args(["history", "K-7"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("signed off by 周总 (not verified)"), "{text}");
    let zh = String::from_utf8(
        tierdesk_as(dir.path(), "x").args(["--lang", "zh", "history", "K-7"]).output().unwrap().stdout,
    )
    .unwrap();
    assert!(zh.contains("审批人 周总（未核实）"), "{zh}");
    let out = tierdesk_as(dir.path(), "x").args(["history", "K-7", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let signed = v.as_array().unwrap().iter().find(|c| c["approved_by"] == "周总").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(signed["approver_verified"], false, "{v}");
    assert_eq!(signed["signoff"], "signed off by 周总 (not verified)", "{v}");
    let all =
        String::from_utf8(tierdesk_as(dir.path(), "x").args(["history", "K-7", "--all"]).output().unwrap().stdout)
            .unwrap();
    assert!(all.contains("周总 (not verified)"), "{all}");
}

#[test]
fn a_customer_added_into_the_top_tier_awaits_sign_off_and_approve_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    tierdesk_as(dir.path(), "Zhang Wei")
        .args(["customer", "add", "--name", "招商银行", "--tier", "A", "--ref", "K-1"])
        .assert()
        .success();
    tierdesk_as(dir.path(), "Zhang Wei").args(["customer", "add", "--name", "远航", "--tier", "B"]).assert().success();
    assert_eq!(awaiting(dir.path()), [("招商银行".to_string(), true), ("远航".to_string(), false)]);
    tierdesk_as(dir.path(), "Zhang Wei")
        .args(["approve", "K-1", "--by", "zhang wei"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("someone else must sign it off"));
    tierdesk_as(dir.path(), "Zhang Wei").args(["approve", "K-1", "--by", "周总"]).assert().success();
    assert_eq!(awaiting(dir.path()), [("招商银行".to_string(), false), ("远航".to_string(), false)]);
}

#[test]
fn a_customer_imported_into_the_top_tier_awaits_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.csv");
    std::fs::write(&file, "name,company,tier\n招商银行,招行,A\n远航物流,远航,C\n").unwrap();
    tierdesk_as(dir.path(), "Zhang Wei").args(["import", "customers"]).arg(&file).assert().success();
    assert_eq!(awaiting(dir.path()), [("招商银行".to_string(), true), ("远航物流".to_string(), false)]);
    let out = tierdesk_as(dir.path(), "x").args(["history", "招商银行", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v[0]["from"].clone(), v[0]["awaiting_signoff"].clone()), (Value::Null, Value::from(true)), "{v}");
}

#[test]
fn the_tui_sign_off_form_says_names_are_not_verified_and_refuses_the_movers_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, ids) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.app.apply(Effect::Open(Route::Customer(ids[2]))); // Acme Trading, B
    hs.draw();
    hs.press("T a tab");
    hs.type_text("strategic account");
    hs.press("enter A");
    assert!(hs.screen().contains("not verified"), "{}", hs.screen());
    hs.type_text(" TESTER ");
    hs.press("enter");
    assert!(hs.screen().contains("Sign off: Acme Trading"), "the form stays open: {}", hs.screen());
    assert!(hs.screen().contains("that is the mover's name"), "{}", hs.screen());
    assert!(hs.app.store().customer(ids[2]).unwrap().unwrap().signoff_pending);
    hs.press("ctrl-u");
    hs.type_text("Director Zhou");
    hs.press("enter");
    assert_eq!(hs.app.status_text(), Some("Acme Trading: signed off by Director Zhou (not verified)"));
    assert!(hs.screen().contains("signed off by Director Zhou (not verified)"), "{}", hs.screen());
}

#[test]
fn a_customer_added_in_the_tui_into_the_top_tier_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("2 a");
    hs.type_text("司马光");
    hs.press("tab ctrl-u");
    hs.type_text("A");
    hs.press("ctrl-s");
    let (y, x) = hs.find("! 司马光").unwrap_or_else(|| panic!("flag before the name: {}", hs.screen()));
    assert_eq!(hs.style_at(x, y).fg, hs.app.env.theme.warn.fg);
}
