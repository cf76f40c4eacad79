//! What a calendar export needs beyond the due list: the items closed since a day (so that
//! a calendar holding them closes them) and the uuids that name follow-ups in any book.

use chrono::NaiveDate;

use super::super::Result;
use super::Owners;
use crate::domain::due_closed::{ContactHistory, DoneFollowUp, TakenAssessment};
use crate::domain::history::FollowUpId;

/// What closed the due items of `owners`' customers from `since` through `today`.
#[derive(Debug, Default)]
pub struct ClosedInputs {
    /// Customers with a contact in the window, with their contacts around it.
    pub contacts: Vec<ContactHistory>,
    /// Follow-ups ticked off in the window (done_at on those days).
    pub follow_ups: Vec<DoneFollowUp>,
    /// Assessments taken in the window, each with the one before it.
    pub assessments: Vec<TakenAssessment>,
}

pub trait Calendar {
    /// The contacts, ticked-off follow-ups and assessments taken from the start of `since` to
    /// the end of `today`.
    fn closed_since(&self, since: NaiveDate, today: NaiveDate, owners: &Owners) -> Result<ClosedInputs>;

    /// The uuids of these follow-ups (those that exist), stable across exports and books.
    fn follow_up_uuids(&self, ids: &[FollowUpId]) -> Result<Vec<(FollowUpId, String)>>;
}
