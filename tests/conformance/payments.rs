//! Late payments (terms by tier): recorded, read back oldest first, in the audit log as a
//! late payment added, taken back by undo, gone with their customer.

use tierdesk::domain::audit::{Entity, Op};
use tierdesk::domain::customer::CustomerId;
use tierdesk::store::StoreError;

use crate::engine::{Engine, USER, d};

pub fn a_late_payment_is_recorded_logged_and_undone<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    let other = s.add_customer(&e.fields("Bob", "C", "2026-01-05")).unwrap();
    s.record_late_payment(id, d("2026-09-02"), "invoice 7 paid 3 weeks late").unwrap();
    s.record_late_payment(id, d("2026-07-14"), "").unwrap();
    let got: Vec<(String, String, String)> =
        s.late_payments(id).unwrap().into_iter().map(|l| (l.on.to_string(), l.note, l.recorded_by)).collect();
    let me = e.login(USER);
    assert_eq!(
        got,
        [
            ("2026-07-14".to_string(), String::new(), me.clone()),
            ("2026-09-02".to_string(), "invoice 7 paid 3 weeks late".to_string(), me.clone())
        ],
        "oldest first"
    );
    assert!(s.late_payments(other).unwrap().is_empty(), "another customer's are not theirs");

    let history = s.audit_of(id, 100).unwrap();
    let added: Vec<_> = history.iter().filter(|h| h.entity == Entity::LatePayment && h.op == Op::Added).collect();
    assert_eq!(added.len(), 2, "{history:#?}");
    assert_eq!(added[0].by, me);
    let late_on = added[0].fields.iter().find(|f| f.field == "late_on").and_then(|f| f.new.clone());
    assert_eq!(late_on.as_deref(), Some("2026-07-14"), "the newest entry says which day");

    let undone = s.undo_last().unwrap().expect("the late payment to undo");
    assert_eq!(undone.customers, vec![id]);
    assert_eq!(s.late_payments(id).unwrap().len(), 1, "undo took the last one back");
    assert_eq!(s.late_payments(id).unwrap()[0].on, d("2026-09-02"));

    match s.record_late_payment(CustomerId(999_999), d("2026-09-02"), "") {
        Err(StoreError::NoSuchCustomer(999_999)) => {}
        other => panic!("a late payment of no customer: {other:?}"),
    }
    assert!(matches!(s.record_late_payment(id, d("1850-01-01"), ""), Err(StoreError::Date(_))), "the date rule");

    s.delete_customer(id).unwrap();
    assert!(s.late_payments(id).unwrap().is_empty(), "gone with the customer");
    assert_eq!(e.count("late_payments"), 0);
}
