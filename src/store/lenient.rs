//! Dates the book may hold damaged (written by hand in sqlite3, or by an older version that
//! let `+99999m` through): the readers behind the lists skip such a row and name it, instead
//! of failing the whole list. The names are collected alongside the rows as they are read
//! (no second query on the hot path: only a bad row costs a look-up of its customer's name),
//! and the caller takes them with `Store::take_unreadable` to show them.

use std::cell::RefCell;
use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::Store;
use super::convert::iso_date;
use super::prelude::*;
use crate::domain::dates::{DateField, RecordKind, UnreadableDate, customer_label, in_range};

/// Where the readers put what they skipped: each row once, in the order found (a set of
/// what is already named, so that a book with many damaged rows is not searched over again).
#[derive(Debug, Default)]
pub(super) struct Sink(RefCell<(Vec<UnreadableDate>, HashSet<RowKey>)>);

/// Which row and which of its dates.
type RowKey = (RecordKind, i64, DateField);

impl Sink {
    fn push(&self, found: UnreadableDate) {
        let mut inner = self.0.borrow_mut();
        if inner.1.insert((found.record, found.id, found.field)) {
            inner.0.push(found);
        }
    }

    /// Everything named so far, emptying the sink.
    pub(super) fn take(&self) -> Vec<UnreadableDate> {
        let mut inner = self.0.borrow_mut();
        inner.1.clear();
        std::mem::take(&mut inner.0)
    }
}

/// The stored text of a column, as shown in a message (a value that is not text says so).
fn raw(row: &Row, idx: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(idx)? {
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Blob(_) => "<blob>".into(),
    })
}

/// A date outside the rule is the book's refusal (worded by `i18n::dates`).
impl From<crate::domain::dates::DateProblem> for super::StoreError {
    fn from(p: crate::domain::dates::DateProblem) -> Self {
        super::StoreError::Date(p)
    }
}

/// A stored date that does not read: the text the book holds, to name it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BadDate(pub String);

impl From<BadDate> for String {
    fn from(b: BadDate) -> Self {
        b.0
    }
}

/// A date the book stores from what people entered: Err(stored text) unless it is a
/// YYYY-MM-DD date in the accepted years.
pub(super) fn date(row: &Row, idx: usize) -> rusqlite::Result<Result<NaiveDate, BadDate>> {
    if let rusqlite::types::ValueRef::Text(t) = row.get_ref(idx)?
        && let Some(d) = iso_date(t).filter(|d| in_range(*d))
    {
        return Ok(Ok(d));
    }
    Ok(Err(BadDate(raw(row, idx)?)))
}

/// The same for a column that may be empty (NULL).
pub(super) fn opt_date(row: &Row, idx: usize) -> rusqlite::Result<Result<Option<NaiveDate>, BadDate>> {
    if row.get_ref(idx)? == rusqlite::types::ValueRef::Null {
        return Ok(Ok(None));
    }
    Ok(date(row, idx)?.map(Some))
}

/// A date the book computes (next due): any year it can hold, since a cadence counted from
/// a late date may pass the last accepted year.
pub(super) fn computed_date(row: &Row, idx: usize) -> rusqlite::Result<Result<NaiveDate, BadDate>> {
    if let rusqlite::types::ValueRef::Text(t) = row.get_ref(idx)?
        && let Some(d) = iso_date(t)
    {
        return Ok(Ok(d));
    }
    Ok(Err(BadDate(raw(row, idx)?)))
}

/// Name a skipped row: its customer by ref or name (one look-up, only for a bad row).
pub(super) fn note(
    conn: &Connection,
    sink: &Sink,
    (record, id): (RecordKind, i64),
    customer: i64,
    field: DateField,
    text: impl Into<String>,
) {
    let named: Option<(Option<String>, String)> = conn
        .prepare_cached("SELECT ext_ref, name FROM customers WHERE id = ?1")
        .and_then(|mut st| st.query_row([customer], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ok()
        .flatten();
    let label = match named {
        Some((ext_ref, name)) => customer_label(customer, ext_ref.as_deref(), &name),
        None => format!("#{customer}"),
    };
    sink.push(UnreadableDate { record, id, customer: label, field, text: text.into() });
}

impl Unreadable for Store {
    fn take_unreadable(&self) -> Vec<UnreadableDate> {
        self.unreadable.take()
    }
}

impl Store {
    /// A customer's optional date; unreadable: named, and none.
    pub(super) fn lenient_opt(
        &self,
        r: &Row,
        idx: usize,
        id: i64,
        field: DateField,
    ) -> rusqlite::Result<Option<NaiveDate>> {
        Ok(opt_date(r, idx)?.unwrap_or_else(|text| {
            self.note_unreadable((RecordKind::Customer, id), id, field, text);
            None
        }))
    }

    /// A customer's date as read; unreadable: named, and today in its place.
    pub(super) fn lenient_or_today(
        &self,
        read: std::result::Result<NaiveDate, BadDate>,
        id: i64,
        field: DateField,
    ) -> NaiveDate {
        read.unwrap_or_else(|text| {
            self.note_unreadable((RecordKind::Customer, id), id, field, text);
            self.clock.today()
        })
    }

    /// Record a row skipped for an unreadable date (see `take_unreadable`).
    pub(super) fn note_unreadable(
        &self,
        what: (RecordKind, i64),
        customer: i64,
        field: DateField,
        text: impl Into<String>,
    ) {
        note(&self.conn, &self.unreadable, what, customer, field, text);
    }
}
