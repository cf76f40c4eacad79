//! Late payments on the team book: guarded as contacts are. A manager reads and records late
//! payments only of the customers they see; their lead sees their team's.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use postgres::Client;
use postgres::error::SqlState;

use crate::access::{count, team_book};
use crate::pg::start;

fn add_late(c: &mut Client, customer: i64, day: &str) -> Result<u64, postgres::Error> {
    c.execute(
        "INSERT INTO late_payments (uuid, customer_id, late_on, recorded_by, created_at, updated_at)
         VALUES (gen_random_uuid()::text, $1, $2::text::date, session_user, localtimestamp(0), localtimestamp(0))",
        &[&customer, &day],
    )
}

fn first_customer_of(c: &mut Client, owner: &str) -> i64 {
    c.query_one("SELECT min(id) FROM customers WHERE owner = $1", &[&owner]).unwrap().get(0)
}

#[test]
fn a_manager_sees_and_records_late_payments_only_of_the_customers_they_see() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let mut owner = pg.connect_as(&pg.owner);
    let (of_b, of_c, of_d) =
        (first_customer_of(&mut owner, &t.b), first_customer_of(&mut owner, &t.c), first_customer_of(&mut owner, &t.d));
    let mut b = pg.connect_as(&t.b);
    add_late(&mut b, of_b, "2026-07-14").unwrap();
    let e = add_late(&mut b, of_c, "2026-07-14").unwrap_err();
    assert_eq!(e.code(), Some(&SqlState::INSUFFICIENT_PRIVILEGE), "{e}");
    let mut c = pg.connect_as(&t.c);
    add_late(&mut c, of_c, "2026-08-01").unwrap();
    let mut d = pg.connect_as(&t.d);
    add_late(&mut d, of_d, "2026-08-02").unwrap();
    assert_eq!(count(&mut b, "SELECT count(*) FROM late_payments"), 1);
    assert_eq!(count(&mut c, "SELECT count(*) FROM late_payments"), 1);
    assert_eq!(b.execute("DELETE FROM late_payments WHERE customer_id = $1", &[&of_c]).unwrap(), 0);
    let mut lead1 = pg.connect_as(&t.lead1);
    assert_eq!(count(&mut lead1, "SELECT count(*) FROM late_payments"), 2, "b's and c's, not d's");
    assert_eq!(count(&mut owner, "SELECT count(*) FROM late_payments"), 3);
    // Each write is in the log, readable by whoever sees the customer.
    assert_eq!(count(&mut b, "SELECT count(*) FROM audit_log WHERE table_name = 'late_payments'"), 1);
}
