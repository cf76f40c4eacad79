//! tierdesk writes only to its own books: another program's SQLite file, a book from a newer
//! tierdesk, a text file, a device, a folder or a pipe is refused before anything is written
//! (same bytes, same modification time, no -wal/-shm/-journal left beside it). An empty or
//! missing file is still a new book, and a book made before books carried tierdesk's
//! application id still opens (and is stamped).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tierdesk::clock::Clock;
use tierdesk::store::{Store, migrations};

/// Run `customer list` on `path`; a command that hangs (reading a pipe nobody writes to)
/// is killed after a generous while and reported as a failure.
fn list(path: &Path) -> (Option<i32>, String) {
    let mut child = common::tierdesk_process(path)
        .args(["customer", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("tierdesk --db {} customer list hung", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
}

/// Everything about a file that a write would change.
#[derive(PartialEq)]
struct Snapshot {
    bytes: Vec<u8>,
    modified: std::time::SystemTime,
    beside: Vec<String>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The bytes as their length, header fields and a checksum: a whole book would drown the report.
        let sum = self.bytes.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
        let header = self.bytes.get(18..20).map(<[u8]>::to_vec);
        write!(
            f,
            "{} bytes (journal bytes {header:?}, sum {sum:x}), {:?}, {:?}",
            self.bytes.len(),
            self.modified,
            self.beside
        )
    }
}

fn snapshot(path: &Path) -> Snapshot {
    let mut beside: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    Snapshot {
        bytes: std::fs::read(path).unwrap(),
        modified: std::fs::metadata(path).unwrap().modified().unwrap(),
        beside,
    }
}

fn foreign_sqlite(dir: &Path, wal: bool) -> PathBuf {
    let path = dir.join(if wal { "other-wal.sqlite" } else { "other.sqlite" });
    let conn = Connection::open(&path).unwrap();
    if wal {
        let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).unwrap();
    }
    conn.execute_batch("CREATE TABLE recipes (name TEXT, minutes INTEGER); INSERT INTO recipes VALUES ('饺子', 40);")
        .unwrap();
    drop(conn);
    path
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for wal in [false, true] {
        let path = foreign_sqlite(dir.path(), wal);
        let before = snapshot(&path);
        let (code, err) = list(&path);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("not a tierdesk book"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(snapshot(&path), before, "wal: {wal}");
        let err = Store::open(&path, Clock::System, "t").err().unwrap();
        assert!(err.to_string().contains("another program"), "{err}");
        assert_eq!(snapshot(&path), before, "wal: {wal}");
    }
}

#[test]
fn a_book_from_a_newer_tierdesk_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    drop(common::open(&path));
    {
        // A backup taken by a newer tierdesk: one self-contained file, not in WAL mode.
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::latest() + 1).unwrap();
        let _: String = conn.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0)).unwrap();
    }
    let before = snapshot(&path);
    let (code, err) = list(&path);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("newer tierdesk"), "{err}");
    assert_eq!(snapshot(&path), before);
    assert_eq!(before.bytes[18..20], [1, 1], "still not in WAL mode");
}

#[test]
fn a_path_that_is_not_a_regular_file_is_refused() {
    let (code, err) = list(Path::new("/dev/null"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("/dev/null is not a regular file"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let (code, err) = list(&folder);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("folder"), "{err}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "nothing written into the folder");

    let fifo = dir.path().join("a-pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (code, err) = list(&fifo);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.txt");
    std::fs::write(&path, "Dear customer, this is a letter, not a database.\n").unwrap();
    let before = snapshot(&path);
    let (code, err) = list(&path);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("not a tierdesk book"), "{err}");
    assert_eq!(snapshot(&path), before);
}

#[test]
fn an_empty_or_missing_file_is_a_new_book_and_an_unstamped_book_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    let (code, err) = list(&empty);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = list(&dir.path().join("missing.sqlite"));
    assert_eq!(code, Some(0), "{err}");

    // A book written before books carried an application id: known by its tables.
    let old = dir.path().join("old.sqlite");
    common::fixture(dir.path());
    std::fs::rename(dir.path().join("book.sqlite"), &old).unwrap();
    Connection::open(&old).unwrap().pragma_update(None, "application_id", 0).unwrap();
    let (code, err) = list(&old);
    assert_eq!(code, Some(0), "{err}");
    let id: i64 = Connection::open(&old).unwrap().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_ne!(id, 0, "stamped as a tierdesk book once opened");
    let id_new: i64 = Connection::open(&empty).unwrap().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(id, id_new);
}
