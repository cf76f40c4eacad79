//! The subcommands and their arguments, as clap reads them; `super::run` carries each out.

use std::path::PathBuf;

use clap::Subcommand;

use super::output::{Format, TextOrJson};
use super::{
    brief, customer, due, export, follow_up, import, log, output, payment, person, questionnaire, report, search, suit,
    team,
};

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a book with a tier scheme (default, brokerage, leads, team, or a scheme file).
    Init {
        #[arg(long, default_value = "default", value_name = "default|brokerage|leads|PATH")]
        scheme: String,
    },
    /// Add or list customers.
    Customer {
        #[command(subcommand)]
        command: customer::CustomerCommand,
    },
    /// The open items due on a date (default today), ranked as on the Today screen.
    Due {
        /// The day to look from (YYYY-MM-DD); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Also the items falling due in the next DAYS days.
        #[arg(long, value_name = "DAYS", default_value_t = 0, allow_negative_numbers = true)]
        within: u32,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        owners: person::OwnerArgs,
        #[command(flatten)]
        filter: due::FilterArgs,
    },
    /// The promised follow-ups: list them, mark one done, move one to a later date.
    #[command(name = "follow-up")]
    FollowUp {
        #[command(subcommand)]
        command: follow_up::FollowUpCommand,
    },
    /// Push a customer's most urgent contact requirement to a later date, with a reason (as
    /// the screens' snooze); it ends with the next contact.
    Snooze {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The new date: YYYY-MM-DD, or +3d / +1w / +1m from today; later than today.
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Why (required; kept with the snooze).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// The visit brief of one customer: who, why this tier, last contacts, open follow-ups,
    /// risk assessment; Markdown to print or send to a phone.
    Brief {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        #[arg(long, value_enum, default_value_t = brief::BriefFormat::Text)]
        format: brief::BriefFormat,
    },
    /// The morning plan for a day (default today): which due customers to visit and which to
    /// call within the config's `[plan]` capacity, best first, each with why.
    Plan {
        /// The day to plan (YYYY-MM-DD); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        #[command(flatten)]
        owners: person::OwnerArgs,
    },
    /// Record a contact with a customer (by id, ref or exact name), and any follow-up it promised.
    Log {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The contact kind: a code (visit, call, ...) or its name.
        #[arg(long)]
        kind: String,
        /// When it happened (YYYY-MM-DD); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// What was said or done.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// A promise made, to be followed up (needs --follow-up-due).
        #[arg(long = "follow-up", value_name = "TEXT")]
        follow_up: Option<String>,
        /// When the follow-up is due (YYYY-MM-DD, or +3d / +1w / +2m from the contact).
        #[arg(long = "follow-up-due", value_name = "YYYY-MM-DD")]
        follow_up_due: Option<String>,
        #[command(flatten)]
        recommend: log::RecommendArgs,
    },
    /// Record a customer's answered risk questionnaire from the paper form's letters; prints the
    /// score and the category that follows from them.
    Assess {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The letters, comma-separated in question order: one per question, one per row of a
        /// grid, a multiple choice's letters together (AC). `tierdesk questionnaire show` explains.
        #[arg(long, value_name = "LETTERS")]
        answers: String,
        /// The questionnaire answered.
        #[arg(long, value_name = "ID", default_value = questionnaire::DEFAULT_QUESTIONNAIRE)]
        questionnaire: String,
        /// The day it was answered and signed (YYYY-MM-DD); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Find customers by a few letters of a name, company, contact, phone or tag (pinyin too);
    /// with `--in notes`, the contact notes and follow-ups holding a text, newest first.
    Search {
        pattern: String,
        /// Where to look: customers' names and details, or the notes written about them.
        #[arg(long = "in", value_enum, default_value_t = search::SearchIn::Names)]
        within: search::SearchIn,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = output::TextOrJson::Text)]
        format: output::TextOrJson,
        #[command(flatten)]
        owners: person::OwnerArgs,
    },
    /// Bring customers or contacts in from a CSV file (as Excel saves it); every row or none.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// Write customers or contacts as CSV (for Excel) or JSON, or the due list as iCalendar.
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Copy the book to FILE, consistently, even while tierdesk is open elsewhere.
    Backup {
        /// Where to write the copy (a new file, or an old backup with --force).
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Move a customer to another tier; the reason is kept in the tier history. A move into
    /// the top tier waits for someone else's sign-off (`tierdesk approve`).
    Tier {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The new tier's code (A, B, ... as in the book's scheme).
        tier: String,
        /// Why (required).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Sign off a customer's move into the top tier, as the approver NAME.
    Approve {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// Who signs it off (not the person who made the move).
        #[arg(long, value_name = "NAME")]
        by: String,
    },
    /// Take back your latest change made from the command line (again: the one before), as
    /// `u` does in the screens; refused when someone changed those records since.
    Undo,
    #[command(flatten)]
    Suitability(suit::SuitCommand),
    /// A customer's tier history (from, to, when, who, why, sign-off); --all: every change
    /// the audit log holds about them.
    History {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Grade every customer with the book's grading model and list those whose suggested tier
    /// differs from their current one (score or rule, the values behind it, and whether the
    /// policy lets it apply today); --apply makes the changes that may be made today.
    Review {
        /// A shipped grading model (distributor, brokerage, ranked) or a model file (.toml);
        /// default: the config's, else the first one made for the book's tier scheme.
        #[arg(long, value_name = "NAME")]
        model: Option<String>,
        /// Apply the suggestions the policy allows today (reason "review: MODEL").
        #[arg(long)]
        apply: bool,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// The coverage report: per tier, who was contacted within the cadence; contacts per week.
    ///
    /// Per tier: customers, contacted within cadence, not yet due, the share, overdue and never
    /// contacted; then all tiers together, and contacts per week over the last 12 weeks.
    ///
    /// A tier's period is its own cadence ending today, from the first day whose contact is
    /// still on time today (a weekly tier on a Monday: since the Monday before).
    ///   within cadence   the latest contact is on or after that day
    ///   not yet due      taken on since that day and not contacted yet
    ///   share            within cadence / (customers - not yet due); "–" when nobody is due
    ///   overdue          the next due date is before today, as on the Today screen
    /// Weeks start on Monday; the current week is counted up to today.
    #[command(verbatim_doc_comment)]
    Report {
        /// text: a table for people; json: one object for scripts (field names in the README).
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// owner: the same numbers per person (a lead's team), for the customers you may see.
        #[arg(long, value_enum)]
        by: Option<report::ReportBy>,
    },
    /// Show a questionnaire, ready for a paper form.
    Questionnaire {
        #[command(subcommand)]
        command: questionnaire::QuestionnaireCommand,
    },
    /// A team book on PostgreSQL (--db postgres://LOGIN@HOST[:PORT]/DATABASE): set it up, add
    /// its people, list them.
    Team {
        #[command(subcommand)]
        command: team::TeamCommand,
    },
    /// Late payments: record one (`payment late`); they move the customer's payment terms.
    Payment {
        #[command(subcommand)]
        command: payment::PaymentCommand,
    },
    /// The people of the book: add a colleague (for a hand-over), list them.
    Person {
        #[command(subcommand)]
        command: person::PersonCommand,
    },
}
