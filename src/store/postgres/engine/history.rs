//! A customer's history and undo on the team book: the SQLite engine's (`store/history.rs`,
//! whose merging of log rows into entries is shared), over the log the database keeps
//! (schema step 2, `audit_v2.rs`).
//!
//! Two differences, both from PostgreSQL having many writers at once: a change's log rows
//! are found by its id (they may interleave with another change's), and undo locks each
//! record it puts back (`FOR UPDATE`) before checking it is still as the change left it.
//! The undo's own `changes` row names the change it undoes when it is made: people may
//! only add to `changes`.

use std::collections::HashSet;

use postgres::GenericClient;
use postgres::error::SqlState;
use serde_json::{Map, Value as Json};

use super::PgStore;
use crate::domain::audit::AuditEntry;
use crate::domain::customer::CustomerId;
use crate::store::audit::{AUDITED, CustomerOf};
use crate::store::history::{Image, Raw, agrees, conflict, entry, merge};
use crate::store::prelude::*;
use crate::store::{Result, StoreError, Undone};

impl History for PgStore {
    fn audit_of(&self, customer: CustomerId, limit: usize) -> Result<Vec<AuditEntry>> {
        // One change may touch a record several times (a tier change: the tier, then the
        // due date): those read as one entry, so read more rows than entries wanted.
        let raw_limit = limit.saturating_mul(8).min(i64::MAX as usize) as i64;
        let rows = self.client.borrow_mut().query(
            "SELECT a.change_id, c.made_at, c.made_by, a.table_name, a.row_id, a.customer_id, a.op,
                    audit_image(a.table_name, a.old_row), audit_image(a.table_name, a.new_row), c.undoes,
                    (SELECT u.id FROM changes u WHERE u.undoes = a.change_id)
             FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.customer_id = $1 ORDER BY a.id DESC LIMIT $2",
            &[&customer.0, &raw_limit],
        )?;
        let raws = rows
            .iter()
            .map(|r| {
                Ok(Raw {
                    change: r.get(0),
                    at: r.get(1),
                    by: r.get(2),
                    table: r.get(3),
                    row_id: r.get(4),
                    customer: r.get(5),
                    op: r.get(6),
                    old: image(r.get(7))?,
                    new: image(r.get(8))?,
                    undoes: r.get(9),
                    undone_by: r.get(10),
                })
            })
            .collect::<Result<Vec<Raw>>>()?;
        let mut merged = merge(raws);
        merged.truncate(limit);
        // An added row stores no image: rebuild it as the change left it.
        for m in merged.iter_mut().filter(|m| m.op == "insert") {
            let mut client = self.client.borrow_mut();
            m.new = image_as_added(&mut *client, customer, &m.table, m.row_id, m.change)?;
        }
        Ok(merged.into_iter().filter_map(entry).collect())
    }

    fn last_undoable(&self) -> Result<Option<i64>> {
        // A change that wrote nothing (its transaction's writes all failed, or changed
        // nothing worth a log row) has no rows: it is no change to undo.
        let row = self.client.borrow_mut().query_opt(
            "SELECT id FROM changes c WHERE session = $1 AND undoes IS NULL
               AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undoes = c.id)
               AND EXISTS (SELECT 1 FROM audit_log a WHERE a.change_id = c.id)
             ORDER BY id DESC LIMIT 1",
            &[&self.session],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    fn undo_last(&mut self) -> Result<Option<Undone>> {
        let Some(target) = self.last_undoable()? else { return Ok(None) };
        let now = self.clock.now();
        let session = self.session.clone();
        let mut tx = self.client.get_mut().transaction()?;
        let undo_id: i64 = tx
            .query_one(
                "WITH c AS (INSERT INTO changes (session, made_at, undoes) VALUES ($1, $2, $3) RETURNING id)
                 SELECT c.id, set_config('tierdesk.change', c.id::text, true) FROM c",
                &[&session, &now, &target],
            )
            .map_err(|e| match e.code() {
                // Undone meanwhile, by another connection of this session.
                Some(c) if *c == SqlState::UNIQUE_VIOLATION => conflict(None),
                _ => StoreError::from(e),
            })?
            .get(0);
        let (at, by): (chrono::NaiveDateTime, String) = {
            let r = tx.query_one("SELECT made_at, made_by FROM changes WHERE id = $1", &[&target])?;
            (r.get(0), r.get(1))
        };
        let logged = tx.query(
            "SELECT id, table_name, row_id, customer_id, op, audit_image(table_name, old_row),
                    audit_image(table_name, new_row), customer_owner
             FROM audit_log WHERE change_id = $1 ORDER BY id DESC",
            &[&target],
        )?;
        let owners: Vec<Option<String>> = logged.iter().map(|r| r.get(7)).collect();
        let first: i64 = logged.iter().map(|r| r.get::<_, i64>(0)).min().unwrap_or(0);
        let mut rows = logged
            .iter()
            .map(|r| {
                Ok(Raw {
                    change: target,
                    at,
                    by: by.clone(),
                    table: r.get(1),
                    row_id: r.get(2),
                    customer: r.get(3),
                    op: r.get(4),
                    old: image(r.get(5))?,
                    new: image(r.get(6))?,
                    undoes: None,
                    undone_by: Some(undo_id),
                })
            })
            .collect::<Result<Vec<Raw>>>()?;
        // What was changed after it and still stands (a change later undone, and the undo,
        // cancel out). A change this person may not read counts as standing.
        let since: HashSet<(String, i64)> = tx
            .query(
                "SELECT DISTINCT a.table_name, a.row_id FROM audit_log a LEFT JOIN changes c ON c.id = a.change_id
                 WHERE a.id > $1 AND a.change_id <> $2 AND a.change_id <> $3 AND c.undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undoes = a.change_id)
                   AND (a.table_name, a.row_id) IN (SELECT table_name, row_id FROM audit_log WHERE change_id = $2)",
                &[&first, &target, &undo_id],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        if let Some(r) = rows.iter().find(|r| since.contains(&(r.table.clone(), r.row_id))) {
            return Err(conflict(crate::store::history_entity_of(&r.table)));
        }
        tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")?;
        let (added, order) = put_back_order(&rows);
        take_back_added(&mut tx, &mut rows, &added)?;
        for i in order {
            put_back(&mut tx, &rows[i], owners[i].as_deref())?;
        }
        let mut customers = Vec::new();
        for c in rows.iter().filter_map(|r| r.customer.map(CustomerId)) {
            if !customers.contains(&c) {
                customers.push(c);
            }
        }
        let merged = merge(rows);
        tx.commit()?;
        let entries = merged.into_iter().filter_map(entry).collect();
        Ok(Some(Undone { change: target, entries, customers }))
    }
}

/// In which order to take back a change's rows (given newest first). Not simply newest first
/// as in SQLite: a cascade's rows are logged after the row removed (schema step 2), and a
/// row comes back only after the rows its access is checked through (a reschedule after its
/// follow-up), which deferred foreign keys do not help. So: first the rows it added go (the
/// first list, for `take_back_added`), then the rows it removed come back, parents first
/// (`AUDITED`'s order), then its changes are undone newest first. A row it added and
/// removed again is left alone, and so are the changes of rows it added.
fn put_back_order(rows: &[Raw]) -> (Vec<usize>, Vec<usize>) {
    let rank = |t: &str| AUDITED.iter().position(|(a, _)| *a == t).unwrap_or(AUDITED.len());
    let key = |r: &Raw| (r.table.clone(), r.row_id);
    let added: HashSet<(String, i64)> = rows.iter().filter(|r| r.op == "insert").map(key).collect();
    let removed: HashSet<(String, i64)> = rows.iter().filter(|r| r.op == "delete").map(key).collect();
    let all = 0..rows.len();
    let take: Vec<usize> =
        all.clone().filter(|i| rows[*i].op == "insert" && !removed.contains(&key(&rows[*i]))).collect();
    let mut order: Vec<usize> =
        all.clone().filter(|i| rows[*i].op == "delete" && !added.contains(&key(&rows[*i]))).collect();
    order.sort_by_key(|i| rank(&rows[*i].table));
    order.extend(all.filter(|i| {
        let r = &rows[*i];
        r.op != "insert" && r.op != "delete" && !added.contains(&key(r))
    }));
    (take, order)
}

/// Remove the rows a change added (`at`), a statement per table, children first; each must
/// still be there (locked first). Their images, for saying what was undone, are kept in
/// `rows`. Statements, not a round trip per row: an import's undo removes many.
fn take_back_added(tx: &mut postgres::Transaction, rows: &mut [Raw], at: &[usize]) -> Result<()> {
    for (table, _) in AUDITED.iter().rev() {
        let mine: Vec<usize> = at.iter().copied().filter(|i| rows[*i].table == *table).collect();
        if mine.is_empty() {
            continue;
        }
        let ids: Vec<i64> = mine.iter().map(|i| rows[*i].row_id).collect();
        let found = tx
            .query(&format!("SELECT id, row_to_json(t)::text FROM {table} t WHERE id = ANY($1) FOR UPDATE"), &[&ids])?;
        let mut images = std::collections::HashMap::new();
        for r in found {
            images.insert(r.get::<_, i64>(0), image(r.get(1))?);
        }
        for i in mine {
            let Some(now) = images.get(&rows[i].row_id).cloned() else {
                return Err(conflict(crate::store::history_entity_of(table)));
            };
            rows[i].new = now;
        }
        tx.execute(&format!("DELETE FROM {table} WHERE id = ANY($1)"), &[&ids])?;
    }
    Ok(())
}

/// An image as the log's reader gives it (`audit_image`: the columns in the table's order),
/// in the SQLite book's words: a timestamp `YYYY-MM-DD HH:MM:SS`, a flag 0 or 1. The put-back
/// statements read these back into the typed columns (`jsonb_populate_record`).
fn image(text: Option<String>) -> Result<Option<Image>> {
    let Some(text) = text else { return Ok(None) };
    let parsed: Image = serde_json::from_str(&text)
        .map_err(|e| StoreError::Corrupt(format!("the audit log holds an unreadable row image: {e}")))?;
    Ok(Some(sqlite_words(parsed)))
}

/// A row (or an image) with PostgreSQL's JSON spellings put into the SQLite book's (a
/// timestamp is a `*_at` column: the one text column so named, `happened_at`, holds a time).
pub(super) fn sqlite_words(image: Image) -> Image {
    image
        .into_iter()
        .filter(|(c, _)| c != "customer_owner")
        .map(|(c, v)| {
            let v = match v {
                Json::Bool(b) => Json::from(b as i64),
                Json::String(s) if c.ends_with("_at") && is_pg_timestamp(&s) => Json::String(s.replacen('T', " ", 1)),
                other => other,
            };
            (c, v)
        })
        .collect::<Map<String, Json>>()
}

/// `2026-11-23T09:30:00`: how PostgreSQL's JSON writes a `timestamp`.
fn is_pg_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b[10] == b'T'
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => true,
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The audited table named by the log (never a name from anywhere else in a statement).
fn audited(table: &str) -> Result<&'static str> {
    AUDITED
        .iter()
        .map(|(t, _)| *t)
        .find(|t| *t == table)
        .ok_or_else(|| StoreError::Corrupt(format!("the audit log names an unknown table {table}")))
}

/// A record as it is now, as an image (locked for the rest of the transaction with `lock`).
fn live_image(c: &mut impl GenericClient, table: &str, id: i64, lock: bool) -> Result<Option<Image>> {
    let table = audited(table)?;
    let lock = if lock { " FOR UPDATE" } else { "" };
    let row = c.query_opt(&format!("SELECT row_to_json(t)::text FROM {table} t WHERE id = $1{lock}"), &[&id])?;
    image(row.map(|r| r.get(0)))
}

/// A record as change `added` left it (see `Store::image_as_added`).
fn image_as_added(
    c: &mut impl GenericClient,
    customer: CustomerId,
    table: &str,
    row_id: i64,
    added: i64,
) -> Result<Option<Image>> {
    let mut now = live_image(c, table, row_id, false)?;
    let later = c.query(
        "SELECT op, audit_image(table_name, old_row) FROM audit_log
         WHERE customer_id = $1 AND table_name = $2 AND row_id = $3 AND change_id > $4 ORDER BY id DESC",
        &[&customer.0, &table, &row_id, &added],
    )?;
    for r in later {
        let op: String = r.get(0);
        match (op.as_str(), image(r.get(1))?) {
            ("update", Some(old)) => now.get_or_insert_with(Image::new).extend(old),
            ("delete", Some(old)) => now = Some(old),
            _ => {}
        }
    }
    Ok(now)
}

/// Undo one row's change or removal, after checking (with the record locked) it is still as
/// the change left it. A removed row comes back with the owner copy its log row kept (`owner`): its
/// customer may not be back yet.
fn put_back(tx: &mut postgres::Transaction, row: &Raw, owner: Option<&str>) -> Result<()> {
    let table = audited(&row.table)?;
    let has_owner_copy = AUDITED.iter().any(|(t, of)| *t == table && matches!(of, CustomerOf::Column));
    let entity = crate::store::history_entity_of(table);
    let current = live_image(tx, table, row.row_id, true)?;
    let as_left = match (row.op.as_str(), &current) {
        ("update", Some(now)) => row.new.as_ref().is_some_and(|new| agrees(now, new)),
        ("delete", None) => true,
        _ => false,
    };
    if !as_left {
        return Err(conflict(entity));
    }
    let quoted = |image: &Image| image.keys().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>();
    match (row.op.as_str(), &row.old) {
        ("update", Some(old)) => {
            let set: Vec<String> = quoted(old).iter().map(|c| format!("{c} = r.{c}")).collect();
            let sql = format!(
                "UPDATE {table} t SET {} FROM jsonb_populate_record(NULL::{table}, $2::text::jsonb) r WHERE t.id = $1",
                set.join(", ")
            );
            tx.execute(&sql, &[&row.row_id, &Json::Object(old.clone()).to_string()])?;
        }
        ("delete", Some(old)) => {
            let mut old = old.clone();
            if let Some(owner) = owner.filter(|_| has_owner_copy) {
                old.insert("customer_owner".into(), Json::from(owner));
            }
            let cols = quoted(&old).join(", ");
            let sql = format!(
                "INSERT INTO {table} ({cols}) SELECT {cols} FROM jsonb_populate_record(NULL::{table}, $1::text::jsonb)"
            );
            tx.execute(&sql, &[&Json::Object(old).to_string()])?;
        }
        (op, _) => return Err(StoreError::Corrupt(format!("the audit log has a bad entry ({op})"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_spellings_become_the_sqlite_books() {
        let img: Image = serde_json::from_str(
            r#"{"id": 3, "done_at": "2026-11-23T09:30:00", "due_on": "2026-11-23", "signoff_pending": true,
                "customer_owner": "b", "what": "2026-11-23T09:30:00"}"#,
        )
        .unwrap_or_default();
        let words = serde_json::to_string(&sqlite_words(img)).unwrap_or_default();
        assert_eq!(
            words,
            r#"{"id":3,"done_at":"2026-11-23 09:30:00","due_on":"2026-11-23","signoff_pending":1,"what":"2026-11-23T09:30:00"}"#
        );
    }
}
