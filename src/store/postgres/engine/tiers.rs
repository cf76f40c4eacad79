//! Tier moves on the team book: by hand (a reason is required), by an accepted review, and
//! the sign-off a move into the top tier waits for. As in the SQLite engine (`store::tiers`),
//! every move is a row in the tier history and the customer's due dates follow the new
//! tier's cadence in the same transaction.
//!
//! The sign-off differs on purpose: here the approver is the connected login (it is who the
//! database says they are, so the sign-off is recorded as verified), and only a lead or an
//! admin other than the mover may give it (issue 12, point 5).
//!
//! Also here, for the other writers of this part (imports): the schedule refresh, in batches.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use postgres::{GenericClient, Row, Transaction};

use super::PgStore;
use crate::domain::customer::CustomerId;
use crate::domain::due::{Snooze, next_due_of};
use crate::domain::history::TierChange;
use crate::domain::signoff::{Refusal, awaits_signoff, check_approver};
use crate::domain::tier::TierScheme;
use crate::domain::tier_move::{MoveProblem, check_new_tier, move_reason};
use crate::store::postgres::TeamError;
use crate::store::prelude::*;
use crate::store::tiers::review_reason;
use crate::store::{Result, StoreError};

/// A move the domain refuses, as the book's error (the variants callers already match on).
fn refused(problem: MoveProblem) -> StoreError {
    match problem {
        MoveProblem::ReasonRequired => StoreError::ReasonRequired,
        MoveProblem::SameTier(code) => StoreError::SameTier(code),
    }
}

impl PgStore {
    /// The book's scheme, for a write or a read that needs it.
    pub(super) fn work_scheme(&self) -> Result<TierScheme> {
        self.scheme.clone().ok_or_else(|| StoreError::Corrupt("the book has no tier scheme".into()))
    }

    /// Who writes: the connected login.
    pub(super) fn worker(&self) -> String {
        self.target.login.clone()
    }
}

impl Tiers for PgStore {
    fn change_tier(&mut self, id: CustomerId, to: &str, reason: &str) -> Result<TierChange> {
        let reason = move_reason(reason).map_err(refused)?;
        let scheme = self.work_scheme()?;
        let to = scheme.tier(to).ok_or_else(|| StoreError::UnknownTier(to.trim().to_string()))?.code.clone();
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        let from = current_tier(&mut tx, id)?;
        check_new_tier(&from, &to).map_err(refused)?;
        tx.execute("UPDATE customers SET tier = $2, updated_at = $3 WHERE id = $1", &[&id.0, &to, &now])?;
        refresh_schedules(&mut tx, &scheme, &[id.0])?;
        record_move(&mut tx, &scheme, id, &from, &to, now, &user, reason)?;
        let change = latest_tier_change(&mut tx, id)?;
        tx.commit()?;
        change.ok_or(StoreError::NoSuchCustomer(id.0))
    }

    fn apply_review(&mut self, moves: &[(CustomerId, String)], model: &str) -> Result<usize> {
        let scheme = self.work_scheme()?;
        let now = self.clock.now();
        let user = self.worker();
        let reason = review_reason(model);
        let mut tx = self.tx()?;
        let mut moved = 0;
        for (id, to) in moves {
            let to = scheme.tier(to).ok_or_else(|| StoreError::UnknownTier(to.clone()))?.code.clone();
            let from = current_tier(&mut tx, *id)?;
            if from == to {
                continue;
            }
            tx.execute("UPDATE customers SET tier = $2, updated_at = $3 WHERE id = $1", &[&id.0, &to, &now])?;
            refresh_schedules(&mut tx, &scheme, &[id.0])?;
            record_move(&mut tx, &scheme, *id, &from, &to, now, &user, &reason)?;
            moved += 1;
        }
        tx.commit()?;
        Ok(moved)
    }

    fn approve_tier(&mut self, id: CustomerId, approver: &str) -> Result<TierChange> {
        let approver = approver.trim();
        if approver.is_empty() {
            return Err(StoreError::ApproverRequired);
        }
        let login = self.worker();
        let now = self.clock.now();
        let mut tx = self.tx()?;
        current_tier(&mut tx, id)?;
        let pending = tx.query_opt(
            "SELECT t.id, t.changed_by, (SELECT p.role FROM people p WHERE p.login = session_user)
             FROM tier_changes t JOIN customers c ON c.id = t.customer_id
             WHERE t.customer_id = $1 AND c.signoff_pending AND t.needs_signoff AND t.approved_by IS NULL
             ORDER BY t.changed_at DESC, t.id DESC LIMIT 1 FOR UPDATE OF t",
            &[&id.0],
        )?;
        let Some(row) = pending else { return Err(StoreError::NothingToApprove) };
        let (change, by, role): (i64, String, Option<String>) = (row.get(0), row.get(1), row.get(2));
        match check_approver(&by, approver) {
            Ok(()) => {}
            Err(Refusal::NoName) => return Err(StoreError::ApproverRequired),
            Err(Refusal::SamePerson) => return Err(StoreError::SelfApproval(by)),
        }
        // Then what the team book adds: as oneself, and a lead or an admin.
        if approver != login {
            return Err(TeamError::SignOffAsAnother { approver: approver.to_string(), login }.into());
        }
        if !matches!(role.as_deref(), Some("lead" | "admin")) {
            return Err(TeamError::SignOffNeedsLead { login }.into());
        }
        tx.execute(
            "UPDATE tier_changes SET approved_by = $2, approved_at = $3, approver_verified = true, updated_at = $3
             WHERE id = $1",
            &[&change, &login, &now],
        )?;
        tx.execute("UPDATE customers SET signoff_pending = false WHERE id = $1", &[&id.0])?;
        let change = latest_tier_change(&mut tx, id)?;
        tx.commit()?;
        change.ok_or(StoreError::NoSuchCustomer(id.0))
    }

    fn count_awaiting_signoff(&self) -> Result<usize> {
        let n: i64 =
            self.client.borrow_mut().query_one("SELECT count(*) FROM customers WHERE signoff_pending", &[])?.get(0);
        Ok(n as usize)
    }

    fn tier_history(&self, id: CustomerId) -> Result<Vec<TierChange>> {
        let rows = self.client.borrow_mut().query(&format!("{SELECT_CHANGES} ORDER BY changed_at, id"), &[&id.0])?;
        Ok(rows.iter().map(tier_change).collect())
    }
}

const SELECT_CHANGES: &str = "SELECT customer_id, from_tier, to_tier, changed_at, changed_by, reason, needs_signoff,
        approved_by, approved_at, approver_verified FROM tier_changes WHERE customer_id = $1";

fn latest_tier_change(c: &mut impl GenericClient, id: CustomerId) -> Result<Option<TierChange>> {
    let row = c.query_opt(&format!("{SELECT_CHANGES} ORDER BY changed_at DESC, id DESC LIMIT 1"), &[&id.0])?;
    Ok(row.as_ref().map(tier_change))
}

fn tier_change(r: &Row) -> TierChange {
    TierChange {
        customer: CustomerId(r.get(0)),
        from: r.get(1),
        to: r.get(2),
        at: r.get(3),
        by: r.get(4),
        reason: r.get(5),
        needs_signoff: r.get(6),
        approved_by: r.get(7),
        approved_at: r.get(8),
        approver_verified: r.get(9),
    }
}

/// The customer's tier, its row locked for this transaction (SQLite's single writer).
fn current_tier(tx: &mut Transaction, id: CustomerId) -> Result<String> {
    let row = tx.query_opt("SELECT tier FROM customers WHERE id = $1 FOR UPDATE", &[&id.0])?;
    row.map(|r| r.get(0)).ok_or(StoreError::NoSuchCustomer(id.0))
}

/// Write one row of the tier history; `needs_signoff`: it waits for a sign-off.
#[allow(clippy::too_many_arguments)]
pub(super) fn insert_tier_change(
    tx: &mut Transaction,
    customer: i64,
    from: Option<&str>,
    to: &str,
    at: NaiveDateTime,
    by: &str,
    reason: &str,
    needs_signoff: bool,
) -> Result<()> {
    tx.execute(
        "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
            needs_signoff)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $8)",
        &[&uuid::Uuid::now_v7().to_string(), &customer, &from, &to, &at, &by, &reason, &needs_signoff],
    )?;
    Ok(())
}

/// Write a move into the history: a move into the top tier from below waits for a sign-off
/// (flagged on the customer row for the lists); any other move ends a wait that was pending.
#[allow(clippy::too_many_arguments)]
pub(super) fn record_move(
    tx: &mut Transaction,
    scheme: &TierScheme,
    id: CustomerId,
    from: &str,
    to: &str,
    now: NaiveDateTime,
    user: &str,
    reason: &str,
) -> Result<()> {
    let into_top = awaits_signoff(scheme, Some(from), to);
    insert_tier_change(tx, id.0, Some(from), to, now, user, reason, into_top)?;
    tx.execute("UPDATE customers SET signoff_pending = $2 WHERE id = $1", &[&id.0, &into_top])?;
    Ok(())
}

/// How many customers one round trip of a schedule refresh reads and writes.
const REFRESH_BATCH: usize = 1000;

/// Recompute the last contact and next due dates of `ids` (each at most once, any order),
/// as `store::contacts::refresh_schedule` does for one: four round trips per batch of a
/// thousand customers, each a single pass (not a lookup per customer: while an import fills
/// a table its statistics are stale, and a per-customer plan can then read the whole table
/// each time). A customer that is not there (or not visible) is `NoSuchCustomer`.
pub(super) fn refresh_schedules(tx: &mut Transaction, scheme: &TierScheme, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(REFRESH_BATCH) {
        let customers = tx.query("SELECT id, tier, created_on FROM customers WHERE id = ANY ($1)", &[&chunk])?;
        if customers.len() < chunk.len() {
            let found: HashSet<i64> = customers.iter().map(|r| r.get(0)).collect();
            let missing = chunk.iter().find(|id| !found.contains(id)).copied().unwrap_or_default();
            return Err(StoreError::NoSuchCustomer(missing));
        }
        let mut lasts: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        for r in tx.query(
            "SELECT customer_id, kind, max(happened_on) FROM contacts WHERE customer_id = ANY ($1)
             GROUP BY customer_id, kind ORDER BY customer_id, kind",
            &[&chunk],
        )? {
            lasts.entry(r.get(0)).or_default().push((r.get(1), r.get(2)));
        }
        let mut snoozes: HashMap<i64, Vec<Snooze>> = HashMap::new();
        for r in tx.query(
            "SELECT customer_id, requirement, until_on, set_on FROM snoozes WHERE customer_id = ANY ($1) ORDER BY id",
            &[&chunk],
        )? {
            let Ok(requirement) = usize::try_from(r.get::<_, i32>(1)) else { continue };
            snoozes.entry(r.get(0)).or_default().push(Snooze { requirement, until: r.get(2), set_on: r.get(3) });
        }
        let (mut out_ids, mut last_days, mut dues) = (Vec::new(), Vec::new(), Vec::new());
        for r in &customers {
            let id: i64 = r.get(0);
            let code: String = r.get(1);
            let tier = scheme.tier(&code).ok_or(StoreError::UnknownTier(code.clone()))?;
            let lasts = lasts.remove(&id).unwrap_or_default();
            let snoozes = snoozes.remove(&id).unwrap_or_default();
            out_ids.push(id);
            dues.push(next_due_of(tier, r.get(2), &lasts, &snoozes));
            last_days.push(lasts.iter().map(|(_, d)| *d).max());
        }
        tx.execute(
            "UPDATE customers c SET last_contact_on = u.last, next_due_on = u.due
             FROM unnest($1::bigint[], $2::date[], $3::date[]) AS u(id, last, due) WHERE c.id = u.id",
            &[&out_ids, &last_days, &dues],
        )?;
    }
    Ok(())
}
