//! Customers and what hangs on them: the customer, the table of customers, contacts and
//! follow-ups.

use chrono::NaiveDate;

use super::super::{FollowUpFilter, FollowUpRow, ListQuery, Result, RiskCell, RiskCount};
use super::Owners;
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::{Customer, CustomerFields, CustomerId, CustomerRow};
use crate::domain::history::{Contact, ContactId, FollowUp, FollowUpId, NewContact};

/// What an edit was based on (`Customers::customer_seen`): the audit log's latest row that
/// added the customer or changed one of its `FORM_COLUMNS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seen {
    pub(crate) last_change: i64,
}

/// The customer's columns a person edits (`CustomerFields`): a change of another column
/// (the next due date after a contact, a sign-off) is no reason to refuse an edit.
pub(crate) const FORM_COLUMNS: [&str; 15] = [
    "ext_ref",
    "name",
    "company",
    "contact_person",
    "phone",
    "email",
    "region",
    "address",
    "industry",
    "owner",
    "tags",
    "notes",
    "created_on",
    "tier",
    "temperament",
];

/// Customers: add, edit, delete, find one.
pub trait Customers {
    /// Add a customer; its first tier is recorded in the tier history.
    fn add_customer(&mut self, f: &CustomerFields) -> Result<CustomerId>;

    /// Replace a customer's fields. A changed tier is recorded in the tier history with
    /// `reason`, and the next due date follows the new tier's cadence at once.
    fn update_customer(&mut self, id: CustomerId, f: &CustomerFields, reason: &str) -> Result<()>;

    /// What an edit of this customer is based on, read when the edit starts (before the
    /// customer itself): the customer's latest recorded change of a field a person edits.
    fn customer_seen(&self, id: CustomerId) -> Result<Seen>;

    /// `update_customer`, unless someone changed the customer's fields since `seen` was
    /// read: then nothing is written and the refusal names who and when
    /// (`StoreError::ChangedSince`), so that nobody overwrites another's edit unknowingly.
    fn update_customer_if_unchanged(
        &mut self,
        id: CustomerId,
        f: &CustomerFields,
        reason: &str,
        seen: &Seen,
    ) -> Result<()>;

    /// Delete a customer and everything recorded about them.
    fn delete_customer(&mut self, id: CustomerId) -> Result<()>;

    fn customer(&self, id: CustomerId) -> Result<Option<Customer>>;

    /// Customers whose external reference is `ext_ref`, or whose name is exactly `name`.
    fn find_customers(&self, key: &str) -> Result<Vec<CustomerRow>>;

    /// Every customer (of one tier, or all), ordered by name, with all fields.
    fn customers_by_name(&self, tier: Option<&str>) -> Result<Vec<Customer>>;

    /// Add many customers in one transaction (demo data, imports, benchmarks).
    fn add_customers_bulk(&mut self, all: &[CustomerFields]) -> Result<Vec<CustomerId>>;

    /// The highest number among the book's references of `pattern`'s shape (its text
    /// around at least its width of digits; `RefPattern::number_of`), None if there is none:
    /// what a new customer's reference counts up from. References are unique across the
    /// whole book, so a team book counts every customer's, also those its person may not
    /// see, and tells nothing else about them.
    fn highest_ref_number(&self, pattern: &crate::domain::ref_pattern::RefPattern) -> Result<Option<u64>>;

    /// Table rows for these customers, in the order given (search results).
    fn customer_rows_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<CustomerRow>>;

    /// What every customer of `owners` is found by, for the search index (`tier_rank` from
    /// the scheme).
    fn search_entries(&self, owners: &Owners) -> Result<Vec<crate::domain::search::SearchEntry>>;

    /// The customers of `owners` a search for words of these letter masks may find
    /// (`domain::search::word_masks`; every customer of `owners` for none), with their search
    /// keys and `tier_rank`: at least every customer with, for each word, a field whose
    /// mask holds the word's (`domain::search::may_match`). The keys are those
    /// `SearchKeys::of` gives for the customer's fields now, whether the engine keeps them
    /// or works them out.
    fn search_candidates(&self, words: &[u64], owners: &Owners) -> Result<Vec<crate::domain::search::Keyed>>;
}

/// The customer table: pages in any order, counts, the tier by risk matrix.
pub trait CustomerList {
    /// Customers per tier and risk category (None: never assessed), and whether that
    /// assessment has expired: taken on or before `expired_through` (see
    /// `AssessmentRule::expired_through`).
    fn risk_matrix(&self, expired_through: NaiveDate) -> Result<Vec<RiskCount>>;

    /// The customers of one cell of the tier x risk matrix, by name, at most `limit`.
    fn customers_in_cell(
        &self,
        tier: &str,
        cell: &RiskCell,
        expired_through: NaiveDate,
        limit: usize,
    ) -> Result<Vec<CustomerRow>>;

    /// Customers per tier code (tiers with none are absent).
    fn tier_counts(&self) -> Result<Vec<(String, usize)>>;

    /// How many customers of `owners` (of one tier or all, of one region or all) there are:
    /// the rows a page query would give without paging.
    fn count_customers(&self, tier: Option<&str>, region: Option<&str>, owners: &Owners) -> Result<usize>;

    /// The distinct regions (trimmed, none empty) of the customers of `owners`, sorted: what
    /// the customer list's region filter steps through.
    fn regions(&self, owners: &Owners) -> Result<Vec<String>>;

    /// SQLite's plan for a page query, for tests that check an index serves every ordering.
    fn explain_customer_rows(&self, q: &ListQuery) -> Result<String>;

    /// One page of the customer table, in index order: only the rows asked for are read.
    fn customer_rows(&self, q: &ListQuery) -> Result<Vec<CustomerRow>>;

    /// Like `customer_rows`, but a page in the second half of `total` rows is read from the
    /// other end of the index (reversed order, smaller OFFSET), so that jumping to the last
    /// page costs no more than jumping to the first.
    /// Engines share this: it is `customer_rows` twice over.
    fn customer_window(&self, q: &ListQuery, total: usize) -> Result<Vec<CustomerRow>> {
        let end = (q.offset + q.limit).min(total);
        if q.offset <= total / 2 || end <= q.offset {
            return self.customer_rows(q);
        }
        let flipped = ListQuery { dir: q.dir.flip(), offset: total - end, limit: end - q.offset, ..q.clone() };
        let mut rows = self.customer_rows(&flipped)?;
        rows.reverse();
        Ok(rows)
    }

    /// Where customer `id` sits in the ordering of `q` (ignoring paging), if it is in it.
    /// Counts the rows before it with a row-value comparison over the same index.
    fn position_of(&self, q: &ListQuery, id: CustomerId) -> Result<Option<usize>>;
}

/// Contacts: log, edit, delete, read a customer's.
pub trait Contacts {
    /// Record a contact and, optionally, the follow-up it promised; one transaction.
    fn add_contact(&mut self, c: &NewContact, follow_up: Option<(&str, NaiveDate)>) -> Result<ContactId>;

    /// Save a contact from the log form: the contact (with its time), the follow-up it
    /// promised, and, when logged from a follow-up, that follow-up marked done; one transaction.
    fn log_contact(&mut self, e: &ContactEntry, closes: Option<FollowUpId>) -> Result<ContactId>;

    /// Write many contacts and follow-ups at once (demo data, imports): one transaction,
    /// schedules refreshed once per customer at the end.
    fn add_contacts_bulk(
        &mut self,
        contacts: &[NewContact],
        follow_ups: &[(CustomerId, String, NaiveDate)],
    ) -> Result<()>;

    /// A customer's contacts, newest first (by the date they happened).
    fn contacts_of(&self, id: CustomerId, limit: usize) -> Result<Vec<Contact>>;

    /// A customer's follow-ups: open ones first by due date, then done ones, newest first.
    fn follow_ups_of(&self, id: CustomerId) -> Result<Vec<FollowUp>>;

    /// One contact by id.
    fn contact(&self, id: ContactId) -> Result<Option<Contact>>;

    /// Change a contact; the customer's due dates follow (earlier or later).
    fn update_contact(&mut self, id: ContactId, c: &NewContact) -> Result<()>;

    /// Delete a contact; the due dates are recomputed from the contacts left. Returns the
    /// customer it belonged to.
    fn delete_contact(&mut self, id: ContactId) -> Result<CustomerId>;

    /// How many contacts the book holds.
    fn count_contacts(&self) -> Result<usize>;

    /// How many contacts one customer has (the delete prompt says what goes with them).
    fn count_contacts_of(&self, id: CustomerId) -> Result<usize>;
}

/// Promised follow-ups: the list, add, done, reschedule.
pub trait FollowUps {
    /// Follow-ups of the customers of `owners`: open ones by due date, overdue ones, or done
    /// ones (latest first), at most `limit`.
    fn follow_up_rows(
        &self,
        filter: FollowUpFilter,
        today: NaiveDate,
        limit: usize,
        owners: &Owners,
    ) -> Result<Vec<FollowUpRow>>;

    /// One follow-up by its id, done or open (None: no such follow-up, or not one this
    /// connection may see).
    fn follow_up(&self, id: FollowUpId) -> Result<Option<FollowUp>>;

    /// Add a follow-up on its own (not tied to a contact).
    fn add_follow_up(&mut self, customer: CustomerId, what: &str, due: NaiveDate) -> Result<FollowUpId>;

    /// Mark a follow-up done now (or open again with `done = false`). Returns its customer.
    fn set_follow_up_done(&mut self, id: FollowUpId, done: bool) -> Result<CustomerId>;

    /// Move a follow-up to a new date, keeping the old date and the reason. Returns its
    /// customer.
    fn reschedule_follow_up(&mut self, id: FollowUpId, new_due: NaiveDate, reason: &str) -> Result<CustomerId>;

    /// A follow-up's reschedules, oldest first: (old date, new date, reason, by).
    fn follow_up_reschedules(&self, id: FollowUpId) -> Result<Vec<(NaiveDate, NaiveDate, String, String)>>;
}
