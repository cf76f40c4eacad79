//! The team's pool (公海) and its rules by tier (`domain::pool`): releasing neglected
//! customers, claiming them, a lead's pins and assignments, and what the lead and the owner
//! are shown. A team book's: a book file is one person's and has no pool, so its engine
//! refuses the writes (`PoolProblem::TeamBookOnly`) and answers the readers with nothing.

use chrono::NaiveDate;

use super::super::Result;
use super::Owners;
use crate::domain::customer::CustomerId;

/// The most escalated customers `Pool::escalated` reads (the longest overdue first).
pub const ESCALATED_AT_MOST: usize = 500;

/// What a sweep did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// The day swept (the book's clock, at most the server's tomorrow).
    pub day: NaiveDate,
    pub released: usize,
    /// Escalations recorded for the report (first seen by this sweep).
    pub escalated: usize,
    /// Nothing was released: a later day has been swept (the clock is behind).
    pub behind: bool,
    /// The day was swept before (by opening the book, or another person): the counts are
    /// that sweep's, and nothing more was done.
    pub already: bool,
}

/// A customer in the pool, as the team reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolEntry {
    pub id: CustomerId,
    pub name: String,
    pub company: String,
    pub tier: String,
    pub region: String,
    pub last_contact: Option<NaiveDate>,
    /// Whose it was (login and name), and when and how late it went back.
    pub released_from: String,
    pub released_from_name: String,
    pub released_on: Option<NaiveDate>,
    pub released_days: Option<i64>,
}

/// A claim that went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub customer: CustomerId,
    pub owner: String,
    /// The claimer's claims today, this one included (0 for a lead's assignment).
    pub today: u32,
    /// The book's daily limit the claim was counted against.
    pub limit: u32,
}

/// An owned customer's facts the rules read: its main due date, the day its owner took it
/// from the pool, whether a lead pinned it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnershipRow {
    pub id: CustomerId,
    pub tier: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub held_since: Option<NaiveDate>,
    pub pinned: bool,
}

/// A customer on the lead's Today: its owner has let it go past its tier's escalation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalatedRow {
    pub id: CustomerId,
    pub name: String,
    pub tier: String,
    pub owner: String,
    pub owner_name: String,
    /// The date the rules count from (`domain::pool::counted_from`).
    pub counted_from: NaiveDate,
    pub pinned: bool,
}

/// One person's part in the pool over a window, for the lead's report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PoolTally {
    pub login: String,
    pub name: String,
    pub escalated: usize,
    pub released: usize,
    pub claimed: usize,
}

pub trait Pool {
    /// Release, as of `today`, every owned, unpinned customer past its tier's
    /// `release_after_days` (owner cleared, history kept, logged "released by rule"), and
    /// record the escalations. Idempotent: a day swept again does nothing, and nothing is
    /// released while `today` is before a day already swept.
    fn sweep(&mut self, today: NaiveDate) -> Result<Swept>;

    /// The customers of the person's team's pool, released most recently first.
    fn pool(&self) -> Result<Vec<PoolEntry>>;

    /// Take `customer` from the pool for oneself, within the book's daily limit
    /// (`claims_per_day`, which the book applies itself); it is theirs, due at once, its
    /// rules counted from `today`. Refused as `StoreError::Pool`: taken by someone (also when
    /// two claim at once: one wins), the limit (with the count), not in the pool.
    fn claim(&mut self, customer: CustomerId, today: NaiveDate) -> Result<Claimed>;

    /// The team's daily claim limit per person, as the book holds it.
    fn claims_per_day(&self) -> Result<u32>;

    /// Set the team's daily claim limit: a lead's or an admin's (`PoolProblem::LimitNeedsLead`
    /// otherwise, refused by the book itself), at most `MAX_CLAIMS_PER_DAY`. Returns the
    /// limit it replaced.
    fn set_claims_per_day(&mut self, n: u32) -> Result<u32>;

    /// A lead (within their team) or an admin gives `customer` from the pool to `to`,
    /// whatever `to` claimed today.
    fn assign_from_pool(&mut self, customer: CustomerId, to: &str, today: NaiveDate) -> Result<Claimed>;

    /// Pin `customer` (never released) with a reason, or unpin it (None). A lead's or an
    /// admin's, on a customer they may write.
    fn pin(&mut self, customer: CustomerId, reason: Option<&str>) -> Result<()>;

    /// What the rules read of these owned customers (ids not owned or not seen are left out).
    fn ownership_rows(&self, ids: &[CustomerId]) -> Result<Vec<OwnershipRow>>;

    /// The owned customers of `owners` (as the due list chooses them) of each tier named,
    /// next due on or before its day: those the pool's rules may soon release.
    fn owned_due_by(&self, tiers: &[(String, NaiveDate)], owners: &Owners) -> Result<Vec<CustomerId>>;

    /// The customers of the person's team (not their own) past their tier's escalation as of
    /// `today`, longest overdue first, at most `ESCALATED_AT_MOST`: the lead's Today's
    /// "escalated" group.
    fn escalated(&self, today: NaiveDate) -> Result<Vec<EscalatedRow>>;

    /// Per person the person may see: escalations, releases and claims (assignments
    /// included) that happened from `since` through `until`.
    fn pool_tally(&self, since: NaiveDate, until: NaiveDate) -> Result<Vec<PoolTally>>;
}
