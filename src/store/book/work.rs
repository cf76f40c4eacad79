//! The account manager's work over the book: what is due, tiers and their sign-off,
//! assessments, indicator values for the review, the audit log and undo, the report.

use chrono::NaiveDate;

use super::super::{AssessmentError, DueHead, DueInputs, Measurement, Result, ReviewInputs, TierCoverage, Undone};
use super::Owners;
use crate::domain::audit::AuditEntry;
use crate::domain::customer::CustomerId;
use crate::domain::due::AssessmentRule;
use crate::domain::grading::{GradingModel, Measured};
use crate::domain::history::TierChange;
use crate::domain::questionnaire::{AnswerLine, Answers, Assessment, AssessmentId, Draft, Questionnaire};
use crate::domain::report::CoverageReport;

/// What is due: the due list's inputs, snoozes, coverage, a customer's schedule.
pub trait Schedule {
    /// Push one requirement of a customer to `until`, with a reason; it ends with the next
    /// contact. On a team book whose rules release the customer's tier, no further than
    /// `domain::pool::latest_snooze` (`PoolProblem::SnoozePastRelease`), unless it is pinned.
    fn snooze(&mut self, customer: CustomerId, requirement: usize, until: NaiveDate, reason: &str) -> Result<()>;

    /// Inputs for the due items on or before `until`, as of `today`: customers whose next
    /// due date is on or before `until`, plus those contacted today (so that the items they
    /// met stay on today's list, ticked); open follow-ups due by `until`, plus those done today.
    /// Only the customers of `owners`, and their follow-ups.
    fn due_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
    ) -> Result<DueInputs>;

    /// The start of the same list as of `today` (`until` as above), read without reading
    /// every due customer (the first frame of a big book): for each tier of one requirement,
    /// the `rows` customers whose next due date before today came first (with every customer
    /// due that same day) and those due today; every due customer of the other tiers; those
    /// contacted today or after; follow-ups and assessments whole. `cut` says where each
    /// tier's read stopped and `unread` how many due customers were left out (see
    /// `app::agenda::due_head` for why the ranked items up to the cuts are the list's head).
    /// An engine may read everything (`DueHead::whole`): the list is then whole at once.
    fn due_head(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        owners: &Owners,
        rows: usize,
    ) -> Result<DueHead>;

    /// The same, for one customer only (after a write touching just that customer).
    fn due_inputs_of(
        &self,
        customer: CustomerId,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
    ) -> Result<DueInputs>;

    /// Per tier, how many of the `owners`' customers are within their cadence and how many
    /// are overdue (their next due date is before `today`), in one pass over an index.
    fn coverage(&self, today: NaiveDate, owners: &Owners) -> Result<Vec<TierCoverage>>;

    /// Every requirement of one customer with its due date (snoozes applied).
    fn customer_schedule(&self, customer: CustomerId) -> Result<Vec<crate::domain::due::RequirementDue>>;
}

/// Tier changes: move with a reason, sign-off, review moves, history.
pub trait Tiers {
    /// Move a customer to tier `to` (a code of the book's scheme, any case) for `reason`.
    /// Returns the change as recorded (awaiting sign-off when it is a move into the top tier).
    fn change_tier(&mut self, id: CustomerId, to: &str, reason: &str) -> Result<TierChange>;

    /// Apply accepted review suggestions (customer, new tier) in one transaction, each with
    /// the reason "review: MODEL". Customers already in their new tier are skipped.
    /// Returns how many moved.
    fn apply_review(&mut self, moves: &[(CustomerId, String)], model: &str) -> Result<usize>;

    /// Record `approver`'s sign-off of the customer's move into the top tier (or start in
    /// it), as typed and not verified. The person who made the move cannot sign it off.
    fn approve_tier(&mut self, id: CustomerId, approver: &str) -> Result<TierChange>;

    /// How many customers wait for a sign-off.
    fn count_awaiting_signoff(&self) -> Result<usize>;

    /// A customer's tier changes, oldest first.
    fn tier_history(&self, id: CustomerId) -> Result<Vec<TierChange>>;
}

/// Risk questionnaires taken, and drafts of those under way.
pub trait Assessments {
    /// Record a completed questionnaire taken on `taken_on` (not after today): the score and
    /// the category follow from the answers. The assessment, every answer, and the removal of
    /// the customer's draft of this questionnaire are one transaction.
    fn record_assessment(
        &mut self,
        customer: CustomerId,
        q: &Questionnaire,
        answers: &Answers,
        taken_on: NaiveDate,
    ) -> Result<AssessmentId, AssessmentError>;

    /// A customer's assessments, newest first (by the day taken, then as recorded).
    fn assessments_of(&self, customer: CustomerId) -> Result<Vec<Assessment>>;

    /// A customer's most recent assessment, if any.
    fn latest_assessment(&self, customer: CustomerId) -> Result<Option<Assessment>>;

    /// The answers of a recorded assessment in the order of the form.
    fn assessment_answers(&self, id: AssessmentId) -> Result<Vec<AnswerLine>>;

    /// Keep an unfinished interview: the answers given so far (any part may be unanswered) and
    /// the question it stopped at. Replaces the customer's earlier draft of this questionnaire.
    fn save_draft(
        &mut self,
        customer: CustomerId,
        q: &Questionnaire,
        answers: &Answers,
        at_question: usize,
    ) -> Result<(), AssessmentError>;

    /// The customer's unfinished interview of this questionnaire, if any. A draft started on
    /// another version of the questionnaire is refused (`StaleDraft`): its letters may mean
    /// something else now.
    fn load_draft(&self, customer: CustomerId, q: &Questionnaire) -> Result<Option<Draft>, AssessmentError>;

    /// Throw away the customer's unfinished interview of a questionnaire; false if there was none.
    fn discard_draft(&mut self, customer: CustomerId, questionnaire_id: &str) -> Result<bool>;
}

/// The grading model's indicator values, and the review's inputs.
pub trait Indicators {
    /// Record measurements (a form's, an import's) in one transaction: one change in the log.
    /// Returns how many values were written.
    fn record_indicators(&mut self, all: &[Measurement]) -> Result<usize>;

    /// A customer's latest value of each indicator, by code.
    fn latest_indicators(&self, customer: CustomerId) -> Result<Vec<(String, Measured)>>;

    /// Everything a review of the whole book needs: every customer's standing (tier, taken-on
    /// date), and the latest value of each of the model's indicators, aligned with them.
    /// One pass over the customers and one per indicator over its index.
    fn review_inputs(&self, model: &GradingModel) -> Result<ReviewInputs>;

    /// Every customer's ref (refs are unique), for imports that name customers by ref.
    fn customer_refs(&self) -> Result<std::collections::HashMap<String, CustomerId>>;

    /// How many indicator values the book holds.
    fn count_indicator_values(&self) -> Result<usize>;
}

/// The audit log: what changed, and undo.
pub trait History {
    /// A customer's history, newest first: every change to them, their contacts, follow-ups,
    /// tiers, snoozes, indicator values and assessments.
    fn audit_of(&self, customer: CustomerId, limit: usize) -> Result<Vec<AuditEntry>>;

    /// The change `undo_last` would take back, if any: this session's newest change that is
    /// not an undo and was not undone.
    fn last_undoable(&self) -> Result<Option<i64>>;

    /// Undo this session's last change (see `last_undoable`); the undo is itself a change in
    /// the log. Refused, with nothing written, when a record it touched was changed since
    /// (by another program on the same book).
    fn undo_last(&mut self) -> Result<Option<Undone>>;
}

/// The coverage report.
pub trait Reports {
    /// The coverage report as of `today`.
    fn coverage_report(&self, today: NaiveDate) -> Result<CoverageReport>;

    /// The coverage report per owner (a lead's team view), by login: the customers this
    /// connection may see, grouped by their owner, with the contacts logged with them.
    fn coverage_report_by_owner(&self, today: NaiveDate) -> Result<Vec<crate::domain::report::OwnerReport>>;
}
