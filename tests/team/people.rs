//! Setting a team book up and adding people: schema versions, hostile names, strangers.
#![allow(clippy::unwrap_used)]

use tierdesk::store::postgres::schema;
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::postgres::{Groups, TeamError};

use crate::access::count;
use crate::pg::start;

#[test]
fn init_twice_is_harmless_and_names_the_groups_after_the_database() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    let first = book.init().unwrap();
    assert_eq!((first.from, first.to), (0, schema::latest()));
    assert_eq!(first.groups, Groups::for_database(&pg.db));
    let again = book.init().unwrap();
    assert_eq!((again.from, again.to), (schema::latest(), schema::latest()));
    assert!(book.people().unwrap().is_empty());
}

#[test]
fn a_newer_schema_is_refused_before_anything_is_written() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let b = pg.login("b");
    book.add_person(&b, "Bai", Role::Manager, None).unwrap();
    let future = schema::latest() as i32 + 1;
    book.client()
        .execute("INSERT INTO schema_migrations (version, why) VALUES ($1, 'from the future')", &[&future])
        .unwrap();
    let known = schema::latest();
    match book.init() {
        Err(TeamError::NewerSchema { found, known: k }) => assert_eq!((found, k), (known + 1, known)),
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(matches!(TeamBook::open(&pg.url_as(&b)), Err(TeamError::NewerSchema { .. })));
}

#[test]
fn a_hostile_login_is_refused_and_nothing_is_made() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let hostile = "x\"; drop table customers; --";
    assert!(matches!(book.add_person(hostile, "X", Role::Manager, None), Err(TeamError::BadLogin(_))));
    assert_eq!(count(book.client(), "SELECT count(*) FROM customers"), 0);
    assert_eq!(count(book.client(), "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'x%drop%'"), 0);
    assert!(matches!(book.add_person("", "X", Role::Manager, None), Err(TeamError::BadLogin(_))));
}

#[test]
fn people_are_added_with_their_team_and_refused_when_wrong() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    book.add_person(&lead, "Lead", Role::Lead, None).unwrap();
    book.add_person(&b, "Bai", Role::Manager, Some(&lead)).unwrap();
    assert!(matches!(book.add_person(&b, "Bai", Role::Manager, None), Err(TeamError::AlreadyPerson(_))));
    assert!(matches!(book.add_person(&c, "Chen", Role::Manager, Some(&b)), Err(TeamError::NotALead(_))));
    assert!(matches!(book.add_person(&c, "Chen", Role::Lead, Some(&lead)), Err(TeamError::LeadForNonManager)));
    assert!(matches!(book.add_person(&c, "  ", Role::Manager, None), Err(TeamError::EmptyName)));
    // A refused add leaves no login behind.
    assert_eq!(count(book.client(), &format!("SELECT count(*) FROM pg_roles WHERE rolname = '{c}'")), 0);
    let people = book.people().unwrap();
    assert_eq!(people.iter().map(|p| p.login.as_str()).collect::<Vec<_>>(), [b.as_str(), lead.as_str()]);
    let mut as_b = TeamBook::open(&pg.url_as(&b)).unwrap();
    let me = as_b.me().unwrap();
    assert_eq!((me.role, me.lead.as_deref()), (Role::Manager, Some(lead.as_str())));
}

#[test]
fn a_login_that_is_not_a_person_is_told_so() {
    let Some(pg) = start() else { return };
    TeamBook::connect(&pg.owner_url()).unwrap().init().unwrap();
    let stranger = pg.create_login("stranger");
    match TeamBook::open(&pg.url_as(&stranger)) {
        Err(TeamError::NotAPerson { login }) => assert_eq!(login, stranger),
        Err(e) => panic!("expected NotAPerson, got {e:?}"),
        Ok(_) => panic!("a stranger got in"),
    }
    // The database's owner gets in, but is no person either.
    let mut owner = TeamBook::open(&pg.owner_url()).unwrap();
    assert!(matches!(owner.me(), Err(TeamError::NotAPerson { .. })));
    // A login the server does not know is a failed login.
    let missing = pg.url_as(&pg.login("nobody"));
    assert!(matches!(TeamBook::open(&missing), Err(TeamError::AuthFailed { .. })));
}

#[test]
fn an_existing_login_joins_and_a_group_or_superuser_cannot() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    let groups = book.init().unwrap().groups;
    let known = pg.create_login("known");
    book.add_person(&known, "Known", Role::Admin, None).unwrap();
    assert_eq!(TeamBook::open(&pg.url_as(&known)).unwrap().me().unwrap().role, Role::Admin);
    assert!(matches!(book.add_person(&groups.lead, "G", Role::Manager, None), Err(TeamError::ReservedLogin(_))));
    assert!(matches!(book.add_person("postgres", "P", Role::Manager, None), Err(TeamError::ReservedLogin(_))));
}

#[test]
fn a_person_cannot_set_up_the_book_nor_add_people() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let b = pg.login("b");
    book.add_person(&b, "Bai", Role::Admin, None).unwrap();
    let mut as_b = TeamBook::open(&pg.url_as(&b)).unwrap();
    assert!(matches!(as_b.init(), Err(TeamError::PermissionDenied(_))), "{:?}", as_b.init());
    let c = pg.login("c");
    assert!(matches!(as_b.add_person(&c, "Chen", Role::Manager, None), Err(TeamError::PermissionDenied(_))));
}

#[test]
fn a_connection_lost_midway_is_told_as_such() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let killed: bool = pg
        .admin()
        .query_one("SELECT bool_and(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1", &[&pg.owner])
        .unwrap()
        .get(0);
    assert!(killed);
    match book.people() {
        Err(TeamError::Lost) => {}
        other => panic!("expected Lost, got {other:?}"),
    }
}

#[test]
fn two_inits_at_once_both_succeed_and_set_the_book_up_once() {
    let Some(pg) = start() else { return };
    let url = pg.owner_url();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || TeamBook::connect(&url).and_then(|mut b| b.init()))
        })
        .collect();
    for run in runs {
        assert_eq!(run.join().unwrap().unwrap().to, schema::latest());
    }
    let mut book = TeamBook::connect(&url).unwrap();
    assert_eq!(count(book.client(), "SELECT count(*) FROM schema_migrations"), schema::latest());
}
