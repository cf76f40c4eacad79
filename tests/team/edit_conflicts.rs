//! Two people on the team book: a save based on a version of the customer that someone else
//! has changed since is refused, naming who (the person's name) and when, and writes nothing.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use tierdesk::clock::Clock;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::domain::history::NewContact;
use tierdesk::store::StoreError;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::prelude::*;

use crate::pg::start;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fields(name: &str, phone: &str, owner: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        tier: "B".into(),
        created_on: d("2026-01-05"),
        phone: phone.into(),
        owner: owner.into(),
        ..Default::default()
    }
}

#[test]
fn a_save_over_someone_elses_newer_edit_is_refused_naming_them() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let (lead, m1) = (pg.login("lead"), pg.login("m1"));
    book.add_person(&lead, "Li Lead", Role::Lead, None).unwrap();
    book.add_person(&m1, "Manager One", Role::Manager, Some(&lead)).unwrap();
    let open = |login: &str| PgStore::open(&pg.url_as(login), Clock::Fixed(d("2026-11-23"))).unwrap();
    let (mut own, mut boss) = (open(&m1), open(&lead));
    let id = own.add_customer(&fields("王芳", "1", &m1)).unwrap();

    // The lead saves over the manager's open form: the manager's save is refused.
    let seen_by_own = own.customer_seen(id).unwrap();
    let seen_by_boss = boss.customer_seen(id).unwrap();
    assert_eq!(seen_by_own, seen_by_boss);
    boss.update_customer_if_unchanged(id, &fields("王芳", "2", &m1), "edited", &seen_by_boss).unwrap();
    let err = own.update_customer_if_unchanged(id, &fields("王芳", "3", &m1), "edited", &seen_by_own).unwrap_err();
    let StoreError::ChangedSince { by, .. } = &err else { panic!("{err:?}") };
    assert_eq!(by, "Li Lead");
    assert_eq!(own.customer(id).unwrap().unwrap().fields.phone, "2");

    // And the other way round.
    let seen_by_own = own.customer_seen(id).unwrap();
    let seen_by_boss = boss.customer_seen(id).unwrap();
    own.update_customer_if_unchanged(id, &fields("王芳", "3", &m1), "edited", &seen_by_own).unwrap();
    let err = boss.update_customer_if_unchanged(id, &fields("王芳", "4", &m1), "edited", &seen_by_boss).unwrap_err();
    let StoreError::ChangedSince { by, .. } = &err else { panic!("{err:?}") };
    assert_eq!(by, "Manager One");
    assert_eq!(boss.customer(id).unwrap().unwrap().fields.phone, "3");

    // A contact logged meanwhile is not a change of the form's fields.
    let seen = boss.customer_seen(id).unwrap();
    let call = NewContact {
        customer: id,
        kind: "call".into(),
        on: d("2026-11-20"),
        person: String::new(),
        summary: "bond fund".into(),
        outcome: String::new(),
    };
    own.add_contact(&call, None).unwrap();
    boss.update_customer_if_unchanged(id, &fields("王芳", "4", &m1), "edited", &seen).unwrap();
    assert_eq!(own.customer(id).unwrap().unwrap().fields.phone, "4");
}
