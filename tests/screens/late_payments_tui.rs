//! Terms by tier in the customer view, and `$`: the late payment form (a date, today by
//! default, and a note), its refusal of a day after today, and a drop with its reason.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, d, fixture};
use tierdesk::domain::customer::CustomerId;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

/// The customer view of Acme Trading (tier B), `late` recorded first, at `w` x `h`.
fn on_acme(lang: Lang, late: &[&str], (w, h): (u16, u16)) -> (tempfile::TempDir, Harness, CustomerId) {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, ids) = fixture(dir.path());
    for day in late {
        store.record_late_payment(ids[2], d(day), "").unwrap();
    }
    drop(store);
    let mut hs = Harness::new(common::open(&path), lang, w, h);
    hs.app.apply(Effect::Open(Route::Customer(ids[2])));
    hs.draw();
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    (dir, hs, ids[2])
}

#[test]
fn dollar_records_a_late_payment_and_the_second_of_the_quarter_drops_the_terms() {
    let (_dir, mut hs, id) = on_acme(Lang::En, &[], (120, 40));
    let screen = hs.screen();
    assert!(screen.contains("up to 3% off list price"), "{screen}");
    assert!(screen.contains("Cash on delivery or within"), "{screen}");

    hs.press("$");
    assert!(hs.screen().contains("Late payment: Acme Trading"), "{}", hs.screen());
    assert!(hs.screen().contains("2026-11-23"), "today proposed: {}", hs.screen());
    hs.press("ctrl-u");
    hs.type_text("2026-10-05");
    hs.press("tab");
    hs.type_text("invoice 7");
    hs.press("enter");
    assert_eq!(hs.app.status_text(), Some("Recorded a late payment of Acme Trading on 2026-10-05."));
    let kept = hs.app.store().late_payments(id).unwrap();
    assert_eq!((kept.len(), kept[0].note.as_str()), (1, "invoice 7"));

    // A day after today is refused in the form, nothing saved.
    hs.press("$ ctrl-u");
    hs.type_text("2026-11-24");
    hs.press("ctrl-s");
    assert!(hs.screen().contains("cannot be after today"), "{}", hs.screen());
    assert_eq!(hs.app.store().late_payments(id).unwrap().len(), 1);
    // Today's: the second of the quarter, the terms drop from tomorrow.
    hs.press("ctrl-u");
    hs.type_text("2026-11-23");
    hs.press("ctrl-s");
    let status = hs.app.status_text().unwrap().to_string();
    assert!(status.contains("one level down from 11-24"), "{status}");
    assert!(hs.screen().contains("2 late payments in 2026 Q4"), "the reason in the view: {}", hs.screen());
    assert_eq!(hs.app.store().late_payments(id).unwrap().len(), 2);
}

#[test]
fn the_view_shows_a_drop_in_the_warning_colour_with_its_reason() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in [(80, 24), (120, 40)] {
            let (_dir, hs, _) = on_acme(lang, &["2026-10-05", "2026-11-02"], (w, h));
            insta::assert_snapshot!(format!("late_payment_view_{}_{w}x{h}", lang.code()), hs.screen());
        }
    }
    let (_dir, hs, _) = on_acme(Lang::En, &["2026-10-05", "2026-11-02"], (120, 40));
    let (y, x) = hs.find("Pay on delivery").unwrap_or_else(|| panic!("in force: {}", hs.screen()));
    assert_eq!(hs.style_at(x, y).fg, hs.app.env.theme.warn.fg, "a dropped payment term is a warning");
    assert!(hs.screen().contains("2 late payments in 2026 Q4"), "{}", hs.screen());
    assert!(hs.screen().contains("11-03"), "since when: {}", hs.screen());
    assert!(hs.screen().contains("Tier's own Cash on delivery"), "{}", hs.screen());
}
