//! Logging a contact (and the follow-up it promised): `tierdesk log` and the log form.

use chrono::NaiveDate;

use super::AppError;
use super::customers::reread;
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
