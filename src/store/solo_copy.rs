//! A solo book opened to be read whole elsewhere (`team import-book`): never written to.
//!
//! The person's file is checked as the normal open path checks it (a missing file, a folder,
//! not a book, another program's database, a newer tierdesk's book: refused, naming the
//! file), then copied with SQLite's backup (which reads a book in WAL mode as committed) into
//! a private temporary folder. The copy is opened through `Store::open`, so an older book is
//! migrated in the copy, never in the person's file; the reader then gets the migrated copy
//! read-only. The copy goes with the `SoloCopy`.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::{Result, Store, StoreError, file, name_path};
use crate::clock::Clock;

/// A migrated, private, read-only copy of a solo book.
pub struct SoloCopy {
    conn: Connection,
    /// Removed (with the copy) when this is dropped.
    _dir: tempfile::TempDir,
}

impl SoloCopy {
    /// Check, copy and migrate the book at `path`.
    pub fn open(path: &Path, clock: Clock) -> Result<Self> {
        file::check_to_read(path)?;
        let dir = tempfile::tempdir().map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
        let copy = dir.path().join("book.sqlite");
        let source = file::open_read_only(path).map_err(|e| name_path(e.into(), path))?;
        source.backup(MAIN_DB, &copy, None::<fn(rusqlite::backup::Progress)>).map_err(|e| name_path(e.into(), path))?;
        drop(source);
        // The normal open path, on the copy: migrations, the file's stamp, the scheme's check.
        drop(Store::open(&copy, clock, "import-book").map_err(|e| name_path(e, path))?);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&copy, flags)?;
        Ok(Self { conn, _dir: dir })
    }

    /// The copy, read-only.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The columns of one of the copy's tables, in order.
    pub fn columns(&self, table: &str) -> Result<Vec<String>> {
        super::audit::columns(&self.conn, table)
    }
}
