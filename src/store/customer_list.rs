//! The customer table as lists show it: pages in a chosen order (always served by an
//! index), positions, counts per tier, and the tier x risk matrix.

use chrono::NaiveDate;
use rusqlite::params;

use super::convert::date_text;
use super::customers::{ROW_COLUMNS, customer_row};
use super::prelude::*;
use super::{Result, Store};
use crate::domain::customer::{CustomerId, CustomerRow};
use crate::domain::names::sort_key;

/// Which column the customer table is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    LastContact,
    #[default]
    NextDue,
    /// Days of ownership left before the team pool's rules release the customer (issue 17),
    /// i.e. its release date. Customers without one (rules off for the tier, pinned, in the
    /// pool, or any book file's: a book file has no pool) come after those with one in either
    /// direction: sorting by days left is looking for the ones that have a count. Among
    /// themselves, and between equal dates, by next due, then id.
    DaysLeft,
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
    /// Whose customers: everyone's by default.
    pub owners: Owners,
    /// None = every region; otherwise customers whose region (trimmed) is exactly this.
    pub region: Option<String>,
}

/// The condition "owned by one of `owners`" on parameter `?at` (bound to `owners.json()`),
/// or none for everyone's. The unary `+` keeps SQLite on the page's sort index, filtering
/// as it walks: through the owner index it would fetch every row of the owner and sort them
/// all for one page (27 ms a page where one person owns 100,000 customers, as in most solo
/// books, instead of well under one).
pub(super) fn owner_cond(owners: &Owners, at: usize) -> String {
    match owners {
        Owners::All => String::new(),
        Owners::Only(_) => format!("+owner IN (SELECT value FROM json_each(?{at}))"),
    }
}

impl ListQuery {
    /// Whether a customer of this tier, region and owner is among the rows of the query.
    pub fn admits(&self, tier: &str, region: &str, owner: &str) -> bool {
        self.tier.as_deref().is_none_or(|t| t == tier)
            && self.region.as_deref().is_none_or(|r| r == region.trim())
            && self.owners.includes(owner)
    }

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
            // A book file has no pool: nobody has a release date, so the order is the ties'.
            SortKey::NextDue | SortKey::DaysLeft => format!("next_due_on {d}, id {d}"),
        }
    }
}

impl CustomerList for Store {
    fn risk_matrix(&self, expired_through: NaiveDate) -> Result<Vec<RiskCount>> {
        let mut st = self.conn.prepare_cached(
            "SELECT tier, risk_category, coalesce(risk_assessed_on <= ?1, 0), count(*) FROM customers
             GROUP BY 1, 2, 3",
        )?;
        let rows = st.query_map([date_text(expired_through)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn customers_in_cell(
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

    fn tier_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut st = self.conn.prepare_cached("SELECT tier, count(*) FROM customers GROUP BY tier")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn count_customers(&self, tier: Option<&str>, region: Option<&str>, owners: &Owners) -> Result<usize> {
        let n: i64 = match (tier, region, owners.json()) {
            (Some(t), None, None) => self
                .conn
                .prepare_cached("SELECT count(*) FROM customers WHERE tier = ?1")?
                .query_row([t], |r| r.get(0))?,
            (None, None, None) => {
                self.conn.prepare_cached("SELECT count(*) FROM customers")?.query_row([], |r| r.get(0))?
            }
            (tier, region, logins) => self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM customers WHERE (?1 IS NULL OR tier = ?1)
                     AND (?2 IS NULL OR trim(region) = ?2)
                     AND (?3 IS NULL OR owner IN (SELECT value FROM json_each(?3)))",
                )?
                .query_row(params![tier, region, logins], |r| r.get(0))?,
        };
        Ok(n as usize)
    }

    fn regions(&self, owners: &Owners) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT trim(region) FROM customers WHERE trim(region) <> ''
             AND (?1 IS NULL OR owner IN (SELECT value FROM json_each(?1))) ORDER BY 1",
        )?;
        let rows = st.query_map([owners.json()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn explain_customer_rows(&self, q: &ListQuery) -> Result<String> {
        let sql = format!("EXPLAIN QUERY PLAN {}", Self::customer_rows_sql(q));
        let mut st = self.conn.prepare(&sql)?;
        let tier = q.tier.clone().unwrap_or_default();
        let owners = q.owners.json().unwrap_or_default();
        let region = q.region.clone().unwrap_or_default();
        let n = st.parameter_count();
        let all: [&dyn rusqlite::ToSql; 5] = [&1i64, &0i64, &tier, &owners, &region];
        let rows: Vec<String> = st.query_map(&all[..n], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    fn customer_rows(&self, q: &ListQuery) -> Result<Vec<CustomerRow>> {
        let sql = Self::customer_rows_sql(q);
        let mut st = self.conn.prepare_cached(&sql)?;
        let tier = q.tier.clone().unwrap_or_default();
        let owners = q.owners.json().unwrap_or_default();
        let region = q.region.clone().unwrap_or_default();
        // Bound by the highest parameter the statement has (the tier's ?3, the owners' ?4,
        // the region's ?5).
        let n = st.parameter_count();
        let all: [&dyn rusqlite::ToSql; 5] = [&(q.limit as i64), &(q.offset as i64), &tier, &owners, &region];
        let rows = st.query_map(&all[..n], customer_row(self))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn position_of(&self, q: &ListQuery, id: CustomerId) -> Result<Option<usize>> {
        let Some(c) = self.customer(id)? else {
            return Ok(None);
        };
        if !q.admits(&c.fields.tier, &c.fields.region, &c.fields.owner) {
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
            SortKey::NextDue | SortKey::DaysLeft => {
                (format!("(next_due_on, id) {cmp} (?1, ?3)"), Some(date_text(c.next_due_on)))
            }
        };
        let tier_cond = if q.tier.is_some() { "AND tier = ?4" } else { "" };
        let owner_cond = match owner_cond(&q.owners, 5) {
            c if c.is_empty() => c,
            c => format!("AND {c}"),
        };
        let region_cond = if q.region.is_some() { "AND trim(region) = ?6" } else { "" };
        let sql = format!("SELECT count(*) FROM customers WHERE {cond} {tier_cond} {owner_cond} {region_cond}");
        let mut st = self.conn.prepare(&sql)?;
        // Unused parameters are bound anyway; SQLite ignores them only if present in the SQL,
        // so bind by the highest index the statement has.
        let n = st.parameter_count();
        let owners = q.owners.json().unwrap_or_default();
        let region = q.region.clone().unwrap_or_default();
        let all: [&dyn rusqlite::ToSql; 6] = [&key, &c.fields.name, &id.0, &c.fields.tier, &owners, &region];
        let count: i64 = st.query_row(&all[..n], |r| r.get(0))?;
        Ok(Some(count as usize))
    }
}

impl Store {
    fn customer_rows_sql(q: &ListQuery) -> String {
        let conds: Vec<String> = [
            if q.tier.is_some() { "tier = ?3".to_string() } else { String::new() },
            owner_cond(&q.owners, 4),
            if q.region.is_some() { "trim(region) = ?5".to_string() } else { String::new() },
        ]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
        let filter = if conds.is_empty() { String::new() } else { format!("WHERE {}", conds.join(" AND ")) };
        format!("SELECT {ROW_COLUMNS} FROM customers {filter} ORDER BY {} LIMIT ?1 OFFSET ?2", q.order_by())
    }
}
