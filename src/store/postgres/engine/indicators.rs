//! Indicator values on the team book, as in the SQLite engine (`store::indicators`): any
//! number of measurements are kept, the latest of each indicator counts, and one measurement
//! per customer, indicator and day (entering the same day again corrects it). A value is a
//! number or a text, kept as `jsonb`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::PgStore;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField};
use crate::domain::grading::{CustomerValues, GradingModel, Measured, Value};
use crate::domain::review::Standing;
use crate::store::prelude::*;
use crate::store::{Measurement, Result, ReviewInputs, StoreError};

/// A value as the `jsonb` column's text.
fn to_json(v: &Value) -> String {
    match v {
        Value::Number(n) => serde_json::Value::from(*n).to_string(),
        Value::Text(t) => serde_json::Value::from(t.as_str()).to_string(),
    }
}

/// A value from the `jsonb` column's text; None for anything tierdesk does not write.
fn from_json(text: &str) -> Option<Value> {
    match serde_json::from_str::<serde_json::Value>(text).ok()? {
        serde_json::Value::Number(n) => n.as_f64().map(Value::Number),
        serde_json::Value::String(s) => Some(Value::Text(s)),
        _ => None,
    }
}

/// The first of `ids` that is not a customer this login sees, if any (one round trip, one
/// pass over the customers' key).
pub(super) fn first_missing(c: &mut impl postgres::GenericClient, ids: &[i64]) -> Result<Option<i64>> {
    let found: std::collections::HashSet<i64> =
        c.query("SELECT id FROM customers WHERE id = ANY ($1)", &[&ids])?.iter().map(|r| r.get(0)).collect();
    Ok(ids.iter().find(|id| !found.contains(id)).copied())
}

impl Indicators for PgStore {
    fn record_indicators(&mut self, all: &[Measurement]) -> Result<usize> {
        let now = self.clock.now();
        let user = self.worker();
        for m in all {
            dates::check(DateField::MeasuredOn, m.measured_on)?;
        }
        // One row per (customer, indicator, day), the last given winning, as one statement
        // writing them in order would leave them (PostgreSQL refuses to touch a row twice).
        let mut at: HashMap<(i64, &str, NaiveDate), usize> = HashMap::new();
        let mut rows: Vec<(i64, &str, String, NaiveDate)> = Vec::new();
        for m in all {
            for (code, value) in &m.values {
                let row = (m.customer.0, code.as_str(), to_json(value), m.measured_on);
                match at.get(&(m.customer.0, code.as_str(), m.measured_on)) {
                    Some(&i) => rows[i] = row,
                    None => {
                        at.insert((m.customer.0, code.as_str(), m.measured_on), rows.len());
                        rows.push(row);
                    }
                }
            }
        }
        let mut tx = self.tx()?;
        for chunk in rows.chunks(1000) {
            let customers: Vec<i64> = chunk.iter().map(|r| r.0).collect();
            if let Some(id) = first_missing(&mut tx, &customers)? {
                return Err(StoreError::NoSuchCustomer(id));
            }
            let uuids: Vec<String> = chunk.iter().map(|_| uuid::Uuid::now_v7().to_string()).collect();
            let codes: Vec<&str> = chunk.iter().map(|r| r.1).collect();
            let values: Vec<&str> = chunk.iter().map(|r| r.2.as_str()).collect();
            let days: Vec<NaiveDate> = chunk.iter().map(|r| r.3).collect();
            tx.execute(
                "INSERT INTO indicator_values AS v (uuid, customer_id, indicator, value, measured_on, entered_at,
                                                   entered_by, updated_at)
                 SELECT u.uuid, u.customer, u.code, u.value::jsonb, u.day, $6, $7, $6
                 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::date[])
                      AS u(uuid, customer, code, value, day)
                 ON CONFLICT (customer_id, indicator, measured_on) DO UPDATE SET
                     value = excluded.value, entered_at = excluded.entered_at, entered_by = excluded.entered_by,
                     updated_at = excluded.updated_at
                 WHERE v.value IS DISTINCT FROM excluded.value",
                &[&uuids, &customers, &codes, &values, &days, &now, &user],
            )?;
        }
        tx.commit()?;
        Ok(all.iter().map(|m| m.values.len()).sum())
    }

    fn latest_indicators(&self, customer: CustomerId) -> Result<Vec<(String, Measured)>> {
        let rows = self.client.borrow_mut().query(
            "SELECT DISTINCT ON (indicator) indicator, value::text, measured_on FROM indicator_values
             WHERE customer_id = $1 ORDER BY indicator, measured_on DESC",
            &[&customer.0],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let value = from_json(r.get(1))?;
                Some((r.get(0), Measured { value, measured_on: r.get(2) }))
            })
            .collect())
    }

    fn review_inputs(&self, model: &GradingModel) -> Result<ReviewInputs> {
        let mut client = self.client.borrow_mut();
        let rows = client.query("SELECT id, tier, created_on, name, ext_ref FROM customers ORDER BY id", &[])?;
        let mut standings = Vec::with_capacity(rows.len());
        let mut labels = Vec::with_capacity(rows.len());
        let mut position = HashMap::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.get(0);
            position.insert(id, standings.len());
            standings.push(Standing { customer: CustomerId(id), tier: r.get(1), created_on: r.get(2) });
            labels.push((r.get(3), r.get(4)));
        }
        drop(rows);
        let width = model.indicators.len();
        let mut values: Vec<CustomerValues> =
            standings.iter().map(|s| CustomerValues { customer: s.customer, values: vec![None; width] }).collect();
        let codes: Vec<&str> = model.indicators.iter().map(|i| i.code.as_str()).collect();
        // The latest value of each of the model's indicators per customer, in one pass over
        // the (indicator, customer, date) index.
        let latest = client.query(
            "SELECT DISTINCT ON (indicator, customer_id) indicator, customer_id, value::text, measured_on
             FROM indicator_values WHERE indicator = ANY ($1)
             ORDER BY indicator, customer_id, measured_on DESC",
            &[&codes],
        )?;
        for r in &latest {
            let code: &str = r.get(0);
            let Some(&at) = position.get(&r.get::<_, i64>(1)) else { continue };
            let Some(value) = from_json(r.get(2)) else { continue };
            for (i, c) in codes.iter().enumerate() {
                if *c == code {
                    values[at].values[i] = Some(Measured { value: value.clone(), measured_on: r.get(3) });
                }
            }
        }
        Ok(ReviewInputs { standings, values, labels })
    }

    fn customer_refs(&self) -> Result<HashMap<String, CustomerId>> {
        let rows =
            self.client.borrow_mut().query("SELECT ext_ref, id FROM customers WHERE ext_ref IS NOT NULL", &[])?;
        Ok(rows.iter().map(|r| (r.get(0), CustomerId(r.get(1)))).collect())
    }

    fn count_indicator_values(&self) -> Result<usize> {
        let n: i64 = self.client.borrow_mut().query_one("SELECT count(*) FROM indicator_values", &[])?.get(0);
        Ok(n as usize)
    }
}
