//! What a screen asks the app to do after a key: navigate, write, ask, tell, quit.
//! Screens return these; `App::apply` carries them out, so screens never touch the book.

use chrono::NaiveDate;

use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::history::{ContactId, FollowUpId};
use crate::domain::questionnaire::Answers;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open a screen on top of the current one.
    Open(Route),
    /// Close the current screen.
    Back,
    /// Write to the book; on success the screens reload.
    Save(Write),
    /// Ask a yes/no question; `on_yes` is applied if the answer is yes.
    Confirm {
        question: String,
        on_yes: Box<Effect>,
    },
    /// Ask a question with three ways out: yes, no, or (Esc) neither, which stays.
    Choose {
        question: String,
        on_yes: Box<Effect>,
        on_no: Box<Effect>,
    },
    /// Show a message in the status line.
    Notify(String),
    /// Show a problem in the status line.
    Warn(String),
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Today,
    /// The team's pool, stacked on the current screen.
    Pool,
    /// The week ahead, narrowed by Today's filter.
    Week(crate::domain::due_filter::DueFilter),
    /// Today's plan mode, on or off (the plan is read from the book as it opens).
    Plan,
    Customers,
    FollowUps,
    Customer(CustomerId),
    NewCustomer {
        tier: Option<String>,
    },
    EditCustomer(CustomerId),
    /// Log a contact; `requirement` preselects a kind that counts for it, `closes` marks a
    /// follow-up done with it, `summary` prefills the text, `advance` moves Today on after.
    LogContact {
        customer: CustomerId,
        requirement: Option<usize>,
        closes: Option<FollowUpId>,
        summary: Option<String>,
        advance: bool,
        /// The kind to start with (the morning plan's visit or call); None: the usual rule.
        kind: Option<String>,
    },
    EditContact(ContactId),
    Snooze {
        customer: CustomerId,
        requirement: usize,
        name: String,
        due: NaiveDate,
    },
    Reschedule {
        follow_up: FollowUpId,
        what: String,
    },
    /// The risk questionnaire for a customer (resuming a kept draft).
    Assess(CustomerId),
    /// The tier x risk category matrix.
    Matrix,
    /// The coverage report.
    Report,
    /// List the customers of the matrix's selected cell.
    MatrixCell,
    /// The customer list with `/` search open (from any list).
    Search,
    /// The same, looking in notes (`/#`).
    SearchNotes,
    /// Import a spreadsheet, with a preview first.
    Import,
    /// Move a customer to another tier (with a reason).
    ChangeTier(CustomerId),
    /// Sign off a customer's move into the top tier.
    ApproveTier(CustomerId),
    /// Ask before deleting a customer, saying how many contacts go with them.
    DeleteCustomer(CustomerId),
    /// A customer's full history from the audit log.
    History(CustomerId),
    /// A customer's visit brief.
    Brief(CustomerId),
    /// The tier review of the whole book.
    Review,
    /// A customer's indicator values for the grading model.
    Indicators(CustomerId),
    /// Ask to whom to hand a customer over (the book's other people).
    HandOver(CustomerId),
    /// Record a customer's late payment: a date (default today) and a note.
    LatePayment(CustomerId),
    /// Pick the customer's temperament from the list.
    SetTemperament(CustomerId),
    /// A lead pins or unpins a customer (the team pool): a reason to pin, a question to unpin.
    Pin(CustomerId),
}

/// A recommendation as the contact form asks for it, before the rule is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommend {
    /// The product's code.
    pub product: String,
    /// The customer's confirmation (empty: none given).
    pub confirmation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    AddCustomer(CustomerFields),
    /// The customer's new fields, and what the form's edit was based on.
    UpdateCustomer(CustomerId, CustomerFields, crate::store::Seen),
    DeleteCustomer(CustomerId, String),
    LogContact {
        entry: ContactEntry,
        closes: Option<FollowUpId>,
        advance: bool,
        name: String,
        /// The product a recommendation names, and the customer's confirmation as typed;
        /// the write judges it on the book and applies `app::suitability::recommend`.
        recommend: Option<Recommend>,
    },
    UpdateContact(ContactId, ContactEntry),
    DeleteContact(ContactId),
    MarkDone {
        follow_up: FollowUpId,
        done: bool,
        what: String,
    },
    Reschedule {
        follow_up: FollowUpId,
        to: NaiveDate,
        reason: String,
        what: String,
    },
    Snooze {
        customer: CustomerId,
        requirement: usize,
        until: NaiveDate,
        reason: String,
        name: String,
    },
    /// A customer's late payment (terms by tier).
    LatePayment {
        customer: CustomerId,
        on: NaiveDate,
        note: String,
        name: String,
    },
    SaveDraft {
        customer: CustomerId,
        questionnaire: String,
        answers: Answers,
        at_question: usize,
    },
    DiscardDraft {
        customer: CustomerId,
        questionnaire: String,
    },
    RecordAssessment {
        customer: CustomerId,
        name: String,
        questionnaire: String,
        answers: Answers,
    },
    ChangeTier {
        customer: CustomerId,
        tier: String,
        reason: String,
        name: String,
    },
    Approve {
        customer: CustomerId,
        by: String,
        name: String,
    },
    /// Undo the last change made in this session.
    Undo,
    /// Apply accepted review suggestions (customer, new tier) of `model`; `label` says what.
    AcceptSuggestions {
        model: String,
        moves: Vec<(CustomerId, String)>,
        label: String,
    },
    RecordIndicators {
        customer: CustomerId,
        name: String,
        measured_on: NaiveDate,
        /// (indicator code, the value as typed: checked by the form, read again on writing).
        values: Vec<(String, String)>,
    },
    /// Give a customer to another person, with their contacts, follow-ups and history.
    HandOver {
        customer: CustomerId,
        name: String,
        from: String,
        to: String,
        to_name: String,
    },
    /// Set (`key`) or clear (None) a customer's temperament, unless someone changed the
    /// customer since `seen`.
    SetTemperament {
        customer: CustomerId,
        name: String,
        key: Option<String>,
        seen: crate::store::Seen,
    },
    /// Take a customer from the team's pool (within the day's limit).
    Claim {
        customer: CustomerId,
        name: String,
    },
    /// A lead pins a customer with a reason (never released to the pool), or unpins (None).
    Pin {
        customer: CustomerId,
        name: String,
        reason: Option<String>,
    },
    /// Check a file without writing anything.
    ImportPreview(ImportRequest),
    /// Import it.
    ImportRun(ImportRequest),
}

/// What to import, from where, and what to do with duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest {
    pub kind: crate::ui::screens::import::ImportKind,
    pub path: std::path::PathBuf,
    pub on_duplicate: crate::domain::import::OnDuplicate,
}
