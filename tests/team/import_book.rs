//! `tierdesk --db postgres://LOGIN@... team import-book FILE --owner LOGIN`: a solo book made
//! by the real binary (and the store, for what the command line does not do) comes into the
//! team book whole, history included, in one transaction; read back as its new owner.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use predicates::prelude::*;
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::grading::Value;
use tierdesk::domain::history::FollowUpId;
use tierdesk::domain::questionnaire::Answers;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;
use tierdesk::store::{Measurement, Store, migrations};

use crate::access::count;
use crate::common::tierdesk_at;
use crate::pg::{PgRun, start};

const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

/// The tables brought in (besides the history), for counting.
const RECORDS: [&str; 11] = [
    "customers",
    "tier_changes",
    "contacts",
    "follow_ups",
    "follow_up_reschedules",
    "snoozes",
    "assessments",
    "assessment_answers",
    "assessment_drafts",
    "assessment_draft_answers",
    "indicator_values",
];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A team book with a lead, `lin` on their team, `other` on no team.
struct Team {
    pg: PgRun,
    dir: tempfile::TempDir,
    lead: String,
    lin: String,
    other: String,
}

fn team() -> Option<Team> {
    let pg = start()?;
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |args: &[&str]| tierdesk_at(dir.path(), &owner).args(args).assert().success();
    run(&["team", "init"]);
    let (lead, lin, other) = (pg.login("lead"), pg.login("lin"), pg.login("other"));
    run(&["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]);
    run(&["team", "add-person", &lin, "--name", "Lin", "--role", "manager", "--lead", &lead]);
    run(&["team", "add-person", &other, "--name", "Other", "--role", "manager"]);
    Some(Team { pg, dir, lead, lin, other })
}

impl Team {
    fn as_(&self, login: &str, args: &[&str]) -> assert_cmd::assert::Assert {
        tierdesk_at(self.dir.path(), &self.pg.url_as(login)).args(args).assert()
    }

    fn import(&self, login: &str, file: &Path, owner: &str) -> assert_cmd::assert::Assert {
        self.as_(login, &["team", "import-book", file.to_str().unwrap(), "--owner", owner])
    }

    /// Rows of every table, read past row-level security (the database's owner).
    fn counts(&self) -> Vec<(String, i64)> {
        let mut c = self.pg.connect_as(&self.pg.owner);
        RECORDS
            .iter()
            .chain(&["changes", "audit_log"])
            .map(|t| (t.to_string(), count(&mut c, &format!("SELECT count(*) FROM {t}"))))
            .collect()
    }
}

/// A solo book with a bit of everything, made by the binary and the store: three customers
/// (one removed again, its history kept), contacts, a follow-up moved once, a tier change,
/// an assessment, a draft, a snooze, indicator values, an edit of the fields.
fn solo_book(dir: &Path) -> PathBuf {
    let book = dir.join("solo.sqlite");
    let b = book.to_str().unwrap();
    let run = |args: &[&str]| tierdesk_at(dir, b).args(args).assert().success();
    run(&["init"]);
    run(&["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "R1", "--created", "2026-01-10"]);
    run(&["customer", "add", "--name", "Zed Co", "--tier", "C", "--ref", "R2", "--created", "2026-02-01"]);
    run(&["customer", "add", "--name", "Gone", "--tier", "C"]);
    run(&[
        "log",
        "王芳",
        "--kind",
        "call",
        "--note",
        "asked about the bond fund",
        "--date",
        "2026-11-01",
        "--follow-up",
        "send the leaflet",
        "--follow-up-due",
        "2026-11-20",
    ]);
    run(&["log", "Zed Co", "--kind", "visit", "--note", "tab\there", "--date", "2026-10-01"]);
    run(&["tier", "王芳", "A", "--reason", "grew fast"]);
    run(&["assess", "王芳", "--answers", STEADY, "--date", "2026-11-02"]);
    let mut s = Store::open(&book, Clock::Fixed(d("2026-11-23")), "lin").unwrap();
    let q = data::questionnaire("risk_tolerance").unwrap();
    s.snooze(CustomerId(2), 0, d("2026-12-05"), "on holiday").unwrap();
    s.record_indicators(&[Measurement {
        customer: CustomerId(2),
        measured_on: d("2026-11-10"),
        values: vec![
            ("purchase_amount".into(), Value::Number(5.5)),
            ("ordering_method".into(), Value::Text("online \"app\"".into())),
        ],
    }])
    .unwrap();
    let mut a = Answers::empty(&q);
    a.choose(0, 1);
    s.save_draft(CustomerId(2), &q, &a, 1).unwrap();
    s.reschedule_follow_up(FollowUpId(1), d("2026-11-27"), "customer away").unwrap();
    let mut f = s.customer(CustomerId(1)).unwrap().unwrap().fields;
    f.notes = "prefers mornings".into();
    f.owner = "lin-at-home".into();
    s.update_customer(CustomerId(1), &f, "").unwrap();
    s.delete_customer(CustomerId(3)).unwrap();
    drop(s);
    book
}

/// Rows of every table of a solo book.
fn solo_counts(book: &Path) -> Vec<(String, i64)> {
    let c = rusqlite::Connection::open(book).unwrap();
    RECORDS
        .iter()
        .chain(&["changes", "audit_log"])
        .map(|t| (t.to_string(), c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
        .collect()
}

/// `due --format json` without the ids (the team book gives new ones).
fn due_without_ids(cmd: assert_cmd::assert::Assert) -> serde_json::Value {
    let mut due: serde_json::Value = serde_json::from_slice(&cmd.success().get_output().stdout).unwrap();
    for item in due.as_array_mut().unwrap() {
        item.as_object_mut().unwrap().remove("customer_id");
    }
    due
}

#[test]
fn a_solo_book_comes_in_whole_with_its_history_for_its_new_owner() {
    let Some(t) = team() else { return };
    let book = solo_book(t.dir.path());
    let bytes = std::fs::read(&book).unwrap();
    let solo_due = due_without_ids(
        tierdesk_at(t.dir.path(), book.to_str().unwrap())
            .args(["due", "--all", "--within", "30", "--format", "json"])
            .assert(),
    );
    assert!(solo_due.as_array().unwrap().len() >= 2, "{solo_due}");
    let solo = solo_counts(&book);

    // The lead brings lin's book in.
    t.import(&t.lead, &book, &t.lin).success().stdout(
        predicate::str::contains(format!(
            "Brought in {}: 2 customers, 2 contacts, 1 follow-ups, 1 assessments",
            book.display()
        ))
        .and(predicate::str::contains(format!("for {}", t.lin))),
    );
    assert_eq!(std::fs::read(&book).unwrap(), bytes, "the solo book is only read");

    // Every record, and the whole history plus the import's own change and its log rows.
    let team = t.counts();
    // The import's own change logs every record it added to the audited tables.
    let audited = ["customers", "contacts", "follow_ups", "follow_up_reschedules", "tier_changes", "snoozes"]
        .iter()
        .chain(&["indicator_values", "assessments"]);
    let added: i64 = audited.map(|a| solo.iter().find(|(t, _)| t == a).unwrap().1).sum();
    for ((table, n), (_, m)) in solo.iter().zip(&team) {
        match table.as_str() {
            "changes" => assert_eq!(*m, n + 1, "changes: the book's and the import's"),
            "audit_log" => assert_eq!(*m, n + added, "audit_log: the book's and the import's"),
            _ => assert_eq!(m, n, "{table}"),
        }
    }
    let mut owner = t.pg.connect_as(&t.pg.owner);
    let mut not_lin = |sql: &str| count(&mut owner, &sql.replace("LIN", &t.lin));
    assert_eq!(not_lin("SELECT count(*) FROM customers WHERE owner <> 'LIN'"), 0);
    assert_eq!(
        not_lin(
            "SELECT count(*) FROM audit_log WHERE table_name = 'customers'
             AND ((old_row ? 'owner' AND old_row->>'owner' <> 'LIN') OR (new_row ? 'owner' AND new_row->>'owner' <> 'LIN'))"
        ),
        0,
        "no image names an owner who is no person"
    );
    assert_eq!(not_lin("SELECT count(*) FROM audit_log WHERE customer_id IS NOT NULL AND customer_owner <> 'LIN'"), 0);
    let import: Vec<(String, i64)> = owner
        .query(
            "SELECT c.made_by, (SELECT count(*) FROM audit_log a WHERE a.change_id = c.id) FROM changes c WHERE session = $1",
            &[&format!("import-book {}", book.display())],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(import, [(t.lead.clone(), added)], "one change, by the lead, logging what it added");
    // The log's ids inside the images point at the new rows (a removed customer's too).
    assert_eq!(
        count(
            &mut owner,
            "SELECT count(*) FROM audit_log a WHERE a.op = 'delete'
             AND (a.old_row->>'id')::bigint <> a.row_id"
        ),
        0
    );

    // lin reads it as their own: the same due list, the history of each customer.
    let lin_due = due_without_ids(t.as_(&t.lin, &["due", "--all", "--within", "30", "--format", "json"]));
    assert_eq!(lin_due, solo_due);
    t.as_(&t.lin, &["history", "王芳", "--all"]).success().stdout(
        predicate::str::contains("asked about the bond fund")
            .and(predicate::str::contains("grew fast"))
            .and(predicate::str::contains("prefers mornings"))
            .and(predicate::str::contains("2026-11-27")),
    );
    t.as_(&t.lin, &["history", "Zed Co", "--all"]).success().stdout(predicate::str::contains("on holiday"));
    t.as_(&t.other, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("王芳").not());

    // An edit of an imported customer afterwards is undone as any edit is.
    let mut s = PgStore::open(&t.pg.url_as(&t.lin), Clock::Fixed(d("2026-11-23"))).unwrap();
    let id = s.find_customers("R1").unwrap()[0].id;
    let mut f = s.customer(id).unwrap().unwrap().fields;
    f.notes = "calls back on Fridays".into();
    s.update_customer(id, &f, "").unwrap();
    assert!(s.undo_last().unwrap().is_some());
    assert_eq!(s.customer(id).unwrap().unwrap().fields.notes, "prefers mornings");
    assert_eq!(s.customer(id).unwrap().unwrap().fields.owner, t.lin);
}

#[test]
fn the_same_book_twice_or_a_taken_ref_is_refused_naming_the_customer() {
    let Some(t) = team() else { return };
    let book = solo_book(t.dir.path());
    // lin's own Zed Co has the ref R2 already: refused, naming it; nothing written.
    t.as_(&t.lin, &["customer", "add", "--name", "Zed Two", "--tier", "B", "--ref", "R2"]).success();
    let before = t.counts();
    t.import(&t.lin, &book, &t.lin)
        .code(1)
        .stderr(predicate::str::contains("the ref \"R2\" of \"Zed Co\" is another customer's in the team book"));
    assert_eq!(t.counts(), before);

    // A manager brings their own book in; the second time it is refused, naming the first.
    let mut owner = t.pg.connect_as(&t.pg.owner);
    owner.execute("DELETE FROM customers", &[]).unwrap();
    t.import(&t.lin, &book, &t.lin).success();
    let before = t.counts();
    t.import(&t.lead, &book, &t.lin)
        .code(1)
        .stderr(predicate::str::contains("\"王芳\" of this book is in the team book already"));
    assert_eq!(t.counts(), before);
}

/// The deliberately failing case: the database refuses a row halfway (a contact it holds
/// already, among customers the importer may not see), after the customers and their tier
/// history were written. Nothing of the import stays.
#[test]
fn an_import_refused_halfway_writes_nothing() {
    let Some(t) = team() else { return };
    let book = solo_book(t.dir.path());
    let contact: String = rusqlite::Connection::open(&book)
        .unwrap()
        .query_row("SELECT uuid FROM contacts ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    t.as_(&t.other, &["customer", "add", "--name", "Someone Else", "--tier", "B"]).success();
    let mut owner = t.pg.connect_as(&t.pg.owner);
    owner
        .execute(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             SELECT $1, id, 'call', '2026-11-01', localtimestamp(0), 'x', localtimestamp(0) FROM customers",
            &[&contact],
        )
        .unwrap();
    let before = t.counts();
    t.import(&t.lead, &book, &t.lin)
        .code(1)
        .stderr(predicate::str::contains("a row of this book is in the team book already (contacts_uuid_key)"));
    assert_eq!(t.counts(), before);
    t.as_(&t.lin, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("王芳").not());
}

#[test]
fn who_and_what_may_not_come_in_is_refused_in_one_line() {
    let Some(t) = team() else { return };
    let book = solo_book(t.dir.path());
    let before = t.counts();
    // An owner who is no person; one the importer may not write for (the database says so).
    t.import(&t.lead, &book, "nobody").failure().stderr(predicate::str::contains("\"nobody\" is not a person"));
    for (importer, owner) in [(&t.lead, &t.other), (&t.lin, &t.other), (&t.lin, &t.lead)] {
        t.import(importer, &book, owner)
            .failure()
            .stderr(predicate::str::contains(format!("the database refused customers for \"{owner}\"")));
    }
    // Files that are no book to bring in.
    let dir = t.dir.path();
    let missing = dir.join("missing.sqlite");
    t.import(&t.lin, &missing, &t.lin).failure().stderr(predicate::str::contains("missing.sqlite"));
    assert!(!missing.exists(), "nothing is created");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    t.import(&t.lin, &text, &t.lin).failure().stderr(predicate::str::contains("is not a tierdesk book"));
    let foreign = dir.join("other.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    t.import(&t.lin, &foreign, &t.lin).failure().stderr(predicate::str::contains("another program"));
    let newer = dir.join("newer.sqlite");
    std::fs::copy(&book, &newer).unwrap();
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.pragma_update(None, "user_version", migrations::latest() + 1).unwrap();
    drop(c);
    t.import(&t.lin, &newer, &t.lin).failure().stderr(predicate::str::contains("newer tierdesk"));
    // A date written into the book by hand that is no date: named, nothing written.
    let damaged = dir.join("damaged.sqlite");
    std::fs::copy(&book, &damaged).unwrap();
    let c = rusqlite::Connection::open(&damaged).unwrap();
    c.execute("UPDATE contacts SET happened_on = '2026-02-30' WHERE id = 2", []).unwrap();
    drop(c);
    t.import(&t.lin, &damaged, &t.lin).failure().stderr(
        predicate::str::contains("a row of the book's contacts cannot come in")
            .and(predicate::str::contains("2026-02-30")),
    );
    for out in [
        t.import(&t.lin, &newer, &t.lin).get_output().stderr.clone(),
        t.import(&t.lin, &text, &t.lin).get_output().stderr.clone(),
    ] {
        assert_eq!(String::from_utf8_lossy(&out).trim().lines().count(), 1, "{}", String::from_utf8_lossy(&out));
    }
    assert_eq!(t.counts(), before, "nothing was written");
}

#[test]
fn an_older_book_is_migrated_in_a_copy_and_comes_in() {
    let Some(t) = team() else { return };
    let book = t.dir.path().join("old.sqlite");
    let mut c = rusqlite::Connection::open(&book).unwrap();
    migrations::migrate_to(&mut c, Some(&book), 6).unwrap();
    c.execute_batch(
        "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
         VALUES ('old-1', 'Old Li', 'old li', '2026-01-01', 'B', '2026-01-15', '2026-01-01 00:00:00');
         INSERT INTO book_meta (key, value) VALUES ('scheme_file', 'data/tiers/default.toml');",
    )
    .unwrap();
    c.execute("INSERT INTO book_meta (key, value) VALUES ('scheme_source', ?1)", [data::DEFAULT_SCHEME]).unwrap();
    drop(c);
    let bytes = std::fs::read(&book).unwrap();
    t.as_(&t.lin, &["team", "import-book", book.to_str().unwrap(), "--owner", &t.lin, "--format", "json"])
        .success()
        .stdout(predicate::str::contains("\"customers\": 1"));
    assert_eq!(std::fs::read(&book).unwrap(), bytes, "the old book stays as it was");
    t.as_(&t.lin, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("Old Li"));
}

/// A solo book of one customer (named `name`) with two products of its own.
fn book_with_products(dir: &Path, file: &str, name: &str) -> PathBuf {
    let book = dir.join(file);
    let b = book.to_str().unwrap();
    let run = |args: &[&str]| tierdesk_at(dir, b).args(args).assert().success();
    run(&["init"]);
    run(&["customer", "add", "--name", name, "--tier", "B", "--ref", file]);
    let csv = dir.join(format!("{file}.csv"));
    std::fs::write(&csv, "name,code,risk_level\n稳健理财一号,WM1,R2\nGrowth fund,GF1,R4\n").unwrap();
    run(&["import", "products", csv.to_str().unwrap()]);
    book
}

/// The catalogue as `product list --format json` gives it: (code, level).
fn catalogue(out: assert_cmd::assert::Assert) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.success().get_output().stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap().into(), p["level"].as_str().unwrap().into()))
        .collect()
}

#[test]
fn products_come_in_by_code_when_a_lead_brings_a_book_and_go_out_in_a_backup() {
    let Some(t) = team() else { return };
    let ours = [("GF1".to_string(), "R4".to_string()), ("WM1".to_string(), "R2".to_string())];
    // lin brings their own book: the team's catalogue is the leads', so its products stay out.
    let own = book_with_products(t.dir.path(), "own.sqlite", "王芳");
    t.import(&t.lin, &own, &t.lin)
        .success()
        .stdout(predicate::str::contains("products: 0 the team book lacked added to its catalogue; 2 left out"));
    let mut owner = t.pg.connect_as(&t.pg.owner);
    assert_eq!(count(&mut owner, "SELECT count(*) FROM products"), 0);

    // The lead brings another: the codes the team book lacks are added, once.
    let other = book_with_products(t.dir.path(), "other.sqlite", "Zed Co");
    t.import(&t.lead, &other, &t.lin)
        .success()
        .stdout(predicate::str::contains("products: 2 the team book lacked added to its catalogue; 0 left out"));
    assert_eq!(catalogue(t.as_(&t.lin, &["product", "list", "--format", "json"])), ours);

    // lin's backup of the team book keeps them: the copy offers the same products.
    let backup = t.dir.path().join("lin.tierdesk");
    t.as_(&t.lin, &["backup", backup.to_str().unwrap()]).success();
    let copy =
        tierdesk_at(t.dir.path(), backup.to_str().unwrap()).args(["product", "list", "--format", "json"]).assert();
    assert_eq!(catalogue(copy), ours);
}
