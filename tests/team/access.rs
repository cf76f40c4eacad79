//! Row-level security: who reads and writes which customers, and the insert-only log.
#![allow(clippy::unwrap_used)]

use postgres::Client;
use postgres::error::SqlState;
use tierdesk::store::postgres::team::{Role, TeamBook};

use crate::pg::{PgRun, start};

/// The logins of a small team book: two teams and an admin.
pub struct Team {
    pub lead1: String,
    pub b: String,
    pub c: String,
    pub lead2: String,
    pub d: String,
    pub admin: String,
}

/// A set-up team book: lead1 leads b and c, lead2 leads d; b owns 3 customers, c 2, d 1,
/// each customer with 2 contacts. The rows are written by the database's owner.
pub fn team_book(pg: &PgRun) -> Team {
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let t = Team {
        lead1: pg.login("lead1"),
        b: pg.login("b"),
        c: pg.login("c"),
        lead2: pg.login("lead2"),
        d: pg.login("d"),
        admin: pg.login("admin"),
    };
    book.add_person(&t.lead1, "Lead One", Role::Lead, None).unwrap();
    book.add_person(&t.lead2, "Lead Two", Role::Lead, None).unwrap();
    book.add_person(&t.b, "Bai", Role::Manager, Some(&t.lead1)).unwrap();
    book.add_person(&t.c, "Chen", Role::Manager, Some(&t.lead1)).unwrap();
    book.add_person(&t.d, "Deng", Role::Manager, Some(&t.lead2)).unwrap();
    book.add_person(&t.admin, "Admin", Role::Admin, None).unwrap();
    let c = book.client();
    for (owner, n) in [(&t.b, 3), (&t.c, 2), (&t.d, 1)] {
        for i in 0..n {
            let id = add_customer(c, owner, &format!("{owner} customer {i}")).unwrap();
            for day in ["2026-11-01", "2026-11-20"] {
                add_contact(c, id, day).unwrap();
            }
        }
    }
    t
}

pub fn add_customer(c: &mut Client, owner: &str, name: &str) -> Result<i64, postgres::Error> {
    let row = c.query_one(
        "INSERT INTO customers (uuid, name, name_key, owner, created_on, tier, next_due_on, updated_at)
         VALUES (gen_random_uuid()::text, $1, lower($1), $2, '2026-01-05', 'B', '2026-12-01', localtimestamp(0))
         RETURNING id",
        &[&name, &owner],
    )?;
    Ok(row.get(0))
}

pub fn add_contact(c: &mut Client, customer: i64, day: &str) -> Result<u64, postgres::Error> {
    c.execute(
        "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
         VALUES (gen_random_uuid()::text, $1, 'call', $2::text::date, localtimestamp(0), session_user, localtimestamp(0))",
        &[&customer, &day],
    )
}

pub fn count(c: &mut Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).unwrap().get(0)
}

fn customers_of(pg: &PgRun, owner: &str) -> Vec<i64> {
    let mut admin = pg.connect_as(&pg.owner);
    admin
        .query("SELECT id FROM customers WHERE owner = $1 ORDER BY id", &[&owner])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn refused(e: postgres::Error) -> SqlState {
    e.code().cloned().unwrap_or_else(|| panic!("not a refusal by the database: {e}"))
}

#[test]
fn a_manager_reads_and_writes_only_their_own_customers() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let mut b = pg.connect_as(&t.b);
    assert_eq!(count(&mut b, "SELECT count(*) FROM customers"), 3);
    assert_eq!(count(&mut b, "SELECT count(*) FROM contacts"), 6);
    assert_eq!(count(&mut b, "SELECT count(DISTINCT owner) FROM customers"), 1);
    // Their own new customer: the owner defaults to the signed-in login.
    let mine: i64 = b
        .query_one(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u-mine', 'New', 'new', '2026-11-23', 'C', '2026-12-23', localtimestamp(0)) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    add_contact(&mut b, mine, "2026-11-23").unwrap();
    assert_eq!(count(&mut b, "SELECT count(*) FROM customers"), 4);

    // Not one owned by C, nor a contact on C's customer.
    let e = add_customer(&mut b, &t.c, "for C").unwrap_err();
    assert_eq!(refused(e), SqlState::INSUFFICIENT_PRIVILEGE);
    let of_c = customers_of(&pg, &t.c);
    let e = add_contact(&mut b, of_c[0], "2026-11-23").unwrap_err();
    assert_eq!(refused(e), SqlState::INSUFFICIENT_PRIVILEGE);
    // C's contacts cannot be changed or removed: B's statements do not reach them.
    let touched = b.execute("UPDATE contacts SET summary = 'B was here' WHERE customer_id = $1", &[&of_c[0]]).unwrap();
    assert_eq!(touched, 0);
    assert_eq!(b.execute("DELETE FROM customers WHERE id = $1", &[&of_c[1]]).unwrap(), 0);
    // Nor can B give one of theirs to C (the new row would not be B's to see).
    let e = b.execute("UPDATE customers SET owner = $1 WHERE id = $2", &[&t.c, &mine]).unwrap_err();
    assert_eq!(refused(e), SqlState::INSUFFICIENT_PRIVILEGE);
    let mut c = pg.connect_as(&t.c);
    assert_eq!(count(&mut c, "SELECT count(*) FROM contacts WHERE summary = 'B was here'"), 0);
    assert_eq!(count(&mut c, "SELECT count(*) FROM customers"), 2);
}

#[test]
fn a_lead_sees_their_team_and_an_admin_sees_all() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let mut lead1 = pg.connect_as(&t.lead1);
    assert_eq!(count(&mut lead1, "SELECT count(*) FROM customers"), 5);
    assert_eq!(count(&mut lead1, "SELECT count(*) FROM contacts"), 10);
    let d_seen = lead1.query("SELECT 1 FROM customers WHERE owner = $1", &[&t.d]).unwrap();
    assert!(d_seen.is_empty(), "lead1 must not see lead2's team");
    let mut lead2 = pg.connect_as(&t.lead2);
    assert_eq!(count(&mut lead2, "SELECT count(*) FROM customers"), 1);
    let mut admin = pg.connect_as(&t.admin);
    assert_eq!(count(&mut admin, "SELECT count(*) FROM customers"), 6);
    assert_eq!(count(&mut admin, "SELECT count(*) FROM contacts"), 12);
}

#[test]
fn a_hand_over_within_the_team_moves_the_contacts_with_the_customer() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let moved = customers_of(&pg, &t.b)[0];
    let mut lead1 = pg.connect_as(&t.lead1);
    assert_eq!(lead1.execute("UPDATE customers SET owner = $1 WHERE id = $2", &[&t.c, &moved]).unwrap(), 1);
    let mut b = pg.connect_as(&t.b);
    assert_eq!(count(&mut b, "SELECT count(*) FROM customers"), 2);
    assert_eq!(count(&mut b, "SELECT count(*) FROM contacts"), 4);
    let mut c = pg.connect_as(&t.c);
    assert_eq!(count(&mut c, "SELECT count(*) FROM customers"), 3);
    assert_eq!(count(&mut c, "SELECT count(*) FROM contacts"), 6);
    // A lead cannot hand a customer to another team.
    let e = lead1.execute("UPDATE customers SET owner = $1 WHERE id = $2", &[&t.d, &moved]).unwrap_err();
    assert_eq!(refused(e), SqlState::INSUFFICIENT_PRIVILEGE);
}

#[test]
fn the_audit_log_is_insert_only_for_every_role() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let of_b = customers_of(&pg, &t.b)[0];
    let mut b = pg.connect_as(&t.b);
    let change: i64 = b
        .query_one("INSERT INTO changes (session, made_at) VALUES ('s1', localtimestamp(0)) RETURNING id", &[])
        .unwrap()
        .get(0);
    b.execute(
        "INSERT INTO audit_log (change_id, table_name, row_id, customer_id, op) VALUES ($1, 'customers', $2, $2, 'update')",
        &[&change, &of_b],
    )
    .unwrap();
    // Nobody writes a change in someone else's name.
    let e = b.execute("INSERT INTO changes (session, made_at, made_by) VALUES ('s2', localtimestamp(0), $1)", &[&t.c]);
    assert_eq!(refused(e.unwrap_err()), SqlState::INSUFFICIENT_PRIVILEGE);
    for login in [&t.b, &t.lead1, &t.admin] {
        let mut c = pg.connect_as(login);
        for sql in
            ["DELETE FROM audit_log", "UPDATE audit_log SET op = 'insert'", "DELETE FROM changes", "TRUNCATE audit_log"]
        {
            let e = c.batch_execute(sql).unwrap_err();
            assert_eq!(refused(e), SqlState::INSUFFICIENT_PRIVILEGE, "{login}: {sql}");
        }
    }
    let mut admin = pg.connect_as(&t.admin);
    assert_eq!(count(&mut admin, &format!("SELECT count(*) FROM audit_log WHERE change_id = {change}")), 1);
    // d (another team) does not read the log of b's customer (the rows the database logged
    // when the customer was added, nor b's).
    let mut d = pg.connect_as(&t.d);
    assert_eq!(count(&mut d, &format!("SELECT count(*) FROM audit_log WHERE customer_id = {of_b}")), 0);
    assert!(count(&mut admin, &format!("SELECT count(*) FROM audit_log WHERE customer_id = {of_b}")) > 1);
}

/// The sweep tells the audit trigger that its moves change only the owner copy (schema step
/// 15); a person who sets that flag in their own session is logged as ever.
#[test]
fn a_person_setting_the_sweeps_flag_is_still_logged() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let of_b = customers_of(&pg, &t.b)[0];
    let mut b = pg.connect_as(&t.b);
    let logged = |b: &mut Client| {
        count(
            b,
            &format!(
                "SELECT count(*) FROM audit_log WHERE table_name = 'contacts' AND customer_id = {of_b} AND op = 'update'"
            ),
        )
    };
    let before = logged(&mut b);
    let mut tx = b.transaction().unwrap();
    tx.batch_execute("SELECT set_config('tierdesk.owner_copy_only', 'on', true)").unwrap();
    let n = tx.execute("UPDATE contacts SET summary = 'changed by hand' WHERE customer_id = $1", &[&of_b]).unwrap();
    tx.commit().unwrap();
    assert_eq!(n, 2);
    assert_eq!(logged(&mut b), before + 2);
}

/// The counts per tier are read by the book as its owner (schema step 16), of the
/// customers the caller may see, and of those asked for: never more.
#[test]
fn the_counts_per_tier_count_only_the_customers_one_may_see() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let counted = |login: &str, owners: Option<Vec<&str>>| -> i64 {
        let mut c = pg.connect_as(login);
        let owners: Option<Vec<String>> = owners.map(|o| o.into_iter().map(String::from).collect());
        c.query_one("SELECT coalesce(sum(on_time + late), 0)::bigint FROM tier_coverage(CURRENT_DATE, $1)", &[&owners])
            .unwrap()
            .get(0)
    };
    assert_eq!(counted(&t.b, None), 3);
    assert_eq!(counted(&t.b, Some(vec![&t.c])), 0, "a manager asking for a colleague's");
    assert_eq!(counted(&t.lead1, None), 5);
    assert_eq!(counted(&t.lead1, Some(vec![&t.c])), 2);
    assert_eq!(counted(&t.lead1, Some(vec![&t.d])), 0, "a lead asking for another team's");
    assert_eq!(counted(&t.d, None), 1);
    assert_eq!(counted(&t.admin, None), 6);
}
