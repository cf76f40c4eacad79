//! Contacts of an import (and the follow-ups they promised), written in bulk: checked rows
//! go into a TEMP table in memory, and every `CHUNK` rows two `INSERT ... SELECT`s move
//! them into the book. The contacts get their ids from the staging order (the book's last
//! id plus the row's number), so each follow-up names its contact without a lookup.
//!
//! Why: row by row, each INSERT paid for a statement journal and its indexes one statement
//! at a time (see benches/import.rs for the figures before and after). Chunks keep the
//! staging table small: a million contacts never sit in memory at once.

use rusqlite::{Transaction, params};

use super::{Result, StoreError};

/// Rows staged before they are moved into the book.
const CHUNK: u64 = 50_000;

/// The file's own uuid (`given`) is unique among the staged rows: a file that names the
/// same contact twice adds it once, as a book that has it already adds it no more.
const CREATE: &str = "CREATE TEMP TABLE IF NOT EXISTS import_contacts (
    seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL, given TEXT UNIQUE, customer_id, kind, happened_on, happened_at,
    person, summary, outcome, follow_up_uuid, follow_up_what, follow_up_due, follow_up_done);
DELETE FROM temp.import_contacts;";

const STAGE: &str = "INSERT OR IGNORE INTO temp.import_contacts (seq, uuid, given, customer_id, kind, happened_on,
        happened_at, person, summary, outcome, follow_up_uuid, follow_up_what, follow_up_due, follow_up_done)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

const MOVE_CONTACTS: &str = "INSERT INTO main.contacts (id, uuid, customer_id, kind, happened_on, happened_at, person,
        summary, outcome, created_at, created_by, updated_at)
    SELECT ?1 + seq, uuid, customer_id, kind, happened_on, happened_at, person, summary, outcome, ?2, ?3, ?2
    FROM temp.import_contacts ORDER BY seq";

const MOVE_FOLLOW_UPS: &str = "INSERT INTO main.follow_ups (uuid, customer_id, contact_id, what, due_on, owner,
        done_at, created_at, updated_at)
    SELECT follow_up_uuid, customer_id, ?1 + seq, follow_up_what, follow_up_due, ?3, follow_up_done, ?2, ?2
    FROM temp.import_contacts WHERE follow_up_what IS NOT NULL ORDER BY seq";

/// The first staged customer the book does not have: what a foreign key failure of
/// `MOVE_CONTACTS` was about (a customer removed since the file was checked).
const GONE_CUSTOMER: &str = "SELECT s.customer_id FROM temp.import_contacts AS s
    WHERE NOT EXISTS (SELECT 1 FROM main.customers AS c WHERE c.id = s.customer_id) ORDER BY s.seq LIMIT 1";

/// One checked contact, with the follow-up it promised.
pub(super) struct NewContactRow<'a> {
    pub uuid: String,
    /// Whether `uuid` came from the file (an export's), not made here.
    pub given: bool,
    pub customer: i64,
    pub kind: &'a str,
    pub on: String,
    pub at: Option<String>,
    pub person: &'a str,
    pub summary: &'a str,
    pub outcome: &'a str,
    /// (uuid, what, due, done at)
    pub follow_up: Option<(String, &'a str, String, Option<String>)>,
}

/// Contacts gathered for bulk writes.
pub(super) struct NewContacts<'t> {
    tx: &'t Transaction<'t>,
    stage: rusqlite::CachedStatement<'t>,
    /// The book's last contact id when the import began: staged row `n` becomes `base + n`.
    base: i64,
    /// Rows numbered so far (the last `seq`).
    numbered: i64,
    /// Rows staged since the last move.
    pending: u64,
    now: &'t str,
    user: &'t str,
    pub added: u64,
    pub follow_ups: u64,
}

impl<'t> NewContacts<'t> {
    pub fn begin(tx: &'t Transaction<'t>, now: &'t str, user: &'t str) -> Result<Self> {
        tx.execute_batch(CREATE)?;
        let base = tx.query_row("SELECT coalesce(max(id), 0) FROM main.contacts", [], |r| r.get(0))?;
        Ok(Self {
            tx,
            stage: tx.prepare_cached(STAGE)?,
            base,
            numbered: 0,
            pending: 0,
            now,
            user,
            added: 0,
            follow_ups: 0,
        })
    }

    /// Stage one contact; false when the file named its uuid already (the row adds nothing).
    pub fn stage(&mut self, c: NewContactRow) -> Result<bool> {
        let seq = self.numbered + 1;
        let (fu_uuid, fu_what, fu_due, fu_done) = match c.follow_up {
            Some((u, w, d, done)) => (Some(u), Some(w), Some(d), done),
            None => (None, None, None, None),
        };
        let given = c.given.then_some(c.uuid.as_str());
        let n = self.stage.execute(params![
            seq, c.uuid, given, c.customer, c.kind, c.on, c.at, c.person, c.summary, c.outcome, fu_uuid, fu_what,
            fu_due, fu_done
        ])?;
        if n == 0 {
            return Ok(false);
        }
        self.numbered = seq;
        self.pending += 1;
        if self.pending >= CHUNK {
            self.move_in()?;
        }
        Ok(true)
    }

    /// Move what is staged into the book.
    fn move_in(&mut self) -> Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let added = match self.tx.execute(MOVE_CONTACTS, params![self.base, self.now, self.user]) {
            Ok(n) => n,
            Err(e) => return Err(self.name_failure(e)),
        };
        self.follow_ups += self.tx.execute(MOVE_FOLLOW_UPS, params![self.base, self.now, self.user])? as u64;
        self.added += added as u64;
        self.tx.execute_batch("DELETE FROM temp.import_contacts")?;
        self.pending = 0;
        Ok(())
    }

    /// Move the rest into the book.
    pub fn finish(mut self) -> Result<(u64, u64)> {
        self.move_in()?;
        Ok((self.added, self.follow_ups))
    }

    fn name_failure(&self, e: rusqlite::Error) -> StoreError {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            && let Ok(gone) = self.tx.query_row(GONE_CUSTOMER, [], |r| r.get::<_, i64>(0))
        {
            return StoreError::NoSuchCustomer(gone);
        }
        e.into()
    }
}
