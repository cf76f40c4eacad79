//! The book: one SQLite file. The only module with SQL.
//!
//! `Store::open` creates the file (0600, folder 0700) before SQLite touches it, so the WAL
//! and shared-memory files inherit the mode; sets foreign keys, WAL, synchronous=FULL and a
//! busy timeout; refuses files that are not books or were written by a newer tierdesk; and
//! runs the pending migrations, each in its own transaction.

mod assessments;
mod audit;
mod backup;
mod before_last;
mod book;
mod contacts;
mod convert;
mod customer_list;
mod customers;
mod due;
mod due_assessments;
mod due_closed;
mod due_head;
mod due_rows;
mod export;
mod file;
mod first_book;
mod follow_up_transfer;
mod follow_ups;
mod history;
pub mod import;
mod indicators;
mod lenient;
mod meta;
pub mod migrations;
pub mod move_book;
mod new_customers;
mod notes;
mod paused_triggers;
mod payments;
mod people;
mod pool;
pub mod postgres;
mod products;
mod report;
mod schedules;
mod search_keys;
pub mod solo_copy;
mod staged_contacts;
mod tier_rows;
mod tiers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::clock::Clock;
use crate::domain::tier::{SchemeError, TierScheme};

pub use assessments::AssessmentError;
pub use before_last::solo_only;
pub use book::*;
pub use customer_list::{ListQuery, RiskCell, RiskCount, SortDir, SortKey};
pub use due::{DueInputs, TierCoverage};
pub use due_head::DueHead;
pub use export::{ExportedContact, ExportedCustomer};
pub use file::{APPLICATION_ID, NEW_BOOK_PAGE_SIZE, OpenNotice};
pub use follow_up_transfer::ExportedFollowUp;
pub use follow_ups::{FollowUpFilter, FollowUpRow};
pub use history::Undone;
pub(crate) use history::entity_of as history_entity_of;
pub use indicators::{Measurement, ReviewInputs};

/// The book's interface, to bring its methods into scope: `use crate::store::prelude::*;`.
pub mod prelude {
    pub use super::book::{
        Assessments, Backups, Book, Calendar, Contacts, CustomerList, Customers, CustomersImport, Exports, FollowUps,
        History, Imports, Indicators, Moves, Notes, Owners, Payments, People, Pool, Products, Reports, Schedule,
        Session, Tiers, Unreadable,
    };
}

/// Everything that can go wrong with the book, worded for the person using it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a tierdesk book (not an SQLite database)")]
    NotABook(PathBuf),
    #[error("{0} is an SQLite database of another program, not a tierdesk book; it was left untouched")]
    ForeignDatabase(PathBuf),
    #[error("{0} is not a regular file (a device, a pipe or a socket); give the path of a book file")]
    NotAFile(PathBuf),
    #[error("{0} is read-only; tierdesk needs to write to its book")]
    ReadOnly(PathBuf),
    #[error(
        "{path} was written by a newer tierdesk (schema {found}, this one knows up to {known}); upgrade tierdesk to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error("the book is busy: another program is writing to it; try again in a moment")]
    Busy,
    #[error("cannot open {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Scheme(#[from] SchemeError),
    #[error("the book already uses the \"{0}\" tier scheme; a book's scheme is chosen once, at init")]
    SchemeAlreadySet(String),
    #[error("reference \"{0}\" is already used by another customer")]
    DuplicateRef(String),
    #[error("no customer with id {0}")]
    NoSuchCustomer(i64),
    #[error("changed by {by} at {at} since you opened it")]
    ChangedSince { by: String, at: chrono::NaiveDateTime },
    #[error("no contact with id {0}")]
    NoSuchContact(i64),
    #[error("no follow-up with id {0}")]
    NoSuchFollowUp(i64),
    #[error("unknown tier \"{0}\"")]
    UnknownTier(String),
    #[error("a tier change needs a reason")]
    ReasonRequired,
    #[error("the customer is already in tier {0}")]
    SameTier(String),
    #[error("a sign-off needs the approver's name")]
    ApproverRequired,
    #[error("nothing awaits a sign-off for this customer")]
    NothingToApprove,
    #[error("{0} made this tier change; someone else must sign it off")]
    SelfApproval(String),
    #[error("{0:?}")]
    Person(crate::domain::people::PersonProblem),
    #[error("a book kept in memory cannot be opened a second time")]
    InMemory,
    #[error("cannot undo: a record it touched ({0:?}) was changed since, by someone else or another program")]
    UndoConflict(Option<crate::domain::audit::Entity>),
    /// Something the book holds is not as tierdesk writes it (an internal inconsistency).
    /// A date outside the book's rule (worded by the text layer: `i18n::dates`).
    #[error("{0:?}")]
    Date(crate::domain::dates::DateProblem),
    /// Rows whose stored dates cannot be read, where a write needs them (see `i18n::dates`).
    #[error("{0:?}")]
    Unreadable(Vec<crate::domain::dates::UnreadableDate>),
    #[error("the book is damaged: {0}")]
    Corrupt(String),
    /// SQLite found the file's pages damaged.
    #[error("the book is damaged and cannot be read safely; restore your latest backup")]
    Damaged,
    #[error("the disk is full; nothing was written")]
    Full,
    /// The disk failed under SQLite (SQLITE_IOERR): the OS's words.
    #[error("the disk failed while reading or writing the book ({0})")]
    Disk(String),
    /// A text column holds bytes that are not UTF-8 (another program wrote them).
    #[error("the book holds text that is not valid UTF-8")]
    BadText,
    /// The team book (PostgreSQL) refused or failed: its own line.
    #[error("{0}")]
    Team(crate::store::postgres::TeamError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A book document (`import all`) that cannot come in (worded by `i18n::move_texts`).
    #[error("{0:?}")]
    Move(move_book::MoveProblem),
    /// The team's pool refused (worded by `i18n::pool_texts`).
    #[error("{0:?}")]
    Pool(crate::domain::pool::PoolProblem),
    /// Writing an export (`export all`) failed: the system's words.
    #[error("cannot write the export: {0}")]
    Output(std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if convert::is_bad_text(&e) {
            return StoreError::BadText;
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::NotABook(PathBuf::new()),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(PathBuf::new()),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged,
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::SystemIoFailure) => StoreError::Disk(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a write waits for another process's write to finish before saying "busy".
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// An open book.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    scheme: Option<TierScheme>,
    clock: Clock,
    user: String,
    /// The changes made through this connection; `undo_last` undoes only these.
    session: String,
    /// What opening the book did that its user should hear about.
    notice: Option<OpenNotice>,
    /// Rows skipped by the readers for a date they could not read (see `lenient.rs`).
    unreadable: lenient::Sink,
}

impl Session for Store {
    fn settle_scheme(&mut self, file: &str, text: &str) -> Result<TierScheme> {
        let wanted = TierScheme::parse(file, text)?;
        wanted.check_kinds(file, &crate::data::contact_kinds().codes())?;
        if self.scheme.is_none() {
            let tx = self.tx()?;
            let chosen = match meta::load_scheme(&tx)? {
                Some(stored) => {
                    // Rolled back: nothing to write.
                    drop(tx);
                    stored
                }
                None => {
                    meta::save_scheme(&tx, file, text)?;
                    tx.commit()?;
                    wanted.clone()
                }
            };
            self.scheme = Some(chosen);
        }
        Ok(wanted)
    }

    fn label(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            None => String::from(":memory:"),
        }
    }

    fn open_another(&self) -> Result<Box<dyn Book>> {
        let path = self.path.as_deref().ok_or(StoreError::InMemory)?;
        let mut other = Store::open(path, self.clock, &self.user)?;
        other.join_session(&self.session)?;
        Ok(Box::new(other))
    }

    fn clock(&self) -> Clock {
        self.clock
    }

    fn user(&self) -> &str {
        &self.user
    }

    fn scheme(&self) -> Option<&TierScheme> {
        self.scheme.as_ref()
    }

    fn notice(&self) -> Option<&OpenNotice> {
        self.notice.as_ref()
    }

    fn session(&self) -> &str {
        &self.session
    }

    fn join_session(&mut self, session: &str) -> Result<()> {
        audit::set_session(&self.conn, session)?;
        self.session = session.to_string();
        Ok(())
    }

    fn set_audit(&mut self, on: bool) -> Result<()> {
        audit::set_enabled(&self.conn, on)
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    fn set_busy_timeout(&mut self, wait: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    fn busy_timeout_ms(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?)
    }

    fn read_for_browsing(&mut self) -> Result<()> {
        if self.path.is_some() {
            self.conn.query_row("PRAGMA mmap_size = 268435456", [], |_| Ok(()))?;
        }
        Ok(())
    }

    fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

impl Store {
    /// The book's file (none for a book in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Open (creating if missing) the book at `path`. A file that is not one of our books
    /// is refused before anything is written to it.
    pub fn open(path: &Path, clock: Clock, user: &str) -> Result<Self> {
        let notice = file::prepare(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| name_path(e.into(), path))?;
        let mut store = Self {
            conn,
            path: Some(path.to_path_buf()),
            scheme: None,
            clock,
            user: user.to_string(),
            session: new_session(),
            notice,
            unreadable: Default::default(),
        };
        store.setup().map_err(|e| name_path(e, path))?;
        Ok(store)
    }

    /// A private book in memory, for tests.
    pub fn open_in_memory(clock: Clock, user: &str) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut store = Self {
            conn,
            path: None,
            scheme: None,
            clock,
            user: user.to_string(),
            session: new_session(),
            notice: None,
            unreadable: Default::default(),
        };
        store.setup()?;
        Ok(store)
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_WAIT)?;
        // Reading the schema first turns "not a database" into a clear error before any write.
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        file::size_new_pages(&self.conn)?;
        if self.path.is_some() {
            let mode = file::switch_to_wal(&self.conn)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Corrupt(format!("cannot switch the journal to WAL (got {mode})")));
            }
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?; // a commit is well under 1 ms
        // A 64 MiB page cache; no memory map but for browsing (`read_for_browsing`): its faults
        // mapped the file's neighbours too (`due` counted 85 MB of the file, 20 without).
        self.conn.pragma_update(None, "cache_size", -65536)?;
        // Statement journals and temp tables in memory, not in a temp file (the journal's
        // writes were 30% of `import all` of a million contacts). Set before the session's
        // temp tables exist (`audit::install`): changing it later drops them.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrations::migrate(&mut self.conn, self.path.as_deref())?;
        file::stamp(&self.conn)?;
        audit::install(&self.conn, &self.user, &self.session)?;
        people::ensure(&self.conn, &self.user, &convert::datetime_text(self.clock.now()))?;
        self.scheme = meta::load_scheme(&self.conn)?;
        Ok(())
    }

    /// A write transaction that takes the write lock up front (`BEGIN IMMEDIATE`): a deferred
    /// one that reads then writes fails at once if another process committed in between.
    /// Each one is one change in the audit log.
    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        let now = convert::datetime_text(self.clock.now());
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::install_triggers(&tx)?;
        audit::begin_change(&tx, &now)?;
        Ok(tx)
    }
}

use file::name_path;

fn new_session() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
#[path = "errors_tests.rs"]
mod errors_tests;
#[cfg(test)]
pub(crate) mod shared_tests;
