//! Follow-ups on their own: the list across the book, and added, done or undone,
//! rescheduled (with the reason kept). Each write refreshes the customer's schedule in the
//! same transaction.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::contacts::insert_follow_up;
use super::convert::opt_datetime_col;
use super::convert::{date_text, datetime_text, new_uuid};
use super::due_rows::customer_ref;
use super::lenient;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::CustomerRef;
use crate::domain::history::{FollowUp, FollowUpId};

/// Which follow-ups a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FollowUpFilter {
    #[default]
    Open,
    Overdue,
    Done,
}

impl FollowUpFilter {
    pub fn next(self) -> Self {
        match self {
            FollowUpFilter::Open => FollowUpFilter::Overdue,
            FollowUpFilter::Overdue => FollowUpFilter::Done,
            FollowUpFilter::Done => FollowUpFilter::Open,
        }
    }
}

/// A follow-up with the customer it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    pub follow_up: FollowUp,
    pub customer: CustomerRef,
}

impl FollowUps for Store {
    fn follow_up_rows(
        &self,
        filter: FollowUpFilter,
        today: NaiveDate,
        limit: usize,
        owners: &Owners,
    ) -> Result<Vec<FollowUpRow>> {
        let (cond, order) = match filter {
            FollowUpFilter::Open => ("f.done_at IS NULL", "f.due_on, f.id"),
            FollowUpFilter::Overdue => ("f.done_at IS NULL AND f.due_on < ?1", "f.due_on, f.id"),
            FollowUpFilter::Done => ("f.done_at IS NOT NULL", "f.done_at DESC, f.id DESC"),
        };
        let sql = format!(
            "SELECT f.id, f.what, f.due_on, f.done_at, c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE {cond} AND ?1 IS NOT NULL AND (?3 IS NULL OR c.owner IN (SELECT value FROM json_each(?3)))
             ORDER BY {order} LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![date_text(today), limit as i64, owners.json()], |r| {
            let (customer, _) = customer_ref(r, 4)?;
            let id = FollowUpId(r.get(0)?);
            let due_on = lenient::date(r, 2)?;
            Ok((id, r.get::<_, String>(1)?, due_on, opt_datetime_col(r, 3)?, customer))
        })?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (id, what, Ok(due_on), done_at, customer) => out.push(FollowUpRow {
                    follow_up: FollowUp { id, customer: customer.id, what, due_on, done_at },
                    customer,
                }),
                (id, _, Err(text), _, customer) => {
                    self.note_unreadable((RecordKind::FollowUp, id.0), customer.id.0, DateField::FollowUpDue, text)
                }
            }
        }
        Ok(out)
    }

    fn follow_up(&self, id: FollowUpId) -> Result<Option<FollowUp>> {
        let row = self
            .conn
            .query_row("SELECT customer_id, what, due_on, done_at FROM follow_ups WHERE id = ?1", [id.0], |r| {
                Ok((CustomerId(r.get(0)?), r.get::<_, String>(1)?, lenient::date(r, 2)?, opt_datetime_col(r, 3)?))
            })
            .optional()?;
        Ok(match row {
            Some((customer, what, Ok(due_on), done_at)) => Some(FollowUp { id, customer, what, due_on, done_at }),
            Some((customer, _, Err(text), _)) => {
                // Named like any damaged row; the follow-up cannot be worked on as it is.
                self.note_unreadable((RecordKind::FollowUp, id.0), customer.0, DateField::FollowUpDue, text);
                None
            }
            None => None,
        })
    }

    fn add_follow_up(&mut self, customer: CustomerId, what: &str, due: NaiveDate) -> Result<FollowUpId> {
        dates::check(DateField::FollowUpDue, due)?;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        insert_follow_up(&tx, customer, None, what, due, &user, &now)?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(FollowUpId(id))
    }

    fn set_follow_up_done(&mut self, id: FollowUpId, done: bool) -> Result<CustomerId> {
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        let done_at = done.then(|| now.clone());
        let customer: Option<i64> = tx
            .query_row(
                "UPDATE follow_ups SET done_at = ?2, updated_at = ?3 WHERE id = ?1 RETURNING customer_id",
                params![id.0, done_at, now],
                |r| r.get(0),
            )
            .optional()?;
        let customer = customer.ok_or(StoreError::NoSuchFollowUp(id.0))?;
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn reschedule_follow_up(&mut self, id: FollowUpId, new_due: NaiveDate, reason: &str) -> Result<CustomerId> {
        super::due::later_than_today(DateField::RescheduleTo, new_due, self.clock.today())?;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let old: Option<(String, i64)> = tx
            .query_row("SELECT due_on, customer_id FROM follow_ups WHERE id = ?1", [id.0], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (old, customer) = old.ok_or(StoreError::NoSuchFollowUp(id.0))?;
        tx.execute(
            "UPDATE follow_ups SET due_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, date_text(new_due), now],
        )?;
        tx.execute(
            "INSERT INTO follow_up_reschedules (uuid, follow_up_id, old_due_on, new_due_on, reason, changed_at, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
            params![new_uuid(), id.0, old, date_text(new_due), reason, now, user],
        )?;
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn follow_up_reschedules(&self, id: FollowUpId) -> Result<Vec<(NaiveDate, NaiveDate, String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT old_due_on, new_due_on, reason, changed_by FROM follow_up_reschedules WHERE follow_up_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([id.0], |r| {
            Ok((lenient::date(r, 0)?, lenient::date(r, 1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        // A damaged entry of the log is left out: the follow-up itself says where it stands.
        let mut out = Vec::new();
        for row in rows {
            if let (Ok(old), Ok(new), reason, by) = row? {
                out.push((old, new, reason, by));
            }
        }
        Ok(out)
    }
}
