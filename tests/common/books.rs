//! One test, two engines: a book on a SQLite file or on PostgreSQL behind the same handle,
//! so a command-line test written once runs on both (issue 12: "every CLI test that makes
//! sense on both runs on both").
//!
//! The team book is set up as a branch would: its owner runs `team init` and adds the person
//! the test works as, a lead (as the first person of a solo book is). Each PostgreSQL test
//! has its own database and logins (`pg::start`), dropped at the end.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use tierdesk::clock::Clock;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;
use tierdesk::store::{Book, Store};

use tierdesk::domain::customer::CustomerId;

use crate::common::tierdesk_at;
use crate::pg::{PgRun, start};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The user of a book file's config.
pub const SOLO_USER: &str = "林晓";

/// A book for one test: a folder for its config and files, and the address `--db` takes.
pub struct TestBook {
    dir: tempfile::TempDir,
    db: String,
    pub engine: Engine,
    /// Who the test works as: the config's user of a book file, the login of a team book.
    person: String,
    /// Kept to the end of the test: dropping it drops the database and its logins.
    pg: Option<PgRun>,
}

impl TestBook {
    /// A new empty book, or `None` where no PostgreSQL answers (said loudly by `pg::start`).
    /// A book file is made by the first command that writes (the default tier scheme).
    pub fn new(engine: Engine) -> Option<TestBook> {
        Self::with_scheme(engine, None)
    }

    /// A new empty book with the tier scheme `scheme` (`init --scheme`, `team init --scheme`).
    pub fn with_scheme(engine: Engine, scheme: Option<&str>) -> Option<TestBook> {
        let dir = tempfile::tempdir().unwrap();
        match engine {
            Engine::Sqlite => {
                let db = dir.path().join("book.sqlite").to_str().unwrap().to_string();
                // The person signed in to a book file is the config's user.
                std::fs::create_dir_all(dir.path().join("config")).unwrap();
                std::fs::write(dir.path().join("config/config.toml"), format!("user = \"{SOLO_USER}\"\n")).unwrap();
                if let Some(scheme) = scheme {
                    tierdesk_at(dir.path(), &db).args(["init", "--scheme", scheme]).assert().success();
                }
                Some(TestBook { dir, db, engine, person: SOLO_USER.to_string(), pg: None })
            }
            Engine::Postgres => {
                let pg = start()?;
                let owner = pg.owner_url();
                let me = pg.login("me");
                let mut init = tierdesk_at(dir.path(), &owner);
                init.args(["team", "init"]);
                if let Some(scheme) = scheme {
                    init.args(["--scheme", scheme]);
                }
                init.assert().success();
                tierdesk_at(dir.path(), &owner)
                    .args(["team", "add-person", &me, "--name", "Me", "--role", "lead"])
                    .assert()
                    .success();
                let db = pg.url_as(&me);
                Some(TestBook { dir, db, engine, person: me, pg: Some(pg) })
            }
        }
    }

    /// Another new empty book of the same engine and the same person: on PostgreSQL a
    /// database of its own in which this book's login is a person too (one login may be a
    /// person of several team books). Drop it before this one: this one's run drops the login.
    pub fn sibling(&self) -> TestBook {
        if self.pg.is_none() {
            return TestBook::new(Engine::Sqlite).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let other = start().unwrap();
        let owner = other.owner_url();
        let me = self.person.clone();
        tierdesk_at(dir.path(), &owner).args(["team", "init"]).assert().success();
        tierdesk_at(dir.path(), &owner)
            .args(["team", "add-person", &me, "--name", "Me", "--role", "lead"])
            .assert()
            .success();
        let db = other.url_as(&me);
        TestBook { dir, db, engine: Engine::Postgres, person: me, pg: Some(other) }
    }

    /// The real binary on this book, as its person, English, today fixed at 2026-11-23.
    pub fn cmd(&self) -> assert_cmd::Command {
        tierdesk_at(self.dir.path(), &self.db)
    }

    /// The test's folder (config, files to import, exports).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The person the test works as: the config's user of a book file, the login of a team
    /// book.
    pub fn person(&self) -> String {
        self.person.clone()
    }

    /// The store itself, as the book's person, for checking what the commands wrote.
    pub fn open(&self) -> Box<dyn Book> {
        let clock = Clock::Fixed(crate::common::today());
        match self.engine {
            Engine::Sqlite => {
                let mut s = Store::open(Path::new(&self.db), clock, SOLO_USER).unwrap();
                // As the first command that writes would.
                s.init_scheme_if_missing("data/tiers/default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
                Box::new(s)
            }
            Engine::Postgres => Box::new(PgStore::open(&self.db, clock).unwrap()),
        }
    }

    /// The PostgreSQL run behind a team book.
    pub fn pg(&self) -> Option<&PgRun> {
        self.pg.as_ref()
    }
}

/// Each `fn name(book: &TestBook) { ... }` becomes a module `name` with two tests, `sqlite`
/// and `postgres`, each running the body on a new empty book of that engine; after
/// `scheme = "NAME";` the books are made with that tier scheme.
macro_rules! on_both_engines {
    ($($(#[$meta:meta])* fn $name:ident($book:ident: &TestBook) $body:block)*) => {
        on_both_engines! { scheme = None; $($(#[$meta])* fn $name($book: &TestBook) $body)* }
    };
    (scheme = $scheme:literal; $($(#[$meta:meta])* fn $name:ident($book:ident: &TestBook) $body:block)*) => {
        on_both_engines! { scheme = Some($scheme); $($(#[$meta])* fn $name($book: &TestBook) $body)* }
    };
    (scheme = $scheme:expr; $($(#[$meta:meta])* fn $name:ident($book:ident: &TestBook) $body:block)*) => {
        $(
            $(#[$meta])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                use crate::books::{Engine, TestBook};

                fn body($book: &TestBook) $body

                #[test]
                fn sqlite() {
                    body(&TestBook::with_scheme(Engine::Sqlite, $scheme).unwrap());
                }

                #[test]
                fn postgres() {
                    if let Some(book) = TestBook::with_scheme(Engine::Postgres, $scheme) {
                        body(&book);
                    }
                }
            }
        )*
    };
}

/// `common::fixture` on either engine: the same seven customers and five contacts, owned by
/// the book's person (on a team book only another lead could sign the top tier off, so there
/// those customers still wait for it); their ids in order.
pub fn fixture(b: &TestBook) -> Vec<CustomerId> {
    crate::common::fixture_into(&mut *b.open(), &b.person(), b.engine == Engine::Sqlite)
}
