//! `import contacts` on the team book: one batch of checked contacts written with `unnest`,
//! skipping those whose uuid the book has, and the follow-ups promised in them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use postgres::Transaction;

use super::indicators::first_missing;
use crate::domain::import::contacts::ContactRecord;
use crate::store::import::Written;
use crate::store::{Result, StoreError};

/// Add a batch of checked contacts and the follow-ups promised in them.
pub(super) fn add_contacts(
    tx: &mut Transaction,
    batch: &[ContactRecord],
    now: NaiveDateTime,
    user: &str,
    written: &mut Written,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    // A row whose contact the book has already (same uuid) is skipped.
    let given: Vec<&str> = batch.iter().filter_map(|r| r.uuid.as_deref()).collect();
    let known: std::collections::HashSet<String> = if given.is_empty() {
        Default::default()
    } else {
        tx.query("SELECT uuid FROM contacts WHERE uuid = ANY($1)", &[&given])?.iter().map(|r| r.get(0)).collect()
    };
    let fresh: Vec<ContactRecord>;
    let batch = if known.is_empty() {
        batch
    } else {
        fresh = batch.iter().filter(|r| !r.uuid.as_ref().is_some_and(|u| known.contains(u))).cloned().collect();
        written.already_there += (batch.len() - fresh.len()) as u64;
        &fresh[..]
    };
    if batch.is_empty() {
        return Ok(());
    }
    let customers: Vec<i64> = batch.iter().map(|r| r.contact.customer.0).collect();
    if let Some(id) = first_missing(tx, &customers)? {
        return Err(StoreError::NoSuchCustomer(id));
    }
    let uuids: Vec<String> =
        batch.iter().map(|r| r.uuid.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string())).collect();
    let text = |get: fn(&ContactRecord) -> &str| batch.iter().map(get).collect::<Vec<&str>>();
    let days: Vec<chrono::NaiveDate> = batch.iter().map(|r| r.contact.on).collect();
    let times: Vec<Option<String>> = batch.iter().map(|r| r.time.map(|t| t.format("%H:%M").to_string())).collect();
    let rows = tx.query(
        "INSERT INTO contacts (uuid, customer_id, kind, happened_on, happened_at, person, summary, outcome,
             created_at, created_by, updated_at)
         SELECT u.*, $9, $10, $9
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS u(uuid, customer, kind, day, at, person, summary, outcome)
         RETURNING id, uuid",
        &[
            &uuids,
            &customers,
            &text(|r| &r.contact.kind),
            &days,
            &times,
            &text(|r| &r.contact.person),
            &text(|r| &r.contact.summary),
            &text(|r| &r.contact.outcome),
            &now,
            &user,
        ],
    )?;
    written.added += batch.len() as u64;
    let promised: Vec<_> = batch.iter().zip(&uuids).filter(|(r, _)| r.follow_up.is_some()).collect();
    if promised.is_empty() {
        return Ok(());
    }
    let ids: HashMap<String, i64> = rows.iter().map(|r| (r.get(1), r.get(0))).collect();
    let mut f = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (r, contact_uuid) in &promised {
        let Some(up) = &r.follow_up else { continue };
        f.0.push(uuid::Uuid::now_v7().to_string());
        f.1.push(r.contact.customer.0);
        f.2.push(ids.get(*contact_uuid).copied());
        f.3.push(up.what.as_str());
        f.4.push(up.due);
        f.5.push(up.done_at);
    }
    tx.execute(
        "INSERT INTO follow_ups (uuid, customer_id, contact_id, what, due_on, owner, done_at, created_at, updated_at)
         SELECT u.uuid, u.customer, u.contact, u.what, u.due, $7, u.done, $8, $8
         FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::timestamp[])
              AS u(uuid, customer, contact, what, due, done)",
        &[&f.0, &f.1, &f.2, &f.3, &f.4, &f.5, &user, &now],
    )?;
    written.follow_ups += promised.len() as u64;
    Ok(())
}
