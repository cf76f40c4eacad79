//! The book's file before SQLite opens it for writing: only our own files are written to.
//!
//! A missing file is created private (0600, folder 0700); an empty one is a book not yet
//! written. Anything else is looked at read-only first: a path that is not a regular file,
//! a file that is not SQLite, another program's SQLite database and a book from a newer
//! tierdesk are refused before a single byte (journal mode, pragma, table) is written. A
//! book readable by others is made private, and the caller is told so.

use std::fs::{Metadata, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::migrations;
use super::{Result, StoreError};

/// Written into every book's header (`PRAGMA application_id`): "TDSK". Books made before it
/// was set carry 0 and are known by their tables instead.
pub const APPLICATION_ID: i64 = 0x5444_534B;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Something the person opening the book should be told once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenNotice {
    /// The book (and its -wal/-shm files) could be read by others; it is now 0600.
    MadePrivate { path: PathBuf, was: u32 },
}

/// Check the file at `path` (creating a missing one) and make an existing book private.
pub(super) fn prepare(path: &Path) -> Result<Option<OpenNotice>> {
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    match std::fs::metadata(path) {
        Ok(meta) => {
            check_kind(path, &meta)?;
            if meta.len() > 0 {
                check_contents(path)?;
            }
            check_writable(path)?;
            Ok(make_private(path, &meta))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_private_dir(dir).map_err(io)?;
            }
            create_private_file(path).map_err(io)?;
            Ok(None)
        }
        Err(e) => Err(io(e)),
    }
}

/// Check an existing file that is only to be read (a book brought into a team book): a
/// missing or empty file, a folder, a device, a file that is not SQLite, another program's
/// database and a book from a newer tierdesk are refused, and nothing is created or written.
pub(super) fn check_to_read(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    check_kind(path, &meta)?;
    if meta.len() == 0 {
        return Err(StoreError::NotABook(path.to_path_buf()));
    }
    check_contents(path)
}

/// A read-only connection to the book at `path` that writes nothing beside it (see
/// `look_inside`: immutable when no `-wal` file is there).
pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let immutable = !sibling(path, "-wal").exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(file_uri(path, immutable), flags)
}

/// Only a regular file can hold a book: opening a pipe would wait forever, a device would
/// swallow the writes.
fn check_kind(path: &Path, meta: &Metadata) -> Result<()> {
    if meta.is_dir() {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("it is a folder, not a file"),
        });
    }
    if !meta.is_file() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    Ok(())
}

fn check_writable(path: &Path) -> Result<()> {
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(StoreError::ReadOnly(path.to_path_buf())),
        Err(e) => Err(StoreError::Io { path: path.to_path_buf(), source: e }),
    }
}

/// What a look inside an SQLite file found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inside {
    application_id: i64,
    user_version: i64,
    tables: Vec<String>,
}

/// Refuse a non-empty file unless it is one of our books (or an SQLite file holding nothing
/// at all: a book whose creation another tierdesk has only just begun).
fn check_contents(path: &Path) -> Result<()> {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotABook(path.to_path_buf()));
    }
    let inside = look_inside(path).map_err(|e| name_path(e.into(), path))?;
    judge(&inside, path)
}

fn judge(inside: &Inside, path: &Path) -> Result<()> {
    let known = inside.application_id == APPLICATION_ID;
    let blank = inside.application_id == 0 && inside.user_version == 0 && inside.tables.is_empty();
    let old_book = inside.application_id == 0
        && inside.user_version > 0
        && ["book_meta", "customers"].iter().all(|t| inside.tables.iter().any(|have| have == t));
    if blank {
        return Ok(());
    }
    if !known && !old_book {
        return Err(StoreError::ForeignDatabase(path.to_path_buf()));
    }
    if inside.user_version > migrations::latest() {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: inside.user_version,
            known: migrations::latest(),
        });
    }
    Ok(())
}

/// Read the header fields and the table names without writing. With no `-wal` file beside
/// it the main file holds everything, and it is read as immutable: SQLite then creates no
/// -wal/-shm files (which a read-only open of a WAL database would leave behind). With one,
/// another connection may be using the database and the normal read-only open sees its
/// committed writes.
fn look_inside(path: &Path) -> rusqlite::Result<Inside> {
    let immutable = !sibling(path, "-wal").exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(file_uri(path, immutable), flags)?;
    let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let user_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let mut st = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let tables = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Inside { application_id, user_version, tables })
}

/// `path` with `suffix` appended to its name (`book.sqlite-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// A read-only `file:` URI for `path`, every byte outside the plain ones percent-encoded (a
/// `?` or `#` in a folder name must not start the query).
fn file_uri(path: &Path, immutable: bool) -> String {
    let mut uri = String::from("file:");
    for b in path_bytes(path) {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
    uri
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

/// Narrow a book readable or writable by others to 0600, with its -wal and -shm files. A
/// book we may write but cannot chmod (another user's) is left as its owner set it.
#[cfg(unix)]
fn make_private(path: &Path, meta: &Metadata) -> Option<OpenNotice> {
    use std::os::unix::fs::PermissionsExt;
    let was = meta.permissions().mode() & 0o777;
    if was & 0o077 == 0 {
        return None;
    }
    let private = |p: &Path| std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600));
    private(path).ok()?;
    for suffix in ["-wal", "-shm"] {
        let side = sibling(path, suffix);
        if side.exists() {
            let _ = private(&side);
        }
    }
    Some(OpenNotice::MadePrivate { path: path.to_path_buf(), was })
}

#[cfg(not(unix))]
fn make_private(_path: &Path, _meta: &Metadata) -> Option<OpenNotice> {
    None
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

/// Stamp a book with tierdesk's application id (once: books made before it carry 0). Not a
/// migration: the schema does not change, so older tierdesks still open the book.
pub(super) fn stamp(conn: &Connection) -> Result<()> {
    let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}

/// The page size of a new book, in bytes.
///
/// Why not SQLite's 4096: a book's work is mostly many rows at a time (imports, the due
/// list, the first frame's ranges), where bigger pages mean fewer pages to split, balance,
/// write to the WAL and copy back at the checkpoint. Measured with books made at each size
/// (interleaved, medians of 5 runs): importing 100,000 customers 1.78/1.68 -> 1.63/1.46 s,
/// 1,000,000 contacts 21.0/18.2 -> 17.4/18.3 s; on the 100,000-customer book (vacuumed
/// copies of each size, medians of 9 whole processes) `due --format json` 95/151 -> 89/132
/// ms; the first frame (14-16 ms) and logging one contact (14 ms) unchanged. 16384 was no
/// better than 8192 at importing, and writes twice the bytes for each page a small change
/// touches.
pub const NEW_BOOK_PAGE_SIZE: i64 = 8192;

/// Make a new book's pages `NEW_BOOK_PAGE_SIZE` long. A book that has pages keeps its size
/// (SQLite cannot change it in WAL mode): set before the first write, or not at all.
pub(super) fn size_new_pages(conn: &Connection) -> Result<()> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    if pages == 0 {
        conn.pragma_update(None, "page_size", NEW_BOOK_PAGE_SIZE)?;
    }
    Ok(())
}

/// `PRAGMA journal_mode=WAL`, waiting as a write would. Switching a new book to WAL
/// needs the file to itself, and SQLite answers "busy" at once (its busy handler is not
/// asked) while another process is reading it, e.g. a second tierdesk opening the same
/// new book at the same moment: found by the init-versus-add race test.
pub(super) fn switch_to_wal(conn: &Connection) -> Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) => return Ok(mode),
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < super::BUSY_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Put the file's path into errors that were raised without it.
pub(super) fn name_path(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::NotABook(p) if p.as_os_str().is_empty() => StoreError::NotABook(path.to_path_buf()),
        StoreError::ReadOnly(p) if p.as_os_str().is_empty() => StoreError::ReadOnly(path.to_path_buf()),
        StoreError::Sqlite(inner) if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            StoreError::Io { path: path.to_path_buf(), source: std::io::Error::other(inner.to_string()) }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(application_id: i64, user_version: i64, tables: &[&str]) -> Inside {
        Inside { application_id, user_version, tables: tables.iter().map(|t| t.to_string()).collect() }
    }

    fn verdict(i: &Inside) -> Result<()> {
        judge(i, Path::new("b.sqlite"))
    }

    fn foreign(r: Result<()>) -> bool {
        matches!(r, Err(StoreError::ForeignDatabase(_)))
    }

    fn newer(r: Result<()>) -> bool {
        matches!(r, Err(StoreError::NewerSchema { .. }))
    }

    #[test]
    fn books_are_known_by_their_id_or_their_tables() {
        let latest = migrations::latest();
        assert!(verdict(&inside(APPLICATION_ID, latest, &["book_meta", "customers"])).is_ok());
        assert!(verdict(&inside(0, 3, &["book_meta", "customers", "contacts"])).is_ok(), "an old book");
        assert!(verdict(&inside(0, 0, &[])).is_ok(), "a book another tierdesk is creating");
        assert!(foreign(verdict(&inside(0, 0, &["recipes"]))));
        assert!(foreign(verdict(&inside(0, 2, &["customers"]))));
        assert!(foreign(verdict(&inside(0x4750_4B47, 0, &[]))), "another app id");
        assert!(newer(verdict(&inside(APPLICATION_ID, latest + 1, &["book_meta"]))));
        assert!(newer(verdict(&inside(0, latest + 1, &["book_meta", "customers"]))));
    }

    #[test]
    fn uris_escape_what_would_end_the_path() {
        assert_eq!(
            file_uri(Path::new("/tmp/a b/x?y#z%.sqlite"), true),
            "file:/tmp/a%20b/x%3Fy%23z%25.sqlite?mode=ro&immutable=1"
        );
        assert_eq!(file_uri(Path::new("书.sqlite"), false), "file:%E4%B9%A6.sqlite?mode=ro");
    }
}
