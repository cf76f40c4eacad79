//! Two real tierdesk processes started at the same moment on one book: an import's duplicate
//! check and a book's tier scheme are decided inside the write transaction, so neither race
//! duplicates customers nor leaves a book whose customers belong to another scheme.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::tierdesk_process;
use tierdesk::clock::Clock;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// Start both commands before waiting for either.
fn at_once(mut a: Command, mut b: Command) -> (Output, Output) {
    let a = a.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let b = b.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    (a.wait_with_output().unwrap(), b.wait_with_output().unwrap())
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn count(book: &Path) -> i64 {
    let conn = rusqlite::Connection::open(book).unwrap();
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap()
}

/// A customers file without refs: name and company are the only way to spot a duplicate.
fn customers_file(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut csv = String::from("name,company,tier\n");
    for i in 0..rows {
        csv.push_str(&format!("客户{i},公司{},{}\n", i % 97, ["A", "B", "C", "D"][i % 4]));
    }
    let path = dir.join("customers.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

const ROWS: usize = 2_000;

fn import_race(mode: &str) {
    for round in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.sqlite");
        let file = customers_file(dir.path(), ROWS);
        assert!(tierdesk_process(&book).arg("init").output().unwrap().status.success());
        let import = || {
            let mut c = tierdesk_process(&book);
            c.args(["import", "customers", "--on-duplicate", mode]).arg(&file);
            c
        };
        let (a, b) = at_once(import(), import());
        let (ta, tb) = (text(&a), text(&b));
        assert_eq!(count(&book), ROWS as i64, "round {round}, --on-duplicate {mode}:\n{ta}\n{tb}");
        let added = [&ta, &tb].iter().filter(|t| t.contains(&format!("customers {ROWS} added"))).count();
        assert_eq!(added, 1, "exactly one import adds the rows (round {round}, {mode}):\n{ta}\n{tb}");
        let other = if ta.contains(&format!("customers {ROWS} added")) { (&b, &tb) } else { (&a, &ta) };
        match mode {
            "fail" => {
                assert_eq!(other.0.status.code(), Some(2), "{}", other.1);
                assert!(other.1.contains("already in the book"), "{}", other.1);
            }
            "skip" => assert!(other.1.contains(&format!("0 added, 0 updated, {ROWS} skipped")), "{}", other.1),
            _ => assert!(other.1.contains(&format!("0 added, {ROWS} updated")), "{}", other.1),
        }
    }
}

#[test]
fn two_imports_of_one_file_at_once_never_duplicate_when_failing_on_duplicates() {
    import_race("fail");
}

#[test]
fn two_imports_of_one_file_at_once_never_duplicate_when_skipping_duplicates() {
    import_race("skip");
}

#[test]
fn two_imports_of_one_file_at_once_never_duplicate_when_updating_duplicates() {
    import_race("update");
}

/// `init --scheme brokerage` and `customer add` on a book neither has created yet: whatever
/// the order, init reports success only if the book is on the brokerage scheme, and every
/// customer holds a tier of the book's scheme.
#[test]
fn init_racing_customer_add_never_reports_a_scheme_the_book_does_not_have() {
    for round in 0..12 {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.sqlite");
        let mut init = tierdesk_process(&book);
        init.args(["init", "--scheme", "brokerage"]);
        let mut add = tierdesk_process(&book);
        add.args(["customer", "add", "--name", "王芳", "--tier", "B"]);
        let (init, add) = at_once(init, add);
        let (ti, ta) = (text(&init), text(&add));
        let store = Store::open(&book, Clock::System, "t").unwrap();
        let scheme = store.scheme().unwrap().clone();
        let tiers: Vec<String> = {
            let conn = rusqlite::Connection::open(&book).unwrap();
            let mut st = conn.prepare("SELECT tier FROM customers").unwrap();
            st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        for t in &tiers {
            assert!(scheme.tier(t).is_some(), "round {round}: tier {t} on a {} book\n{ti}\n{ta}", scheme.id);
        }
        if init.status.success() {
            assert_eq!(scheme.id, "brokerage", "round {round}: init said yes\n{ti}\n{ta}");
        } else {
            assert_eq!(scheme.id, "default", "round {round}\n{ti}\n{ta}");
            assert!(ti.contains("already uses the \"default\" tier scheme"), "round {round}: {ti}");
        }
        // The add either landed in the default book or was refused for its tier, never lost
        // silently.
        assert_eq!(add.status.success(), !tiers.is_empty(), "round {round}: {ta}");
        if !add.status.success() {
            assert!(ta.contains("no such tier"), "round {round}: {ta}");
        }
    }
}
