//! Reading the rows the daily list is made of, leniently: a snooze or a customer's latest
//! contact whose date cannot be read is left out (and named) instead of failing the list.
//! Also the rule a snooze or reschedule date must meet.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::Result;
use super::lenient::{self, Sink};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::{CustomerRef, Snooze};

/// The customers of the daily list, read by `customer_row`: those due by `?1`, and (once
/// more, without overlap) those contacted on `?2` (today), and those whose next due date is
/// damaged text ("garbage" sorts after every date below '9999-12-31': an empty range of the
/// index in a sound book), so that they are worked out afresh or named; only customer `?3`
/// when it is not negative, only the owners in the JSON array `?4` when it is not NULL. The
/// bound is a literal: no plan depends on a parameter.
pub(super) const DUE_CUSTOMERS: &str =
    "SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on FROM customers
     WHERE next_due_on <= ?1 AND (?3 < 0 OR id = ?3) AND (?4 IS NULL OR owner IN (SELECT value FROM json_each(?4)))
     UNION ALL
     SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on FROM customers
     WHERE last_contact_on = ?2 AND next_due_on > ?1 AND next_due_on <= '9999-12-31' AND (?3 < 0 OR id = ?3) AND (?4 IS NULL OR owner IN (SELECT value FROM json_each(?4)))
     UNION ALL
     SELECT id, ext_ref, name, company, tier, last_contact_on, region, created_on FROM customers
     WHERE next_due_on > '9999-12-31' AND (?3 < 0 OR id = ?3) AND (?4 IS NULL OR owner IN (SELECT value FROM json_each(?4)))";

/// The schema step that makes the daily list's read of its customers an index range: an
/// index led by the next due date (and the id, keeping the order of `customers_by_due (next_due_on)`,
/// whose place it takes) holding every column that read takes (`customer_row`, and the owner
/// it filters on), so that the customers due are read from the index alone, in order, and
/// not each looked up in the table, whose rows hold every field. On the 100,000-customer
/// bench book with 90,097 due (`due --format json`, whole process, medians of 15): 110 ms ->
/// 92 ms, peak memory 86 -> 73 MB; with 29,689 due, unchanged (86 ms). It replaces an index,
/// so an import still rebuilds nine, but a wider one: importing 100,000 customers takes
/// 0.03-0.06 s longer (1.26 -> 1.29-1.32 s, medians of 5).
pub(super) const DUE_LIST_STEP: &str = "
DROP INDEX customers_by_due;
CREATE INDEX customers_due_list
    ON customers (next_due_on, id, ext_ref, name, company, tier, last_contact_on, region, created_on, owner);
";

/// The snoozes recorded for a customer (the domain decides which are still in force); one
/// with an unreadable date is skipped and named in `sink`.
pub(super) fn snoozes_of(conn: &Connection, customer: CustomerId, sink: &Sink) -> Result<Vec<Snooze>> {
    let mut st = conn.prepare_cached("SELECT requirement, until_on, set_on, id FROM snoozes WHERE customer_id = ?1")?;
    let rows = st.query_map([customer.0], |r| snooze_row(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        match row? {
            Ok(s) => out.push(s),
            Err((id, field, text)) => lenient::note(conn, sink, (RecordKind::Snooze, id), customer.0, field, text),
        }
    }
    Ok(out)
}

/// The rule for snooze and reschedule dates: in the accepted years, and after today (an
/// earlier date would hide lateness).
pub(super) fn later_than_today(field: DateField, date: NaiveDate, today: NaiveDate) -> Result<()> {
    dates::check(field, date)?;
    if date <= today {
        return Err(dates::DateProblem::NotAfterToday { field, date, today }.into());
    }
    Ok(())
}

/// A snooze read from `requirement, until_on, set_on, id` starting at column `at`; Err names
/// the snooze and the date that cannot be read.
pub(super) type Unread = (i64, DateField, String);
pub(super) fn snooze_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<std::result::Result<Snooze, Unread>> {
    let id: i64 = r.get(at + 3)?;
    let until = match lenient::date(r, at + 1)? {
        Ok(d) => d,
        Err(text) => return Ok(Err((id, DateField::SnoozeUntil, text.into()))),
    };
    let set_on = match lenient::date(r, at + 2)? {
        Ok(d) => d,
        Err(text) => return Ok(Err((id, DateField::Today, text.into()))),
    };
    Ok(Ok(Snooze { requirement: r.get::<_, i64>(at)? as usize, until, set_on }))
}

/// The customer facts of a due row from `id, ext_ref, name, company, tier, last_contact_on, region`
/// starting at column `at`; an unreadable latest contact counts as none (and is named).
pub(super) fn customer_ref(r: &rusqlite::Row, at: usize) -> rusqlite::Result<(CustomerRef, Option<String>)> {
    let (last_contact, bad) = match lenient::opt_date(r, at + 5)? {
        Ok(d) => (d, None),
        Err(text) => (None, Some(text.into())),
    };
    let c = CustomerRef {
        id: CustomerId(r.get(at)?),
        ext_ref: r.get(at + 1)?,
        name: r.get(at + 2)?,
        company: r.get(at + 3)?,
        tier: r.get(at + 4)?,
        last_contact,
        region: r.get(at + 6)?,
    };
    Ok((c, bad))
}

/// A customer of the due list read from `id, ext_ref, name, company, tier, last_contact_on,
/// region, created_on`: its id, its facts, its created date (Err: the unreadable text) and
/// its unreadable latest contact, if so.
pub(super) type CustomerRow = (i64, CustomerRef, std::result::Result<NaiveDate, String>, Option<String>);
pub(super) fn customer_row(r: &rusqlite::Row) -> rusqlite::Result<CustomerRow> {
    let id: i64 = r.get(0)?;
    let created = lenient::date(r, 7)?.map_err(String::from);
    let (customer, bad_last) = customer_ref(r, 0)?;
    Ok((id, customer, created, bad_last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::migrations::{MIGRATIONS, migrate_to};

    type Outcome = std::result::Result<(), Box<dyn std::error::Error>>;

    /// The daily list's customers on 2026-11-23, due by 2026-12-01: (id, name, ref).
    fn due_customers(conn: &Connection) -> rusqlite::Result<Vec<(i64, String, Option<String>)>> {
        let mut st = conn.prepare(DUE_CUSTOMERS)?;
        let params = rusqlite::params!["2026-12-01", "2026-11-23", -1, None::<String>];
        let mut rows: Vec<_> =
            st.query_map(params, |r| Ok((r.get(0)?, r.get(2)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        rows.sort();
        Ok(rows)
    }

    /// A book from before the step keeps its daily list through it, and afterwards the
    /// customers due are read from the new index alone.
    #[test]
    fn the_due_list_step_keeps_the_list_and_reads_it_from_the_index_alone() -> Outcome {
        let mut conn = Connection::open_in_memory()?;
        let step = MIGRATIONS.iter().position(|m| m.sql == DUE_LIST_STEP).ok_or("the step is not in the list")?;
        let step = i64::try_from(step)?;
        migrate_to(&mut conn, None, step)?;
        let mut sql = String::new();
        // (name, next due, latest contact): due, due, not yet, contacted today, damaged.
        for (n, due, last) in [
            ("早", "2026-11-01", "NULL"),
            ("今", "2026-12-01", "'2026-11-17'"),
            ("迟", "2027-01-01", "'2026-11-02'"),
            ("访", "2026-12-23", "'2026-11-23'"),
            ("坏", "garbage", "NULL"),
        ] {
            sql.push_str(&format!(
                "INSERT INTO customers (uuid, ext_ref, name, name_key, company, region, created_on, tier, next_due_on,
                     last_contact_on, updated_at)
                 VALUES ('{n}', 'R-{n}', '{n}', '{n}', '公司', '华东', '2026-01-01', 'A', '{due}', {last},
                     '2026-01-01T00:00:00+08:00');"
            ));
        }
        conn.execute_batch(&sql)?;
        let before = due_customers(&conn)?;
        let names: Vec<&str> = before.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["早", "今", "访", "坏"]);
        migrate_to(&mut conn, None, step + 1)?;
        assert_eq!(due_customers(&conn)?, before);
        let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {DUE_CUSTOMERS}"))?;
        let params = rusqlite::params!["2026-12-01", "2026-11-23", -1, None::<String>];
        let plan: Vec<String> = st.query_map(params, |r| r.get(3))?.collect::<rusqlite::Result<_>>()?;
        assert!(plan.iter().any(|p| p.contains("COVERING INDEX customers_due_list (next_due_on<?)")), "{plan:#?}");
        Ok(())
    }
}
