//! The friction of the forms, gone: the new-customer form's tier is picked (a letter, or
//! Left/Right), never typed onto the pre-filled one; a new customer gets a reference from
//! the config's pattern; a contact starts as the kind the customer's contacts are, else a
//! call; a long summary wraps down its box instead of scrolling sideways; a letter typed
//! into the contact's kind (picked, not typed) says how to pick one instead of vanishing.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fixture, open};
use tierdesk::domain::contact_draft::ContactField;
use tierdesk::domain::history::NewContact;
use tierdesk::domain::ref_pattern::RefPattern;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn harness(lang: Lang) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    (dir, Harness::new(store, lang, 120, 40))
}

fn form_tier(hs: &Harness) -> String {
    match hs.app.screen() {
        Screen::Form(f) => f.draft.get(tierdesk::domain::customer::Field::Tier).to_string(),
        _ => panic!("not on the form:\n{}", hs.screen()),
    }
}

#[test]
fn the_tier_is_picked_by_letter_or_arrows_never_typed_onto() {
    let (dir, mut hs) = harness(Lang::En);
    hs.press("2 a");
    hs.type_text("司马光");
    hs.press("tab");
    assert_eq!(form_tier(&hs), "D", "pre-filled with the last tier");
    assert!(hs.screen().contains("[D  Occasional"), "{}", hs.screen());
    assert!(hs.screen().contains("←/→ or its letter: A B C D"), "{}", hs.screen());
    hs.type_text("b");
    assert_eq!(form_tier(&hs), "B", "B, not \"DB\"");
    hs.type_text("x");
    assert_eq!(form_tier(&hs), "B");
    assert!(hs.screen().contains("\"x\" is not a tier: pick one of A B C D"), "{}", hs.screen());
    hs.press("right");
    assert_eq!(form_tier(&hs), "C");
    hs.press("backspace ctrl-u");
    assert_eq!(form_tier(&hs), "C", "nothing to delete in a picked field");
    hs.press("left left left");
    assert_eq!(form_tier(&hs), "D", "wraps round");
    hs.paste("a");
    assert_eq!(form_tier(&hs), "A");
    hs.press("right ctrl-s");
    assert!(hs.screen().contains("Added: 司马光"), "{}", hs.screen());
    drop(hs);
    let store = open(&dir.path().join("book.sqlite"));
    assert_eq!(store.find_customers("司马光").unwrap()[0].tier, "B");
}

#[test]
fn a_new_customer_gets_the_next_reference_of_the_pattern() {
    let (dir, mut hs) = harness(Lang::Zh);
    hs.press("2 a");
    assert!(hs.screen().contains("[K-00001"), "proposed, and can be changed:\n{}", hs.screen());
    hs.type_text("甲");
    hs.press("ctrl-s a");
    assert!(hs.screen().contains("[K-00002"), "counts up from the highest:\n{}", hs.screen());
    hs.type_text("乙");
    hs.press("ctrl-s");
    // a pattern of the config's, counting up from the highest of its shape already there
    hs.app.env.ref_pattern = RefPattern::parse("VIP-0100").unwrap();
    hs.press("a");
    assert!(hs.screen().contains("[VIP-0100"), "{}", hs.screen());
    hs.type_text("丙");
    for _ in 0..11 {
        hs.press("tab");
    }
    hs.press("ctrl-u");
    hs.type_text("VIP-0150");
    hs.press("ctrl-s a");
    assert!(hs.screen().contains("[VIP-0151"), "{}", hs.screen());
    hs.press("esc");
    drop(hs);
    let store = open(&dir.path().join("book.sqlite"));
    let refs: Vec<Option<String>> = ["甲", "乙"]
        .iter()
        .map(|n| store.customer(store.find_customers(n).unwrap()[0].id).unwrap().unwrap().fields.ext_ref)
        .collect();
    assert_eq!(refs, [Some("K-00001".to_string()), Some("K-00002".to_string())]);
}

#[test]
fn a_contact_starts_as_the_customers_usual_kind_else_a_call() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = fixture(dir.path());
    // Acme Trading's last contact was a meal
    let meal = NewContact {
        customer: ids[2],
        kind: "meal".into(),
        on: d("2026-11-21"),
        person: String::new(),
        summary: "lunch".into(),
        outcome: String::new(),
    };
    store.add_contact(&meal, None).unwrap();
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    // Today: 招商银行 (visits), 欧阳娜娜 (never contacted), ...
    hs.press("j space");
    assert!(hs.screen().contains("Log a contact: 欧阳娜娜"), "{}", hs.screen());
    assert!(hs.screen().contains("[call"), "never contacted: a call\n{}", hs.screen());
    hs.press("esc 2");
    // Acme Trading in the customer list (by name the first), r logs a contact
    hs.press("n g r");
    assert!(hs.screen().contains("Log a contact: Acme Trading"), "{}", hs.screen());
    assert!(hs.screen().contains("[meal"), "as last time\n{}", hs.screen());
}

#[test]
fn a_long_summary_wraps_down_its_box() {
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("space tab tab tab tab");
    let words = "asked about the bond fund again and wants the prospectus before Friday, then a call with her accountant about the tax side";
    hs.type_text(words);
    let s = hs.screen();
    let (first_row, _) = hs.find("asked about").unwrap_or_else(|| panic!("{s}"));
    let (last_row, _) = hs.find("tax side").unwrap_or_else(|| panic!("the end is shown:\n{s}"));
    assert!(last_row > first_row, "on a row below:\n{s}");
    hs.press("ctrl-s");
    let saved = hs.app.store().contacts_of(hs.app.store().find_customers("招商银行").unwrap()[0].id, 1).unwrap();
    assert_eq!(saved[0].summary, words, "wrapping is only how it is shown");
}

fn contact_kind(hs: &Harness) -> String {
    match hs.app.screen() {
        Screen::ContactForm(f) => f.draft.get(ContactField::Kind).to_string(),
        other => panic!("not in the contact form: {other:?}\n{}", hs.screen()),
    }
}

/// Someone who starts typing the summary on the form's first field is told that the kind
/// is picked and how, in their language, and the kind stays as it was (before, the letters
/// were dropped without a word while the spaces between the words stepped the kind).
#[test]
fn a_letter_typed_into_the_kind_says_how_a_kind_is_picked() {
    for (lang, says) in
        [(Lang::En, "\"C\" picks no kind: press 1–8 to pick one"), (Lang::Zh, "“C”不能选方式：按 1–8 选一种")]
    {
        let (_dir, mut hs) = harness(lang);
        hs.press("space");
        let before = contact_kind(&hs);
        hs.type_text("C");
        assert_eq!(contact_kind(&hs), before, "{lang:?}");
        assert!(hs.screen().contains(says), "{lang:?}:\n{}", hs.screen());
        hs.type_text("9");
        assert_eq!(contact_kind(&hs), before, "{lang:?}: there are 8 kinds");
        assert!(hs.screen().contains(&says.replace('C', "9")), "{lang:?}:\n{}", hs.screen());
        hs.type_text("1");
        assert_eq!(contact_kind(&hs), "visit", "{lang:?}: a digit picks");
        hs.type_text(" ");
        assert_eq!(contact_kind(&hs), "call", "{lang:?}: Space steps");
    }
}
