//! Input that must not be lost or misread: a paste arrives as one edit (whole, or refused
//! with the count), Ctrl-C asks before throwing typed text away, and a window too small to
//! show anything ignores every key but quit.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, fixture, open};
use tierdesk::domain::contact_draft::ContactField;
use tierdesk::domain::customer::Field;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn harness(lang: Lang) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let hs = Harness::new(store, lang, 120, 40);
    (dir, hs)
}

/// About 12 KB: 4,000 characters, Chinese and Latin, in several lines.
fn big_text() -> String {
    let line = "客户来电询问第四季度的报价单，已经发出 Quote Q4；下周二再联系确认数量和交货日期。";
    let mut text = String::new();
    while text.chars().count() + line.chars().count() < 4000 {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&"好".repeat(4000 - text.chars().count()));
    assert_eq!(text.chars().count(), 4000);
    assert!(text.len() > 10_000);
    text
}

fn contact_field(hs: &Harness, field: ContactField) -> String {
    match hs.app.screen() {
        Screen::ContactForm(f) => f.draft.get(field).to_string(),
        other => panic!("not in the contact form: {other:?}\n{}", hs.screen()),
    }
}

fn customer_field(hs: &Harness, field: Field) -> String {
    match hs.app.screen() {
        Screen::Form(f) => f.draft.get(field).to_string(),
        other => panic!("not in the customer form: {other:?}\n{}", hs.screen()),
    }
}

#[test]
fn a_paste_of_12_kb_arrives_whole_in_the_summary_and_the_next_key_acts_at_once() {
    let (dir, mut hs) = harness(Lang::En);
    let before = hs.app.store().count_contacts().unwrap();
    hs.press("space tab tab tab tab"); // log a contact for 招商银行, on the summary
    hs.type_text("AB");
    hs.press("left"); // the paste goes where the cursor is
    let text = big_text();
    hs.paste(&text);
    assert_eq!(contact_field(&hs, ContactField::Summary), format!("A{text}B"), "whole, line breaks kept");
    hs.press("ctrl-s");
    assert!(!matches!(hs.app.screen(), Screen::ContactForm(_)), "saved: {:?}", hs.app.status_text());
    let store = open(&dir.path().join("book.sqlite"));
    assert_eq!(store.count_contacts().unwrap(), before + 1);
    let id = store.find_customers("招商银行").unwrap()[0].id;
    assert_eq!(store.contacts_of(id, 1).unwrap()[0].summary, format!("A{text}B"));
}

#[test]
fn a_paste_over_the_limit_is_refused_with_the_count_and_the_field_is_left_unchanged() {
    for (lang, expect) in [(Lang::En, ["5,005 characters", "the limit is 5,000"]), (Lang::Zh, ["5,005", "5,000"])] {
        let (_dir, mut hs) = harness(lang);
        hs.press("space tab tab tab tab");
        hs.type_text("abc");
        hs.paste(&"长".repeat(5002));
        assert_eq!(contact_field(&hs, ContactField::Summary), "abc", "{lang:?}: nothing of the paste");
        let status = hs.app.status_text().unwrap_or_default().to_string();
        for e in expect {
            assert!(status.contains(e), "{lang:?}: {status:?} lacks {e:?}");
        }
        assert!(hs.screen().contains("5,005"), "the refusal is on the screen:\n{}", hs.screen());
        // a one-line field of the same form has its own limit
        hs.press("tab"); // outcome, 500
        hs.paste(&"x".repeat(501));
        assert_eq!(contact_field(&hs, ContactField::Outcome), "");
        assert!(hs.app.status_text().unwrap_or_default().contains("501"), "{:?}", hs.app.status_text());
        hs.paste(&"x".repeat(500));
        assert_eq!(contact_field(&hs, ContactField::Outcome), "x".repeat(500), "the limit itself fits");
    }
}

#[test]
fn line_breaks_pasted_into_a_one_line_field_become_spaces() {
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("space tab tab tab"); // the person met
    hs.paste("王经理\r\n采购部\r\n");
    assert_eq!(contact_field(&hs, ContactField::Person), "王经理 采购部");
    // the customer form's fields are all one line: the same rule, and their own limits
    hs.press("esc y 2 a");
    hs.paste("深圳市南山区\n科技园");
    assert_eq!(customer_field(&hs, Field::Name), "深圳市南山区 科技园");
    hs.press("ctrl-u");
    hs.paste(&"名".repeat(201));
    assert_eq!(customer_field(&hs, Field::Name), "");
    assert!(hs.app.status_text().unwrap_or_default().contains("201"), "{:?}", hs.app.status_text());
}

#[test]
fn a_paste_on_a_list_is_not_taken_for_commands() {
    let (dir, mut hs) = harness(Lang::En);
    let before = hs.app.store().count_contacts().unwrap();
    hs.paste("a xD s t\n");
    assert!(matches!(hs.app.screen(), Screen::Today(_)), "{}", hs.screen());
    hs.press("2");
    hs.paste("a\n");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)), "{}", hs.screen());
    drop(hs);
    assert_eq!(open(&dir.path().join("book.sqlite")).count_contacts().unwrap(), before);
}

#[test]
fn every_pop_up_text_field_takes_a_paste_whole() {
    let (_dir, mut hs) = harness(Lang::En);
    // snooze: the reason
    hs.press("s tab");
    hs.paste("客户出差\n两周后回来");
    assert!(hs.screen().contains("客户出差 两周后回来"), "{}", hs.screen());
    hs.press("esc y");
    // the search line
    hs.press("/");
    hs.paste("招商");
    assert!(hs.screen().contains("招商"), "{}", hs.screen());
    match hs.app.screen() {
        Screen::Customers(l) => assert_eq!(l.search.as_ref().unwrap().query, "招商"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ctrl_c_in_a_form_with_typed_text_asks_first_and_a_second_ctrl_c_quits() {
    let (dir, mut hs) = harness(Lang::En);
    let before = hs.app.store().count_contacts().unwrap();
    hs.press("space tab tab tab tab");
    let typed = "季度回访".repeat(250);
    hs.type_text(&typed);
    hs.press("ctrl-c");
    assert!(!hs.app.should_quit(), "1,000 typed characters thrown away without a word");
    assert!(hs.screen().contains("Ctrl-C"), "the question says how to quit anyway:\n{}", hs.screen());
    hs.press("n");
    assert_eq!(contact_field(&hs, ContactField::Summary), typed, "answering no keeps the text");
    assert!(!hs.app.should_quit());
    hs.press("ctrl-c ctrl-c");
    assert!(hs.app.should_quit());
    drop(hs);
    assert_eq!(open(&dir.path().join("book.sqlite")).count_contacts().unwrap(), before);
}

#[test]
fn ctrl_c_asks_in_every_form_holding_text_and_quits_at_once_elsewhere() {
    // the keys that open the form: customer form, snooze reason, tier prompt (reason below)
    for open_keys in ["2 a", "s tab", "2 enter T"] {
        let (_dir, mut hs) = harness(Lang::Zh);
        hs.press(open_keys);
        if open_keys.ends_with('T') {
            hs.press("tab");
        }
        hs.type_text("要紧的话");
        hs.press("ctrl-c");
        assert!(!hs.app.should_quit(), "{open_keys}: quit without asking\n{}", hs.screen());
        hs.press("ctrl-c");
        assert!(hs.app.should_quit(), "{open_keys}: the second Ctrl-C quits");
    }
    // nothing typed: Ctrl-C quits at once, on a list and in an untouched form
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("ctrl-c");
    assert!(hs.app.should_quit());
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("2 a ctrl-c");
    assert!(hs.app.should_quit());
}

#[test]
fn a_window_too_small_ignores_every_key_but_quit() {
    let (dir, mut hs) = harness(Lang::En);
    let before = hs.app.store().count_contacts().unwrap();
    hs.resize(40, 10);
    assert!(hs.screen().contains("Please make the window larger"), "{}", hs.screen());
    hs.press("space enter a s t x D 2 / ctrl-s");
    hs.type_text("a");
    hs.paste("abc\n");
    hs.resize(120, 40);
    assert!(matches!(hs.app.screen(), Screen::Today(_)), "a form opened out of sight:\n{}", hs.screen());
    assert!(!hs.screen().contains("Log a contact"), "{}", hs.screen());
    assert!(!hs.app.should_quit());
    drop(hs);
    assert_eq!(open(&dir.path().join("book.sqlite")).count_contacts().unwrap(), before, "nothing written");
}

#[test]
fn a_window_too_small_still_quits_with_q_and_ctrl_c() {
    for keys in ["q", "ctrl-c"] {
        let (_dir, mut hs) = harness(Lang::En);
        hs.resize(30, 8);
        hs.press(keys);
        assert!(hs.app.should_quit(), "{keys}");
    }
    // a form holding text asks even then: the question shows under the note
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("space tab tab tab tab");
    hs.type_text("季度回访");
    hs.resize(40, 12);
    hs.press("q");
    assert!(!hs.app.should_quit(), "typed text lost at a keystroke:\n{}", hs.screen());
    assert!(hs.screen().contains("Ctrl-C"), "{}", hs.screen());
    hs.press("ctrl-c");
    assert!(hs.app.should_quit());
}

#[test]
fn keys_queued_behind_a_paste_act_before_the_next_draw() {
    use crossterm::event::{Event, KeyEvent};
    let (dir, mut hs) = harness(Lang::En);
    let before = hs.app.store().count_contacts().unwrap();
    hs.press("space tab tab tab tab");
    // what the terminal has queued: the paste, then Ctrl-S; no draw in between
    let mut queued: std::collections::VecDeque<KeyEvent> = [common::key("ctrl-s")].into();
    tierdesk::ui::handle_events(&mut hs.app, Event::Paste("季度回访\n报价".into()), || {
        Ok(queued.pop_front().map(Event::Key))
    })
    .unwrap();
    assert!(queued.is_empty());
    drop(hs);
    let store = open(&dir.path().join("book.sqlite"));
    assert_eq!(store.count_contacts().unwrap(), before + 1, "Ctrl-S acted at once");
    let id = store.find_customers("招商银行").unwrap()[0].id;
    assert_eq!(store.contacts_of(id, 1).unwrap()[0].summary, "季度回访\n报价");
}
