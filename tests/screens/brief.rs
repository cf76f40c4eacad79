//! The visit brief on screen (issue 14 point 1): `b` on a row of Today, the customer list and
//! the customer view opens it; it scrolls at 80x24; Esc goes back; both languages.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fixture};
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn selected_name(hs: &Harness) -> String {
    match hs.app.screen() {
        Screen::Today(t) => t.selected_item().unwrap().customer.name.clone(),
        Screen::Customers(l) => l.selected_row().unwrap().name.clone(),
        _ => panic!("not on a list"),
    }
}

#[test]
fn b_on_a_today_row_opens_that_customers_brief_and_esc_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    let name = selected_name(&hs);
    hs.press("b");
    let s = hs.screen();
    assert!(s.contains(&format!("Visit brief: {name}")), "{s}");
    for heading in ["Who", "Why this tier", "Last contacts", "Open follow-ups", "Risk assessment"] {
        assert!(s.contains(heading), "{heading}: {s}");
    }
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Today(_)), "{}", hs.screen());
    // From the customer list and from a customer's page too.
    hs.press("2");
    let name = selected_name(&hs);
    hs.press("b");
    assert!(hs.screen().contains(&format!("Visit brief: {name}")), "{}", hs.screen());
    hs.press("esc enter b");
    assert!(hs.screen().contains(&format!("Visit brief: {name}")), "{}", hs.screen());
    // The follow-ups across the book (招商银行 promised a quote), the week ahead, the plan.
    hs.press("esc esc 3 b");
    assert!(hs.screen().contains("Visit brief: 招商银行"), "{}", hs.screen());
    for keys in ["esc 1 w b", "esc esc P b"] {
        hs.press(keys);
        assert!(hs.screen().contains("Visit brief: "), "{keys}: {}", hs.screen());
        assert!(matches!(hs.app.screen(), Screen::Brief(_)), "{keys}");
    }
}

#[test]
fn at_80x24_the_brief_scrolls_to_its_last_section_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = fixture(dir.path());
    // Five contacts with long notes: the brief is taller than the window.
    let long = "客户询问债券基金的收益和风险，希望下周安排一次面谈，并带上近三年的业绩报告".to_string();
    let contacts: Vec<NewContact> = (1..=5)
        .map(|i| NewContact {
            customer: ids[0],
            kind: "call".into(),
            on: d(&format!("2026-11-1{i}")),
            person: String::new(),
            summary: long.clone(),
            outcome: String::new(),
        })
        .collect();
    store.add_contacts_bulk(&contacts, &[]).unwrap();
    let mut hs = Harness::new(store, Lang::Zh, 80, 24);
    hs.press("2");
    // The list is by next due: move to 招商银行.
    for _ in 0..10 {
        if selected_name(&hs) == "招商银行" {
            break;
        }
        hs.press("j");
    }
    hs.press("b");
    let top = hs.screen();
    assert!(top.contains("拜访简报：招商银行") && top.contains("客户"), "{top}");
    assert!(!top.contains("适合的产品"), "the last section is below the window at first: {top}");
    assert!(top.contains("/"), "the position shows when the brief is taller than the window: {top}");
    // A page down: the contacts, their long notes wrapped instead of running off the edge.
    hs.press("pagedown");
    assert!(hs.screen().contains("近三年的业绩报告"), "{}", hs.screen());
    hs.press("G");
    let bottom = hs.screen();
    assert!(bottom.contains("适合的产品") && bottom.contains("适当性未知（从未测评）"), "{bottom}");
    assert!(bottom.contains("风险测评") && bottom.contains("从未测评"), "{bottom}");
    assert!(bottom.contains("发送报价单"), "the open follow-up: {bottom}");
}
