//! Follow-ups on their own on the team book (the SQLite engine's `store/follow_ups.rs`): the
//! list across the book, added, done or undone, rescheduled (with the reason kept).

use chrono::NaiveDate;
use postgres::Row;
use postgres::types::Type;

use super::PgStore;
use super::contacts::insert_follow_up;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::CustomerRef;
use crate::domain::history::{FollowUp, FollowUpId};
use crate::store::convert::new_uuid;
use crate::store::due_rows::later_than_today;
use crate::store::prelude::*;
use crate::store::{FollowUpFilter, FollowUpRow, Result, StoreError};

/// The customer facts of a due row from `id, ext_ref, name, company, tier, last_contact_on, region`
/// starting at column `at`.
pub(super) fn customer_ref(r: &Row, at: usize) -> CustomerRef {
    CustomerRef {
        id: CustomerId(r.get(at)),
        ext_ref: r.get(at + 1),
        name: r.get(at + 2),
        company: r.get(at + 3),
        tier: r.get(at + 4),
        last_contact: r.get(at + 5),
        region: r.get(at + 6),
    }
}

impl FollowUps for PgStore {
    fn follow_up_rows(
        &self,
        filter: FollowUpFilter,
        today: NaiveDate,
        limit: usize,
        owners: &crate::store::Owners,
    ) -> Result<Vec<FollowUpRow>> {
        let (cond, order) = match filter {
            FollowUpFilter::Open => ("f.done_at IS NULL", "f.due_on, f.id"),
            FollowUpFilter::Overdue => ("f.done_at IS NULL AND f.due_on < $1", "f.due_on, f.id"),
            FollowUpFilter::Done => ("f.done_at IS NOT NULL", "f.done_at DESC, f.id DESC"),
        };
        let sql = format!(
            "SELECT f.id, f.what, f.due_on, f.done_at, c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE {cond} AND $1::date IS NOT NULL{} ORDER BY {order} LIMIT $2",
            super::owners_cond(owners, "c.owner", 3)
        );
        let who = super::owners_param(owners);
        let rows = self
            .client
            .borrow_mut()
            .query_typed(&sql, &[(&today, Type::DATE), (&(limit as i64), Type::INT8), (&who, Type::TEXT_ARRAY)])?;
        // A due date outside tierdesk's years: the row is skipped and named (`lenient.rs`).
        let mut out = Vec::new();
        for r in &rows {
            let (id, customer) = (FollowUpId(r.get(0)), customer_ref(r, 4));
            let Some(due_on) = self.readable(r.get(2), (RecordKind::FollowUp, id.0), &customer, DateField::FollowUpDue)
            else {
                continue;
            };
            let follow_up = FollowUp { id, customer: customer.id, what: r.get(1), due_on, done_at: r.get(3) };
            out.push(FollowUpRow { follow_up, customer });
        }
        Ok(out)
    }

    fn follow_up(&self, id: FollowUpId) -> Result<Option<FollowUp>> {
        let row = self.client.borrow_mut().query_typed_opt(
            "SELECT customer_id, what, due_on, done_at FROM follow_ups WHERE id = $1",
            &[(&id.0, Type::INT8)],
        )?;
        let Some(r) = row else { return Ok(None) };
        let customer: i64 = r.get(0);
        // A damaged due date is named like any other and the follow-up left alone.
        let due_on = self.readable_for(r.get(2), (RecordKind::FollowUp, id.0), customer, DateField::FollowUpDue);
        Ok(due_on.map(|due_on| FollowUp {
            id,
            customer: CustomerId(customer),
            what: r.get(1),
            due_on,
            done_at: r.get(3),
        }))
    }

    fn add_follow_up(&mut self, customer: CustomerId, what: &str, due: NaiveDate) -> Result<FollowUpId> {
        dates::check(DateField::FollowUpDue, due)?;
        let now = self.clock.now();
        let user = self.target.login.clone();
        let mut tx = self.tx()?;
        let id = insert_follow_up(&mut tx, customer, None, what, due, &user, now)?;
        tx.commit()?;
        Ok(FollowUpId(id))
    }

    fn set_follow_up_done(&mut self, id: FollowUpId, done: bool) -> Result<CustomerId> {
        let now = self.clock.now();
        let done_at = done.then_some(now);
        let mut tx = self.tx()?;
        let customer: i64 = tx
            .query_typed_opt(
                "UPDATE follow_ups SET done_at = $2, updated_at = $3 WHERE id = $1 RETURNING customer_id",
                &[(&id.0, Type::INT8), (&done_at, Type::TIMESTAMP), (&now, Type::TIMESTAMP)],
            )?
            .ok_or(StoreError::NoSuchFollowUp(id.0))?
            .get(0);
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn reschedule_follow_up(&mut self, id: FollowUpId, new_due: NaiveDate, reason: &str) -> Result<CustomerId> {
        later_than_today(DateField::RescheduleTo, new_due, self.clock.today())?;
        let now = self.clock.now();
        let user = self.target.login.clone();
        let mut tx = self.tx()?;
        let old = tx
            .query_opt("SELECT due_on, customer_id FROM follow_ups WHERE id = $1 FOR UPDATE", &[&id.0])?
            .ok_or(StoreError::NoSuchFollowUp(id.0))?;
        let (old, customer): (NaiveDate, i64) = (old.get(0), old.get(1));
        tx.execute("UPDATE follow_ups SET due_on = $2, updated_at = $3 WHERE id = $1", &[&id.0, &new_due, &now])?;
        tx.execute(
            "INSERT INTO follow_up_reschedules (uuid, follow_up_id, old_due_on, new_due_on, reason, changed_at,
                changed_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $6)",
            &[&new_uuid(), &id.0, &old, &new_due, &reason, &now, &user],
        )?;
        tx.commit()?;
        Ok(CustomerId(customer))
    }

    fn follow_up_reschedules(&self, id: FollowUpId) -> Result<Vec<(NaiveDate, NaiveDate, String, String)>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT old_due_on, new_due_on, reason, changed_by FROM follow_up_reschedules
             WHERE follow_up_id = $1 ORDER BY id",
            &[(&id.0, Type::INT8)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect())
    }
}
