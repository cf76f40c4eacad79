//! `tierdesk export follow-ups` and `tierdesk import follow-ups` through the real binary, on
//! a book file and on a team book: every follow-up goes out (with or without a contact),
//! comes back into a fresh book the same, a second import adds nothing, and a bad file is
//! refused with one message and nothing written.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use crate::books::TestBook;

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Two customers, a follow-up promised in a contact, and two without one (one done, one
/// whose text a spreadsheet would take for a formula), brought in by a follow-ups file.
fn fill(b: &TestBook) {
    ok(b, &["customer", "add", "--name", "Alpha", "--tier", "A", "--ref", "00123"]);
    ok(b, &["customer", "add", "--name", "招商银行", "--tier", "B"]);
    ok(
        b,
        &[
            "log",
            "00123",
            "--kind",
            "call",
            "--date",
            "2026-11-20",
            "--follow-up",
            "send quote",
            "--follow-up-due",
            "2026-11-23",
        ],
    );
    let file = b.dir().join("in.csv");
    std::fs::write(
        &file,
        "客户,跟进日期,跟进事项,完成时间\n招商银行,2026-11-25,'=HYPERLINK(\"x\"),\n\
         00123,2026-11-10,\"回电\n再约\",2026-11-11 09:30:00\n",
    )
    .unwrap();
    let said = ok(b, &["import", "follow-ups", path(&file)]);
    assert!(said.contains("2 added"), "{said}");
}

on_both_engines! {
fn follow_ups_go_out_and_come_back_into_a_fresh_book(book: &TestBook) {
    fill(book);
    let csv = book.dir().join("f.csv");
    ok(book, &["export", "follow-ups", "-o", path(&csv)]);
    let bytes = std::fs::read(&csv).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "\u{FEFF}customer,customer_name,due,what,done_at,uuid");
    assert!(lines[1].starts_with("00123,Alpha,2026-11-23,send quote,,"), "{text}");
    assert!(lines[2].starts_with("K-00001,招商银行,2026-11-25,\"'=HYPERLINK(\"\"x\"\")\",,"), "{text}");
    assert!(lines[3].starts_with("00123,Alpha,2026-11-10,\"回电\n再约\",2026-11-11T09:30:00+"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(book, &["export", "follow-ups", "--format", "json"])).unwrap();
    let first = &json[0];
    assert_eq!((first["customer_id"].as_i64(), first["customer_ref"].as_str()), (Some(1), Some("00123")));
    assert_eq!(json.as_array().unwrap().len(), 3);

    // A fresh book with the same customers takes them back, the same.
    let other = book.sibling();
    let customers = book.dir().join("c.csv");
    ok(book, &["export", "customers", "-o", path(&customers)]);
    ok(&other, &["import", "customers", path(&customers)]);
    let dry = ok(&other, &["import", "follow-ups", "--dry-run", path(&csv)]);
    assert!(dry.contains("3 added"), "{dry}");
    assert_eq!(ok(&other, &["export", "follow-ups"]), "\u{FEFF}customer,customer_name,due,what,done_at,uuid\r\n");
    let said = ok(&other, &["import", "follow-ups", path(&csv)]);
    assert!(said.contains("3 added"), "{said}");
    assert_eq!(ok(&other, &["export", "follow-ups"]).into_bytes(), bytes);
    let open = |b: &TestBook| ok(b, &["follow-up", "list", "--all", "--format", "json"]);
    assert_eq!(open(&other), open(book));
    // Twice: nothing more.
    let said = ok(&other, &["import", "follow-ups", path(&csv)]);
    assert!(said.contains("0 added") && said.contains("3 skipped"), "{said}");
    assert_eq!(ok(&other, &["export", "follow-ups"]).into_bytes(), bytes);
}

fn a_bad_follow_ups_file_is_refused_and_nothing_is_written(book: &TestBook) {
    fill(book);
    let before = ok(book, &["export", "follow-ups"]);
    let file = book.dir().join("bad.csv");
    std::fs::write(&file, "customer,due,what\n00123,2026-12-01,fine\nnobody,2026-12-01,x\n00123,someday,y\n").unwrap();
    let out = book.cmd().args(["import", "follow-ups", path(&file)]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nobody") && err.contains("someday") || err.contains("line 4"), "{err}");
    assert_eq!(ok(book, &["export", "follow-ups"]), before);
}
}
