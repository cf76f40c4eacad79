//! Taking the book out: CSV that Excel opens and that imports back byte for byte, JSON, the
//! due list as an iCalendar file parsed back here, and a backup taken while another
//! connection writes.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use crate::common::tierdesk_on;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveTime};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::contact_draft::ContactEntry;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::domain::history::NewContact;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

const TODAY: &str = "2026-11-23";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(book: &Path) -> Store {
    let mut s = Store::open(book, Clock::Fixed(d(TODAY)), "tester").unwrap();
    if s.scheme().is_none() {
        s.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    }
    s
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A book with what real books hold: Chinese, commas, quotes and line breaks in fields,
/// namesakes in one company without refs, a name that is another customer's ref, a deleted
/// customer (a gap in the ids), contacts with times, people, outcomes, and follow-ups open
/// and done.
fn messy_book(b: &TestBook) -> Vec<CustomerId> {
    let mut s = b.open();
    let f = |r: Option<&str>, name: &str, company: &str, tier: &str| CustomerFields {
        ext_ref: r.map(String::from),
        name: name.into(),
        company: company.into(),
        tier: tier.into(),
        created_on: d("2025-06-01"),
        owner: b.person(),
        ..Default::default()
    };
    let mut ids = Vec::new();
    let mut zs = f(Some("K-001"), "招商银行", "招商银行股份有限公司, 深圳分行", "A");
    zs.notes = "大客户\n\"重点\"维护".into();
    zs.phone = "+86 755 8319 8888".into();
    zs.email = "zs@cmb.cn".into();
    zs.tags = "银行,VIP".into();
    zs.region = "华南".into();
    zs.address = "深圳市福田区深南大道7088号".into();
    zs.industry = "金融".into();
    zs.contact_person = "李经理".into();
    zs.temperament = Some("nit_picking".into());
    ids.push(s.add_customer(&zs).unwrap());
    ids.push(s.add_customer(&f(None, "王芳", "华信", "B")).unwrap());
    ids.push(s.add_customer(&f(None, "王芳", "华信", "C")).unwrap());
    let gone = s.add_customer(&f(None, "已删除", "", "D")).unwrap();
    ids.push(s.add_customer(&f(Some("王芳"), "Acme Trading", "Acme", "D")).unwrap());
    ids.push(s.add_customer(&f(None, "李强", "", "C")).unwrap());
    s.delete_customer(gone).unwrap();
    let contact = |customer, kind: &str, on: &str, summary: &str| NewContact {
        customer,
        kind: kind.into(),
        on: d(on),
        person: String::new(),
        summary: summary.into(),
        outcome: String::new(),
    };
    s.add_contact(
        &contact(ids[0], "visit", "2026-11-10", "季度回访, 谈了\"报价\""),
        Some(("发送报价单", d("2026-11-20"))),
    )
    .unwrap();
    let mut entry = ContactEntry {
        contact: contact(ids[1], "call", "2026-11-16", "第一行\n第二行"),
        time: NaiveTime::from_hms_opt(9, 30, 0),
        follow_up: Some(("回电".into(), d("2026-11-18"))),
        recommendation: None,
    };
    entry.contact.person = "王芳本人".into();
    entry.contact.outcome = "同意".into();
    s.log_contact(&entry, None).unwrap();
    let done = s.follow_ups_of(ids[1]).unwrap()[0].id;
    s.set_follow_up_done(done, true).unwrap();
    s.add_contact(&contact(ids[2], "email", "2026-10-01", ""), None).unwrap();
    s.add_contact(&contact(ids[3], "meal", "2026-09-30", "Lunch, with \"Bob\""), None).unwrap();
    ids
}

on_both_engines! {
fn export_import_into_an_empty_book_export_gives_the_same_files(book: &TestBook) {
    messy_book(book);
    let c1 = book.dir().join("customers-1.csv");
    let k1 = book.dir().join("contacts-1.csv");
    run_ok(book.cmd().args(["export", "customers", "-o"]).arg(&c1));
    run_ok(book.cmd().args(["export", "contacts", "--format", "csv", "--output"]).arg(&k1));

    let bytes = std::fs::read(&c1).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFref,name,company,tier,"), "UTF-8 BOM and the import's headers");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with(
        "\u{FEFF}ref,name,company,tier,contact,phone,email,region,address,industry,owner,tags,notes,created,uuid,temperament\r\n"
    ));
    assert!(text.contains("\"招商银行股份有限公司, 深圳分行\""), "{text}");
    assert!(!text.contains("已删除"));
    assert!(text.contains(",nit_picking\r\n"), "the temperament's key, last: {text}");
    let contacts = std::fs::read_to_string(&k1).unwrap();
    assert!(
        contacts.starts_with(
            "\u{FEFF}customer,date,time,kind,person,note,outcome,follow_up,follow_up_due,follow_up_done,uuid\r\n"
        )
    );
    assert!(contacts.contains("09:30") && contacts.contains("回电,2026-11-18,2026-11-23T"), "{contacts}");

    let empty = book.sibling();
    run_ok(empty.cmd().args(["import", "customers"]).arg(&c1));
    run_ok(empty.cmd().args(["import", "contacts"]).arg(&k1));
    let c2 = book.dir().join("customers-2.csv");
    let k2 = book.dir().join("contacts-2.csv");
    run_ok(empty.cmd().args(["export", "customers", "-o"]).arg(&c2));
    run_ok(empty.cmd().args(["export", "contacts", "-o"]).arg(&k2));
    assert_eq!(std::fs::read(&c2).unwrap(), std::fs::read(&c1).unwrap());
    assert_eq!(std::fs::read(&k2).unwrap(), std::fs::read(&k1).unwrap());

    // the schedules came back too
    let all = tierdesk::store::ListQuery { limit: 100, ..Default::default() };
    let a = book.open().customer_rows(&all);
    let b = empty.open().customer_rows(&all);
    let dues = |rows: Vec<tierdesk::domain::customer::CustomerRow>| {
        rows.into_iter().map(|r| (r.name, r.last_contact_on, r.next_due_on)).collect::<Vec<_>>()
    };
    assert_eq!(dues(a.unwrap()), dues(b.unwrap()));

    // importing the same export again is all duplicates: refused, then skipped
    empty.cmd().args(["import", "customers"]).arg(&c1).assert().code(2);
    let out = run_ok(empty.cmd().args(["import", "customers", "--on-duplicate", "skip"]).arg(&c1));
    assert!(out.contains("0 added, 0 updated, 5 skipped"), "{out}");
}}

on_both_engines! {
fn json_exports_carry_ids_uuids_and_the_same_fields(book: &TestBook) {
    let ids = messy_book(book);
    let out = run_ok(book.cmd().args(["export", "customers", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["customer_id"], ids[0].0);
    assert_eq!(list[0]["ref"], "K-001");
    assert_eq!(list[0]["notes"], "大客户\n\"重点\"维护");
    assert_eq!(list[3]["customer_id"], 5, "ids as in the book (4 was deleted)");
    assert_eq!(list[1]["uuid"].as_str().unwrap().len(), 36);
    let out = run_ok(book.cmd().args(["export", "contacts", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!((list[0]["customer"].as_str(), list[0]["follow_up"].as_str()), (Some("K-001"), Some("发送报价单")));
    assert_eq!(list[1]["time"], "09:30");
    // namesakes in one company are named by uuid; a ref that is someone's name by the name
    assert_eq!(list[1]["customer"].as_str().unwrap().len(), 36);
    assert_eq!(list[3]["customer"], "Acme Trading");
}}

/// RFC 5545 content lines, unfolded (a CRLF followed by a space or tab continues the line).
/// Checks the physical form on the way: CRLF everywhere, at most 75 octets a line.
fn unfold(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "the last line ends in CRLF");
    let mut lines: Vec<String> = Vec::new();
    for raw in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!raw.contains('\n') && !raw.contains('\r'), "bare line break in {raw:?}");
        assert!(raw.len() <= 75, "{} octets: {raw:?}", raw.len());
        match raw.strip_prefix([' ', '\t']) {
            Some(rest) => lines.last_mut().expect("a continuation needs a line").push_str(rest),
            None => lines.push(raw.to_string()),
        }
    }
    lines
}

/// name (with parameters) and value of a content line.
fn split(line: &str) -> (&str, &str) {
    line.split_once(':').unwrap_or_else(|| panic!("no colon in {line:?}"))
}

/// The VTODOs of a calendar: each as its properties (name with parameters -> value).
fn todos(ics: &str) -> Vec<Vec<(String, String)>> {
    let lines = unfold(ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:-//tierdesk//")));
    let mut out = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for l in &lines[1..lines.len() - 1] {
        match l.as_str() {
            "BEGIN:VTODO" => current = Some(Vec::new()),
            "END:VTODO" => out.push(current.take().unwrap()),
            _ => {
                let (name, value) = split(l);
                if let Some(c) = current.as_mut() {
                    c.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    out
}

fn prop<'a>(todo: &'a [(String, String)], name: &str) -> Option<&'a str> {
    todo.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

on_both_engines! {
fn the_due_list_as_icalendar_parses_back_one_todo_per_item_with_stable_uids(book: &TestBook) {
    let ids = messy_book(book);
    // a long Chinese summary, to be folded between characters
    let mut s = book.open();
    let long = "提醒客户签署补充协议并确认下一季度的资产配置方案以及风险测评更新和合同续签事宜";
    s.add_follow_up(ids[4], long, d("2026-11-25")).unwrap();
    drop(s);
    let ics = book.dir().join("due.ics");
    run_ok(book.cmd().args(["export", "due", "--format", "ics", "--within", "30", "-o"]).arg(&ics));
    let first = std::fs::read_to_string(&ics).unwrap();
    let items: serde_json::Value =
        serde_json::from_str(&run_ok(book.cmd().args(["due", "--within", "30", "--format", "json"]))).unwrap();
    let items = items.as_array().unwrap();
    // the open items, in the list's order (items closed lately follow, completed)
    let all = todos(&first);
    let list: Vec<_> = all.iter().filter(|t| prop(t, "STATUS") == Some("NEEDS-ACTION")).cloned().collect();
    assert_eq!(list.len(), items.len());
    assert!(list.len() >= 5, "{first}");
    assert!(all.iter().all(|t| matches!(prop(t, "STATUS"), Some("NEEDS-ACTION" | "COMPLETED"))));
    for (todo, item) in list.iter().zip(items) {
        let uid = prop(todo, "UID").expect("UID");
        assert!(uid.ends_with("@tierdesk"), "{uid}");
        let due = prop(todo, "DUE;VALUE=DATE").expect("DUE;VALUE=DATE");
        assert_eq!(due, item["due_date"].as_str().unwrap().replace('-', ""));
        let summary = prop(todo, "SUMMARY").expect("SUMMARY");
        assert!(summary.starts_with(item["name"].as_str().unwrap()), "{summary}");
        assert!(prop(todo, "DTSTAMP").is_some());
    }
    let uids: BTreeSet<&str> = all.iter().map(|t| prop(t, "UID").unwrap()).collect();
    assert_eq!(uids.len(), all.len(), "UIDs are unique");
    // the summary is one capped line; the whole text is in the description, folded
    assert!(list.iter().any(|t| prop(t, "DESCRIPTION").unwrap().contains(long)), "folded text unfolds whole");
    assert!(first.lines().any(|l| l.starts_with(' ')), "long lines are folded");

    // a later export, after a contact was logged today: the items it met go out completed
    // under the same UIDs, the rest keep theirs, and the next due date is a new item
    let mut s = book.open();
    s.add_contact(
        &NewContact {
            customer: ids[0],
            kind: "call".into(),
            on: d("2026-11-23"),
            person: String::new(),
            summary: String::new(),
            outcome: String::new(),
        },
        None,
    )
    .unwrap();
    drop(s);
    let second = run_ok(book.cmd().args(["export", "due", "--within", "30"]));
    let again: BTreeSet<String> = todos(&second).iter().map(|t| prop(t, "UID").unwrap().to_string()).collect();
    let before: BTreeSet<String> = uids.iter().map(|u| u.to_string()).collect();
    assert!(before.is_subset(&again), "{again:?} vs {before:?}");
    let completed: BTreeSet<String> = todos(&second)
        .iter()
        .filter(|t| prop(t, "STATUS") == Some("COMPLETED"))
        .map(|t| prop(t, "UID").unwrap().to_string())
        .collect();
    assert!(completed.iter().all(|u| before.contains(u)) && !completed.is_empty(), "{completed:?}");
    let third = run_ok(book.cmd().args(["export", "due", "--within", "30"]));
    assert_eq!(second, third, "the same book and day give the same file");
}}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent_and_private() {
    // SQLite's online backup (tests/team/cli_backup.rs backs up a team book).
    let solo = TestBook::new(Engine::Sqlite).unwrap();
    messy_book(&solo);
    let book = solo.dir().join("book.sqlite");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (book, stop) = (book.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut s = open(&book);
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) || n < 50 {
                let f = CustomerFields {
                    name: format!("并发客户 {n}"),
                    tier: "C".into(),
                    notes: "x".repeat(500),
                    created_on: d("2026-11-01"),
                    ..Default::default()
                };
                s.add_customer(&f).unwrap();
                n += 1;
            }
            n
        })
    };
    let backup = solo.dir().join("backups").join("book-backup.sqlite");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let mut counts = Vec::new();
    for i in 0..3 {
        let mut cmd = tierdesk_on(&book);
        cmd.arg("backup").arg(&backup);
        if i > 0 {
            cmd.arg("--force");
        }
        let out = run_ok(&mut cmd);
        assert!(out.contains("backed up"), "{out}");
        let conn = rusqlite::Connection::open(&backup).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "delete", "the copy is one self-contained file");
        counts.push(conn.query_row("SELECT count(*) FROM customers", [], |r| r.get::<_, i64>(0)).unwrap());
        drop(conn);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written >= 50);
    assert!(counts.iter().all(|n| *n >= 5), "{counts:?}");
    let names: Vec<_> = std::fs::read_dir(backup.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("book-backup.sqlite")], "no partial or -wal files left");
    // the backup opens as a book
    let s = open(&backup);
    assert_eq!(s.customer(CustomerId(1)).unwrap().unwrap().fields.name, "招商银行");
}

#[test]
fn a_backup_never_replaces_a_file_unless_forced_nor_the_book_itself() {
    // SQLite's online backup (tests/team/cli_backup.rs backs up a team book).
    let solo = TestBook::new(Engine::Sqlite).unwrap();
    messy_book(&solo);
    let book = solo.dir().join("book.sqlite");
    let target = solo.dir().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let out = tierdesk_on(&book).arg("backup").arg(&target).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists; add --force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let out = tierdesk_on(&book).arg("backup").arg(&book).arg("--force").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the book itself"));
    run_ok(tierdesk_on(&book).arg("backup").arg(&target).arg("--force"));
    assert!(std::fs::read(&target).unwrap().starts_with(b"SQLite format 3\0"));
    let missing = solo.dir().join("nothing-here.sqlite");
    let out = tierdesk_on(&missing).arg("backup").arg(solo.dir().join("x.sqlite")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists(), "no book is created to back it up");
}
