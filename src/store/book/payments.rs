//! Late payments: what moves a customer's payment terms (`domain::terms`).

use chrono::NaiveDate;

use super::super::Result;
use crate::domain::customer::CustomerId;
use crate::domain::terms::LatePayment;

/// Recording a customer's late payments and reading them back.
pub trait Payments {
    /// Record that the customer paid late on `on` (a date in the book's years; the faces
    /// refuse a day after today), with an optional note. One change in the audit log, so
    /// undo takes it back. A customer this connection may not see is `NoSuchCustomer`.
    fn record_late_payment(&mut self, customer: CustomerId, on: NaiveDate, note: &str) -> Result<i64>;

    /// A customer's late payments, oldest first (by date, then as recorded).
    fn late_payments(&self, customer: CustomerId) -> Result<Vec<LatePayment>>;
}
