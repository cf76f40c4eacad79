//! The size of a book's pages: a new book gets tierdesk's (`NEW_BOOK_PAGE_SIZE`, bigger than
//! SQLite's 4096, for its bulk work); a book made with other pages keeps them, opens, takes
//! writes and stays whole.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{fields, open};
use rusqlite::Connection;
use tierdesk::store::NEW_BOOK_PAGE_SIZE;
use tierdesk::store::prelude::*;

fn page_size(path: &std::path::Path) -> i64 {
    Connection::open(path).unwrap().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_book_gets_tierdesk_s_page_size() {
    assert_ne!(NEW_BOOK_PAGE_SIZE, 4096, "else this test shows nothing");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    open(&path).add_customer(&fields("王芳", "华信", "A", "2026-01-01")).unwrap();
    assert_eq!(page_size(&path), NEW_BOOK_PAGE_SIZE);
}

#[test]
fn a_book_with_other_pages_keeps_them_and_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    open(&path).add_customer(&fields("王芳", "华信", "A", "2026-01-01")).unwrap();
    // Made again with SQLite's own size, as books made before tierdesk chose one are.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL;")
        .unwrap();
    assert_eq!(page_size(&path), 4096);
    {
        let mut s = open(&path);
        s.add_customer(&fields("李强", "远航", "B", "2026-02-01")).unwrap();
        let names: Vec<String> = s.customers_by_name(None).unwrap().into_iter().map(|c| c.fields.name).collect();
        assert_eq!(names, ["李强", "王芳"]);
    }
    assert_eq!(page_size(&path), 4096, "the book keeps its pages");
    let conn = Connection::open(&path).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}
