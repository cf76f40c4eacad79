//! Notes search on the screen: `N` from Today opens the `/` bar as a notes query (`#`);
//! each hit shows its date, customer, where it was written and the snippet, newest first;
//! Enter opens the customer. Typing `#` in the `/` bar does the same.
#![allow(clippy::unwrap_used)]

use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;

use crate::common::{Harness, d, fixture};

fn harness(lang: Lang, width: u16, height: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let note = |customer, on: &str, summary: &str| NewContact {
        customer,
        kind: "call".into(),
        on: d(on),
        person: String::new(),
        summary: summary.into(),
        outcome: String::new(),
    };
    s.add_contact(&note(ids[1], "2026-11-18", "客户上次来电问了债券基金的收益和风险，下周再谈"), None).unwrap();
    s.add_contact(&note(ids[3], "2026-11-21", "想了解债券基金"), None).unwrap();
    (dir, Harness::new(s, lang, width, height))
}

#[test]
fn n_finds_notes_newest_first_and_enter_opens_the_customer() {
    let (_dir, mut hs) = harness(Lang::Zh, 120, 40);
    hs.press("N");
    assert!(hs.screen().contains("笔记搜索"), "{}", hs.screen());
    assert!(hs.screen().contains("/#"), "the bar starts with the notes prefix:\n{}", hs.screen());
    hs.type_text("债券基金");
    let screen = hs.screen();
    assert!(screen.contains("笔记搜索：“债券基金”，2 条"), "{screen}");
    let (first, _) = hs.find("2026-11-21").unwrap_or_else(|| panic!("{screen}"));
    let (second, _) = hs.find("2026-11-18").unwrap_or_else(|| panic!("{screen}"));
    assert!(first < second, "newest first:\n{screen}");
    assert!(screen.contains("欧阳娜娜") && screen.contains("想了解债券基金"), "{screen}");
    assert!(screen.contains("联系内容"), "where it was written:\n{screen}");
    assert!(screen.contains("客户上次来电问了债券基金的收益和风险"), "the snippet:\n{screen}");

    hs.press("down enter");
    let screen = hs.screen();
    assert!(screen.contains("王芳") && !screen.contains("笔记搜索"), "the customer opened:\n{screen}");
}

#[test]
fn a_hash_in_the_slash_bar_searches_notes_and_two_characters_will_do() {
    let (_dir, mut hs) = harness(Lang::En, 80, 24);
    hs.press("/");
    hs.type_text("#回访");
    let screen = hs.screen();
    // The fixture's five contacts all say "季度回访 quarterly review".
    assert!(screen.contains("Notes search: \"回访\", 5 hits"), "{screen}");
    assert!(screen.contains("summary"), "{screen}");
    hs.type_text("xyz");
    assert!(hs.screen().contains("No notes contain \"回访xyz\""), "{}", hs.screen());
    hs.press("esc");
    assert!(!hs.screen().contains("Notes search"), "{}", hs.screen());
}
