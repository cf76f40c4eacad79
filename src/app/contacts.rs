//! Logging a contact (and the follow-up it promised): `tierdesk log` and the log form.

use chrono::NaiveDate;

use super::AppError;
use super::customers::reread;
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::Customer;
use crate::domain::history::NewContact;
use crate::store::prelude::*;

/// Record `contact` and any follow-up it promised, in one change; the customer as it is
/// after (its next due date has moved).
pub fn log(
    book: &mut dyn Book,
    contact: &NewContact,
    follow_up: Option<(&str, NaiveDate)>,
) -> Result<Customer, AppError> {
    book.add_contact(contact, follow_up)?;
    reread(book, contact.customer)
}

/// Record a checked entry (its time, follow-up and recommendation) in one change; the
/// customer as it is after. The recommendation has passed `suitability::recommendation`.
pub fn log_entry(book: &mut dyn Book, entry: &ContactEntry) -> Result<Customer, AppError> {
    book.log_contact(entry, None)?;
    reread(book, entry.contact.customer)
}
