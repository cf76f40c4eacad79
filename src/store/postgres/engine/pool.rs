//! The team's pool on PostgreSQL (schema: `pool_step.rs`). Releasing and claiming are the
//! database's own functions (`pool_sweep`, `pool_claim`): they check the caller and read the
//! rules from the book, so that what a person's tierdesk sends cannot bend them. Pins are a
//! plain update that row-level security and the pool's guard trigger decide on.

use chrono::NaiveDate;
use postgres::error::SqlState;
use postgres::types::Type;

use super::PgStore;
use crate::domain::customer::CustomerId;
use crate::domain::people::Role;
use crate::domain::pool::{PoolProblem, check_claims_per_day, cutoff};
use crate::store::book::{Claimed, EscalatedRow, OwnershipRow, Pool, PoolEntry, PoolTally, Swept};
use crate::store::prelude::*;
use crate::store::{Result, StoreError};

/// `ESCALATED_AT_MOST`, as the query's LIMIT.
const ESCALATED_SHOWN: i64 = crate::store::ESCALATED_AT_MOST as i64;

fn count(n: i32) -> usize {
    usize::try_from(n).unwrap_or(0)
}

impl PgStore {
    /// The book's `pool_claim` decides: who may, and the day's limit (read by the function
    /// itself from `pool_settings`, never sent from here).
    fn claim_as(&mut self, customer: CustomerId, today: NaiveDate, to: Option<&str>) -> Result<Claimed> {
        let row = self.client.get_mut().query_typed_one(
            "SELECT outcome, who, claimed, day_limit FROM pool_claim($1, $2, $3)",
            &[(&customer.0, Type::INT8), (&today, Type::DATE), (&to, Type::TEXT)],
        )?;
        let (outcome, who, claimed): (String, Option<String>, i32) = (row.get(0), row.get(1), row.get(2));
        let limit = u32::try_from(row.get::<_, i32>(3)).unwrap_or(0);
        let who = who.unwrap_or_default();
        let problem = match outcome.as_str() {
            "claimed" => {
                let today = if to.is_some() { 0 } else { u32::try_from(claimed).unwrap_or(0) };
                return Ok(Claimed { customer, owner: who, today, limit });
            }
            "taken" => PoolProblem::TakenBy(who),
            "limit" => PoolProblem::ClaimLimit { claimed: u32::try_from(claimed).unwrap_or(0), limit },
            "refused" => PoolProblem::AssignRefused(who),
            _ => PoolProblem::NotInPool,
        };
        Err(StoreError::Pool(problem))
    }

    /// Per tier with the rule on, the cutoff day as of `today` (`domain::pool::cutoff`).
    fn cutoffs(
        &self,
        today: NaiveDate,
        rule: fn(&crate::domain::pool::OwnershipRules) -> Option<u32>,
    ) -> Result<(Vec<String>, Vec<NaiveDate>)> {
        let scheme = self.require_scheme()?;
        Ok(scheme.tiers.iter().filter_map(|t| cutoff(today, rule(&t.rules)).map(|c| (t.code.clone(), c))).unzip())
    }
}

impl Pool for PgStore {
    fn sweep(&mut self, today: NaiveDate) -> Result<Swept> {
        let row = self.client.get_mut().query_typed_one(
            "SELECT day, released, escalated, behind, already FROM pool_sweep($1)",
            &[(&today, Type::DATE)],
        )?;
        Ok(Swept {
            day: row.get(0),
            released: count(row.get(1)),
            escalated: count(row.get(2)),
            behind: row.get(3),
            already: row.get(4),
        })
    }

    fn pool(&self) -> Result<Vec<PoolEntry>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT c.id, c.name, c.company, c.tier, c.region, c.last_contact_on, coalesce(c.released_from, ''),
                    c.released_on, c.released_days, coalesce(p.name, c.released_from, '')
             FROM customers c LEFT JOIN people p ON p.login = c.released_from
             WHERE c.owner IS NULL ORDER BY c.released_on DESC NULLS LAST, c.id",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| PoolEntry {
                id: CustomerId(r.get(0)),
                name: r.get(1),
                company: r.get(2),
                tier: r.get(3),
                region: r.get(4),
                last_contact: r.get(5),
                released_from: r.get(6),
                released_on: r.get(7),
                released_days: r.get::<_, Option<i32>>(8).map(i64::from),
                released_from_name: r.get(9),
            })
            .collect())
    }

    fn claim(&mut self, customer: CustomerId, today: NaiveDate) -> Result<Claimed> {
        self.claim_as(customer, today, None)
    }

    fn claims_per_day(&self) -> Result<u32> {
        let row = self.client.borrow_mut().query_typed_one("SELECT claims_per_day FROM pool_settings", &[])?;
        Ok(u32::try_from(row.get::<_, i32>(0)).unwrap_or(0))
    }

    fn set_claims_per_day(&mut self, n: u32) -> Result<u32> {
        check_claims_per_day(n).map_err(StoreError::Pool)?;
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        // The book refuses a manager (no UPDATE granted to them): said as the pool's refusal.
        // Not a change of the audit log: the setting keeps who set it and when.
        let refused = |e: postgres::Error| match e.code() {
            Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => StoreError::Pool(PoolProblem::LimitNeedsLead),
            _ => StoreError::from(e),
        };
        let mut tx = self.client.get_mut().transaction()?;
        let was: i32 =
            tx.query_one("SELECT claims_per_day FROM pool_settings FOR UPDATE", &[]).map_err(refused)?.get(0);
        tx.execute("UPDATE pool_settings SET claims_per_day = $1", &[&n]).map_err(refused)?;
        tx.commit()?;
        Ok(u32::try_from(was).unwrap_or(0))
    }

    fn assign_from_pool(&mut self, customer: CustomerId, to: &str, today: NaiveDate) -> Result<Claimed> {
        self.claim_as(customer, today, Some(to))
    }

    fn pin(&mut self, customer: CustomerId, reason: Option<&str>) -> Result<()> {
        let reason = reason.map(str::trim);
        if reason.is_some_and(str::is_empty) {
            return Err(StoreError::Pool(PoolProblem::PinReasonRequired));
        }
        if self.me()?.role == Role::Manager {
            return Err(StoreError::Pool(PoolProblem::PinNeedsLead));
        }
        let now = self.clock.now();
        let mut tx = self.tx()?;
        let n = tx
            .execute(
                "UPDATE customers SET pin_reason = $2, updated_at = $3 WHERE id = $1 AND owner IS NOT NULL",
                &[&customer.0, &reason, &now],
            )
            .map_err(|e| match e.code() {
                Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => StoreError::Pool(PoolProblem::PinNeedsLead),
                _ => StoreError::from(e),
            })?;
        if n == 0 {
            return Err(StoreError::NoSuchCustomer(customer.0));
        }
        tx.commit()?;
        Ok(())
    }

    fn ownership_rows(&self, ids: &[CustomerId]) -> Result<Vec<OwnershipRow>> {
        let ids: Vec<i64> = ids.iter().map(|c| c.0).collect();
        let rows = self.client.borrow_mut().query_typed(
            "SELECT id, tier, owner, next_due_on, held_since, pin_reason IS NOT NULL
             FROM customers WHERE id = ANY ($1) AND owner IS NOT NULL",
            &[(&ids, Type::INT8_ARRAY)],
        )?;
        Ok(rows
            .iter()
            .map(|r| OwnershipRow {
                id: CustomerId(r.get(0)),
                tier: r.get(1),
                owner: r.get(2),
                due_on: r.get(3),
                held_since: r.get(4),
                pinned: r.get(5),
            })
            .collect())
    }

    fn owned_due_by(&self, tiers: &[(String, NaiveDate)], owners: &Owners) -> Result<Vec<CustomerId>> {
        let (codes, days): (Vec<&str>, Vec<NaiveDate>) = tiers.iter().map(|(c, d)| (c.as_str(), *d)).unzip();
        // A range of the (tier, next due date) index per tier (OFFSET 0 keeps each apart,
        // as in `due_head`).
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT c.id FROM unnest($1::text[], $2::date[]) AS b (code, day)
                 CROSS JOIN LATERAL (SELECT c.id FROM customers c
                     WHERE c.tier = b.code AND c.next_due_on <= b.day{} OFFSET 0) c",
                super::owners_cond(owners, "c.owner", 3)
            ),
            &[(&codes, Type::TEXT_ARRAY), (&days, Type::DATE_ARRAY), (&super::owners_param(owners), Type::TEXT_ARRAY)],
        )?;
        Ok(rows.iter().map(|r| CustomerId(r.get(0))).collect())
    }

    fn escalated(&self, today: NaiveDate) -> Result<Vec<EscalatedRow>> {
        let (tiers, cutoffs) = self.cutoffs(today, |r| r.escalate_after_days)?;
        if tiers.is_empty() || self.me()?.role == Role::Manager {
            return Ok(Vec::new());
        }
        let rows = self.client.borrow_mut().query_typed(
            // Each tier read on its own, past its cutoff (LATERAL, kept apart by OFFSET 0):
            // joined on the tier instead, the planner read every customer of the team and
            // filtered them (a lead of 100,000 customers: 103 ms, against 11 ms this way).
            "SELECT x.id, x.name, x.tier, x.owner, x.owner_name, x.counted, x.pinned
             FROM unnest($1::text[], $2::date[]) AS r(tier, cutoff)
             CROSS JOIN LATERAL (
                 SELECT c.id, c.name, c.tier, c.owner, p.name AS owner_name,
                        greatest(c.next_due_on, coalesce(c.held_since, c.next_due_on)) AS counted,
                        c.pin_reason IS NOT NULL AS pinned
                 FROM customers c JOIN people p ON p.login = c.owner
                 WHERE c.tier = r.tier AND c.next_due_on < r.cutoff
                   AND c.owner IS NOT NULL AND c.owner <> session_user
                   AND (c.held_since IS NULL OR c.held_since < r.cutoff)
                 OFFSET 0) x
             ORDER BY x.counted, x.id LIMIT $3",
            &[(&tiers, Type::TEXT_ARRAY), (&cutoffs, Type::DATE_ARRAY), (&ESCALATED_SHOWN, Type::INT8)],
        )?;
        Ok(rows
            .iter()
            .map(|r| EscalatedRow {
                id: CustomerId(r.get(0)),
                name: r.get(1),
                tier: r.get(2),
                owner: r.get(3),
                owner_name: r.get(4),
                counted_from: r.get(5),
                pinned: r.get(6),
            })
            .collect())
    }

    fn pool_tally(&self, since: NaiveDate, until: NaiveDate) -> Result<Vec<PoolTally>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT e.person, coalesce(p.name, e.person),
                    count(*) FILTER (WHERE e.kind = 'escalated'),
                    count(*) FILTER (WHERE e.kind = 'released'),
                    count(*) FILTER (WHERE e.kind IN ('claimed', 'assigned'))
             FROM pool_events e LEFT JOIN people p ON p.login = e.person
             WHERE e.happened_on BETWEEN $1 AND $2 AND e.person = ANY (visible_owners())
             GROUP BY e.person, p.name ORDER BY e.person",
            &[(&since, Type::DATE), (&until, Type::DATE)],
        )?;
        let n = |r: &postgres::Row, i: usize| usize::try_from(r.get::<_, i64>(i)).unwrap_or(0);
        Ok(rows
            .iter()
            .map(|r| PoolTally {
                login: r.get(0),
                name: r.get(1),
                escalated: n(r, 2),
                released: n(r, 3),
                claimed: n(r, 4),
            })
            .collect())
    }
}
