//! Messages for people, in the interface language: a damaged book, a locked book, text in
//! the book that is not UTF-8, import problems, and the report and history under --lang zh.
//! (A full disk is checked in the store's own tests: `PRAGMA max_page_count` holds for one
//! connection only, so the binary cannot be made to meet it.)
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{TestBook, fixture as fixture_on};
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use crate::common::{fixture, tierdesk_bin};

fn stderr_of(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = tierdesk_bin(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

fn stderr_of_book(book: &TestBook, args: &[&str]) -> (i32, String) {
    let out = book.cmd().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

fn no_sqlite_words(text: &str) {
    for bad in ["database error", "database disk image", "malformed", "file is not a database", "utf-8 sequence"] {
        assert!(!text.contains(bad), "raw SQLite words \"{bad}\" in: {text}");
    }
}

/// A real book whose pages after the first are overwritten with junk (the header stays, so
/// the file still looks like SQLite until its tables are read).
fn damaged_book(dir: &Path) {
    let (path, store, _) = fixture(dir);
    drop(store);
    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 8192, "the fixture book has pages to damage");
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.seek(SeekFrom::Start(4096)).unwrap();
    f.write_all(&vec![0xA5u8; (len - 4096) as usize]).unwrap();
}

#[test]
fn a_damaged_book_says_so_and_what_to_do_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    damaged_book(dir.path());
    let (code, en) = stderr_of(dir.path(), &["customer", "list"]);
    assert_eq!(code, 1, "{en}");
    no_sqlite_words(&en);
    assert!(en.contains("damaged"), "{en}");
    assert!(en.contains("backup"), "{en}");
    let (_, zh) = stderr_of(dir.path(), &["--lang", "zh", "customer", "list"]);
    no_sqlite_words(&zh);
    assert!(zh.contains("账本文件已损坏"), "{zh}");
    assert!(zh.contains("备份"), "{zh}");
}

#[test]
fn text_that_is_not_utf8_in_the_book_is_worded_for_people() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE customers SET name = CAST(x'ff41fe' AS TEXT) WHERE name = '李强'", []).unwrap();
    drop(conn);
    let (code, en) = stderr_of(dir.path(), &["customer", "list"]);
    assert_eq!(code, 1, "{en}");
    no_sqlite_words(&en);
    assert!(en.contains("not valid UTF-8"), "{en}");
    let (_, zh) = stderr_of(dir.path(), &["--lang", "zh", "customer", "list"]);
    no_sqlite_words(&zh);
    assert!(zh.contains("无法识别的文字"), "{zh}");
}

#[test]
fn a_held_write_lock_is_worded_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    drop(store);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // The command line waits its usual 5 s for the lock, then gives up.
    let (code, zh) = stderr_of(dir.path(), &["--lang", "zh", "customer", "add", "--name", "X", "--tier", "B"]);
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(code, 1, "{zh}");
    assert!(zh.contains("账本正被另一个程序写入"), "{zh}");
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

on_both_engines! {
fn import_problems_read_in_chinese_under_lang_zh(book: &TestBook) {
    fixture_on(book);
    let zh = |args: &[&str]| {
        let out = book.cmd().arg("--lang").arg("zh").args(args).output().unwrap();
        (String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let english = ["line ", "bad row", "nothing was imported", "added", "skipped", "not a ", "is not one", "column"];
    let no_english = |text: &str| {
        for word in english {
            assert!(!text.contains(word), "\"{word}\" under --lang zh: {text}");
        }
    };

    let bad = write(book.dir(), "bad.csv", "名称,等级,公司\n甲,B,甲公司\n,Z,乙\n");
    let (_, err) = zh(&["import", "customers", &bad]);
    assert!(err.contains("第 3 行"), "{err}");
    assert!(err.contains("没有导入任何内容"), "{err}");
    no_english(&err);

    let dup = write(book.dir(), "dup.csv", "名称,等级,公司\n李强,C,远航物流\n");
    let (_, err) = zh(&["import", "customers", &dup]);
    assert!(err.contains("重复"), "{err}");
    // The flag is named as typed: it is what to do.
    assert!(err.contains("--on-duplicate skip"), "{err}");
    no_english(&err);

    let fine = write(book.dir(), "fine.csv", "名称,等级,公司,颜色\n甲,B,甲公司,红\n乙,C,乙公司,蓝\n");
    let (out, err) = zh(&["import", "customers", "--dry-run", &fine]);
    assert!(out.contains("新增 2"), "{out}");
    assert!(out.contains("试运行"), "{out}");
    no_english(&out);
    assert!(err.contains("颜色"), "the unknown column is named: {err}");
    no_english(&err);

    let empty = write(book.dir(), "empty.csv", "");
    let (_, err) = zh(&["import", "contacts", &empty]);
    assert!(err.contains("文件是空的"), "{err}");
    no_english(&err);

    let contacts =
        write(book.dir(), "contacts.csv", "customer,date,kind\n无此人,2026-11-01,call\n李强,2026-11-01,飞鸽\n");
    let (_, err) = zh(&["import", "contacts", &contacts]);
    assert!(err.contains("无此人") && err.contains("飞鸽"), "{err}");
    no_english(&err);
}
}

on_both_engines! {
fn report_and_history_follow_lang_zh(book: &TestBook) {
    fixture_on(book);
    let zh = |args: &[&str]| {
        let out = book.cmd().arg("--lang").arg("zh").args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let report = zh(&["report"]);
    assert!(report.contains("联系覆盖报告"), "{report}");
    assert!(report.contains("客户数") && report.contains("覆盖率"), "{report}");
    assert!(!report.contains("Coverage report") && !report.contains("Customers"), "{report}");

    book.cmd().args(["tier", "李强", "B", "--reason", "订单增加"]).assert().success();
    let history = zh(&["history", "李强"]);
    assert!(history.contains("李强"), "{history}");
    assert!(!history.contains("tier") && !history.contains("now"), "{history}");
    let all = zh(&["history", "李强", "--all"]);
    assert!(!all.contains("entries") && !all.contains("newest first"), "{all}");
}
}

on_both_engines! {
fn other_text_outputs_follow_lang_zh(book: &TestBook) {
    fixture_on(book);
    let zh = |args: &[&str]| {
        let out = book.cmd().arg("--lang").arg("zh").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let logged = zh(&["log", "李强", "--kind", "call", "--follow-up", "寄资料", "--follow-up-due", "+3d"]);
    assert!(logged.contains("已记录") && logged.contains("下次应联系"), "{logged}");
    assert!(!logged.contains("logged") && !logged.contains("next due"), "{logged}");
    let found = zh(&["search", "li"]);
    assert!(!found.contains("score"), "{found}");
    let backup = book.dir().join("copy.sqlite");
    let backed = zh(&["backup", backup.to_str().unwrap()]);
    assert!(backed.contains("已备份") && !backed.contains("backed up"), "{backed}");
    let review = zh(&["review"]);
    assert!(review.contains("级别复核"), "{review}");
    for english in ["Review with", "Policy:", "customers,", "verdict"] {
        assert!(!review.contains(english), "\"{english}\" under --lang zh: {review}");
    }
    let (code, err) = stderr_of_book(book, &["--lang", "zh", "history", "无此人"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("没有") && err.contains("无此人") && !err.contains("no customer"), "{err}");
}
}

on_both_engines! {
fn the_command_lines_argument_refusals_speak_chinese_under_lang_zh(book: &TestBook) {
    fixture_on(book);
    let cases: [(&[&str], &str); 5] = [
        (&["log", "李强", "--kind", "fax"], "--kind：没有“fax”这种联系方式"),
        (&["log", "李强", "--kind", "call", "--date", "2099-01-01"], "--date：2099-01-01 晚于今天"),
        (
            &["log", "李强", "--kind", "call", "--note", "x", "--follow-up", "y", "--follow-up-due", "soon"],
            "“soon”不是有效日期",
        ),
        (&["customer", "list", "--tier", "Q"], "--tier：没有“Q”这个等级"),
        (&["init", "--scheme", "no-such-scheme"], "既不是自带的等级方案"),
    ];
    for (args, zh) in cases {
        let mut with_lang = vec!["--lang", "zh"];
        with_lang.extend_from_slice(args);
        let (code, err) = stderr_of_book(book, &with_lang);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(zh), "{args:?}: {err}");
        let (_, en) = stderr_of_book(book, args);
        assert!(!en.contains(zh), "{args:?} in English: {en}");
    }
}
}
