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
use postgres::types::Type;
use postgres::{GenericClient, Row, Transaction};

use super::PgStore;
use crate::domain::customer::CustomerId;
use crate::domain::due::{Snooze, next_due_of};
use crate::domain::history::TierChange;
use crate::domain::signoff::{Refusal, awaits_signoff, check_approver};
use crate::domain::tier::TierScheme;
use crate::domain::tier_move::{MoveProblem, check_new_tier, move_reason};
use crate::store::convert::new_uuid;
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
        write_moves(&mut tx, &scheme, &[Move { id: id.0, from, to }], now, &user, reason)?;
        refresh_schedules(&mut tx, &scheme, &[id.0])?;
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
        let ids: Vec<i64> = moves.iter().map(|(id, _)| id.0).collect();
        let mut tiers: HashMap<i64, String> = tx
            .query("SELECT id, tier FROM customers WHERE id = ANY ($1) FOR UPDATE", &[&ids])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        // In the order given, as one move after another would see the book.
        let mut written = Vec::new();
        for (id, to) in moves {
            let to = scheme.tier(to).ok_or_else(|| StoreError::UnknownTier(to.clone()))?.code.clone();
            let from = tiers.get(&id.0).ok_or(StoreError::NoSuchCustomer(id.0))?.clone();
            if from == to {
                continue;
            }
            tiers.insert(id.0, to.clone());
            written.push(Move { id: id.0, from, to });
        }
        write_moves(&mut tx, &scheme, &written, now, &user, &reason)?;
        let mut moved: Vec<i64> = written.iter().map(|m| m.id).collect();
        moved.sort_unstable();
        moved.dedup();
        refresh_schedules(&mut tx, &scheme, &moved)?;
        tx.commit()?;
        Ok(written.len())
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

/// A tier move to write: a customer, from one tier to another.
pub(super) struct Move {
    pub id: i64,
    pub from: String,
    pub to: String,
}

/// Write moves (in order; one customer may move more than once) into the customers and the
/// history, in two statements. A move into the top tier from below waits for a sign-off
/// (flagged on the customer row for the lists); any other move ends a wait that was pending.
/// The caller refreshes the moved customers' schedules.
pub(super) fn write_moves(
    tx: &mut Transaction,
    scheme: &TierScheme,
    moves: &[Move],
    now: NaiveDateTime,
    user: &str,
    reason: &str,
) -> Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let waits: Vec<bool> = moves.iter().map(|m| awaits_signoff(scheme, Some(&m.from), &m.to)).collect();
    // Each customer as its last move leaves it.
    let mut last: HashMap<i64, usize> = HashMap::new();
    for (i, m) in moves.iter().enumerate() {
        last.insert(m.id, i);
    }
    let finals: Vec<usize> = (0..moves.len()).filter(|i| last.get(&moves[*i].id) == Some(i)).collect();
    let ids: Vec<i64> = finals.iter().map(|&i| moves[i].id).collect();
    let tiers: Vec<&str> = finals.iter().map(|&i| moves[i].to.as_str()).collect();
    let pending: Vec<bool> = finals.iter().map(|&i| waits[i]).collect();
    tx.execute(
        "UPDATE customers c SET tier = u.tier, updated_at = $4, signoff_pending = u.pending
         FROM unnest($1::bigint[], $2::text[], $3::bool[]) AS u(id, tier, pending) WHERE c.id = u.id",
        &[&ids, &tiers, &pending, &now],
    )?;
    let uuids: Vec<String> = moves.iter().map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let customers: Vec<i64> = moves.iter().map(|m| m.id).collect();
    let froms: Vec<&str> = moves.iter().map(|m| m.from.as_str()).collect();
    let tos: Vec<&str> = moves.iter().map(|m| m.to.as_str()).collect();
    tx.execute(
        "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
             needs_signoff)
         SELECT u.uuid, u.customer, u.from_tier, u.to_tier, $6, $7, $8, $6, u.waits
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bool[])
              AS u(uuid, customer, from_tier, to_tier, waits)",
        &[&uuids, &customers, &froms, &tos, &waits, &now, &user, &reason],
    )?;
    Ok(())
}

/// How many customers one round trip of a schedule refresh reads and writes.
const REFRESH_BATCH: usize = 1000;

/// Recompute the last contact and next due dates of `ids` (each at most once, any order),
/// as `store::contacts::refresh_schedule` does for one: two round trips per batch of a
/// thousand customers, each a single pass (not a lookup per customer: while an import fills
/// a table its statistics are stale, and a per-customer plan can then read the whole table
/// each time). A customer that is not there (or not visible) is `NoSuchCustomer`.
pub(super) fn refresh_schedules(tx: &mut Transaction, scheme: &TierScheme, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(REFRESH_BATCH) {
        let customers = tx.query(
            "WITH l AS (SELECT customer_id, array_agg(kind ORDER BY kind) AS kinds, array_agg(last ORDER BY kind) AS days
                        FROM (SELECT customer_id, kind, max(happened_on) AS last FROM contacts
                              WHERE customer_id = ANY ($1) GROUP BY customer_id, kind) k
                        GROUP BY customer_id),
                  s AS (SELECT customer_id, array_agg(requirement ORDER BY id) AS reqs,
                               array_agg(until_on ORDER BY id) AS untils, array_agg(set_on ORDER BY id) AS sets
                        FROM snoozes WHERE customer_id = ANY ($1) GROUP BY customer_id)
             SELECT c.id, c.tier, c.created_on, l.kinds, l.days, s.reqs, s.untils, s.sets
             FROM customers c LEFT JOIN l ON l.customer_id = c.id LEFT JOIN s ON s.customer_id = c.id
             WHERE c.id = ANY ($1)",
            &[&chunk],
        )?;
        if customers.len() < chunk.len() {
            let found: HashSet<i64> = customers.iter().map(|r| r.get(0)).collect();
            let missing = chunk.iter().find(|id| !found.contains(id)).copied().unwrap_or_default();
            return Err(StoreError::NoSuchCustomer(missing));
        }
        let (mut out_ids, mut last_days, mut dues) = (Vec::new(), Vec::new(), Vec::new());
        for r in &customers {
            let id: i64 = r.get(0);
            let code: String = r.get(1);
            let tier = scheme.tier(&code).ok_or(StoreError::UnknownTier(code.clone()))?;
            let kinds: Vec<String> = r.get::<_, Option<_>>(3).unwrap_or_default();
            let days: Vec<NaiveDate> = r.get::<_, Option<_>>(4).unwrap_or_default();
            let lasts: Vec<(String, NaiveDate)> = kinds.into_iter().zip(days).collect();
            let reqs: Vec<i32> = r.get::<_, Option<_>>(5).unwrap_or_default();
            let untils: Vec<NaiveDate> = r.get::<_, Option<_>>(6).unwrap_or_default();
            let sets: Vec<NaiveDate> = r.get::<_, Option<_>>(7).unwrap_or_default();
            let snoozes: Vec<Snooze> = reqs
                .into_iter()
                .zip(untils.into_iter().zip(sets))
                .filter_map(|(q, (until, set_on))| {
                    Some(Snooze { requirement: usize::try_from(q).ok()?, until, set_on })
                })
                .collect();
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

/// Write one row of the tier history (its `customer_owner` is filled in by the database);
/// `needs_signoff`: it waits for a sign-off.
#[allow(clippy::too_many_arguments)]
pub(super) fn insert_tier_change(
    tx: &mut impl GenericClient,
    customer: i64,
    from: Option<&str>,
    to: &str,
    at: NaiveDateTime,
    by: &str,
    reason: &str,
    needs_signoff: bool,
) -> Result<()> {
    tx.execute_typed(
        "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
            needs_signoff)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $8)",
        &[
            (&new_uuid(), Type::TEXT),
            (&customer, Type::INT8),
            (&from, Type::TEXT),
            (&to, Type::TEXT),
            (&at, Type::TIMESTAMP),
            (&by, Type::TEXT),
            (&reason, Type::TEXT),
            (&needs_signoff, Type::BOOL),
        ],
    )?;
    Ok(())
}
