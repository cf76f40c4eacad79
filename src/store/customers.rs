//! Customers: add, edit, delete, the paged customer table and tier counts.
//! Every write keeps `last_contact_on` / `next_due_on` in step in the same transaction.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::convert::{date_text, datetime_text, new_uuid};
use super::{Result, Store, StoreError, lenient};
use crate::domain::customer::{Customer, CustomerFields, CustomerId, CustomerRow};
use crate::domain::dates::{self, DateField};
use crate::domain::due::next_due_of;
use crate::domain::names::sort_key;
use crate::domain::signoff::awaits_signoff;

/// Which column the customer table is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    LastContact,
    #[default]
    NextDue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

impl SortDir {
    pub fn flip(self) -> Self {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }
}

/// A column of the tier x risk matrix: a risk category still current, any expired
/// assessment, or never assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RiskCell {
    Current(String),
    Expired,
    NotAssessed,
}

/// Customers of one tier with one risk category (None: never assessed), whether expired,
/// and how many.
pub type RiskCount = (String, Option<String>, bool, usize);

/// One page of the customer table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// None = every tier.
    pub tier: Option<String>,
    pub sort: SortKey,
    pub dir: SortDir,
    pub offset: usize,
    pub limit: usize,
}

impl ListQuery {
    /// ORDER BY matching one of the indexes, with the row id as the final tie-break so that
    /// pages never overlap or skip rows.
    fn order_by(&self) -> String {
        let d = match self.dir {
            SortDir::Asc => "ASC",
            SortDir::Desc => "DESC",
        };
        match self.sort {
            SortKey::Name => format!("name_key {d}, name {d}, id {d}"),
            SortKey::LastContact => format!("last_contact_on {d}, id {d}"),
            SortKey::NextDue => format!("next_due_on {d}, id {d}"),
        }
    }
}

const ROW_COLUMNS: &str =
    "id, name, company, tier, owner, last_contact_on, next_due_on, risk_category, signoff_pending";

/// A row of the customer table. A date it cannot read is named (see `lenient.rs`) and shown
/// as none (latest contact) or as today (next due: the customer comes up to be looked at).
fn customer_row(store: &Store) -> impl Fn(&Row) -> rusqlite::Result<CustomerRow> + '_ {
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
     industry, owner, tags, notes, created_on, tier, last_contact_on, next_due_on, signoff_pending";

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

impl Store {
    /// Add a customer; its first tier is recorded in the tier history.
    pub fn add_customer(&mut self, f: &CustomerFields) -> Result<CustomerId> {
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
                next_due_on, updated_at, signoff_pending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18, ?19)",
            params_from_iter(std::iter::once(Value::from(new_uuid())).chain(field_values(f)).chain([
                Value::from(date_text(due)),
                Value::from(now.clone()),
                Value::from(awaiting),
            ])),
        )
        .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
        let id = tx.last_insert_rowid();
        insert_tier_change(&tx, id, None, &f.tier, &initial_tier_at(f, &now), &user, "", awaiting)?;
        tx.commit()?;
        Ok(CustomerId(id))
    }

    /// Replace a customer's fields. A changed tier is recorded in the tier history with
    /// `reason`, and the next due date follows the new tier's cadence at once.
    pub fn update_customer(&mut self, id: CustomerId, f: &CustomerFields, reason: &str) -> Result<()> {
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
        tx.execute(
            "UPDATE customers SET ext_ref = ?2, name = ?3, name_key = ?4, company = ?5,
                contact_person = ?6, phone = ?7, email = ?8, region = ?9, address = ?10,
                industry = ?11, owner = ?12, tags = ?13, notes = ?14, created_on = ?15, tier = ?16,
                updated_at = ?17
             WHERE id = ?1",
            params_from_iter(
                std::iter::once(Value::from(id.0)).chain(field_values(f)).chain([Value::from(now.clone())]),
            ),
        )
        .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
        // The new tier's cadence applies at once, from the last contact.
        super::contacts::refresh_schedule(&tx, &scheme, id)?;
        if old_tier != f.tier {
            super::tiers::record_move(&tx, &scheme, id, &old_tier, &f.tier, &now, &user, reason)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Delete a customer and everything recorded about them.
    pub fn delete_customer(&mut self, id: CustomerId) -> Result<()> {
        let tx = self.tx()?;
        let n = tx.execute("DELETE FROM customers WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(StoreError::NoSuchCustomer(id.0));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn customer(&self, id: CustomerId) -> Result<Option<Customer>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {FULL_COLUMNS} FROM customers WHERE id = ?1"), [id.0], full_customer(self))
            .optional()?)
    }

    /// Customers whose external reference is `ext_ref`, or whose name is exactly `name`.
    pub fn find_customers(&self, key: &str) -> Result<Vec<CustomerRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM customers WHERE ext_ref = ?1 OR name = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([key], customer_row(self))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every customer (of one tier, or all), ordered by name, with all fields.
    pub fn customers_by_name(&self, tier: Option<&str>) -> Result<Vec<Customer>> {
        let filter = if tier.is_some() { "WHERE tier = ?1" } else { "" };
        let mut st =
            self.conn.prepare(&format!("SELECT {FULL_COLUMNS} FROM customers {filter} ORDER BY name_key, name, id"))?;
        let rows = match tier {
            Some(t) => st.query_map([t], full_customer(self))?,
            None => st.query_map([], full_customer(self))?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Add many customers in one transaction (demo data, imports, benchmarks).
    pub fn add_customers_bulk(&mut self, all: &[CustomerFields]) -> Result<Vec<CustomerId>> {
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
                    next_due_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, ?17, ?18)",
            )?;
            for f in all {
                let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
                insert
                    .execute(params_from_iter(std::iter::once(Value::from(new_uuid())).chain(field_values(f)).chain([
                        Value::from(date_text(next_due_of(tier, f.created_on, &[], &[]))),
                        Value::from(now.clone()),
                    ])))
                    .map_err(|e| unique_ref_error(e, &f.ext_ref))?;
                let id = tx.last_insert_rowid();
                // Generated books (demo, benchmarks): nobody chose these tiers, nothing to sign off.
                insert_tier_change(&tx, id, None, &f.tier, &initial_tier_at(f, &now), &user, "", false)?;
                ids.push(CustomerId(id));
            }
        }
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(ids)
    }

    /// Table rows for these customers, in the order given (search results).
    pub fn customer_rows_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<CustomerRow>> {
        let list = serde_json::to_string(&ids.iter().map(|i| i.0).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM customers WHERE id IN (SELECT value FROM json_each(?1))"
        ))?;
        let mut rows: Vec<CustomerRow> = st.query_map([list], customer_row(self))?.collect::<rusqlite::Result<_>>()?;
        rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id).unwrap_or(usize::MAX));
        Ok(rows)
    }

    /// What every customer is found by, for the search index (`tier_rank` from the scheme).
    pub fn search_entries(&self) -> Result<Vec<crate::domain::search::SearchEntry>> {
        let scheme = self.require_scheme()?;
        let mut st = self.conn.prepare("SELECT id, name, company, contact_person, phone, tags, tier FROM customers")?;
        let rows = st.query_map([], |r| {
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

    /// Customers per tier and risk category (None: never assessed), and whether that
    /// assessment has expired: taken on or before `expired_through` (see
    /// `AssessmentRule::expired_through`).
    pub fn risk_matrix(&self, expired_through: NaiveDate) -> Result<Vec<RiskCount>> {
        let mut st = self.conn.prepare_cached(
            "SELECT tier, risk_category, coalesce(risk_assessed_on <= ?1, 0), count(*) FROM customers
             GROUP BY 1, 2, 3",
        )?;
        let rows = st.query_map([date_text(expired_through)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The customers of one cell of the tier x risk matrix, by name, at most `limit`.
    pub fn customers_in_cell(
        &self,
        tier: &str,
        cell: &RiskCell,
        expired_through: NaiveDate,
        limit: usize,
    ) -> Result<Vec<CustomerRow>> {
        let (category, filter) = match cell {
            RiskCell::Current(c) => {
                (Some(c.as_str()), "risk_category = ?2 AND NOT coalesce(risk_assessed_on <= ?3, 0)")
            }
            RiskCell::Expired => (None, "risk_category IS NOT NULL AND risk_assessed_on <= ?3"),
            RiskCell::NotAssessed => (None, "risk_category IS NULL"),
        };
        // Unused parameters are bound all the same (SQLite counts up to the highest, ?4).
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM customers WHERE tier = ?1 AND {filter} ORDER BY name_key, name, id LIMIT ?4"
        ))?;
        let rows =
            st.query_map(params![tier, category, date_text(expired_through), limit as i64], customer_row(self))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Customers per tier code (tiers with none are absent).
    pub fn tier_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut st = self.conn.prepare_cached("SELECT tier, count(*) FROM customers GROUP BY tier")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many rows the query would give without paging.
    pub fn count_customers(&self, tier: Option<&str>) -> Result<usize> {
        let n: i64 = match tier {
            Some(t) => self
                .conn
                .prepare_cached("SELECT count(*) FROM customers WHERE tier = ?1")?
                .query_row([t], |r| r.get(0))?,
            None => self.conn.prepare_cached("SELECT count(*) FROM customers")?.query_row([], |r| r.get(0))?,
        };
        Ok(n as usize)
    }

    fn customer_rows_sql(q: &ListQuery) -> String {
        let filter = if q.tier.is_some() { "WHERE tier = ?3" } else { "" };
        format!("SELECT {ROW_COLUMNS} FROM customers {filter} ORDER BY {} LIMIT ?1 OFFSET ?2", q.order_by())
    }

    /// SQLite's plan for a page query, for tests that check an index serves every ordering.
    pub fn explain_customer_rows(&self, q: &ListQuery) -> Result<String> {
        let sql = format!("EXPLAIN QUERY PLAN {}", Self::customer_rows_sql(q));
        let mut st = self.conn.prepare(&sql)?;
        let tier = q.tier.clone().unwrap_or_default();
        let n = st.parameter_count();
        let all: [&dyn rusqlite::ToSql; 3] = [&1i64, &0i64, &tier];
        let rows: Vec<String> = st.query_map(&all[..n], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    /// One page of the customer table, in index order: only the rows asked for are read.
    pub fn customer_rows(&self, q: &ListQuery) -> Result<Vec<CustomerRow>> {
        let sql = Self::customer_rows_sql(q);
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = match &q.tier {
            Some(t) => st.query_map(params![q.limit as i64, q.offset as i64, t], customer_row(self))?,
            None => st.query_map(params![q.limit as i64, q.offset as i64], customer_row(self))?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Like `customer_rows`, but a page in the second half of `total` rows is read from the
    /// other end of the index (reversed order, smaller OFFSET), so that jumping to the last
    /// page costs no more than jumping to the first.
    pub fn customer_window(&self, q: &ListQuery, total: usize) -> Result<Vec<CustomerRow>> {
        let end = (q.offset + q.limit).min(total);
        if q.offset <= total / 2 || end <= q.offset {
            return self.customer_rows(q);
        }
        let flipped = ListQuery { dir: q.dir.flip(), offset: total - end, limit: end - q.offset, ..q.clone() };
        let mut rows = self.customer_rows(&flipped)?;
        rows.reverse();
        Ok(rows)
    }

    /// Where customer `id` sits in the ordering of `q` (ignoring paging), if it is in it.
    /// Counts the rows before it with a row-value comparison over the same index.
    pub fn position_of(&self, q: &ListQuery, id: CustomerId) -> Result<Option<usize>> {
        let Some(c) = self.customer(id)? else {
            return Ok(None);
        };
        if q.tier.as_deref().is_some_and(|t| t != c.fields.tier) {
            return Ok(None);
        }
        let cmp = match q.dir {
            SortDir::Asc => "<",
            SortDir::Desc => ">",
        };
        let (cond, key) = match q.sort {
            SortKey::Name => (format!("(name_key, name, id) {cmp} (?1, ?2, ?3)"), Some(sort_key(&c.fields.name))),
            // NULL (never contacted) sorts first ascending, as in ORDER BY.
            SortKey::LastContact => match c.last_contact_on {
                Some(_) => (
                    match q.dir {
                        SortDir::Asc => "(last_contact_on IS NULL OR (last_contact_on, id) < (?1, ?3))".to_string(),
                        SortDir::Desc => "(last_contact_on, id) > (?1, ?3)".to_string(),
                    },
                    c.last_contact_on.map(date_text),
                ),
                None => (
                    match q.dir {
                        SortDir::Asc => "(last_contact_on IS NULL AND id < ?3)".to_string(),
                        SortDir::Desc => "(last_contact_on IS NOT NULL OR id > ?3)".to_string(),
                    },
                    None,
                ),
            },
            SortKey::NextDue => (format!("(next_due_on, id) {cmp} (?1, ?3)"), Some(date_text(c.next_due_on))),
        };
        let tier_cond = if q.tier.is_some() { "AND tier = ?4" } else { "" };
        let sql = format!("SELECT count(*) FROM customers WHERE {cond} {tier_cond}");
        let mut st = self.conn.prepare(&sql)?;
        // Unused parameters are bound anyway; SQLite ignores them only if present in the SQL,
        // so bind by the highest index the statement has.
        let n = st.parameter_count();
        let all: [&dyn rusqlite::ToSql; 4] = [&key, &c.fields.name, &id.0, &c.fields.tier];
        let count: i64 = st.query_row(&all[..n], |r| r.get(0))?;
        Ok(Some(count as usize))
    }
}

/// When a customer's first tier was set: on the day it was taken on (the start of that day)
/// if that is in the past, else now.
fn initial_tier_at(f: &CustomerFields, now: &str) -> String {
    let day = date_text(f.created_on);
    if now.get(..10).is_some_and(|today| day.as_str() < today) { format!("{day} 00:00:00") } else { now.to_string() }
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

/// Write one row of the tier history; `needs_signoff`: it waits for a sign-off.
#[allow(clippy::too_many_arguments)]
pub(super) fn insert_tier_change(
    tx: &rusqlite::Transaction,
    customer: i64,
    from: Option<&str>,
    to: &str,
    at: &str,
    by: &str,
    reason: &str,
    needs_signoff: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at,
            needs_signoff)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5, ?8)",
    )?
    .execute(params![new_uuid(), customer, from, to, at, by, reason, needs_signoff])?;
    Ok(())
}
