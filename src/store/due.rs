//! What the daily list is computed from: customers whose next due date has come (through
//! the index on `next_due_on`), customers contacted today (their items stay, ticked), their
//! snoozes, and open follow-ups. The rules themselves live in `domain::due`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::contacts::{last_by_kind, refresh_schedule};
use super::convert::{date_text, datetime_text, new_uuid};
use super::due_rows::{CustomerRow, DUE_CUSTOMERS, customer_ref, customer_row, snooze_row};
pub(super) use super::due_rows::{later_than_today, snoozes_of};
use super::lenient;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::due::{AssessmentInput, AssessmentRule, CadenceInput, FollowUpInput, Snooze};
use crate::domain::history::FollowUpId;

/// Per tier: customers within their cadence, and overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierCoverage {
    pub tier: String,
    pub on_time: usize,
    pub late: usize,
}

/// Everything the due rules need for the items falling due by `until`, as of `today`.
#[derive(Debug, Default)]
pub struct DueInputs {
    pub cadence: Vec<CadenceInput>,
    pub follow_ups: Vec<FollowUpInput>,
    pub assessments: Vec<AssessmentInput>,
}

impl Schedule for Store {
    fn snooze(&mut self, customer: CustomerId, requirement: usize, until: NaiveDate, reason: &str) -> Result<()> {
        let scheme = self.require_scheme()?.clone();
        let today = self.clock.today();
        later_than_today(DateField::SnoozeUntil, until, today)?;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![new_uuid(), customer.0, requirement as i64, date_text(until), date_text(today), reason, user, now],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NoSuchCustomer(customer.0),
            _ => e.into(),
        })?;
        refresh_schedule(&tx, &scheme, customer)?;
        tx.commit()?;
        Ok(())
    }

    fn due_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
    ) -> Result<DueInputs> {
        self.due_inputs_for(today, until, rule, None, owners)
    }

    fn due_head(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
        rows: usize,
    ) -> Result<super::DueHead> {
        self.read_due_head(today, until, rule, owners, rows)
    }

    fn due_inputs_of(
        &self,
        customer: CustomerId,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
    ) -> Result<DueInputs> {
        self.due_inputs_for(today, until, rule, Some(customer), &Owners::All)
    }

    fn coverage(&self, today: NaiveDate, owners: &Owners) -> Result<Vec<TierCoverage>> {
        // Two statements, so that each reads an index alone: (tier, next_due_on) for all,
        // (owner, tier, next_due_on) for some people's.
        let mut st = self.conn.prepare_cached(match owners.json() {
            None => "SELECT tier, sum(next_due_on >= ?1), sum(next_due_on < ?1) FROM customers WHERE ?2 IS NULL GROUP BY tier",
            Some(_) => {
                "SELECT tier, sum(next_due_on >= ?1), sum(next_due_on < ?1) FROM customers
                 WHERE owner IN (SELECT value FROM json_each(?2)) GROUP BY tier"
            }
        })?;
        let rows = st.query_map(params![date_text(today), owners.json()], |r| {
            Ok(TierCoverage {
                tier: r.get(0)?,
                on_time: r.get::<_, i64>(1)? as usize,
                late: r.get::<_, i64>(2)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn customer_schedule(&self, customer: CustomerId) -> Result<Vec<crate::domain::due::RequirementDue>> {
        let scheme = self.require_scheme()?;
        let Some(c) = self.customer(customer)? else { return Err(StoreError::NoSuchCustomer(customer.0)) };
        let tier = scheme.tier(&c.fields.tier).ok_or_else(|| StoreError::UnknownTier(c.fields.tier.clone()))?;
        let lasts = last_by_kind(&self.conn, customer, None, &self.unreadable)?;
        let snoozes = snoozes_of(&self.conn, customer, &self.unreadable)?;
        Ok(crate::domain::due::requirement_dues(tier, c.fields.created_on, &lasts, &snoozes))
    }
}

impl Store {
    fn due_inputs_for(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        only: Option<CustomerId>,
        owners: &Owners,
    ) -> Result<DueInputs> {
        let logins = owners.json();
        let today_s = date_text(today);
        let mut snoozed: HashMap<i64, Vec<Snooze>> = HashMap::new();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT customer_id, requirement, until_on, set_on, id FROM snoozes WHERE ?1 < 0 OR customer_id = ?1",
            )?;
            let rows =
                st.query_map([only.map(|c| c.0).unwrap_or(-1)], |r| Ok((r.get::<_, i64>(0)?, snooze_row(r, 1)?)))?;
            for row in rows {
                match row? {
                    (id, Ok(s)) => snoozed.entry(id).or_default().push(s),
                    (id, Err((snooze, field, text))) => {
                        self.note_unreadable((RecordKind::Snooze, snooze), id, field, text)
                    }
                }
            }
        }
        let mut inputs = DueInputs::default();
        let only_id = only.map(|c| c.0).unwrap_or(-1);
        let mut st = self.conn.prepare_cached(DUE_CUSTOMERS)?;
        let rows = st.query_map(params![date_text(until), today_s, only_id, logins], customer_row)?;
        self.read_cadence_inputs(rows, |_| true, &mut inputs.cadence)?;
        self.complete_cadence_inputs(&mut inputs.cadence, today, snoozed)?;
        inputs.follow_ups = self.follow_up_inputs(today, until, only, owners)?;
        inputs.assessments = self.assessment_inputs(today, until, rule, only, owners)?;
        Ok(inputs)
    }

    /// The customers read by `customer_row` whose dates can be read, pushed onto `out` for
    /// which `keep` says so (given the id), each as the row alone tells its due inputs: its
    /// latest contact of any kind, no contact today, no snooze (`complete_cadence_inputs`
    /// adds what the row cannot tell). The others are named (a damaged latest contact counts
    /// as none, a damaged created date leaves them out). One list, filled as it is read: on
    /// a list of 90,000 customers a list of rows and then one of inputs were 20 MB each.
    pub(super) fn read_cadence_inputs(
        &self,
        rows: impl Iterator<Item = rusqlite::Result<CustomerRow>>,
        mut keep: impl FnMut(i64) -> bool,
        out: &mut Vec<CadenceInput>,
    ) -> Result<()> {
        for row in rows {
            let (id, customer, created, bad_last) = row?;
            if let Some(text) = bad_last {
                self.note_unreadable((RecordKind::Customer, id), id, DateField::LastContact, text);
            }
            match created {
                Ok(created_on) if keep(id) => out.push(CadenceInput {
                    last_before_today: customer.last_contact.map(|d| vec![(String::new(), d)]).unwrap_or_default(),
                    customer,
                    created_on,
                    kinds_today: Vec::new(),
                    snoozes: Vec::new(),
                }),
                Ok(_) => {}
                Err(text) => self.note_unreadable((RecordKind::Customer, id), id, DateField::CreatedOn, text),
            }
        }
        Ok(())
    }

    /// Complete the due rules' inputs read by `read_cadence_inputs`: their snoozes
    /// (`snoozed`, by id); for those whose contacts' kinds matter, their latest contact of
    /// each kind before today and the kinds of today's; for the others contacted today, their
    /// latest contact before today and whether one was today.
    pub(super) fn complete_cadence_inputs(
        &self,
        inputs: &mut [CadenceInput],
        today: NaiveDate,
        mut snoozed: HashMap<i64, Vec<Snooze>>,
    ) -> Result<()> {
        let scheme = self.require_scheme()?;
        let today_s = date_text(today);
        // Tiers whose requirements all count any kind: the latest contact on the row is enough.
        let simple: Vec<&str> = scheme
            .tiers
            .iter()
            .filter(|t| t.requirements.iter().all(|r| r.kinds.is_none()))
            .map(|t| t.code.as_str())
            .collect();
        // Who needs their contacts read: those of tiers where kinds matter, by kind; and those
        // of the other tiers contacted today (their items are shown as of this morning), for
        // whom the latest contact before today and whether there is one today say all.
        let mut by_kind: Vec<i64> = Vec::new();
        let mut contacted_today: Vec<i64> = Vec::new();
        for i in inputs.iter() {
            if !simple.contains(&i.customer.tier.as_str()) {
                by_kind.push(i.customer.id.0);
            } else if i.customer.last_contact == Some(today) {
                contacted_today.push(i.customer.id.0);
            }
        }
        let mut kinds_today: HashMap<i64, Vec<String>> = HashMap::new();
        let mut before: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        if !contacted_today.is_empty() {
            // Two index seeks each, where grouping all their contacts by kind read every one
            // (2,600 customers contacted today on the 100,000-customer book: a third of
            // Today's first frame).
            let ids = serde_json::to_string(&contacted_today).unwrap_or_else(|_| "[]".into());
            let mut st = self.conn.prepare_cached(
                "SELECT value,
                    (SELECT max(happened_on) FROM contacts WHERE customer_id = value AND happened_on < ?1),
                    EXISTS (SELECT 1 FROM contacts WHERE customer_id = value AND happened_on = ?1)
                 FROM json_each(?2)",
            )?;
            for row in st.query_map(params![today_s, ids], |r| {
                Ok((r.get::<_, i64>(0)?, lenient::opt_date(r, 1)?, r.get::<_, bool>(2)?))
            })? {
                match row? {
                    (id, Ok(last), met_today) => {
                        before.insert(id, last.map(|d| vec![(String::new(), d)]).unwrap_or_default());
                        kinds_today.insert(id, if met_today { vec![String::new()] } else { Vec::new() });
                    }
                    // A damaged latest date: read by kind, where it is named and each kind's
                    // readable date kept.
                    (id, Err(_), _) => by_kind.push(id),
                }
            }
        }
        if !by_kind.is_empty() {
            let ids = serde_json::to_string(&by_kind).unwrap_or_else(|_| "[]".into());
            let mut st = self.conn.prepare_cached(
                "SELECT customer_id, kind FROM contacts WHERE happened_on = ?1
                 AND customer_id IN (SELECT value FROM json_each(?2)) GROUP BY customer_id, kind",
            )?;
            for row in st.query_map(params![today_s, ids], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, kind) = row?;
                kinds_today.entry(id).or_default().push(kind);
            }
            let mut st = self.conn.prepare_cached(
                "SELECT customer_id, kind, max(happened_on) FROM contacts
                 WHERE customer_id IN (SELECT value FROM json_each(?2)) AND happened_on < ?1
                 GROUP BY customer_id, kind",
            )?;
            for row in st.query_map(params![today_s, ids], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, lenient::date(r, 2)?))
            })? {
                match row? {
                    (id, kind, Ok(on)) => before.entry(id).or_default().push((kind, on)),
                    // A damaged contact date sorts last: that kind's latest contact is unknown.
                    (id, _, Err(text)) => {
                        self.note_unreadable((RecordKind::Customer, id), id, DateField::ContactDate, text)
                    }
                }
            }
        }
        let detailed: Vec<i64> = by_kind.into_iter().chain(contacted_today).collect();
        let detailed: std::collections::HashSet<i64> = detailed.into_iter().collect();
        for input in inputs {
            let id = input.customer.id.0;
            if detailed.contains(&id) {
                input.last_before_today = before.remove(&id).unwrap_or_default();
                input.kinds_today = kinds_today.remove(&id).unwrap_or_default();
            }
            input.snoozes = snoozed.remove(&id).unwrap_or_default();
        }
        Ok(())
    }

    /// Open follow-ups due by `until` and those done today (of `owners`' customers, or of one).
    pub(super) fn follow_up_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        only: Option<CustomerId>,
        owners: &Owners,
    ) -> Result<Vec<FollowUpInput>> {
        let today_s = date_text(today);
        let logins = owners.json();
        let mut out = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT f.id, f.what, f.due_on, f.done_at IS NOT NULL,
                    c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at IS NULL AND f.due_on <= ?1 AND (?5 < 0 OR f.customer_id = ?5)
               AND (?6 IS NULL OR c.owner IN (SELECT value FROM json_each(?6)))
             UNION ALL
             SELECT f.id, f.what, f.due_on, 1, c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at >= ?2 AND f.done_at < ?3 AND f.due_on <= ?4 AND (?5 < 0 OR f.customer_id = ?5)
               AND (?6 IS NULL OR c.owner IN (SELECT value FROM json_each(?6)))
             UNION ALL -- open ones whose due date is damaged text, to be named (as above)
             SELECT f.id, f.what, f.due_on, 0, c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at IS NULL AND f.due_on > '9999-12-31' AND (?5 < 0 OR f.customer_id = ?5)
               AND (?6 IS NULL OR c.owner IN (SELECT value FROM json_each(?6)))",
        )?;
        let tomorrow = today.succ_opt().unwrap_or(today);
        let rows = st.query_map(
            params![
                date_text(until),
                format!("{today_s} 00:00:00"),
                format!("{} 00:00:00", date_text(tomorrow)),
                today_s,
                only.map(|c| c.0).unwrap_or(-1),
                logins
            ],
            |r| {
                let (customer, bad_last) = customer_ref(r, 4)?;
                let due_on = lenient::date(r, 2)?;
                Ok((FollowUpId(r.get(0)?), r.get::<_, String>(1)?, due_on, r.get::<_, bool>(3)?, customer, bad_last))
            },
        )?;
        for row in rows {
            let (id, what, due_on, done_today, customer, bad_last) = row?;
            if let Some(text) = bad_last {
                self.note_unreadable(
                    (RecordKind::Customer, customer.id.0),
                    customer.id.0,
                    DateField::LastContact,
                    text,
                );
            }
            match due_on {
                Ok(due_on) => out.push(FollowUpInput { id, what, due_on, done_today, customer }),
                Err(text) => {
                    self.note_unreadable((RecordKind::FollowUp, id.0), customer.id.0, DateField::FollowUpDue, text)
                }
            }
        }
        Ok(out)
    }
}
