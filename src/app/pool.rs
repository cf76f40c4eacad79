//! The team pool's rules applied to owned customers (issue 17): for each, the day it goes
//! back to the pool, whether it is escalated to the lead, and the days of ownership left
//! worth showing its owner. The rules are the domain's (`domain::pool`); the book gives the
//! facts (`Pool::ownership_rows`). A book file has none (no pool: nothing runs out), and a
//! scheme without rules asks the book nothing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::customer::CustomerId;
use crate::domain::pool::{self, Standing};
use crate::domain::tier::TierScheme;
use crate::store::StoreError;
use crate::store::prelude::*;

/// An owned customer under its tier's rules, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    /// The day it goes back to the pool (None: its tier never releases, or it is pinned).
    pub release_on: Option<NaiveDate>,
    /// On the owner's lead's Today.
    pub escalated: bool,
    /// Days of ownership left, when within a week of release (`pool::days_left_shown`).
    pub days_left: Option<i64>,
}

impl Ownership {
    /// Whether the count of days left is drawn in the warning colour.
    pub fn warns(&self) -> bool {
        self.days_left.is_some_and(pool::days_left_warns)
    }
}

/// Whether the scheme has any rule at all (else the book is not asked).
pub fn has_rules(scheme: &TierScheme) -> bool {
    scheme.tiers.iter().any(|t| t.rules.any())
}

/// These customers' standing as of `today` (those the book has no facts for are left out).
pub fn ownership(
    book: &dyn Book,
    scheme: &TierScheme,
    today: NaiveDate,
    ids: &[CustomerId],
) -> Result<HashMap<CustomerId, Ownership>, StoreError> {
    if ids.is_empty() || !has_rules(scheme) {
        return Ok(HashMap::new());
    }
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let rows = book.ownership_rows(&unique)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let rules = scheme.tier(&r.tier)?.rules;
            let release_on = pool::release_on(r.due_on, r.held_since, rules, r.pinned);
            let escalated = matches!(
                pool::standing(r.due_on, r.held_since, today, rules, r.pinned),
                Standing::Escalated { .. } | Standing::Released { .. }
            );
            let days_left = pool::days_left_shown(release_on, today);
            Some((r.id, Ownership { release_on, escalated, days_left }))
        })
        .collect())
}

/// The owned customers of `owners` late enough, by their tier's rules, that they may show
/// days of ownership left (`pool::least_late_showing_days_left`), as the book finds them:
/// for a first frame that holds only the start of the list, whose days-left column must be
/// the whole list's.
pub fn may_show_days_left(
    book: &dyn Book,
    scheme: &TierScheme,
    today: NaiveDate,
    owners: &Owners,
) -> Result<Vec<CustomerId>, StoreError> {
    let tiers: Vec<(String, NaiveDate)> = scheme
        .tiers
        .iter()
        .filter_map(|t| {
            let late = pool::least_late_showing_days_left(t.rules)?;
            let day = today.checked_sub_signed(chrono::Duration::try_days(late)?)?;
            Some((t.code.clone(), day))
        })
        .collect();
    if tiers.is_empty() {
        return Ok(Vec::new());
    }
    book.owned_due_by(&tiers, owners)
}
