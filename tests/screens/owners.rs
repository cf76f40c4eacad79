//! Mine or everyone's: Today, the customer list and the follow-ups show the signed-in
//! person's customers by default, one key switches to everyone's and back, and the titles
//! say whose list it is, in both languages.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

/// The fixture's book (7 customers of Lin) where the signed-in "tester" owns two:
/// 招商银行 (overdue, with a follow-up due) and 欧阳娜娜 (overdue).
fn harness(lang: Lang) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = fixture(dir.path());
    for id in [ids[0], ids[3]] {
        let mut f = store.customer(id).unwrap().unwrap().fields;
        f.owner = "tester".into();
        store.update_customer(id, &f, "").unwrap();
    }
    (dir, Harness::new(store, lang, 120, 40))
}

fn today_count(hs: &Harness) -> usize {
    match hs.app.screen() {
        Screen::Today(t) => t.items().len(),
        _ => panic!("not on Today"),
    }
}

#[test]
fn one_key_switches_between_mine_and_everyone() {
    let (_dir, mut hs) = harness(Lang::En);
    assert_eq!(today_count(&hs), 3, "my two customers' items: two contacts and a follow-up");
    assert!(hs.screen().contains("Mine · Today 2026-11-23: 3 items"), "{}", hs.screen());
    hs.press("o");
    assert_eq!(today_count(&hs), 5);
    assert!(hs.screen().contains("Everyone · Today 2026-11-23: 5 items"), "{}", hs.screen());
    // One scope for the three lists: the customer list follows.
    hs.press("2");
    assert!(hs.screen().contains("Everyone · Customers | All (7)"), "{}", hs.screen());
    hs.press("o");
    let s = hs.screen();
    assert!(s.contains("Mine · Customers | All (2)"), "{s}");
    assert!(s.contains("欧阳娜娜") && !s.contains("Zhang Wei"), "{s}");
    hs.press("3");
    let s = hs.screen();
    assert!(s.contains("Mine · Follow-ups | open (1)"), "{s}");
    hs.press("o");
    assert!(hs.screen().contains("Everyone · Follow-ups"), "{}", hs.screen());
}

#[test]
fn the_titles_say_whose_list_in_chinese() {
    let (_dir, mut hs) = harness(Lang::Zh);
    assert!(hs.screen().contains("我的 · 今日待办"), "{}", hs.screen());
    hs.press("o");
    assert!(hs.screen().contains("全部 · 今日待办"), "{}", hs.screen());
}

#[test]
fn a_book_where_i_own_nothing_opens_on_everyones() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    assert_eq!(today_count(&hs), 5);
    assert!(hs.screen().contains("Everyone · Today"), "{}", hs.screen());
    hs.press("o");
    assert_eq!(today_count(&hs), 0, "mine: none");
    assert!(hs.screen().contains("Mine · Today"), "{}", hs.screen());
}
