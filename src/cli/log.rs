//! `tierdesk log`: record a contact with a customer (and the follow-up it promised) from the
//! command line, then say when the customer is next due.

use chrono::NaiveDate;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::data;
use crate::domain::contact_draft::ContactEntry;
use crate::domain::contact_draft::{MAX_SUMMARY_CHARS, MAX_TEXT_CHARS};
use crate::domain::dates::{self, DateField, DateProblem};
use crate::domain::history::NewContact;
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::i18n::suit_texts::{S, verdict};

/// The longest note and follow-up text accepted, in characters: the domain's limits, the
/// same as the log form's.
const NOTE_MAX: usize = MAX_SUMMARY_CHARS;
const FOLLOW_UP_MAX: usize = MAX_TEXT_CHARS;

/// What `tierdesk log` was given, as typed.
#[derive(Debug, Clone, Default)]
pub struct LogArgs {
    pub customer: String,
    pub kind: String,
    pub date: Option<String>,
    pub note: Option<String>,
    pub follow_up: Option<String>,
    pub follow_up_due: Option<String>,
    pub recommend: RecommendArgs,
}

/// A recommendation's product, and the customer's confirmation when it does not suit.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RecommendArgs {
    /// The product recommended (its code; with --kind recommendation only).
    #[arg(long, value_name = "CODE")]
    pub product: Option<String>,
    /// The customer's written confirmation that they know the product does not suit their
    /// risk category (or that it is unknown); recorded, and kept in the audit log. Without
    /// it such a recommendation is refused.
    #[arg(long = "acknowledge-mismatch", value_name = "TEXT")]
    pub acknowledge_mismatch: Option<String>,
}

pub fn run(ctx: &Context, args: LogArgs) -> Result<(), CliError> {
    let today = ctx.today();
    // Everything that does not need the book is checked before the book is opened.
    let kinds = data::contact_kinds();
    let kind = kinds
        .find(&args.kind)
        .ok_or_else(|| Refusal::UnknownKind { text: args.kind.clone(), known: kinds.codes().join(", ") })?
        .clone();
    let on = match &args.date {
        Some(text) => {
            let d = match dates::read(DateField::ContactDate, text, today) {
                Ok(d) if !dates::is_relative(text) => d,
                Ok(_) | Err(DateProblem::Unreadable { .. }) => {
                    return Err(Refusal::NotADate { flag: "--date", text: text.clone() }.into());
                }
                Err(problem) => return Err(Refusal::DateOutOfRange { flag: "--date", problem }.into()),
            };
            if d > today {
                return Err(Refusal::InFuture { flag: "--date", date: d, today }.into());
            }
            d
        }
        None => today,
    };
    let note = args.note.as_deref().map(str::trim_end).unwrap_or_default().to_string();
    if note.chars().count() > NOTE_MAX {
        return Err(Refusal::TooLong { flag: "--note", max: NOTE_MAX }.into());
    }
    let follow_up = follow_up(args.follow_up.as_deref(), args.follow_up_due.as_deref(), on)?;
    crate::app::suitability::check_kind(&kind.code, args.recommend.product.is_some())
        .map_err(crate::app::AppError::Suitability)?;

    let mut store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, &args.customer)?;
    let contact = NewContact {
        customer: customer.id,
        kind: kind.code.clone(),
        on,
        person: String::new(),
        summary: note,
        outcome: String::new(),
    };
    let rec = &args.recommend;
    let judged = match &rec.product {
        Some(code) => Some(crate::app::suitability::judge_product(&*store, customer.id, code, today)?),
        None => None,
    };
    let recommendation =
        crate::app::suitability::recommendation(&kind.code, judged.clone(), rec.acknowledge_mismatch.as_deref())
            .map_err(crate::app::AppError::Suitability)?;
    let entry = ContactEntry { contact, time: None, follow_up: follow_up.clone(), recommendation };
    let after = crate::app::contacts::log_entry(&mut *store, &entry)?;
    let l = ctx.lang;
    // English names the kind by its code, as typed; Chinese by its name.
    let kind_word = match l {
        crate::i18n::Lang::En => kind.code.clone(),
        crate::i18n::Lang::Zh => data::contact_kinds().name(&kind.code, l).to_string(),
    };
    let mut line = fill(C::Logged.get(l), &[&kind_word, &after.fields.name, &after.id.0, &on, &after.next_due_on]);
    if let Some((what, due)) = &follow_up {
        line.push_str(&fill(C::LoggedFollowUp.get(l), &[what, due]));
    }
    if let Some((p, j)) = &judged {
        let name = format!("{} {}", p.code, p.name(l));
        line.push_str(&match j.is_suitable() {
            true => fill(S::Recommended.get(l), &[&name, &j.level]),
            false => fill(S::RecommendedMismatch.get(l), &[&name, &j.level, &verdict(j.verdict).get(l)]),
        });
    }
    println!("{line}");
    Ok(())
}

/// The follow-up: both parts or neither. The due date is a date or relative to the contact
/// ("+3d", "+1w", "+2m"), and not before the contact.
fn follow_up(what: Option<&str>, due: Option<&str>, on: NaiveDate) -> Result<Option<(String, NaiveDate)>, CliError> {
    let what = what.map(str::trim).filter(|s| !s.is_empty());
    let due = due.map(str::trim).filter(|s| !s.is_empty());
    match (what, due) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(Refusal::FollowUpNeedsDue.into()),
        (None, Some(_)) => Err(Refusal::FollowUpDueNeedsWhat.into()),
        (Some(what), Some(text)) => {
            if what.chars().count() > FOLLOW_UP_MAX {
                return Err(Refusal::TooLong { flag: "--follow-up", max: FOLLOW_UP_MAX }.into());
            }
            let d = dates::read(DateField::FollowUpDue, text, on).map_err(|p| match p {
                DateProblem::Unreadable { .. } => CliError::from(Refusal::NotADueDate { text: text.to_string() }),
                // Far too late (+99999m): the one rule for dates, naming the option.
                problem => CliError::from(Refusal::DateOutOfRange { flag: "--follow-up-due", problem }),
            })?;
            if d < on {
                return Err(Refusal::DueBeforeContact { due: d, on }.into());
            }
            Ok(Some((what.to_string(), d)))
        }
    }
}
