//! A customer's temperament (顾客类型) on the customer's page: the page shows its name and
//! advice (or that none is set, with the key), `m` opens the picker of the list and
//! "none", Enter saves it (an audited edit), Esc leaves it as it was; in both languages,
//! snapshots of the picker at 80x24 and 120x40.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{self, Harness, fixture};
use tierdesk::clock::Clock;
use tierdesk::domain::audit::Entity;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

fn temperament(hs: &Harness, id: tierdesk::domain::customer::CustomerId) -> Option<String> {
    hs.app.store().customer(id).unwrap().unwrap().fields.temperament
}

#[test]
fn the_page_shows_none_then_the_picked_temperament_with_its_advice() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    drop(store);
    let mut hs = Harness::new(common::open(&path), Lang::En, 120, 40);
    let id = ids[1];
    hs.app.apply(Effect::Open(Route::Customer(id)));
    hs.draw();
    assert!(hs.screen().contains("Temperament  (not set) (m)"), "{}", hs.screen());

    hs.press("m");
    let Screen::Temperament(picker) = hs.app.screen() else { panic!("no picker: {}", hs.screen()) };
    assert_eq!(picker.selected(), None, "none is selected when none is set");
    let screen = hs.screen();
    for name in ["silent", "talkative", "nit-picking", "flat refusal", "hard-up", "none (clear it)"] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    // up from "none" is the last of the list, hard-up; its advice shows below
    hs.press("up");
    assert!(hs.screen().contains("Offer instalments"), "{}", hs.screen());
    hs.press("home down down down down down down down down");
    let Screen::Temperament(picker) = hs.app.screen() else { panic!() };
    assert_eq!(picker.selected(), Some("haggler"));
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)), "the picker closes");
    assert_eq!(temperament(&hs, id).as_deref(), Some("haggler"));
    let name = hs.app.store().customer(id).unwrap().unwrap().fields.name;
    assert_eq!(hs.app.status_text(), Some(format!("Saved: {name} is haggler").as_str()));
    let screen = hs.screen();
    assert!(screen.contains("Temperament  haggler"), "{screen}");
    assert!(screen.contains("Hold the price"), "the advice on the page: {screen}");
    let log = hs.app.store().audit_of(id, 10).unwrap();
    assert!(log[0].entity == Entity::Customer && log[0].fields.iter().any(|f| f.field == "temperament"));

    // Esc leaves it; Enter on "none" clears it
    hs.press("m down down esc");
    assert_eq!(temperament(&hs, id).as_deref(), Some("haggler"));
    hs.press("m end enter");
    assert_eq!(temperament(&hs, id), None);
    assert_eq!(hs.app.status_text(), Some(format!("Cleared the temperament of {name}").as_str()));
}

#[test]
fn chinese_page_and_a_save_over_someone_elses_edit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    drop(store);
    let mut hs = Harness::new(common::open(&path), Lang::Zh, 120, 40);
    let id = ids[2];
    hs.app.apply(Effect::Open(Route::Customer(id)));
    hs.press("m home");
    hs.press("enter");
    assert_eq!(temperament(&hs, id).as_deref(), Some("silent"));
    assert!(hs.screen().contains("顾客类型   沉默型"), "{}", hs.screen());
    assert!(hs.screen().contains("多问开放式问题"), "{}", hs.screen());

    hs.press("m");
    let mut bo = Store::open(&path, Clock::Fixed(common::today()), "bo").unwrap();
    let mut theirs = bo.customer(id).unwrap().unwrap().fields;
    theirs.temperament = Some("proud".into());
    bo.update_customer(id, &theirs, "edited").unwrap();
    hs.press("down enter");
    let status = hs.app.status_text().unwrap_or_default().to_string();
    assert!(status.contains("bo 在 "), "{status}");
    assert_eq!(temperament(&hs, id).as_deref(), Some("proud"), "Bo's choice stays");
}

#[test]
fn the_picker_in_both_languages_and_sizes() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in [(80, 24), (120, 40)] {
            let dir = tempfile::tempdir().unwrap();
            let (path, mut store, ids) = fixture(dir.path());
            let mut f = store.customer(ids[0]).unwrap().unwrap().fields;
            f.temperament = Some("contrary".into());
            store.update_customer(ids[0], &f, "").unwrap();
            drop(store);
            let mut hs = Harness::new(common::open(&path), lang, w, h);
            hs.app.apply(Effect::Open(Route::Customer(ids[0])));
            hs.press("m");
            let l = if lang == Lang::En { "en" } else { "zh" };
            insta::assert_snapshot!(format!("temperament_picker_{l}_{w}x{h}"), hs.screen());
        }
    }
}
