//! When the book cannot be written or read as usual: a write lock held by another program
//! makes a write say Busy (and leaves the book whole), and a date written by hand that is
//! not a date is skipped and named, never a failed list.

use std::time::Duration;

use tierdesk::domain::dates::{DateField, RecordKind};
use tierdesk::store::prelude::*;
use tierdesk::store::{FollowUpFilter, StoreError};

use crate::due::{due_list, query, small_book, visit};
use crate::engine::{Engine, TODAY, d};

/// Another program holds the write lock (an import under way): our writes wait their
/// short while, then say Busy with nothing written; once it is done, writing works and the
/// book holds exactly what was written.
pub fn a_held_write_lock_gives_busy_not_a_damaged_book<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    s.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let mut other = e.second_connection("colleague");
    let held = other.begin_customers_import().unwrap();

    let err = s.add_customer(&e.fields("Bob", "C", "2026-01-05")).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    let err = s.add_contact(&visit(id, "2026-11-20"), None).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    let err = s.change_tier(id, "C", "smaller orders").unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    // Reading goes on while another program writes.
    assert_eq!(s.count_customers(None, None, &tierdesk::store::Owners::All).unwrap(), 1);

    drop(held);
    s.add_customer(&e.fields("Bob", "C", "2026-01-05")).unwrap();
    s.add_contact(&visit(id, "2026-11-20"), None).unwrap();
    assert_eq!((e.count("customers"), e.count("contacts")), (2, 1));
    assert_eq!(s.customer(id).unwrap().unwrap().fields.tier, "B");
}

/// Someone wrote a follow-up's due date and a customer's created date by hand: the due
/// list still answers with every other row, and names the two rows with what they hold
/// (`domain::dates`: a stored date outside 1900 to 2200 is skipped and named).
pub fn a_bad_date_written_by_hand_is_named_with_its_row<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    e.sql("UPDATE follow_ups SET due_on = '10360-02-23' WHERE what = 'send the quote'").unwrap();
    let garbage = e.sql("UPDATE customers SET created_on = 'garbage' WHERE name = 'Bob'");
    // Engines differ here: a typed date column (PostgreSQL) refuses text that is no date, so
    // what a hand can leave there is a date outside tierdesk's years (before 1900).
    let bobs = if e.typed_dates() {
        assert!(garbage.is_err(), "a typed date column took 'garbage'");
        e.sql("UPDATE customers SET created_on = '1066-10-14' WHERE name = 'Bob'").unwrap();
        "1066-10-14"
    } else {
        garbage.unwrap();
        "garbage"
    };
    assert!(s.take_unreadable().is_empty(), "nothing read yet");
    let s = e.second_connection("colleague");
    let taken = |s: &dyn Book| -> Vec<_> {
        s.take_unreadable().into_iter().map(|u| (u.record, u.customer, u.field, u.text)).collect()
    };
    let names: Vec<String> = due_list(&*s, query(0, false)).into_iter().map(|i| i.customer.name).collect();
    for name in ["Ann", "Cat", "Fay"] {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
    assert!(!names.iter().any(|n| n == "Dan"), "Dan's only item is the bad follow-up: {names:?}");
    let named = taken(&*s);
    let follow_up = (RecordKind::FollowUp, "Dan".to_string(), DateField::FollowUpDue, "10360-02-23".to_string());
    let customer = (RecordKind::Customer, "Bob".to_string(), DateField::CreatedOn, bobs.to_string());
    assert!(named.contains(&follow_up) && named.contains(&customer), "{named:#?}");
    assert!(s.take_unreadable().is_empty(), "each named once, then taken");
    // Bob's own view opens, today in place of the date, and names it again.
    let bob = s.customer(book.ids[1]).unwrap().unwrap();
    assert_eq!(bob.fields.created_on, d(TODAY));
    let named = taken(&*s);
    assert_eq!(named, [customer]);
    // The follow-ups list leaves Dan's out and names it.
    let open = s.follow_up_rows(FollowUpFilter::Open, d(TODAY), 10, &Owners::All).unwrap();
    assert!(open.is_empty(), "{open:#?}");
    let named = taken(&*s);
    assert_eq!(named, std::slice::from_ref(&follow_up));
    // So do Dan's own follow-ups, and Cat's contacts once one is dated so.
    assert!(s.follow_ups_of(book.ids[3]).unwrap().is_empty());
    let cat = book.ids[2];
    e.sql("UPDATE contacts SET happened_on = '10360-10-20' WHERE happened_on = '2026-10-20'").unwrap();
    assert!(s.contacts_of(cat, 10).unwrap().is_empty());
    let named = taken(&*s);
    let contact = (RecordKind::Contact, "Cat".to_string(), DateField::ContactDate, "10360-10-20".to_string());
    assert_eq!(named, [follow_up, contact]);
}
