//! Writing imports into the team book, as in the SQLite engine (`store::import`): one
//! transaction per import, every row or none, schedules refreshed once per touched customer
//! at the end. Rows go in batches (one `INSERT ... SELECT FROM unnest(arrays)` per thousand
//! rows, ids read back by uuid), not one round trip per row.
//!
//! A customers import locks the customers table against other writers (`SHARE ROW
//! EXCLUSIVE`, which conflicts with itself and with every insert, update and delete) from
//! `begin_customers_import` on, as SQLite's `BEGIN IMMEDIATE` does: two imports of one file
//! started at once cannot both find no duplicates and both add every row. It waits for
//! another import up to a minute; other writers wait their usual few seconds for it.
//!
//! Every write of an import goes through `add_customers`, `update_customer` and
//! `add_contacts` on its one transaction, so that a bulk audit (one log statement per
//! import) can wrap them in one place.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use postgres::error::SqlState;
use postgres::{GenericClient, Transaction};

use super::PgStore;
use super::export::{FIELD_COLUMNS, fields_of};
use super::import_contacts::add_contacts;
use super::tiers::{Move, refresh_schedules, write_moves};
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::dates::{self, DateField};
use crate::domain::due::next_due_of;
use crate::domain::import::CustomerIndex;
use crate::domain::import::contacts::ContactRecord;
use crate::domain::import::customers::{Action, CustomerRecord};
use crate::domain::import::follow_ups::FollowUpImport;
use crate::domain::names::sort_key;
use crate::domain::signoff::awaits_signoff;
use crate::domain::tier::TierScheme;
use crate::store::import::{IMPORT_REASON, Written};
use crate::store::prelude::*;
use crate::store::{Result, StoreError};

/// How many rows one statement of an import writes.
const BATCH: usize = 1000;

/// How long a customers import waits for another one to finish.
const IMPORT_WAIT: &str = "60s";

/// The book's customers as an import finds them: by uuid, ref and exact name.
fn index_of(c: &mut impl GenericClient) -> Result<CustomerIndex> {
    let mut ix = CustomerIndex::default();
    for r in c.query("SELECT id, uuid, ext_ref, name, company FROM customers", &[])? {
        ix.insert(CustomerId(r.get(0)), r.get(1), r.get(2), r.get(3), r.get(4));
    }
    Ok(ix)
}

/// A unique ref refused by the book: the ref, from the server's detail or the batch.
fn unique_error(e: postgres::Error, refs: &[Option<&str>]) -> StoreError {
    let Some(db) = e.as_db_error().filter(|d| *d.code() == SqlState::UNIQUE_VIOLATION) else { return e.into() };
    if !db.constraint().is_some_and(|c| c.contains("ext_ref")) {
        return e.into();
    }
    let from_detail = db.detail().and_then(|d| d.split_once(")=(")).and_then(|(_, rest)| rest.rsplit_once(") "));
    let named = from_detail.map(|(r, _)| r.to_string()).or_else(|| refs.iter().flatten().next().map(|r| r.to_string()));
    StoreError::DuplicateRef(named.unwrap_or_default())
}

/// A customers import under way: its transaction holds the customers table's lock.
pub struct PgCustomersImport<'a> {
    /// In a cell: reading needs `&mut`, the trait's reader takes `&self`.
    tx: RefCell<Transaction<'a>>,
    scheme: TierScheme,
    now: NaiveDateTime,
    user: String,
}

impl Imports for PgStore {
    fn customer_index(&self) -> Result<CustomerIndex> {
        index_of(&mut *self.client.borrow_mut())
    }

    fn begin_customers_import(&mut self) -> Result<Box<dyn CustomersImport + '_>> {
        let scheme = self.work_scheme()?;
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        let usual: String = tx.query_one("SELECT current_setting('lock_timeout')", &[])?.get(0);
        tx.batch_execute(&format!(
            "SET LOCAL lock_timeout = '{IMPORT_WAIT}'; LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE"
        ))?;
        tx.execute("SELECT set_config('lock_timeout', $1, true)", &[&usual])?;
        Ok(Box::new(PgCustomersImport { tx: RefCell::new(tx), scheme, now, user }))
    }

    fn import_customers(&mut self, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written> {
        self.begin_customers_import()?.write(actions, progress)
    }

    fn import_contacts(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<ContactRecord>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        let scheme = self.work_scheme()?;
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        let mut written = Written::default();
        let mut touched: Vec<i64> = Vec::new();
        let mut batch: Vec<ContactRecord> = Vec::with_capacity(BATCH);
        let mut refused = false;
        for r in rows {
            let Some(r) = r.filter(|_| !refused) else {
                refused = true;
                batch.clear();
                continue;
            };
            dates::check(DateField::ContactDate, r.contact.on)?;
            if let Some(f) = &r.follow_up {
                dates::check(DateField::FollowUpDue, f.due)?;
            }
            if touched.last() != Some(&r.contact.customer.0) {
                touched.push(r.contact.customer.0);
            }
            batch.push(r);
            if batch.len() == BATCH {
                add_contacts(&mut tx, &batch, now, &user, &mut written)?;
                batch.clear();
                if written.added % 4096 < BATCH as u64 {
                    progress(written.added);
                }
            }
        }
        if refused {
            // Dropping the transaction rolls back what was written.
            return Ok(None);
        }
        add_contacts(&mut tx, &batch, now, &user, &mut written)?;
        // Every row is written: what is left is the schedules and the commit.
        progress(written.added);
        touched.sort_unstable();
        touched.dedup();
        refresh_schedules(&mut tx, &scheme, &touched)?;
        tx.commit()?;
        Ok(Some(written))
    }

    fn import_follow_ups(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<FollowUpImport>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        self.write_follow_ups(rows, progress)
    }

    fn contacts_already_there(&self, uuids: &[String]) -> Result<u64> {
        let row =
            self.client.borrow_mut().query_one("SELECT count(*) FROM contacts WHERE uuid = ANY($1)", &[&uuids])?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}

impl CustomersImport for PgCustomersImport<'_> {
    fn customer_index(&self) -> Result<CustomerIndex> {
        // Read through the import's own transaction, which holds the lock.
        index_of(&mut *self.tx.borrow_mut())
    }

    fn write(self: Box<Self>, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written> {
        let Self { tx, scheme, now, user } = *self;
        let mut tx = tx.into_inner();
        let owners: Vec<&str> = actions
            .iter()
            .map(|a| match a {
                Action::Add(r) | Action::Update { record: r, .. } => r.fields.owner.as_str(),
            })
            .collect();
        super::people::check_import_owners(&mut tx, &owners)?;
        let mut written = Written::default();
        let mut adds: Vec<&CustomerRecord> = Vec::with_capacity(BATCH);
        let mut updated: Vec<i64> = Vec::new();
        let mut moves: Vec<Move> = Vec::new();
        for (n, action) in actions.iter().enumerate() {
            match action {
                Action::Add(r) => {
                    adds.push(r);
                    if adds.len() == BATCH {
                        add_customers(&mut tx, &scheme, &adds, now, &user, &mut written)?;
                        adds.clear();
                    }
                }
                Action::Update { id, record } => {
                    // In the order of the file: earlier adds first (a ref may move between them).
                    add_customers(&mut tx, &scheme, &adds, now, &user, &mut written)?;
                    adds.clear();
                    moves.extend(update_customer(&mut tx, &scheme, *id, record, now)?);
                    updated.push(id.0);
                    written.updated += 1;
                }
            }
            if n % 1024 == 1023 {
                progress(n as u64 + 1);
            }
        }
        add_customers(&mut tx, &scheme, &adds, now, &user, &mut written)?;
        progress(actions.len() as u64);
        // A changed tier is a move with the reason "import"; a new tier or taken-on date moves
        // the due date: once per updated customer.
        write_moves(&mut tx, &scheme, &moves, now, &user, IMPORT_REASON)?;
        updated.sort_unstable();
        updated.dedup();
        refresh_schedules(&mut tx, &scheme, &updated)?;
        tx.commit()?;
        Ok(written)
    }
}

/// Add new customers (a batch, in file order) with their first tier in the history. A new
/// customer keeps the file's uuid when it gives one; without an owner it is the importer's.
fn add_customers(
    tx: &mut Transaction,
    scheme: &TierScheme,
    adds: &[&CustomerRecord],
    now: NaiveDateTime,
    user: &str,
    written: &mut Written,
) -> Result<()> {
    if adds.is_empty() {
        return Ok(());
    }
    let mut uuids = Vec::with_capacity(adds.len());
    let (mut dues, mut awaiting, mut firsts) = (Vec::new(), Vec::new(), Vec::new());
    for r in adds {
        let f = &r.fields;
        dates::check(DateField::CreatedOn, f.created_on)?;
        let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
        uuids.push(r.uuid.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string()));
        dues.push(next_due_of(tier, f.created_on, &[], &[]));
        // Imported into the top tier: it waits for a sign-off, as a move into it would.
        awaiting.push(awaits_signoff(scheme, None, &f.tier));
        // Its first tier was set the day it was taken on, if that is past.
        firsts.push(if f.created_on < now.date() { f.created_on.and_time(chrono::NaiveTime::MIN) } else { now });
    }
    let text = |get: fn(&CustomerFields) -> &str| adds.iter().map(|r| get(&r.fields)).collect::<Vec<&str>>();
    let refs: Vec<Option<&str>> = adds.iter().map(|r| r.fields.ext_ref.as_deref()).collect();
    let keys: Vec<String> = adds.iter().map(|r| sort_key(&r.fields.name)).collect();
    let created: Vec<chrono::NaiveDate> = adds.iter().map(|r| r.fields.created_on).collect();
    let temperaments: Vec<Option<&str>> =
        adds.iter().map(|r| r.fields.temperament.as_deref().filter(|t| !t.trim().is_empty())).collect();
    let rows = tx
        .query(
            "INSERT INTO customers (uuid, ext_ref, name, name_key, company, contact_person, phone, email, region,
                 address, industry, owner, tags, notes, created_on, tier, next_due_on, signoff_pending, updated_at,
                 temperament)
             SELECT u.uuid, u.ext_ref, u.name, u.name_key, u.company, u.contact_person, u.phone, u.email, u.region,
                 u.address, u.industry, coalesce(nullif(u.owner, ''), session_user), u.tags, u.notes, u.created_on,
                 u.tier, u.due, u.awaiting, $19, u.temperament
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                         $15::date[], $16::text[], $17::date[], $18::bool[], $20::text[])
                  AS u(uuid, ext_ref, name, name_key, company, contact_person, phone, email, region, address,
                       industry, owner, tags, notes, created_on, tier, due, awaiting, temperament)
             RETURNING id, uuid",
            &[
                &uuids,
                &refs,
                &text(|f| &f.name),
                &keys,
                &text(|f| &f.company),
                &text(|f| &f.contact_person),
                &text(|f| &f.phone),
                &text(|f| &f.email),
                &text(|f| &f.region),
                &text(|f| &f.address),
                &text(|f| &f.industry),
                &text(|f| &f.owner),
                &text(|f| &f.tags),
                &text(|f| &f.notes),
                &created,
                &text(|f| &f.tier),
                &dues,
                &awaiting,
                &now,
                &temperaments,
            ],
        )
        .map_err(|e| unique_error(e, &refs))?;
    let ids: HashMap<String, i64> = rows.iter().map(|r| (r.get(1), r.get(0))).collect();
    let customers: Vec<i64> = uuids.iter().map(|u| ids.get(u).copied().unwrap_or_default()).collect();
    let change_uuids: Vec<String> = adds.iter().map(|_| uuid::Uuid::now_v7().to_string()).collect();
    tx.execute(
        "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
             needs_signoff)
         SELECT u.uuid, u.customer, NULL, u.tier, u.at, $6, $7, u.at, u.awaiting
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamp[], $5::bool[])
              AS u(uuid, customer, tier, at, awaiting)",
        &[&change_uuids, &customers, &text(|f| &f.tier), &firsts, &awaiting, &user, &IMPORT_REASON],
    )?;
    written.added += adds.len() as u64;
    Ok(())
}

/// Change a customer's fields to those the file gives; a changed tier is the move returned
/// (written, and the schedule refreshed, by the caller once).
fn update_customer(
    tx: &mut Transaction,
    scheme: &TierScheme,
    id: CustomerId,
    record: &CustomerRecord,
    now: NaiveDateTime,
) -> Result<Option<Move>> {
    let row = tx
        .query_opt(&format!("SELECT {FIELD_COLUMNS} FROM customers WHERE id = $1"), &[&id.0])?
        .ok_or(StoreError::NoSuchCustomer(id.0))?;
    let mut f = fields_of(&row, 0);
    let old_tier = f.tier.clone();
    record.apply_to(&mut f);
    dates::check(DateField::CreatedOn, f.created_on)?;
    scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
    tx.execute(
        "UPDATE customers SET ext_ref = $2, name = $3, name_key = $4, company = $5, contact_person = $6, phone = $7,
             email = $8, region = $9, address = $10, industry = $11, owner = coalesce(nullif($12, ''), owner),
             tags = $13, notes = $14, created_on = $15, tier = $16, updated_at = $17, temperament = $18
         WHERE id = $1",
        &[
            &id.0,
            &f.ext_ref,
            &f.name,
            &sort_key(&f.name),
            &f.company,
            &f.contact_person,
            &f.phone,
            &f.email,
            &f.region,
            &f.address,
            &f.industry,
            &f.owner,
            &f.tags,
            &f.notes,
            &f.created_on,
            &f.tier,
            &now,
            &f.temperament.as_deref().filter(|t| !t.trim().is_empty()),
        ],
    )
    .map_err(|e| unique_error(e, &[f.ext_ref.as_deref()]))?;
    Ok((old_tier != f.tier).then_some(Move { id: id.0, from: old_tier, to: f.tier }))
}
