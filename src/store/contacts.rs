//! Contacts (follow-ups on their own are in `follow_ups.rs`). Writing a contact updates the customer's latest contact and
//! next due date in the same transaction (never backwards for a backdated contact).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::convert::{date_text, datetime_text, new_uuid, opt_datetime_col};
use super::lenient::{self, Sink};
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::next_due_of;
use crate::domain::history::{Contact, ContactId, FollowUp, FollowUpId, NewContact};
use crate::domain::tier::TierScheme;

impl Contacts for Store {
    fn add_contact(&mut self, c: &NewContact, follow_up: Option<(&str, NaiveDate)>) -> Result<ContactId> {
        check_contact(c, follow_up.map(|(_, due)| due))?;
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

    fn log_contact(&mut self, e: &ContactEntry, closes: Option<FollowUpId>) -> Result<ContactId> {
        check_contact(&e.contact, e.follow_up.as_ref().map(|(_, due)| *due))?;
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let id = insert_contact(&tx, &e.contact, &now, &user)?;
        if let Some(t) = e.time {
            tx.execute(
                "UPDATE contacts SET happened_at = ?2 WHERE id = ?1",
                params![id, t.format("%H:%M").to_string()],
            )?;
        }
        if let Some(r) = &e.recommendation {
            tx.execute(
                "UPDATE contacts SET product = ?2, acknowledged_mismatch = ?3 WHERE id = ?1",
                params![id, r.product, r.acknowledged_mismatch],
            )?;
        }
        if let Some((what, due)) = &e.follow_up {
            insert_follow_up(&tx, e.contact.customer, Some(id), what, *due, &user, &now)?;
        }
        if let Some(f) = closes {
            tx.execute(
                "UPDATE follow_ups SET done_at = ?2, updated_at = ?2 WHERE id = ?1 AND customer_id = ?3 AND done_at IS NULL",
                params![f.0, now, e.contact.customer.0],
            )?;
        }
        refresh_schedule(&tx, &scheme, e.contact.customer)?;
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
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let bulk = super::audit::begin_bulk(&tx)?;
        let mut touched: Vec<i64> = Vec::with_capacity(contacts.len());
        for c in contacts {
            insert_contact(&tx, c, &now, &user)?;
            touched.push(c.customer.0);
        }
        for (customer, what, due) in follow_ups {
            insert_follow_up(&tx, *customer, None, what, *due, &user, &now)?;
        }
        super::schedules::refresh_schedules(&tx, &scheme, &touched)?;
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(())
    }

    fn contacts_of(&self, id: CustomerId, limit: usize) -> Result<Vec<Contact>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, customer_id, kind, happened_on, person, summary, outcome, product
             FROM contacts WHERE customer_id = ?1 ORDER BY happened_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![id.0, limit as i64], contact_row)?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                Ok(c) => out.push(c),
                Err((contact, text)) => {
                    self.note_unreadable((RecordKind::Contact, contact), id.0, DateField::ContactDate, text)
                }
            }
        }
        Ok(out)
    }

    fn follow_ups_of(&self, id: CustomerId) -> Result<Vec<FollowUp>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, customer_id, what, due_on, done_at FROM follow_ups WHERE customer_id = ?1
             ORDER BY done_at IS NOT NULL, CASE WHEN done_at IS NULL THEN due_on END, done_at DESC, id",
        )?;
        let rows = st.query_map([id.0], |r| {
            let f = FollowUpId(r.get(0)?);
            Ok((f, r.get::<_, String>(2)?, lenient::date(r, 3)?, opt_datetime_col(r, 4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (f, what, Ok(due_on), done_at) => out.push(FollowUp { id: f, customer: id, what, due_on, done_at }),
                (f, _, Err(text), _) => {
                    self.note_unreadable((RecordKind::FollowUp, f.0), id.0, DateField::FollowUpDue, text)
                }
            }
        }
        Ok(out)
    }

    fn contact(&self, id: ContactId) -> Result<Option<Contact>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, customer_id, kind, happened_on, person, summary, outcome, product FROM contacts WHERE id = ?1",
                [id.0],
                |r| Ok((r.get::<_, i64>(1)?, contact_row(r)?)),
            )
            .optional()?;
        match row {
            Some((_, Ok(c))) => Ok(Some(c)),
            Some((customer, Err((contact, text)))) => {
                self.note_unreadable((RecordKind::Contact, contact), customer, DateField::ContactDate, text);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    fn update_contact(&mut self, id: ContactId, c: &NewContact) -> Result<()> {
        check_contact(c, None)?;
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        let n = tx.execute(
            "UPDATE contacts SET kind = ?2, happened_on = ?3, person = ?4, summary = ?5, outcome = ?6, updated_at = ?7
             WHERE id = ?1 AND customer_id = ?8",
            params![id.0, c.kind, date_text(c.on), c.person, c.summary, c.outcome, now, c.customer.0],
        )?;
        if n == 0 {
            return Err(StoreError::NoSuchContact(id.0));
        }
        refresh_schedule(&tx, &scheme, c.customer)?;
        tx.commit()?;
        Ok(())
    }

    fn delete_contact(&mut self, id: ContactId) -> Result<CustomerId> {
        let scheme = self.require_scheme()?.clone();
        let tx = self.tx()?;
        let customer: Option<i64> =
            tx.query_row("SELECT customer_id FROM contacts WHERE id = ?1", [id.0], |r| r.get(0)).optional()?;
        let customer = customer.ok_or(StoreError::NoSuchContact(id.0))?;
        tx.execute("DELETE FROM contacts WHERE id = ?1", [id.0])?;
        refresh_schedule(&tx, &scheme, CustomerId(customer))?;
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn count_contacts(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn count_contacts_of(&self, id: CustomerId) -> Result<usize> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM contacts WHERE customer_id = ?1", [id.0], |r| r.get(0))?;
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

/// A contact from `id, customer_id, kind, happened_on, person, summary, outcome, product`; Err (its id
/// and the stored text) when its date cannot be read.
fn contact_row(r: &rusqlite::Row) -> rusqlite::Result<std::result::Result<Contact, (i64, String)>> {
    let id: i64 = r.get(0)?;
    let on = match lenient::date(r, 3)? {
        Ok(on) => on,
        Err(text) => return Ok(Err((id, text.into()))),
    };
    Ok(Ok(Contact {
        id: ContactId(id),
        customer: CustomerId(r.get(1)?),
        kind: r.get(2)?,
        on,
        person: r.get(4)?,
        summary: r.get(5)?,
        outcome: r.get(6)?,
        product: r.get(7)?,
    }))
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

pub(super) fn insert_follow_up(
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

/// Recompute a customer's latest contact and next due date from its contacts (per kind,
/// through the (customer_id, happened_on) index) and its snoozes, with the domain's rules:
/// a backdated contact cannot move anything backwards, a deleted one recomputes from the rest.
pub(super) fn refresh_schedule(tx: &Transaction, scheme: &TierScheme, customer: CustomerId) -> Result<()> {
    let row = tx
        .prepare_cached("SELECT tier, created_on FROM customers WHERE id = ?1")?
        .query_row([customer.0], |r| Ok((r.get::<_, String>(0)?, lenient::date(r, 1)?)))
        .optional()?;
    let Some((tier, created)) = row else {
        return Err(StoreError::NoSuchCustomer(customer.0));
    };
    // A damaged created date cannot be counted from: say so instead of failing obscurely.
    let created = created.map_err(|text| unreadable_created(tx, customer, text))?;
    let tier = scheme.tier(&tier).ok_or(StoreError::UnknownTier(tier))?;
    // Rows skipped here are named by the readers of the lists; a write goes on without them.
    let skipped = Sink::default();
    let lasts = last_by_kind(tx, customer, None, &skipped)?;
    let snoozes = super::due_rows::snoozes_of(tx, customer, &skipped)?;
    let due = next_due_of(tier, created, &lasts, &snoozes);
    let last = lasts.iter().map(|(_, d)| *d).max();
    let set = format!(
        "UPDATE customers SET last_contact_on = ?2, next_due_on = ?3, contact_before_last_on = {} WHERE id = ?1",
        super::before_last::OF_ONE
    );
    tx.prepare_cached(&set)?.execute(params![customer.0, last.map(date_text), date_text(due)])?;
    Ok(())
}

pub(super) fn unreadable_created(
    conn: &rusqlite::Connection,
    customer: CustomerId,
    text: lenient::BadDate,
) -> StoreError {
    let sink = Sink::default();
    lenient::note(conn, &sink, (RecordKind::Customer, customer.0), customer.0, DateField::CreatedOn, text);
    StoreError::Unreadable(sink.take())
}

/// The latest contact per kind for one customer, optionally only those before a date; a
/// kind whose latest date cannot be read is left out and named in `sink`.
pub(super) fn last_by_kind(
    conn: &rusqlite::Connection,
    customer: CustomerId,
    before: Option<NaiveDate>,
    sink: &Sink,
) -> Result<Vec<(String, NaiveDate)>> {
    let rows = read_last_by_kind(conn, customer, before)?;
    let mut out = Vec::with_capacity(rows.len());
    for (kind, on) in rows {
        match on {
            Ok(on) => out.push((kind, on)),
            Err(text) => {
                lenient::note(conn, sink, (RecordKind::Customer, customer.0), customer.0, DateField::ContactDate, text)
            }
        }
    }
    Ok(out)
}

type KindDate = (String, std::result::Result<NaiveDate, lenient::BadDate>);

fn read_last_by_kind(
    conn: &rusqlite::Connection,
    customer: CustomerId,
    before: Option<NaiveDate>,
) -> Result<Vec<KindDate>> {
    let row = |r: &rusqlite::Row| Ok((r.get::<_, String>(0)?, lenient::date(r, 1)?));
    // Without a date, no range on a bound parameter: SQLite (built with STAT4) re-prepares a
    // statement whose plan could depend on such a value at every run (measured: each of the
    // 100,000 refreshes of a contacts import re-prepared it, about 1 s in all).
    let Some(before) = before else {
        let mut st = conn.prepare_cached(
            "SELECT kind, max(happened_on) FROM contacts WHERE customer_id = ?1 GROUP BY kind ORDER BY kind",
        )?;
        return Ok(st.query_map([customer.0], row)?.collect::<rusqlite::Result<_>>()?);
    };
    let mut st = conn.prepare_cached(
        "SELECT kind, max(happened_on) FROM contacts WHERE customer_id = ?1 AND happened_on < ?2 GROUP BY kind ORDER BY kind",
    )?;
    let rows = st.query_map(params![customer.0, date_text(before)], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
