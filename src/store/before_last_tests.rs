//! The schema step fills the day for the customers and contacts already in a book.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use rusqlite::Connection;

use crate::store::migrations::{MIGRATIONS, migrate_to};

#[test]
fn the_step_fills_the_day_before_each_customer_s_latest_contact() {
    let mut conn = Connection::open_in_memory().unwrap();
    let step = MIGRATIONS.iter().position(|m| m.sql == super::STEP).unwrap() as i64;
    migrate_to(&mut conn, None, step).unwrap();
    let customer = |uuid: &str| {
        format!(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at, last_contact_on)
             VALUES ('{uuid}', '{uuid}', '{uuid}', '2026-01-01', 'A', '2026-12-01', '2026-01-01T00:00:00+08:00',
                     NULL);"
        )
    };
    let contact = |n: usize, customer: i64, on: &str| {
        format!(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             VALUES ('c{n}', {customer}, 'call', '{on}', '', '', '');"
        )
    };
    let mut sql = [customer("never"), customer("once"), customer("thrice")].concat();
    for (n, (c, on)) in [(2, "2026-11-20"), (3, "2026-11-23"), (3, "2026-11-02"), (3, "2026-11-23"), (3, "2026-10-30")]
        .iter()
        .enumerate()
    {
        sql.push_str(&contact(n, *c, on));
    }
    sql.push_str("UPDATE customers SET last_contact_on = (SELECT max(happened_on) FROM contacts WHERE customer_id = customers.id);");
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
    let covered: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id, tier, next_due_on, created_on, contact_before_last_on FROM customers
             WHERE last_contact_on = '2026-11-23'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(covered.contains("COVERING INDEX customers_contacted_on"), "{covered}");
}
