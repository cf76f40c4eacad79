//! The customer table on the team book (the SQLite engine's `store/customer_list.rs`):
//! pages in a chosen order (served by an index), positions, counts per tier, and the
//! tier x risk matrix. The orders are SQLite's: a never-contacted customer (NULL) sorts
//! first ascending and last descending, as SQLite sorts NULL.

use chrono::NaiveDate;
use postgres::types::{ToSql, Type};

use super::PgStore;
use super::customers::ROW_COLUMNS;
use crate::domain::customer::{CustomerId, CustomerRow};
use crate::domain::names::sort_key;
use crate::store::prelude::*;
use crate::store::{ListQuery, Owners, Result, RiskCell, RiskCount, SortDir, SortKey};

/// The day the pool's rules release the customer row `c` (the alias), as
/// `domain::pool::release_on` reckons it: counted from its due date, or the day its owner took
/// it from the pool if later, plus the tier's `release_after_days` and one (the book's own
/// rules, `tier_rules`, as the sweep reads them). NULL for a pinned customer, one in the pool,
/// or a tier whose rule is off. The rules are read once per statement (an uncorrelated
/// subquery), not per row: on 100,000 customers a lookup per row made a lead's position count
/// take 1.2 to 1.6 s, once 0.18 to 0.26 s.
fn release_on(c: &str) -> String {
    format!(
        "(CASE WHEN {c}.pin_reason IS NULL AND {c}.owner IS NOT NULL
          THEN greatest({c}.next_due_on, coalesce({c}.held_since, {c}.next_due_on))
               + ((SELECT jsonb_object_agg(r.tier, r.release_after_days + 1) FROM tier_rules r) ->> {c}.tier)::int END)"
    )
}

/// ORDER BY for a page: one of the indexes, with the id as the last tie-break so that
/// pages never overlap or skip rows. Days left is the one order no index serves (it reads
/// the rules of each row's tier): a scan of the rows one may see, sorted for the page.
fn order_by(q: &ListQuery) -> String {
    let (d, nulls) = match q.dir {
        SortDir::Asc => ("ASC", "NULLS FIRST"),
        SortDir::Desc => ("DESC", "NULLS LAST"),
    };
    match q.sort {
        SortKey::Name => format!("name_key {d}, name {d}, id {d}"),
        SortKey::LastContact => format!("last_contact_on {d} {nulls}, id {d}"),
        SortKey::NextDue => format!("next_due_on {d}, id {d}"),
        // Without a release date: after those with one, whichever way (see `SortKey`).
        SortKey::DaysLeft => format!("{} {d} NULLS LAST, next_due_on {d}, id {d}", release_on("customers")),
    }
}

/// A page of `q`: $1 the limit, $2 the offset, $3 the tier, $4 the owners, $5 the region
/// (all always bound; the text names them only when they filter).
fn rows_sql(q: &ListQuery) -> String {
    let tier = if q.tier.is_some() { " AND tier = $3::text" } else { "" };
    let owners = super::owners_cond(&q.owners, "owner", 4);
    let region = if q.region.is_some() { " AND btrim(region) = $5::text" } else { "" };
    format!(
        "SELECT {ROW_COLUMNS} FROM customers WHERE true{tier}{owners}{region} ORDER BY {} LIMIT $1 OFFSET $2",
        order_by(q)
    )
}

/// The parameters of `rows_sql` for a page of `limit` rows from `offset`.
fn rows_params<'a>(
    q: &'a ListQuery,
    limit: &'a i64,
    offset: &'a i64,
    who: &'a Option<Vec<String>>,
) -> [(&'a (dyn ToSql + Sync), Type); 5] {
    [(limit, Type::INT8), (offset, Type::INT8), (&q.tier, Type::TEXT), (who, Type::TEXT_ARRAY), (&q.region, Type::TEXT)]
}

impl CustomerList for PgStore {
    fn risk_matrix(&self, expired_through: NaiveDate) -> Result<Vec<RiskCount>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT tier, risk_category, coalesce(risk_assessed_on <= $1, false), count(*) FROM customers
             GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3",
            &[(&expired_through, Type::DATE)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get::<_, i64>(3) as usize)).collect())
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
                (Some(c.as_str()), "risk_category = $2 AND NOT coalesce(risk_assessed_on <= $3, false)")
            }
            RiskCell::Expired => (None, "risk_category IS NOT NULL AND risk_assessed_on <= $3"),
            RiskCell::NotAssessed => (None, "risk_category IS NULL"),
        };
        let rows = self.client.borrow_mut().query_typed(
            &format!(
                "SELECT {ROW_COLUMNS} FROM customers WHERE tier = $1 AND owner IS NOT NULL AND {filter} ORDER BY name_key, name, id LIMIT $4"
            ),
            &[
                (&tier, Type::TEXT),
                (&category, Type::TEXT),
                (&expired_through, Type::DATE),
                (&(limit as i64), Type::INT8),
            ],
        )?;
        Ok(rows.iter().map(|r| self.customer_row(r)).collect())
    }

    fn tier_counts(&self) -> Result<Vec<(String, usize)>> {
        let rows = self.client.borrow_mut().query_typed(
            "SELECT tier, count(*) FROM customers WHERE owner IS NOT NULL GROUP BY tier ORDER BY tier",
            &[],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get::<_, i64>(1) as usize)).collect())
    }

    fn count_customers(&self, tier: Option<&str>, region: Option<&str>, owners: &Owners) -> Result<usize> {
        let tier_cond = if tier.is_some() { " AND tier = $1::text" } else { "" };
        let region_cond = if region.is_some() { " AND btrim(region) = $3::text" } else { "" };
        let sql = format!(
            "SELECT count(*) FROM customers WHERE true{tier_cond}{region_cond}{}",
            super::owners_cond(owners, "owner", 2)
        );
        let who = super::owners_param(owners);
        let row = self
            .client
            .borrow_mut()
            .query_typed_one(&sql, &[(&tier, Type::TEXT), (&who, Type::TEXT_ARRAY), (&region, Type::TEXT)])?;
        Ok(row.get::<_, i64>(0) as usize)
    }

    fn regions(&self, owners: &Owners) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT DISTINCT btrim(region) COLLATE \"C\" AS r FROM customers WHERE btrim(region) <> ''{} ORDER BY r",
            super::owners_cond(owners, "owner", 1)
        );
        let who = super::owners_param(owners);
        let rows = self.client.borrow_mut().query_typed(&sql, &[(&who, Type::TEXT_ARRAY)])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// PostgreSQL's plan (EXPLAIN's text, one line per row) for a page of `q`.
    fn explain_customer_rows(&self, q: &ListQuery) -> Result<String> {
        let sql = format!("EXPLAIN {}", rows_sql(q));
        let (limit, offset) = (1i64, 0i64);
        let who = super::owners_param(&q.owners);
        let rows = self.client.borrow_mut().query_typed(&sql, &rows_params(q, &limit, &offset, &who))?;
        Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect::<Vec<_>>().join("\n"))
    }

    fn customer_rows(&self, q: &ListQuery) -> Result<Vec<CustomerRow>> {
        let (limit, offset) = (q.limit as i64, q.offset as i64);
        let who = super::owners_param(&q.owners);
        let rows = self.client.borrow_mut().query_typed(&rows_sql(q), &rows_params(q, &limit, &offset, &who))?;
        Ok(rows.iter().map(|r| self.customer_row(r)).collect())
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
        let name_key = sort_key(&c.fields.name);
        // $1 the sort value (text or date), $2 the name, $3 the id, $4 the tier.
        let (cond, key): (String, Box<dyn ToSql + Sync>) = match q.sort {
            SortKey::Name => {
                (format!("(name_key, name, id) {cmp} ($1::text, $2::text, $3::bigint)"), Box::new(name_key))
            }
            // NULL (never contacted) sorts first ascending, as in ORDER BY.
            SortKey::LastContact => match c.last_contact_on {
                Some(on) => (
                    match q.dir {
                        SortDir::Asc => "(last_contact_on IS NULL OR (last_contact_on, id) < ($1::date, $3::bigint))",
                        SortDir::Desc => "(last_contact_on, id) > ($1::date, $3::bigint)",
                    }
                    .to_string(),
                    Box::new(on),
                ),
                None => (
                    match q.dir {
                        SortDir::Asc => "(last_contact_on IS NULL AND id < $3::bigint)",
                        SortDir::Desc => "(last_contact_on IS NOT NULL OR id > $3::bigint)",
                    }
                    .to_string(),
                    Box::new(None::<NaiveDate>),
                ),
            },
            SortKey::NextDue => (format!("(next_due_on, id) {cmp} ($1::date, $3::bigint)"), Box::new(c.next_due_on)),
            // Before it: an earlier (later) release date; any release date when it has none;
            // the same one (or none either) and an earlier (later) next due and id. Its own
            // release date is $7, read first (a subquery per row cost a lead 3 s on 100,000).
            SortKey::DaysLeft => {
                let theirs = release_on("customers");
                (
                    format!(
                        "(({theirs} IS NOT NULL AND $7::date IS NULL) OR {theirs} {cmp} $7::date
                          OR ({theirs} IS NOT DISTINCT FROM $7::date AND (next_due_on, id) {cmp} ($1::date, $3::bigint)))"
                    ),
                    Box::new(c.next_due_on),
                )
            }
        };
        let mine: Option<NaiveDate> = match q.sort {
            SortKey::DaysLeft => self
                .client
                .borrow_mut()
                .query_typed_one(
                    &format!("SELECT {} FROM customers WHERE id = $1", release_on("customers")),
                    &[(&id.0, Type::INT8)],
                )?
                .get(0),
            _ => None,
        };
        let tier_cond = if q.tier.is_some() { "AND tier = $4::text" } else { "" };
        // Parameters the text does not use are bound all the same (their types are given).
        let owners_cond = super::owners_cond(&q.owners, "owner", 5);
        let region_cond = if q.region.is_some() { " AND btrim(region) = $6::text" } else { "" };
        let sql = format!("SELECT count(*) FROM customers WHERE {cond} {tier_cond}{owners_cond}{region_cond}");
        let who = super::owners_param(&q.owners);
        let key_type = match (q.sort, c.last_contact_on) {
            (SortKey::Name, _) => Type::TEXT,
            _ => Type::DATE,
        };
        let n: i64 = self
            .client
            .borrow_mut()
            .query_typed_one(
                &sql,
                &[
                    (&*key, key_type),
                    (&c.fields.name, Type::TEXT),
                    (&id.0, Type::INT8),
                    (&c.fields.tier, Type::TEXT),
                    (&who, Type::TEXT_ARRAY),
                    (&q.region, Type::TEXT),
                    (&mine, Type::DATE),
                ],
            )?
            .get(0);
        Ok(Some(n as usize))
    }
}
