//! Customers on the team book: add, edit, delete, find one (the SQLite engine's
//! `store/customers.rs`). Every write keeps `last_contact_on` / `next_due_on` in step in the
//! same transaction, computed in Rust by the domain's rules as SQLite does.
//!
//! Also the helpers the other parts of this engine read customers with: `ROW_COLUMNS` and
//! `customer_row` (a row of the table).

use chrono::{NaiveDate, NaiveDateTime};
use postgres::types::{ToSql, Type};
use postgres::{GenericClient, Row};

use super::PgStore;
use super::bulk_records::{NewCustomer, customer_write_error, insert_customers};
use super::tiers::insert_tier_change;
use crate::domain::customer::{Customer, CustomerFields, CustomerId, CustomerRow};
use crate::domain::dates::{self, DateField};
use crate::domain::due::next_due_of;
use crate::domain::names::sort_key;
use crate::domain::search::{Keyed, SearchEntry};
use crate::domain::signoff::awaits_signoff;
use crate::domain::tier::TierScheme;
use crate::store::prelude::*;
use crate::store::{FORM_COLUMNS, Seen};
use crate::store::{Result, StoreError};

/// The columns `PgStore::customer_row` reads, in its order.
pub(super) const ROW_COLUMNS: &str = "id, name, company, tier, coalesce(owner, '') AS owner, last_contact_on, next_due_on, risk_category, signoff_pending";

impl PgStore {
    /// A row of the customer table from `ROW_COLUMNS`. A last contact outside tierdesk's
    /// years is named (`lenient.rs`) and shown as none; the next due date is computed, any
    /// year (as in SQLite).
    pub(super) fn customer_row(&self, r: &Row) -> CustomerRow {
        let id: i64 = r.get(0);
        let last: Option<NaiveDate> = r.get(5);
        CustomerRow {
            id: CustomerId(id),
            name: r.get(1),
            company: r.get(2),
            tier: r.get(3),
            owner: r.get(4),
            last_contact_on: last.and_then(|d| self.readable_of_customer(d, id, DateField::LastContact)),
            next_due_on: r.get(6),
            risk_category: r.get(7),
            signoff_pending: r.get(8),
        }
    }

    /// A whole customer from `FULL_COLUMNS`; dates outside tierdesk's years as in
    /// `customer_row`, a created date as today (so that the view opens and an edit can put
    /// the right one), as in SQLite.
    fn full_customer(&self, r: &Row) -> Customer {
        let id: i64 = r.get(0);
        let last: Option<NaiveDate> = r.get(15);
        let created = self.readable_of_customer(r.get(13), id, DateField::CreatedOn);
        Customer {
            id: CustomerId(id),
            fields: CustomerFields {
                ext_ref: r.get(1),
                name: r.get(2),
                company: r.get(3),
                contact_person: r.get(4),
                phone: r.get(5),
                email: r.get(6),
                region: r.get(7),
                address: r.get(8),
                industry: r.get(9),
                owner: r.get(10),
                tags: r.get(11),
                notes: r.get(12),
                created_on: created.unwrap_or_else(|| self.clock.today()),
                tier: r.get(14),
                temperament: r.get(18),
            },
            last_contact_on: last.and_then(|d| self.readable_of_customer(d, id, DateField::LastContact)),
            next_due_on: r.get(16),
            signoff_pending: r.get(17),
        }
    }
}

const FULL_COLUMNS: &str = "id, ext_ref, name, company, contact_person, phone, email, region, address, \
     industry, coalesce(owner, '') AS owner, tags, notes, created_on, tier, last_contact_on, next_due_on, signoff_pending, temperament";

/// The customer's own facts as the 15 values an UPDATE binds from `$2` on, in column order
/// (ext_ref, name, name_key, company, contact_person, phone, email, region, address,
/// industry, owner, tags, notes, created_on, tier); an empty owner is `login`.
struct FieldValues<'a> {
    name_key: String,
    owner: &'a str,
    f: &'a CustomerFields,
}

impl<'a> FieldValues<'a> {
    fn new(f: &'a CustomerFields, login: &'a str) -> Self {
        let owner = if f.owner.trim().is_empty() { login } else { f.owner.as_str() };
        Self { name_key: sort_key(&f.name), owner, f }
    }

    fn params(&self) -> [&(dyn ToSql + Sync); 15] {
        let f = self.f;
        [
            &f.ext_ref,
            &f.name,
            &self.name_key,
            &f.company,
            &f.contact_person,
            &f.phone,
            &f.email,
            &f.region,
            &f.address,
            &f.industry,
            &self.owner,
            &f.tags,
            &f.notes,
            &f.created_on,
            &f.tier,
        ]
    }
}

impl PgStore {
    /// The book's scheme, or the error the SQLite engine gives for a book without one.
    pub(super) fn scheme_needed(&self) -> Result<&TierScheme> {
        self.scheme.as_ref().ok_or_else(|| StoreError::Corrupt("the book has no tier scheme".into()))
    }
}

impl Customers for PgStore {
    fn add_customer(&mut self, f: &CustomerFields) -> Result<CustomerId> {
        let ids = self.add_customers(std::slice::from_ref(f), true)?;
        ids.into_iter().next().ok_or_else(|| StoreError::Corrupt("a customer was added without an id".into()))
    }

    fn update_customer(&mut self, id: CustomerId, f: &CustomerFields, reason: &str) -> Result<()> {
        self.update_customer_seen(id, f, reason, None)
    }

    fn customer_seen(&self, id: CustomerId) -> Result<Seen> {
        let mut client = self.client.borrow_mut();
        Ok(Seen { last_change: last_form_change(&mut *client, id)?.map_or(0, |c| c.0) })
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
        let mut tx = self.tx()?;
        let n = tx.execute("DELETE FROM customers WHERE id = $1", &[&id.0])?;
        if n == 0 {
            return Err(StoreError::NoSuchCustomer(id.0));
        }
        tx.commit()?;
        Ok(())
    }

    fn customer(&self, id: CustomerId) -> Result<Option<Customer>> {
        let row = self
            .client
            .borrow_mut()
            .query_typed_opt(&format!("SELECT {FULL_COLUMNS} FROM customers WHERE id = $1"), &[(&id.0, Type::INT8)])?;
        Ok(row.as_ref().map(|r| self.full_customer(r)))
    }

    fn find_customers(&self, key: &str) -> Result<Vec<CustomerRow>> {
        let rows = self.client.borrow_mut().query_typed(
            &format!("SELECT {ROW_COLUMNS} FROM customers WHERE ext_ref = $1 OR name = $1 ORDER BY id"),
            &[(&key, Type::TEXT)],
        )?;
        Ok(rows.iter().map(|r| self.customer_row(r)).collect())
    }

    fn customers_by_name(&self, tier: Option<&str>) -> Result<Vec<Customer>> {
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT {FULL_COLUMNS} FROM customers WHERE owner IS NOT NULL AND ($1::text IS NULL OR tier = $1) ORDER BY name_key, name, id"
            ),
            &[(&tier, Type::TEXT)],
        )?;
        Ok(rows.iter().map(|r| self.full_customer(r)).collect())
    }

    fn add_customers_bulk(&mut self, all: &[CustomerFields]) -> Result<Vec<CustomerId>> {
        self.add_customers(all, false)
    }

    fn highest_ref_number(&self, pattern: &crate::domain::ref_pattern::RefPattern) -> Result<Option<u64>> {
        // Through the schema's SECURITY DEFINER function: row-level security would hide the
        // references of customers this person may not see, and give a taken one again.
        let width = i32::try_from(pattern.width()).unwrap_or(i32::MAX);
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT highest_ref_number($1, $2, $3)", &[&pattern.prefix(), &pattern.suffix(), &width])?;
        let n: Option<i64> = row.get(0);
        Ok(n.and_then(|n| u64::try_from(n).ok()))
    }

    fn customer_rows_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<CustomerRow>> {
        let list: Vec<i64> = ids.iter().map(|i| i.0).collect();
        let rows = self.client.borrow_mut().query_typed(
            &format!("SELECT {ROW_COLUMNS} FROM customers WHERE id = ANY ($1)"),
            &[(&list, Type::INT8_ARRAY)],
        )?;
        let mut rows: Vec<CustomerRow> = rows.iter().map(|r| self.customer_row(r)).collect();
        rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id).unwrap_or(usize::MAX));
        Ok(rows)
    }

    fn search_entries(&self, owners: &crate::store::Owners) -> Result<Vec<SearchEntry>> {
        let scheme = self.scheme_needed()?;
        let sql = format!(
            "SELECT id, name, company, contact_person, phone, tags, tier FROM customers WHERE true{} ORDER BY id",
            super::owners_cond(owners, "owner", 1)
        );
        let who = super::owners_param(owners);
        let rows = self.client.borrow_mut().query_typed(&sql, &[(&who, Type::TEXT_ARRAY)])?;
        Ok(rows
            .iter()
            .map(|r| SearchEntry {
                id: CustomerId(r.get(0)),
                name: r.get(1),
                company: r.get(2),
                contact: r.get(3),
                phone: r.get(4),
                tags: r.get(5),
                tier_rank: scheme.rank(r.get(6)),
            })
            .collect())
    }

    /// The team book keeps no search keys: they are worked out here, on the client, from
    /// the rows (the book is shared; what the client can reckon stays on the client).
    fn search_candidates(&self, words: &[u64], owners: &crate::store::Owners) -> Result<Vec<Keyed>> {
        Ok(self
            .search_entries(owners)?
            .into_iter()
            .map(Keyed::from)
            .filter(|k| crate::domain::search::may_match(&k.keys.masks, words))
            .collect())
    }
}

impl PgStore {
    /// `update_customer`, refused (`ChangedSince`) if `seen` is given and is not the latest.
    fn update_customer_seen(
        &mut self,
        id: CustomerId,
        f: &CustomerFields,
        reason: &str,
        seen: Option<&Seen>,
    ) -> Result<()> {
        dates::check(DateField::CreatedOn, f.created_on)?;

        let scheme = self.scheme_needed()?.clone();
        scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
        let now = self.clock.now();
        let login = self.target.login.clone();
        let values = FieldValues::new(f, &login);
        let mut tx = self.tx()?;
        let old_tier: String = tx
            .query_opt("SELECT tier FROM customers WHERE id = $1 FOR NO KEY UPDATE", &[&id.0])?
            .ok_or(StoreError::NoSuchCustomer(id.0))?
            .get(0);
        // The customer's row is locked: nobody can change it between this check and the update.
        if let Some(seen) = seen
            && let Some((_, by, at)) = last_form_change(&mut tx, id)?.filter(|c| c.0 != seen.last_change)
        {
            return Err(StoreError::ChangedSince { by, at });
        }
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&id.0];
        params.extend(values.params());
        params.push(&now);
        let temperament = f.temperament.as_deref().filter(|t| !t.trim().is_empty());
        params.push(&temperament);
        tx.execute(
            "UPDATE customers SET ext_ref = $2, name = $3, name_key = $4, company = $5, contact_person = $6,
                phone = $7, email = $8, region = $9, address = $10, industry = $11, owner = $12, tags = $13,
                notes = $14, created_on = $15, tier = $16, updated_at = $17, temperament = $18
             WHERE id = $1",
            &params,
        )
        .map_err(|e| match customer_write_error(e) {
            // Row-level security hides the key's value from the database's detail; one row
            // was written, so the reference refused is this one.
            StoreError::DuplicateRef(r) if r.is_empty() => {
                StoreError::DuplicateRef(f.ext_ref.clone().unwrap_or_default())
            }
            other => other,
        })?;
        // The new tier's cadence applies at once, from the last contact.
        super::contacts::refresh_schedule(&mut tx, &scheme, id)?;
        if old_tier != f.tier {
            let into_top = awaits_signoff(&scheme, Some(&old_tier), &f.tier);
            insert_tier_change(&mut tx, id.0, Some(&old_tier), &f.tier, now, &login, reason, into_top)?;
            tx.execute("UPDATE customers SET signoff_pending = $2 WHERE id = $1", &[&id.0, &into_top])?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The audit log's latest row that added the customer or changed one of its `FORM_COLUMNS`:
/// its id, who made it (the person's name, else the login) and when.
fn last_form_change(db: &mut impl GenericClient, id: CustomerId) -> Result<Option<(i64, String, NaiveDateTime)>> {
    let changed: Vec<String> =
        FORM_COLUMNS.iter().map(|c| format!("a.old_row -> '{c}' IS DISTINCT FROM a.new_row -> '{c}'")).collect();
    let sql = format!(
        "SELECT a.id, coalesce(p.name, c.made_by), c.made_at
           FROM audit_log a JOIN changes c ON c.id = a.change_id LEFT JOIN people p ON p.login = c.made_by
          WHERE a.customer_id = $1 AND a.table_name = 'customers' AND a.row_id = $1
            AND (a.op <> 'update' OR {})
          ORDER BY a.id DESC LIMIT 1",
        changed.join(" OR ")
    );
    Ok(db.query_opt(&sql, &[&id.0])?.map(|r| (r.get(0), r.get(1), r.get(2))))
}

impl PgStore {
    /// Add customers in one transaction, each with its first tier in the history. `one`: a
    /// customer added by a person (a start in the top tier waits for a sign-off); otherwise a
    /// generated book's, where nobody chose the tiers and nothing waits.
    fn add_customers(&mut self, all: &[CustomerFields], one: bool) -> Result<Vec<CustomerId>> {
        for f in all {
            dates::check(DateField::CreatedOn, f.created_on)?;
        }
        let scheme = self.scheme_needed()?.clone();
        let mut dues = Vec::with_capacity(all.len());
        for f in all {
            let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
            dues.push(next_due_of(tier, f.created_on, &[], &[]));
        }
        let now = self.clock.now();
        let login = self.target.login.clone();
        let rows: Vec<NewCustomer> = all
            .iter()
            .zip(dues)
            .map(|(f, due)| NewCustomer {
                fields: f,
                due,
                awaiting: one && awaits_signoff(&scheme, None, &f.tier),
                tier_at: initial_tier_at(f.created_on, now),
            })
            .collect();
        let mut tx = self.tx()?;
        match insert_customers(&mut tx, &rows, &login, now) {
            Ok(ids) => {
                tx.commit()?;
                Ok(ids)
            }
            Err(StoreError::DuplicateRef(_)) if rows.len() > 1 => {
                drop(tx);
                Err(StoreError::DuplicateRef(self.refused_ref(&rows, &login, now)?))
            }
            Err(e) => Err(e),
        }
    }

    /// The reference a refused batch of customers failed on, as SQLite names it (the first
    /// row in order that cannot be written): the batch is written again row by row in a
    /// transaction that is then rolled back. Only on that error: the database does not name
    /// the value itself on a table under row-level security.
    fn refused_ref(&mut self, rows: &[NewCustomer], login: &str, now: NaiveDateTime) -> Result<String> {
        let mut probe = self.client.get_mut().transaction()?;
        for row in rows {
            if let Err(StoreError::DuplicateRef(r)) =
                insert_customers(&mut probe, std::slice::from_ref(row), login, now)
            {
                return Ok(r);
            }
        }
        Ok(String::new())
    }
}

/// When a customer's first tier was set: on the day it was taken on (the start of that day)
/// if that is in the past, else now.
fn initial_tier_at(created_on: NaiveDate, now: NaiveDateTime) -> NaiveDateTime {
    if created_on < now.date() { created_on.and_time(chrono::NaiveTime::MIN) } else { now }
}
