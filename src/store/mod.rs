//! The book: one SQLite file. The only module with SQL.
//!
//! `Store::open` creates the file (0600, folder 0700) before SQLite touches it, so the WAL
//! and shared-memory files inherit the mode; sets foreign keys, WAL, synchronous=FULL and a
//! busy timeout; refuses files that are not books or were written by a newer tierdesk; and
//! runs the pending migrations, each in its own transaction.

mod assessments;
mod audit;
mod backup;
mod contacts;
mod convert;
mod customers;
mod due;
mod history;
pub mod import;
mod indicators;
mod meta;
pub mod migrations;
mod report;
mod tiers;

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::clock::Clock;
use crate::domain::tier::{SchemeError, TierScheme};

pub use assessments::AssessmentError;
pub use customers::{ListQuery, RiskCell, RiskCount, SortDir, SortKey};
pub use due::{DueInputs, FollowUpFilter, FollowUpRow, TierCoverage};
pub use history::Undone;
pub use indicators::{Measurement, ReviewInputs};

/// Everything that can go wrong with the book, worded for the person using it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a tierdesk book (not an SQLite database)")]
    NotABook(PathBuf),
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
    #[error("cannot undo: {0}")]
    UndoConflict(String),
    #[error("{0}")]
    Indicator(String),
    #[error("the book is damaged: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::NotABook(PathBuf::new()),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(PathBuf::new()),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open book.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    scheme: Option<TierScheme>,
    clock: Clock,
    user: String,
    /// The changes made through this connection; `undo_last` undoes only these.
    session: String,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open (creating if missing) the book at `path`.
    pub fn open(path: &Path, clock: Clock, user: &str) -> Result<Self> {
        prepare_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| name_path(e.into(), path))?;
        let mut store = Self {
            conn,
            path: Some(path.to_path_buf()),
            scheme: None,
            clock,
            user: user.to_string(),
            session: new_session(),
        };
        store.setup().map_err(|e| name_path(e, path))?;
        Ok(store)
    }

    /// A private book in memory, for tests.
    pub fn open_in_memory(clock: Clock, user: &str) -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut store = Self { conn, path: None, scheme: None, clock, user: user.to_string(), session: new_session() };
        store.setup()?;
        Ok(store)
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // Reading the schema first turns "not a database" into a clear error before any write.
        self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if self.path.is_some() {
            let mode: String = self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Corrupt(format!("cannot switch the journal to WAL (got {mode})")));
            }
        }
        // Every write is a person typing; a commit costs well under a millisecond.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Reads of a large book go through memory maps and a 64 MiB page cache: the daily
        // list touches tens of thousands of rows at once.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        if self.path.is_some() {
            let _: i64 = self.conn.query_row("PRAGMA mmap_size = 268435456", [], |r| r.get(0))?;
        }
        migrations::migrate(&mut self.conn, self.path.as_deref())?;
        audit::install(&self.conn, &self.user, &self.session)?;
        self.scheme = meta::load_scheme(&self.conn)?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The book's tier scheme; set once by `init_scheme`.
    pub fn scheme(&self) -> Option<&TierScheme> {
        self.scheme.as_ref()
    }

    /// The scheme, or an error for a book that has none yet (should not happen once opened
    /// through the CLI, which initialises a fresh book).
    pub(crate) fn require_scheme(&self) -> Result<&TierScheme> {
        self.scheme.as_ref().ok_or_else(|| StoreError::Corrupt("the book has no tier scheme".into()))
    }

    /// Record the book's tier scheme (from `file`, the TOML `text`). A book's scheme is
    /// chosen once; asking again for the same scheme is a no-op.
    pub fn init_scheme(&mut self, file: &str, text: &str) -> Result<&TierScheme> {
        let scheme = TierScheme::parse(file, text)?;
        scheme.check_kinds(file, &crate::data::contact_kinds().codes())?;
        if let Some(existing_id) = self.scheme.as_ref().map(|s| s.id.clone()) {
            if existing_id != scheme.id {
                return Err(StoreError::SchemeAlreadySet(existing_id));
            }
            return self.require_scheme();
        }
        let tx = self.tx()?;
        meta::save_scheme(&tx, file, text)?;
        tx.commit()?;
        self.scheme = Some(scheme);
        self.require_scheme()
    }

    /// A write transaction that takes the write lock up front (`BEGIN IMMEDIATE`): a deferred
    /// one that reads then writes fails at once if another process committed in between.
    /// Each one is one change in the audit log.
    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        let now = convert::datetime_text(self.clock.now());
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::begin_change(&tx, &now)?;
        Ok(tx)
    }

    /// This connection's session: the changes `undo_last` may undo.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// Write as part of another connection's session (the app's background import), so that
    /// the app's undo can take it back.
    pub fn join_session(&mut self, session: &str) -> Result<()> {
        audit::set_session(&self.conn, session)?;
        self.session = session.to_string();
        Ok(())
    }

    /// Stop (or resume) keeping the audit log on this connection: only for generating demo
    /// and benchmark books, which no person wrote.
    pub fn set_audit(&mut self, on: bool) -> Result<()> {
        audit::set_enabled(&self.conn, on)
    }

    /// The schema version of the open book.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn new_session() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Put the file's path into errors that were raised without it.
fn name_path(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::NotABook(p) if p.as_os_str().is_empty() => StoreError::NotABook(path.to_path_buf()),
        StoreError::ReadOnly(p) if p.as_os_str().is_empty() => StoreError::ReadOnly(path.to_path_buf()),
        StoreError::Sqlite(inner) if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            StoreError::Io { path: path.to_path_buf(), source: std::io::Error::other(inner.to_string()) }
        }
        other => other,
    }
}

/// Create a missing book file (mode 0600, folder 0700) and check an existing one before
/// SQLite opens it: a directory, a non-SQLite file or a read-only file gets a clear error.
fn prepare_file(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    match std::fs::metadata(path) {
        Ok(meta) => {
            if meta.is_dir() {
                return Err(io(std::io::Error::other("it is a folder, not a file")));
            }
            let mut file = match OpenOptions::new().read(true).write(true).open(path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    return Err(StoreError::ReadOnly(path.to_path_buf()));
                }
                Err(e) => return Err(io(e)),
            };
            let mut head = [0u8; 16];
            let n = file.read(&mut head).map_err(io)?;
            // An empty file is a book not yet written (we may have created it ourselves).
            if n > 0 && (n < 16 || &head != SQLITE_MAGIC) {
                return Err(StoreError::NotABook(path.to_path_buf()));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_private_dir(dir).map_err(io)?;
            }
            create_private_file(path).map_err(io)
        }
        Err(e) => Err(io(e)),
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.exists() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        // Another tierdesk created it a moment ago: fine, it is the same book.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    OpenOptions::new().write(true).create(true).open(path).map(|_| ())
}
