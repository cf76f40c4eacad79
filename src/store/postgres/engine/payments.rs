//! Late payments on the team book (the SQLite engine's `store/payments.rs`); row-level
//! security keeps them to the customers the login sees.

use chrono::NaiveDate;
use postgres::types::Type;

use super::PgStore;
use super::contacts::missing_customer;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField};
use crate::domain::terms::LatePayment;
use crate::store::Result;
use crate::store::convert::new_uuid;
use crate::store::prelude::*;

impl Payments for PgStore {
    fn record_late_payment(&mut self, customer: CustomerId, on: NaiveDate, note: &str) -> Result<i64> {
        dates::check(DateField::LatePayment, on)?;
        let now = self.clock.now();
        let user = self.target.login.clone();
        let uuid = new_uuid();
        let mut tx = self.tx()?;
        let row = tx
            .query_typed_one(
                "INSERT INTO late_payments (uuid, customer_id, late_on, note, recorded_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                &[
                    (&uuid, Type::TEXT),
                    (&customer.0, Type::INT8),
                    (&on, Type::DATE),
                    (&note, Type::TEXT),
                    (&user, Type::TEXT),
                    (&now, Type::TIMESTAMP),
                ],
            )
            .map_err(|e| missing_customer(e, customer))?;
        tx.commit()?;
        Ok(row.get(0))
    }

    fn late_payments(&self, customer: CustomerId) -> Result<Vec<LatePayment>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT id, late_on, note, recorded_by FROM late_payments WHERE customer_id = $1 ORDER BY late_on, id",
            &[(&customer.0, Type::INT8)],
        )?;
        Ok(rows
            .iter()
            .map(|r| LatePayment { id: r.get(0), customer, on: r.get(1), note: r.get(2), recorded_by: r.get(3) })
            .collect())
    }
}
