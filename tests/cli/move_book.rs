//! A move that loses nothing (issue 15, point 5): `export all` then `import all` into a fresh
//! book gives the same due list, report, history and customer views; a second import adds
//! nothing; a bad record or a newer document writes nothing.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::tierdesk_on;

const TODAY: &str = "2026-03-02";

/// The binary on the book `book`, today fixed.
fn on(book: &Path) -> assert_cmd::Command {
    let mut cmd = tierdesk_on(book);
    cmd.env("TIERDESK_TODAY", TODAY);
    cmd
}

fn ok(book: &Path, args: &[&str]) -> Vec<u8> {
    let out = on(book).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn json(book: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&ok(book, args)).unwrap()
}

/// A value with the local ids taken out (a moved book may number its rows otherwise).
fn ids_aside(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "id" && !k.ends_with("_id"))
                .map(|(k, v)| (k.clone(), ids_aside(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(ids_aside).collect()),
        other => other.clone(),
    }
}

/// A demo book in `dir`, exported whole: (the book, the document).
fn demo_exported(dir: &Path) -> (PathBuf, PathBuf) {
    let book = dir.join("old.sqlite");
    let due = json(&book, &["--demo", "due", "--format", "json"]);
    // A snooze and a late payment, which the demo has none of.
    let id = due[0]["customer_id"].to_string();
    ok(&book, &["snooze", &id, "--until", "+3d", "--reason", "on holiday"]);
    ok(&book, &["payment", "late", &id, "--note", "invoice 7"]);
    let doc = dir.join("book.json");
    ok(&book, &["export", "all", "-o", doc.to_str().unwrap()]);
    (book, doc)
}

/// What a person sees of a book, ids aside: the month's due list, the report, and for a
/// sample of customers (by ref) their view and their whole history.
fn views(book: &Path) -> Vec<Value> {
    let mut seen = vec![
        json(book, &["due", "--all", "--within", "30", "--format", "json"]),
        json(book, &["report", "--format", "json"]),
        // The notes index: filled in bulk by the import, then kept by its triggers again.
        json(book, &["search", "--in", "notes", "--all", "报价", "--format", "json"]),
        json(book, &["search", "--in", "notes", "--all", "price list", "--format", "json"]),
        json(book, &["search", "--in", "notes", "--all", "计划", "--format", "json"]),
    ];
    let customers = json(book, &["customer", "list", "--format", "json"]);
    let refs: Vec<String> =
        customers.as_array().unwrap().iter().step_by(7).map(|c| c["ref"].as_str().unwrap().to_string()).collect();
    assert!(refs.len() > 10);
    for r in &refs {
        seen.push(json(book, &["customer", "show", r, "--format", "json"]));
        seen.push(json(book, &["history", "--all", r, "--format", "json"]));
    }
    seen.iter().map(ids_aside).collect()
}

/// Rows per table of the book (the notes index's shadow tables aside: how its terms are cut
/// into segments depends on how it was filled; the searches in `views` check what it finds).
fn counts(book: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(book).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%notes!_%' ESCAPE '!' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn a_demo_book_moved_whole_reads_the_same_in_its_new_book() {
    let dir = tempfile::tempdir().unwrap();
    let (old, doc) = demo_exported(dir.path());
    let new = dir.path().join("new.sqlite");
    ok(&new, &["import", "all", doc.to_str().unwrap()]);
    assert_eq!(views(&new), views(&old));
    // Every record came, the history too (its changes and log rows as they were).
    assert_eq!(counts(&new), counts(&old));
    // The notes index finds the moved notes, and after the import its triggers index a new one.
    let found = json(&new, &["search", "--in", "notes", "--all", "报价", "--format", "json"]);
    assert!(!found.as_array().unwrap().is_empty(), "{found}");
    let someone = json(&new, &["customer", "list", "--format", "json"])[0]["ref"].as_str().unwrap().to_string();
    ok(&new, &["log", &someone, "--kind", "call", "--note", "问了可转债的打新安排"]);
    let found = json(&new, &["search", "--in", "notes", "--all", "可转债", "--format", "json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
}

#[test]
fn importing_the_same_document_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_exported(dir.path());
    let new = dir.path().join("new.sqlite");
    let first = json(&new, &["import", "all", doc.to_str().unwrap(), "--format", "json"]);
    let added: u64 = first["sections"].as_array().unwrap().iter().map(|s| s["added"].as_u64().unwrap()).sum();
    assert!(added > 1000, "{first}");
    let (rows, seen) = (counts(&new), views(&new));
    let second = json(&new, &["import", "all", doc.to_str().unwrap(), "--format", "json"]);
    for s in second["sections"].as_array().unwrap() {
        assert_eq!(s["added"], 0, "{s}");
    }
    assert_eq!(counts(&new), rows);
    assert_eq!(views(&new), seen);
}

/// The document with `edit` applied to it, written beside it.
fn edited(doc: &Path, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut v: Value = serde_json::from_slice(&std::fs::read(doc).unwrap()).unwrap();
    edit(&mut v);
    let out = doc.with_file_name("edited.json");
    std::fs::write(&out, serde_json::to_vec(&v).unwrap()).unwrap();
    out
}

#[test]
fn a_document_with_a_bad_record_writes_nothing_and_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_exported(dir.path());
    let bad = edited(&doc, |v| {
        v["contacts"][41]["customer_uuid"] = Value::from("no-such-customer");
    });
    let new = dir.path().join("new.sqlite");
    ok(&new, &["customer", "list"]);
    let before = counts(&new);
    let out = on(&new).args(["--lang", "en", "import", "all", bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Record 42 of contacts") && err.contains("no-such-customer"), "{err}");
    assert_eq!(counts(&new), before, "nothing written");
}

#[test]
fn a_document_of_a_newer_version_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_exported(dir.path());
    let newer = edited(&doc, |v| v["version"] = Value::from(2));
    let new = dir.path().join("new.sqlite");
    let out = on(&new).args(["--lang", "en", "import", "all", newer.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer tierdesk (document version 2, this one reads up to 1)"), "{err}");
    let not_ours = edited(&doc, |v| v["format"] = Value::from("something-else"));
    let out = on(&new).args(["--lang", "en", "import", "all", not_ours.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a tierdesk book document"));
}

#[test]
fn the_document_names_records_by_uuid_and_keeps_follow_ups_without_a_contact() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_exported(dir.path());
    let v: Value = serde_json::from_slice(&std::fs::read(&doc).unwrap()).unwrap();
    assert_eq!(v["format"], "tierdesk-book");
    assert_eq!(v["version"], 1);
    let follow_ups = v["follow_ups"].as_array().unwrap();
    assert!(follow_ups.iter().any(|f| f["contact_uuid"].is_null()), "a follow-up of its own");
    assert!(follow_ups.iter().all(|f| f.get("customer_id").is_none() && f["customer_uuid"].is_string()));
    for section in [
        "people",
        "customers",
        "contacts",
        "snoozes",
        "late_payments",
        "assessments",
        "assessment_answers",
        "tier_changes",
        "indicator_values",
    ] {
        assert!(!v[section].as_array().unwrap().is_empty(), "{section} is empty in the demo's document");
    }
    for section in ["changes", "audit_log"] {
        assert!(!v[section].as_array().unwrap().is_empty(), "{section}");
    }
}

#[test]
fn a_contacts_file_imported_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite");
    ok(&old, &["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "K-1"]);
    ok(&old, &["log", "K-1", "--kind", "call", "--note", "asked about the bond fund"]);
    ok(&old, &["log", "K-1", "--kind", "visit", "--note", "brought the papers"]);
    let (customers, contacts) = (dir.path().join("customers.csv"), dir.path().join("contacts.csv"));
    ok(&old, &["export", "customers", "-o", customers.to_str().unwrap()]);
    ok(&old, &["export", "contacts", "-o", contacts.to_str().unwrap()]);
    let text = std::fs::read_to_string(&contacts).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",uuid"), "{text}");
    let json_export = json(&old, &["export", "contacts", "--format", "json"]);
    assert!(json_export[0]["uuid"].is_string(), "{json_export}");
    let new = dir.path().join("new.sqlite");
    ok(&new, &["import", "customers", customers.to_str().unwrap()]);
    let first =
        String::from_utf8(ok(&new, &["--lang", "en", "import", "contacts", contacts.to_str().unwrap()])).unwrap();
    assert!(first.contains("contacts 2 added"), "{first}");
    let preview =
        String::from_utf8(ok(&new, &["--lang", "en", "import", "contacts", contacts.to_str().unwrap(), "--dry-run"]))
            .unwrap();
    assert!(preview.contains("0 added") && preview.contains("2 already in the book"), "{preview}");
    let again =
        String::from_utf8(ok(&new, &["--lang", "en", "import", "contacts", contacts.to_str().unwrap()])).unwrap();
    assert!(again.contains("0 added") && again.contains("2 already in the book"), "{again}");
    let shown = json(&new, &["export", "contacts", "--format", "json"]);
    assert_eq!(shown.as_array().unwrap().len(), 2);
    assert_eq!(shown[0]["uuid"], json_export[0]["uuid"], "the contact keeps its uuid in its new book");
}
