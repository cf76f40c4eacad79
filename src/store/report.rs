//! The coverage report's reads: per-tier counts in one pass over the customers (each tier's
//! period start, computed by the domain, bound as a parameter), and contacts per day over the
//! report's 12 weeks through the `contacts_by_date` index. The definitions live in
//! `domain::report`; the CLI and the screen both call `Store::coverage_report`.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::convert::{date_col, date_text};
use super::prelude::*;
use super::{Result, Store};
use crate::domain::report::{self, Counts, CoverageReport, OwnerReport, TierTally};

impl Reports for Store {
    fn coverage_report(&self, today: NaiveDate) -> Result<CoverageReport> {
        let scheme = self.require_scheme()?;
        let tallies = tier_tallies(&self.conn, &report::windows(scheme, today), today)?;
        let days = contacts_per_day(&self.conn, report::weeks_from(today), today)?;
        Ok(CoverageReport::build(scheme, today, &tallies, &days))
    }

    fn coverage_report_by_owner(&self, today: NaiveDate) -> Result<Vec<OwnerReport>> {
        let scheme = self.require_scheme()?;
        let tallies = owner_tallies(&self.conn, &report::windows(scheme, today), today)?;
        let days = contacts_per_owner_day(&self.conn, report::weeks_from(today), today)?;
        Ok(report::by_owner(scheme, today, &tallies, &days))
    }
}

/// The per-tier SQL for a scheme of `tiers` tiers: `?1` is today, then (code, since) pairs.
/// The text depends only on the number of tiers, so it is prepared once per scheme.
fn tallies_sql(tiers: usize) -> String {
    tallies_sql_by(tiers, "")
}

/// The same, grouped by `key` too (`"owner, "`) before the tier.
fn tallies_sql_by(tiers: usize, key: &str) -> String {
    let mut case = String::from("CASE tier");
    for i in 0..tiers {
        case.push_str(&format!(" WHEN ?{} THEN ?{}", 2 + 2 * i, 3 + 2 * i));
    }
    case.push_str(" END");
    if tiers == 0 {
        case = "NULL".into();
    }
    // A tier missing from the CASE (unknown to the scheme) has no `since`: every comparison
    // with it is NULL, so it counts in no share.
    format!(
        "SELECT {key}tier, count(*),
                count(*) FILTER (WHERE last_contact_on >= since),
                count(*) FILTER (WHERE (last_contact_on IS NULL OR last_contact_on < since) AND created_on >= since),
                count(*) FILTER (WHERE next_due_on < ?1),
                count(*) FILTER (WHERE last_contact_on IS NULL)
         FROM (SELECT {key}tier, last_contact_on, created_on, next_due_on, {case} AS since FROM customers)
         GROUP BY {key}tier"
    )
}

pub(super) fn tier_tallies(
    conn: &Connection,
    windows: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Result<Vec<TierTally>> {
    let mut st = conn.prepare_cached(&tallies_sql(windows.len()))?;
    let rows = st.query_map(params_from_iter(tally_args(windows, today)), |r| tally(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tallies per owner and tier (the customers' current owner).
fn owner_tallies(
    conn: &Connection,
    windows: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Result<Vec<(String, TierTally)>> {
    let mut st = conn.prepare_cached(&tallies_sql_by(windows.len(), "owner, "))?;
    let rows = st.query_map(params_from_iter(tally_args(windows, today)), |r| Ok((r.get(0)?, tally(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tally_args(windows: &[(String, NaiveDate)], today: NaiveDate) -> Vec<Value> {
    let mut args = vec![Value::Text(date_text(today))];
    for (code, since) in windows {
        args.push(Value::Text(code.clone()));
        args.push(Value::Text(date_text(*since)));
    }
    args
}

/// A tally from the columns from `at` on: tier, then the five counts.
fn tally(r: &rusqlite::Row, at: usize) -> rusqlite::Result<TierTally> {
    let n = |i: usize| r.get::<_, i64>(at + i).map(|v| v.max(0) as usize);
    Ok(TierTally {
        tier: r.get(at)?,
        counts: Counts {
            customers: n(1)?,
            contacted_within_cadence: n(2)?,
            not_yet_due: n(3)?,
            overdue: n(4)?,
            never_contacted: n(5)?,
        },
    })
}

/// Contacts per owner (of the customer, now) and day, from `from` to `to`.
fn contacts_per_owner_day(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, NaiveDate, usize)>> {
    let mut st = conn.prepare_cached(
        "SELECT c.owner, k.happened_on, count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id
         WHERE k.happened_on >= ?1 AND k.happened_on <= ?2 GROUP BY c.owner, k.happened_on",
    )?;
    let rows = st.query_map([date_text(from), date_text(to)], |r| {
        Ok((r.get(0)?, date_col(r, 1)?, r.get::<_, i64>(2)?.max(0) as usize))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The query for contacts per day from `?1` to `?2`: a range search on `contacts_by_date`,
/// which holds every column it needs.
pub(super) const PER_DAY_SQL: &str = "SELECT happened_on, count(*) FROM contacts
     WHERE happened_on >= ?1 AND happened_on <= ?2 GROUP BY happened_on";

pub(super) fn contacts_per_day(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, usize)>> {
    let mut st = conn.prepare_cached(PER_DAY_SQL)?;
    let rows =
        st.query_map([date_text(from), date_text(to)], |r| Ok((date_col(r, 0)?, r.get::<_, i64>(1)?.max(0) as usize)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
