//! Screens stay true while other programs use the book: a contact logged elsewhere shows up
//! on Today without switching views, the refresh key reloads at once, and a write lock held
//! by another program never freezes the screen or throws away a typed form.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fixture, open};
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

/// Whether Today shows 王芳's contact (due today) as done.
fn wang_done(hs: &Harness) -> bool {
    match hs.app.screen() {
        Screen::Today(t) => t.items().iter().any(|i| i.customer.name == "王芳" && i.done),
        _ => panic!("not on Today"),
    }
}

fn log_elsewhere(path: &std::path::Path, customer: tierdesk::domain::customer::CustomerId) {
    // Another tierdesk (another connection, as another process would have) logs a contact.
    let mut other = open(path);
    let contact = NewContact {
        customer,
        kind: "call".into(),
        on: d("2026-11-23"),
        person: String::new(),
        summary: "logged on the laptop".into(),
        outcome: String::new(),
    };
    other.add_contact(&contact, None).unwrap();
}

#[test]
fn a_contact_logged_by_another_program_shows_on_today_after_the_periodic_check() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("j j"); // keep a selection to see it survive the refresh
    let selected = |hs: &Harness| match hs.app.screen() {
        Screen::Today(t) => t.selected_item().map(|i| (i.customer.name.clone(), i.reason)),
        _ => None,
    };
    let before = selected(&hs);
    assert!(!wang_done(&hs));
    log_elsewhere(&path, ids[1]);
    // What the run loop calls about once a second.
    hs.app.check_book();
    hs.draw();
    assert!(wang_done(&hs), "{}", hs.screen());
    assert!(hs.screen().contains("1 done"), "{}", hs.screen());
    assert_eq!(selected(&hs), before, "the selection stays on the same row");
}

#[test]
fn nothing_is_reloaded_when_nobody_else_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    assert!(!hs.app.check_book(), "no change by anyone: nothing to reload");
    // Our own writes are not "someone else's": they refresh the screens themselves.
    hs.press("space ctrl-s");
    assert!(!hs.app.check_book());
}

#[test]
fn the_refresh_key_reloads_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    log_elsewhere(&path, ids[1]);
    hs.press("ctrl-r");
    assert!(wang_done(&hs), "{}", hs.screen());
    hs.press("2");
    let li_row = |hs: &Harness| hs.screen().lines().find(|l| l.contains("李强")).unwrap_or_default().to_string();
    assert!(li_row(&hs).contains("2026-10-31"), "{}", hs.screen());
    log_elsewhere(&path, ids[4]);
    hs.press("f5");
    assert!(li_row(&hs).contains("2026-11-23"), "{}", hs.screen());
}

#[test]
fn the_refresh_key_is_in_the_help_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = fixture(dir.path());
    for (lang, label) in [(Lang::En, "reload from the book"), (Lang::Zh, "重新读取账本")] {
        let mut hs = Harness::new(open(&path), lang, 120, 40);
        hs.press("?");
        assert!(hs.screen().contains(label), "{}", hs.screen());
    }
}

#[test]
fn a_held_write_lock_leaves_the_form_open_with_its_text_and_says_the_book_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    // The app's connection gives up on a held lock quickly, so the screen never freezes.
    assert!(hs.app.store().busy_timeout_ms().unwrap() <= 250);
    hs.press("space");
    hs.press("tab tab tab tab");
    hs.type_text("talked about the renewal");
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    hs.press("ctrl-s");
    let screen = hs.screen();
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "the form stays open:\n{screen}");
    assert!(screen.contains("talked about the renewal"), "{screen}");
    assert!(screen.contains("another program is writing to the book"), "{screen}");
    assert!(screen.contains("Ctrl-S again"), "{screen}");
    // The other program lets go: saving again works, with the same text.
    other.execute_batch("COMMIT").unwrap();
    let before = hs.app.store().count_contacts().unwrap();
    hs.press("ctrl-s");
    assert_eq!(hs.app.store().count_contacts().unwrap(), before + 1);
    assert!(matches!(hs.app.screen(), Screen::Today(_)), "{}", hs.screen());
}

#[test]
fn a_held_write_lock_is_worded_in_chinese_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("space");
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    hs.press("ctrl-s");
    let screen = hs.screen();
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "{screen}");
    assert!(screen.contains("账本正被另一个程序写入"), "{screen}");
    assert!(screen.contains("再按 Ctrl-S"), "{screen}");
    assert!(screen.contains("尚未保存"), "{screen}");
}
