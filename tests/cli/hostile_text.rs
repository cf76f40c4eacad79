//! Hostile text: control characters stored in a book never reach the terminal (every text
//! output of the CLI and every screen of the TUI shows them as `\x1b`-style placeholders,
//! JSON stays JSON-escaped), imports refuse them, and a CSV with a broken quote is refused
//! naming the line instead of being swallowed.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use crate::common::{Harness, d, fields, open};
use tierdesk::domain::customer::CustomerFields;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;

/// A name that retitles the window, clears the screen and (C1 CSI) turns text red.
const NAME: &str = "Evil\u{1b}]0;pwned\u{7} Co\u{1b}[2J\u{9b}31m";
const NOTE: &str = "call back\u{1b}[2J";
const PROMISE: &str = "send\u{1b}]0;title\u{7} quote";

/// A book with one customer (#1, tier A, overdue) whose texts hold control characters, as an
/// older version, sqlite3 or psql could have stored them: written past the import, in SQL
/// (on a team book as the owner of its tables).
fn hostile_book(b: &TestBook) {
    let mut s = b.open();
    let id = s
        .add_customer(&CustomerFields { owner: b.person(), ..fields("Evil Co", "Shell Ltd", "A", "2025-01-06") })
        .unwrap();
    let contact = NewContact {
        customer: id,
        kind: "visit".into(),
        on: d("2026-11-02"),
        person: String::new(),
        summary: "first visit".into(),
        outcome: String::new(),
    };
    s.add_contacts_bulk(&[contact], &[(id, "send quote".into(), d("2026-11-20"))]).unwrap();
    s.change_tier(id, "B", "review").unwrap();
    drop(s);
    let updates: [(&str, &[&str]); 4] = [
        ("UPDATE customers SET name = $1, company = $1, notes = $2, ext_ref = 'K1'", &[NAME, NOTE]),
        ("UPDATE contacts SET summary = $1", &[NOTE]),
        ("UPDATE follow_ups SET what = $1", &[PROMISE]),
        ("UPDATE tier_changes SET reason = $1 WHERE reason = 'review'", &[NOTE]),
    ];
    match b.pg() {
        None => {
            let db = rusqlite::Connection::open(b.dir().join("book.sqlite")).unwrap();
            for (sql, values) in updates {
                db.execute(&sql.replace('$', "?"), rusqlite::params_from_iter(values)).unwrap();
            }
        }
        Some(pg) => {
            let mut db = pg.connect_as(&pg.owner);
            for (sql, values) in updates {
                let values: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect();
                db.execute(sql, &values).unwrap();
            }
        }
    }
}

/// Bytes a terminal acts on: C0 controls other than tab and line feed, DEL, and C1
/// controls (U+0080..U+009F, `C2 80`..`C2 9F` in UTF-8).
fn raw_controls(bytes: &[u8]) -> Vec<(usize, u8)> {
    let mut found = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        let c1 = *b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        if (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f || c1 {
            found.push((i, *b));
        }
    }
    found
}

fn run(b: &TestBook, args: &[&str]) -> (bool, String, String) {
    let out = b.cmd().args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8(out.stderr).unwrap())
}

/// Runs a subcommand that must succeed and show the hostile text, and checks its output.
fn shows_safely(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    assert_eq!(raw_controls(&out.stdout), vec![], "{args:?} printed raw controls");
    assert_eq!(raw_controls(&out.stderr), vec![], "{args:?} printed raw controls to stderr");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\x1b"), "{args:?} does not show the placeholder:\n{text}");
    text
}

on_both_engines! {
fn every_text_output_shows_controls_as_placeholders(book: &TestBook) {
    hostile_book(book);
    let list = shows_safely(book, &["customer", "list"]);
    assert!(list.contains("Evil\\x1b]0;pwned\\x07"), "{list}");
    shows_safely(book, &["due"]);
    shows_safely(book, &["search", "Evil"]);
    let history = shows_safely(book, &["history", "1"]);
    assert!(history.contains("call back\\x1b[2J"), "the reason is shown too:\n{history}");
    shows_safely(book, &["history", "1", "--all"]);
    let logged = shows_safely(book, &["log", "1", "--kind", "call"]);
    assert!(logged.contains("Evil\\x1b]0;pwned\\x07 Co\\x1b[2J\\x9b31m"), "{logged}");
    shows_safely(book, &["tier", "1", "C", "--reason", "quiet"]);
    shows_safely(book, &["assess", "1", "--answers", "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C"]);
}
}

on_both_engines! {
fn messages_about_typed_text_show_its_controls_too(book: &TestBook) {
    hostile_book(book);
    let out = book.cmd().args(["log", "nobody\u{1b}[2J", "--kind", "call"]).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(raw_controls(&out.stderr), vec![]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody\\x1b[2J"));
}
}

on_both_engines! {
fn json_output_stays_json_escaped_c1_and_del_included(book: &TestBook) {
    hostile_book(book);
    for args in [
        &["customer", "list", "--format", "json"][..],
        &["due", "--format", "json"],
        &["search", "Evil", "--format", "json"],
        &["history", "1", "--format", "json"],
        &["export", "customers", "--format", "json"],
    ] {
        let out = book.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(raw_controls(&out.stdout), vec![], "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("\\u001b") || args[0] == "history", "{args:?}: {text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(text.contains("\\u009b") || args[0] == "history", "{args:?}: C1 escaped:\n{text}");
        if args[0] == "customer" {
            assert_eq!(v[0]["name"], NAME, "the value is unchanged");
        }
    }
}
}

on_both_engines! {
fn csv_to_a_pipe_or_file_is_data_and_kept_as_stored(book: &TestBook) {
    hostile_book(book);
    let (ok, csv, _) = run(book, &["customer", "list", "--format", "csv"]);
    assert!(ok && csv.contains(NAME), "{csv}");
    let (ok, csv, _) = run(book, &["export", "customers"]);
    assert!(ok && csv.contains(NAME), "{csv}");
}
}

/// Every cell of every frame: no symbol holds a control character.
fn assert_no_controls(h: &Harness, step: &str) {
    for y in 0..h.frame.area.height {
        for x in 0..h.frame.area.width {
            let sym = h.frame[(x, y)].symbol();
            assert!(!sym.contains(char::is_control), "{step}: control in cell ({x},{y}): {sym:?}\n{}", h.screen());
        }
    }
}

#[test]
fn every_screen_shows_stored_controls_as_placeholders() {
    // The screens on a book file: they name no engine (tests/face_separation.rs).
    let book = TestBook::new(Engine::Sqlite).unwrap();
    hostile_book(&book);
    let mut h = Harness::new(open(&book.dir().join("book.sqlite")), Lang::En, 120, 40);
    // (keys, what must show as placeholders on the screen they lead to)
    let steps: [(&str, &[&str]); 11] = [
        ("1", &["Evil\\x1b]0;"]),
        ("2", &["Evil\\x1b]0;"]),
        ("enter", &[" B  Evil\\x1b]0;", "call back\\x1b[2J", "send\\x1b]0;title\\x07"]),
        ("esc 3", &["send\\x1b]0;title\\x07"]),
        ("2 enter H", &["History of Evil\\x1b]0;", "call back\\x1b[2J"]),
        ("esc e", &["Edit customer: Evil\\x1b]0;", "[Evil\\x1b]0;"]),
        ("esc x", &["Delete Evil\\x1b]0;"]),
        ("n r", &["Log a contact: Evil\\x1b]0;"]),
        ("esc T", &["Change the tier of Evil\\x1b]0;"]),
        ("esc 1 s", &["Snooze: Evil\\x1b]0;"]),
        ("esc 2 /", &[]),
    ];
    for (keys, shown) in steps {
        h.press(keys);
        assert_no_controls(&h, keys);
        let screen = h.screen();
        for text in shown {
            assert!(screen.contains(text), "after {keys:?}: {text:?} is not shown:\n{screen}");
        }
    }
    h.type_text("Evil");
    assert_no_controls(&h, "search");
    assert!(h.screen().contains("Evil\\x1b]0;"), "search:\n{}", h.screen());
}

/// The customers of the book, as `customer list --format json` gives them.
fn customers(b: &TestBook) -> Vec<serde_json::Value> {
    let (ok, out, err) = run(b, &["customer", "list", "--format", "json"]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Import `bytes` as a customers file; (success, stderr).
fn import(b: &TestBook, what: &str, bytes: &[u8]) -> (bool, String) {
    let file = b.dir().join(format!("{what}.csv"));
    std::fs::write(&file, bytes).unwrap();
    let (ok, _, err) = run(b, &["import", what, file.to_str().unwrap()]);
    (ok, err)
}

on_both_engines! {
fn import_refuses_control_characters_naming_line_and_column_and_writes_nothing(book: &TestBook) {
    let csv = "name,company,tier,notes\nGood,Acme,B,ok\n\"Nul\u{0}Co\",Acme,B,\nEsc,\"Evil\u{1b}]0;pwned\u{7}\",C,\n";
    let (ok, err) = import(book, "customers", csv.as_bytes());
    assert!(!ok, "imported: {err}");
    assert!(err.contains("line 3, name"), "{err}");
    assert!(err.contains("line 4, company"), "{err}");
    assert!(err.contains("U+0000") && err.contains("U+001B"), "names the character: {err}");
    assert_eq!(raw_controls(err.as_bytes()), vec![], "the message itself is safe");
    assert_eq!(customers(book), Vec::<serde_json::Value>::new(), "nothing written");
}
}

on_both_engines! {
fn notes_keep_tabs_and_line_breaks_other_cells_refuse_them(book: &TestBook) {
    let (ok, err) = import(book, "customers", b"name,notes\r\nA,\"line one\r\n\tline two\"\r\n");
    assert!(ok, "{err}");
    assert_eq!(customers(book)[0]["notes"], "line one\r\n\tline two");
    let (ok, err) = import(book, "customers", b"name,notes\n\"Two\nlines\",x\nC\tD,y\n");
    assert!(!ok);
    assert!(err.contains("line 2, name") && err.contains("line 4, name"), "{err}");
    assert_eq!(customers(book).len(), 1);
}
}

on_both_engines! {
fn contacts_import_refuses_control_characters_too(book: &TestBook) {
    hostile_book(book);
    let csv = "customer,date,kind,note\nK1,2026-11-20,call,\"fine\n\ttoo\"\nK1,2026-11-21,call,\"bad\u{1b}[2J\"\n";
    let file = book.dir().join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let (ok, _, err) = run(book, &["import", "contacts", file.to_str().unwrap()]);
    assert!(!ok, "{err}");
    assert!(err.contains("line 4, note"), "{err}");
    let (_, contacts, _) = run(book, &["export", "contacts", "--format", "json"]);
    assert!(contacts.contains("call back") && !contacts.contains("fine"), "nothing written: {contacts}");
}
}

on_both_engines! {
fn an_unclosed_quote_is_refused_naming_the_line_where_it_opened(book: &TestBook) {
    let csv = "name,tier\nFirst,B\n\"Second,B\nThird,C\nFourth,C\n";
    let (ok, err) = import(book, "customers", csv.as_bytes());
    assert!(!ok, "imported: {err}");
    assert!(err.contains("line 3") && err.contains("quote"), "{err}");
    assert_eq!(customers(book), Vec::<serde_json::Value>::new(), "nothing written");
}
}

on_both_engines! {
fn text_after_a_closing_quote_is_refused(book: &TestBook) {
    let (ok, err) = import(book, "customers", b"name,tier\nFirst,B\n\"x\"y,C\n");
    assert!(!ok, "imported: {err}");
    assert!(err.contains("line 3") && err.contains("quote"), "{err}");
    assert_eq!(customers(book), Vec::<serde_json::Value>::new());
}
}

on_both_engines! {
fn broken_quotes_are_found_in_contacts_files_and_in_gb18030_with_bom_and_crlf(book: &TestBook) {
    hostile_book(book);
    let csv = "customer,date,kind,note\r\nK1,2026-11-20,call,\"never closed\r\nK1,2026-11-21,call,x\r\n";
    let (ok, err) = import(book, "contacts", csv.as_bytes());
    assert!(!ok && err.contains("line 2"), "{err}");
    let gb = encoding_rs::GB18030.encode("名称,等级\r\n甲,B\r\n乙,C\r\n\"丙\"丁,C\r\n").0.into_owned();
    let (ok, err) = import(book, "customers", &gb);
    assert!(!ok && err.contains("line 4"), "{err}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("名称,备注\r\n\"甲\",\"说\"\"好\"\"的\r\n第二行\"\r\n\"乙,\r\n".as_bytes());
    let (ok, err) = import(book, "customers", &bom);
    assert!(!ok && err.contains("line 4"), "{err}");
}
}

on_both_engines! {
fn quoted_cells_with_doubled_quotes_and_line_breaks_still_import(book: &TestBook) {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("名称,备注\r\n\"甲 \"\"A\"\"\",\"说\"\"好\"\"的\r\n第二行\"\r\n乙,\"\"\r\n".as_bytes());
    let (ok, err) = import(book, "customers", &bom);
    assert!(ok, "{err}");
    let all = customers(book);
    let names: Vec<&str> = all.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"甲 \"A\"") && names.contains(&"乙"), "{names:?}");
}
}
