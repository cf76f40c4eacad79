//! Follow-ups in and out of the team book, as in the SQLite engine
//! (`store::follow_up_transfer`): every follow-up in id order for an export, and a checked
//! follow-ups file written in one transaction, in batches (one `INSERT ... SELECT FROM
//! unnest(arrays)` per thousand rows), a uuid the book has left as it is.

use std::ops::ControlFlow;

use chrono::{NaiveDate, NaiveDateTime};
use postgres::Transaction;
use postgres::fallible_iterator::FallibleIterator;

use super::PgStore;
use super::indicators::first_missing;
use super::tiers::refresh_schedules;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField};
use crate::domain::import::follow_ups::FollowUpImport;
use crate::store::import::Written;
use crate::store::{ExportedFollowUp, Result, StoreError};

const BATCH: usize = 1000;

impl PgStore {
    pub(super) fn export_follow_ups_to(
        &self,
        each: &mut dyn FnMut(&ExportedFollowUp) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(
            "SELECT uuid, customer_id, what, to_char(due_on, 'YYYY-MM-DD'), done_at FROM follow_ups ORDER BY id",
            std::iter::empty::<i64>(),
        )?;
        while let Some(r) = rows.next()? {
            let done: Option<NaiveDateTime> = r.get(4);
            let out = ExportedFollowUp {
                uuid: r.get(0),
                customer: CustomerId(r.get(1)),
                what: r.get(2),
                due: r.get(3),
                done_at: done.map(crate::clock::rfc3339),
            };
            if each(&out).is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Write checked follow-ups (see `Imports::import_follow_ups`).
    pub(super) fn write_follow_ups(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<FollowUpImport>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        let scheme = self.work_scheme()?;
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        let mut written = Written::default();
        let mut touched: Vec<i64> = Vec::new();
        let mut batch: Vec<FollowUpImport> = Vec::with_capacity(BATCH);
        let mut refused = false;
        let mut read = 0u64;
        for r in rows {
            let Some(r) = r.filter(|_| !refused) else {
                refused = true;
                batch.clear();
                continue;
            };
            dates::check(DateField::FollowUpDue, r.due)?;
            batch.push(r);
            read += 1;
            if batch.len() == BATCH {
                add_follow_ups(&mut tx, &batch, now, &user, &mut written, &mut touched)?;
                batch.clear();
                progress(read);
            }
        }
        if refused {
            // Dropping the transaction rolls back what was written.
            return Ok(None);
        }
        add_follow_ups(&mut tx, &batch, now, &user, &mut written, &mut touched)?;
        progress(read);
        touched.sort_unstable();
        touched.dedup();
        refresh_schedules(&mut tx, &scheme, &touched)?;
        tx.commit()?;
        Ok(Some(written))
    }
}

fn add_follow_ups(
    tx: &mut Transaction,
    batch: &[FollowUpImport],
    now: NaiveDateTime,
    user: &str,
    written: &mut Written,
    touched: &mut Vec<i64>,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let customers: Vec<i64> = batch.iter().map(|r| r.customer.0).collect();
    if let Some(id) = first_missing(tx, &customers)? {
        return Err(StoreError::NoSuchCustomer(id));
    }
    let uuids: Vec<String> =
        batch.iter().map(|r| r.uuid.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string())).collect();
    let whats: Vec<&str> = batch.iter().map(|r| r.what.as_str()).collect();
    let dues: Vec<NaiveDate> = batch.iter().map(|r| r.due).collect();
    let dones: Vec<Option<NaiveDateTime>> = batch.iter().map(|r| r.done_at).collect();
    let rows = tx.query(
        "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, owner, done_at, created_at, updated_at)
         SELECT u.uuid, u.customer, NULL, u.what, u.due, $6, u.done, $7, $7
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::timestamp[])
              AS u(uuid, customer, what, due, done)
         ON CONFLICT (uuid) DO NOTHING
         RETURNING customer_id",
        &[&uuids, &customers, &whats, &dues, &dones, &user, &now],
    )?;
    written.added += rows.len() as u64;
    touched.extend(rows.iter().map(|r| r.get::<_, i64>(0)));
    Ok(())
}
