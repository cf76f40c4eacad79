//! The Today screen and the contact log: what is due, in what order, and one keystroke per
//! customer, checked against the rows saved in a real book.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fixture, open};
use tierdesk::domain::due::DueReason;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn harness(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let hs = Harness::new(store, lang, w, h);
    (dir, hs)
}

fn today_names(hs: &Harness) -> Vec<(String, DueReason, bool)> {
    match hs.app.screen() {
        Screen::Today(t) => t.items().iter().map(|i| (i.customer.name.clone(), i.reason, i.done)).collect(),
        _ => panic!("not on Today"),
    }
}

#[test]
fn today_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 120, 40), (Lang::En, 120, 40)] {
        let (_dir, hs) = harness(lang, w, h);
        insta::assert_snapshot!(format!("today_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn opens_on_today_in_the_agreed_order() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    use DueReason::*;
    assert_eq!(
        today_names(&hs),
        vec![
            // overdue contacts: best tier first, then most days late
            ("招商银行".to_string(), Cadence, false),
            ("欧阳娜娜".to_string(), Cadence, false),
            ("Zhang Wei".to_string(), Cadence, false),
            // due today
            ("王芳".to_string(), Cadence, false),
            // promised follow-ups due or late
            ("招商银行".to_string(), FollowUp, false),
        ]
    );
    let s = hs.screen();
    assert!(s.contains("Today 2026-11-23: 5 items, 0 done, 5 left"), "{s}");
    assert!(s.contains("follow-up: 发送报价单"), "{s}");
    assert!(s.contains("Coverage"), "{s}");
}

#[test]
fn late_days_are_in_the_danger_colour() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    let theme = &hs.app.env.theme;
    let (y, _) = hs.find("欧阳娜娜").unwrap();
    let (late_row, x) = hs.find("587").unwrap();
    assert_eq!(late_row, y, "587 days late is on 欧阳娜娜's row:\n{}", hs.screen());
    assert_eq!(hs.style_at(x, y).fg, theme.danger.fg);
}

#[test]
fn log_and_advance_through_three_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    let before = hs.app.store().count_contacts().unwrap();
    // Row 1: 招商银行. Space opens the form prefilled for today; save at once.
    hs.press("space");
    assert!(hs.screen().contains("Log a contact: 招商银行"), "{}", hs.screen());
    hs.press("ctrl-s");
    // Row 2 is now selected: 欧阳娜娜. Pick a call (digit 2), type a summary, save.
    hs.press("space 2 tab tab tab tab");
    hs.type_text("问候一下");
    hs.press("ctrl-s");
    // Row 3: Zhang Wei, with a follow-up a week later via the quick pick.
    hs.press("space tab tab tab tab tab tab");
    hs.type_text("Send brochure");
    hs.press("alt-3 ctrl-s");
    let s = hs.screen();
    assert!(s.contains("3 done, 2 left"), "{s}");
    assert_eq!(
        today_names(&hs).iter().map(|(_, _, done)| *done).collect::<Vec<_>>(),
        [true, true, true, false, false],
        "ticked rows stay in place"
    );
    // the selection moved on to the next open row: 王芳
    match hs.app.screen() {
        Screen::Today(t) => assert_eq!(t.selected_item().unwrap().customer.name, "王芳"),
        _ => panic!(),
    }
    drop(hs);
    let store = open(&path);
    assert_eq!(store.count_contacts().unwrap(), before + 3);
    for id in [ids[0], ids[3], ids[5]] {
        let c = store.customer(id).unwrap().unwrap();
        assert_eq!(c.last_contact_on, Some(d("2026-11-23")), "{}", c.fields.name);
    }
    // 欧阳娜娜 is B (two weeks); the call counts
    assert_eq!(store.customer(ids[3]).unwrap().unwrap().next_due_on, d("2026-12-07"));
    let contacts = store.contacts_of(ids[3], 10).unwrap();
    assert_eq!((contacts[0].kind.as_str(), contacts[0].summary.as_str()), ("call", "问候一下"));
    let fu = store.follow_ups_of(ids[5]).unwrap();
    assert_eq!((fu[0].what.as_str(), fu[0].due_on), ("Send brochure", d("2026-11-30")));
}

#[test]
fn a_follow_up_row_is_marked_done_in_place_and_can_be_reopened() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("G t");
    assert!(hs.screen().contains("Done: 发送报价单"), "{}", hs.screen());
    assert!(today_names(&hs)[4].2, "the follow-up row stays, ticked");
    let path = dir.path().join("book.sqlite");
    {
        let store = open(&path);
        let id = store.find_customers("招商银行").unwrap()[0].id;
        assert!(store.follow_ups_of(id).unwrap()[0].done_at.is_some());
    }
    hs.press("t");
    assert!(!today_names(&hs)[4].2);
}

#[test]
fn logging_from_a_follow_up_row_closes_it_in_the_same_save() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("G space");
    assert!(hs.screen().contains("发送报价单"), "summary prefilled with the promise");
    hs.press("ctrl-s");
    let store = open(&dir.path().join("book.sqlite"));
    let id = store.find_customers("招商银行").unwrap()[0].id;
    assert!(store.follow_ups_of(id).unwrap()[0].done_at.is_some());
    assert_eq!(store.customer(id).unwrap().unwrap().last_contact_on, Some(d("2026-11-23")));
}

#[test]
fn snooze_needs_a_reason_and_hides_the_row_until_then() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("s");
    assert!(hs.screen().contains("Snooze: 招商银行"), "{}", hs.screen());
    hs.press("ctrl-s");
    assert!(hs.screen().contains("required"), "a reason is required:\n{}", hs.screen());
    hs.press("tab");
    hs.type_text("客户出差");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(s.contains("Snoozed to 2026-11-30: 招商银行"), "{s}");
    assert!(!today_names(&hs).iter().any(|(n, r, _)| n == "招商银行" && *r == DueReason::Cadence));
    let store = open(&dir.path().join("book.sqlite"));
    let id = store.find_customers("招商银行").unwrap()[0].id;
    assert_eq!(store.customer(id).unwrap().unwrap().next_due_on, d("2026-11-30"));
}

#[test]
fn a_future_contact_is_refused_with_a_message_and_esc_asks_first() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("space tab ctrl-u");
    hs.type_text("2026-11-24");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(s.contains("cannot be after today"), "{s}");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)));
    hs.press("esc");
    assert!(hs.screen().contains("Discard unsaved changes?"));
    hs.press("y");
    assert!(matches!(hs.app.screen(), Screen::Today(_)));
    let before = tierdesk::store::Store::open(&dir.path().join("book.sqlite"), tierdesk::clock::Clock::System, "t")
        .unwrap()
        .count_contacts()
        .unwrap();
    assert_eq!(before, 5, "nothing saved");
}

#[test]
fn editing_and_deleting_a_contact_moves_the_due_date_both_ways() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    // open 招商银行 (first row); its only contact is 2026-11-10
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    hs.press("enter tab ctrl-u");
    hs.type_text("2026-11-20");
    hs.press("ctrl-s");
    assert!(hs.screen().contains("Contact updated"), "{}", hs.screen());
    let path = dir.path().join("book.sqlite");
    let id = open(&path).find_customers("招商银行").unwrap()[0].id;
    assert_eq!(open(&path).customer(id).unwrap().unwrap().next_due_on, d("2026-11-27"));
    hs.press("D");
    assert!(hs.screen().contains("Delete this contact"), "{}", hs.screen());
    hs.press("y");
    let c = open(&path).customer(id).unwrap().unwrap();
    // no contact left: counts from the created date (2025-01-06) again
    assert_eq!((c.last_contact_on, c.next_due_on), (None, d("2025-01-13")));
}

#[test]
fn follow_ups_across_the_book_cycle_filters() {
    let (_dir, mut hs) = harness(Lang::Zh, 120, 40);
    hs.press("3");
    let s = hs.screen();
    assert!(s.contains("跟进事项 | 未完成 (1)"), "{s}");
    assert!(s.contains("发送报价单") && s.contains("逾期3天"), "{s}");
    hs.press("f");
    assert!(hs.screen().contains("已逾期 (1)"));
    hs.press("t f");
    assert!(hs.screen().contains("已完成 (1)"), "{}", hs.screen());
    hs.press("1");
    assert!(matches!(hs.app.screen(), Screen::Today(_)));
}

#[test]
fn slash_on_today_opens_the_customer_search() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("/");
    hs.type_text("ouyang");
    let s = hs.screen();
    assert!(s.contains("/ouyang") && s.contains("欧阳娜娜"), "{s}");
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
}

#[test]
fn a_book_file_has_no_pool_and_the_pool_key_says_so() {
    use tierdesk::i18n::Lang;
    // Said as a fact about the book, not as an error ("Error: ..."), in both languages.
    for (lang, want) in [
        (Lang::En, "The pool is a team book's: a book file is one person's and has none"),
        (Lang::Zh, "公海属于团队账本：账本文件只属于一个人，没有公海"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (_, store, _) = crate::common::fixture(dir.path());
        let mut hs = crate::common::Harness::new(store, lang, 120, 40);
        hs.press("7");
        assert!(hs.screen().contains(want), "{}", hs.screen());
        let status = hs.app.status_text().unwrap_or_default().to_string();
        assert!(status.starts_with(want), "{status}");
        assert!(matches!(hs.app.screen(), tierdesk::ui::screens::Screen::Today(_)), "no pool view opened");
    }
}
