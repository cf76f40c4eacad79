//! The start of the daily list, read through the index on (tier, next due date) instead of
//! every due customer's row: for each tier, the customers whose next due date came first,
//! and how many due customers were left unread. `app::agenda::due_head` ranks what is read
//! and keeps only the part of it that is the head of the whole list.
//!
//! Why this is the head: for a customer not contacted today or later, the stored next due
//! date is the earliest due date of its requirements (the book keeps it so with every
//! write), so its items are due on that date or after. Overdue items rank by tier, then by
//! due date; reading a tier's customers by next due date up to a day D reads every overdue
//! item of that tier due by D. Customers contacted today (their items are worked out as of
//! this morning) are worked out from an index that holds their day before today
//! (`before_last`): counted when their items rank after their tier's cut, else read whole.
//! Those contacted after today, a damaged next due date, follow-ups and assessments are
//! read whole, as `due_inputs` reads them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::named_params;
use rusqlite::types::ValueRef;

use super::convert::{date_text, iso_date};
use super::due_rows::{customer_row, snooze_row};
use super::prelude::*;
use super::{DueInputs, Result, Store};
use crate::domain::dates::RecordKind;
use crate::domain::due::{AssessmentRule, CadenceInput, Snooze, requirement_dues};
use crate::domain::tier::TierScheme;

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
    /// Customers contacted today left unread whose item of this morning was due by today:
    /// each is one done item on today's list (see `count_contacted_today`).
    pub done_unread: usize,
    /// Everything `due_inputs` reads was read (no cut, the coming days too).
    pub whole: bool,
}

impl DueHead {
    /// Everything was read: the inputs are `due_inputs`' own.
    pub fn whole(inputs: DueInputs) -> Self {
        Self { inputs, cut: Vec::new(), unread: 0, done_unread: 0, whole: true }
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
        // The index named: left to guess, the planner may scan the table for a range it
        // cannot size (seen on the 100,000-customer bench book: a whole scan per tier).
        let index = if logins.is_some() {
            "INDEXED BY customers_by_owner_tier_due"
        } else {
            "INDEXED BY customers_by_tier_due"
        };
        let whose = whose(&logins);
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
        // Each tier's cut: its `rows`-th overdue customer's next due date. A tier of several
        // requirements has none: how many items its customers have is not in the index, so
        // all its due customers are read.
        let mut cuts: Vec<Option<String>> = Vec::with_capacity(scheme.tiers.len());
        for tier in &scheme.tiers {
            cuts.push(if tier.requirements.len() > 1 || rows == 0 {
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
            });
        }
        // Where each customer contacted today or after stands (tier, next due date), so that
        // each tier's unread count below leaves them out without a seek per customer and tier.
        // Text only, as SQL compares them: a damaged value is in no range.
        let mut touched: Vec<(Option<String>, Option<String>)> = Vec::new();
        // Those contacted today, from the index alone (`before_last`): each is counted when
        // its item of this morning ranks past its tier's cut, else read whole below.
        let whole_ids = self.count_contacted_today(&scheme, &cuts, today, &logins, &mut touched, &mut head)?;
        // Read whole (their items are worked out as of this morning): those contacted today
        // who may be in the start of the list or cannot be counted, those contacted after
        // today, and those with a damaged next due date (to be named), as `due_inputs` reads them.
        {
            let ids = serde_json::to_string(&whole_ids).unwrap_or_else(|_| "[]".into());
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT {COLUMNS}, tier, next_due_on FROM customers WHERE {whose} last_contact_on > :today
                 UNION ALL
                 SELECT {COLUMNS}, NULL, NULL FROM customers WHERE {whose} next_due_on > '9999-12-31'
                 UNION ALL
                 SELECT {COLUMNS}, NULL, NULL FROM customers WHERE id IN (SELECT value FROM json_each(:ids))"
            ))?;
            let found = st.query_map(named_params! {":today": today_s, ":who": logins, ":ids": ids}, |r| {
                let text = |at: usize| r.get_ref(at).map(|v| v.as_str().ok().map(str::to_owned));
                touched.push((text(8)?, text(9)?));
                customer_row(r)
            })?;
            self.read_cadence_inputs(found, |id| seen.insert(id), &mut read)?;
        }
        for (tier, cut) in scheme.tiers.iter().zip(cuts) {
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
                // The unread: due after the cut and by today, less those contacted today or
                // after (read or counted above).
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
                let day = iso_date(cut.as_bytes()).unwrap_or(today);
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

    /// The customers of the chosen owners contacted today, read from `customers_contacted_on`
    /// alone: each one's tier and next due date onto `touched`; its items of this morning (as
    /// `complete_cadence_inputs` works them out), which today's contact ticked, worked out
    /// from the index: none due by today, it is on no part of today's list; all due after
    /// its tier's cut, they are in no part of the start of the list and are counted in
    /// `head.done_unread`. Returns the others' ids, to be read whole: those with an item due
    /// by the cut or in a tier without a cut, those in a tier whose requirements count some
    /// kinds only (their contacts' kinds matter), those with a date that cannot be read (to
    /// be named).
    fn count_contacted_today(
        &self,
        scheme: &TierScheme,
        cuts: &[Option<String>],
        today: NaiveDate,
        logins: &Option<String>,
        touched: &mut Vec<(Option<String>, Option<String>)>,
        head: &mut DueHead,
    ) -> Result<Vec<i64>> {
        let (today_s, whose) = (date_text(today), whose(logins));
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT id, tier, next_due_on, created_on, contact_before_last_on
             FROM customers INDEXED BY customers_contacted_on WHERE {whose} last_contact_on = :today"
        ))?;
        let mut found = st.query(named_params! {":today": today_s, ":who": logins})?;
        let mut whole = Vec::new();
        // (id, tier's place in the scheme, created date, latest contact before today)
        let mut countable: Vec<(i64, usize, NaiveDate, Option<NaiveDate>)> = Vec::new();
        // Read in place, nothing copied but what is kept (27,000 rows on the bench book).
        while let Some(r) = found.next()? {
            let id: i64 = r.get(0)?;
            let text = |at: usize| r.get_ref(at).map(|v| v.as_str().ok());
            let (tier, next_due) = (text(1)?, text(2)?);
            // A contact today meets each requirement that counts any kind.
            let at = tier
                .and_then(|code| scheme.tiers.iter().position(|t| t.code == code))
                .filter(|&at| scheme.tiers[at].requirements.iter().all(|r| r.kinds.is_none()));
            let created = text(3)?.and_then(|t| iso_date(t.as_bytes()));
            let before = match r.get_ref(4)? {
                ValueRef::Null => Some(None),
                v => v.as_str().ok().and_then(|t| iso_date(t.as_bytes())).map(Some),
            };
            match (at, created, before) {
                (Some(at), Some(created), Some(before)) => countable.push((id, at, created, before)),
                _ => whole.push(id),
            }
            // Only a next due date by today is in a tier's unread count.
            if next_due.is_some_and(|n| n <= today_s.as_str()) {
                touched.push((tier.map(str::to_owned), next_due.map(str::to_owned)));
            }
        }
        // Snoozes are few (one requirement of a customer, set aside for a while): when the
        // book has fewer than these customers, all are read and sorted out here, instead of a
        // seek per customer (13 ms for 27,000 on the bench book, which has none).
        let fewer: bool = self
            .conn
            .prepare_cached("SELECT count(*) < ?1 FROM (SELECT 1 FROM snoozes LIMIT ?1)")?
            .query_row([countable.len() as i64], |r| r.get(0))?;
        let mut snoozed = if fewer {
            let ids: HashSet<i64> = countable.iter().map(|c| c.0).collect();
            self.read_snoozes("TRUE", &[], |id| ids.contains(&id))?
        } else {
            self.snoozes_of_many(countable.iter().map(|c| c.0))?
        };
        let day = |t: &Option<String>| t.as_deref().and_then(|t| iso_date(t.as_bytes()));
        for (id, at, created, before) in countable {
            let lasts: Vec<(String, NaiveDate)> = before.map(|on| (String::new(), on)).into_iter().collect();
            let snoozes = snoozed.remove(&id).unwrap_or_default();
            let dues = requirement_dues(&scheme.tiers[at], created, &lasts, &snoozes);
            let due_today = dues.iter().filter(|r| r.due <= today).count();
            // Each requirement due by today is a done item on today's list; one due later is
            // on no part of it (its next due date, from today's contact, is later still).
            let past_cut = cuts.get(at).and_then(day).is_some_and(|cut| dues.iter().all(|r| r.due > cut));
            if due_today == 0 {
                continue;
            }
            if past_cut {
                head.done_unread += due_today;
            } else {
                whole.push(id);
            }
        }
        Ok(whole)
    }

    /// The snoozes of these customers, by customer (an unreadable one is named and left out).
    fn snoozes_of_many(&self, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, Vec<Snooze>>> {
        let ids: Vec<i64> = ids.collect();
        let list = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        self.read_snoozes("customer_id IN (SELECT value FROM json_each(:ids))", named_params! {":ids": list}, |_| true)
    }

    /// The snoozes that `filter` (SQL) and then `keep` (given the customer's id) keep, by
    /// customer.
    fn read_snoozes(
        &self,
        filter: &str,
        params: &[(&str, &dyn rusqlite::ToSql)],
        keep: impl Fn(i64) -> bool,
    ) -> Result<HashMap<i64, Vec<Snooze>>> {
        let mut snoozed: HashMap<i64, Vec<Snooze>> = HashMap::new();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT customer_id, requirement, until_on, set_on, id FROM snoozes WHERE {filter}"
        ))?;
        for row in st.query_map(params, |r| Ok((r.get::<_, i64>(0)?, snooze_row(r, 1)?)))? {
            match row? {
                (id, _) if !keep(id) => {}
                (id, Ok(s)) => snoozed.entry(id).or_default().push(s),
                (id, Err((snooze, field, text))) => self.note_unreadable((RecordKind::Snooze, snooze), id, field, text),
            }
        }
        Ok(snoozed)
    }
}

/// The test of a customer's owner: only when some are chosen, so that "all" reads
/// (tier, next_due_on) alone and a person's (owner, tier, next_due_on) alone: counts come
/// from the index.
fn whose(logins: &Option<String>) -> &'static str {
    if logins.is_some() { "owner IN (SELECT value FROM json_each(:who)) AND" } else { ":who IS NULL AND" }
}
