//! The team book engine's core (P1): the audit log kept by the database, history and undo,
//! `data_version`, and the backup into a SQLite book, through real logins.
//!
//! The records are written here with a person's own connection, as tierdesk's write
//! transaction does (a `changes` row in the store's session, named in `tierdesk.change`), or
//! as their own SQL in psql would (no change named): the engine's writers are other parts.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use postgres::Client;
use postgres::error::SqlState;
use serde_json::json;
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::audit::{Entity, Op};
use tierdesk::domain::customer::CustomerId;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;
use tierdesk::store::{Store, StoreError};

use crate::access::{Team, add_contact, count, team_book};
use crate::pg::{PgRun, start};

fn today() -> Clock {
    Clock::Fixed(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
}

fn open_as(pg: &PgRun, login: &str) -> PgStore {
    PgStore::open(&pg.url_as(login), today()).unwrap()
}

/// Run `sql` as tierdesk's write transaction does: one change of `session`.
fn in_session(c: &mut Client, session: &str, sql: &str) -> Result<(), postgres::Error> {
    let mut tx = c.transaction()?;
    tx.query_one(
        "WITH c AS (INSERT INTO changes (session, made_at) VALUES ($1, localtimestamp(0)) RETURNING id)
         SELECT set_config('tierdesk.change', c.id::text, true) FROM c",
        &[&session],
    )?;
    tx.batch_execute(sql)?;
    tx.commit()
}

/// The first customer of `owner` (read as the database's owner).
fn first_customer_of(pg: &PgRun, owner: &str) -> i64 {
    pg.connect_as(&pg.owner).query_one("SELECT min(id) FROM customers WHERE owner = $1", &[&owner]).unwrap().get(0)
}

/// (op, old_row, new_row) of the log rows of `table` about `row_id`, oldest first.
fn log_of(
    c: &mut Client,
    table: &str,
    row_id: i64,
) -> Vec<(String, Option<serde_json::Value>, Option<serde_json::Value>)> {
    c.query(
        "SELECT op, old_row::text, new_row::text FROM audit_log WHERE table_name = $1 AND row_id = $2 ORDER BY id",
        &[&table, &row_id],
    )
    .unwrap()
    .iter()
    .map(|r| {
        let img = |i: usize| r.get::<_, Option<String>>(i).map(|t| serde_json::from_str(&t).unwrap());
        (r.get(0), img(1), img(2))
    })
    .collect()
}

fn setup() -> Option<(PgRun, Team)> {
    let pg = start()?;
    let team = team_book(&pg);
    Some((pg, team))
}

#[test]
fn a_persons_insert_update_and_delete_are_logged_as_the_sqlite_book_logs_them() {
    let Some((pg, t)) = setup() else { return };
    let store = open_as(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    let id: i64 = {
        let mut tx = b.transaction().unwrap();
        tx.query_one(
            "WITH c AS (INSERT INTO changes (session, made_at) VALUES ($1, localtimestamp(0)) RETURNING id)
             SELECT set_config('tierdesk.change', c.id::text, true) FROM c",
            &[&store.session()],
        )
        .unwrap();
        let row = tx
            .query_one(
                "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
                 VALUES (gen_random_uuid()::text, 'Acme', 'acme', '2026-01-05', 'B', '2026-12-01', localtimestamp(0))
                 RETURNING id",
                &[],
            )
            .unwrap();
        tx.commit().unwrap();
        row.get(0)
    };
    in_session(
        &mut b,
        store.session(),
        &format!("UPDATE customers SET phone = '555', updated_at = '2026-11-23 10:00' WHERE id = {id}"),
    )
    .unwrap();
    // Only `updated_at` moving is no change worth a log row.
    in_session(
        &mut b,
        store.session(),
        &format!("UPDATE customers SET updated_at = '2026-11-23 11:00' WHERE id = {id}"),
    )
    .unwrap();
    add_contact(&mut b, id, "2026-11-20").unwrap();
    let contact: i64 = b.query_one("SELECT max(id) FROM contacts WHERE customer_id = $1", &[&id]).unwrap().get(0);
    in_session(&mut b, store.session(), &format!("DELETE FROM contacts WHERE id = {contact}")).unwrap();

    let log = log_of(&mut b, "customers", id);
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0], ("insert".to_string(), None, None), "nothing is stored for an added row");
    let (op, old, new) = &log[1];
    assert_eq!(op, "update");
    let old = old.as_ref().unwrap().as_object().unwrap();
    let new = new.as_ref().unwrap().as_object().unwrap();
    assert_eq!(old.keys().collect::<Vec<_>>().len(), 2, "only the changed columns: {old:?}");
    assert_eq!((old["phone"].clone(), new["phone"].clone()), (json!(""), json!("555")));
    assert!(old.contains_key("updated_at") && new.contains_key("updated_at"));

    let contact_log = log_of(&mut b, "contacts", contact);
    assert_eq!(contact_log.len(), 2, "{contact_log:?}");
    let (op, old, new) = &contact_log[1];
    assert_eq!((op.as_str(), new), ("delete", &None));
    let old = old.as_ref().unwrap().as_object().unwrap();
    assert_eq!(old["happened_on"], json!("2026-11-20"));
    assert_eq!(old["customer_id"], json!(id));
    assert!(!old.contains_key("customer_owner"), "the owner copy is no column of the book");

    // The log rows carry the change of the store's session, made by b.
    let sessions: Vec<(String, String)> = b
        .query(
            "SELECT DISTINCT c.session, c.made_by FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.customer_id = $1",
            &[&id],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(sessions.len(), 2, "tierdesk's changes and the contact added by hand: {sessions:?}");
    assert!(sessions.contains(&(store.session().to_string(), t.b.clone())));
    assert!(sessions.contains(&("outside".to_string(), t.b.clone())));

    // History reads it as the SQLite book's does, newest first.
    let history = store.audit_of(CustomerId(id), 50).unwrap();
    let summary: Vec<(Entity, Op)> = history.iter().map(|e| (e.entity, e.op)).collect();
    assert_eq!(
        summary,
        vec![
            (Entity::Contact, Op::Removed),
            (Entity::Contact, Op::Added),
            (Entity::Customer, Op::Changed),
            (Entity::Customer, Op::Added)
        ]
    );
    let phone = history[2].fields.iter().find(|f| f.field == "phone").unwrap();
    assert_eq!((phone.old.as_deref(), phone.new.as_deref()), (None, Some("555")));
    assert!(history.iter().all(|e| e.by == t.b));
    let added = &history[3];
    assert!(added.fields.iter().any(|f| f.field == "name" && f.new.as_deref() == Some("Acme")), "{added:?}");
}

#[test]
fn a_write_from_psql_is_logged_and_the_log_cannot_be_rewritten() {
    let Some((pg, t)) = setup() else { return };
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    b.batch_execute(&format!("UPDATE customers SET notes = 'by hand' WHERE id = {id}")).unwrap();
    let row = b
        .query_one(
            "SELECT c.session, c.made_by, a.new_row->>'notes' FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.table_name = 'customers' AND a.row_id = $1 AND a.op = 'update'",
            &[&id],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, String>(1), row.get::<_, String>(2)),
        ("outside".into(), t.b.clone(), "by hand".into())
    );
    // One statement touching two rows is one change.
    let second: i64 =
        pg.connect_as(&pg.owner).query_one("SELECT max(id) FROM customers WHERE owner = $1", &[&t.b]).unwrap().get(0);
    b.batch_execute(&format!("UPDATE customers SET region = 'north' WHERE id IN ({id}, {second})")).unwrap();
    let changes = count(&mut b, "SELECT count(DISTINCT change_id) FROM audit_log WHERE old_row ? 'region'");
    assert_eq!(changes, 1);

    for sql in
        ["DELETE FROM audit_log", "UPDATE audit_log SET op = 'insert'", "TRUNCATE audit_log", "DELETE FROM changes"]
    {
        let e = b.batch_execute(sql).unwrap_err();
        assert_eq!(e.code(), Some(&SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {e}");
    }
    // Nor can a person slip a row into another person's change.
    let theirs: i64 = pg
        .connect_as(&t.c)
        .query_one("INSERT INTO changes (session, made_at) VALUES ('x', localtimestamp(0)) RETURNING id", &[])
        .unwrap()
        .get(0);
    let e = b
        .batch_execute(&format!(
            "BEGIN; SELECT set_config('tierdesk.change', '{theirs}', true);
             UPDATE customers SET notes = 'as c' WHERE id = {id}; COMMIT;"
        ))
        .unwrap_err();
    assert!(e.code().is_some(), "{e}");
}

#[test]
fn undo_restores_and_is_refused_after_another_persons_change() {
    let Some((pg, t)) = setup() else { return };
    let mut store = open_as(&pg, &t.b);
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    let name =
        |c: &mut Client| -> String { c.query_one("SELECT name FROM customers WHERE id = $1", &[&id]).unwrap().get(0) };
    let before = name(&mut b);
    assert_eq!(store.last_undoable().unwrap(), None);
    in_session(&mut b, store.session(), &format!("UPDATE customers SET name = 'Renamed' WHERE id = {id}")).unwrap();
    let target = store.last_undoable().unwrap().expect("the rename");
    let undone = store.undo_last().unwrap().expect("the rename, undone");
    assert_eq!((undone.change, undone.customers.clone()), (target, vec![CustomerId(id)]));
    assert_eq!(name(&mut b), before);
    assert_eq!(store.last_undoable().unwrap(), None, "an undo is not undone by undo");
    let history = store.audit_of(CustomerId(id), 10).unwrap();
    assert_eq!(history[0].undoes, Some(target));
    assert_eq!(history[1].undone_by, Some(history[0].change));

    // A deleted customer comes back with its contacts.
    let contacts = |c: &mut Client| count(c, &format!("SELECT count(*) FROM contacts WHERE customer_id = {id}"));
    assert_eq!(contacts(&mut b), 2);
    in_session(&mut b, store.session(), &format!("DELETE FROM customers WHERE id = {id}")).unwrap();
    assert_eq!(contacts(&mut b), 0);
    store.undo_last().unwrap().expect("the deletion");
    assert_eq!((name(&mut b), contacts(&mut b)), (before.clone(), 2));

    // The lead changes the customer after b: b's undo is refused, nothing written.
    in_session(&mut b, store.session(), &format!("UPDATE customers SET phone = '1' WHERE id = {id}")).unwrap();
    let mut lead = pg.connect_as(&t.lead1);
    in_session(&mut lead, "lead's", &format!("UPDATE customers SET phone = '2' WHERE id = {id}")).unwrap();
    let log_rows = count(&mut b, "SELECT count(*) FROM audit_log");
    assert!(matches!(store.undo_last(), Err(StoreError::UndoConflict(_))));
    assert_eq!(count(&mut b, "SELECT count(*) FROM audit_log"), log_rows);
    let phone: String = b.query_one("SELECT phone FROM customers WHERE id = $1", &[&id]).unwrap().get(0);
    assert_eq!(phone, "2");
    // b's history shows the lead's change (b may read the changes made to their records).
    let history = store.audit_of(CustomerId(id), 10).unwrap();
    assert_eq!(history[0].by, t.lead1);
}

#[test]
fn data_version_moves_for_other_connections_writes_only() {
    let Some((pg, t)) = setup() else { return };
    let mut store = open_as(&pg, &t.b);
    let id = first_customer_of(&pg, &t.b);
    let v0 = store.data_version().unwrap();
    assert_eq!(store.data_version().unwrap(), v0, "nothing written");
    let mut lead = pg.connect_as(&t.lead1);
    lead.batch_execute(&format!("UPDATE customers SET notes = 'lead' WHERE id = {id}")).unwrap();
    let v1 = store.data_version().unwrap();
    assert_ne!(v1, v0, "another connection wrote");
    // The store's own write (an undo of a change of its session) leaves it alone.
    let mut b = pg.connect_as(&t.b);
    in_session(&mut b, store.session(), &format!("UPDATE customers SET phone = '9' WHERE id = {id}")).unwrap();
    let v2 = store.data_version().unwrap();
    assert_ne!(v2, v1);
    store.undo_last().unwrap().unwrap();
    assert_eq!(store.data_version().unwrap(), v2, "its own write");
    // A second connection in the same session is another connection.
    let other = store.open_another_store().unwrap();
    assert_eq!(other.session(), store.session());
}

#[test]
fn session_answers_as_the_connected_person() {
    let Some((pg, t)) = setup() else { return };
    let mut store = open_as(&pg, &t.b);
    assert_eq!(store.user(), t.b);
    assert!(store.label().starts_with(&format!("{}@", t.b)), "{}", store.label());
    assert!(store.label().ends_with(&pg.db));
    assert_eq!(store.schema_version().unwrap(), tierdesk::store::postgres::schema::latest());
    store.set_busy_timeout(std::time::Duration::from_millis(250)).unwrap();
    assert_eq!(store.busy_timeout_ms().unwrap(), 250);
    store.set_busy_timeout(std::time::Duration::ZERO).unwrap();
    assert_eq!(store.busy_timeout_ms().unwrap(), 1, "no wait, not PostgreSQL's wait for ever");
    assert!(store.notice().is_none() && store.take_unreadable().is_empty());
    // `team init` recorded the default scheme; a person reads it, and cannot choose another.
    let default = tierdesk::domain::tier::TierScheme::parse("default", data::DEFAULT_SCHEME).unwrap();
    assert_eq!(store.scheme().map(|s| s.id.clone()), Some(default.id.clone()));
    let (file, brokerage) = data::builtin_scheme_source("brokerage").unwrap();
    assert!(matches!(store.init_scheme(file, brokerage), Err(StoreError::SchemeAlreadySet(id)) if id == default.id));
}

#[test]
fn backup_writes_a_sqlite_book_with_what_the_person_sees() {
    let Some((pg, t)) = setup() else { return };
    let mut admin = open_as(&pg, &t.admin);
    admin.init_scheme_if_missing("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    let mut store = open_as(&pg, &t.b);
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    in_session(&mut b, store.session(), &format!("UPDATE customers SET phone = '555' WHERE id = {id}")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("backup.sqlite");
    store.backup_to(&dest).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let names = |c: &mut Client| -> Vec<String> {
        c.query("SELECT name FROM customers ORDER BY id", &[]).unwrap().iter().map(|r| r.get(0)).collect()
    };
    let copy = Store::open(&dest, today(), "someone").unwrap();
    assert_eq!(copy.scheme().map(|s| s.id.clone()), store.scheme().map(|s| s.id.clone()));
    let sqlite = rusqlite::Connection::open(&dest).unwrap();
    let copied: Vec<String> = {
        let mut st = sqlite.prepare("SELECT name FROM customers ORDER BY id").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(copied, names(&mut b));
    assert_eq!(copied.len(), 3, "b's customers only");
    let contacts: i64 = sqlite.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap();
    assert_eq!(contacts, 6);
    // The history came along, readable by the SQLite engine.
    let here = store.audit_of(CustomerId(id), 50).unwrap();
    let there = copy.audit_of(CustomerId(id), 50).unwrap();
    assert_eq!(there, here);
    assert!(here.iter().any(|e| e.fields.iter().any(|f| f.new.as_deref() == Some("555"))));
    // And the copy's own undo works on it as on any SQLite book (nothing of its session).
    let mut copy = copy;
    assert_eq!(copy.undo_last().unwrap(), None);
    store.undo_last().unwrap().unwrap();
}

/// Every audited table's rows of customer `id`, as JSON (read as `c`).
fn records_of(c: &mut Client, id: i64) -> Vec<String> {
    let mut all = Vec::new();
    for (table, whose) in [
        ("customers", format!("id = {id}")),
        ("contacts", format!("customer_id = {id}")),
        ("follow_ups", format!("customer_id = {id}")),
        ("follow_up_reschedules", format!("follow_up_id IN (SELECT id FROM follow_ups WHERE customer_id = {id})")),
        ("tier_changes", format!("customer_id = {id}")),
        ("snoozes", format!("customer_id = {id}")),
        ("indicator_values", format!("customer_id = {id}")),
        ("assessments", format!("customer_id = {id}")),
    ] {
        let sql =
            format!("SELECT coalesce(json_agg(row_to_json(t) ORDER BY id), '[]')::text FROM {table} t WHERE {whose}");
        all.push(c.query_one(&sql, &[]).unwrap().get(0));
    }
    all
}

#[test]
fn undo_puts_back_a_removed_customer_with_every_record_it_had() {
    let Some((pg, t)) = setup() else { return };
    let mut store = open_as(&pg, &t.b);
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    let session = store.session().to_string();
    let start = records_of(&mut b, id);
    in_session(
        &mut b,
        &session,
        &format!(
            "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, created_at, updated_at)
             SELECT 'f1', {id}, min(id), 'send samples', '2026-11-30', localtimestamp(0), localtimestamp(0)
             FROM contacts WHERE customer_id = {id};
             INSERT INTO follow_up_reschedules (uuid, follow_up_id, old_due_on, new_due_on, reason, changed_at, changed_by, updated_at)
             SELECT 'r1', id, '2026-11-30', '2026-12-02', 'away', localtimestamp(0), session_user, localtimestamp(0)
             FROM follow_ups WHERE uuid = 'f1';
             INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at, needs_signoff)
             VALUES ('t1', {id}, 'B', 'A', '2026-11-23 09:00', session_user, 'bigger', localtimestamp(0), true);
             INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
             VALUES ('s1', {id}, 1, '2026-12-10', '2026-11-23', 'holiday', session_user, localtimestamp(0), localtimestamp(0));
             INSERT INTO indicator_values (uuid, customer_id, indicator, value, measured_on, entered_at, entered_by, updated_at)
             VALUES ('i1', {id}, 'revenue', '12.5', '2026-11-01', localtimestamp(0), session_user, localtimestamp(0)),
                    ('i2', {id}, 'segment', '\"retail\"', '2026-11-01', localtimestamp(0), session_user, localtimestamp(0));
             INSERT INTO assessments (uuid, customer_id, questionnaire_id, questionnaire_version, taken_on, taken_by,
                                      score, category, created_at, updated_at)
             VALUES ('a1', {id}, 'risk', 1, '2026-11-20', session_user, 7, 'medium', localtimestamp(0), localtimestamp(0));"
        ),
    )
    .unwrap();
    let before = records_of(&mut b, id);
    assert!(before.iter().all(|r| r != "[]"), "{before:?}");
    in_session(&mut b, &session, &format!("DELETE FROM customers WHERE id = {id}")).unwrap();
    assert!(records_of(&mut b, id).iter().all(|r| r == "[]"));
    let undone = store.undo_last().unwrap().expect("the removal");
    assert_eq!(undone.customers, vec![CustomerId(id)]);
    assert_eq!(records_of(&mut b, id), before);
    // The records added in one change go again with its undo (all eight tables' inserts).
    store.undo_last().unwrap().expect("the records added");
    let after = records_of(&mut b, id);
    // The customer stays, as it was before the change: the risk the assessment put on it
    // (schema step 4's trigger, as in SQLite) goes back with it.
    assert_eq!(after[0], start[0], "the customer stays");
    assert!(after[2..].iter().all(|r| r == "[]"), "{after:?}");
    // A hand-over is one change in the log (the customer's owner), not one per record moved.
    let mut lead = pg.connect_as(&t.lead1);
    lead.batch_execute(&format!("UPDATE customers SET owner = '{}' WHERE id = {id}", t.c)).unwrap();
    let logged: Vec<String> = lead
        .query("SELECT table_name FROM audit_log WHERE change_id = (SELECT max(change_id) FROM audit_log)", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(logged, vec!["customers".to_string()]);
    assert_eq!(
        count(
            &mut lead,
            &format!("SELECT count(*) FROM contacts WHERE customer_id = {id} AND customer_owner = '{}'", t.c)
        ),
        2
    );
}

#[test]
fn undo_of_a_change_that_added_then_changed_or_removed_its_own_rows() {
    let Some((pg, t)) = setup() else { return };
    let mut store = open_as(&pg, &t.b);
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    let before = records_of(&mut b, id);
    in_session(
        &mut b,
        store.session(),
        &format!(
            "UPDATE customers SET notes = 'first' WHERE id = {id};
             INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
             VALUES ('s1', {id}, 1, '2026-12-10', '2026-11-23', 'holiday', session_user, localtimestamp(0), localtimestamp(0));
             UPDATE snoozes SET until_on = '2026-12-20' WHERE uuid = 's1';
             INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
             VALUES ('s2', {id}, 2, '2026-12-10', '2026-11-23', 'holiday', session_user, localtimestamp(0), localtimestamp(0));
             DELETE FROM snoozes WHERE uuid = 's2';
             UPDATE customers SET notes = 'second' WHERE id = {id};"
        ),
    )
    .unwrap();
    let undone = store.undo_last().unwrap().expect("the change");
    assert_eq!(records_of(&mut b, id), before);
    let ops: Vec<(Entity, Op)> = undone.entries.iter().map(|e| (e.entity, e.op)).collect();
    assert_eq!(ops, vec![(Entity::Customer, Op::Changed), (Entity::Snooze, Op::Added)], "{:?}", undone.entries);
}

#[test]
fn history_and_backup_hold_what_the_person_may_see() {
    let Some((pg, t)) = setup() else { return };
    let id = first_customer_of(&pg, &t.b);
    let mut b = pg.connect_as(&t.b);
    b.batch_execute(&format!("UPDATE customers SET phone = '1' WHERE id = {id}")).unwrap();
    let seen = |login: &str| open_as(&pg, login).audit_of(CustomerId(id), 50).unwrap().len();
    assert_eq!(seen(&t.d), 0, "another team's manager");
    assert_eq!(seen(&t.lead2), 0, "another team's lead");
    let by_b = seen(&t.b);
    assert!(by_b >= 3, "added, its contacts, the phone: {by_b}");
    assert_eq!((seen(&t.lead1), seen(&t.admin)), (by_b, by_b));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("lead1.sqlite");
    open_as(&pg, &t.lead1).backup_to(&dest).unwrap();
    let sqlite = rusqlite::Connection::open(&dest).unwrap();
    let owners: Vec<(String, i64)> = {
        let mut st = sqlite.prepare("SELECT owner, count(*) FROM customers GROUP BY owner ORDER BY owner").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(owners, vec![(t.b.clone(), 3), (t.c.clone(), 2)], "the lead's team");
    let foreign: i64 = sqlite
        .query_row("SELECT count(*) FROM audit_log WHERE customer_id NOT IN (SELECT id FROM customers)", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(foreign, 0, "no history of customers the lead may not see");
}
