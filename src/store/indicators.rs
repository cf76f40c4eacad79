//! Indicator values: what a grading model measures about each customer, with the day it was
//! measured. Any number of measurements are kept; the latest of each indicator counts. One
//! measurement per customer, indicator and day: entering the same day again corrects it.

use chrono::NaiveDate;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Transaction, params};

use super::convert::{date_text, datetime_text, new_uuid};
use super::lenient;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::grading::{CustomerValues, GradingModel, Measured, Value};
use crate::domain::review::Standing;

/// One customer's measurements of one day: (indicator code, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub customer: CustomerId,
    pub measured_on: NaiveDate,
    pub values: Vec<(String, Value)>,
}

/// What a review reads, aligned by position: each customer's standing, latest values, and
/// (name, ref) for showing the suggestions.
#[derive(Debug, Clone, Default)]
pub struct ReviewInputs {
    pub standings: Vec<Standing>,
    pub values: Vec<CustomerValues>,
    pub labels: Vec<(String, Option<String>)>,
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Number(n) => SqlValue::Real(*n),
        Value::Text(t) => SqlValue::Text(t.clone()),
    }
}

fn from_sql(v: ValueRef<'_>) -> Option<Value> {
    match v {
        ValueRef::Real(n) => Some(Value::Number(n)),
        ValueRef::Integer(i) => Some(Value::Number(i as f64)),
        ValueRef::Text(t) => std::str::from_utf8(t).ok().map(|t| Value::Text(t.to_string())),
        _ => None,
    }
}

impl Indicators for Store {
    fn record_indicators(&mut self, all: &[Measurement]) -> Result<usize> {
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        for m in all {
            dates::check(DateField::MeasuredOn, m.measured_on)?;
        }
        let tx = self.tx()?;
        let mut n = 0;
        for m in all {
            n += write_measurement(&tx, m, &now, &user)?;
        }
        tx.commit()?;
        Ok(n)
    }

    fn latest_indicators(&self, customer: CustomerId) -> Result<Vec<(String, Measured)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT indicator, value, max(measured_on) FROM indicator_values WHERE customer_id = ?1
             GROUP BY indicator ORDER BY indicator",
        )?;
        let mut rows = st.query([customer.0])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(value) = from_sql(r.get_ref(1)?) else { continue };
            match lenient::date(r, 2)? {
                Ok(measured_on) => out.push((r.get(0)?, Measured { value, measured_on })),
                Err(text) => {
                    self.note_unreadable((RecordKind::Customer, customer.0), customer.0, DateField::MeasuredOn, text)
                }
            }
        }
        Ok(out)
    }

    fn review_inputs(&self, model: &GradingModel) -> Result<ReviewInputs> {
        let mut standings = Vec::new();
        let mut labels = Vec::new();
        {
            let mut st =
                self.conn.prepare_cached("SELECT id, tier, created_on, name, ext_ref FROM customers ORDER BY id")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let created_on = match lenient::date(r, 2)? {
                    Ok(d) => d,
                    Err(text) => {
                        // Left out of the review (named), the others reviewed.
                        self.note_unreadable((RecordKind::Customer, id), id, DateField::CreatedOn, text);
                        continue;
                    }
                };
                standings.push(Standing { customer: CustomerId(id), tier: r.get(1)?, created_on });
                labels.push((r.get(3)?, r.get(4)?));
            }
        }
        let width = model.indicators.len();
        let mut values: Vec<CustomerValues> =
            standings.iter().map(|s| CustomerValues { customer: s.customer, values: vec![None; width] }).collect();
        // The bare columns of a max() aggregate come from the row holding the max: the latest
        // value per customer, read straight from the (indicator, customer, date, value) index.
        let mut st = self.conn.prepare_cached(
            "SELECT customer_id, value, max(measured_on) FROM indicator_values WHERE indicator = ?1
             GROUP BY customer_id ORDER BY customer_id",
        )?;
        for (i, indicator) in model.indicators.iter().enumerate() {
            let mut rows = st.query([&indicator.code])?;
            let mut at = 0usize;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                // Both sides are in id order: walk forward instead of searching.
                while at < standings.len() && standings[at].customer.0 < id {
                    at += 1;
                }
                if at == standings.len() || standings[at].customer.0 != id {
                    continue;
                }
                let Some(value) = from_sql(r.get_ref(1)?) else { continue };
                let measured_on = match lenient::date(r, 2)? {
                    Ok(d) => d,
                    Err(text) => {
                        self.note_unreadable((RecordKind::Customer, id), id, DateField::MeasuredOn, text);
                        continue;
                    }
                };
                values[at].values[i] = Some(Measured { value, measured_on });
            }
        }
        Ok(ReviewInputs { standings, values, labels })
    }

    fn customer_refs(&self) -> Result<std::collections::HashMap<String, CustomerId>> {
        let mut st = self.conn.prepare("SELECT ext_ref, id FROM customers WHERE ext_ref IS NOT NULL")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, CustomerId(r.get(1)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn count_indicator_values(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM indicator_values", [], |r| r.get(0))?;
        Ok(n as usize)
    }
}

fn write_measurement(tx: &Transaction, m: &Measurement, now: &str, user: &str) -> Result<usize> {
    let mut st = tx.prepare_cached(
        "INSERT INTO indicator_values (uuid, customer_id, indicator, value, measured_on, entered_at, entered_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)
         ON CONFLICT (customer_id, indicator, measured_on) DO UPDATE SET
             value = excluded.value, entered_at = excluded.entered_at, entered_by = excluded.entered_by,
             updated_at = excluded.updated_at
         WHERE value IS NOT excluded.value",
    )?;
    let day = date_text(m.measured_on);
    for (code, value) in &m.values {
        st.execute(params![new_uuid(), m.customer.0, code, to_sql(value), day, now, user]).map_err(|e| {
            // Only the customer's foreign key means "no such customer"; another constraint
            // is what it is.
            match &e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
                {
                    StoreError::NoSuchCustomer(m.customer.0)
                }
                _ => e.into(),
            }
        })?;
    }
    Ok(m.values.len())
}
