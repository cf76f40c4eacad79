//! Contacts and follow-ups. Writing a contact updates the customer's latest contact and
//! next due date in the same transaction (never backwards for a backdated contact).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::convert::{date_col, date_text, datetime_text, new_uuid, opt_date_col, opt_datetime_col};
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::history::{Contact, ContactId, FollowUp, FollowUpId, NewContact};
use crate::domain::schedule::next_due;
use crate::domain::tier::TierScheme;

impl Store {
    /// Record a contact and, optionally, the follow-up it promised; one transaction.
    pub fn add_contact(&mut self, c: &NewContact, follow_up: Option<(&str, NaiveDate)>) -> Result<ContactId> {
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let id = insert_contact(&tx, c, &now, &user)?;
        if let Some((what, due)) = follow_up {
            insert_follow_up(&tx, c.customer, Some(id), what, due, &user, &now)?;
        }
        refresh_schedule(&tx, &scheme, c.customer)?;
        tx.commit()?;
        Ok(ContactId(id))
    }

    /// Write many contacts and follow-ups at once (demo data, imports): one transaction,
    /// schedules refreshed once per customer at the end.
    pub fn add_contacts_bulk(
        &mut self,
        contacts: &[NewContact],
        follow_ups: &[(CustomerId, String, NaiveDate)],
    ) -> Result<()> {
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let mut touched: Vec<i64> = Vec::with_capacity(contacts.len());
        for c in contacts {
            insert_contact(&tx, c, &now, &user)?;
            touched.push(c.customer.0);
        }
        for (customer, what, due) in follow_ups {
            insert_follow_up(&tx, *customer, None, what, *due, &user, &now)?;
        }
        touched.sort_unstable();
        touched.dedup();
        for id in touched {
            refresh_schedule(&tx, &scheme, CustomerId(id))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A customer's contacts, newest first (by the date they happened).
    pub fn contacts_of(&self, id: CustomerId, limit: usize) -> Result<Vec<Contact>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, customer_id, kind, happened_on, person, summary, outcome
             FROM contacts WHERE customer_id = ?1 ORDER BY happened_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = st
            .query_map(params![id.0, limit as i64], |r| {
                Ok(Contact {
                    id: ContactId(r.get(0)?),
                    customer: CustomerId(r.get(1)?),
                    kind: r.get(2)?,
                    on: date_col(r, 3)?,
                    person: r.get(4)?,
                    summary: r.get(5)?,
                    outcome: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A customer's follow-ups: open ones first by due date, then done ones, newest first.
    pub fn follow_ups_of(&self, id: CustomerId) -> Result<Vec<FollowUp>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, customer_id, what, due_on, done_at FROM follow_ups WHERE customer_id = ?1
             ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN due_on END, done_at DESC, id",
        )?;
        let rows = st
            .query_map([id.0], |r| {
                Ok(FollowUp {
                    id: FollowUpId(r.get(0)?),
                    customer: CustomerId(r.get(1)?),
                    what: r.get(2)?,
                    due_on: date_col(r, 3)?,
                    done_at: opt_datetime_col(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many contacts the book holds.
    pub fn count_contacts(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        Ok(n as usize)
    }
}

fn insert_contact(tx: &Transaction, c: &NewContact, now: &str, user: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO contacts (uuid, customer_id, kind, happened_on, person, summary, outcome,
            created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
    )?
    .execute(params![new_uuid(), c.customer.0, c.kind, date_text(c.on), c.person, c.summary, c.outcome, now, user])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NoSuchCustomer(c.customer.0),
        _ => e.into(),
    })?;
    Ok(tx.last_insert_rowid())
}

fn insert_follow_up(
    tx: &Transaction,
    customer: CustomerId,
    contact: Option<i64>,
    what: &str,
    due: NaiveDate,
    owner: &str,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, owner, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![new_uuid(), customer.0, contact, what, date_text(due), owner, now])?;
    Ok(())
}

/// Recompute a customer's latest contact and next due date from its contacts, through the
/// (customer_id, happened_on) index: a backdated contact cannot move either backwards.
pub(super) fn refresh_schedule(tx: &Transaction, scheme: &TierScheme, customer: CustomerId) -> Result<()> {
    let row = tx
        .prepare_cached(
            "SELECT tier, created_on, (SELECT max(happened_on) FROM contacts WHERE customer_id = ?1)
             FROM customers WHERE id = ?1",
        )?
        .query_row([customer.0], |r| Ok((r.get::<_, String>(0)?, date_col(r, 1)?, opt_date_col(r, 2)?)))
        .optional()?;
    let Some((tier, created, last)) = row else {
        return Err(StoreError::NoSuchCustomer(customer.0));
    };
    let cadence = scheme.tier(&tier).ok_or(StoreError::UnknownTier(tier))?.cadence;
    let due = next_due(last, created, cadence);
    tx.prepare_cached("UPDATE customers SET last_contact_on = ?2, next_due_on = ?3 WHERE id = ?1")?
        .execute(params![customer.0, last.map(date_text), date_text(due)])?;
    Ok(())
}
