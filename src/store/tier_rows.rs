//! Rows of the tier history, written by every path that changes a tier (a move, the
//! review, an import, a new customer), so that each writes them the same way.

use rusqlite::{Transaction, params};

use super::Result;
use super::convert::new_uuid;
use crate::domain::customer::CustomerId;
use crate::domain::signoff::awaits_signoff;
use crate::domain::tier::TierScheme;

/// One row of the tier history: uuid, customer, from, to, when (also its `updated_at`), by
/// whom, why, whether it waits for a sign-off.
pub(super) const INSERT_TIER_CHANGE: &str =
    "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
        needs_signoff)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5, ?8)";

/// Write one row of the tier history; `needs_signoff`: it waits for a sign-off.
#[allow(clippy::too_many_arguments)]
pub(super) fn insert_tier_change(
    tx: &Transaction,
    customer: i64,
    from: Option<&str>,
    to: &str,
    at: &str,
    by: &str,
    reason: &str,
    needs_signoff: bool,
) -> Result<()> {
    tx.prepare_cached(INSERT_TIER_CHANGE)?.execute(params![
        new_uuid(),
        customer,
        from,
        to,
        at,
        by,
        reason,
        needs_signoff
    ])?;
    Ok(())
}

/// Write a move from one tier to another into the history: a move into the top tier from
/// below waits for a sign-off (flagged on the customer row for the lists); any other move
/// ends a wait that was pending, as the move it waited for no longer stands.
#[allow(clippy::too_many_arguments)]
pub(super) fn record_move(
    tx: &Transaction,
    scheme: &TierScheme,
    id: CustomerId,
    from: &str,
    to: &str,
    now: &str,
    user: &str,
    reason: &str,
) -> Result<()> {
    let into_top = awaits_signoff(scheme, Some(from), to);
    insert_tier_change(tx, id.0, Some(from), to, now, user, reason, into_top)?;
    tx.execute("UPDATE customers SET signoff_pending = ?2 WHERE id = ?1", params![id.0, into_top])?;
    Ok(())
}
