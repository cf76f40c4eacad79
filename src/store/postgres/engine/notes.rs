//! Notes search on the team book (the SQLite engine's `store/notes.rs`): ILIKE over the
//! note columns, answered from pg_trgm's GIN indexes (schema step 6) for a pattern of three
//! characters or more. The connection's row-level security applies as to every read: a
//! manager finds only their own customers' notes.

use postgres::types::Type;

use super::PgStore;
use super::follow_ups::customer_ref;
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::history::{ContactId, FollowUpId};
use crate::domain::notes::{self, NoteHit};
use crate::store::Result;
use crate::store::prelude::*;

const CUSTOMER: &str = "c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region";

impl Notes for PgStore {
    fn search_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>> {
        if pattern.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // ILIKE's escape character is the backslash, as `like_anywhere` writes it.
        let like = notes::like_anywhere(pattern);
        let who = super::owners_param(owners);
        let params: [(&(dyn postgres::types::ToSql + Sync), Type); 3] =
            [(&like, Type::TEXT), (&(limit as i64), Type::INT8), (&who, Type::TEXT_ARRAY)];
        let owners_cond = super::owners_cond(owners, "c.owner", 3);
        let contacts = format!(
            "SELECT k.id, k.happened_on, k.summary, k.outcome, {CUSTOMER}
             FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE (k.summary ILIKE $1 OR k.outcome ILIKE $1){owners_cond}
             ORDER BY k.happened_on DESC, k.id DESC LIMIT $2"
        );
        let follow_ups = format!(
            "SELECT f.id, f.due_on, f.what, {CUSTOMER}
             FROM follow_ups f JOIN customers c ON c.id = f.customer_id
             WHERE f.what ILIKE $1{owners_cond}
             ORDER BY f.due_on DESC, f.id DESC LIMIT $2"
        );
        let mut client = self.client.borrow_mut();
        let contact_rows = client.query_typed(&contacts, &params)?;
        let follow_up_rows = client.query_typed(&follow_ups, &params)?;
        drop(client);
        let mut hits = Vec::new();
        for r in &contact_rows {
            let (id, customer) = (ContactId(r.get(0)), customer_ref(r, 4));
            if let Some(on) = self.readable(r.get(1), (RecordKind::Contact, id.0), &customer, DateField::ContactDate) {
                hits.extend(notes::contact_hit(customer, on, id, r.get(2), r.get(3), pattern));
            }
        }
        for r in &follow_up_rows {
            let (id, customer) = (FollowUpId(r.get(0)), customer_ref(r, 3));
            if let Some(on) = self.readable(r.get(1), (RecordKind::FollowUp, id.0), &customer, DateField::FollowUpDue) {
                hits.extend(notes::follow_up_hit(customer, on, id, r.get(2), pattern));
            }
        }
        Ok(notes::newest_first(hits, limit))
    }
}
