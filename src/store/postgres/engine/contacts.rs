//! Contacts on the team book (the SQLite engine's `store/contacts.rs`). Writing a contact
//! updates the customer's latest contact and next due date in the same transaction, by the
//! domain's rules (never backwards for a backdated contact).
//!
//! Also `refresh_schedule` and `insert_follow_up`, which the other writers of this engine
//! use.

use chrono::{NaiveDate, NaiveDateTime};
use postgres::error::SqlState;
use postgres::types::Type;
use postgres::{GenericClient, Row};

use super::PgStore;
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::Snooze;
use crate::domain::history::{Contact, ContactId, FollowUp, FollowUpId, NewContact};
use crate::domain::tier::TierScheme;
use crate::store::convert::new_uuid;
use crate::store::prelude::*;
use crate::store::{Result, StoreError};

const CONTACT_COLUMNS: &str = "id, customer_id, kind, happened_on, person, summary, outcome, product";

impl PgStore {
    /// A contact from `CONTACT_COLUMNS`; one dated outside tierdesk's years is named and
    /// left out (`lenient.rs`).
    fn contact_row(&self, r: &Row) -> Option<Contact> {
        let (id, customer): (i64, i64) = (r.get(0), r.get(1));
        let on = self.readable_for(r.get(3), (RecordKind::Contact, id), customer, DateField::ContactDate)?;
        Some(Contact {
            id: ContactId(id),
            customer: CustomerId(customer),
            kind: r.get(2),
            on,
            person: r.get(4),
            summary: r.get(5),
            outcome: r.get(6),
            product: r.get(7),
        })
    }
}

impl Contacts for PgStore {
    fn add_contact(&mut self, c: &NewContact, follow_up: Option<(&str, NaiveDate)>) -> Result<ContactId> {
        check_contact(c, follow_up.map(|(_, due)| due))?;
        let scheme = self.scheme_needed()?.clone();
        let now = self.clock.now();
        let user = self.target.login.clone();
        let mut tx = self.tx()?;
        let id = insert_contact(&mut tx, c, now, &user)?;
        if let Some((what, due)) = follow_up {
            insert_follow_up(&mut tx, c.customer, Some(id), what, due, &user, now)?;
        }
        refresh_schedule(&mut tx, &scheme, c.customer)?;
        tx.commit()?;
        Ok(ContactId(id))
    }

    fn log_contact(&mut self, e: &ContactEntry, closes: Option<FollowUpId>) -> Result<ContactId> {
        check_contact(&e.contact, e.follow_up.as_ref().map(|(_, due)| *due))?;
        let scheme = self.scheme_needed()?.clone();
        let now = self.clock.now();
        let user = self.target.login.clone();
        let mut tx = self.tx()?;
        let id = insert_contact(&mut tx, &e.contact, now, &user)?;
        if let Some(t) = e.time {
            let at = t.format("%H:%M").to_string();
            tx.execute_typed(
                "UPDATE contacts SET happened_at = $2 WHERE id = $1",
                &[(&id, Type::INT8), (&at, Type::TEXT)],
            )?;
        }
        if let Some(r) = &e.recommendation {
            tx.execute_typed(
                "UPDATE contacts SET product = $2, acknowledged_mismatch = $3 WHERE id = $1",
                &[(&id, Type::INT8), (&r.product, Type::TEXT), (&r.acknowledged_mismatch, Type::TEXT)],
            )?;
        }
        if let Some((what, due)) = &e.follow_up {
            insert_follow_up(&mut tx, e.contact.customer, Some(id), what, *due, &user, now)?;
        }
        if let Some(f) = closes {
            tx.execute_typed(
                "UPDATE follow_ups SET done_at = $2, updated_at = $2
                 WHERE id = $1 AND customer_id = $3 AND done_at IS NULL",
                &[(&f.0, Type::INT8), (&now, Type::TIMESTAMP), (&e.contact.customer.0, Type::INT8)],
            )?;
        }
        refresh_schedule(&mut tx, &scheme, e.contact.customer)?;
        tx.commit()?;
        Ok(ContactId(id))
    }

    fn add_contacts_bulk(
        &mut self,
        contacts: &[NewContact],
        follow_ups: &[(CustomerId, String, NaiveDate)],
    ) -> Result<()> {
        for c in contacts {
            dates::check(DateField::ContactDate, c.on)?;
        }
        for (_, _, due) in follow_ups {
            dates::check(DateField::FollowUpDue, *due)?;
        }
        let scheme = self.scheme_needed()?.clone();
        let now = self.clock.now();
        let user = self.target.login.clone();
        let mut tx = self.tx()?;
        super::bulk_records::insert_contacts(&mut tx, contacts, now, &user)?;
        super::bulk_records::insert_follow_ups(&mut tx, follow_ups, &user, now)?;
        let mut touched: Vec<i64> = contacts.iter().map(|c| c.customer.0).collect();
        touched.sort_unstable();
        touched.dedup();
        super::bulk_records::refresh_schedules(&mut tx, &scheme, &touched)?;
        tx.commit()?;
        Ok(())
    }

    fn contacts_of(&self, id: CustomerId, limit: usize) -> Result<Vec<Contact>> {
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contacts WHERE customer_id = $1
                 ORDER BY happened_on DESC, id DESC LIMIT $2"
            ),
            &[(&id.0, Type::INT8), (&(limit as i64), Type::INT8)],
        )?;
        Ok(rows.iter().filter_map(|r| self.contact_row(r)).collect())
    }

    fn follow_ups_of(&self, id: CustomerId) -> Result<Vec<FollowUp>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT id, what, due_on, done_at FROM follow_ups WHERE customer_id = $1
             ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN due_on END, done_at DESC NULLS LAST, id",
            &[(&id.0, Type::INT8)],
        )?;
        let follow_up = |r: &Row| {
            let f: i64 = r.get(0);
            let due_on = self.readable_for(r.get(2), (RecordKind::FollowUp, f), id.0, DateField::FollowUpDue)?;
            Some(FollowUp { id: FollowUpId(f), customer: id, what: r.get(1), due_on, done_at: r.get(3) })
        };
        Ok(rows.iter().filter_map(follow_up).collect())
    }

    fn contact(&self, id: ContactId) -> Result<Option<Contact>> {
        let row = self.client.borrow_mut().query_typed_opt(
            &format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = $1"),
            &[(&id.0, Type::INT8)],
        )?;
        Ok(row.as_ref().and_then(|r| self.contact_row(r)))
    }

    fn update_contact(&mut self, id: ContactId, c: &NewContact) -> Result<()> {
        check_contact(c, None)?;
        let scheme = self.scheme_needed()?.clone();
        let now = self.clock.now();
        let mut tx = self.tx()?;
        let n = tx.execute_typed(
            "UPDATE contacts SET kind = $2, happened_on = $3, person = $4, summary = $5, outcome = $6, updated_at = $7
             WHERE id = $1 AND customer_id = $8",
            &[
                (&id.0, Type::INT8),
                (&c.kind, Type::TEXT),
                (&c.on, Type::DATE),
                (&c.person, Type::TEXT),
                (&c.summary, Type::TEXT),
                (&c.outcome, Type::TEXT),
                (&now, Type::TIMESTAMP),
                (&c.customer.0, Type::INT8),
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchContact(id.0));
        }
        refresh_schedule(&mut tx, &scheme, c.customer)?;
        tx.commit()?;
        Ok(())
    }

    fn delete_contact(&mut self, id: ContactId) -> Result<CustomerId> {
        let scheme = self.scheme_needed()?.clone();
        let mut tx = self.tx()?;
        let customer: i64 = tx
            .query_typed_opt("DELETE FROM contacts WHERE id = $1 RETURNING customer_id", &[(&id.0, Type::INT8)])?
            .ok_or(StoreError::NoSuchContact(id.0))?
            .get(0);
        refresh_schedule(&mut tx, &scheme, CustomerId(customer))?;
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn count_contacts(&self) -> Result<usize> {
        let n: i64 = self.client.borrow_mut().query_typed_one("SELECT count(*) FROM contacts", &[])?.get(0);
        Ok(n as usize)
    }

    fn count_contacts_of(&self, id: CustomerId) -> Result<usize> {
        let n: i64 = self
            .client
            .borrow_mut()
            .query_typed_one("SELECT count(*) FROM contacts WHERE customer_id = $1", &[(&id.0, Type::INT8)])?
            .get(0);
        Ok(n as usize)
    }
}

/// The one rule for dates, on a contact and the follow-up it promises.
fn check_contact(c: &NewContact, follow_up_due: Option<NaiveDate>) -> Result<()> {
    dates::check(DateField::ContactDate, c.on)?;
    if let Some(due) = follow_up_due {
        dates::check(DateField::FollowUpDue, due)?;
    }
    Ok(())
}

/// A row written for a customer that is not there, or that this person may not see, is
/// `NoSuchCustomer`, as SQLite's foreign key says: its owner copy stays empty (the database
/// fills it in from a customer it finds) or names someone else, and the row-level security
/// check (or the NOT NULL) refuses it. Other refusals as the database said them.
pub(super) fn missing_customer(e: postgres::Error, customer: CustomerId) -> StoreError {
    let refused_row = e.as_db_error().is_some_and(|db| {
        *db.code() == SqlState::FOREIGN_KEY_VIOLATION
            || *db.code() == SqlState::NOT_NULL_VIOLATION
            || (*db.code() == SqlState::INSUFFICIENT_PRIVILEGE && db.message().contains("row-level security"))
    });
    if refused_row { StoreError::NoSuchCustomer(customer.0) } else { e.into() }
}

fn insert_contact(tx: &mut impl GenericClient, c: &NewContact, now: NaiveDateTime, user: &str) -> Result<i64> {
    let uuid = new_uuid();
    let row = tx
        .query_typed_one(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, person, summary, outcome,
                created_at, created_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id",
            &[
                (&uuid, Type::TEXT),
                (&c.customer.0, Type::INT8),
                (&c.kind, Type::TEXT),
                (&c.on, Type::DATE),
                (&c.person, Type::TEXT),
                (&c.summary, Type::TEXT),
                (&c.outcome, Type::TEXT),
                (&now, Type::TIMESTAMP),
                (&user, Type::TEXT),
            ],
        )
        .map_err(|e| missing_customer(e, c.customer))?;
    Ok(row.get(0))
}

/// Write a follow-up; its id.
pub(super) fn insert_follow_up(
    tx: &mut impl GenericClient,
    customer: CustomerId,
    contact: Option<i64>,
    what: &str,
    due: NaiveDate,
    owner: &str,
    now: NaiveDateTime,
) -> Result<i64> {
    let uuid = new_uuid();
    let row = tx
        .query_typed_one(
            "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, owner, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            &[
                (&uuid, Type::TEXT),
                (&customer.0, Type::INT8),
                (&contact, Type::INT8),
                (&what, Type::TEXT),
                (&due, Type::DATE),
                (&owner, Type::TEXT),
                (&now, Type::TIMESTAMP),
            ],
        )
        .map_err(|e| missing_customer(e, customer))?;
    Ok(row.get(0))
}

/// Recompute one customer's latest contact and next due date (see
/// `bulk_records::refresh_schedules`, which locks it first).
pub(super) fn refresh_schedule(tx: &mut impl GenericClient, scheme: &TierScheme, customer: CustomerId) -> Result<()> {
    super::bulk_records::refresh_schedules(tx, scheme, &[customer.0])
}

/// (kind, date) pairs from two parallel arrays at columns `at`, `at + 1` (NULL: none).
pub(super) fn kind_dates(row: &Row, at: usize) -> Vec<(String, NaiveDate)> {
    let kinds: Option<Vec<String>> = row.get(at);
    let days: Option<Vec<NaiveDate>> = row.get(at + 1);
    kinds.unwrap_or_default().into_iter().zip(days.unwrap_or_default()).collect()
}

/// Snoozes from three parallel arrays (requirement, until_on, set_on) at columns `at`...
pub(super) fn snoozes_from(row: &Row, at: usize) -> Vec<Snooze> {
    let reqs: Option<Vec<i32>> = row.get(at);
    let untils: Option<Vec<NaiveDate>> = row.get(at + 1);
    let set_ons: Option<Vec<NaiveDate>> = row.get(at + 2);
    reqs.unwrap_or_default()
        .into_iter()
        .zip(untils.unwrap_or_default())
        .zip(set_ons.unwrap_or_default())
        .map(|((requirement, until), set_on)| Snooze { requirement: requirement.max(0) as usize, until, set_on })
        .collect()
}
