//! What happened to a customer: tier changes, contacts and follow-ups as records.

use chrono::{NaiveDate, NaiveDateTime};

use super::customer::CustomerId;

/// One move between tiers (`from` is None when the customer was created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierChange {
    pub customer: CustomerId,
    pub from: Option<String>,
    pub to: String,
    pub at: NaiveDateTime,
    pub by: String,
    pub reason: String,
    /// A move into the top tier waits for someone else's sign-off.
    pub needs_signoff: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    /// Whether the approver's identity was checked (never, in a book kept by one person: the
    /// name is recorded as typed).
    pub approver_verified: bool,
}

impl TierChange {
    /// Waiting for a sign-off that has not been given.
    pub fn awaiting_signoff(&self) -> bool {
        self.needs_signoff && self.approved_by.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContactId(pub i64);

/// A contact that happened: a visit, a call, a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub customer: CustomerId,
    /// The contact kind's code (visit, call, ...).
    pub kind: String,
    /// When it happened (not when it was typed in).
    pub on: NaiveDate,
    pub person: String,
    pub summary: String,
    pub outcome: String,
    /// A recommendation's product code (None for every other kind).
    pub product: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FollowUpId(pub i64);

/// A promise made to a customer, with a due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub customer: CustomerId,
    pub what: String,
    pub due_on: NaiveDate,
    pub done_at: Option<NaiveDateTime>,
}

/// A contact to be written (demo data, the log form, imports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub customer: CustomerId,
    pub kind: String,
    pub on: NaiveDate,
    pub person: String,
    pub summary: String,
    pub outcome: String,
}
