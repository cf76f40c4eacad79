//! The seam an engine plugs into: how the suite gets a fresh book, a second connection to
//! it, and the engine's own shell (sqlite3, psql) to write to it as a person would by hand.
//! Everything else the suite does goes through the book's interface (`dyn Book`), as the
//! app does.
//!
//! A PostgreSQL engine joins with one `impl Engine` (its `new` makes a database and a role
//! with a run id in their names; its `Drop` drops them) and one line in `main.rs`.

use std::path::PathBuf;

use chrono::NaiveDate;
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// The day every suite book lives on (a Monday).
pub const TODAY: &str = "2026-11-23";

/// The user every suite book is opened as; `second_connection` takes its own.
pub const USER: &str = "tester";

/// A storage engine under test. One value is one book: made empty by `new`, gone on drop.
pub trait Engine: Sized {
    /// A new, empty book (nobody has opened it yet).
    fn new() -> Self;

    /// Open the book as `user` with today fixed at `TODAY` and the default tier scheme.
    fn connect(&self, user: &str) -> Box<dyn Book>;

    /// Run statements as the engine's own shell would, outside tierdesk: Err(the engine's
    /// words) when it refuses.
    fn sql(&self, statements: &str) -> Result<(), String>;

    /// `SELECT count(*) FROM table`, read outside tierdesk.
    fn count(&self, table: &str) -> i64;

    /// The book as tierdesk opens it for its user.
    fn fresh(&self) -> Box<dyn Book> {
        self.connect(USER)
    }

    /// Another program (another tierdesk) on the same book.
    fn second_connection(&self, user: &str) -> Box<dyn Book> {
        self.connect(user)
    }
}

/// The embedded default: a book file in a temporary folder.
pub struct Sqlite {
    dir: tempfile::TempDir,
}

impl Sqlite {
    fn path(&self) -> PathBuf {
        self.dir.path().join("book.sqlite")
    }

    fn shell(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path()).unwrap()
    }
}

impl Engine for Sqlite {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn connect(&self, user: &str) -> Box<dyn Book> {
        let mut s = Store::open(&self.path(), Clock::Fixed(d(TODAY)), user).unwrap();
        s.init_scheme_if_missing("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
        Box::new(s)
    }

    fn sql(&self, statements: &str) -> Result<(), String> {
        self.shell().execute_batch(statements).map_err(|e| e.to_string())
    }

    fn count(&self, table: &str) -> i64 {
        self.shell().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A customer's fields as a person would enter them.
pub fn fields(name: &str, tier: &str, created: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        company: format!("{name} Ltd"),
        tier: tier.into(),
        created_on: d(created),
        owner: "Lin".into(),
        ..Default::default()
    }
}
