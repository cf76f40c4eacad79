//! The SQLite engine's part of a calendar export: what closed due items in a window (the
//! contacts, with the latest of each kind before it, and the ticked-off follow-ups), and
//! follow-ups' uuids. The rules live in `domain::due_closed`. A row whose date cannot be
//! read closes nothing and is left out (the due list names it).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::convert::{date_text, parse_datetime};
use super::due_rows::customer_ref;
use super::lenient;
use super::prelude::*;
use super::{ClosedInputs, Result, Store};
use crate::domain::due_closed::{ContactHistory, DoneFollowUp, TakenAssessment};
use crate::domain::history::FollowUpId;

/// The assessments taken in a window, each with the one before it (over the customer index).
const TAKEN: &str = "SELECT c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region, c.created_on,
        a.taken_on, p.taken_on, p.category
    FROM assessments a JOIN customers c ON c.id = a.customer_id
    LEFT JOIN assessments p ON p.id = (SELECT q.id FROM assessments q
        WHERE q.customer_id = a.customer_id AND q.taken_on < a.taken_on ORDER BY q.taken_on DESC, q.id DESC LIMIT 1)
    WHERE a.taken_on >= ?1 AND a.taken_on <= ?2 AND (?3 IS NULL OR c.owner IN (SELECT value FROM json_each(?3)))
    ORDER BY a.taken_on, a.id";

impl Store {
    fn taken_between(&self, from: &str, to: &str, logins: Option<&str>) -> Result<Vec<TakenAssessment>> {
        let mut st = self.conn.prepare_cached(TAKEN)?;
        let rows = st.query_map(params![from, to, logins], |r| {
            Ok((
                customer_ref(r, 0)?.0,
                lenient::date(r, 7)?,
                lenient::date(r, 8)?,
                lenient::opt_date(r, 9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            // A date that cannot be read closes nothing (the due list names it).
            if let (customer, Ok(created_on), Ok(taken_on), Ok(before), category) = row? {
                let before = before.map(|on| (on, category.unwrap_or_default()));
                out.push(TakenAssessment { customer, created_on, taken_on, before });
            }
        }
        Ok(out)
    }
}

impl Calendar for Store {
    fn closed_since(&self, since: NaiveDate, today: NaiveDate, owners: &Owners) -> Result<ClosedInputs> {
        let (from, to) = (date_text(since), date_text(today));
        let logins = owners.json();
        let mut out = ClosedInputs::default();
        // The customers with a contact in the window, then their contacts in it and the
        // latest of each kind before it: three queries over the date and customer indexes.
        let mut st = self.conn.prepare_cached(
            "SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on FROM customers
             WHERE id IN (SELECT customer_id FROM contacts WHERE happened_on >= ?1 AND happened_on <= ?2)
               AND (?3 IS NULL OR owner IN (SELECT value FROM json_each(?3))) ORDER BY id",
        )?;
        let rows = st.query_map(params![from, to, logins], |r| Ok((customer_ref(r, 0)?.0, lenient::date(r, 7)?)))?;
        let mut at: HashMap<i64, usize> = HashMap::new();
        for row in rows {
            let (customer, created_on) = row?;
            let Ok(created_on) = created_on else { continue };
            at.insert(customer.id.0, out.contacts.len());
            out.contacts.push(ContactHistory { customer, created_on, before: Vec::new(), within: Vec::new() });
        }
        if !at.is_empty() {
            let ids = serde_json::to_string(&at.keys().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
            let mut st = self.conn.prepare_cached(
                "SELECT customer_id, kind, happened_on FROM contacts WHERE happened_on >= ?1 AND happened_on <= ?2",
            )?;
            for row in st.query_map(params![from, to], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, lenient::date(r, 2)?))
            })? {
                if let (id, kind, Ok(on)) = row?
                    && let Some(h) = at.get(&id).and_then(|i| out.contacts.get_mut(*i))
                {
                    h.within.push((kind, on));
                }
            }
            let mut st = self.conn.prepare_cached(
                "SELECT customer_id, kind, max(happened_on) FROM contacts
                 WHERE customer_id IN (SELECT value FROM json_each(?2)) AND happened_on < ?1
                 GROUP BY customer_id, kind",
            )?;
            for row in st.query_map(params![from, ids], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, lenient::date(r, 2)?))
            })? {
                if let (id, kind, Ok(on)) = row?
                    && let Some(h) = at.get(&id).and_then(|i| out.contacts.get_mut(*i))
                {
                    h.before.push((kind, on));
                }
            }
        }
        // Ticked off in the window: done_at is a local moment whose text starts with its day.
        let tomorrow = today.succ_opt().unwrap_or(today);
        let mut st = self.conn.prepare_cached(
            "SELECT f.id, f.uuid, f.what, f.due_on, f.done_at,
                    c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE f.done_at >= ?1 AND f.done_at < ?2
               AND (?3 IS NULL OR c.owner IN (SELECT value FROM json_each(?3)))
             ORDER BY f.done_at, f.id",
        )?;
        let rows = st.query_map(
            params![format!("{from} 00:00:00"), format!("{} 00:00:00", date_text(tomorrow)), logins],
            |r| {
                Ok((
                    FollowUpId(r.get(0)?),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    lenient::date(r, 3)?,
                    r.get::<_, String>(4)?,
                    customer_ref(r, 5)?.0,
                ))
            },
        )?;
        for row in rows {
            let (id, uuid, what, due_on, done_at, customer) = row?;
            if let (Ok(due_on), Some(done_at)) = (due_on, parse_datetime(&done_at)) {
                out.follow_ups.push(DoneFollowUp { customer, id, uuid, what, due_on, done_at });
            }
        }
        out.assessments = self.taken_between(&from, &to, logins.as_deref())?;
        Ok(out)
    }

    fn follow_up_uuids(&self, ids: &[FollowUpId]) -> Result<Vec<(FollowUpId, String)>> {
        let list = serde_json::to_string(&ids.iter().map(|f| f.0).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
        let mut st = self
            .conn
            .prepare_cached("SELECT id, uuid FROM follow_ups WHERE id IN (SELECT value FROM json_each(?1))")?;
        let rows = st.query_map([list], |r| Ok((FollowUpId(r.get(0)?), r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
