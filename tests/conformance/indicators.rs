//! Indicator values (the review's inputs) as every engine keeps them.

use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::grading::Value;
use tierdesk::store::Measurement;
use tierdesk::store::StoreError;
use tierdesk::store::prelude::*;

use crate::engine::{Engine, d};

/// One call naming the same customer, indicator and day twice (a file with a repeated row,
/// or two rows of one customer): the later value stands, as a second call would leave it,
/// and other customers' values in the call are kept.
pub fn the_same_value_twice_in_one_call_keeps_the_later<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let ann = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    let bob = s.add_customer(&e.fields("Bob", "C", "2026-01-05")).unwrap();
    let m = |customer: CustomerId, aum: f64| Measurement {
        customer,
        measured_on: d("2026-11-20"),
        values: vec![("aum".into(), Value::Number(aum))],
    };
    s.record_indicators(&[m(ann, 1e6), m(bob, 2e6), m(ann, 3e6)]).unwrap();
    let latest = |s: &dyn Book, id| s.latest_indicators(id).unwrap();
    let ann_now = latest(&*s, ann);
    assert_eq!(ann_now.len(), 1, "{ann_now:?}");
    assert_eq!(ann_now[0].1.value, Value::Number(3e6));
    assert_eq!(latest(&*s, bob)[0].1.value, Value::Number(2e6));
}

/// A value for a customer the book does not have is refused as such, and nothing of the
/// call is written.
pub fn a_value_for_no_customer_is_refused_naming_it<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let ann = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    let m = |customer: CustomerId| Measurement {
        customer,
        measured_on: d("2026-11-20"),
        values: vec![("aum".into(), Value::Number(1e6))],
    };
    let refused = s.record_indicators(&[m(ann), m(CustomerId(999))]);
    assert!(matches!(refused, Err(StoreError::NoSuchCustomer(999))), "{refused:?}");
    assert!(s.latest_indicators(ann).unwrap().is_empty(), "nothing of the call is written");
}
