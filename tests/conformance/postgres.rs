//! The team book as an engine of the suite: a database of its own on the test server
//! (tests/common/pg.rs: named with a run id, dropped with its roles after the test), set up
//! with `team init` by its owner, opened as the suite's people through their own logins.
//!
//! A short name of the suite ("tester", "colleague", "lin") is the login `<run id>_<name>`
//! (lower case: a login is). Whoever opens the book is made a person on first use, as an
//! admin: the suite's two-connection tests have a colleague read and write the customers of
//! another, which a team book lets only an admin (or a lead, for their team) do. The book's
//! owner adds them, as `team add-person` does: adding a person makes a login, which the
//! people's own logins may not (the people tests show the database refusing it).

use std::cell::RefCell;
use std::collections::HashSet;

use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::people::{Person, Role};
use tierdesk::store::StoreError;
use tierdesk::store::postgres::team::TeamBook;
use tierdesk::store::postgres::{PgStore, TeamError};
use tierdesk::store::prelude::*;

use crate::engine::{Engine, TODAY, USER, d};
use crate::pg::{PgRun, start};

/// One team book on the test server.
pub struct Postgres {
    // Dropped last: the connections of `owner` go first.
    owner: RefCell<TeamBook>,
    /// Logins known to be people (not asked of the database again).
    people: RefCell<HashSet<String>>,
    pg: PgRun,
}

impl Postgres {
    /// Add `login` as a person through the book's owner (`team add-person`'s path).
    fn add_as_owner(&self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Person {
        let person = self.owner.borrow_mut().add_person(login, name, role, lead).unwrap();
        self.people.borrow_mut().insert(login.to_string());
        person
    }
}

impl Engine for Postgres {
    fn new() -> Option<Self> {
        let pg = start()?;
        let mut owner = TeamBook::connect(&pg.owner_url()).unwrap();
        owner.init().unwrap();
        Some(Self { owner: RefCell::new(owner), people: RefCell::default(), pg })
    }

    /// As the person `user` (an admin, made one on first use). The scheme is recorded by
    /// the first to open the book: an admin may write the book's settings.
    fn connect(&self, user: &str) -> Box<dyn Book> {
        let login = self.person(user);
        let mut s = PgStore::open(&self.pg.url_as(&login), Clock::Fixed(d(TODAY))).unwrap();
        s.init_scheme_if_missing("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
        Box::new(s)
    }

    fn login(&self, name: &str) -> String {
        self.pg.login(&name.to_lowercase())
    }

    fn person(&self, name: &str) -> String {
        let login = self.login(name);
        if self.people.borrow().contains(&login) {
            return login;
        }
        let known = self.owner.borrow_mut().people().unwrap().iter().any(|p| p.login == login);
        if known {
            self.people.borrow_mut().insert(login.clone());
        } else {
            self.add_as_owner(&login, name, Role::Admin, None);
        }
        login
    }

    /// A team book's person is a login, which only a role allowed to create roles may make
    /// (the book's owner, `team add-person`). The book's user is a person who may not: the
    /// database refuses them, with nothing made; the owner adds the colleague.
    fn add_colleague(&self, s: &mut dyn Book, login: &str, name: &str, role: Role, lead: Option<&str>) -> Person {
        let refused = s.add_person(login, name, role, lead);
        assert!(matches!(refused, Err(StoreError::Team(TeamError::PermissionDenied(_)))), "{refused:?}");
        assert!(!s.people().unwrap().iter().any(|p| p.login == login), "nothing made");
        self.add_as_owner(login, name, role, lead)
    }

    fn approver(&self, user: &str, _typed: &str) -> String {
        self.login(user)
    }

    fn typed_dates(&self) -> bool {
        true
    }

    /// As the suite's user in psql: a person of the book (an admin), not its owner (who
    /// passes row-level security by and owns the tables).
    fn sql(&self, statements: &str) -> Result<(), String> {
        let login = self.person(USER);
        self.pg.connect_as(&login).batch_execute(statements).map_err(|e| match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        })
    }

    /// Every row, as the database's owner counts them (no policy applies to the owner).
    fn count(&self, table: &str) -> i64 {
        self.pg.connect_as(&self.pg.owner).query_one(&format!("SELECT count(*) FROM {table}"), &[]).unwrap().get(0)
    }
}
