//! The due list's assessments: customers whose risk assessment expires by the list's last
//! day, those never assessed where every customer must be, and those assessed today.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::convert::date_text;
use super::due_rows::customer_ref;
use super::lenient;
use super::prelude::*;
use super::{Result, Store};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::due::{AssessmentInput, AssessmentRule};

impl Store {
    /// Customers whose assessment expires by `until` (the last one `rule.months` ago or more),
    /// those never assessed where every customer must be, and those assessed today.
    pub(super) fn assessment_inputs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        rule: AssessmentRule,
        only: Option<CustomerId>,
        owners: &Owners,
    ) -> Result<Vec<AssessmentInput>> {
        // Generous by a few days (month ends clamp); the domain decides exactly.
        let cutoff = until
            .checked_sub_months(chrono::Months::new(rule.months))
            .and_then(|d| d.checked_add_days(chrono::Days::new(4)))
            .unwrap_or(until);
        // Three ranges of the index on the assessment date, each read apart: as one OR with
        // parameters the planner scanned the whole table (1,000,000 rows on the bench book,
        // for none due). A condition on parameters alone is tested once, before the read.
        let mut st = self.conn.prepare_cached(
            "SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on, risk_assessed_on, risk_category
             FROM customers INDEXED BY customers_by_risk_assessed
             WHERE risk_assessed_on <= ?1
               AND (?4 < 0 OR id = ?4) AND (?5 IS NULL OR owner IN (SELECT value FROM json_each(?5)))
             UNION ALL
             SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on, risk_assessed_on, risk_category
             FROM customers INDEXED BY customers_by_risk_assessed
             WHERE ?2 AND risk_assessed_on IS NULL
               AND (?4 < 0 OR id = ?4) AND (?5 IS NULL OR owner IN (SELECT value FROM json_each(?5)))
             UNION ALL
             SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on, risk_assessed_on, risk_category
             FROM customers INDEXED BY customers_by_risk_assessed
             WHERE risk_assessed_on = ?3 AND ?3 > ?1
               AND (?4 < 0 OR id = ?4) AND (?5 IS NULL OR owner IN (SELECT value FROM json_each(?5)))",
        )?;
        let rows = st.query_map(
            params![date_text(cutoff), rule.required, date_text(today), only.map(|c| c.0).unwrap_or(-1), owners.json()],
            |r| {
                let (customer, bad_last) = customer_ref(r, 0)?;
                Ok((customer, bad_last, lenient::date(r, 7)?, lenient::opt_date(r, 8)?, r.get::<_, Option<String>>(9)?))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (customer, bad_last, created_on, on, category) = row?;
            let id = customer.id.0;
            if let Some(text) = bad_last {
                self.note_unreadable((RecordKind::Customer, id), id, DateField::LastContact, text);
            }
            let (created_on, on) = match (created_on, on) {
                (Ok(c), Ok(on)) => (c, on),
                (Err(text), _) => {
                    self.note_unreadable((RecordKind::Customer, id), id, DateField::CreatedOn, text);
                    continue;
                }
                (_, Err(text)) => {
                    self.note_unreadable((RecordKind::Customer, id), id, DateField::AssessedOn, text);
                    continue;
                }
            };
            let done_today = on == Some(today);
            let before_today = if done_today {
                // The one before today's, if any.
                self.conn
                    .prepare_cached(
                        "SELECT taken_on, category FROM assessments WHERE customer_id = ?1 AND taken_on < ?2
                         ORDER BY taken_on DESC, id DESC LIMIT 1",
                    )?
                    .query_row(params![customer.id.0, date_text(today)], |r| {
                        Ok((lenient::date(r, 0)?, r.get::<_, String>(1)?))
                    })
                    .optional()?
                    .and_then(|(on, category)| match on {
                        Ok(on) => Some((on, category)),
                        Err(text) => {
                            self.note_unreadable((RecordKind::Customer, id), id, DateField::AssessedOn, text);
                            None
                        }
                    })
            } else {
                on.zip(category)
            };
            out.push(AssessmentInput { customer, created_on, before_today, done_today });
        }
        Ok(out)
    }
}
