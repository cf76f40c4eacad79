//! Which screens a change reaches: the screens below the one shown and the parked views
//! are marked as well as the one in front.

use chrono::NaiveDate;

use super::App;
use crate::clock::Clock;
use crate::data;
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::store::Store;
use crate::store::prelude::*;
use crate::ui::Env;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Keymap;
use crate::ui::screens::Screen;
use crate::ui::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// An app on a book in memory with one customer in tier C.
fn app() -> (App, CustomerId) {
    let mut store = Store::open_in_memory(Clock::Fixed(today()), "tester").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    let fields = CustomerFields {
        name: "Acme".into(),
        tier: "C".into(),
        created_on: today(),
        owner: "Lin".into(),
        ..Default::default()
    };
    let id = store.add_customer(&fields).unwrap();
    let env = Env {
        lang: crate::i18n::Lang::En,
        theme: Theme::dark(),
        keymap: Keymap::load(data::KEYMAP, None).0,
        assessments: Default::default(),
        review: Default::default(),
        scheme: data::default_scheme(),
        today: today(),
        book_label: String::new(),
        user: "tester".into(),
        kinds: data::contact_kinds(),
        scope: Default::default(),
        plan: Default::default(),
        ref_pattern: Default::default(),
        late_rule: Default::default(),
        claims_per_day: None,
        temperaments: data::temperaments(),
    };
    (App::new(Box::new(store), env), id)
}

fn assessment(customer: CustomerId) -> Write {
    let q = data::questionnaire("risk_tolerance").unwrap();
    let answers = q.parse_letters("B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C").unwrap();
    Write::RecordAssessment { customer, name: "Acme".into(), questionnaire: q.id, answers }
}

/// Bug (found making freshness one place): an assessment taken from a customer opened from
/// the matrix left the matrix's counts as they were when Esc went back to it.
#[test]
fn an_assessment_from_the_matrix_is_counted_when_going_back_to_it() {
    let (mut app, id) = app();
    app.apply(Effect::Open(Route::Matrix));
    app.apply(Effect::Open(Route::Customer(id)));
    app.apply(Effect::Open(Route::Assess(id)));
    app.apply(Effect::Save(assessment(id)));
    assert!(matches!(app.screen, Screen::Customer(_)), "the interview closed on the customer's page");
    assert!(
        matches!(app.stack.first(), Some(Screen::Matrix(m)) if m.is_stale()),
        "the matrix below must read the new assessment when shown again"
    );
    app.apply(Effect::Back);
    assert!(matches!(&app.screen, Screen::Matrix(m) if !m.is_stale()), "the matrix read afresh");
}

#[test]
fn each_view_opens_from_its_route_and_is_kept_when_left() {
    use super::views::View;
    let (mut app, _) = app();
    let routes = [
        (Route::Customers, View::Customers),
        (Route::FollowUps, View::FollowUps),
        (Route::Matrix, View::Matrix),
        (Route::Report, View::Report),
        (Route::Review, View::Review),
        (Route::Today, View::Today),
    ];
    for (route, view) in routes {
        app.apply(Effect::Open(route));
        assert_eq!(View::of(&app.screen), Some(view));
    }
    assert_eq!(app.parked.len(), 5, "every other view is parked, once");
}

#[test]
fn indicator_values_reach_the_review_and_leave_today_as_read() {
    use super::fresh::{Changed, Reach};
    use super::views::View;
    let (mut app, _) = app();
    // Today and the review are read, then parked behind the matrix.
    app.apply(Effect::Open(Route::Review));
    app.apply(Effect::Open(Route::Matrix));
    app.mark_stale(Changed { indicators: true, ..Changed::NOTHING }, Reach::Book).unwrap();
    let parked = |view: View| app.parked.iter().find(|s| View::of(s) == Some(view)).unwrap();
    assert!(matches!(parked(View::Review), Screen::Review(r) if r.is_stale()));
    assert!(matches!(parked(View::Today), Screen::Today(t) if !t.is_stale()));
}
