//! Reading the rows the daily list is made of, leniently: a snooze or a customer's latest
//! contact whose date cannot be read is left out (and named) instead of failing the list.
//! Also the rule a snooze or reschedule date must meet.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::Result;
use super::lenient::{self, Sink};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::{CustomerRef, Snooze};

/// The snoozes recorded for a customer (the domain decides which are still in force); one
/// with an unreadable date is skipped and named in `sink`.
pub(super) fn snoozes_of(conn: &Connection, customer: CustomerId, sink: &Sink) -> Result<Vec<Snooze>> {
    let mut st = conn.prepare_cached("SELECT requirement, until_on, set_on, id FROM snoozes WHERE customer_id = ?1")?;
    let rows = st.query_map([customer.0], |r| snooze_row(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        match row? {
            Ok(s) => out.push(s),
            Err((id, field, text)) => lenient::note(conn, sink, (RecordKind::Snooze, id), customer.0, field, text),
        }
    }
    Ok(out)
}

/// The rule for snooze and reschedule dates: in the accepted years, and after today (an
/// earlier date would hide lateness).
pub(super) fn later_than_today(field: DateField, date: NaiveDate, today: NaiveDate) -> Result<()> {
    dates::check(field, date)?;
    if date <= today {
        return Err(dates::DateProblem::NotAfterToday { field, date, today }.into());
    }
    Ok(())
}

/// A snooze read from `requirement, until_on, set_on, id` starting at column `at`; Err names
/// the snooze and the date that cannot be read.
pub(super) type Unread = (i64, DateField, String);
pub(super) fn snooze_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<std::result::Result<Snooze, Unread>> {
    let id: i64 = r.get(at + 3)?;
    let until = match lenient::date(r, at + 1)? {
        Ok(d) => d,
        Err(text) => return Ok(Err((id, DateField::SnoozeUntil, text.into()))),
    };
    let set_on = match lenient::date(r, at + 2)? {
        Ok(d) => d,
        Err(text) => return Ok(Err((id, DateField::Today, text.into()))),
    };
    Ok(Ok(Snooze { requirement: r.get::<_, i64>(at)? as usize, until, set_on }))
}

/// The customer facts of a due row from `id, ext_ref, name, company, tier, last_contact_on, region`
/// starting at column `at`; an unreadable latest contact counts as none (and is named).
pub(super) fn customer_ref(r: &rusqlite::Row, at: usize) -> rusqlite::Result<(CustomerRef, Option<String>)> {
    let (last_contact, bad) = match lenient::opt_date(r, at + 5)? {
        Ok(d) => (d, None),
        Err(text) => (None, Some(text.into())),
    };
    let c = CustomerRef {
        id: CustomerId(r.get(at)?),
        ext_ref: r.get(at + 1)?,
        name: r.get(at + 2)?,
        company: r.get(at + 3)?,
        tier: r.get(at + 4)?,
        last_contact,
        region: r.get(at + 6)?,
    };
    Ok((c, bad))
}

/// A customer of the due list read from `id, ext_ref, name, company, tier, last_contact_on,
/// region, created_on`: its id, its facts, its created date (Err: the unreadable text) and
/// its unreadable latest contact, if so.
pub(super) type CustomerRow = (i64, CustomerRef, std::result::Result<NaiveDate, String>, Option<String>);
pub(super) fn customer_row(r: &rusqlite::Row) -> rusqlite::Result<CustomerRow> {
    let id: i64 = r.get(0)?;
    let created = lenient::date(r, 7)?.map_err(String::from);
    let (customer, bad_last) = customer_ref(r, 0)?;
    Ok((id, customer, created, bad_last))
}
