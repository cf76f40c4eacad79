//! Customers: add, edit, delete, find one. The paged table, counts and the matrix are in
//! `customer_list.rs`.
//! Every write keeps `last_contact_on` / `next_due_on` in step in the same transaction.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

use super::convert::{date_text, datetime_text, new_uuid};
use super::prelude::*;
use super::tier_rows::insert_tier_change;
use super::{FORM_COLUMNS, Seen};
use super::{Result, Store, StoreError, lenient};
use crate::domain::customer::{Customer, CustomerFields, CustomerId, CustomerRow};
use crate::domain::dates::{self, DateField};
use crate::domain::due::next_due_of;
use crate::domain::names::sort_key;
use crate::domain::signoff::awaits_signoff;

pub(super) const ROW_COLUMNS: &str =
    "id, name, company, tier, owner, last_contact_on, next_due_on, risk_category, signoff_pending";

/// A row of the customer table. A date it cannot read is named (see `lenient.rs`) and shown
/// as none (latest contact) or as today (next due: the customer comes up to be looked at).
pub(super) fn customer_row(store: &Store) -> impl Fn(&Row) -> rusqlite::Result<CustomerRow> + '_ {
    move |r| {
        let id: i64 = r.get(0)?;
        Ok(CustomerRow {
            id: CustomerId(id),
            name: r.get(1)?,
            company: r.get(2)?,
            tier: r.get(3)?,
            owner: r.get(4)?,
            last_contact_on: store.lenient_opt(r, 5, id, DateField::LastContact)?,
            next_due_on: store.lenient_or_today(lenient::computed_date(r, 6)?, id, DateField::NextDue),
            risk_category: r.get(7)?,
            signoff_pending: r.get(8)?,
        })
    }
}

const FULL_COLUMNS: &str = "id, ext_ref, name, company, contact_person, phone, email, region, address, \
     industry, owner, tags, notes, created_on, tier, last_contact_on, next_due_on, signoff_pending, temperament";

/// A whole customer; unreadable dates as in `customer_row` (created: today, so that the
/// view opens and an edit can put the right one).
fn full_customer(store: &Store) -> impl Fn(&Row) -> rusqlite::Result<Customer> + '_ {
    move |r| {
        let id: i64 = r.get(0)?;
        let mut c = full_customer_fields(r, store.clock.today())?;
        c.last_contact_on = store.lenient_opt(r, 15, id, DateField::LastContact)?;
        c.fields.created_on = store.lenient_or_today(lenient::date(r, 13)?, id, DateField::CreatedOn);
        c.next_due_on = store.lenient_or_today(lenient::computed_date(r, 16)?, id, DateField::NextDue);
        Ok(c)
    }
}

/// The columns of a customer without its dates (`placeholder` until they are read).
fn full_customer_fields(r: &Row, placeholder: NaiveDate) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: CustomerId(r.get(0)?),
        fields: CustomerFields {
            ext_ref: r.get(1)?,
            name: r.get(2)?,
            company: r.get(3)?,
            contact_person: r.get(4)?,
            phone: r.get(5)?,
            email: r.get(6)?,
            region: r.get(7)?,
            address: r.get(8)?,
            industry: r.get(9)?,
            owner: r.get(10)?,
            tags: r.get(11)?,
            notes: r.get(12)?,
            created_on: placeholder,
            tier: r.get(14)?,
            temperament: r.get(18)?,
        },
        last_contact_on: None,
        next_due_on: placeholder,
        signoff_pending: r.get(17)?,
    })
}

fn unique_ref_error(e: rusqlite::Error, ext_ref: &Option<String>) -> StoreError {
    let msg = e.to_string();
    if msg.contains("UNIQUE") && msg.contains("ext_ref") {
        StoreError::DuplicateRef(ext_ref.clone().unwrap_or_default())
    } else {
        e.into()
    }
}

impl Customers for Store {
    fn add_customer(&mut self, f: &CustomerFields) -> Result<CustomerId> {
        dates::check(DateField::CreatedOn, f.created_on)?;
        let scheme = self.require_scheme()?;
        let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
        let due = next_due_of(tier, f.created_on, &[], &[]);
        // A customer started in the top tier waits for a sign-off as a move into it would.
        let awaiting = awaits_signoff(scheme, None, &f.tier);
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO customers (uuid, ext_ref, name, name_key, company, contact_person, phone, email,
                region, address, industry, owner, tags, notes, created_on, tier, last_contact_on,
                next_due_on, updated_at, signoff_pending, temperament)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18, ?19, ?20)",
            params_from_iter(std::iter::once(Value::from(new_uuid())).chain(field_values(f)).chain([
                Value::from(date_text(due)),
                Value::from(now.clone()),
                Value::from(awaiting),
                temperament_value(f),
            ])),
        )
        .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
        let id = tx.last_insert_rowid();
        super::search_keys::put(&tx, id, f)?;
        insert_tier_change(&tx, id, None, &f.tier, &initial_tier_at(f, &now), &user, "", awaiting)?;
        tx.commit()?;
        Ok(CustomerId(id))
    }

    fn update_customer(&mut self, id: CustomerId, f: &CustomerFields, reason: &str) -> Result<()> {
        self.update_customer_seen(id, f, reason, None)
    }

    fn customer_seen(&self, id: CustomerId) -> Result<Seen> {
        Ok(Seen { last_change: last_form_change(&self.conn, id)?.map_or(0, |c| c.0) })
    }

    fn update_customer_if_unchanged(
        &mut self,
        id: CustomerId,
        f: &CustomerFields,
        reason: &str,
        seen: &Seen,
    ) -> Result<()> {
        self.update_customer_seen(id, f, reason, Some(seen))
    }

    fn delete_customer(&mut self, id: CustomerId) -> Result<()> {
        let tx = self.tx()?;
        let n = tx.execute("DELETE FROM customers WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(StoreError::NoSuchCustomer(id.0));
        }
        tx.commit()?;
        Ok(())
    }

    fn customer(&self, id: CustomerId) -> Result<Option<Customer>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {FULL_COLUMNS} FROM customers WHERE id = ?1"), [id.0], full_customer(self))
            .optional()?)
    }

    fn find_customers(&self, key: &str) -> Result<Vec<CustomerRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM customers WHERE ext_ref = ?1 OR name = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([key], customer_row(self))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn customers_by_name(&self, tier: Option<&str>) -> Result<Vec<Customer>> {
        let filter = if tier.is_some() { "WHERE tier = ?1" } else { "" };
        let mut st =
            self.conn.prepare(&format!("SELECT {FULL_COLUMNS} FROM customers {filter} ORDER BY name_key, name, id"))?;
        let rows = match tier {
            Some(t) => st.query_map([t], full_customer(self))?,
            None => st.query_map([], full_customer(self))?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn add_customers_bulk(&mut self, all: &[CustomerFields]) -> Result<Vec<CustomerId>> {
        for f in all {
            dates::check(DateField::CreatedOn, f.created_on)?;
        }
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let bulk = super::audit::begin_bulk(&tx)?;
        let mut ids = Vec::with_capacity(all.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO customers (uuid, ext_ref, name, name_key, company, contact_person, phone, email,
                    region, address, industry, owner, tags, notes, created_on, tier, last_contact_on,
                    next_due_on, updated_at, temperament)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18, ?19)",
            )?;
            for f in all {
                let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
                insert
                    .execute(params_from_iter(std::iter::once(Value::from(new_uuid())).chain(field_values(f)).chain([
                        Value::from(date_text(next_due_of(tier, f.created_on, &[], &[]))),
                        Value::from(now.clone()),
                        temperament_value(f),
                    ])))
                    .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
                let id = tx.last_insert_rowid();
                super::search_keys::put(&tx, id, f)?;
                // Generated books (demo, benchmarks): nobody chose these tiers, nothing to sign off.
                insert_tier_change(&tx, id, None, &f.tier, &initial_tier_at(f, &now), &user, "", false)?;
                ids.push(CustomerId(id));
            }
        }
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(ids)
    }

    fn highest_ref_number(&self, pattern: &crate::domain::ref_pattern::RefPattern) -> Result<Option<u64>> {
        let mut st = self.conn.prepare_cached(
            "SELECT ext_ref FROM customers WHERE ext_ref IS NOT NULL AND substr(ext_ref, 1, length(?1)) = ?1",
        )?;
        let refs: Vec<String> = st.query_map([pattern.prefix()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(pattern.highest(refs.iter().map(String::as_str)))
    }

    fn customer_rows_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<CustomerRow>> {
        let list = serde_json::to_string(&ids.iter().map(|i| i.0).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM customers WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let mut rows: Vec<CustomerRow> = st.query_map([list], customer_row(self))?.collect::<rusqlite::Result<_>>()?;
        rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id).unwrap_or(usize::MAX));
        Ok(rows)
    }

    fn search_entries(&self, owners: &Owners) -> Result<Vec<crate::domain::search::SearchEntry>> {
        let scheme = self.require_scheme()?;
        let mut st = self.conn.prepare(
            "SELECT id, name, company, contact_person, phone, tags, tier FROM customers
             WHERE ?1 IS NULL OR owner IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = st.query_map([owners.json()], |r| {
            let tier: String = r.get(6)?;
            Ok(crate::domain::search::SearchEntry {
                id: CustomerId(r.get(0)?),
                name: r.get(1)?,
                company: r.get(2)?,
                contact: r.get(3)?,
                phone: r.get(4)?,
                tags: r.get(5)?,
                tier_rank: scheme.rank(&tier),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn search_candidates(&self, words: &[u64], owners: &Owners) -> Result<Vec<crate::domain::search::Keyed>> {
        super::search_keys::candidates(self, words, owners)
    }
}

impl Store {
    /// `update_customer`, refused (`ChangedSince`) if `seen` is given and is not the latest.
    fn update_customer_seen(
        &mut self,
        id: CustomerId,
        f: &CustomerFields,
        reason: &str,
        seen: Option<&Seen>,
    ) -> Result<()> {
        dates::check(DateField::CreatedOn, f.created_on)?;

        let scheme = self.require_scheme()?.clone();
        scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let old_tier: String = tx
            .query_row("SELECT tier FROM customers WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NoSuchCustomer(id.0))?;
        // Under the write lock: nobody can change the customer between this check and the
        // update.
        if let Some(seen) = seen
            && let Some((change, by, at)) = last_form_change(&tx, id)?.filter(|c| c.0 != seen.last_change)
        {
            let at = super::convert::parse_datetime(&at)
                .ok_or_else(|| StoreError::Corrupt(format!("change {change} has the time \"{at}\"")))?;
            return Err(StoreError::ChangedSince { by, at });
        }
        tx.execute(
            "UPDATE customers SET ext_ref = ?2, name = ?3, name_key = ?4, company = ?5,
                contact_person = ?6, phone = ?7, email = ?8, region = ?9, address = ?10,
                industry = ?11, owner = ?12, tags = ?13, notes = ?14, created_on = ?15, tier = ?16,
                updated_at = ?17, temperament = ?18
             WHERE id = ?1",
            params_from_iter(
                std::iter::once(Value::from(id.0))
                    .chain(field_values(f))
                    .chain([Value::from(now.clone()), temperament_value(f)]),
            ),
        )
        .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
        // The book's trigger dropped the old keys if a searched field changed.
        super::search_keys::put(&tx, id.0, f)?;
        // The new tier's cadence applies at once, from the last contact.
        super::contacts::refresh_schedule(&tx, &scheme, id)?;
        if old_tier != f.tier {
            super::tier_rows::record_move(&tx, &scheme, id, &old_tier, &f.tier, &now, &user, reason)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The audit log's latest row that added the customer or changed one of its `FORM_COLUMNS`:
/// its id, who made it and when (as stored).
fn last_form_change(conn: &rusqlite::Connection, id: CustomerId) -> Result<Option<(i64, String, String)>> {
    let changed: Vec<String> = FORM_COLUMNS
        .iter()
        .map(|c| format!("json_extract(a.old_row, '$.{c}') IS NOT json_extract(a.new_row, '$.{c}')"))
        .collect();
    let sql = format!(
        "SELECT a.id, c.made_by, c.made_at FROM audit_log a JOIN changes c ON c.id = a.change_id
         WHERE a.customer_id = ?1 AND a.table_name = 'customers' AND a.row_id = ?1
           AND (a.op <> 'update' OR {})
         ORDER BY a.id DESC LIMIT 1",
        changed.join(" OR ")
    );
    Ok(conn.query_row(&sql, [id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?)
}

/// When a customer's first tier was set: on the day it was taken on (the start of that day)
/// if that is in the past, else now.
fn initial_tier_at(f: &CustomerFields, now: &str) -> String {
    let day = date_text(f.created_on);
    if now.get(..10).is_some_and(|today| day.as_str() < today) { format!("{day} 00:00:00") } else { now.to_string() }
}

/// The customer's temperament as bound after the other values (NULL for none).
pub(super) fn temperament_value(f: &CustomerFields) -> Value {
    f.temperament.clone().filter(|t| !t.trim().is_empty()).map(Value::Text).unwrap_or(Value::Null)
}

/// A customer's own facts as the 15 values every customer INSERT and UPDATE binds after its
/// first parameter, in column order: ext_ref, name, name_key, company, contact_person, phone,
/// email, region, address, industry, owner, tags, notes, created_on, tier.
pub(super) fn field_values(f: &CustomerFields) -> [Value; 15] {
    let t = |s: &String| Value::Text(s.clone());
    [
        f.ext_ref.clone().map(Value::Text).unwrap_or(Value::Null),
        t(&f.name),
        Value::Text(sort_key(&f.name)),
        t(&f.company),
        t(&f.contact_person),
        t(&f.phone),
        t(&f.email),
        t(&f.region),
        t(&f.address),
        t(&f.industry),
        t(&f.owner),
        t(&f.tags),
        t(&f.notes),
        Value::Text(date_text(f.created_on)),
        t(&f.tier),
    ]
}
