//! `tierdesk import customers|contacts` through the real binary, on real files written into
//! temp folders: every file shape (BOM, GB18030, CRLF, quoted commas and line breaks, blank
//! trailing lines, Chinese headers in odd order), every bad-row reason with the book checked
//! untouched, dry runs, duplicates, and contacts whose due dates follow.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use rstest::rstest;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::store::prelude::*;

const TODAY: &str = "2026-11-23";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A book with three customers: 招商银行 (ref K-001, A), 王芳 of 华信 (B), 李强 of 远航 (C).
fn seeded(b: &TestBook) {
    let mut s = b.open();
    for (r, name, company, tier) in [
        (Some("K-001"), "招商银行", "招商银行股份有限公司", "A"),
        (None, "王芳", "华信", "B"),
        (None, "李强", "远航", "C"),
    ] {
        s.add_customer(&CustomerFields {
            ext_ref: r.map(String::from),
            name: name.into(),
            company: company.into(),
            tier: tier.into(),
            created_on: d("2026-01-05"),
            owner: b.person(),
            ..Default::default()
        })
        .unwrap();
    }
}

/// Everything an import could touch: row counts and every customer's fields and schedule.
fn snapshot(b: &TestBook) -> String {
    let counts = ["customers", "contacts", "follow_ups", "tier_changes"].map(|t| format!("SELECT count(*) FROM {t}"));
    let rows = "SELECT id, uuid, ext_ref, name, company, tier, phone, email, created_on, last_contact_on, next_due_on, \
                updated_at FROM customers ORDER BY id";
    let mut out = String::new();
    match b.pg() {
        None => {
            let conn = rusqlite::Connection::open(b.dir().join("book.sqlite")).unwrap();
            for sql in &counts {
                let n: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
                out.push_str(&format!("{sql}: {n}\n"));
            }
            let mut st = conn.prepare(rows).unwrap();
            let rows = st
                .query_map([], |r| {
                    Ok((0..12).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|"))
                })
                .unwrap();
            for r in rows {
                out.push_str(&r.unwrap());
                out.push('\n');
            }
        }
        Some(pg) => {
            let mut conn = pg.connect_as(&pg.owner);
            for sql in &counts {
                let n: i64 = conn.query_one(sql.as_str(), &[]).unwrap().get(0);
                out.push_str(&format!("{sql}: {n}\n"));
            }
            for r in conn.query(&format!("SELECT row_to_json(c)::text FROM ({rows}) c"), &[]).unwrap() {
                out.push_str(r.get(0));
                out.push('\n');
            }
        }
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn customer(b: &TestBook, name: &str) -> tierdesk::domain::customer::Customer {
    let s = b.open();
    let rows = s.find_customers(name).unwrap();
    assert_eq!(rows.len(), 1, "{name}: {rows:?}");
    s.customer(rows[0].id).unwrap().unwrap()
}

on_both_engines! {
fn a_messy_excel_file_comes_in_bom_crlf_quotes_line_breaks_blank_lines_chinese_headers_in_odd_order(book: &TestBook) {
    seeded(book);
    let text = "\u{FEFF}备注,等级,公司,客户名称,内部代码,电话,编号,创建日期\r\n\
                \"第一行\r\n第二行\",b,\"远航物流,上海分公司\",欧阳娜娜,X-1,+86 138 0013 8000,K-100,2026/3/5\r\n\
                ,A,\"Acme \"\"Trading\"\"\",Acme,X-2,,,\r\n\
                ,,,,,,,\r\n\r\n\r\n";
    let file = write(book.dir(), "客户信息表.csv", text.as_bytes());
    let (code, out, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(UTF-8, 2 rows): customers 2 added, 0 updated, 0 skipped"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("warning:") && err.contains("column \"内部代码\"") && err.contains("ignored"), "{err}");
    let c = customer(book, "欧阳娜娜");
    let f = &c.fields;
    assert_eq!(f.notes, "第一行\r\n第二行");
    assert_eq!((f.company.as_str(), f.tier.as_str()), ("远航物流,上海分公司", "B"));
    assert_eq!(
        (f.ext_ref.as_deref(), f.phone.as_str(), f.created_on),
        (Some("K-100"), "+86 138 0013 8000", d("2026-03-05"))
    );
    // created 2026-03-05, tier B (every 2 weeks), never contacted
    assert_eq!(c.next_due_on, d("2026-03-19"));
    let acme = customer(book, "Acme");
    assert_eq!((acme.fields.company.as_str(), acme.fields.created_on), ("Acme \"Trading\"", d(TODAY)));
    let history = book.open().tier_history(c.id).unwrap();
    assert_eq!((history.len(), history[0].reason.as_str()), (1, "import"));
}
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const GBK_FILE: &str = "名称,等级,公司,地区\r\n张伟,C,北京福瑞药业有限公司,华北\r\n曾一鸣,D,广州万通供应链,华南\r\n";

on_both_engines! {
fn gb18030_from_chinese_windows_excel_is_detected(book: &TestBook) {
    seeded(book);
    let bytes = gb18030(GBK_FILE);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be UTF-8");
    let file = write(book.dir(), "gbk.csv", &bytes);
    let (code, out, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(GB18030, 2 rows)"), "{out}");
    assert_eq!(customer(book, "曾一鸣").fields.company, "广州万通供应链");
    assert_eq!(customer(book, "张伟").fields.region, "华北");
}
}

on_both_engines! {
fn the_encoding_can_be_named_and_a_wrong_one_refuses_every_unreadable_row(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "gbk.csv", &gb18030(GBK_FILE));
    let before = snapshot(book);
    let (code, _, err) =
        output(book.cmd().args(["import", "customers", "--encoding", "utf-8"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    // the header itself is unreadable: no name column
    assert!(err.contains("no \"name\" column"), "{err}");
    assert_eq!(snapshot(book), before);
    let (code, out, err) =
        output(book.cmd().args(["import", "customers", "--encoding", "gbk"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added"), "{out}");
}
}

/// One good row and one bad row (line 3) of each kind: the import is refused with that
/// line, column and reason, and the book is exactly as before.
#[rstest]
#[case::missing_name("name,tier,phone\n,A,\n", "line 3, name: required")]
#[case::unknown_tier("name,tier\n甲,Z\n", "line 3, tier: no such tier; choose one of A B C D")]
#[case::impossible_date("name,created\n甲,2026-02-30\n", "line 3, created: not a real date")]
#[case::future_date("name,created\n甲,2026-11-24\n", "line 3, created: cannot be after today")]
#[case::unreadable_bytes("name,company\n甲,\u{FFFD}\n", "line 3, company: unreadable bytes")]
#[case::over_long_field("name,address\n甲,ADDRESS\n", "line 3, address: too long")]
#[case::over_long_notes("name,notes\n甲,NOTES\n", "line 3, notes: too long")]
#[case::bad_email("name,email\n甲,someone@\n", "line 3, email: not a valid e-mail address")]
#[case::bad_phone("name,phone\n甲,call me\n", "line 3, phone: does not look like a phone number")]
#[case::bad_uuid("name,uuid\n甲,K-001\n", "line 3, uuid: not a uuid")]
#[case::extra_cells("name,tier\n甲,A,surplus\n", "line 3: 3 cells, but the header has 2 columns")]
fn each_bad_row_reason_refuses_the_whole_import_and_leaves_the_book_untouched(
    #[case] rows: &str,
    #[case] expected: &str,
    #[values(Engine::Sqlite, Engine::Postgres)] engine: Engine,
) {
    let Some(book) = TestBook::new(engine) else { return };
    let book = &book;
    seeded(book);
    let (header, bad) = rows.split_once('\n').unwrap();
    let bad = bad.replace("ADDRESS", &"路".repeat(201)).replace("NOTES", &"记".repeat(5001));
    let good = header.split(',').map(|h| if h == "name" { "好客户" } else { "" }).collect::<Vec<_>>().join(",");
    let mut bytes = format!("{header}\n{good}\n{bad}").into_bytes();
    if expected.contains("unreadable") {
        // a byte that is no UTF-8 in an otherwise UTF-8 file (with enough Chinese to tell)
        let at = bytes.windows(3).position(|w| w == "\u{FFFD}".as_bytes()).unwrap();
        bytes.splice(at..at + 3, [0xFFu8]);
    }
    let file = write(book.dir(), "bad.csv", &bytes);
    let before = snapshot(book);
    let (code, out, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("1 bad row; nothing was imported"), "{err}");
    assert!(err.contains(expected), "wanted {expected:?} in\n{err}");
    assert_eq!(snapshot(book), before);
}

on_both_engines! {
fn every_bad_row_is_listed_by_its_physical_line_not_only_the_first(book: &TestBook) {
    seeded(book);
    let text = "name,tier,notes,created\r\n\
                ok,A,\"a note\r\nover\r\nthree lines\",\r\n\
                bad one,Q,,\r\n\
                ,B,\"x\ny\",2026-13-01\r\n\
                fine,C,,\r\n\
                bad three,A,,2025-02-29\r\n";
    let file = write(book.dir(), "many.csv", text.as_bytes());
    let before = snapshot(book);
    let (code, _, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 2);
    let listed: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
    assert_eq!(
        listed,
        vec![
            "line 5, tier: no such tier; choose one of A B C D",
            "line 6, name: required",
            "line 6, created: not a real date (YYYY-MM-DD)",
            "line 9, created: not a real date (YYYY-MM-DD)",
        ],
        "{err}"
    );
    assert!(err.starts_with("tierdesk: ") && err.contains("3 bad rows"), "{err}");
    assert_eq!(snapshot(book), before);
}
}

on_both_engines! {
fn a_file_without_a_name_column_is_refused(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "noname.csv", "公司,等级\n华信,A\n".as_bytes());
    let before = snapshot(book);
    let (code, _, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 2);
    assert!(err.contains("no \"name\" column (a header named name or 名称 or 客户名称)"), "{err}");
    assert_eq!(snapshot(book), before);
    let empty = write(book.dir(), "empty.csv", b"\r\n\r\n");
    let (code, _, err) = output(book.cmd().args(["import", "customers"]).arg(&empty));
    assert_eq!(code, 2);
    assert!(err.contains("the file is empty"), "{err}");
}
}

const DUPLICATES: &str = "编号,名称,公司,等级,电话\n\
    K-001,招商银行(总行),招商银行股份有限公司,B,95555\n\
    ,王芳,华信,A,13800138000\n\
    ,新客户,远航,C,\n\
    ,新客户,远航,D,021-68888888\n\
    K-002,李强,远航,A,\n";

on_both_engines! {
fn dry_run_says_what_would_happen_and_writes_nothing(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "dups.csv", DUPLICATES.as_bytes());
    let before = snapshot(book);
    let (code, out, err) = output(
        book.cmd().args(["import", "customers", "--dry-run", "--on-duplicate", "skip"]).arg(&file),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("dry run, nothing written"), "{out}");
    assert!(out.contains("customers 2 added, 0 updated, 3 skipped"), "{out}");
    let (code, out, _) = output(
        book.cmd().args(["import", "customers", "--dry-run", "--on-duplicate", "update"]).arg(&file),
    );
    assert_eq!(code, 0);
    assert!(out.contains("2 added, 2 updated, 0 skipped, 1 merged into an earlier row"), "{out}");
    assert_eq!(snapshot(book), before);
}
}

on_both_engines! {
fn duplicates_fail_by_default_listing_each_against_the_book_and_the_file(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "dups.csv", DUPLICATES.as_bytes());
    let before = snapshot(book);
    let (code, _, err) = output(book.cmd().args(["import", "customers"]).arg(&file));
    assert_eq!(code, 2);
    assert!(err.contains("3 rows are already in the book or earlier in the file"), "{err}");
    assert!(err.contains("line 2: ref \"K-001\": as customer #1 in the book"), "{err}");
    assert!(err.contains("line 3: name \"王芳\", company \"华信\": as customer #2 in the book"), "{err}");
    assert!(err.contains("line 5: name \"新客户\", company \"远航\": as line 4"), "{err}");
    assert_eq!(snapshot(book), before);
}
}

on_both_engines! {
fn duplicates_skipped_keep_the_book_customer_as_it_was(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "dups.csv", DUPLICATES.as_bytes());
    let (code, out, _) =
        output(book.cmd().args(["import", "customers", "--on-duplicate", "skip"]).arg(&file));
    assert_eq!(code, 0);
    assert!(out.contains("2 added, 0 updated, 3 skipped"), "{out}");
    let s = book.open();
    assert_eq!(s.count_customers(None, None, &Owners::All).unwrap(), 5);
    let k1 = s.customer(CustomerId(1)).unwrap().unwrap();
    assert_eq!((k1.fields.name.as_str(), k1.fields.tier.as_str()), ("招商银行", "A"));
    assert_eq!(customer(book, "新客户").fields.tier, "C");
}
}

on_both_engines! {
fn duplicates_updated_replace_the_given_fields_and_record_tier_changes_as_import(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "dups.csv", DUPLICATES.as_bytes());
    let (code, out, err) =
        output(book.cmd().args(["import", "customers", "--on-duplicate", "update"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added, 2 updated, 0 skipped"), "{out}");
    let s = book.open();
    assert_eq!(s.count_customers(None, None, &Owners::All).unwrap(), 5);
    let k1 = s.customer(CustomerId(1)).unwrap().unwrap();
    assert_eq!(
        (k1.fields.name.as_str(), k1.fields.tier.as_str(), k1.fields.phone.as_str()),
        ("招商银行(总行)", "B", "95555")
    );
    // B from 2026-01-05 (never contacted): due 2026-01-19
    assert_eq!(k1.next_due_on, d("2026-01-19"));
    let history = s.tier_history(CustomerId(1)).unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.from.as_deref(), last.to.as_str(), last.reason.as_str()), (Some("A"), "B", "import"));
    let wang = s.customer(CustomerId(2)).unwrap().unwrap();
    assert_eq!((wang.fields.tier.as_str(), wang.fields.phone.as_str()), ("A", "13800138000"));
    // the later row of the file replaced the earlier one's fields before it was added
    let new = customer(book, "新客户");
    assert_eq!((new.fields.tier.as_str(), new.fields.phone.as_str()), ("D", "021-68888888"));
    // a row with a new ref is a new customer, though name and company are known
    assert_eq!(s.find_customers("K-002").unwrap()[0].name, "李强");
}
}

on_both_engines! {
fn a_write_that_fails_half_way_writes_nothing(book: &TestBook) {
    // Row 2 adds ref NEW-1; row 3 (the book's 招商银行, found by its uuid) takes the same
    // ref: only the database sees that, after row 2 is written. All of it is rolled back.
    seeded(book);
    let uuid = book.open().customer_uuid(CustomerId(1)).unwrap().unwrap();
    let text = format!("uuid,ref,name\n,NEW-1,新客户\n{uuid},NEW-1,招商银行\n");
    let file = write(book.dir(), "clash.csv", text.as_bytes());
    let before = snapshot(book);
    let (code, _, err) =
        output(book.cmd().args(["import", "customers", "--on-duplicate", "update"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("reference \"NEW-1\" is already used"), "{err}");
    assert_eq!(snapshot(book), before);
}
}

on_both_engines! {
fn contacts_come_in_with_their_follow_ups_and_the_due_dates_follow(book: &TestBook) {
    seeded(book);
    let text = "\u{FEFF}客户,日期,方式,内容,跟进事项,跟进日期\r\n\
                K-001,2026-11-20,电话,\"谈了报价,下周见\",发送报价单,+3d\r\n\
                K-001,2026-11-02,visit,,,\r\n\
                王芳,2026-11-16,拜访,季度回访,,\r\n\
                \r\n";
    let file = write(book.dir(), "contacts.csv", text.as_bytes());
    let (code, out, err) = output(book.cmd().args(["import", "contacts"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(UTF-8, 3 rows): contacts 3 added, 1 follow-ups"), "{out}");
    let s = book.open();
    let k1 = s.customer(CustomerId(1)).unwrap().unwrap();
    // A, weekly: the latest contact (11-20) counts, not the one typed after it (11-02)
    assert_eq!((k1.last_contact_on, k1.next_due_on), (Some(d("2026-11-20")), d("2026-11-27")));
    let follow_ups = s.follow_ups_of(CustomerId(1)).unwrap();
    assert_eq!((follow_ups[0].what.as_str(), follow_ups[0].due_on), ("发送报价单", d("2026-11-23")));
    let wang = s.customer(CustomerId(2)).unwrap().unwrap();
    assert_eq!((wang.last_contact_on, wang.next_due_on), (Some(d("2026-11-16")), d("2026-11-30")));
    let contacts = s.contacts_of(CustomerId(1), 10).unwrap();
    assert_eq!((contacts[0].kind.as_str(), contacts[0].summary.as_str()), ("call", "谈了报价,下周见"));
    // the follow-up is on today's list
    let due = book.cmd().args(["due", "--format", "json"]).output().unwrap();
    let items: serde_json::Value = serde_json::from_slice(&due.stdout).unwrap();
    assert!(items.as_array().unwrap().iter().any(|i| i["reason"] == "follow_up" && i["detail"] == "发送报价单"));
}
}

on_both_engines! {
fn contacts_with_any_bad_row_are_refused_whole_every_row_listed(book: &TestBook) {
    seeded(book);
    // two customers named 赵敏 make the name ambiguous
    book.cmd().args(["customer", "add", "--name", "赵敏", "--tier", "C"]).assert().success();
    book.cmd().args(["customer", "add", "--name", "赵敏", "--tier", "D"]).assert().success();
    let text = "customer,date,kind,note,follow_up,follow_up_due\n\
                K-001,2026-11-20,call,fine,,\n\
                nobody,2026-11-20,call,,,\n\
                赵敏,2026-11-20,call,,,\n\
                王芳,2026-11-24,call,,,\n\
                王芳,2026-11-20,fax,,,\n\
                王芳,2026-11-20,call,,回电,\n\
                王芳,2026-11-20,call,,回电,2026-11-01\n\
                王芳,2026-02-30,call,,,\n";
    let file = write(book.dir(), "contacts.csv", text.as_bytes());
    let before = snapshot(book);
    let (code, _, err) = output(book.cmd().args(["import", "contacts"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    let listed: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
    assert_eq!(listed.len(), 7, "{err}");
    assert!(listed[0].starts_with("line 3, customer: no customer with the ref or name \"nobody\""), "{err}");
    assert!(listed[1].starts_with("line 4, customer: \"赵敏\" matches 2 customers (#4, #5)"), "{err}");
    assert_eq!(listed[2], "line 5, date: cannot be after today");
    assert!(listed[3].starts_with("line 6, kind: unknown contact kind \"fax\"; choose one of visit, call"), "{err}");
    assert!(listed[4].starts_with("line 7, follow_up_due:"), "{err}");
    assert!(listed[5].starts_with("line 8, follow_up_due:"), "{err}");
    assert!(listed[6].starts_with("line 9, date: not a real date"), "{err}");
    assert_eq!(snapshot(book), before);
}
}

on_both_engines! {
fn contacts_dry_run_writes_nothing(book: &TestBook) {
    seeded(book);
    let file = write(book.dir(), "c.csv", "customer,date,kind\nK-001,2026-11-20,call\n".as_bytes());
    let before = snapshot(book);
    let (code, out, _) = output(book.cmd().args(["import", "contacts", "--dry-run"]).arg(&file));
    assert_eq!(code, 0);
    assert!(out.contains("dry run, nothing written") && out.contains("contacts 1 added"), "{out}");
    assert_eq!(snapshot(book), before);
}
}
