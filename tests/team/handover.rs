//! Hand-over (issue 12 point 3): a person's customers move to a colleague with their
//! contacts, follow-ups and history, in one change that undo takes back; on a team book the
//! database decides who may (a lead within their team, an admin), and the new owner reads
//! the customer's history from before the hand-over.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use predicates::prelude::*;
use tierdesk::clock::Clock;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::domain::history::NewContact;
use tierdesk::domain::people::{PersonProblem, Role as PersonRole};
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::postgres::{PgStore, TeamError};
use tierdesk::store::prelude::*;
use tierdesk::store::{Owners, Store, StoreError};

use crate::common::tierdesk_at;
use crate::pg::{PgRun, start};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_lead_hands_a_customer_over_through_the_binary_and_the_new_owner_reads_its_history() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, args: &[&str]| tierdesk_at(dir.path(), url).args(args).assert();
    run(&owner, &["team", "init"]).success();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    let (lead2, d2) = (pg.login("lead2"), pg.login("d"));
    run(&owner, &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    run(&owner, &["team", "add-person", &lead2, "--name", "Other Lead", "--role", "lead"]).success();
    for (login, l) in [(&b, &lead), (&c, &lead), (&d2, &lead2)] {
        run(&owner, &["team", "add-person", login, "--name", login, "--role", "manager", "--lead", l]).success();
    }
    let (as_b, as_c, as_lead, as_d) = (pg.url_as(&b), pg.url_as(&c), pg.url_as(&lead), pg.url_as(&d2));
    run(&as_b, &["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "K-1"]).success();
    run(&as_b, &["customer", "add", "--name", "李强", "--tier", "C"]).success();
    run(&as_b, &["log", "王芳", "--kind", "call", "--note", "asked about the bond fund"]).success();

    // A manager of another team sees none of b's customers: nothing moves, in one line.
    run(&as_d, &["team", "handover", &b, &d2])
        .failure()
        .stderr(predicate::str::contains(format!("nothing was handed over: {b} has no customers you may see")));
    // A manager may not give their own customers away (they would lose sight of them).
    run(&as_b, &["team", "handover", &b, &c])
        .failure()
        .stderr(predicate::str::contains(format!("you may not hand customers over to \"{c}\"")));
    // Nobody of the book.
    run(&as_lead, &["team", "handover", &b, "nobody"]).failure().stderr(predicate::str::contains("nobody"));

    // The lead hands one customer over, named by its ref.
    run(&as_lead, &["team", "handover", &b, &c, "--customer", "K-1"])
        .success()
        .stdout(predicate::str::contains(format!("handed 1 customer(s) over from {b} to {c}")));
    run(&as_b, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("李强").and(predicate::str::contains("王芳").not()));
    run(&as_c, &["customer", "list", "--format", "csv"]).success().stdout(predicate::str::contains("王芳"));
    // c reads what b did before the hand-over: the customer's creation and b's call.
    run(&as_c, &["history", "王芳", "--all"])
        .success()
        .stdout(predicate::str::contains("bond fund").and(predicate::str::contains(b.as_str())));
    // The rest of b's customers, without --customer (the same words on `person handover`).
    run(&as_lead, &["person", "handover", &b, &c])
        .success()
        .stdout(predicate::str::contains(format!("handed 1 customer(s) over from {b} to {c}")));
}

/// A lead with managers b and c; b owns two customers with a contact and a follow-up each.
pub(crate) fn pg_team(pg: &PgRun) -> (String, String, String) {
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    book.add_person(&lead, "Lead", Role::Lead, None).unwrap();
    book.add_person(&b, "Bai", Role::Manager, Some(&lead)).unwrap();
    book.add_person(&c, "Chen", Role::Manager, Some(&lead)).unwrap();
    (lead, b, c)
}

pub(crate) fn fill(book: &mut dyn Book, owner: &str) -> Vec<CustomerId> {
    let ids: Vec<CustomerId> = ["王芳", "李强"]
        .iter()
        .map(|name| {
            let f = CustomerFields {
                name: (*name).into(),
                tier: "B".into(),
                created_on: d("2026-10-01"),
                owner: owner.into(),
                ..Default::default()
            };
            book.add_customer(&f).unwrap()
        })
        .collect();
    for id in &ids {
        let c = NewContact {
            customer: *id,
            kind: "call".into(),
            on: d("2026-11-20"),
            person: "Ms Wu".into(),
            summary: "bond fund".into(),
            outcome: "fine".into(),
        };
        book.add_contact(&c, Some(("send the brochure", d("2026-11-30")))).unwrap();
    }
    ids
}

/// What a person sees of a customer: owner, contacts, open follow-ups, history entries.
fn seen(book: &dyn Book, id: CustomerId) -> Option<(String, usize, usize, usize)> {
    let c = book.customer(id).unwrap()?;
    Some((
        c.fields.owner,
        book.contacts_of(id, 100).unwrap().len(),
        book.follow_ups_of(id).unwrap().len(),
        book.audit_of(id, 100).unwrap().len(),
    ))
}

#[test]
fn a_hand_over_moves_everything_in_one_change_and_undo_takes_it_back_on_both_engines() {
    let Some(pg) = start() else { return };
    let (lead, b, c) = pg_team(&pg);
    let clock = Clock::Fixed(d("2026-11-23"));
    let open = |login: &str| PgStore::open(&pg.url_as(login), clock).unwrap();
    let mut as_b = open(&b);
    let ids = fill(&mut as_b, &b);
    let before = seen(&as_b, ids[0]).unwrap();

    let mut as_lead = open(&lead);
    assert_eq!(as_lead.hand_over(&b, &c, None).unwrap(), 2);
    let as_c = open(&c);
    for id in &ids {
        assert!(seen(&as_b, *id).is_none(), "b still sees {id:?}");
    }
    // c sees the customer with all its rows and its whole history (plus the hand-over).
    let after = seen(&as_c, ids[0]).unwrap();
    assert_eq!((after.0.as_str(), after.1, after.2), (c.as_str(), before.1, before.2));
    assert_eq!(after.3, before.3 + 1, "the history from before, and the hand-over");
    // The child rows' copy of the owner followed (by the cascading foreign keys), read as the
    // tables' owner (whom row-level security passes by).
    let stale: i64 = pg
        .connect_as(&pg.owner)
        .query_one(
            "SELECT (SELECT count(*) FROM contacts WHERE customer_owner <> $1)
                  + (SELECT count(*) FROM follow_ups WHERE customer_owner <> $1)",
            &[&c],
        )
        .unwrap()
        .get(0);
    assert_eq!(stale, 0);
    // One change, taken back by undo: b has them again.
    let undone = as_lead.undo_last().unwrap().unwrap();
    assert_eq!(undone.customers.len(), 2);
    assert_eq!(seen(&as_b, ids[0]).unwrap().0, b);
    assert!(seen(&as_c, ids[0]).is_none());

    // The same calls on a SQLite book give the same counts.
    let dir = tempfile::tempdir().unwrap();
    let mut solo = Store::open(&dir.path().join("book.sqlite"), clock, "lead").unwrap();
    solo.init_scheme("default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    solo.add_person("b", "Bai", PersonRole::Manager, Some("lead")).unwrap();
    solo.add_person("c", "Chen", PersonRole::Manager, Some("lead")).unwrap();
    let sids = fill(&mut solo, "b");
    let solo_before = seen(&solo, sids[0]).unwrap();
    assert_eq!((solo_before.1, solo_before.2), (before.1, before.2));
    assert_eq!(solo.hand_over("b", "c", None).unwrap(), 2);
    let solo_after = seen(&solo, sids[0]).unwrap();
    assert_eq!((solo_after.0.as_str(), solo_after.1, solo_after.2), ("c", before.1, before.2));
    assert_eq!(solo_after.3, solo_before.3 + 1);
    assert_eq!(solo.count_customers(None, None, &Owners::one("c")).unwrap(), 2);
    assert_eq!(solo.undo_last().unwrap().unwrap().customers.len(), 2);
    assert_eq!(solo.count_customers(None, None, &Owners::one("b")).unwrap(), 2);
}

#[test]
fn a_hand_over_of_named_customers_is_all_or_nothing_on_both_engines() {
    let Some(pg) = start() else { return };
    let (lead, b, c) = pg_team(&pg);
    let clock = Clock::Fixed(d("2026-11-23"));
    let mut as_b = PgStore::open(&pg.url_as(&b), clock).unwrap();
    let ids = fill(&mut as_b, &b);
    let mut as_c = PgStore::open(&pg.url_as(&c), clock).unwrap();
    let theirs = fill(&mut as_c, &c);
    let mut as_lead = PgStore::open(&pg.url_as(&lead), clock).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut solo = Store::open(&dir.path().join("book.sqlite"), clock, &lead).unwrap();
    solo.init_scheme("default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    solo.add_person(&b, "Bai", PersonRole::Manager, Some(&lead)).unwrap();
    solo.add_person(&c, "Chen", PersonRole::Manager, Some(&lead)).unwrap();
    let sids = fill(&mut solo, &b);
    let stheirs = fill(&mut solo, &c);
    for (book, ids, theirs) in
        [(&mut as_lead as &mut dyn Book, &ids, &theirs), (&mut solo as &mut dyn Book, &sids, &stheirs)]
    {
        // One of them is c's, not b's: nothing moves.
        let mixed = [ids[0], theirs[0]];
        assert!(matches!(book.hand_over(&b, &c, Some(&mixed)), Err(StoreError::NoSuchCustomer(n)) if n == theirs[0].0));
        assert_eq!(book.count_customers(None, None, &Owners::one(&b)).unwrap(), 2);
        assert!(matches!(
            book.hand_over(&b, "nobody", None),
            Err(StoreError::Person(PersonProblem::NoSuchPerson(l))) if l == "nobody"
        ));
        assert_eq!(book.hand_over(&b, &c, Some(&[ids[1], ids[1]])).unwrap(), 1);
        assert_eq!(book.count_customers(None, None, &Owners::one(&b)).unwrap(), 1);
    }
    // b may not give their own away on the team book: the database refuses.
    assert!(matches!(
        as_b.hand_over(&b, &c, None),
        Err(StoreError::Team(TeamError::HandOverRefused { to })) if to == c
    ));
}
