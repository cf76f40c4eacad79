//! The customer view's profile at 80x24: with a temperament and terms whose payment dropped,
//! it is taller than its box. Tab gives it focus, the list keys scroll it, its bottom border
//! shows the rows in view; at 120x40 it fits and nothing moves.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, d, fixture};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

const LAST_NOTE: &str = "call before ten";

/// Acme Trading's view: a temperament, two late payments this quarter (the terms dropped,
/// with their reason), a phone and two lines of notes.
fn acme(lang: Lang, (w, h): (u16, u16)) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, ids) = fixture(dir.path());
    let id = ids[2];
    let mut f = store.customer(id).unwrap().unwrap().fields;
    f.phone = "021-5555-0101".into();
    f.temperament = Some("nit_picking".into());
    f.notes = format!("Buys in spring.\n{LAST_NOTE}");
    store.update_customer(id, &f, "").unwrap();
    for day in ["2026-10-05", "2026-11-02"] {
        store.record_late_payment(id, d(day), "").unwrap();
    }
    drop(store);
    let mut hs = Harness::new(common::open(&path), lang, w, h);
    hs.app.apply(Effect::Open(Route::Customer(id)));
    hs.draw();
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    (dir, hs)
}

/// Whether the profile's border (its bottom-left corner) is in the focused pane's colour.
fn profile_focused(hs: &Harness) -> bool {
    let (y, x) = hs.find("┌ Profile").or_else(|| hs.find("┌ 资料")).unwrap();
    let bottom = (y + 1..hs.frame.area.height).find(|&r| hs.frame[(x, r)].symbol() == "└").unwrap();
    let theme = &hs.app.env.theme;
    assert_ne!(theme.border.fg, theme.border_focus.fg, "the theme tells focus by colour");
    hs.style_at(x, bottom).fg == theme.border_focus.fg
}

/// The first "top-bottom/total" on the screen, as the brief shows the rows in view.
fn indicator(screen: &str) -> Option<(usize, usize, usize)> {
    screen.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '/')).find_map(|w| {
        let (range, total) = w.split_once('/')?;
        let (top, bottom) = range.split_once('-')?;
        Some((top.parse().ok()?, bottom.parse().ok()?, total.parse().ok()?))
    })
}

#[test]
fn at_80x24_the_profile_scrolls_to_its_last_row() {
    let (_dir, mut hs) = acme(Lang::En, (80, 24));
    let first = hs.screen();
    assert!(first.contains("Temperament"), "{first}");
    assert!(!first.contains(LAST_NOTE), "the notes are below the box at first: {first}");
    let (top, bottom, total) = indicator(&first).unwrap_or_else(|| panic!("no rows in view shown: {first}"));
    assert_eq!(top, 1);
    assert!(bottom < total, "{first}");

    // Contacts (the first focus) -> follow-ups -> profile.
    hs.press("tab tab");
    assert!(profile_focused(&hs), "the profile has focus");
    hs.press("G");
    let end = hs.screen();
    assert!(end.contains(LAST_NOTE), "the last row is reachable: {end}");
    assert!(end.contains("Acme Trading Ltd"), "{end}");
    assert!(end.contains("021-5555-0101"), "{end}");
    assert!(!end.contains("Last contact"), "the top rows went up: {end}");
    let (top, bottom, total) = indicator(&end).unwrap();
    assert_eq!(bottom, total, "at the end: {end}");
    assert!(top > 1, "{end}");

    // g goes back to the top; j moves one row; the indicator follows.
    hs.press("g");
    assert_eq!(hs.screen(), first);
    assert!(hs.screen().contains("Last contact"), "{}", hs.screen());
    hs.press("j");
    assert_eq!(indicator(&hs.screen()).map(|x| x.0), Some(2), "{}", hs.screen());
    hs.press("k k");
    assert_eq!(indicator(&hs.screen()).map(|x| x.0), Some(1), "{}", hs.screen());
    // A page is the rows in view but one: the last row in view comes to the top.
    let (_, first_bottom, _) = indicator(&first).unwrap();
    hs.press("pagedown");
    assert_eq!(indicator(&hs.screen()).map(|x| x.0), Some(first_bottom), "{}", hs.screen());
    hs.press("pageup");
    assert_eq!(hs.screen(), first);
}

#[test]
fn at_100x30_too_the_last_row_is_reached_by_scrolling() {
    let (_dir, mut hs) = acme(Lang::Zh, (100, 30));
    assert!(!hs.screen().contains(LAST_NOTE), "{}", hs.screen());
    hs.press("h G");
    assert!(hs.screen().contains(LAST_NOTE), "{}", hs.screen());
    let (_, bottom, total) = indicator(&hs.screen()).unwrap();
    assert_eq!(bottom, total);
}

#[test]
fn tab_cycles_the_panes_and_the_keys_keep_their_meaning() {
    let (_dir, mut hs) = acme(Lang::En, (80, 24));
    assert!(!profile_focused(&hs), "contacts first, as before");
    // Enter on the contact still edits it.
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "{}", hs.screen());
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)), "{}", hs.screen());
    // Profile: Enter and D do nothing there.
    hs.press("tab tab");
    let before = hs.screen();
    hs.press("enter D");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    assert_eq!(hs.screen(), before);
    // A third tab comes back to the contacts, which Enter edits again.
    hs.press("tab");
    assert!(!profile_focused(&hs));
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "{}", hs.screen());
    // h: the pane on the left, the profile; l: back to the contacts.
    hs.press("esc h");
    assert!(profile_focused(&hs));
    hs.press("l");
    assert!(!profile_focused(&hs));
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "{}", hs.screen());
}

#[test]
fn the_scrolled_profile_at_80x24_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut hs) = acme(lang, (80, 24));
        hs.press("tab tab G");
        assert!(hs.screen().contains(LAST_NOTE), "{}", hs.screen());
        insta::assert_snapshot!(format!("view_profile_end_{}_80x24", lang.code()), hs.screen());
    }
}

#[test]
fn at_120x40_everything_fits_and_nothing_scrolls() {
    let (_dir, mut hs) = acme(Lang::En, (120, 40));
    let first = hs.screen();
    assert!(first.contains(LAST_NOTE), "{first}");
    assert_eq!(indicator(&first), None, "no indicator when it fits: {first}");
    hs.press("tab tab G j pagedown");
    let after = hs.screen();
    assert!(after.contains(LAST_NOTE) && after.contains("Last contact"), "{after}");
    assert_eq!(first.lines().count(), after.lines().count());
    insta::assert_snapshot!("view_profile_en_120x40", after);
}
