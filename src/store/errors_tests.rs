//! The book's failures reach people as sentences in their language: a full disk (made real
//! with `PRAGMA max_page_count`, which SQLite enforces like a full file system) and a disk
//! failure, never "database error: database or disk is full".

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use super::*;
use crate::clock::Clock;
use crate::domain::customer::CustomerFields;
use crate::i18n::Lang;
use crate::i18n::problems::store_error;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn no_sqlite_words(text: &str) {
    assert!(!text.contains("database"), "{text}");
}

#[test]
fn a_full_disk_is_worded_for_people_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite"), Clock::Fixed(today()), "t").unwrap();
    store.init_scheme("data/tiers/default.toml", crate::data::DEFAULT_SCHEME).unwrap();
    let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let _: i64 = store.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0)).unwrap();
    let fields = CustomerFields {
        name: "招商银行".into(),
        tier: "A".into(),
        created_on: today(),
        notes: "季度回访 ".repeat(2000),
        ..Default::default()
    };
    let err = store.add_customer(&fields).unwrap_err();
    assert!(matches!(err, StoreError::Full), "{err:?}");
    let en = store_error(&err, Lang::En);
    no_sqlite_words(&en);
    assert!(en.contains("disk is full") && en.contains("Free some space"), "{en}");
    let zh = store_error(&err, Lang::Zh);
    assert!(zh.contains("磁盘已满") && zh.contains("腾出空间"), "{zh}");
    // Nothing half-written: the book still reads, without the customer.
    assert_eq!(store.count_customers(None, None, &Owners::All).unwrap(), 0);
}

#[test]
fn a_disk_failure_is_worded_for_people_in_both_languages() {
    let raw = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_WRITE),
        Some("disk I/O error".into()),
    );
    let err = StoreError::from(raw);
    assert!(matches!(err, StoreError::Disk(_)), "{err:?}");
    let en = store_error(&err, Lang::En);
    assert!(en.contains("The disk failed") && en.contains("copy the book somewhere safe"), "{en}");
    let zh = store_error(&err, Lang::Zh);
    assert!(zh.contains("磁盘出错"), "{zh}");
}

#[test]
fn damage_found_mid_session_is_the_damaged_book_message() {
    for code in [rusqlite::ffi::SQLITE_CORRUPT, rusqlite::ffi::SQLITE_NOTADB] {
        let err = StoreError::from(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None));
        let en = store_error(&err, Lang::En);
        no_sqlite_words(&en);
        assert!(en.contains("The book is damaged") && en.contains("backup"), "{en}");
        assert!(store_error(&err, Lang::Zh).contains("账本文件已损坏"));
    }
}
