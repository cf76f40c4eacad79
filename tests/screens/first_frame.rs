//! The first frame of a big day (issue 16): Today draws the start of its list and the day's
//! counts, read through the index; the whole list comes after and changes nothing on the
//! screen; a key pressed before it acts on the rows shown.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fields, today};
use tierdesk::app::agenda::{AgendaQuery, due_items};
use tierdesk::clock::Clock;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

/// 600 customers overdue (A and C, taken on over a few months, so that due dates tie), more
/// than the start the first frame reads.
fn big_day(dir: &std::path::Path) -> Store {
    let mut s = Store::open(&dir.join("b.sqlite"), Clock::Fixed(today()), "tester").unwrap();
    s.init_scheme("data/tiers/default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    let all: Vec<_> = (0..600)
        .map(|i| {
            let created = today() - chrono::Days::new(40 + (i * 7919 % 90) as u64);
            let name = format!("{} {i:03}", ["王芳", "Amy", "李娜"][i % 3]);
            fields(&name, "华信", ["A", "C"][i % 2], &created.to_string())
        })
        .collect();
    s.add_customers_bulk(&all).unwrap();
    s
}

fn is_head(hs: &Harness) -> bool {
    matches!(hs.app.screen(), Screen::Today(t) if t.is_head())
}

fn selected_name(hs: &Harness) -> String {
    match hs.app.screen() {
        Screen::Today(t) => t.selected_item().unwrap().customer.name.clone(),
        _ => panic!("not on Today"),
    }
}

/// The whole list as `tierdesk due` and the full read make it.
fn whole(hs: &Harness) -> Vec<String> {
    let q = AgendaQuery { today: today(), assessments: Default::default(), within_days: 6, include_done: true };
    let env = &hs.app.env;
    due_items(hs.app.store(), &env.scheme, &env.kinds, Lang::En, q, &env.scope.owners)
        .unwrap()
        .into_iter()
        .map(|it| it.customer.name)
        .collect()
}

#[test]
fn the_first_frame_is_the_start_and_the_rest_changes_nothing_shown() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut hs = Harness::new(big_day(&dir.path().join(lang.code())), lang, 120, 40);
        assert!(is_head(&hs), "the first frame holds the list's start");
        let first = hs.screen();
        if lang == Lang::En {
            assert!(first.contains("600 items, 0 done, 600 left"), "{first}");
        }
        let names = whole(&hs);
        let shown: Vec<_> = match hs.app.screen() {
            Screen::Today(t) => t.items().iter().map(|i| i.customer.name.clone()).collect(),
            _ => panic!("not on Today"),
        };
        assert!(shown.len() >= 36 && shown.len() < 600, "{} rows held", shown.len());
        assert_eq!(shown[..], names[..shown.len()]);
        let counting = if lang == Lang::En { "counting…" } else { "统计中…" };
        assert!(first.contains(counting), "the coverage is counted with the rest: {first}");
        hs.app.read_rest();
        hs.draw();
        assert!(!is_head(&hs));
        let rest = hs.screen();
        assert!(!rest.contains(counting) && rest.contains("A  0/300"), "{rest}");
        // Only the coverage line changes.
        let differ: Vec<(&str, &str)> = first.lines().zip(rest.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(differ.len(), 1, "the whole list draws the same rows: {differ:?}");
        assert!(differ[0].0.contains(counting), "{differ:?}");
    }
}

/// Wide enough for the coverage panel beside the list: each tier says it is being counted,
/// then shows its numbers once the rest is read.
#[test]
fn the_coverage_panel_is_counted_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut hs = Harness::new(big_day(dir.path()), Lang::En, 160, 40);
    assert!(is_head(&hs));
    let first = hs.screen();
    assert_eq!(first.matches("counting…").count(), 4, "one line per tier: {first}");
    // The run loop draws again at once when the rest was read, and only then.
    assert!(hs.app.read_rest(), "the rest was read");
    assert!(!hs.app.read_rest(), "nothing more to read");
    hs.draw();
    let rest = hs.screen();
    assert!(!rest.contains("counting…"), "{rest}");
    assert!(rest.contains("0 on time  300 late"), "{rest}");
}

#[test]
fn keys_pressed_before_the_rest_act_on_the_rows_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut early = Harness::new(big_day(&dir.path().join("early")), Lang::En, 120, 40);
    let mut late = Harness::new(big_day(&dir.path().join("late")), Lang::En, 120, 40);
    late.app.read_rest();
    late.draw();
    assert!(is_head(&early) && !is_head(&late));
    let names = whole(&early);
    // Down three rows, a page, and back up: the same selection and scroll either way.
    for keys in ["j j j", "pagedown", "k"] {
        early.press(keys);
        late.press(keys);
        assert_eq!(early.screen(), late.screen(), "after {keys}");
    }
    assert_eq!(selected_name(&early), selected_name(&late));
    // To the bottom: the whole list's last row.
    early.press("G");
    assert_eq!(selected_name(&early), names[names.len() - 1]);
    // Space on the first row of a fresh first frame logs a contact with the customer shown there.
    let mut hs = Harness::new(big_day(&dir.path().join("space")), Lang::En, 120, 40);
    assert!(is_head(&hs));
    hs.press("space");
    assert!(hs.screen().contains(&format!("Log a contact: {}", names[0])), "{}", hs.screen());
}

#[test]
fn a_window_taller_than_the_start_draws_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let hs = Harness::new(big_day(dir.path()), Lang::En, 120, 260);
    assert!(!is_head(&hs), "the start read does not fill the window: the rest was read to draw it");
    let names = whole(&hs);
    assert!(hs.screen().contains(&names[250]), "{}", hs.screen());
}
