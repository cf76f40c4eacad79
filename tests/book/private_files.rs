//! Files holding customer data are the user's alone: exports, the due calendar and backups
//! are created 0600 whatever the umask, through a temporary file renamed into place, so a
//! failed write leaves nothing behind (and an older file of the same name intact); a book
//! readable by others is made private when opened, and the user is told once.
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

/// The real binary under `umask 000`, on the book `dir/book.sqlite`.
fn tierdesk_umask0(dir: &Path, args: &[&str]) -> Output {
    let mut shell = std::process::Command::new("sh");
    // The shell sets the umask, then becomes the binary with the arguments that follow.
    shell.arg("-c").arg("umask 000; exec \"$0\" \"$@\"").arg(common::tierdesk_path());
    common::on_book(&mut shell, &dir.join("book.sqlite")).args(args).output().unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn exports_and_backups_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::fixture(dir.path()));
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let cases: [(&str, &[&str]); 6] = [
        ("customers.csv", &["export", "customers"]),
        ("customers.json", &["export", "customers", "--format", "json"]),
        ("contacts.csv", &["export", "contacts"]),
        ("contacts.json", &["export", "contacts", "--format", "json"]),
        ("due.ics", &["export", "due", "--within", "30"]),
        ("book-backup.sqlite", &["backup"]),
    ];
    for (file, args) in cases {
        let target = out_dir.join(file);
        // An older file of the same name, readable by all, is replaced by a private one.
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o666)).unwrap();
        let mut args: Vec<&str> = args.to_vec();
        let t = target.to_str().unwrap();
        if args[0] == "backup" {
            args.extend([t, "--force"]);
        } else {
            args.extend(["-o", t]);
        }
        let out = tierdesk_umask0(dir.path(), &args);
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(mode(&target), 0o600, "{file}");
        assert_ne!(std::fs::read(&target).unwrap(), b"old", "{file}");
    }
    assert_eq!(
        names(&out_dir),
        ["book-backup.sqlite", "contacts.csv", "contacts.json", "customers.csv", "customers.json", "due.ics"],
        "no temporary files left"
    );
}

#[test]
fn an_export_into_a_missing_folder_says_so_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::fixture(dir.path()));
    let target = dir.path().join("no-such-folder").join("customers.csv");
    let out = tierdesk_umask0(dir.path(), &["export", "customers", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-folder") && err.contains("does not exist"), "{err}");
    assert!(!target.parent().unwrap().exists());
    let out = tierdesk_umask0(dir.path(), &["backup", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert!(!target.parent().unwrap().exists());
}

#[test]
fn an_export_that_fails_midway_leaves_no_partial_file_and_the_old_one_intact() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::fixture(dir.path()));
    {
        // A contact whose note is not valid UTF-8 (written by hand in sqlite3): the export
        // fails on it, after the rows before it were written.
        let conn = rusqlite::Connection::open(dir.path().join("book.sqlite")).unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, summary, created_at, created_by, updated_at)
             VALUES ('bad-1', 1, 'call', '2026-11-20', CAST(x'E4B8ADff' AS TEXT), '2026-11-20 09:00:00', 't',
                     '2026-11-20 09:00:00');",
        )
        .unwrap();
    }
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("contacts.csv");
    let out = tierdesk_umask0(dir.path(), &["export", "contacts", "-o", target.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(0));
    assert!(names(&out_dir).is_empty(), "{:?}", names(&out_dir));
    std::fs::write(&target, "the export of last week").unwrap();
    let out = tierdesk_umask0(dir.path(), &["export", "contacts", "-o", target.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the export of last week");
    assert_eq!(names(&out_dir), ["contacts.csv"]);
}

#[test]
fn a_book_readable_by_others_is_made_private_and_the_user_told_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::fixture(dir.path()));
    let book = dir.path().join("book.sqlite");
    std::fs::set_permissions(&book, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = tierdesk_umask0(dir.path(), &["customer", "list"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0644") && err.contains("0600"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(mode(&book), 0o600);
    let out = tierdesk_umask0(dir.path(), &["customer", "list"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "told once: {}", String::from_utf8_lossy(&out.stderr));
    let out = tierdesk_umask0(dir.path(), &["--lang", "zh", "customer", "list"]);
    assert!(out.stderr.is_empty());
}
