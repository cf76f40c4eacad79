//! Tier moves: by hand (a reason is required), by an accepted review, and the sign-off a move
//! into the top tier waits for. Every move is a row in the tier history; the customer's due
//! dates follow the new tier's cadence in the same transaction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::contacts::refresh_schedule;
use super::convert::{datetime_text, opt_datetime_col};
use super::prelude::*;
use super::tier_rows::record_move;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::history::TierChange;
use crate::domain::signoff::{Refusal, check_approver};
use crate::domain::tier_move::{MoveProblem, check_new_tier, move_reason};

/// The reason written for a change accepted from a review of `model`.
pub fn review_reason(model: &str) -> String {
    format!("review: {model}")
}

/// A move the domain refuses, as the book's error (the variants callers already match on).
fn refused(problem: MoveProblem) -> StoreError {
    match problem {
        MoveProblem::ReasonRequired => StoreError::ReasonRequired,
        MoveProblem::SameTier(code) => StoreError::SameTier(code),
    }
}

impl Tiers for Store {
    fn change_tier(&mut self, id: CustomerId, to: &str, reason: &str) -> Result<TierChange> {
        let reason = move_reason(reason).map_err(refused)?;
        let scheme = self.require_scheme()?.clone();
        let to = scheme.tier(to).ok_or_else(|| StoreError::UnknownTier(to.trim().to_string()))?.code.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let from = current_tier(&tx, id)?;
        check_new_tier(&from, &to).map_err(refused)?;
        tx.execute("UPDATE customers SET tier = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, to, now])?;
        refresh_schedule(&tx, &scheme, id)?;
        record_move(&tx, &scheme, id, &from, &to, &now, &user, reason)?;
        tx.commit()?;
        self.latest_tier_change(id)?.ok_or(StoreError::NoSuchCustomer(id.0))
    }

    fn apply_review(&mut self, moves: &[(CustomerId, String)], model: &str) -> Result<usize> {
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let reason = review_reason(model);
        let tx = self.tx()?;
        let mut moved = 0;
        for (id, to) in moves {
            let to = scheme.tier(to).ok_or_else(|| StoreError::UnknownTier(to.clone()))?.code.clone();
            let from = current_tier(&tx, *id)?;
            if from == to {
                continue;
            }
            tx.execute("UPDATE customers SET tier = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, to, now])?;
            refresh_schedule(&tx, &scheme, *id)?;
            record_move(&tx, &scheme, *id, &from, &to, &now, &user, &reason)?;
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
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        current_tier(&tx, id)?;
        let pending: Option<(i64, String)> = tx
            .query_row(
                "SELECT t.id, t.changed_by FROM tier_changes t JOIN customers c ON c.id = t.customer_id
                 WHERE t.customer_id = ?1 AND c.signoff_pending = 1 AND t.needs_signoff = 1 AND t.approved_by IS NULL
                 ORDER BY t.changed_at DESC, t.id DESC LIMIT 1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((change, by)) = pending else { return Err(StoreError::NothingToApprove) };
        match check_approver(&by, approver) {
            Ok(()) => {}
            Err(Refusal::NoName) => return Err(StoreError::ApproverRequired),
            Err(Refusal::SamePerson) => return Err(StoreError::SelfApproval(by)),
        }
        tx.execute(
            "UPDATE tier_changes SET approved_by = ?2, approved_at = ?3, approver_verified = 0, updated_at = ?3
             WHERE id = ?1",
            params![change, approver, now],
        )?;
        tx.execute("UPDATE customers SET signoff_pending = 0 WHERE id = ?1", [id.0])?;
        tx.commit()?;
        self.latest_tier_change(id)?.ok_or(StoreError::NoSuchCustomer(id.0))
    }

    fn count_awaiting_signoff(&self) -> Result<usize> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM customers WHERE signoff_pending = 1", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn tier_history(&self, id: CustomerId) -> Result<Vec<TierChange>> {
        let mut st = self.conn.prepare_cached(&format!("{SELECT_CHANGES} ORDER BY changed_at, id"))?;
        let rows = st.query_map([id.0], tier_change)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Store {
    fn latest_tier_change(&self, id: CustomerId) -> Result<Option<TierChange>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT_CHANGES} ORDER BY changed_at DESC, id DESC LIMIT 1"))?;
        Ok(st.query_row([id.0], tier_change).optional()?)
    }
}

const SELECT_CHANGES: &str = "SELECT customer_id, from_tier, to_tier, changed_at, changed_by, reason, needs_signoff,
        approved_by, approved_at, approver_verified FROM tier_changes WHERE customer_id = ?1";

fn tier_change(r: &rusqlite::Row) -> rusqlite::Result<TierChange> {
    Ok(TierChange {
        customer: CustomerId(r.get(0)?),
        from: r.get(1)?,
        to: r.get(2)?,
        at: super::convert::datetime_col(r, 3)?,
        by: r.get(4)?,
        reason: r.get(5)?,
        needs_signoff: r.get(6)?,
        approved_by: r.get(7)?,
        approved_at: opt_datetime_col(r, 8)?,
        approver_verified: r.get(9)?,
    })
}

fn current_tier(tx: &Transaction, id: CustomerId) -> Result<String> {
    tx.query_row("SELECT tier FROM customers WHERE id = ?1", [id.0], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NoSuchCustomer(id.0))
}
