//! Indicator values: the form on a customer (v), checked field by field, and the store keeping
//! every measurement with the latest one counting.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, d, fixture};
use tierdesk::domain::grading::Value;
use tierdesk::i18n::Lang;
use tierdesk::store::Measurement;
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};
use tierdesk::ui::screens::Screen;

#[test]
fn the_form_refuses_what_it_cannot_read_and_saves_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, ids) = fixture(dir.path());
    drop(store);
    let mut hs = Harness::new(common::open(&path), Lang::En, 120, 40);
    hs.app.apply(Effect::Open(Route::Customer(ids[4])));
    hs.press("v");
    assert!(matches!(hs.app.screen(), Screen::Indicators(_)), "{}", hs.screen());
    let s = hs.screen();
    assert!(s.contains("Indicator values of 李强 (Distributor score)"), "{s}");
    assert!(s.contains("Purchase amount (RMB)") && s.contains("Measured on"), "{s}");
    hs.type_text("5百万");
    hs.press("tab tab");
    hs.type_text("18.5%");
    hs.press("ctrl-s");
    assert_eq!(hs.app.status_text(), Some("1 field(s) need fixing before saving"), "one problem: the amount");
    assert!(hs.screen().contains("is not"), "the bad amount is named: {}", hs.screen());
    assert_eq!(hs.app.store().latest_indicators(ids[4]).unwrap(), vec![], "nothing saved");
    // back on the amount: clear it and write it the way Chinese amounts are written
    hs.press("backtab backtab ctrl-u");
    hs.type_text("500万");
    hs.press("ctrl-s");
    assert_eq!(hs.app.status_text(), Some("李强: 2 indicator values recorded (2026-11-23)"));
    let latest = hs.app.store().latest_indicators(ids[4]).unwrap();
    let got: Vec<(&str, &Value)> = latest.iter().map(|(c, m)| (c.as_str(), &m.value)).collect();
    assert_eq!(got, [("gross_margin", &Value::Number(18.5)), ("purchase_amount", &Value::Number(5_000_000.0))]);
    // reopened, the form shows the values; saving nothing changed says so
    hs.press("v");
    assert!(hs.screen().contains("5000000"), "{}", hs.screen());
    hs.press("ctrl-s");
    assert_eq!(hs.app.status_text(), Some("Nothing changed"));
}

#[test]
fn every_measurement_is_kept_and_the_latest_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let m = |on: &str, v: f64| Measurement {
        customer: ids[0],
        measured_on: d(on),
        values: vec![("gross_margin".into(), Value::Number(v))],
    };
    s.record_indicators(&[m("2026-03-31", 12.0), m("2026-09-30", 15.0), m("2026-06-30", 30.0)]).unwrap();
    // the same day again corrects that day's value
    s.record_indicators(&[m("2026-09-30", 16.0)]).unwrap();
    assert_eq!(s.count_indicator_values().unwrap(), 3);
    let latest = s.latest_indicators(ids[0]).unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!((latest[0].1.value.clone(), latest[0].1.measured_on), (Value::Number(16.0), d("2026-09-30")));
    let model = tierdesk::data::grading_model("distributor").unwrap();
    let inputs = s.review_inputs(&model).unwrap();
    let i = model.indicator_index("gross_margin").unwrap();
    let mine = inputs.values.iter().find(|v| v.customer == ids[0]).unwrap();
    assert_eq!(mine.values[i].as_ref().map(|m| m.measured_on), Some(d("2026-09-30")));
    assert!(inputs.values.iter().filter(|v| v.customer != ids[0]).all(|v| v.values.iter().all(Option::is_none)));
    // a correction is a change like any other: undo puts 15 back
    s.undo_last().unwrap().unwrap();
    assert_eq!(s.latest_indicators(ids[0]).unwrap()[0].1.value, Value::Number(15.0));
}
