//! What is due, on the team book (the SQLite engine's `store/due.rs`): snoozes, the due
//! list's inputs, coverage, a customer's schedule. The rules live in `domain::due`.
//!
//! The due list is read in at most five queries whatever its length: the customers due;
//! where the rules need them (tiers that name kinds, anyone contacted today), their contacts
//! by kind; their snoozes; the follow-ups; the assessments with, for those taken today, the
//! one before.

use std::collections::HashMap;

use chrono::NaiveDate;
use postgres::types::Type;

use super::PgStore;
use super::contacts::{kind_dates, missing_customer, refresh_schedule, snoozes_from};
use super::follow_ups::customer_ref;
use super::lenient::LAST_DAY;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::due::{AssessmentInput, AssessmentRule, CadenceInput, FollowUpInput, RequirementDue, Snooze};
use crate::domain::history::FollowUpId;
use crate::store::Owners;
use crate::store::convert::new_uuid;
use crate::store::due_rows::later_than_today;
use crate::store::prelude::*;
use crate::store::{DueInputs, Result, StoreError, TierCoverage};

/// The snoozes of the customer `d` as three arrays (requirement, until_on, set_on).
const SNOOZES_OF_D: &str = "LEFT JOIN LATERAL (SELECT array_agg(requirement ORDER BY id) AS reqs,
        array_agg(until_on ORDER BY id) AS untils, array_agg(set_on ORDER BY id) AS set_ons
     FROM snoozes WHERE customer_id = d.id) s ON true";

/// One customer's kinds of today's contacts, and latest contact before today per kind.
type KindsOfOne = (Vec<String>, Vec<(String, NaiveDate)>);

impl Schedule for PgStore {
    fn snooze(&mut self, customer: CustomerId, requirement: usize, until: NaiveDate, reason: &str) -> Result<()> {
        let scheme = self.scheme_needed()?.clone();
        let today = self.clock.today();
        later_than_today(DateField::SnoozeUntil, until, today)?;
        let now = self.clock.now();
        let user = self.target.login.clone();
        let requirement = i32::try_from(requirement).unwrap_or(i32::MAX);
        let mut tx = self.tx()?;
        // A snooze holds off the pool's rules: no further than one release window ahead.
        let row = tx.query_typed_opt(
            "SELECT tier, pin_reason IS NOT NULL FROM customers WHERE id = $1",
            &[(&customer.0, Type::INT8)],
        )?;
        if let Some(row) = row
            && let Some(tier) = scheme.tier(row.get::<_, &str>(0))
            && let Some(latest) = crate::domain::pool::latest_snooze(today, tier.rules, row.get(1))
            && until > latest
        {
            return Err(StoreError::Pool(crate::domain::pool::PoolProblem::SnoozePastRelease(latest)));
        }
        let uuid = new_uuid();
        tx.execute_typed(
            "INSERT INTO snoozes (uuid, customer_id, requirement, until_on, set_on, reason, set_by, created_at,
                updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            &[
                (&uuid, Type::TEXT),
                (&customer.0, Type::INT8),
                (&requirement, Type::INT4),
                (&until, Type::DATE),
                (&today, Type::DATE),
                (&reason, Type::TEXT),
                (&user, Type::TEXT),
                (&now, Type::TIMESTAMP),
            ],
        )
        .map_err(|e| missing_customer(e, customer))?;
        refresh_schedule(&mut tx, &scheme, customer)?;
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
    ) -> Result<crate::store::DueHead> {
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
        let who = super::owners_param(owners);
        // Counted from an index by the book (schema step 16): the customers of the logins
        // this person may see, and asked for.
        let rows = self.client.borrow_mut().query_typed(
            "SELECT tier_code, on_time, late FROM tier_coverage($1, $2::text[]) ORDER BY tier_code",
            &[(&today, Type::DATE), (&who, Type::TEXT_ARRAY)],
        )?;
        Ok(rows
            .iter()
            .map(|r| TierCoverage {
                tier: r.get(0),
                on_time: r.get::<_, i64>(1) as usize,
                late: r.get::<_, i64>(2) as usize,
            })
            .collect())
    }

    fn customer_schedule(&self, customer: CustomerId) -> Result<Vec<RequirementDue>> {
        let scheme = self.scheme_needed()?;
        let row = self
            .client
            .borrow_mut()
            .query_typed_opt(
                &format!(
                    "SELECT d.tier, d.created_on, k.kinds, k.lasts, s.reqs, s.untils, s.set_ons
                     FROM customers d
                     LEFT JOIN LATERAL (SELECT array_agg(kind ORDER BY kind) AS kinds,
                            array_agg(last ORDER BY kind) AS lasts
                         FROM (SELECT kind, max(happened_on) AS last FROM contacts WHERE customer_id = d.id
                               GROUP BY kind) x) k ON true
                     {SNOOZES_OF_D}
                     WHERE d.id = $1"
                ),
                &[(&customer.0, Type::INT8)],
            )?
            .ok_or(StoreError::NoSuchCustomer(customer.0))?;
        let code: String = row.get(0);
        let tier = scheme.tier(&code).ok_or(StoreError::UnknownTier(code.clone()))?;
        let (created, lasts, snoozes) = (row.get(1), kind_dates(&row, 2), snoozes_from(&row, 4));
        Ok(crate::domain::due::requirement_dues(tier, created, &lasts, &snoozes))
    }
}

impl PgStore {
    fn due_inputs_for(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        only: Option<CustomerId>,
        owners: &Owners,
    ) -> Result<DueInputs> {
        let who = super::owners_param(owners);
        let scheme = self.scheme_needed()?;
        let simple = simple_tiers(scheme);
        let only_id = only.map(|c| c.0).unwrap_or(-1);
        // Customers due by `until`, and those contacted today (their items stay, ticked): the
        // rows alone, in no order (the domain ranks them). Their contacts by kind and their
        // snoozes are read after, for the customers that need them, in one query each: read
        // per row in LATERAL subqueries, they took most of a lead's 32,000-row due list
        // (0.6 s against 0.15 s for the rows; EXPLAIN ANALYZE on the pool's bench book).
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT {}
                 FROM customers c
                 WHERE (c.next_due_on <= $1 OR c.last_contact_on = $2) AND ($3 < 0 OR c.id = $3){}",
                due_columns(2, 4),
                super::owners_cond(owners, "c.owner", 5)
            ),
            &[
                (&until, Type::DATE),
                (&today, Type::DATE),
                (&only_id, Type::INT8),
                (&simple, Type::TEXT_ARRAY),
                (&who, Type::TEXT_ARRAY),
            ],
        )?;
        Ok(DueInputs {
            cadence: self.cadence_inputs(&rows, today)?,
            follow_ups: self.follow_up_inputs(today, until, only_id, owners)?,
            assessments: self.assessment_inputs(today, until, rule, only_id, owners)?,
        })
    }

    /// The customers' cadence inputs from rows of `due_columns` (an unreadable one is named
    /// and left out): their contacts by kind where the flag asks for them, and their snoozes,
    /// one query each.
    pub(super) fn cadence_inputs(&self, rows: &[postgres::Row], today: NaiveDate) -> Result<Vec<CadenceInput>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        // Kinds matter where the tier's requirements name them, and for anyone contacted
        // today (their items are shown as of this morning).
        let detailed: Vec<i64> = rows.iter().filter(|r| r.get::<_, bool>(8)).map(|r| r.get(0)).collect();
        let mut kinds = self.kinds_of(&detailed, today)?;
        let mut snoozes = self.snoozes_of(&ids)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let customer = self.readable_last_contact(customer_ref(r, 0));
            let id = customer.id.0;
            let Some(created_on) = self.readable(r.get(7), (RecordKind::Customer, id), &customer, DateField::CreatedOn)
            else {
                continue;
            };
            let (last_before_today, kinds_today) = if r.get::<_, bool>(8) {
                let (today_kinds, lasts) = kinds.remove(&id).unwrap_or_default();
                // A kind whose latest contact is outside tierdesk's years: that one is unknown.
                let lasts = lasts.into_iter().filter(|(_, on)| {
                    self.readable(*on, (RecordKind::Customer, id), &customer, DateField::ContactDate).is_some()
                });
                (lasts.collect(), today_kinds)
            } else {
                // Kinds do not matter for this tier and nothing happened today: the row says it all.
                (customer.last_contact.map(|d| vec![(String::new(), d)]).unwrap_or_default(), Vec::new())
            };
            let snoozes = snoozes.remove(&id).unwrap_or_default();
            out.push(CadenceInput { customer, created_on, last_before_today, kinds_today, snoozes });
        }
        Ok(out)
    }

    /// Open follow-ups due by `until`, and those done today (due by today); and open ones
    /// due after tierdesk's last year, to be named.
    pub(super) fn follow_up_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        only_id: i64,
        owners: &Owners,
    ) -> Result<Vec<FollowUpInput>> {
        let who = super::owners_param(owners);
        let start = today.and_time(chrono::NaiveTime::MIN);
        let end = today.succ_opt().unwrap_or(today).and_time(chrono::NaiveTime::MIN);
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT f.id, f.what, f.due_on, f.done_at IS NOT NULL,
                        c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
                 FROM follow_ups f JOIN customers c ON c.id = f.customer_id
                 WHERE ((f.done_at IS NULL AND (f.due_on <= $1 OR f.due_on > {LAST_DAY}))
                        OR (f.done_at >= $2 AND f.done_at < $3 AND f.due_on <= $4))
                   AND ($5 < 0 OR f.customer_id = $5){}
                 ORDER BY f.due_on, f.id",
                super::owners_cond(owners, "c.owner", 6)
            ),
            &[
                (&until, Type::DATE),
                (&start, Type::TIMESTAMP),
                (&end, Type::TIMESTAMP),
                (&today, Type::DATE),
                (&only_id, Type::INT8),
                (&who, Type::TEXT_ARRAY),
            ],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let (id, customer) = (FollowUpId(r.get(0)), self.readable_last_contact(customer_ref(r, 4)));
            let Some(due_on) = self.readable(r.get(2), (RecordKind::FollowUp, id.0), &customer, DateField::FollowUpDue)
            else {
                continue;
            };
            out.push(FollowUpInput { id, what: r.get(1), due_on, done_today: r.get(3), customer });
        }
        Ok(out)
    }

    /// Of each customer of `ids`: the kinds of today's contacts, and the latest contact
    /// before today of each kind.
    fn kinds_of(&self, ids: &[i64], today: NaiveDate) -> Result<HashMap<i64, KindsOfOne>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = self.client.borrow_mut().query_typed(
            "SELECT d.id, t.kinds, b.kinds, b.lasts
             FROM unnest($1::int8[]) AS d (id)
             LEFT JOIN LATERAL (SELECT array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM contacts
                 WHERE customer_id = d.id AND happened_on = $2) t ON true
             LEFT JOIN LATERAL (SELECT array_agg(kind ORDER BY kind) AS kinds, array_agg(last ORDER BY kind) AS lasts
                 FROM (SELECT kind, max(happened_on) AS last FROM contacts
                       WHERE customer_id = d.id AND happened_on < $2 GROUP BY kind) x) b ON true",
            &[(&ids, Type::INT8_ARRAY), (&today, Type::DATE)],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let today_kinds: Option<Vec<String>> = r.get(1);
                (r.get(0), (today_kinds.unwrap_or_default(), kind_dates(r, 2)))
            })
            .collect())
    }

    /// The snoozes of each customer of `ids` that has any.
    fn snoozes_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<Snooze>>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = self.client.borrow_mut().query_typed(
            "SELECT s.customer_id, array_agg(s.requirement ORDER BY s.id), array_agg(s.until_on ORDER BY s.id),
                    array_agg(s.set_on ORDER BY s.id)
             FROM snoozes s JOIN unnest($1::int8[]) AS d (id) ON d.id = s.customer_id
             GROUP BY s.customer_id",
            &[(&ids, Type::INT8_ARRAY)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), snoozes_from(r, 1))).collect())
    }

    /// Customers whose assessment expires by `until` (the last one `rule.months` ago or more),
    /// those never assessed where every customer must be, and those assessed today (with the
    /// assessment before today's, read in the same query).
    pub(super) fn assessment_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        only_id: i64,
        owners: &Owners,
    ) -> Result<Vec<AssessmentInput>> {
        // Generous by a few days (month ends clamp); the domain decides exactly.
        let cutoff = until
            .checked_sub_months(chrono::Months::new(rule.months))
            .and_then(|d| d.checked_add_days(chrono::Days::new(4)))
            .unwrap_or(until);
        let who = super::owners_param(owners);
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT d.id, d.ext_ref, d.name, d.company, d.tier, d.last_contact_on, d.region, d.created_on,
                        d.risk_assessed_on, d.risk_category, p.taken_on, p.category
                 FROM customers d
                 LEFT JOIN LATERAL (SELECT taken_on, category FROM assessments
                     WHERE d.risk_assessed_on = $3 AND customer_id = d.id AND taken_on < $3
                     ORDER BY taken_on DESC, id DESC LIMIT 1) p ON true
                 WHERE ((d.risk_assessed_on <= $1) OR ($2 AND d.risk_assessed_on IS NULL) OR d.risk_assessed_on = $3)
                   AND ($4 < 0 OR d.id = $4){}
                 ORDER BY d.id",
                super::owners_cond(owners, "d.owner", 5)
            ),
            &[
                (&cutoff, Type::DATE),
                (&rule.required, Type::BOOL),
                (&today, Type::DATE),
                (&only_id, Type::INT8),
                (&who, Type::TEXT_ARRAY),
            ],
        )?;
        let mut out = Vec::new();
        for r in &rows {
            let customer = self.readable_last_contact(customer_ref(r, 0));
            let what = (RecordKind::Customer, customer.id.0);
            let Some(created_on) = self.readable(r.get(7), what, &customer, DateField::CreatedOn) else { continue };
            let on: Option<NaiveDate> = r.get(8);
            if on.is_some_and(|on| self.readable(on, what, &customer, DateField::AssessedOn).is_none()) {
                continue;
            }
            let category: Option<String> = r.get(9);
            let done_today = on == Some(today);
            let before_today = if done_today {
                let prev: Option<NaiveDate> = r.get(10);
                let prev = prev.and_then(|p| self.readable(p, what, &customer, DateField::AssessedOn));
                prev.zip(r.get::<_, Option<String>>(11))
            } else {
                on.zip(category)
            };
            out.push(AssessmentInput { customer, created_on, before_today, done_today });
        }
        Ok(out)
    }
}

/// Tiers whose requirements all count any kind: the latest contact on the row is enough.
pub(super) fn simple_tiers(scheme: &crate::domain::tier::TierScheme) -> Vec<&str> {
    scheme.tiers.iter().filter(|t| t.requirements.iter().all(|r| r.kinds.is_none())).map(|t| t.code.as_str()).collect()
}

/// The columns `cadence_inputs` reads, of the customer `c`: its reference, its creation day,
/// and whether its contacts by kind are needed (contacted on `$today_at`, or its tier is not
/// among the simple ones, `$simple_at`).
pub(super) fn due_columns(today_at: usize, simple_at: usize) -> String {
    format!(
        "c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region, c.created_on,
         coalesce(c.last_contact_on = ${today_at} OR NOT c.tier = ANY (${simple_at}), false)"
    )
}
