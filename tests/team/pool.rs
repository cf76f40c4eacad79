//! The team's pool (issue 17) on a real PostgreSQL, as the people themselves: release by
//! tier across days (`--today`), exactly on the boundaries; a contact on the last day; a
//! pin; the pool read by the team and written by nobody until claimed (raw SQL too); two
//! claims at once; the daily limit and a lead's assignment past it.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use postgres::Client;
use tierdesk::clock::Clock;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::history::NewContact;
use tierdesk::domain::pool::PoolProblem;
use tierdesk::store::StoreError;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::prelude::*;

use crate::pg::{PgRun, start};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The logins of a pool book: lead1 leads b and c, lead2 leads e.
pub struct PoolTeam {
    pub lead1: String,
    pub b: String,
    pub c: String,
    pub lead2: String,
    pub e: String,
}

/// A team book on the team scheme (A 3/14, B 7/30, C 14/60, D 60/180).
pub fn pool_book(pg: &PgRun) -> PoolTeam {
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    let (file, text) = tierdesk::data::builtin_scheme_source("team").unwrap();
    book.init_with_scheme(Some((file, text))).unwrap();
    let t = PoolTeam {
        lead1: pg.login("lead1"),
        b: pg.login("b"),
        c: pg.login("c"),
        lead2: pg.login("lead2"),
        e: pg.login("e"),
    };
    book.add_person(&t.lead1, "Lead One", Role::Lead, None).unwrap();
    book.add_person(&t.lead2, "Lead Two", Role::Lead, None).unwrap();
    book.add_person(&t.b, "Bai", Role::Manager, Some(&t.lead1)).unwrap();
    book.add_person(&t.c, "Chen", Role::Manager, Some(&t.lead1)).unwrap();
    book.add_person(&t.e, "E", Role::Manager, Some(&t.lead2)).unwrap();
    t
}

/// A customer of `owner` in `tier`, due on `due` (written by the book's owner).
pub fn customer(pg: &PgRun, owner: &str, name: &str, tier: &str, due: &str) -> i64 {
    let mut c = pg.connect_as(&pg.owner);
    let id: i64 = c
        .query_one(
            "INSERT INTO customers (uuid, name, name_key, owner, created_on, tier, next_due_on, updated_at)
             VALUES (gen_random_uuid()::text, $1, lower($1), $2, '2025-01-05', $3, $4::text::date, localtimestamp(0))
             RETURNING id",
            &[&name, &owner, &tier, &due],
        )
        .unwrap()
        .get(0);
    c.execute(
        "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
         VALUES (gen_random_uuid()::text, $1, 'call', '2025-02-01', localtimestamp(0), 'x', localtimestamp(0))",
        &[&id],
    )
    .unwrap();
    id
}

pub fn open(pg: &PgRun, login: &str, today: &str) -> PgStore {
    PgStore::open(&pg.url_as(login), Clock::Fixed(d(today))).unwrap()
}

fn owner_of(pg: &PgRun, id: i64) -> Option<String> {
    pg.connect_as(&pg.owner).query_one("SELECT owner FROM customers WHERE id = $1", &[&id]).unwrap().get(0)
}

fn count(c: &mut Client, sql: &str, id: i64) -> i64 {
    c.query_one(sql, &[&id]).unwrap().get(0)
}

#[test]
fn each_tier_is_released_exactly_after_its_days_and_a_pinned_one_never() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let ids: Vec<(&str, i64)> = ["A", "B", "C", "D"]
        .iter()
        .map(|tier| (*tier, customer(&pg, &t.b, &format!("due {tier}"), tier, "2026-03-01")))
        .collect();
    let pinned = customer(&pg, &t.b, "pinned B", "B", "2026-03-01");
    // A manager may not pin, not even their own customer; the lead may, with a reason.
    let mut b = open(&pg, &t.b, "2026-03-02");
    match b.pin(CustomerId(pinned), Some("key account, visited by the branch head")) {
        Err(StoreError::Pool(PoolProblem::PinNeedsLead)) => {}
        other => panic!("{other:?}"),
    }
    let raw = pg.connect_as(&t.b).execute("UPDATE customers SET pin_reason = 'mine' WHERE id = $1", &[&pinned]);
    assert!(raw.is_err(), "a manager's own SQL may not pin either");
    let mut lead = open(&pg, &t.lead1, "2026-03-02");
    assert!(matches!(lead.pin(CustomerId(pinned), Some("  ")), Err(StoreError::Pool(PoolProblem::PinReasonRequired))));
    lead.pin(CustomerId(pinned), Some("key account")).unwrap();

    // (day, tiers released by then)
    let days = [
        ("2026-03-15", ""),
        ("2026-03-16", "A"),
        ("2026-03-31", "A"),
        ("2026-04-01", "AB"),
        ("2026-04-30", "AB"),
        ("2026-05-01", "ABC"),
        ("2026-08-28", "ABC"),
        ("2026-08-29", "ABCD"),
    ];
    for (day, released) in days {
        let swept = open(&pg, &t.c, day).sweep(d(day)).unwrap();
        assert!(!swept.behind, "{day}");
        for (tier, id) in &ids {
            let owner = owner_of(&pg, *id);
            assert_eq!(owner.is_none(), released.contains(tier), "{tier} on {day}: {owner:?}");
        }
        assert_eq!(owner_of(&pg, pinned).as_deref(), Some(t.b.as_str()), "pinned, {day}");
    }
    // The log says why: the tier and how late, as of the day.
    let mut admin = pg.connect_as(&pg.owner);
    let row =
        admin.query_one("SELECT released_tier, released_days FROM customers WHERE id = $1", &[&ids[1].1]).unwrap();
    let (tier, late): (String, i32) = (row.get(0), row.get(1));
    assert_eq!((tier.as_str(), late), ("B", 31));
    // Read by a colleague of the team, in the customer's history as the screens say it.
    let said: Vec<String> = open(&pg, &t.c, "2026-08-29")
        .audit_of(CustomerId(ids[1].1), 20)
        .unwrap()
        .iter()
        .map(|e| tierdesk::i18n::audit::describe(e, tierdesk::i18n::Lang::En))
        .collect();
    assert!(
        said.iter()
            .any(|s| s == &format!("changed customer: released by rule (B, 31 days overdue); owner {} -> –", t.b)),
        "{said:?}"
    );
    let logged = count(
        &mut admin,
        "SELECT count(*) FROM audit_log a JOIN changes c ON c.id = a.change_id
         WHERE a.row_id = $1 AND a.table_name = 'customers' AND c.session = 'pool'
           AND a.new_row->>'released_tier' = 'B' AND (a.new_row->>'released_days')::int = 31 AND a.new_row->'owner' = 'null'",
        ids[1].1,
    );
    assert_eq!(logged, 1);
    // History and contacts stay.
    assert_eq!(count(&mut admin, "SELECT count(*) FROM contacts WHERE customer_id = $1", ids[1].1), 1);
    // Again the same day: nothing more. A clock behind a swept day releases nothing.
    let again = open(&pg, &t.c, "2026-08-29").sweep(d("2026-08-29")).unwrap();
    assert_eq!((again.released, again.behind, again.already), (1, false, true), "that day's sweep, once");
    let late_b = customer(&pg, &t.b, "long overdue", "B", "2026-01-01");
    let behind = open(&pg, &t.c, "2026-05-01").sweep(d("2026-05-01")).unwrap();
    assert!(behind.behind);
    assert_eq!(behind.released, 0);
    assert_eq!(owner_of(&pg, late_b).as_deref(), Some(t.b.as_str()));
}

#[test]
fn a_contact_logged_on_the_last_day_keeps_the_customer() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let kept = customer(&pg, &t.b, "kept", "B", "2026-03-01");
    let lost = customer(&pg, &t.b, "lost", "B", "2026-03-01");
    // 2026-03-31 is the last day (30 days overdue): b calls one of them.
    let mut b = open(&pg, &t.b, "2026-03-31");
    let call = |id: i64| NewContact {
        customer: CustomerId(id),
        kind: "call".into(),
        on: d("2026-03-31"),
        person: String::new(),
        summary: "checked in".into(),
        outcome: String::new(),
    };
    b.add_contact(&call(kept), None).unwrap();
    let swept = open(&pg, &t.lead1, "2026-04-01").sweep(d("2026-04-01")).unwrap();
    assert_eq!(swept.released, 1);
    assert_eq!(owner_of(&pg, kept).as_deref(), Some(t.b.as_str()));
    assert_eq!(owner_of(&pg, lost), None);
}

#[test]
fn the_pool_is_read_by_the_team_and_written_by_nobody_until_claimed() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let id = customer(&pg, &t.b, "released", "A", "2026-03-01");
    open(&pg, &t.b, "2026-03-16").sweep(d("2026-03-16")).unwrap();
    assert_eq!(owner_of(&pg, id), None);
    // Read: the former owner, a colleague and the lead see it and its contacts; the other
    // team does not.
    for login in [&t.b, &t.c, &t.lead1] {
        let mut c = pg.connect_as(login);
        assert_eq!(count(&mut c, "SELECT count(*) FROM customers WHERE id = $1", id), 1, "{login}");
        assert_eq!(count(&mut c, "SELECT count(*) FROM contacts WHERE customer_id = $1", id), 1, "{login}");
        let pool = open(&pg, login, "2026-03-16").pool().unwrap();
        assert_eq!(pool.iter().map(|p| p.id.0).collect::<Vec<_>>(), vec![id], "{login}");
        assert_eq!(pool[0].released_from, t.b);
        assert_eq!(pool[0].released_days, Some(15));
    }
    for login in [&t.e, &t.lead2] {
        let mut c = pg.connect_as(login);
        assert_eq!(count(&mut c, "SELECT count(*) FROM customers WHERE id = $1", id), 0, "{login}");
        assert_eq!(count(&mut c, "SELECT count(*) FROM contacts WHERE customer_id = $1", id), 0, "{login}");
    }
    // Written by nobody, through raw SQL as themselves: not the former owner, not a
    // colleague, not the lead (they assign instead).
    for login in [&t.b, &t.c, &t.lead1] {
        let mut c = pg.connect_as(login);
        let n =
            c.execute("UPDATE customers SET notes = 'mine now', owner = session_user WHERE id = $1", &[&id]).unwrap();
        assert_eq!(n, 0, "{login} updated a pool customer");
        let n = c.execute("UPDATE contacts SET summary = 'x' WHERE customer_id = $1", &[&id]).unwrap();
        assert_eq!(n, 0, "{login} updated a pool customer's contact");
        let n = c.execute("DELETE FROM customers WHERE id = $1", &[&id]).unwrap();
        assert_eq!(n, 0, "{login} deleted a pool customer");
        let added = c.execute(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             VALUES (gen_random_uuid()::text, $1, 'call', '2026-03-16', localtimestamp(0), session_user, localtimestamp(0))",
            &[&id],
        );
        assert!(added.is_err(), "{login} added a contact to a pool customer");
        let taken = c.execute("UPDATE customers SET released_from = NULL WHERE id = $1", &[&id]).unwrap();
        assert_eq!(taken, 0);
    }
    // Through tierdesk: logging a contact is refused too.
    let mut c_store = open(&pg, &t.c, "2026-03-16");
    let contact = NewContact {
        customer: CustomerId(id),
        kind: "call".into(),
        on: d("2026-03-16"),
        person: String::new(),
        summary: "before claiming".into(),
        outcome: String::new(),
    };
    assert!(c_store.add_contact(&contact, None).is_err());
    // Claimed: c's, with its history, due at once; its rules count from the claim.
    let claimed = c_store.claim(CustomerId(id), d("2026-03-16")).unwrap();
    assert_eq!((claimed.owner.as_str(), claimed.today), (t.c.as_str(), 1));
    c_store.add_contact(&contact, None).unwrap();
    let mut c = pg.connect_as(&t.c);
    assert_eq!(count(&mut c, "SELECT count(*) FROM contacts WHERE customer_id = $1", id), 2);
    assert_eq!(count(&mut pg.connect_as(&t.b), "SELECT count(*) FROM customers WHERE id = $1", id), 0);
    let rows = c_store.ownership_rows(&[CustomerId(id)]).unwrap();
    assert_eq!(rows[0].held_since, Some(d("2026-03-16")));
    // Claiming it again: it is c's.
    match open(&pg, &t.b, "2026-03-16").claim(CustomerId(id), d("2026-03-16")) {
        Err(StoreError::Pool(PoolProblem::TakenBy(who))) => assert_eq!(who, t.c),
        other => panic!("{other:?}"),
    }
    // Someone of the other team cannot claim what they cannot see.
    assert!(matches!(
        open(&pg, &t.e, "2026-03-16").claim(CustomerId(id), d("2026-03-16")),
        Err(StoreError::Pool(PoolProblem::NotInPool))
    ));
}

#[test]
fn two_managers_claiming_at_once_one_wins_and_the_other_is_told_who() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let id = customer(&pg, &t.lead1, "contested", "A", "2026-03-01");
    open(&pg, &t.b, "2026-03-16").sweep(d("2026-03-16")).unwrap();
    // b's claim is made and not yet committed when c's arrives: c's waits for it.
    let mut b = pg.connect_as(&t.b);
    let mut tx = b.transaction().unwrap();
    let first: String = tx.query_one("SELECT outcome FROM pool_claim($1, '2026-03-16', NULL)", &[&id]).unwrap().get(0);
    assert_eq!(first, "claimed");
    let url = pg.url_as(&t.c);
    let second = std::thread::spawn(move || {
        let mut c = PgStore::open(&url, Clock::Fixed(d("2026-03-16"))).unwrap();
        c.claim(CustomerId(id), d("2026-03-16"))
    });
    // Until b commits, c's claim is waiting on the row (seen by the server as a lock wait).
    let mut watch = pg.admin(); // reads every session's wait
    while count(
        &mut watch,
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pool_claim%' AND $1::bigint > 0",
        1,
    ) == 0
        && !second.is_finished()
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    tx.commit().unwrap();
    match second.join().unwrap() {
        Err(StoreError::Pool(PoolProblem::TakenBy(who))) => assert_eq!(who, t.b),
        other => panic!("{other:?}"),
    }
    assert_eq!(owner_of(&pg, id).as_deref(), Some(t.b.as_str()));
    // And at the same moment, from two threads: exactly one wins.
    let id = customer(&pg, &t.lead1, "contested too", "A", "2026-03-02");
    open(&pg, &t.b, "2026-03-17").sweep(d("2026-03-17")).unwrap();
    let start = std::sync::Arc::new(std::sync::Barrier::new(2));
    let racers: Vec<_> = [t.b.clone(), t.c.clone()]
        .into_iter()
        .map(|login| {
            let (url, start) = (pg.url_as(&login), start.clone());
            std::thread::spawn(move || {
                let mut s = PgStore::open(&url, Clock::Fixed(d("2026-03-17"))).unwrap();
                start.wait();
                s.claim(CustomerId(id), d("2026-03-17"))
            })
        })
        .collect();
    let results: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    let loser = results.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert!(matches!(loser, StoreError::Pool(PoolProblem::TakenBy(w)) if *w == winners[0].owner), "{loser:?}");
}

#[test]
fn the_daily_claim_limit_is_refused_with_the_count_and_a_lead_assigns_past_it() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let ids: Vec<i64> = (0..4).map(|i| customer(&pg, &t.lead1, &format!("pool {i}"), "A", "2026-03-01")).collect();
    open(&pg, &t.c, "2026-03-16").sweep(d("2026-03-16")).unwrap();
    // The limit is the book's: 5 until a lead sets it; here lead1 sets 2, and it holds for c.
    let mut c = open(&pg, &t.c, "2026-03-16");
    assert_eq!(c.claims_per_day().unwrap(), 5);
    assert_eq!(open(&pg, &t.lead1, "2026-03-16").set_claims_per_day(2).unwrap(), 5);
    assert_eq!(c.claims_per_day().unwrap(), 2);
    assert_eq!(c.claim(CustomerId(ids[0]), d("2026-03-16")).unwrap().today, 1);
    let second = c.claim(CustomerId(ids[1]), d("2026-03-16")).unwrap();
    assert_eq!((second.today, second.limit), (2, 2));
    match c.claim(CustomerId(ids[2]), d("2026-03-16")) {
        Err(StoreError::Pool(PoolProblem::ClaimLimit { claimed: 2, limit: 2 })) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(owner_of(&pg, ids[2]), None);
    // A manager may not assign; the lead may, to c, past c's limit.
    assert!(matches!(
        open(&pg, &t.b, "2026-03-16").assign_from_pool(CustomerId(ids[2]), &t.c, d("2026-03-16")),
        Err(StoreError::Pool(PoolProblem::AssignRefused(_)))
    ));
    let mut lead = open(&pg, &t.lead1, "2026-03-16");
    lead.assign_from_pool(CustomerId(ids[2]), &t.c, d("2026-03-16")).unwrap();
    assert_eq!(owner_of(&pg, ids[2]).as_deref(), Some(t.c.as_str()));
    // Not to someone of another team.
    assert!(matches!(
        lead.assign_from_pool(CustomerId(ids[3]), &t.e, d("2026-03-16")),
        Err(StoreError::Pool(PoolProblem::AssignRefused(_)))
    ));
    // The next day the count starts again.
    assert_eq!(open(&pg, &t.c, "2026-03-17").claim(CustomerId(ids[3]), d("2026-03-17")).unwrap().today, 1);
    // The report: lead1's customers released 4, c claimed 3 (one assigned), b nothing.
    let tally = lead.pool_tally(d("2025-12-23"), d("2026-03-17")).unwrap();
    let of = |login: &str| tally.iter().find(|x| x.login == login).map(|x| (x.escalated, x.released, x.claimed));
    assert_eq!(of(&t.lead1), Some((4, 4, 0)));
    assert_eq!(of(&t.c), Some((0, 0, 4)));
}

#[test]
fn the_lead_sees_the_escalated_customers_of_the_team_with_their_owner() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    let a = customer(&pg, &t.b, "A due", "A", "2026-03-01");
    let b_tier = customer(&pg, &t.c, "B due", "B", "2026-03-01");
    customer(&pg, &t.e, "other team", "A", "2026-03-01");
    let lead = open(&pg, &t.lead1, "2026-03-04");
    assert!(lead.escalated(d("2026-03-04")).unwrap().is_empty(), "3 days overdue: not yet");
    let on_5th = lead.escalated(d("2026-03-05")).unwrap();
    assert_eq!(on_5th.iter().map(|e| (e.id.0, e.owner_name.as_str())).collect::<Vec<_>>(), vec![(a, "Bai")]);
    let on_9th = lead.escalated(d("2026-03-09")).unwrap();
    assert_eq!(on_9th.iter().map(|e| e.id.0).collect::<Vec<_>>(), vec![a, b_tier]);
    // A manager has no escalated group.
    assert!(open(&pg, &t.b, "2026-03-09").escalated(d("2026-03-09")).unwrap().is_empty());
}
