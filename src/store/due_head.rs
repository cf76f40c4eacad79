//! The start of the daily list, read through the index on (tier, next due date) instead of
//! every due customer's row: for each tier, the customers whose next due date came first,
//! and how many due customers were left unread. `app::agenda::due_head` ranks what is read
//! and keeps only the part of it that is the head of the whole list.
//!
//! Why this is the head: for a customer not contacted today or later, the stored next due
//! date is the earliest due date of its requirements (the book keeps it so with every
//! write), so its items are due on that date or after. Overdue items rank by tier, then by
//! due date; reading a tier's customers by next due date up to a day D reads every overdue
//! item of that tier due by D. Customers contacted today or later (their items are worked
//! out as of this morning), a damaged next due date, follow-ups and assessments are read
//! whole, as `due_inputs` reads them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::named_params;

use super::convert::date_text;
use super::due_rows::{customer_row, snooze_row};
use super::prelude::*;
use super::{DueInputs, Result, Store};
use crate::domain::dates::RecordKind;
use crate::domain::due::{AssessmentRule, CadenceInput, Snooze};

/// The start of the due list (see `Schedule::due_head`).
#[derive(Debug, Default)]
pub struct DueHead {
    /// The inputs of the customers read, every follow-up and every assessment.
    pub inputs: DueInputs,
    /// Where a tier's read stopped: its code and the last next due date read. That tier's
    /// overdue items due after it may be missing from `inputs`.
    pub cut: Vec<(String, NaiveDate)>,
    /// Customers due by today (next due date on or before it) left unread: each is one open
    /// item on today's list (their tier has one requirement and nothing was logged for them
    /// today or after).
    pub unread: usize,
    /// Everything `due_inputs` reads was read (no cut, the coming days too).
    pub whole: bool,
}

impl DueHead {
    /// Everything was read: the inputs are `due_inputs`' own.
    pub fn whole(inputs: DueInputs) -> Self {
        Self { inputs, cut: Vec::new(), unread: 0, whole: true }
    }
}

const COLUMNS: &str = "id, ext_ref, name, company, tier, last_contact_on, region, created_on";

impl Store {
    pub(super) fn read_due_head(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
        rows: usize,
    ) -> Result<DueHead> {
        let scheme = self.require_scheme()?.clone();
        let codes: Vec<&str> = scheme.tiers.iter().map(|t| t.code.as_str()).collect();
        let logins = owners.json();
        // The owners' test only when some are chosen, so that "all" reads (tier, next_due_on)
        // alone and a person's (owner, tier, next_due_on) alone: counts come from the index.
        // The index named: left to guess, the planner may scan the table for a range it
        // cannot size (seen on the 100,000-customer bench book: a whole scan per tier).
        let index = if logins.is_some() {
            "INDEXED BY customers_by_owner_tier_due"
        } else {
            "INDEXED BY customers_by_tier_due"
        };
        let whose =
            if logins.is_some() { "owner IN (SELECT value FROM json_each(:who)) AND" } else { ":who IS NULL AND" };
        // A tier spelled otherwise than the scheme's code (other case, spaces) is not found by
        // the index's ranges: such a book reads the whole list. Looked for in the gaps between
        // the codes, a seek each (not a pass over the index).
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        let mut odd = false;
        for gap in 0..=sorted.len() {
            let (lo, hi) = (gap.checked_sub(1).and_then(|i| sorted.get(i)), sorted.get(gap));
            let range = match (lo, hi) {
                (None, _) => "tier < :hi AND :lo IS NULL",
                (_, None) => "tier > :lo AND :hi IS NULL",
                _ => "tier > :lo AND tier < :hi",
            };
            odd |= self
                .conn
                .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM customers {index} WHERE {whose} {range})"))?
                .query_row(named_params! {":lo": lo, ":hi": hi, ":who": logins}, |r| r.get::<_, bool>(0))?;
        }
        if odd {
            return Ok(DueHead::whole(self.due_inputs(today, until, rule, owners)?));
        }
        let today_s = date_text(today);
        let mut head = DueHead::default();
        let mut read: Vec<CadenceInput> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        // Contacted today or after (their items are worked out as of this morning) and a
        // damaged next due date (to be named), as `due_inputs` reads them; read first, with
        // where each stands (tier, next due date), so that each tier's unread count below
        // leaves them out without a seek into the table per customer and tier (26,000
        // contacted on the bench day of the 1,000,000-customer book: 230 ms counted by SQL
        // per tier, then 55 ms to read them). Text only, as SQL compares them: a damaged
        // value is in no range.
        let mut touched: Vec<(Option<String>, Option<String>)> = Vec::new();
        {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {COLUMNS}, tier, next_due_on FROM customers WHERE {whose} last_contact_on >= :today
                 UNION ALL
                 SELECT {COLUMNS}, NULL, NULL FROM customers WHERE {whose} next_due_on > '9999-12-31'"
            ))?;
            let found = st.query_map(named_params! {":today": today_s, ":who": logins}, |r| {
                let text = |at: usize| r.get_ref(at).map(|v| v.as_str().ok().map(str::to_owned));
                touched.push((text(8)?, text(9)?));
                customer_row(r)
            })?;
            self.read_cadence_inputs(found, |id| seen.insert(id), &mut read)?;
        }
        for tier in &scheme.tiers {
            // A tier of several requirements: how many items its customers have is not in the
            // index, so all its due customers are read.
            let cut = if tier.requirements.len() > 1 || rows == 0 {
                None
            } else {
                self.conn
                    .prepare_cached(&format!(
                        "SELECT next_due_on FROM customers {index} WHERE {whose} tier = :tier AND next_due_on < :today
                         ORDER BY next_due_on LIMIT 1 OFFSET :skip"
                    ))?
                    .query_row(
                        named_params! {":tier": tier.code, ":today": today_s, ":skip": rows as i64 - 1, ":who": logins},
                        |r| r.get::<_, String>(0),
                    )
                    .map(Some)
                    .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
            };
            // Read: next due by the cut (all ties of its day); without a cut, everything due by
            // today. Those due today after a cut are only counted: the tier's overdue items
            // (at least `rows`) rank before them, so none of them is in the start of the list.
            // (Reading them was most of the first frame on the 1,000,000-customer book, where
            // 10,000 yearly customers fell due on the day.)
            let bound = cut.clone().unwrap_or_else(|| today_s.clone());
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM customers {index} WHERE {whose} tier = :tier AND next_due_on <= :bound"
            ))?;
            let found =
                st.query_map(named_params! {":tier": tier.code, ":bound": bound, ":who": logins}, customer_row)?;
            self.read_cadence_inputs(found, |id| seen.insert(id), &mut read)?;
            if let Some(cut) = cut {
                // The unread: due after the cut and by today, less those read above (contacted
                // today or after).
                let due: i64 = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT count(*) FROM customers {index}
                         WHERE {whose} tier = :tier AND next_due_on > :cut AND next_due_on <= :today"
                    ))?
                    .query_row(
                        named_params! {":tier": tier.code, ":cut": cut, ":today": today_s, ":who": logins},
                        |r| r.get(0),
                    )?;
                let (tier_code, after, by) = (Some(tier.code.as_str()), cut.as_str(), today_s.as_str());
                let touched = touched
                    .iter()
                    .filter(|(t, next)| {
                        t.as_deref() == tier_code && next.as_deref().is_some_and(|n| n > after && n <= by)
                    })
                    .count();
                head.unread += usize::try_from(due).unwrap_or(0).saturating_sub(touched);
                let day = super::convert::iso_date(cut.as_bytes()).unwrap_or(today);
                head.cut.push((tier.code.clone(), day));
            }
        }
        let snoozed = self.snoozes_of_many(read.iter().map(|i| i.customer.id.0))?;
        self.complete_cadence_inputs(&mut read, today, snoozed)?;
        head.inputs.cadence = read;
        head.inputs.follow_ups = self.follow_up_inputs(today, until, None, owners)?;
        head.inputs.assessments = self.assessment_inputs(today, until, rule, None, owners)?;
        Ok(head)
    }

    /// The snoozes of these customers, by customer (an unreadable one is named and left out).
    fn snoozes_of_many(&self, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, Vec<Snooze>>> {
        let ids: Vec<i64> = ids.collect();
        let mut snoozed: HashMap<i64, Vec<Snooze>> = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT customer_id, requirement, until_on, set_on, id FROM snoozes
             WHERE customer_id IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        for row in st.query_map([list], |r| Ok((r.get::<_, i64>(0)?, snooze_row(r, 1)?)))? {
            match row? {
                (id, Ok(s)) => snoozed.entry(id).or_default().push(s),
                (id, Err((snooze, field, text))) => self.note_unreadable((RecordKind::Snooze, snooze), id, field, text),
            }
        }
        Ok(snoozed)
    }
}
