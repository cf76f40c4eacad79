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
use crate::domain::report::{self, Counts, CoverageReport, TierTally};

impl Reports for Store {
    fn coverage_report(&self, today: NaiveDate) -> Result<CoverageReport> {
        let scheme = self.require_scheme()?;
        let tallies = tier_tallies(&self.conn, &report::windows(scheme, today), today)?;
        let days = contacts_per_day(&self.conn, report::weeks_from(today), today)?;
        Ok(CoverageReport::build(scheme, today, &tallies, &days))
    }
}

/// The per-tier SQL for a scheme of `tiers` tiers: `?1` is today, then (code, since) pairs.
/// The text depends only on the number of tiers, so it is prepared once per scheme.
fn tallies_sql(tiers: usize) -> String {
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
        "SELECT tier, count(*),
                count(*) FILTER (WHERE last_contact_on >= since),
                count(*) FILTER (WHERE (last_contact_on IS NULL OR last_contact_on < since) AND created_on >= since),
                count(*) FILTER (WHERE next_due_on < ?1),
                count(*) FILTER (WHERE last_contact_on IS NULL)
         FROM (SELECT tier, last_contact_on, created_on, next_due_on, {case} AS since FROM customers)
         GROUP BY tier"
    )
}

pub(super) fn tier_tallies(
    conn: &Connection,
    windows: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Result<Vec<TierTally>> {
    let mut st = conn.prepare_cached(&tallies_sql(windows.len()))?;
    let mut args = vec![Value::Text(date_text(today))];
    for (code, since) in windows {
        args.push(Value::Text(code.clone()));
        args.push(Value::Text(date_text(*since)));
    }
    let n = |r: &rusqlite::Row, i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as usize);
    let rows = st.query_map(params_from_iter(args), |r| {
        Ok(TierTally {
            tier: r.get(0)?,
            counts: Counts {
                customers: n(r, 1)?,
                contacted_within_cadence: n(r, 2)?,
                not_yet_due: n(r, 3)?,
                overdue: n(r, 4)?,
                never_contacted: n(r, 5)?,
            },
        })
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
