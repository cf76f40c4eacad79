//! Two people on one book file: a save based on a version of the customer that someone else
//! has changed since is refused, naming who and when, and writes nothing; contacts logged
//! by both at once all land.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use chrono::NaiveDate;
use tierdesk::clock::Clock;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(path: &std::path::Path, user: &str) -> Store {
    let mut s = Store::open(path, Clock::Fixed(d("2026-11-23")), user).unwrap();
    if s.scheme().is_none() {
        s.init_scheme("data/tiers/default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    }
    s
}

fn fields(name: &str, phone: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        tier: "B".into(),
        created_on: d("2026-01-05"),
        phone: phone.into(),
        ..Default::default()
    }
}

#[test]
fn a_save_over_someone_elses_newer_edit_is_refused_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut ann = open(&path, "ann");
    let mut bo = open(&path, "bo");
    let id = ann.add_customer(&fields("王芳", "1")).unwrap();

    // Both open the customer; Bo saves first.
    let seen_by_ann = ann.customer_seen(id).unwrap();
    let seen_by_bo = bo.customer_seen(id).unwrap();
    assert_eq!(seen_by_ann, seen_by_bo);
    bo.update_customer_if_unchanged(id, &fields("王芳", "2"), "edited", &seen_by_bo).unwrap();

    // Ann's save, based on what she read before, is refused and writes nothing.
    let err = ann.update_customer_if_unchanged(id, &fields("王芳", "3"), "edited", &seen_by_ann).unwrap_err();
    let StoreError::ChangedSince { by, .. } = &err else { panic!("{err:?}") };
    assert_eq!(by, "bo");
    assert_eq!(ann.customer(id).unwrap().unwrap().fields.phone, "2");
    let StoreError::ChangedSince { at, .. } = &err else { unreachable!() };
    let hhmm = at.format("%H:%M").to_string();
    let en = tierdesk::i18n::problems::store_error(&err, Lang::En);
    assert!(en.starts_with(&format!("changed by bo at {hhmm} since you opened it")), "{en}");
    let zh = tierdesk::i18n::problems::store_error(&err, Lang::Zh);
    assert!(zh.starts_with(&format!("bo 在 {hhmm} 改过")), "{zh}");

    // Opened again, her save goes through.
    let seen = ann.customer_seen(id).unwrap();
    ann.update_customer_if_unchanged(id, &fields("王芳", "3"), "edited", &seen).unwrap();
    assert_eq!(bo.customer(id).unwrap().unwrap().fields.phone, "3");

    // A contact logged meanwhile moves the customer's next due date, not a field of the
    // form: no reason to refuse an edit.
    let seen = ann.customer_seen(id).unwrap();
    let call = NewContact {
        customer: id,
        kind: "call".into(),
        on: d("2026-11-20"),
        person: String::new(),
        summary: "bond fund".into(),
        outcome: String::new(),
    };
    bo.add_contact(&call, None).unwrap();
    ann.update_customer_if_unchanged(id, &fields("王芳", "4"), "edited", &seen).unwrap();
    // Nor is one's own save a reason to refuse one's next one with a fresh read.
    let seen = ann.customer_seen(id).unwrap();
    ann.update_customer_if_unchanged(id, &fields("王芳", "5"), "edited", &seen).unwrap();
}

#[test]
fn contacts_logged_at_once_by_two_people_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let id = open(&path, "ann").add_customer(&fields("Shared", "1")).unwrap();
    let days: Vec<NaiveDate> = (1..=20).map(|n| d("2026-10-01") + chrono::Days::new(n)).collect();
    std::thread::scope(|scope| {
        for (who, mine) in [("ann", 0), ("bo", 1)] {
            let (days, path) = (&days, &path);
            scope.spawn(move || {
                let mut store = open(path, who);
                for day in days.iter().skip(mine).step_by(2) {
                    let call = NewContact {
                        customer: id,
                        kind: "call".into(),
                        on: *day,
                        person: String::new(),
                        summary: format!("{who} on {day}"),
                        outcome: String::new(),
                    };
                    store.add_contact(&call, None).unwrap();
                }
            });
        }
    });
    let store = open(&path, "ann");
    assert_eq!(store.count_contacts_of(id).unwrap(), 20);
    let c = store.customer(id).unwrap().unwrap();
    assert_eq!(c.last_contact_on, days.last().copied());
}
