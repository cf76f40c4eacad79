//! New customers of an import, written in bulk: each checked row goes into a TEMP table
//! (in memory: no index, no trigger, no statement journal), then one `INSERT ... SELECT`
//! moves them all into the book and one more writes their first tier history rows.
//!
//! Why: row by row, every INSERT into `customers` pays for a statement journal, its eleven
//! indexes touched one statement at a time and its triggers' programs set up anew
//! (measured on 100,000 customers: 4.0 s of writing row by row, 1.2 s staged). The rows
//! and their checks are the same; only the number of statements changes.

use rusqlite::types::Value;
use rusqlite::{Transaction, params, params_from_iter};

use super::convert::new_uuid;
use super::customers::{field_values, temperament_value};
use super::{Result, StoreError, paused_triggers, search_keys};
use crate::domain::customer::CustomerFields;

/// The staging table: the columns of a new customer row, in the order of `field_values`,
/// plus its first tier history row's uuid and moment.
const CREATE: &str = "CREATE TEMP TABLE IF NOT EXISTS import_customers (
    seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL, ext_ref, name, name_key, company, contact_person, phone, email,
    region, address, industry, owner, tags, notes, created_on, tier, next_due_on, updated_at, signoff_pending,
    temperament, tier_uuid, tier_at);
DELETE FROM temp.import_customers;";

const STAGE: &str = "INSERT INTO temp.import_customers (uuid, ext_ref, name, name_key, company, contact_person, phone,
        email, region, address, industry, owner, tags, notes, created_on, tier, next_due_on, updated_at,
        signoff_pending, temperament, tier_uuid, tier_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";

const MOVE_IN: &str = "INSERT INTO main.customers (uuid, ext_ref, name, name_key, company, contact_person, phone,
        email, region, address, industry, owner, tags, notes, created_on, tier, last_contact_on, next_due_on,
        updated_at, signoff_pending, temperament)
    SELECT uuid, ext_ref, name, name_key, company, contact_person, phone, email, region, address, industry, owner,
        tags, notes, created_on, tier, NULL, next_due_on, updated_at, signoff_pending, temperament
    FROM temp.import_customers ORDER BY seq";

/// The book's trigger that makes a new customer's owner a person (`people::UTC_STAMPS`),
/// and the same for all the staged customers at once.
const OWNER_TRIGGER: &str = "customers_added_owner_is_a_person";
const NEW_OWNERS: &str = "INSERT OR IGNORE INTO main.people (login, name, role, created_at)
    SELECT DISTINCT owner, owner, 'manager', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    FROM temp.import_customers WHERE trim(owner) <> ''";

/// Each new customer's first tier: from nothing to the tier imported (see
/// `tier_rows::insert_tier_change`, which writes the same row for one customer).
const FIRST_TIERS: &str = "INSERT INTO main.tier_changes (uuid, customer_id, from_tier, to_tier, changed_at,
        changed_by, reason, updated_at, needs_signoff)
    SELECT s.tier_uuid, c.id, NULL, s.tier, s.tier_at, ?1, ?2, s.tier_at, s.signoff_pending
    FROM temp.import_customers AS s JOIN main.customers AS c ON c.uuid = s.uuid ORDER BY s.seq";

/// The first ref of the staged rows that the book or another staged row already has: what
/// a UNIQUE failure of `MOVE_IN` was about (it rolled itself back, so the book holds only
/// what was there before).
const TAKEN_REF: &str = "SELECT s.ext_ref FROM temp.import_customers AS s
    WHERE s.ext_ref IS NOT NULL AND (EXISTS (SELECT 1 FROM main.customers AS c WHERE c.ext_ref = s.ext_ref)
        OR EXISTS (SELECT 1 FROM temp.import_customers AS t WHERE t.ext_ref = s.ext_ref AND t.seq <> s.seq))
    ORDER BY s.seq LIMIT 1";

/// A customer's search keys as `search_keys::worked_out` makes them.
pub(super) type Keys = (crate::domain::search::SearchKeys, usize, usize);

/// New customers gathered for one bulk write.
pub(super) struct NewCustomers<'t> {
    tx: &'t Transaction<'t>,
    stage: rusqlite::CachedStatement<'t>,
    staged: u64,
}

/// One new customer as the import decided it.
pub(super) struct NewCustomer<'a> {
    pub uuid: String,
    pub fields: &'a CustomerFields,
    pub next_due_on: String,
    pub awaiting_signoff: bool,
    /// When its first tier was set.
    pub tier_at: &'a str,
}

impl<'t> NewCustomers<'t> {
    pub fn begin(tx: &'t Transaction<'t>) -> Result<Self> {
        tx.execute_batch(CREATE)?;
        Ok(Self { tx, stage: tx.prepare_cached(STAGE)?, staged: 0 })
    }

    pub fn stage(&mut self, c: NewCustomer, now: &str) -> Result<()> {
        let values = std::iter::once(Value::from(c.uuid)).chain(field_values(c.fields)).chain([
            Value::from(c.next_due_on),
            Value::from(now.to_string()),
            Value::from(c.awaiting_signoff),
            temperament_value(c.fields),
            Value::from(new_uuid()),
            Value::from(c.tier_at.to_string()),
        ]);
        self.stage.execute(params_from_iter(values))?;
        self.staged += 1;
        Ok(())
    }

    /// Write every staged customer, its first tier and its search keys into the book; how
    /// many. `keys` hands over the staged customers' keys, in staging order, if it has them.
    pub fn write(self, user: &str, reason: &str, keys: impl FnOnce() -> Option<Vec<Keys>>) -> Result<u64> {
        if self.staged > 0 {
            // The new owners become people in one statement, not one trigger run per row.
            let paused = paused_triggers::pause(self.tx, &[OWNER_TRIGGER])?;
            let before: i64 = self.tx.query_row("SELECT coalesce(max(id), 0) FROM main.customers", [], |r| r.get(0))?;
            if let Err(e) = self.tx.execute(MOVE_IN, []) {
                return Err(self.name_failure(e));
            }
            self.tx.execute(NEW_OWNERS, [])?;
            paused_triggers::resume(self.tx, paused)?;
            self.tx.execute(FIRST_TIERS, params![user, reason])?;
            // Their search keys (see `search_keys`), as every writer of a customer keeps them:
            // worked out meanwhile by the caller, else here.
            match keys() {
                Some(keys) if keys.len() as u64 == self.staged => {
                    search_keys::put_worked_out(self.tx, before + 1, &keys)?
                }
                _ => search_keys::fill_added_after(self.tx, before)?,
            }
        }
        self.tx.execute_batch("DELETE FROM temp.import_customers")?;
        Ok(self.staged)
    }

    fn name_failure(&self, e: rusqlite::Error) -> StoreError {
        let unique = e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            && e.to_string().contains("ext_ref");
        if unique && let Ok(taken) = self.tx.query_row(TAKEN_REF, [], |r| r.get::<_, String>(0)) {
            return StoreError::DuplicateRef(taken);
        }
        e.into()
    }
}
