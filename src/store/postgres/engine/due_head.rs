//! The start of the daily list on the team book (the SQLite engine's `store/due_head.rs`,
//! whose comment says why it is the head): for each tier, its customers due first, read
//! through the index on (tier, next due date), and how many due customers were left unread.
//! A lead's whole list is the team's (30,000 rows on the pool's bench book, most of the
//! lead's first frame); the start is a few hundred.

use std::collections::HashSet;

use chrono::NaiveDate;
use postgres::types::Type;

use super::PgStore;
use super::schedule::{due_columns, simple_tiers};
use crate::domain::due::AssessmentRule;
use crate::store::prelude::*;
use crate::store::{DueHead, DueInputs, Result};

impl PgStore {
    pub(super) fn read_due_head(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
        rows: usize,
    ) -> Result<DueHead> {
        let scheme = self.scheme_needed()?.clone();
        let who = super::owners_param(owners);
        let codes: Vec<&str> = scheme.tiers.iter().map(|t| t.code.as_str()).collect();
        // A tier spelled otherwise than the scheme's codes (written by someone's own SQL) is
        // not in the ranges read below: such a book reads the whole list. The tiers in use,
        // found by a seek per tier (a loose scan of the index, not a pass over the table).
        let in_use = self.client.borrow_mut().query_typed(
            &format!(
                "WITH RECURSIVE t (tier) AS (
                    SELECT min(c.tier) FROM customers c WHERE true{cond}
                    UNION ALL
                    SELECT (SELECT min(c.tier) FROM customers c WHERE c.tier > t.tier{cond}) FROM t
                    WHERE t.tier IS NOT NULL)
                 SELECT tier FROM t WHERE tier IS NOT NULL",
                cond = super::owners_cond(owners, "c.owner", 1)
            ),
            &[(&who, Type::TEXT_ARRAY)],
        )?;
        if in_use.iter().any(|r| !codes.contains(&r.get::<_, &str>(0))) {
            return Ok(DueHead::whole(self.due_inputs(today, until, rule, owners)?));
        }
        // Where each tier's read stops: the `rows`-th customer's next due date among those
        // late. A tier of several requirements (how many items its customers have is not in
        // the index) or with fewer late customers is read whole, up to today.
        let cut_tiers: Vec<&str> =
            scheme.tiers.iter().filter(|t| t.requirements.len() == 1 && rows > 0).map(|t| t.code.as_str()).collect();
        let skip = i64::try_from(rows.saturating_sub(1)).unwrap_or(i64::MAX);
        let cuts: Vec<(String, NaiveDate)> = self
            .client
            .borrow_mut()
            .query_typed(
                &format!(
                    "SELECT b.code, c.next_due_on FROM unnest($1::text[]) AS b (code)
                     CROSS JOIN LATERAL (SELECT c.next_due_on FROM customers c
                         WHERE c.tier = b.code AND c.next_due_on < $2{}
                         ORDER BY c.next_due_on, c.id OFFSET $3 LIMIT 1) c",
                    super::owners_cond(owners, "c.owner", 4)
                ),
                &[(&cut_tiers, Type::TEXT_ARRAY), (&today, Type::DATE), (&skip, Type::INT8), (&who, Type::TEXT_ARRAY)],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let bounds: Vec<NaiveDate> =
            codes.iter().map(|code| cuts.iter().find(|(c, _)| c == code).map_or(today, |(_, day)| *day)).collect();
        // Read: each tier's customers due by its bound, a range of an index each (`OFFSET 0`
        // keeps the subquery apart: pulled up into a join, the planner scanned every customer
        // the lead may see, 114 ms against 14 ms on the pool's bench book), and anyone contacted today (their items stay, ticked), as `due_inputs` reads
        // them. A tier's customers due today past a cut are not read: they cannot be in
        // place (`domain::due::head_in_place`), and each is one open item, counted below.
        let simple = simple_tiers(&scheme);
        let found = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT r.* FROM unnest($3::text[], $4::date[]) AS b (code, bound)
                 CROSS JOIN LATERAL (SELECT {columns}, c.next_due_on FROM customers c
                     WHERE c.tier = b.code AND c.next_due_on <= b.bound{cond} OFFSET 0) r
                 UNION ALL
                 SELECT {columns}, c.next_due_on FROM customers c WHERE c.last_contact_on = $1{cond}",
                columns = due_columns(1, 2),
                cond = super::owners_cond(owners, "c.owner", 5)
            ),
            &[
                (&today, Type::DATE),
                (&simple, Type::TEXT_ARRAY),
                (&codes, Type::TEXT_ARRAY),
                (&bounds, Type::DATE_ARRAY),
                (&who, Type::TEXT_ARRAY),
            ],
        )?;
        let mut seen = HashSet::new();
        let found: Vec<postgres::Row> = found.into_iter().filter(|r| seen.insert(r.get::<_, i64>(0))).collect();
        // The unread: due past the cut and by today, less those contacted today (read above).
        let (cut_codes, cut_days): (Vec<&str>, Vec<NaiveDate>) = cuts.iter().map(|(c, d)| (c.as_str(), *d)).unzip();
        let counted: i64 = self
            .client
            .borrow_mut()
            .query_typed_one(
                &format!(
                    "SELECT coalesce(sum(n), 0)::int8 FROM unnest($1::text[], $2::date[]) AS b (code, cut)
                     CROSS JOIN LATERAL (SELECT count(*) AS n FROM customers c
                         WHERE c.tier = b.code AND c.next_due_on > b.cut AND c.next_due_on <= $3{}) c",
                    super::owners_cond(owners, "c.owner", 4)
                ),
                &[
                    (&cut_codes, Type::TEXT_ARRAY),
                    (&cut_days, Type::DATE_ARRAY),
                    (&today, Type::DATE),
                    (&who, Type::TEXT_ARRAY),
                ],
            )?
            .get(0);
        let contacted_unread = found
            .iter()
            .filter(|r| r.get::<_, Option<NaiveDate>>(5) == Some(today))
            .filter(|r| {
                let (tier, due): (&str, NaiveDate) = (r.get(4), r.get(9));
                cuts.iter().any(|(code, cut)| code == tier && due > *cut && due <= today)
            })
            .count();
        let unread = usize::try_from(counted).unwrap_or(0).saturating_sub(contacted_unread);
        // Follow-ups and assessments due by today only: nothing due later is in place (nor
        // counted), and the lead's week of follow-ups is twice the day's.
        let inputs = DueInputs {
            cadence: self.cadence_inputs(&found, today)?,
            follow_ups: self.follow_up_inputs(today, today, -1, owners)?,
            assessments: self.assessment_inputs(today, today, rule, -1, owners)?,
        };
        Ok(DueHead { inputs, cut: cuts, unread, done_unread: 0, whole: false })
    }
}
