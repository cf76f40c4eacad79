//! Follow-ups in and out of the SQLite book, as files carry them: every follow-up (with or
//! without the contact that promised it) for `export follow-ups`, and a checked follow-ups
//! file written in one transaction for `import follow-ups`. The trait methods are in
//! `import.rs` and `export.rs`; the PostgreSQL engine's twin is
//! `postgres/engine/follow_up_transfer.rs`.

use std::ops::ControlFlow;

use rusqlite::params;

use super::convert::{date_text, datetime_text, parse_datetime};
use super::import::{Written, ordered_uuid};
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField};
use crate::domain::import::follow_ups::FollowUpImport;

/// A follow-up as an export writes it: the due date as ISO text, the done moment RFC 3339
/// with an offset.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportedFollowUp {
    pub uuid: String,
    pub customer: CustomerId,
    pub what: String,
    pub due: String,
    pub done_at: Option<String>,
}

impl Store {
    pub(super) fn export_follow_ups_to(
        &self,
        each: &mut dyn FnMut(&ExportedFollowUp) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut st =
            self.conn.prepare("SELECT uuid, customer_id, what, due_on, done_at FROM follow_ups ORDER BY id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let done: Option<String> = r.get(4)?;
            let out = ExportedFollowUp {
                uuid: r.get(0)?,
                customer: CustomerId(r.get(1)?),
                what: r.get(2)?,
                due: r.get(3)?,
                // One form in the file whichever form the book holds.
                done_at: done.map(|t| parse_datetime(&t).map(datetime_text).unwrap_or(t)),
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
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let bulk = super::audit::begin_bulk(&tx)?;
        // The notes index is filled once at the end (see `notes::pause_index`): row by row,
        // FTS5 flushed at every insert's savepoint (a fifth of a million-contact import).
        let paused = super::notes::pause_index(&tx)?;
        let mut written = Written::default();
        let mut touched: Vec<i64> = Vec::new();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, owner, done_at, created_at,
                    updated_at)
                 VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (uuid) DO NOTHING",
            )?;
            let mut refused = false;
            let mut read = 0u64;
            for r in rows {
                let Some(r) = r.filter(|_| !refused) else {
                    refused = true;
                    continue;
                };
                dates::check(DateField::FollowUpDue, r.due)?;
                let uuid = r.uuid.clone().unwrap_or_else(ordered_uuid);
                let done = r.done_at.map(datetime_text);
                let n = insert
                    .execute(params![uuid, r.customer.0, r.what, date_text(r.due), user, done, now])
                    .map_err(|e| match e.sqlite_error_code() {
                        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NoSuchCustomer(r.customer.0),
                        _ => e.into(),
                    })?;
                written.added += n as u64;
                if n > 0 && touched.last() != Some(&r.customer.0) {
                    touched.push(r.customer.0);
                }
                read += 1;
                if read.is_multiple_of(4096) {
                    progress(read);
                }
            }
            if refused {
                // Dropping the transaction rolls back what was written.
                return Ok(None);
            }
            progress(read);
        }
        super::schedules::refresh_schedules(&tx, &scheme, &touched)?;
        super::notes::resume_index(&tx, paused)?;
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(Some(written))
    }
}
