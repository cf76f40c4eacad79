//! What a calendar export reads (`Calendar`): the contacts of a window with the latest of
//! each kind before it, the follow-ups ticked off in it, and follow-ups' uuids.

use tierdesk::domain::history::NewContact;
use tierdesk::store::prelude::*;

use crate::engine::{Engine, d};

fn contact(customer: tierdesk::domain::customer::CustomerId, kind: &str, on: &str) -> NewContact {
    NewContact {
        customer,
        kind: kind.into(),
        on: d(on),
        person: String::new(),
        summary: String::new(),
        outcome: String::new(),
    }
}

pub fn the_window_s_contacts_and_ticked_off_follow_ups_are_read<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.connect("lin");
    let ann = s.add_customer(&e.fields("Ann", "A", "2024-01-05")).unwrap();
    let bob = s.add_customer(&e.fields("Bob", "B", "2024-01-05")).unwrap();
    for (kind, on) in [("visit", "2026-11-02"), ("visit", "2026-11-10"), ("call", "2026-11-09")] {
        s.add_contact(&contact(ann, kind, on), None).unwrap();
    }
    s.add_contact(&contact(ann, "visit", "2026-11-18"), None).unwrap();
    s.add_contact(&contact(ann, "call", "2026-11-23"), None).unwrap();
    s.add_contact(&contact(bob, "call", "2026-11-01"), None).unwrap();
    let done = s.add_follow_up(bob, "send the quote", d("2026-11-21")).unwrap();
    let open = s.add_follow_up(ann, "call back", d("2026-11-30")).unwrap();
    s.set_follow_up_done(done, true).unwrap();

    let got = s.closed_since(d("2026-11-16"), d("2026-11-23"), &Owners::All).unwrap();
    assert_eq!(got.contacts.len(), 1, "{:?}", got.contacts);
    let h = &got.contacts[0];
    assert_eq!((h.customer.id, h.customer.name.as_str(), h.created_on), (ann, "Ann", d("2024-01-05")));
    let mut before = h.before.clone();
    before.sort();
    assert_eq!(before, [("call".to_string(), d("2026-11-09")), ("visit".to_string(), d("2026-11-10"))]);
    let mut within = h.within.clone();
    within.sort_by_key(|(_, on)| *on);
    assert_eq!(within, [("visit".to_string(), d("2026-11-18")), ("call".to_string(), d("2026-11-23"))]);

    assert_eq!(got.follow_ups.len(), 1);
    let f = &got.follow_ups[0];
    assert_eq!((f.id, f.customer.id, f.what.as_str(), f.due_on), (done, bob, "send the quote", d("2026-11-21")));
    assert_eq!(f.done_at.date(), d(crate::engine::TODAY));
    let uuids = s.follow_up_uuids(&[done, open]).unwrap();
    assert_eq!(uuids.len(), 2);
    assert!(uuids.iter().any(|(id, u)| *id == done && *u == f.uuid));
    assert!(uuids.iter().all(|(_, u)| u.len() >= 32), "{uuids:?}");

    // nothing in a window before any of it; another owner's customers are left out
    let none = s.closed_since(d("2026-10-01"), d("2026-10-31"), &Owners::All).unwrap();
    assert!(none.contacts.is_empty() && none.follow_ups.is_empty());
    let other = s.closed_since(d("2026-11-16"), d("2026-11-23"), &Owners::Only(vec![e.login("nobody")])).unwrap();
    assert!(other.contacts.is_empty() && other.follow_ups.is_empty());
}
