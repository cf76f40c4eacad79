//! The seam an engine plugs into: how the suite gets a fresh book, a second connection to
//! it, and the engine's own shell (sqlite3, psql) to write to it as a person would by hand.
//! Everything else the suite does goes through the book's interface (`dyn Book`), as the
//! app does.
//!
//! The suite names people by short names ("tester", "colleague", "lin"): `Engine::login`
//! says which login a name is in the engine's book (SQLite: the name itself; PostgreSQL: a
//! login of the test run, `postgres.rs`).

use std::path::PathBuf;

#[path = "postgres.rs"]
mod postgres;
pub use postgres::Postgres;

use chrono::NaiveDate;
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::domain::people::{Person, Role};
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// The day every suite book lives on (a Monday).
pub const TODAY: &str = "2026-11-23";

/// The user every suite book is opened as; `second_connection` takes its own.
pub const USER: &str = "tester";

/// A storage engine under test. One value is one book: made empty by `new`, gone on drop.
pub trait Engine: Sized {
    /// A new, empty book (nobody has opened it yet); None when the engine cannot be reached
    /// here (said loudly; the test then passes without running).
    fn new() -> Option<Self>;

    /// Open the book as the person named `user` (made one on first use) with today fixed
    /// at `TODAY` and the default tier scheme.
    fn connect(&self, user: &str) -> Box<dyn Book>;

    /// The login the suite's short name `name` has in this book.
    fn login(&self, name: &str) -> String;

    /// `login(name)`, a person of the book by now (an owner must be one). SQLite: the
    /// book's triggers make every owner a person, nothing to do.
    fn person(&self, name: &str) -> String;

    /// Add a colleague as this engine's books get people (a test of `People::add_person`
    /// uses it where the book's user adds them; see `the_signed_in_person_and_colleagues_are_people`).
    fn add_colleague(&self, s: &mut dyn Book, login: &str, name: &str, role: Role, lead: Option<&str>) -> Person;

    /// The approver `user` signs a move into the top tier off as (`Tiers::approve_tier`):
    /// SQLite records the name typed, not verified; a team book's sign-off is real, as the
    /// connected person, so it takes only their own login (issue 12 point 5).
    fn approver(&self, user: &str, typed: &str) -> String;

    /// Whether the engine's date columns are typed: a date written by hand as text that is
    /// no date is refused by the engine itself (PostgreSQL), not stored (SQLite).
    fn typed_dates(&self) -> bool;

    /// Run statements as the engine's own shell would, outside tierdesk: Err(the engine's
    /// words) when it refuses.
    fn sql(&self, statements: &str) -> Result<(), String>;

    /// `SELECT count(*) FROM table`, read outside tierdesk.
    fn count(&self, table: &str) -> i64;

    /// The book as tierdesk opens it for its user.
    fn fresh(&self) -> Box<dyn Book> {
        self.connect(USER)
    }

    /// A customer's fields as a person would enter them, owned by the colleague Lin.
    fn fields(&self, name: &str, tier: &str, created: &str) -> CustomerFields {
        CustomerFields { owner: self.person("Lin"), ..fields(name, tier, created) }
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
    fn new() -> Option<Self> {
        Some(Self { dir: tempfile::tempdir().unwrap() })
    }

    fn connect(&self, user: &str) -> Box<dyn Book> {
        let mut s = Store::open(&self.path(), Clock::Fixed(d(TODAY)), user).unwrap();
        s.init_scheme_if_missing("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
        Box::new(s)
    }

    fn login(&self, name: &str) -> String {
        name.to_string()
    }

    fn person(&self, name: &str) -> String {
        name.to_string()
    }

    /// The signed-in person adds colleagues (for a hand-over), through the book.
    fn add_colleague(&self, s: &mut dyn Book, login: &str, name: &str, role: Role, lead: Option<&str>) -> Person {
        s.add_person(login, name, role, lead).unwrap()
    }

    fn approver(&self, _user: &str, typed: &str) -> String {
        typed.to_string()
    }

    fn typed_dates(&self) -> bool {
        false
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

/// A customer's fields as a person would enter them (owned by "Lin": see `Engine::fields`).
fn fields(name: &str, tier: &str, created: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        company: format!("{name} Ltd"),
        tier: tier.into(),
        created_on: d(created),
        owner: "Lin".into(),
        ..Default::default()
    }
}
