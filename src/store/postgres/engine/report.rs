//! The coverage report on the team book, as in the SQLite engine (`store::report`): per-tier
//! counts in one pass over the customers this login sees (each tier's period start, computed
//! by the domain, joined in as a parameter), and contacts per day over the report's weeks.

use chrono::NaiveDate;

use super::PgStore;
use crate::domain::report::{self, Counts, CoverageReport, OwnerReport, TierTally};
use crate::store::Result;
use crate::store::prelude::*;

impl Reports for PgStore {
    fn coverage_report(&self, today: NaiveDate) -> Result<CoverageReport> {
        let scheme = self.work_scheme()?;
        let windows = report::windows(&scheme, today);
        let codes: Vec<&str> = windows.iter().map(|(c, _)| c.as_str()).collect();
        let sinces: Vec<NaiveDate> = windows.iter().map(|(_, s)| *s).collect();
        let mut client = self.client.borrow_mut();
        // A tier unknown to the scheme has no `since`: every comparison with it is NULL, so it
        // counts in no share (as in SQLite).
        let rows = client.query(
            "SELECT c.tier, count(*),
                    count(*) FILTER (WHERE c.last_contact_on >= w.since),
                    count(*) FILTER (WHERE (c.last_contact_on IS NULL OR c.last_contact_on < w.since)
                                     AND c.created_on >= w.since),
                    count(*) FILTER (WHERE c.next_due_on < $1),
                    count(*) FILTER (WHERE c.last_contact_on IS NULL)
             FROM customers c LEFT JOIN unnest($2::text[], $3::date[]) AS w(code, since) ON w.code = c.tier
             WHERE c.owner IS NOT NULL
             GROUP BY c.tier ORDER BY c.tier",
            &[&today, &codes, &sinces],
        )?;
        let n = |r: &postgres::Row, i: usize| r.get::<_, i64>(i).max(0) as usize;
        let tallies: Vec<TierTally> = rows
            .iter()
            .map(|r| TierTally {
                tier: r.get(0),
                counts: Counts {
                    customers: n(r, 1),
                    contacted_within_cadence: n(r, 2),
                    not_yet_due: n(r, 3),
                    overdue: n(r, 4),
                    never_contacted: n(r, 5),
                },
            })
            .collect();
        let days: Vec<(NaiveDate, usize)> = client
            .query(
                "SELECT happened_on, count(*) FROM contacts WHERE happened_on >= $1 AND happened_on <= $2
                 GROUP BY happened_on ORDER BY happened_on",
                &[&report::weeks_from(today), &today],
            )?
            .iter()
            .map(|r| (r.get(0), n(r, 1)))
            .collect();
        Ok(CoverageReport::build(&scheme, today, &tallies, &days))
    }

    /// As `coverage_report`, grouped by owner as well: row-level security leaves the customers
    /// (and contacts) of the people this login may see.
    fn coverage_report_by_owner(&self, today: NaiveDate) -> Result<Vec<OwnerReport>> {
        let scheme = self.work_scheme()?;
        let windows = report::windows(&scheme, today);
        let codes: Vec<&str> = windows.iter().map(|(c, _)| c.as_str()).collect();
        let sinces: Vec<NaiveDate> = windows.iter().map(|(_, s)| *s).collect();
        let mut client = self.client.borrow_mut();
        let rows = client.query(
            "SELECT c.owner, c.tier, count(*),
                    count(*) FILTER (WHERE c.last_contact_on >= w.since),
                    count(*) FILTER (WHERE (c.last_contact_on IS NULL OR c.last_contact_on < w.since)
                                     AND c.created_on >= w.since),
                    count(*) FILTER (WHERE c.next_due_on < $1),
                    count(*) FILTER (WHERE c.last_contact_on IS NULL)
             FROM customers c LEFT JOIN unnest($2::text[], $3::date[]) AS w(code, since) ON w.code = c.tier
             WHERE c.owner IS NOT NULL
             GROUP BY c.owner, c.tier ORDER BY c.owner, c.tier",
            &[&today, &codes, &sinces],
        )?;
        let n = |r: &postgres::Row, i: usize| r.get::<_, i64>(i).max(0) as usize;
        let tallies: Vec<(String, TierTally)> = rows
            .iter()
            .map(|r| {
                let counts = Counts {
                    customers: n(r, 2),
                    contacted_within_cadence: n(r, 3),
                    not_yet_due: n(r, 4),
                    overdue: n(r, 5),
                    never_contacted: n(r, 6),
                };
                (r.get(0), TierTally { tier: r.get(1), counts })
            })
            .collect();
        let days: Vec<(String, NaiveDate, usize)> = client
            .query(
                "SELECT customer_owner, happened_on, count(*) FROM contacts
                 WHERE happened_on >= $1 AND happened_on <= $2 AND customer_owner IS NOT NULL
                 GROUP BY customer_owner, happened_on ORDER BY customer_owner, happened_on",
                &[&report::weeks_from(today), &today],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1), n(r, 2)))
            .collect();
        Ok(report::by_owner(&scheme, today, &tallies, &days))
    }
}
