//! Late payments on the solo book (`store::Payments`): the `late_payments` table, audited
//! like every record of a customer (`audit::AUDITED`), so undo takes one back.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::convert::{date_text, datetime_text, new_uuid};
use super::prelude::*;
use super::{Result, Store, StoreError, lenient};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::terms::LatePayment;

/// Step of `migrations::MIGRATIONS` that adds the table (see its `why`).
pub(super) const LATE_PAYMENTS: &str = r#"
CREATE TABLE late_payments (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    late_on     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX late_payments_by_customer ON late_payments (customer_id, late_on);
"#;

impl Payments for Store {
    fn record_late_payment(&mut self, customer: CustomerId, on: NaiveDate, note: &str) -> Result<i64> {
        dates::check(DateField::LatePayment, on)?;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let known: Option<i64> =
            tx.query_row("SELECT id FROM customers WHERE id = ?1", [customer.0], |r| r.get(0)).optional()?;
        if known.is_none() {
            return Err(StoreError::NoSuchCustomer(customer.0));
        }
        tx.execute(
            "INSERT INTO late_payments (uuid, customer_id, late_on, note, recorded_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_uuid(), customer.0, date_text(on), note, user, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    fn late_payments(&self, customer: CustomerId) -> Result<Vec<LatePayment>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, late_on, note, recorded_by FROM late_payments WHERE customer_id = ?1 ORDER BY late_on, id",
        )?;
        let rows = st.query_map([customer.0], |r| {
            Ok((r.get::<_, i64>(0)?, lenient::date(r, 1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (id, Ok(on), note, recorded_by) => out.push(LatePayment { id, customer, on, note, recorded_by }),
                (_, Err(text), _, _) => {
                    self.note_unreadable((RecordKind::Customer, customer.0), customer.0, DateField::LatePayment, text)
                }
            }
        }
        Ok(out)
    }
}
