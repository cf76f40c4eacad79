//! People and whose customers a list shows: the signed-in person is a person of the book,
//! colleagues are added with a role (and a lead), and every scoped query (the due list, the
//! customer table and its counts, the follow-ups, the search entries) reads the customers of
//! the owners asked for, or everyone's.

use tierdesk::domain::people::{PersonProblem, Role};
use tierdesk::store::prelude::*;
use tierdesk::store::{FollowUpFilter, ListQuery, StoreError};

use crate::due::{due_list, query, visit};
use crate::engine::{Engine, USER, d};

/// The signed-in person is a person; colleagues join with a role and a lead, as the engine's
/// books get people (`Engine::add_colleague`: on SQLite the signed-in person adds them; on
/// PostgreSQL a person is a login, so the database refuses the book's user and the book's
/// owner adds them). Adding one that is taken, or on the team of someone who is no lead, is
/// refused by the book as the same problem on both engines, whoever asks.
pub fn the_signed_in_person_and_colleagues_are_people<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let me = s.me().unwrap();
    assert_eq!(me.login, e.login(USER));
    let (zhou, lin, wang, ghost) = (e.login("zhou"), e.login("lin"), e.login("wang"), e.login("ghost"));
    e.add_colleague(&mut *s, &zhou, "周总", Role::Lead, None);
    let added = e.add_colleague(&mut *s, &lin, "林小姐", Role::Manager, Some(&zhou));
    assert_eq!((added.role, added.lead.as_deref()), (Role::Manager, Some(zhou.as_str())));
    let logins: Vec<String> = s.people().unwrap().into_iter().map(|p| p.login).collect();
    for login in [&me.login, &zhou, &lin] {
        assert!(logins.iter().any(|l| l == login), "{login} in {logins:?}");
    }
    let refused = |r: Result<_, StoreError>| match r {
        Err(StoreError::Person(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused(s.add_person(&lin, "Lin", Role::Manager, None)), PersonProblem::Taken(lin.clone()));
    assert_eq!(refused(s.add_person(&wang, "Wang", Role::Manager, Some(&lin))), PersonProblem::NotALead(lin.clone()));
    assert_eq!(
        refused(s.add_person(&wang, "Wang", Role::Manager, Some(&ghost))),
        PersonProblem::NoSuchLead(ghost.clone())
    );
}

pub fn every_list_shows_the_owners_asked_for<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let (me, lin) = (e.login(USER), e.login("lin"));
    e.add_colleague(&mut *s, &lin, "林小姐", Role::Manager, None);
    // Mine: Ann (A, 6 days late) and a follow-up; Lin's: Bob (A, 3 days late).
    let mut ann = e.fields("Ann", "A", "2024-01-05");
    ann.owner = me.clone();
    let ann = s.add_customer(&ann).unwrap();
    let mut bob = e.fields("Bob", "A", "2024-01-05");
    bob.owner = lin.clone();
    let bob = s.add_customer(&bob).unwrap();
    s.add_contact(&visit(ann, "2026-11-10"), None).unwrap();
    s.add_contact(&visit(bob, "2026-11-13"), None).unwrap();
    s.add_follow_up(bob, "send the quote", d("2026-11-21")).unwrap();

    let mine = Owners::one(&me);
    let lins = Owners::one(&lin);
    let names = |items: Vec<tierdesk::domain::due::DueItem>| {
        let mut n: Vec<String> = items.into_iter().map(|i| i.customer.name).collect();
        n.dedup();
        n
    };
    let scheme = s.scheme().unwrap().clone();
    let kinds = tierdesk::data::contact_kinds();
    let due = |o: &Owners| {
        tierdesk::app::agenda::due_items(&*s, &scheme, &kinds, tierdesk::i18n::Lang::En, query(0, false), o).unwrap()
    };
    assert_eq!(names(due(&mine)), ["Ann"]);
    assert_eq!(names(due(&lins)), ["Bob"], "Bob's cadence and his follow-up");
    assert_eq!(due(&lins).len(), 2);
    assert_eq!(due_list(&*s, query(0, false)).len(), 3, "everyone's");

    // Today's coverage panel counts the customers of the list beside it.
    let late = |o: &Owners| {
        s.coverage(d("2026-11-23"), o).unwrap().iter().map(|c| (c.tier.clone(), c.on_time, c.late)).collect::<Vec<_>>()
    };
    assert_eq!(late(&mine), [("A".to_string(), 0, 1)]);
    assert_eq!(late(&Owners::All), [("A".to_string(), 0, 2)]);
    assert_eq!(late(&Owners::one(&e.login("nobody"))), []);
    assert_eq!(s.count_customers(None, None, &mine).unwrap(), 1);
    assert_eq!(s.count_customers(Some("A"), None, &lins).unwrap(), 1);
    assert_eq!(s.count_customers(None, None, &Owners::All).unwrap(), 2);
    assert_eq!(s.count_customers(None, None, &Owners::one(&e.login("nobody"))).unwrap(), 0);
    let page = |o: Owners| {
        let q = ListQuery { limit: 10, owners: o, ..Default::default() };
        s.customer_rows(&q).unwrap().into_iter().map(|r| r.name).collect::<Vec<_>>()
    };
    assert_eq!(page(mine.clone()), ["Ann"]);
    assert_eq!(page(Owners::Only(vec![me.clone(), lin.clone()])).len(), 2);
    let q = ListQuery { limit: 10, owners: lins.clone(), ..Default::default() };
    assert_eq!(s.position_of(&q, ann).unwrap(), None, "Ann is not in Lin's list");
    assert_eq!(s.position_of(&q, bob).unwrap(), Some(0));

    let follow_ups = |o: &Owners| s.follow_up_rows(FollowUpFilter::Open, d("2026-11-23"), 10, o).unwrap().len();
    assert_eq!((follow_ups(&mine), follow_ups(&lins), follow_ups(&Owners::All)), (0, 1, 1));

    let found = |o: &Owners| s.search_entries(o).unwrap().into_iter().map(|e| e.name).collect::<Vec<_>>();
    assert_eq!(found(&mine), ["Ann"]);
    assert_eq!(found(&Owners::All).len(), 2);
}
