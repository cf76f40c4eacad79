//! `customers.contact_before_last_on` on real book files: every write that moves a customer's
//! latest contact keeps the day of the contact before it in step (one contact added, removed
//! or imported, an undo), and the first frame counts the customers contacted today from it
//! exactly as the whole list counts them.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use chrono::Days;
use tierdesk::app::agenda::{AgendaQuery, due_head, due_items};
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::history::NewContact;
use tierdesk::domain::import::contacts::ContactRows;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::store::{Owners, Store};

use crate::common::{self, d, fixture};

/// The customers whose stored day differs from the one their contacts give, as (id, stored,
/// worked out).
fn out_of_step(path: &std::path::Path) -> Vec<(i64, Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut st = conn
        .prepare(
            "SELECT id, contact_before_last_on, w FROM (SELECT id, contact_before_last_on,
                 (SELECT max(happened_on) FROM contacts WHERE customer_id = customers.id
                  AND happened_on < customers.last_contact_on) AS w FROM customers)
             WHERE contact_before_last_on IS NOT w",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn stored(path: &std::path::Path, id: CustomerId) -> Option<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT contact_before_last_on FROM customers WHERE id = ?1", [id.0], |r| r.get(0)).unwrap()
}

fn call(customer: CustomerId, on: &str) -> NewContact {
    NewContact {
        customer,
        kind: "call".into(),
        on: d(on),
        person: String::new(),
        summary: String::new(),
        outcome: String::new(),
    }
}

#[test]
fn every_write_that_moves_the_latest_contact_keeps_the_one_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    assert_eq!(out_of_step(&path), [], "the fixture's contacts");
    let c = ids[4];
    // A later contact; an earlier one between; one on the latest day; one before everything.
    s.add_contact(&call(c, "2026-11-20"), None).unwrap();
    s.add_contact(&call(c, "2026-11-23"), None).unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-20"));
    s.add_contact(&call(c, "2026-11-21"), None).unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-21"));
    s.add_contact(&call(c, "2026-11-23"), None).unwrap();
    s.add_contact(&call(c, "2025-01-01"), None).unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-21"));
    assert_eq!(out_of_step(&path), []);
    // Undone: the contact before everything, then the one between.
    s.undo_last().unwrap().unwrap();
    s.undo_last().unwrap().unwrap();
    s.undo_last().unwrap().unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-20"));
    assert_eq!(out_of_step(&path), []);
    // Removed: the latest, then every one.
    let history = s.contacts_of(c, 100).unwrap();
    for contact in &history {
        s.delete_contact(contact.id).unwrap();
        assert_eq!(out_of_step(&path), [], "after removing the contact of {}", contact.on);
    }
    assert_eq!(stored(&path, c), None);
    // Imported: a file of contacts for several customers at once (the bulk refresh).
    let text = "customer,date,kind,note\n\
                李强,2026-11-23,visit,a\n李强,2026-11-02,call,b\n王芳,2026-11-23,call,c\nZhang Wei,2026-10-01,visit,d\n";
    let index = s.customer_index().unwrap();
    let kinds = tierdesk::data::contact_kinds();
    let rows: Vec<_> = ContactRows::read(text, &index, &kinds, common::today()).unwrap().map(|r| r.ok()).collect();
    s.import_contacts(&mut rows.into_iter(), &mut |_| {}).unwrap().unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-02"));
    assert_eq!(out_of_step(&path), [], "after the import");
    s.undo_last().unwrap().unwrap();
    assert_eq!(out_of_step(&path), [], "after undoing the import");
}

/// The same list whether the customers contacted today are counted from the index or read:
/// a tier cut after its first rows, with customers contacted today whose item of this
/// morning was far overdue (in the start of the list), overdue past the cut (counted), due
/// later (on no part of today's list), snoozed, or never contacted before.
#[test]
fn customers_contacted_today_are_counted_as_the_whole_list_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let today = common::today();
    let mut s = Store::open(&path, tierdesk::clock::Clock::Fixed(today), "tester").unwrap();
    s.init_scheme("data/tiers/default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    let mut add = |name: String, tier: &str, created: &str, contacts: &[u64]| {
        let mut f = common::fields(&name, "", tier, created);
        f.owner = "tester".into();
        let id = s.add_customer(&f).unwrap();
        for ago in contacts {
            let on = (today - Days::new(*ago)).to_string();
            s.add_contact(&call(id, &on), None).unwrap();
        }
        id
    };
    // Weekly A: thirty overdue by 8 to 37 days, so that a cut of a few rows falls among them.
    for i in 0..30u64 {
        add(format!("A{i:02}"), "A", "2025-01-01", &[8 + i]);
    }
    add("far overdue, met today".into(), "A", "2025-01-01", &[60, 0]);
    for i in 0..5u64 {
        add(format!("overdue, met today {i}"), "A", "2025-01-01", &[9 + i, 0]);
    }
    add("not due, met today".into(), "A", "2025-01-01", &[2, 0]);
    add("new, met today".into(), "A", "2026-11-01", &[0]);
    add("new, met twice today".into(), "A", "2026-11-01", &[0, 0]);
    let snoozed = add("snoozed, met today".into(), "A", "2025-01-01", &[20]);
    // Yearly D: few overdue (no cut), some met today.
    add("D overdue".into(), "D", "2024-01-01", &[400]);
    add("D met today".into(), "D", "2024-01-01", &[370, 0]);
    add("D not due, met today".into(), "D", "2024-01-01", &[30, 0]);
    s.snooze(snoozed, 0, today + Days::new(3), "away").unwrap();
    s.add_contact(&call(snoozed, &today.to_string()), None).unwrap();

    let scheme = s.scheme().unwrap().clone();
    let kinds = tierdesk::data::contact_kinds();
    let q = AgendaQuery { today, assessments: Default::default(), within_days: 6, include_done: true };
    let until = today + Days::new(6);
    for owners in [Owners::All, Owners::one("tester")] {
        let whole = due_items(&s, &scheme, &kinds, Lang::En, q, &owners).unwrap();
        let day: Vec<_> = whole.iter().filter(|it| it.due_date <= today).collect();
        let done = day.iter().filter(|it| it.done).count();
        for rows in [1, 3, 5, 12] {
            let head = s.due_head(today, until, q.assessments, &owners, rows).unwrap();
            assert!(head.done_unread > 0, "some customers met today are counted, not read ({rows} rows)");
            let start = due_head(&s, &scheme, &kinds, Lang::En, q, &owners, rows).unwrap();
            assert_eq!(start.tally, (day.len(), done, day.len() - done), "the day's counts ({rows} rows)");
            assert_eq!(start.items[..], whole[..start.items.len()], "the start of the whole list ({rows} rows)");
            let far = start.items.iter().position(|it| it.customer.name == "far overdue, met today");
            assert!(far.is_some_and(|at| start.items[at].done), "read whole, ticked, in the start: {far:?}");
        }
    }
}

/// A contact logged before the day was kept: its log entry does not have the day, and
/// undoing it still leaves the day in step with the contacts.
#[test]
fn undoing_a_change_logged_without_the_day_sets_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    let c = ids[4];
    s.add_contact(&call(c, "2026-11-20"), None).unwrap();
    s.add_contact(&call(c, "2026-11-23"), None).unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-11-20"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    // The log is append-only: its guard is lifted for this edit, as an older book's log reads.
    let guards: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (name, _) in &guards {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\"")).unwrap();
    }
    let edited = conn
        .execute(
            "UPDATE audit_log SET old_row = json_remove(old_row, '$.contact_before_last_on'),
                                  new_row = json_remove(new_row, '$.contact_before_last_on')
             WHERE table_name = 'customers' AND old_row LIKE '%contact_before_last_on%'",
            [],
        )
        .unwrap();
    assert!(edited > 0, "the log held the day");
    for (_, sql) in &guards {
        conn.execute_batch(sql).unwrap();
    }
    s.undo_last().unwrap().unwrap();
    assert_eq!(stored(&path, c).as_deref(), Some("2026-10-31"), "the day before 11-20 (the fixture's)");
    assert_eq!(out_of_step(&path), []);
}

/// An older book comes to the step with its contacts: the day is filled for every customer,
/// and the first frame's read of those contacted on a day is answered from the index alone.
#[test]
fn the_step_fills_the_day_before_each_customer_s_latest_contact() {
    use tierdesk::store::migrations::{MIGRATIONS, migrate_to};
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let step = MIGRATIONS.iter().position(|m| m.sql.contains("ADD COLUMN contact_before_last_on")).unwrap() as i64;
    migrate_to(&mut conn, None, step).unwrap();
    let mut sql = String::new();
    for uuid in ["never", "once", "thrice"] {
        sql.push_str(&format!(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('{uuid}', '{uuid}', '{uuid}', '2026-01-01', 'A', '2026-12-01', '2026-01-01T00:00:00+08:00');"
        ));
    }
    for (n, (c, on)) in [(2, "2026-11-20"), (3, "2026-11-23"), (3, "2026-11-02"), (3, "2026-11-23"), (3, "2026-10-30")]
        .iter()
        .enumerate()
    {
        sql.push_str(&format!(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             VALUES ('c{n}', {c}, 'call', '{on}', '', '', '');"
        ));
    }
    sql.push_str(
        "UPDATE customers SET last_contact_on = (SELECT max(happened_on) FROM contacts WHERE customer_id = customers.id);",
    );
    conn.execute_batch(&sql).unwrap();
    migrate_to(&mut conn, None, step + 1).unwrap();
    let days: Vec<(String, Option<String>)> = conn
        .prepare("SELECT uuid, contact_before_last_on FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(days, [("never".into(), None), ("once".into(), None), ("thrice".into(), Some("2026-11-02".into()))]);
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id, tier, next_due_on, created_on, contact_before_last_on FROM customers
             WHERE last_contact_on = '2026-11-23'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("COVERING INDEX customers_contacted_on"), "{plan}");
}
