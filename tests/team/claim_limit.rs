//! The daily claim limit is the team's, held by the book (issue 17's follow-up): a lead sets
//! it and it holds for a manager; a manager cannot change it, through tierdesk or their own
//! SQL; `pool_claim` called by hand takes no limit from its caller and is refused past the
//! book's, with the count; its day cannot be set back to fill a past day again, nor ahead
//! past the server's tomorrow.
#![allow(clippy::unwrap_used)]

use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::pool::PoolProblem;
use tierdesk::store::StoreError;
use tierdesk::store::prelude::*;

use crate::pg::start;
use crate::pool::{customer, d, open, pool_book};

#[test]
fn a_leads_limit_holds_for_a_manager_who_cannot_change_it_nor_pass_another() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let ids: Vec<i64> = (0..5).map(|i| customer(&pg, &t.lead1, &format!("pool {i}"), "A", "2026-03-01")).collect();
    open(&pg, &t.c, "2026-03-16").sweep(d("2026-03-16")).unwrap();

    // A manager may not change it: through tierdesk, nor their own SQL.
    let mut c = open(&pg, &t.c, "2026-03-16");
    assert!(matches!(c.set_claims_per_day(9), Err(StoreError::Pool(PoolProblem::LimitNeedsLead))));
    let mut raw = pg.connect_as(&t.c);
    for sql in [
        "UPDATE pool_settings SET claims_per_day = 100",
        "DELETE FROM pool_settings",
        "INSERT INTO pool_settings (only_row, claims_per_day) VALUES (false, 100)",
    ] {
        let err = raw.execute(sql, &[]).unwrap_err();
        assert_eq!(err.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {err}");
    }
    assert_eq!(c.claims_per_day().unwrap(), 5);
    // The lead may (their own SQL too), and the book keeps who did.
    let mut lead = open(&pg, &t.lead1, "2026-03-16");
    assert!(matches!(lead.set_claims_per_day(1001), Err(StoreError::Pool(PoolProblem::LimitTooHigh(1001)))));
    assert_eq!(lead.set_claims_per_day(1).unwrap(), 5);
    let by: String = raw.query_one("SELECT set_by FROM pool_settings", &[]).unwrap().get(0);
    assert_eq!(by, t.lead1);
    assert_eq!(pg.connect_as(&t.lead1).execute("UPDATE pool_settings SET claims_per_day = 1", &[]).unwrap(), 1);

    // It holds for c: one claim, then refused with the count.
    assert_eq!(c.claim(CustomerId(ids[0]), d("2026-03-16")).unwrap().limit, 1);
    match c.claim(CustomerId(ids[1]), d("2026-03-16")) {
        Err(StoreError::Pool(PoolProblem::ClaimLimit { claimed: 1, limit: 1 })) => {}
        other => panic!("{other:?}"),
    }
    // By hand: the function takes no limit (the old one that did is gone), and refuses.
    assert!(raw.query("SELECT * FROM pool_claim($1, '2026-03-16', 100, NULL)", &[&ids[1]]).is_err());
    let refused = |raw: &mut postgres::Client, day: &str| {
        let row = raw
            .query_one("SELECT outcome, claimed, day_limit FROM pool_claim($1, $2::text::date, NULL)", &[&ids[1], &day])
            .unwrap();
        (row.get::<_, String>(0), row.get::<_, i32>(1), row.get::<_, i32>(2))
    };
    assert_eq!(refused(&mut raw, "2026-03-16"), ("limit".to_string(), 1, 1));
    // A day set back counts every claim made since it: the past is not filled again.
    assert_eq!(refused(&mut raw, "2026-03-10"), ("limit".to_string(), 1, 1));
    // Nor does a day ahead of the server's tomorrow hold the customer from then on.
    let tomorrow: chrono::NaiveDate = raw.query_one("SELECT current_date + 1", &[]).unwrap().get(0);
    let row = raw.query_one("SELECT outcome FROM pool_claim($1, '2199-01-01', NULL)", &[&ids[1]]).unwrap();
    assert_eq!(row.get::<_, String>(0), "claimed");
    let held: chrono::NaiveDate =
        raw.query_one("SELECT held_since FROM customers WHERE id = $1", &[&ids[1]]).unwrap().get(0);
    assert_eq!(held, tomorrow);
    // Neither can a lead's assignment be had by a manager's hand.
    let row = raw.query_one("SELECT outcome FROM pool_claim($1, '2026-03-16', $2)", &[&ids[2], &t.b]).unwrap();
    assert_eq!(row.get::<_, String>(0), "refused");
}
