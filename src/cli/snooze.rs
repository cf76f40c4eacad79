//! `tierdesk snooze`: push a customer's most urgent contact requirement to a later date with
//! a reason, as the snooze form of the Today screen and the customer view does. Also the
//! form's two checks, shared with `follow-up reschedule`: the date and the reason.

use chrono::NaiveDate;

use super::refusal::{LaterDate, Refusal};
use super::{CliError, Context};
use crate::domain::contact_draft::MAX_TEXT_CHARS;
use crate::domain::dates::{self, DateField};
use crate::i18n::{T, fill};

pub fn run(ctx: &Context, key: &str, until: &str, reason: &str) -> Result<(), CliError> {
    let today = ctx.today();
    let reason = reason_of(reason)?;
    let mut store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, key)?;
    // The most urgent requirement is the one pushed back, as from the customer view.
    let Some(due) = store.customer_schedule(customer.id)?.into_iter().min_by_key(|r| r.due) else {
        return Err(Refusal::NothingToSnooze { name: customer.fields.name, id: customer.id.0 }.into());
    };
    let until = later_date("--until", DateField::SnoozeUntil, until, today, due.due)?;
    store.snooze(customer.id, due.requirement, until, &reason)?;
    println!("{}", fill(T::Snoozed.get(ctx.lang), &[&until, &customer.fields.name]));
    Ok(())
}

/// A date to move something to, by the date form's rule: a date or `+3d`/`+1w`/`+1m` from
/// today, in 1900-2200, later than today and than `after` (the item's own date).
pub(super) fn later_date(
    flag: &'static str,
    field: DateField,
    text: &str,
    today: NaiveDate,
    after: NaiveDate,
) -> Result<NaiveDate, CliError> {
    let refused = |why| Refusal::DateRefused { flag, text: text.trim().to_string(), why };
    let d = dates::read_later(field, text, today).map_err(|p| refused(LaterDate::Date(p)))?;
    if d <= after {
        return Err(refused(LaterDate::NotAfter(after)).into());
    }
    Ok(d)
}

/// The reason, required and as long as the form takes.
pub(super) fn reason_of(text: &str) -> Result<String, CliError> {
    let reason = text.trim();
    if reason.is_empty() {
        return Err(Refusal::ReasonRequired.into());
    }
    if reason.chars().count() > MAX_TEXT_CHARS {
        return Err(Refusal::TooLong { flag: "--reason", max: MAX_TEXT_CHARS }.into());
    }
    Ok(reason.to_string())
}
