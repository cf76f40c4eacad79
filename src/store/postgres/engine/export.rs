//! Reading exports from the team book, as in the SQLite engine (`store::export`): customers
//! and contacts in id order, dates written as the SQLite book stores them (ISO text), so that
//! a file exported from either engine reads the same.
//!
//! Also here, for the imports: a customer's fields from a row (`fields_of`).

use std::collections::HashMap;
use std::ops::ControlFlow;

use postgres::Row;
use postgres::fallible_iterator::FallibleIterator;

use super::PgStore;
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::dates::DateField;
use crate::store::prelude::*;
use crate::store::{ExportedContact, ExportedCustomer, Result};

/// The columns `fields_of` reads, in its order.
pub(super) const FIELD_COLUMNS: &str = "ext_ref, name, company, contact_person, phone, email, region, address, industry, coalesce(owner, '') AS owner, tags, notes, created_on, tier, temperament";

/// A customer's fields from the `FIELD_COLUMNS` starting at column `at`.
pub(super) fn fields_of(r: &Row, at: usize) -> CustomerFields {
    CustomerFields {
        ext_ref: r.get(at),
        name: r.get(at + 1),
        company: r.get(at + 2),
        contact_person: r.get(at + 3),
        phone: r.get(at + 4),
        email: r.get(at + 5),
        region: r.get(at + 6),
        address: r.get(at + 7),
        industry: r.get(at + 8),
        owner: r.get(at + 9),
        tags: r.get(at + 10),
        notes: r.get(at + 11),
        created_on: r.get(at + 12),
        tier: r.get(at + 13),
        temperament: r.get(at + 14),
    }
}

impl Exports for PgStore {
    fn export_customers(&self) -> Result<Vec<ExportedCustomer>> {
        let rows = self
            .client
            .borrow_mut()
            .query(&format!("SELECT id, uuid, {FIELD_COLUMNS} FROM customers ORDER BY id"), &[])?;
        // A customer whose created date is outside tierdesk's years (set by hand in psql) is
        // left out of the file, and named, as the SQLite book does.
        Ok(rows
            .iter()
            .map(|r| ExportedCustomer { id: CustomerId(r.get(0)), uuid: r.get(1), fields: fields_of(r, 2) })
            .filter(|c| self.readable_of_customer(c.fields.created_on, c.id.0, DateField::CreatedOn).is_some())
            .collect())
    }

    fn export_contacts(&self, each: &mut dyn FnMut(&ExportedContact) -> ControlFlow<()>) -> Result<()> {
        let mut client = self.client.borrow_mut();
        // Follow-ups are few next to contacts: one pass, the first promised in each contact.
        let mut promised: HashMap<i64, (String, String, Option<String>)> = HashMap::new();
        for r in client.query(
            "SELECT contact_id, what, to_char(due_on, 'YYYY-MM-DD'), done_at
             FROM follow_ups WHERE contact_id IS NOT NULL ORDER BY id",
            &[],
        )? {
            // The done moment as every export writes one: RFC 3339 with an offset.
            let done: Option<chrono::NaiveDateTime> = r.get(3);
            promised.entry(r.get(0)).or_insert_with(|| (r.get(1), r.get(2), done.map(crate::clock::rfc3339)));
        }
        // Streamed: a big book holds millions of contacts.
        let mut rows = client.query_raw(
            "SELECT id, customer_id, to_char(happened_on, 'YYYY-MM-DD'), happened_at, kind, person, summary, outcome, uuid
             FROM contacts ORDER BY id",
            std::iter::empty::<i64>(),
        )?;
        while let Some(r) = rows.next()? {
            let out = ExportedContact {
                uuid: r.get(8),
                customer: CustomerId(r.get(1)),
                date: r.get(2),
                time: r.get(3),
                kind: r.get(4),
                person: r.get(5),
                summary: r.get(6),
                outcome: r.get(7),
                follow_up: promised.remove(&r.get::<_, i64>(0)),
            };
            if each(&out).is_break() {
                break;
            }
        }
        Ok(())
    }

    fn customer_uuid(&self, id: CustomerId) -> Result<Option<String>> {
        let row = self.client.borrow_mut().query_opt("SELECT uuid FROM customers WHERE id = $1", &[&id.0])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn export_follow_ups(
        &self,
        each: &mut dyn FnMut(&crate::store::ExportedFollowUp) -> ControlFlow<()>,
    ) -> Result<()> {
        self.export_follow_ups_to(each)
    }
}
