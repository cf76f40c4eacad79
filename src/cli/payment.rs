//! `tierdesk payment late CUSTOMER [--date D] [--note TEXT]`: record a late payment, then say
//! the payment terms in force after it, and whether (and why) they dropped.

use chrono::NaiveDate;
use clap::Subcommand;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::domain::contact_draft::MAX_TEXT_CHARS;
use crate::domain::dates::{self, DateField, DateProblem};
use crate::i18n::fill;
use crate::i18n::terms_texts::{self, Tm};

#[derive(Subcommand, Debug)]
pub enum PaymentCommand {
    /// Record that a customer paid late; 2 late payments in a calendar quarter (the config's
    /// `[terms]`) drop their payment terms one level from the next day.
    Late {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The day the payment was late (YYYY-MM-DD); default today; not after today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// What happened (an invoice, how late).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

pub fn run(ctx: &Context, command: PaymentCommand) -> Result<(), CliError> {
    match command {
        PaymentCommand::Late { customer, date, note } => late(ctx, &customer, date.as_deref(), note.as_deref()),
    }
}

/// A past or present day for `--date`, as `tierdesk log` reads one.
fn past_day(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate, CliError> {
    let Some(text) = text else { return Ok(today) };
    let d = match dates::read(DateField::LatePayment, text, today) {
        Ok(d) if !dates::is_relative(text) => d,
        Ok(_) | Err(DateProblem::Unreadable { .. }) => {
            return Err(Refusal::NotADate { flag: "--date", text: text.to_string() }.into());
        }
        Err(problem) => return Err(Refusal::DateOutOfRange { flag: "--date", problem }.into()),
    };
    if d > today {
        return Err(Refusal::InFuture { flag: "--date", date: d, today }.into());
    }
    Ok(d)
}

fn late(ctx: &Context, key: &str, date: Option<&str>, note: Option<&str>) -> Result<(), CliError> {
    let today = ctx.today();
    let on = past_day(date, today)?;
    let note = note.map(str::trim).unwrap_or_default();
    if note.chars().count() > MAX_TEXT_CHARS {
        return Err(Refusal::TooLong { flag: "--note", max: MAX_TEXT_CHARS }.into());
    }
    let mut store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, key)?;
    let done = crate::app::terms::record_late(&mut *store, &customer, on, note, today, ctx.config.late_rule())?;
    let l = ctx.lang;
    println!("{}", fill(Tm::LateRecorded.get(l), &[&customer.fields.name, &on]));
    match &done.after {
        None => println!("{}", Tm::NoTerms.get(l)),
        Some(after) => {
            let went_down = done.before.as_ref().is_some_and(|b| after.effective.in_force > b.effective.in_force);
            let head = if went_down { Tm::NowDropped } else { Tm::Unchanged };
            println!("{}", fill(head.get(l), &[&after.payment.name(l)]));
            for why in terms_texts::why(after, l) {
                println!("  {why}");
            }
        }
    }
    Ok(())
}
