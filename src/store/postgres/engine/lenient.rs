//! Dates outside tierdesk's years that a person's own SQL left in the team book. PostgreSQL's
//! `date` keeps every value a date ('garbage' is refused), but not every date is one of
//! tierdesk's (1900 to 2200, `domain::dates`): a year 10360 or 1066 is a valid PostgreSQL
//! date. The readers behind the lists skip such a row and name it, as the SQLite book's do
//! (`store/lenient.rs`); the caller takes the names with `take_unreadable`.

use chrono::{Datelike, NaiveDate};

use super::PgStore;
use crate::domain::dates::{DateField, RecordKind, UnreadableDate, customer_label, in_range};
use crate::domain::due::CustomerRef;

/// The last day of tierdesk's years, as a literal for a query that must also find the rows
/// past it (to name them): no plan depends on a parameter.
pub(super) const LAST_DAY: &str = "'2200-12-31'";

/// A date as PostgreSQL shows it (ISO; a year past 9999 in full, a year before 1 with BC),
/// so that a row is named by what psql shows of it.
pub(super) fn pg_text(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if y >= 1 { format!("{y:04}-{m:02}-{day:02}") } else { format!("{:04}-{m:02}-{day:02} BC", 1 - y) }
}

impl PgStore {
    /// `d` when it is one of tierdesk's dates; else the row is named (once until taken:
    /// `what` is the record and its id) and None.
    pub(super) fn readable(
        &self,
        d: NaiveDate,
        what: (RecordKind, i64),
        customer: &CustomerRef,
        field: DateField,
    ) -> Option<NaiveDate> {
        let label = || customer_label(customer.id.0, customer.ext_ref.as_deref(), &customer.name);
        self.name_unless_readable(d, what, label, field)
    }

    /// The same for a customer's own date, read without its ref (the customer lists): the
    /// customer is looked up to be named, only for a bad row.
    pub(super) fn readable_of_customer(&self, d: NaiveDate, id: i64, field: DateField) -> Option<NaiveDate> {
        self.readable_for(d, (RecordKind::Customer, id), id, field)
    }

    /// The same for a record of customer `id` read without the customer (its contacts and
    /// follow-ups): looked up to be named, only for a bad row.
    pub(super) fn readable_for(
        &self,
        d: NaiveDate,
        what: (RecordKind, i64),
        id: i64,
        field: DateField,
    ) -> Option<NaiveDate> {
        let label = || {
            let found = self.client.try_borrow_mut().ok().and_then(|mut c| {
                c.query_opt("SELECT ext_ref, name FROM customers WHERE id = $1", &[&id]).ok().flatten()
            });
            match found {
                Some(r) => customer_label(id, r.get::<_, Option<String>>(0).as_deref(), r.get(1)),
                None => format!("#{id}"),
            }
        };
        self.name_unless_readable(d, what, label, field)
    }

    /// The customer's last contact, named and none when outside tierdesk's years.
    pub(super) fn readable_last_contact(&self, mut customer: CustomerRef) -> CustomerRef {
        let id = customer.id.0;
        let last = customer.last_contact;
        customer.last_contact =
            last.and_then(|d| self.readable(d, (RecordKind::Customer, id), &customer, DateField::LastContact));
        customer
    }

    fn name_unless_readable(
        &self,
        d: NaiveDate,
        (record, id): (RecordKind, i64),
        label: impl FnOnce() -> String,
        field: DateField,
    ) -> Option<NaiveDate> {
        if in_range(d) {
            return Some(d);
        }
        let named = self.unreadable.borrow().iter().any(|u| (u.record, u.id, u.field) == (record, id, field));
        if !named {
            let customer = label();
            self.unreadable.borrow_mut().push(UnreadableDate { record, id, customer, field, text: pg_text(d) });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_as_postgresql_shows_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(pg_text(d(10360, 2, 23)), "10360-02-23");
        assert_eq!(pg_text(d(1066, 10, 14)), "1066-10-14");
        assert_eq!(pg_text(d(33, 1, 2)), "0033-01-02");
        assert_eq!(pg_text(d(0, 3, 4)), "0001-03-04 BC");
    }
}
