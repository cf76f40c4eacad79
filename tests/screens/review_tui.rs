//! The Review screen (6) on a real book: suggestions with what the policy says, accepting one
//! (Enter) and all that may apply (a), skipping (s), refusals for held and provisional ones,
//! and undo (u), checked against the tier history saved.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, d, fields, fixture};
use tierdesk::demo::indicators::{demo_value, standings_for_tiers};
use tierdesk::domain::customer::CustomerId;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::store::{Measurement, Store};
use tierdesk::ui::screens::Screen;

/// Give `customer` the distributor values of a customer graded `tier`.
fn grade_as(store: &mut Store, customer: CustomerId, tier: &str) {
    let model = tierdesk::data::grading_model("distributor").unwrap();
    let q = standings_for_tiers(&model, &["A", "B", "C", "D"])
        [["A", "B", "C", "D"].iter().position(|t| *t == tier).unwrap()];
    let values = (0..model.indicators.len())
        .map(|i| (model.indicators[i].code.clone(), demo_value(&model, i, q).unwrap()))
        .collect();
    store.record_indicators(&[Measurement { customer, measured_on: d("2026-10-31"), values }]).unwrap();
}

/// 李强 C graded A, Zhang Wei C graded B, 王芳 A graded C (a downgrade, held), 赵敏 D graded D,
/// and a customer taken on 2026-10-01 in D graded B (provisional).
fn book(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness, Vec<CustomerId>) {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut ids) = fixture(dir.path());
    ids.push(store.add_customer(&fields("新客户", "新起点贸易", "D", "2026-10-01")).unwrap());
    grade_as(&mut store, ids[4], "A");
    grade_as(&mut store, ids[5], "B");
    grade_as(&mut store, ids[1], "C");
    grade_as(&mut store, ids[6], "D");
    grade_as(&mut store, ids[7], "B");
    drop(store);
    // A fresh session: what the fixture wrote is not this person's to undo.
    let mut hs = Harness::new(common::open(&path), lang, w, h);
    hs.press("6");
    (dir, hs, ids)
}

fn shown(hs: &Harness) -> Vec<String> {
    match hs.app.screen() {
        Screen::Review(r) => {
            let run = r.run.as_ref().unwrap();
            r.shown().iter().map(|s| run.name_of(s.customer).to_string()).collect()
        }
        _ => panic!("not on the review"),
    }
}

#[test]
fn the_review_lists_each_difference_with_what_the_policy_says() {
    let (_dir, hs, _) = book(Lang::En, 120, 40);
    assert_eq!(shown(&hs), ["李强", "Zhang Wei", "新客户", "王芳"], "best suggested tier first");
    let s = hs.screen();
    assert!(s.contains("4 suggestions: 2 apply now, 1 held, 1 provisional"), "{s}");
    assert!(s.contains("held until 2027-01-01"), "{s}");
    assert!(s.contains("provisional until 2027-04-01"), "{s}");
    assert!(s.contains("The values behind 李强"), "{s}");
    assert!(s.contains("Purchase amount"), "{s}");
    // an upgrade that may apply is drawn in the ok colour
    let (y, _) = hs.find("Zhang Wei ").unwrap();
    let line: String = s.lines().nth(y as usize).unwrap().to_string();
    let x = line[..line.find("apply now").unwrap()]
        .chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
        .sum::<usize>();
    assert_eq!(hs.style_at(x as u16, y).fg, hs.app.env.theme.ok.fg, "{line}");
}

#[test]
fn accept_one_skip_one_accept_all_and_undo() {
    let (_dir, mut hs, ids) = book(Lang::En, 120, 40);
    hs.press("enter");
    let store = hs.app.store();
    assert_eq!(store.customer(ids[4]).unwrap().unwrap().fields.tier, "A");
    let last = store.tier_history(ids[4]).unwrap().pop().unwrap();
    assert_eq!((last.from.as_deref(), last.to.as_str(), last.reason.as_str()), (Some("C"), "A", "review: distributor"));
    assert!(last.awaiting_signoff(), "a move into the top tier waits for a sign-off");
    assert_eq!(store.customer(ids[4]).unwrap().unwrap().next_due_on, d("2026-11-07"), "weekly from 10-31 at once");
    assert!(hs.app.status_text().unwrap().contains("await sign-off"));
    assert_eq!(shown(&hs), ["Zhang Wei", "新客户", "王芳"]);

    // held and provisional ones are refused with the reason
    hs.press("j enter");
    assert!(hs.app.status_text().unwrap().contains("provisional tier until 2027-04-01"), "{:?}", hs.app.status_text());
    hs.press("j enter");
    assert!(hs.app.status_text().unwrap().contains("annual review (2027-01-01)"), "{:?}", hs.app.status_text());
    assert_eq!(hs.app.store().customer(ids[1]).unwrap().unwrap().fields.tier, "A", "nothing written");

    // skip Zhang Wei: gone from the list, so "all" has nothing left that may apply
    hs.press("g s");
    assert_eq!(shown(&hs), ["新客户", "王芳"]);
    assert!(hs.screen().contains("1 skipped"));
    hs.press("a");
    assert!(hs.app.status_text().unwrap().contains("None of the suggestions shown"));

    // undo the accepted one: 李强 is back in C and back in the list
    hs.press("u");
    assert!(hs.app.status_text().unwrap().starts_with("Undone"), "{:?}", hs.app.status_text());
    assert_eq!(hs.app.store().customer(ids[4]).unwrap().unwrap().fields.tier, "C");
    assert_eq!(shown(&hs), ["李强", "新客户", "王芳"]);

    // accept all that may apply, after the question
    hs.press("a");
    assert!(hs.screen().contains("Accept 1 suggestions that apply today?"), "{}", hs.screen());
    hs.press("y");
    assert_eq!(hs.app.store().customer(ids[4]).unwrap().unwrap().fields.tier, "A");
    assert_eq!(hs.app.store().customer(ids[5]).unwrap().unwrap().fields.tier, "C", "skipped: untouched");
    assert_eq!(shown(&hs), ["新客户", "王芳"]);
}

#[test]
fn the_filter_shows_what_applies_now_or_what_waits() {
    let (_dir, mut hs, _) = book(Lang::En, 120, 40);
    hs.press("f");
    assert_eq!(shown(&hs), ["李强", "Zhang Wei"]);
    hs.press("f");
    assert_eq!(shown(&hs), ["新客户", "王芳"]);
    hs.press("f");
    assert_eq!(shown(&hs).len(), 4);
}

#[test]
fn review_snapshots() {
    for (lang, w, h) in [(Lang::En, 120, 40), (Lang::Zh, 80, 24)] {
        let (_dir, hs, _) = book(lang, w, h);
        insta::assert_snapshot!(format!("review_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn a_book_without_values_says_how_to_get_some() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("6");
    assert!(hs.screen().contains("No customer has indicator values yet"), "{}", hs.screen());
}
