//! Many customers, contacts and follow-ups at once (demo and benchmark books, and every
//! single write too, as a batch of one): each statement carries up to `CHUNK` rows as arrays
//! (`unnest`), so that a hundred thousand rows cost a few dozen round trips, not one each.
//! Schedules are refreshed the same way: lock, read, compute in Rust, write back.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use postgres::GenericClient;
use postgres::error::SqlState;
use postgres::types::Type;

use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::due::next_due_of;
use crate::domain::history::NewContact;
use crate::domain::names::sort_key;
use crate::domain::tier::TierScheme;
use crate::store::convert::new_uuid;
use crate::store::{Result, StoreError};

/// Rows per statement.
const CHUNK: usize = 5000;

/// A customer to write: its fields, its first due date, whether it waits for a sign-off.
pub(super) struct NewCustomer<'a> {
    pub fields: &'a CustomerFields,
    pub due: NaiveDate,
    pub awaiting: bool,
    pub tier_at: NaiveDateTime,
}

/// Insert customers (an empty owner is `login`) with their first tier in the history; their
/// ids, in order. A reference in use is `DuplicateRef`.
pub(super) fn insert_customers(
    tx: &mut impl GenericClient,
    all: &[NewCustomer],
    login: &str,
    now: NaiveDateTime,
) -> Result<Vec<CustomerId>> {
    let mut ids = Vec::with_capacity(all.len());
    for chunk in all.chunks(CHUNK) {
        let uuids: Vec<String> = chunk.iter().map(|_| new_uuid()).collect();
        let col = |get: fn(&CustomerFields) -> &str| -> Vec<&str> { chunk.iter().map(|c| get(c.fields)).collect() };
        let owners: Vec<&str> = chunk
            .iter()
            .map(|c| if c.fields.owner.trim().is_empty() { login } else { c.fields.owner.as_str() })
            .collect();
        let refs: Vec<Option<&str>> = chunk.iter().map(|c| c.fields.ext_ref.as_deref()).collect();
        let keys: Vec<String> = chunk.iter().map(|c| sort_key(&c.fields.name)).collect();
        let created: Vec<NaiveDate> = chunk.iter().map(|c| c.fields.created_on).collect();
        let dues: Vec<NaiveDate> = chunk.iter().map(|c| c.due).collect();
        let awaiting: Vec<bool> = chunk.iter().map(|c| c.awaiting).collect();
        let temperaments: Vec<Option<&str>> =
            chunk.iter().map(|c| c.fields.temperament.as_deref().filter(|t| !t.trim().is_empty())).collect();
        let rows = tx
            .query_typed(
                "INSERT INTO customers (uuid, ext_ref, name, name_key, company, contact_person, phone, email, region,
                    address, industry, owner, tags, notes, created_on, tier, next_due_on, signoff_pending, temperament,
                    updated_at)
                 SELECT u.*, $19 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                    $15::date[], $16::text[], $17::date[], $18::bool[], $20::text[]) AS u
                 RETURNING uuid, id",
                &[
                    (&uuids, Type::TEXT_ARRAY),
                    (&refs, Type::TEXT_ARRAY),
                    (&col(|f| &f.name), Type::TEXT_ARRAY),
                    (&keys, Type::TEXT_ARRAY),
                    (&col(|f| &f.company), Type::TEXT_ARRAY),
                    (&col(|f| &f.contact_person), Type::TEXT_ARRAY),
                    (&col(|f| &f.phone), Type::TEXT_ARRAY),
                    (&col(|f| &f.email), Type::TEXT_ARRAY),
                    (&col(|f| &f.region), Type::TEXT_ARRAY),
                    (&col(|f| &f.address), Type::TEXT_ARRAY),
                    (&col(|f| &f.industry), Type::TEXT_ARRAY),
                    (&owners, Type::TEXT_ARRAY),
                    (&col(|f| &f.tags), Type::TEXT_ARRAY),
                    (&col(|f| &f.notes), Type::TEXT_ARRAY),
                    (&created, Type::DATE_ARRAY),
                    (&col(|f| &f.tier), Type::TEXT_ARRAY),
                    (&dues, Type::DATE_ARRAY),
                    (&awaiting, Type::BOOL_ARRAY),
                    (&now, Type::TIMESTAMP),
                    (&temperaments, Type::TEXT_ARRAY),
                ],
            )
            .map_err(|e| match customer_write_error(e) {
                StoreError::DuplicateRef(r) if r.is_empty() => StoreError::DuplicateRef(culprit(&refs)),
                other => other,
            })?;
        let by_uuid: HashMap<String, i64> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        let chunk_ids: Vec<i64> = uuids.iter().filter_map(|u| by_uuid.get(u).copied()).collect();
        let tiers = col(|f| &f.tier);
        let tier_at: Vec<NaiveDateTime> = chunk.iter().map(|c| c.tier_at).collect();
        let change_uuids: Vec<String> = chunk.iter().map(|_| new_uuid()).collect();
        tx.execute_typed(
            "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
                needs_signoff)
             SELECT u.uuid, u.id, NULL, u.tier, u.at, $6, '', u.at, u.awaiting
             FROM unnest($1::text[], $2::int8[], $3::text[], $4::timestamp[], $5::bool[]) AS u (uuid, id, tier, at, awaiting)",
            &[
                (&change_uuids, Type::TEXT_ARRAY),
                (&chunk_ids, Type::INT8_ARRAY),
                (&tiers, Type::TEXT_ARRAY),
                (&tier_at, Type::TIMESTAMP_ARRAY),
                (&awaiting, Type::BOOL_ARRAY),
                (&login, Type::TEXT),
            ],
        )?;
        ids.extend(chunk_ids.into_iter().map(CustomerId));
    }
    Ok(ids)
}

/// A customer write's failure: a reference in use is `DuplicateRef` (named from the
/// database's detail when it gives one); anything else as the database said it (an owner
/// one may not give a customer to: refused by row-level security).
pub(super) fn customer_write_error(e: postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        let constraint = db.constraint().unwrap_or_default();
        if *db.code() == SqlState::UNIQUE_VIOLATION && constraint.contains("ext_ref") {
            return StoreError::DuplicateRef(key_value(db.detail().unwrap_or_default()));
        }
    }
    e.into()
}

/// The reference a refused batch failed on, when the database does not say (it hides a
/// key's value from a table under row-level security): exact for a batch of one; for a
/// larger one the caller finds it (`PgStore::refused_ref`).
fn culprit(refs: &[Option<&str>]) -> String {
    if let [Some(r)] = refs { r.to_string() } else { String::new() }
}

/// The value in a key violation's detail: `Key (ext_ref)=(R1) already exists.` -> `R1`.
fn key_value(detail: &str) -> String {
    let Some(start) = detail.find(")=(").map(|i| i + 3) else { return String::new() };
    let end = detail.rfind(") ").filter(|e| *e >= start).unwrap_or(detail.len());
    detail[start..end].to_string()
}

/// The first of `ids` that is no customer this person may see, if any.
fn first_missing(tx: &mut impl GenericClient, ids: &[i64]) -> Result<Option<i64>> {
    let row = tx.query_typed_one(
        "SELECT (SELECT u.id FROM unnest($1::int8[]) WITH ORDINALITY AS u (id, n)
                 WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = u.id) ORDER BY u.n LIMIT 1)",
        &[(&ids, Type::INT8_ARRAY)],
    )?;
    Ok(row.get(0))
}

/// Insert contacts (not their follow-ups): a contact for a customer that is not there (or
/// not visible) is `NoSuchCustomer`, and nothing is written.
pub(super) fn insert_contacts(
    tx: &mut impl GenericClient,
    contacts: &[NewContact],
    now: NaiveDateTime,
    user: &str,
) -> Result<()> {
    for chunk in contacts.chunks(CHUNK) {
        let customers: Vec<i64> = chunk.iter().map(|c| c.customer.0).collect();
        if let Some(id) = first_missing(tx, &customers)? {
            return Err(StoreError::NoSuchCustomer(id));
        }
        let uuids: Vec<String> = chunk.iter().map(|_| new_uuid()).collect();
        let col = |get: fn(&NewContact) -> &str| -> Vec<&str> { chunk.iter().map(get).collect() };
        let ons: Vec<NaiveDate> = chunk.iter().map(|c| c.on).collect();
        tx.execute_typed(
            "INSERT INTO contacts (uuid, customer_id, kind, happened_on, person, summary, outcome, created_at,
                created_by, updated_at)
             SELECT u.*, $8, $9, $8 FROM unnest($1::text[], $2::int8[], $3::text[], $4::date[], $5::text[],
                $6::text[], $7::text[]) AS u",
            &[
                (&uuids, Type::TEXT_ARRAY),
                (&customers, Type::INT8_ARRAY),
                (&col(|c| &c.kind), Type::TEXT_ARRAY),
                (&ons, Type::DATE_ARRAY),
                (&col(|c| &c.person), Type::TEXT_ARRAY),
                (&col(|c| &c.summary), Type::TEXT_ARRAY),
                (&col(|c| &c.outcome), Type::TEXT_ARRAY),
                (&now, Type::TIMESTAMP),
                (&user, Type::TEXT),
            ],
        )?;
    }
    Ok(())
}

/// Insert follow-ups promised on their own (no contact), owned by `owner`.
pub(super) fn insert_follow_ups(
    tx: &mut impl GenericClient,
    follow_ups: &[(CustomerId, String, NaiveDate)],
    owner: &str,
    now: NaiveDateTime,
) -> Result<()> {
    for chunk in follow_ups.chunks(CHUNK) {
        let customers: Vec<i64> = chunk.iter().map(|(c, _, _)| c.0).collect();
        if let Some(id) = first_missing(tx, &customers)? {
            return Err(StoreError::NoSuchCustomer(id));
        }
        let uuids: Vec<String> = chunk.iter().map(|_| new_uuid()).collect();
        let whats: Vec<&str> = chunk.iter().map(|(_, w, _)| w.as_str()).collect();
        let dues: Vec<NaiveDate> = chunk.iter().map(|(_, _, d)| *d).collect();
        tx.execute_typed(
            "INSERT INTO follow_ups (uuid, customer_id, what, due_on, owner, created_at, updated_at)
             SELECT u.*, $5, $6, $6 FROM unnest($1::text[], $2::int8[], $3::text[], $4::date[]) AS u",
            &[
                (&uuids, Type::TEXT_ARRAY),
                (&customers, Type::INT8_ARRAY),
                (&whats, Type::TEXT_ARRAY),
                (&dues, Type::DATE_ARRAY),
                (&owner, Type::TEXT),
                (&now, Type::TIMESTAMP),
            ],
        )?;
    }
    Ok(())
}

/// Recompute customers' latest contact and next due date from their contacts (the latest
/// per kind) and snoozes, with the domain's rules: a backdated contact cannot move anything
/// backwards, a deleted one recomputes from the rest. `ids` sorted, without repeats.
///
/// The customers are locked first, in id order (FOR NO KEY UPDATE: the writer's own new
/// rows hold key-share locks on them through their foreign keys, which this lets be), and
/// read in the next statement, a snapshot taken after the lock: two people logging contacts
/// for one customer at once queue here, and the second counts the first's.
pub(super) fn refresh_schedules(tx: &mut impl GenericClient, scheme: &TierScheme, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(CHUNK) {
        let locked = tx.query_typed(
            "SELECT id FROM customers WHERE id = ANY ($1) ORDER BY id FOR NO KEY UPDATE",
            &[(&chunk, Type::INT8_ARRAY)],
        )?;
        if locked.len() < chunk.len() {
            let found: Vec<i64> = locked.iter().map(|r| r.get(0)).collect();
            let missing = chunk.iter().find(|id| !found.contains(id)).copied().unwrap_or_default();
            return Err(StoreError::NoSuchCustomer(missing));
        }
        let rows = tx.query_typed(
            "SELECT c.id, c.tier, c.created_on, k.kinds, k.lasts, s.reqs, s.untils, s.set_ons
             FROM customers c
             LEFT JOIN LATERAL (SELECT array_agg(kind ORDER BY kind) AS kinds, array_agg(last ORDER BY kind) AS lasts
                 FROM (SELECT kind, max(happened_on) AS last FROM contacts WHERE customer_id = c.id GROUP BY kind) x
             ) k ON true
             LEFT JOIN LATERAL (SELECT array_agg(requirement ORDER BY id) AS reqs,
                    array_agg(until_on ORDER BY id) AS untils, array_agg(set_on ORDER BY id) AS set_ons
                 FROM snoozes WHERE customer_id = c.id
             ) s ON true
             WHERE c.id = ANY ($1)",
            &[(&chunk, Type::INT8_ARRAY)],
        )?;
        let (mut which, mut lasts_on, mut dues) = (Vec::new(), Vec::new(), Vec::new());
        for row in &rows {
            let code: String = row.get(1);
            let tier = scheme.tier(&code).ok_or(StoreError::UnknownTier(code.clone()))?;
            let lasts = super::contacts::kind_dates(row, 3);
            let snoozes = super::contacts::snoozes_from(row, 5);
            which.push(row.get::<_, i64>(0));
            dues.push(next_due_of(tier, row.get(2), &lasts, &snoozes));
            lasts_on.push(lasts.iter().map(|(_, d)| *d).max());
        }
        tx.execute_typed(
            "UPDATE customers c SET last_contact_on = u.last, next_due_on = u.due
             FROM unnest($1::int8[], $2::date[], $3::date[]) AS u (id, last, due) WHERE c.id = u.id",
            &[(&which, Type::INT8_ARRAY), (&lasts_on, Type::DATE_ARRAY), (&dues, Type::DATE_ARRAY)],
        )?;
    }
    Ok(())
}
