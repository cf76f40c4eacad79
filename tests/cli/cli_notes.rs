//! `tierdesk search --in notes` through the real binary, on both engines: hits with
//! customer, date, where and snippet, newest first, as text and JSON; the default search
//! still looks at names only.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::Value;
use tierdesk::domain::history::NewContact;

fn write_notes(b: &TestBook) {
    let ids = crate::books::fixture(b);
    let mut s = b.open();
    let note = |customer, on: &str, summary: &str, outcome: &str| NewContact {
        customer,
        kind: "call".into(),
        on: on.parse().unwrap(),
        person: String::new(),
        summary: summary.into(),
        outcome: outcome.into(),
    };
    s.add_contact(&note(ids[1], "2026-11-18", "客户上次来电问了债券基金的收益和风险，下周再谈", ""), None).unwrap();
    s.add_contact(&note(ids[2], "2026-11-19", "call", "wants 50% in the bond fund"), None).unwrap();
    s.add_follow_up(ids[4], "寄债券基金资料", "2026-11-30".parse().unwrap()).unwrap();
}

fn run(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().arg("search").args(args).output().unwrap();
    assert!(out.status.success(), "search {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

on_both_engines! {
fn notes_search_gives_customer_date_and_snippet_newest_first(book: &TestBook) {
    write_notes(book);
    let json: Value = serde_json::from_str(&run(book, &["--in", "notes", "债券基金", "--format", "json"])).unwrap();
    let rows: Vec<(String, String, String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or_default().to_string();
            (s("name"), s("date"), s("source"), s("snippet"))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("李强".into(), "2026-11-30".into(), "follow_up".into(), "寄债券基金资料".into()),
            ("王芳".into(), "2026-11-18".into(), "summary".into(), "客户上次来电问了债券基金的收益和风险，下周再谈".into()),
        ]
    );
    assert!(json[0]["customer_id"].as_i64().is_some() && json[0]["id"].as_i64().is_some());

    let text = run(book, &["--in", "notes", "50%", "--all"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("Date") && lines[0].contains("Snippet"), "{text}");
    assert!(lines[1].starts_with("2026-11-19  Acme Trading") && lines[1].contains("outcome"), "{text}");
    assert!(lines[1].ends_with("wants 50% in the bond fund"), "{text}");

    // Two characters, and a text nowhere: the table's header alone.
    assert_eq!(run(book, &["--in", "notes", "基金", "--limit", "1"]).lines().count(), 2);
    assert_eq!(run(book, &["--in", "notes", "股票"]).lines().count(), 1);
    // The default looks at names, as before.
    assert_eq!(run(book, &["债券基金", "--format", "json"]).trim(), "[]");
}
}
