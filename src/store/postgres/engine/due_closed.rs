//! The team book's part of a calendar export (the SQLite engine's `store/due_closed.rs`):
//! the contacts of a window with the latest of each kind before it, in one query, the
//! follow-ups ticked off in it, and follow-ups' uuids.

use chrono::NaiveDate;
use postgres::types::Type;

use super::PgStore;
use super::contacts::kind_dates;
use super::follow_ups::customer_ref;
use crate::domain::due_closed::{ContactHistory, DoneFollowUp, TakenAssessment};
use crate::domain::history::FollowUpId;
use crate::store::prelude::*;
use crate::store::{ClosedInputs, Result};

impl Calendar for PgStore {
    fn closed_since(&self, since: NaiveDate, today: NaiveDate, owners: &Owners) -> Result<ClosedInputs> {
        let who = super::owners_param(owners);
        let mut out = ClosedInputs::default();
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT d.id, d.ext_ref, d.name, d.company, d.tier, d.last_contact_on, d.region, d.created_on,
                        w.kinds, w.days, b.kinds, b.lasts
                 FROM customers d
                 JOIN LATERAL (SELECT array_agg(kind ORDER BY happened_on, id) AS kinds,
                                      array_agg(happened_on ORDER BY happened_on, id) AS days
                     FROM contacts WHERE customer_id = d.id AND happened_on >= $1 AND happened_on <= $2) w ON true
                 LEFT JOIN LATERAL (SELECT array_agg(kind ORDER BY kind) AS kinds, array_agg(last ORDER BY kind) AS lasts
                     FROM (SELECT kind, max(happened_on) AS last FROM contacts
                           WHERE customer_id = d.id AND happened_on < $1 GROUP BY kind) x) b ON true
                 WHERE d.id IN (SELECT customer_id FROM contacts WHERE happened_on >= $1 AND happened_on <= $2){}
                 ORDER BY d.id",
                super::owners_cond(owners, "d.owner", 3)
            ),
            &[(&since, Type::DATE), (&today, Type::DATE), (&who, Type::TEXT_ARRAY)],
        )?;
        for r in &rows {
            out.contacts.push(ContactHistory {
                customer: customer_ref(r, 0),
                created_on: r.get(7),
                within: kind_dates(r, 8),
                before: kind_dates(r, 10),
            });
        }
        let start = since.and_time(chrono::NaiveTime::MIN);
        let end = today.succ_opt().unwrap_or(today).and_time(chrono::NaiveTime::MIN);
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT f.id, f.uuid, f.what, f.due_on, f.done_at,
                        c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region
                 FROM follow_ups f JOIN customers c ON c.id = f.customer_id
                 WHERE f.done_at >= $1 AND f.done_at < $2{}
                 ORDER BY f.done_at, f.id",
                super::owners_cond(owners, "c.owner", 3)
            ),
            &[(&start, Type::TIMESTAMP), (&end, Type::TIMESTAMP), (&who, Type::TEXT_ARRAY)],
        )?;
        for r in &rows {
            out.follow_ups.push(DoneFollowUp {
                id: FollowUpId(r.get(0)),
                uuid: r.get(1),
                what: r.get(2),
                due_on: r.get(3),
                done_at: r.get(4),
                customer: customer_ref(r, 5),
            });
        }
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region, c.created_on,
                        a.taken_on, p.taken_on, p.category
                 FROM assessments a JOIN customers c ON c.id = a.customer_id
                 LEFT JOIN LATERAL (SELECT q.taken_on, q.category FROM assessments q
                     WHERE q.customer_id = a.customer_id AND q.taken_on < a.taken_on
                     ORDER BY q.taken_on DESC, q.id DESC LIMIT 1) p ON true
                 WHERE a.taken_on >= $1 AND a.taken_on <= $2{}
                 ORDER BY a.taken_on, a.id",
                super::owners_cond(owners, "c.owner", 3)
            ),
            &[(&since, Type::DATE), (&today, Type::DATE), (&who, Type::TEXT_ARRAY)],
        )?;
        for r in &rows {
            let before: Option<NaiveDate> = r.get(9);
            out.assessments.push(TakenAssessment {
                customer: customer_ref(r, 0),
                created_on: r.get(7),
                taken_on: r.get(8),
                before: before.map(|on| (on, r.get::<_, Option<String>>(10).unwrap_or_default())),
            });
        }
        Ok(out)
    }

    fn follow_up_uuids(&self, ids: &[FollowUpId]) -> Result<Vec<(FollowUpId, String)>> {
        let ids: Vec<i64> = ids.iter().map(|f| f.0).collect();
        let rows = self
            .client
            .borrow_mut()
            .query_typed("SELECT id, uuid FROM follow_ups WHERE id = ANY($1)", &[(&ids, Type::INT8_ARRAY)])?;
        Ok(rows.iter().map(|r| (FollowUpId(r.get(0)), r.get(1))).collect())
    }
}
