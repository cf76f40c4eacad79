//! The book's interface: what the application asks of a storage engine, grouped by use
//! case. The SQLite engine (`Store`) implements it now; a second engine (PostgreSQL)
//! implements the same traits, and the faces hold a `Box<dyn Book>` without knowing which.
//! The behaviour behind these signatures is pinned by the conformance suite in
//! `tests/conformance/`, run against every engine.
//!
//! Callers bring the traits into scope with `use crate::store::prelude::*;`.

mod calendar;
mod moves;
mod notes;
mod payments;
mod people;
mod pool;
mod products;
mod records;
mod transfer;
mod work;

pub use calendar::{Calendar, ClosedInputs};
pub use moves::Moves;
pub use notes::Notes;
pub use payments::Payments;
pub use people::{Owners, People};
pub use pool::{Claimed, ESCALATED_AT_MOST, EscalatedRow, OwnershipRow, Pool, PoolEntry, PoolTally, Swept};
pub use products::{Products, ProductsWritten};
pub(crate) use records::FORM_COLUMNS;
pub use records::{Contacts, CustomerList, Customers, FollowUps, Seen};
pub use transfer::{CustomersImport, Exports, Imports, export_contacts_until, export_follow_ups_until};
pub use work::{Assessments, History, Indicators, Reports, Schedule, Tiers};

use std::path::Path;
use std::time::Duration;

use super::{OpenNotice, Result, StoreError};
use crate::clock::Clock;
use crate::domain::dates::UnreadableDate;
use crate::domain::tier::TierScheme;

/// The parts listed once: `Book` requires every one, and whatever has every one is a `Book`.
macro_rules! book_of {
    ($($part:ident),+) => {
        /// An open book, whatever engine keeps it: every use case's part together.
        pub trait Book: $($part +)+ Send {}

        impl<T: $($part +)+ Send> Book for T {}
    };
}

book_of!(
    Session,
    People,
    Customers,
    CustomerList,
    Contacts,
    FollowUps,
    Notes,
    Products,
    Payments,
    Pool,
    Schedule,
    Tiers,
    Assessments,
    Indicators,
    History,
    Imports,
    Exports,
    Moves,
    Reports,
    Backups,
    Unreadable,
    Calendar
);

/// The open book itself: who is signed in, its scheme, its session (what undo may take back), and how it waits for other writers.
pub trait Session {
    /// A short name for the book, for the top bar: the file's name, or the database's.
    fn label(&self) -> String;

    /// A second connection to the same book, writing in this one's session (so that undo here
    /// takes back what it wrote): for work done on another thread, such as a large import.
    fn open_another(&self) -> Result<Box<dyn Book>>;

    fn clock(&self) -> Clock;

    /// Write from now on under `session` (what `undo_last` takes back from): another
    /// connection's, or the person's command-line session, which `tierdesk undo` walks back.
    fn join_session(&mut self, session: &str) -> Result<()>;

    fn user(&self) -> &str;

    /// The book's tier scheme; set once by `init_scheme`.
    fn scheme(&self) -> Option<&TierScheme>;

    /// The scheme, or an error for a book that has none yet (should not happen once opened
    /// through the app, which gives a fresh book the default scheme).
    fn require_scheme(&self) -> Result<&TierScheme> {
        self.scheme().ok_or_else(|| StoreError::Corrupt("the book has no tier scheme".into()))
    }

    /// What opening the book did that its user should be told (once: it is not done again).
    fn notice(&self) -> Option<&OpenNotice>;

    /// Record the book's tier scheme (from `file`, the TOML `text`). A book's scheme is
    /// chosen once; asking again for the same scheme is a no-op, for another one an error
    /// (also when another process chose it since this book was opened).
    fn init_scheme(&mut self, file: &str, text: &str) -> Result<&TierScheme> {
        let wanted = self.settle_scheme(file, text)?;
        let existing = self.require_scheme()?;
        if existing.id != wanted.id {
            return Err(StoreError::SchemeAlreadySet(existing.id.clone()));
        }
        Ok(existing)
    }

    /// Give a book that has no scheme yet this one; a book that has one (chosen by another
    /// process meanwhile, say by `init --scheme`) keeps its own.
    fn init_scheme_if_missing(&mut self, file: &str, text: &str) -> Result<&TierScheme> {
        self.settle_scheme(file, text)?;
        self.require_scheme()
    }

    /// Parse the scheme asked for and, if the book has none, store it: decided where two
    /// programs opening a new book at once cannot both think they chose it (under the write
    /// lock). Returns the scheme asked for; `scheme()` is the book's from then on.
    fn settle_scheme(&mut self, file: &str, text: &str) -> Result<TierScheme>;

    /// This connection's session: the changes `undo_last` may undo.
    fn session(&self) -> &str;

    /// Stop (or resume) keeping the audit log on this connection: only for generating demo
    /// and benchmark books, which no person wrote.
    fn set_audit(&mut self, on: bool) -> Result<()>;

    /// A number that changes whenever another connection (another tierdesk, sqlite3) commits
    /// to the book; this connection's own commits leave it alone. Cheap: no table is read.
    fn data_version(&self) -> Result<i64>;

    /// How long a write waits for another program's write lock before giving up as Busy.
    /// The CLI waits long (a script should not fail on a brief overlap); the TUI waits
    /// briefly, so that its screen never freezes.
    fn set_busy_timeout(&mut self, wait: Duration) -> Result<()>;

    /// Reads to come are many small ones here and there over a session (the TUI), not one
    /// pass over most rows (a command): a book file then reads through a memory map (no call
    /// into the kernel per page: the first frame of a 1,000,000-customer book read 6,000
    /// pages). A team book has nothing to change.
    fn read_for_browsing(&mut self) -> Result<()>;

    /// The current wait for a held write lock, in milliseconds.
    fn busy_timeout_ms(&self) -> Result<i64>;

    /// The schema version of the open book.
    fn schema_version(&self) -> Result<i64>;
}

/// A consistent copy of the whole book.
pub trait Backups {
    /// Copy the book to `dest` (mode 0600), replacing a file already there. Callers decide
    /// whether replacing is allowed; the book itself is never a valid `dest`. A failed copy
    /// leaves nothing behind.
    fn backup_to(&self, dest: &Path) -> Result<()>;
}

/// Rows the readers skipped for a value they could not read (a damaged book still answers).
pub trait Unreadable {
    /// The rows skipped since the last call because their date could not be read, each
    /// named once; empty for a sound book.
    fn take_unreadable(&self) -> Vec<UnreadableDate>;
}
