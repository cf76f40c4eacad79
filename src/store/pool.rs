//! The pool on a book file: there is none. A book file is one person's (a lead's "all" is
//! the whole file, kept for hand-over), so nothing is escalated above its owner or released
//! to colleagues: the writes are refused as team-book-only, the readers answer nothing (no
//! days of ownership left are shown: none run out).

use chrono::NaiveDate;

use super::Store;
use super::{Result, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::pool::PoolProblem;
use crate::store::book::Owners;
use crate::store::book::{Claimed, EscalatedRow, OwnershipRow, Pool, PoolEntry, PoolTally, Swept};

fn team_only<T>() -> Result<T> {
    Err(StoreError::Pool(PoolProblem::TeamBookOnly))
}

impl Pool for Store {
    fn sweep(&mut self, _today: NaiveDate) -> Result<Swept> {
        team_only()
    }

    fn pool(&self) -> Result<Vec<PoolEntry>> {
        team_only()
    }

    fn claim(&mut self, _customer: CustomerId, _today: NaiveDate) -> Result<Claimed> {
        team_only()
    }

    fn claims_per_day(&self) -> Result<u32> {
        team_only()
    }

    fn set_claims_per_day(&mut self, _n: u32) -> Result<u32> {
        team_only()
    }

    fn assign_from_pool(&mut self, _customer: CustomerId, _to: &str, _today: NaiveDate) -> Result<Claimed> {
        team_only()
    }

    fn pin(&mut self, _customer: CustomerId, _reason: Option<&str>) -> Result<()> {
        team_only()
    }

    fn ownership_rows(&self, _ids: &[CustomerId]) -> Result<Vec<OwnershipRow>> {
        Ok(Vec::new())
    }

    fn owned_due_by(&self, _tiers: &[(String, NaiveDate)], _owners: &Owners) -> Result<Vec<CustomerId>> {
        Ok(Vec::new())
    }

    fn escalated(&self, _today: NaiveDate) -> Result<Vec<EscalatedRow>> {
        Ok(Vec::new())
    }

    fn pool_tally(&self, _since: NaiveDate, _until: NaiveDate) -> Result<Vec<PoolTally>> {
        Ok(Vec::new())
    }
}
