//! Moving a customer between tiers with a reason, and signing off a move into the top tier.
//! The rules (a reason is required, not the same tier, who may sign off) are the domain's;
//! the book enforces them in the same transaction as the write.

use super::AppError;
use super::customers::reread;
use crate::domain::customer::{Customer, CustomerId};
use crate::domain::history::TierChange;
use crate::store::prelude::*;

/// A tier change made: the change and the customer after it (its new next due date).
#[derive(Debug, Clone)]
pub struct Moved {
    pub change: TierChange,
    pub customer: Customer,
}

/// Move customer `id` to tier `to` for `reason`. A move into the top tier waits for a
/// sign-off (`change.awaiting_signoff()`).
pub fn change(book: &mut dyn Book, id: CustomerId, to: &str, reason: &str) -> Result<Moved, AppError> {
    let change = book.change_tier(id, to, reason)?;
    Ok(Moved { change, customer: reread(book, id)? })
}

/// Sign off customer `id`'s move into the top tier as `approver` (not its mover).
pub fn approve(book: &mut dyn Book, id: CustomerId, approver: &str) -> Result<TierChange, AppError> {
    Ok(book.approve_tier(id, approver)?)
}
