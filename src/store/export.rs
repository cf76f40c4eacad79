//! Reading exports: customers and contacts in id order, so that a book exported, imported
//! into an empty book and exported again gives the same file.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::import::fields_of;
use super::prelude::*;
use std::ops::ControlFlow;

use super::{ExportedFollowUp, Result, Store};
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::dates::{DateField, RecordKind};

/// A customer as an export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedCustomer {
    pub id: CustomerId,
    pub uuid: String,
    pub fields: CustomerFields,
}

/// A contact as an export writes it: dates as the book stores them (ISO text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportedContact {
    pub uuid: String,
    pub customer: CustomerId,
    pub date: String,
    pub time: Option<String>,
    pub kind: String,
    pub person: String,
    pub summary: String,
    pub outcome: String,
    /// The follow-up promised in this contact: what, due, done at.
    pub follow_up: Option<(String, String, Option<String>)>,
}

impl Exports for Store {
    fn export_customers(&self) -> Result<Vec<ExportedCustomer>> {
        let mut st = self.conn.prepare(
            "SELECT id, uuid, ext_ref, name, company, contact_person, phone, email, region, address, industry,
                owner, tags, notes, created_on, tier, temperament FROM customers ORDER BY id",
        )?;
        let rows = st.query_map([], |r| Ok((CustomerId(r.get(0)?), r.get::<_, String>(1)?, fields_of(r, 2)?)))?;
        // A customer whose created date cannot be read is left out of the file, and named.
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (id, uuid, Ok(fields)) => out.push(ExportedCustomer { id, uuid, fields }),
                (id, _, Err(text)) => {
                    self.note_unreadable((RecordKind::Customer, id.0), id.0, DateField::CreatedOn, text)
                }
            }
        }
        Ok(out)
    }

    fn export_contacts(&self, each: &mut dyn FnMut(&ExportedContact) -> ControlFlow<()>) -> Result<()> {
        // Follow-ups are few next to contacts and have no index by contact: one pass.
        let mut promised: HashMap<i64, (String, String, Option<String>)> = HashMap::new();
        {
            let mut st = self.conn.prepare(
                "SELECT contact_id, what, due_on, done_at FROM follow_ups WHERE contact_id IS NOT NULL ORDER BY id",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let read = || -> rusqlite::Result<_> { Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))) };
                let (contact, mut f): (i64, (String, String, Option<String>)) = read()?;
                // One form in the file whichever form the book holds: RFC 3339 with an offset.
                f.2 = f.2.map(|t| super::convert::parse_datetime(&t).map(super::convert::datetime_text).unwrap_or(t));
                promised.entry(contact).or_insert(f);
            }
        }
        let mut st = self.conn.prepare(
            "SELECT id, customer_id, happened_on, happened_at, kind, person, summary, outcome, uuid
                 FROM contacts ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        let mut out = ExportedContact::default();
        while let Some(r) = rows.next()? {
            let read = |out: &mut ExportedContact| -> rusqlite::Result<i64> {
                out.customer = CustomerId(r.get(1)?);
                out.date.clear();
                out.date.push_str(r.get_ref(2)?.as_str()?);
                out.time = r.get(3)?;
                out.kind.clear();
                out.kind.push_str(r.get_ref(4)?.as_str()?);
                out.person.clear();
                out.person.push_str(r.get_ref(5)?.as_str()?);
                out.summary.clear();
                out.summary.push_str(r.get_ref(6)?.as_str()?);
                out.outcome.clear();
                out.outcome.push_str(r.get_ref(7)?.as_str()?);
                out.uuid.clear();
                out.uuid.push_str(r.get_ref(8)?.as_str()?);
                r.get(0)
            };
            let id = read(&mut out)?;
            out.follow_up = promised.remove(&id);
            if each(&out).is_break() {
                break;
            }
        }
        Ok(())
    }

    fn customer_uuid(&self, id: CustomerId) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT uuid FROM customers WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?)
    }

    fn export_follow_ups(&self, each: &mut dyn FnMut(&ExportedFollowUp) -> ControlFlow<()>) -> Result<()> {
        self.export_follow_ups_to(each)
    }
}
