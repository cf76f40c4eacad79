//! The customers' schedules of the bench's team book, computed by the domain as the engine
//! computes them (`next_due_of`), and putting the book back as generated after a run's
//! writes.

use chrono::NaiveDate;
use postgres::GenericClient;
use postgres::types::Type;
use tierdesk::domain::due::next_due_of;
use tierdesk::domain::tier::TierScheme;

/// Today in the bench: the SQLite big book's.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn scheme(c: &mut impl GenericClient) -> TierScheme {
    let row = c
        .query_one(
            "SELECT (SELECT value FROM book_meta WHERE key = 'scheme_file'),
                    (SELECT value FROM book_meta WHERE key = 'scheme_source')",
            &[],
        )
        .unwrap();
    TierScheme::parse(row.get(0), row.get(1)).unwrap()
}

/// Set `last_contact_on` and `next_due_on` of the customers `only` (None: all) from their
/// contacts (the bench writes no snoozes).
pub fn refresh(c: &mut impl GenericClient, only: Option<&[i64]>) {
    let scheme = scheme(c);
    let rows = c
        .query_typed(
            "SELECT c.id, c.tier, c.created_on, k.kinds, k.lasts
             FROM customers c
             LEFT JOIN (SELECT customer_id, array_agg(kind ORDER BY kind) AS kinds,
                               array_agg(last ORDER BY kind) AS lasts
                        FROM (SELECT customer_id, kind, max(happened_on) AS last FROM contacts
                              WHERE $1::int8[] IS NULL OR customer_id = ANY ($1)
                              GROUP BY customer_id, kind) x
                        GROUP BY customer_id) k ON k.customer_id = c.id
             WHERE $1::int8[] IS NULL OR c.id = ANY ($1)",
            &[(&only, Type::INT8_ARRAY)],
        )
        .unwrap();
    let (mut ids, mut lasts_on, mut dues) = (Vec::new(), Vec::new(), Vec::new());
    for r in &rows {
        let tier = scheme.tier(r.get(1)).unwrap();
        let kinds: Vec<String> = r.get::<_, Option<Vec<String>>>(3).unwrap_or_default();
        let dates: Vec<NaiveDate> = r.get::<_, Option<Vec<NaiveDate>>>(4).unwrap_or_default();
        let lasts: Vec<(String, NaiveDate)> = kinds.into_iter().zip(dates).collect();
        ids.push(r.get::<_, i64>(0));
        dues.push(next_due_of(tier, r.get(2), &lasts, &[]));
        lasts_on.push(lasts.iter().map(|(_, d)| *d).max());
    }
    c.execute_typed(
        "UPDATE customers c SET last_contact_on = u.last, next_due_on = u.due
         FROM unnest($1::int8[], $2::date[], $3::date[]) AS u (id, last, due) WHERE c.id = u.id",
        &[(&ids, Type::INT8_ARRAY), (&lasts_on, Type::DATE_ARRAY), (&dues, Type::DATE_ARRAY)],
    )
    .unwrap();
}

/// Undo what a bench run wrote (as the table owner; the audit log keeps it, as for any
/// write from outside tierdesk): contacts on or after today (none is generated there),
/// follow-ups made by people (the generated ones were made 40 days ago) and follow-ups
/// done; then the touched customers' schedules again, and a vacuum. Returns how many
/// contacts went.
pub fn reset_to_generated(owner: &mut postgres::Client) -> u64 {
    let today = today();
    let mut tx = owner.transaction().unwrap();
    let touched: Vec<i64> = tx
        .query(
            "SELECT DISTINCT customer_id FROM contacts WHERE happened_on >= $1
             UNION SELECT customer_id FROM follow_ups WHERE done_at IS NOT NULL OR created_at >= $1::date - 1",
            &[&today],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tx.execute("DELETE FROM follow_ups WHERE created_at >= $1::date - 1", &[&today]).unwrap();
    let gone = tx.execute("DELETE FROM contacts WHERE happened_on >= $1", &[&today]).unwrap();
    tx.execute("UPDATE follow_ups SET done_at = NULL WHERE done_at IS NOT NULL", &[]).unwrap();
    if !touched.is_empty() {
        refresh(&mut tx, Some(&touched));
    }
    tx.commit().unwrap();
    vacuum(owner);
    gone
}

/// The tables the bench writes, vacuumed and analysed: a server without autovacuum (this
/// one's is off) would otherwise keep every dead row version in the indexes, and each run
/// would measure a slower book than the last.
pub fn vacuum(owner: &mut postgres::Client) {
    owner.batch_execute("VACUUM (ANALYZE) customers, contacts, follow_ups, tier_changes, changes, audit_log").unwrap();
}
