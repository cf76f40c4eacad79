//! Two people on one book: the customer form's save over someone else's newer edit of the
//! customer is refused, the form stays open with what was typed and says who and when.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, fixture};
use tierdesk::clock::Clock;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

#[test]
fn the_form_stays_open_when_someone_else_changed_the_customer_since() {
    for (lang, said) in [(Lang::En, "changed by bo at "), (Lang::Zh, "bo 在 ")] {
        let dir = tempfile::tempdir().unwrap();
        let (path, store, ids) = fixture(dir.path());
        drop(store);
        let mut hs = Harness::new(common::open(&path), lang, 120, 40);
        let id = ids[4];
        hs.app.apply(Effect::Open(Route::Customer(id)));
        hs.press("e");
        assert!(matches!(hs.app.screen(), Screen::Form(_)));

        // Meanwhile Bo changes the customer's company on his own connection.
        let mut bo = Store::open(&path, Clock::Fixed(common::today()), "bo").unwrap();
        let mut theirs = bo.customer(id).unwrap().unwrap().fields;
        theirs.company = "Bo's company".into();
        bo.update_customer(id, &theirs, "edited").unwrap();

        hs.press("ctrl-u");
        hs.type_text("新名字");
        hs.press("ctrl-s");
        let status = hs.app.status_text().unwrap_or_default().to_string();
        assert!(status.contains(said) && status.contains(":"), "{status}");
        let Screen::Form(form) = hs.app.screen() else { panic!("the form was closed") };
        assert_eq!(form.draft.get(form.focused_field()), "新名字", "what was typed is kept");
        let c = hs.app.store().customer(id).unwrap().unwrap();
        assert_eq!(c.fields.company, "Bo's company", "Bo's edit stays");
        assert_ne!(c.fields.name, "新名字", "nothing of the form was saved");
    }
}
