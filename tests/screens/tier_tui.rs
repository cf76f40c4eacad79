//! Re-tiering by hand in the TUI: T on a customer, a required reason, the sign-off of a move
//! into the top tier (by someone else), the history screen and u to undo, all against the
//! rows saved in a real book.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, fixture};
use tierdesk::i18n::Lang;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

fn on_customer(lang: Lang, index: usize) -> (tempfile::TempDir, Harness, tierdesk::domain::customer::CustomerId) {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    // A fresh session, as a person opening the book: the fixture's writes are not theirs to undo.
    drop(store);
    let store = common::open(&path);
    let mut hs = Harness::new(store, lang, 120, 40);
    hs.app.apply(Effect::Open(Route::Customer(ids[index])));
    hs.draw();
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    (dir, hs, ids[index])
}

#[test]
fn t_moves_a_customer_with_a_required_reason_and_the_due_date_follows() {
    // 李强, C, last contact 2026-10-31
    let (_dir, mut hs, id) = on_customer(Lang::En, 4);
    hs.press("T");
    assert!(hs.screen().contains("Change the tier of 李强 (now C)"), "{}", hs.screen());
    hs.press("b ctrl-s");
    assert!(hs.app.status_text().unwrap().contains("required"), "a reason is required");
    assert_eq!(hs.app.store().customer(id).unwrap().unwrap().fields.tier, "C", "nothing saved");
    hs.press("tab");
    hs.type_text("订单量连续两季上升");
    hs.press("enter");
    assert_eq!(hs.app.status_text(), Some("李强: C -> B"));
    let c = hs.app.store().customer(id).unwrap().unwrap();
    assert_eq!(c.fields.tier, "B");
    assert_eq!(c.next_due_on, common::d("2026-11-14"), "every two weeks from 10-31");
    let last = hs.app.store().tier_history(id).unwrap().pop().unwrap();
    assert_eq!((last.reason.as_str(), last.by.as_str()), ("订单量连续两季上升", "tester"));
    assert!(hs.screen().contains("C -> B  tester  订单量连续两季上升"), "{}", hs.screen());
}

/// The tier is picked by a letter; a letter that is no tier's says so (before, it was
/// dropped without a word, so a reason typed before Tab vanished) and the pick stands.
#[test]
fn a_letter_that_is_no_tier_says_how_to_pick_one() {
    for (lang, says) in
        [(Lang::En, "\"o\" is not a tier: pick one of A B C D"), (Lang::Zh, "“o”不是级别：可选 A B C D")]
    {
        let (_dir, mut hs, id) = on_customer(lang, 4); // 李强, C
        hs.press("T b");
        hs.type_text("o");
        assert!(hs.app.status_text().unwrap_or_default().contains(says), "{lang:?}: {:?}", hs.app.status_text());
        hs.press("tab");
        hs.type_text("orders fell");
        hs.press("enter");
        assert_eq!(hs.app.store().customer(id).unwrap().unwrap().fields.tier, "B", "{lang:?}: b still picked");
    }
}

#[test]
fn a_move_into_the_top_tier_is_flagged_until_someone_else_signs_it_off() {
    let (_dir, mut hs, id) = on_customer(Lang::En, 2); // Acme Trading, B
    hs.press("T");
    hs.press("a tab");
    hs.type_text("strategic account");
    hs.press("enter");
    assert!(hs.app.status_text().unwrap().contains("awaiting sign-off"), "{:?}", hs.app.status_text());
    assert!(hs.screen().contains("awaiting sign-off (A)"), "{}", hs.screen());
    // the customer list marks the row
    hs.press("esc 2");
    let (y, x) = hs.find("! Acme").unwrap_or_else(|| panic!("flag before the name: {}", hs.screen()));
    assert_eq!(hs.style_at(x, y).fg, hs.app.env.theme.warn.fg);
    // the one who moved it cannot sign it off; someone else can
    hs.app.apply(Effect::Open(Route::Customer(id)));
    hs.draw();
    hs.press("A");
    assert!(hs.screen().contains("Sign off: Acme Trading"), "{}", hs.screen());
    hs.type_text("tester");
    hs.press("enter");
    assert!(hs.app.status_text().unwrap().contains("that is the mover's name"), "{:?}", hs.app.status_text());
    hs.press("ctrl-u");
    hs.type_text("Director Zhou");
    hs.press("enter");
    assert_eq!(hs.app.status_text(), Some("Acme Trading: signed off by Director Zhou (not verified)"));
    assert!(!hs.app.store().customer(id).unwrap().unwrap().signoff_pending);
    assert!(hs.screen().contains("signed off by Director Zhou"), "{}", hs.screen());
    hs.press("A");
    assert!(hs.app.status_text().unwrap().contains("no move awaiting sign-off"));
}

#[test]
fn u_undoes_the_last_change_says_what_and_the_history_shows_both() {
    let (_dir, mut hs, id) = on_customer(Lang::Zh, 5); // Zhang Wei, C
    hs.press("T d tab");
    hs.type_text("一年未下单");
    hs.press("enter");
    assert_eq!(hs.app.store().customer(id).unwrap().unwrap().fields.tier, "D");
    hs.press("u");
    let status = hs.app.status_text().unwrap().to_string();
    assert!(status.starts_with("已撤销：") && status.contains("一年未下单"), "{status}");
    assert_eq!(hs.app.store().customer(id).unwrap().unwrap().fields.tier, "C");
    let screen = hs.screen();
    let body: Vec<&str> = screen.lines().take(38).collect();
    assert!(!body.iter().any(|l| l.contains("一年未下单")), "the tier history no longer holds the move: {screen}");
    assert!(hs.app.store().tier_history(id).unwrap().iter().all(|h| h.reason != "一年未下单"));
    hs.press("H");
    let screen = hs.screen();
    assert!(screen.contains("[已撤销] 新增 级别"), "{screen}");
    assert!(screen.contains("[撤销] 删除 级别"), "{screen}");
    hs.press("u");
    assert_eq!(hs.app.status_text(), Some("本次会话没有可撤销的修改"));
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
}

#[test]
fn tier_prompt_snapshots() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut hs, _) = on_customer(lang, 4);
        hs.press("T");
        insta::assert_snapshot!(format!("tier_prompt_{}", lang.code()), hs.screen());
    }
}

#[test]
fn the_edit_form_leaves_the_tier_to_t_which_asks_for_the_reason() {
    let (_dir, mut hs, id) = on_customer(Lang::En, 4);
    hs.press("e tab ctrl-u");
    hs.type_text("A");
    hs.press("ctrl-s");
    assert_eq!(
        hs.app.status_text(),
        Some("Change the tier with T (it asks for the reason); this form keeps the tier C")
    );
    assert_eq!(hs.app.store().customer(id).unwrap().unwrap().fields.tier, "C");
    // with the tier as it was, the other edits save
    hs.press("ctrl-u");
    hs.type_text("c");
    hs.press("tab ctrl-u");
    hs.type_text("远航物流集团");
    hs.press("ctrl-s");
    let c = hs.app.store().customer(id).unwrap().unwrap();
    assert_eq!((c.fields.tier.as_str(), c.fields.company.as_str()), ("C", "远航物流集团"));
}
