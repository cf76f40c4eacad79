//! Reading the audit log (a customer's history) and undoing the last change of a session by
//! putting back, newest first, every row image the change replaced.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use super::audit::{self, AUDITED, NOISE_COLUMNS};
use super::convert::datetime_col;
use super::{Result, Store, StoreError};
use crate::domain::audit::{AuditEntry, Entity, Op, RowImage, fields_of};
use crate::domain::customer::CustomerId;

/// What an undo took back: the change, and what it had done (one entry per row touched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub change: i64,
    pub entries: Vec<AuditEntry>,
    /// The customers whose records moved (to refresh the screens).
    pub customers: Vec<CustomerId>,
}

struct Raw {
    change: i64,
    at: chrono::NaiveDateTime,
    by: String,
    table: String,
    row_id: i64,
    op: String,
    old: Option<String>,
    new: Option<String>,
    undoes: Option<i64>,
    undone_by: Option<i64>,
}

struct LogRow {
    table: String,
    row_id: i64,
    customer: Option<i64>,
    op: String,
    old: Option<String>,
    new: Option<String>,
}

impl Store {
    /// A customer's history, newest first: every change to them, their contacts, follow-ups,
    /// tiers, snoozes, indicator values and assessments.
    pub fn audit_of(&self, customer: CustomerId, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.change_id, c.made_at, c.made_by, a.table_name, a.row_id, a.op, a.old_row, a.new_row, c.undoes,
                    (SELECT u.id FROM changes u WHERE u.undoes = a.change_id)
             FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.customer_id = ?1 ORDER BY a.id DESC LIMIT ?2",
        )?;
        // Several rows of the log may be one record touched several times by one change (a
        // contact logged: the customer's tier, then its schedule): they read as one entry.
        let raw_limit = limit.saturating_mul(8).min(i64::MAX as usize) as i64;
        let rows = st.query_map(params![customer.0, raw_limit], |r| {
            Ok(Raw {
                change: r.get(0)?,
                at: datetime_col(r, 1)?,
                by: r.get(2)?,
                table: r.get(3)?,
                row_id: r.get(4)?,
                op: r.get(5)?,
                old: r.get(6)?,
                new: r.get(7)?,
                undoes: r.get(8)?,
                undone_by: r.get(9)?,
            })
        })?;
        let raws = rows.collect::<rusqlite::Result<Vec<Raw>>>()?;
        Ok(merge(raws).into_iter().take(limit).collect())
    }

    /// The change `undo_last` would take back, if any: this session's newest change that is
    /// not an undo and was not undone.
    pub fn last_undoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM changes c WHERE session = ?1 AND undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undoes = c.id)
                 ORDER BY id DESC LIMIT 1",
                [&self.session],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Undo this session's last change (see `last_undoable`); the undo is itself a change in
    /// the log. Refused, with nothing written, when a row it touched was changed since (by
    /// another program on the same book).
    pub fn undo_last(&mut self) -> Result<Option<Undone>> {
        let Some(target) = self.last_undoable()? else { return Ok(None) };
        let now = super::convert::datetime_text(self.clock.now());
        let (session, user) = (self.session.clone(), self.user.clone());
        let tx = self.tx()?;
        let undo_id: i64 = tx.query_row("SELECT change_id FROM temp.audit_ctx", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO changes (id, session, made_at, made_by, undoes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![undo_id, session, now, user, target],
        )?;
        // Rows come back in the reverse order they were written; a customer may be restored
        // after its contacts, so the foreign keys are checked at commit.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let rows: Vec<LogRow> = {
            let mut st = tx.prepare(
                "SELECT table_name, row_id, customer_id, op, old_row, new_row FROM audit_log
                 WHERE change_id = ?1 ORDER BY id DESC",
            )?;
            st.query_map([target], |r| {
                Ok(LogRow {
                    table: r.get(0)?,
                    row_id: r.get(1)?,
                    customer: r.get(2)?,
                    op: r.get(3)?,
                    old: r.get(4)?,
                    new: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        let (made_at, made_by): (String, String) =
            tx.query_row("SELECT made_at, made_by FROM changes WHERE id = ?1", [target], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let at = super::convert::parse_datetime(&made_at).unwrap_or_default();
        let mut customers = Vec::new();
        for row in &rows {
            put_back(&tx, row)?;
            if let Some(c) = row.customer.map(CustomerId).filter(|c| !customers.contains(c)) {
                customers.push(c);
            }
        }
        tx.commit()?;
        let raws = rows
            .into_iter()
            .map(|r| Raw {
                change: target,
                at,
                by: made_by.clone(),
                table: r.table,
                row_id: r.row_id,
                op: r.op,
                old: r.old,
                new: r.new,
                undoes: None,
                undone_by: Some(undo_id),
            })
            .collect();
        let entries = merge(raws);
        Ok(Some(Undone { change: target, entries, customers }))
    }
}

/// Log rows (newest first) as history entries: the touches of one record by one change
/// read as one entry (a contact logged changes the customer's schedule; a tier change, its
/// tier and then its due date), and changes that changed nothing shown are left out.
fn merge(rows: Vec<Raw>) -> Vec<AuditEntry> {
    let mut merged: Vec<Raw> = Vec::new();
    for row in rows {
        // Newest first: an earlier touch of the same record in the same change comes next.
        if let Some(last) =
            merged.iter_mut().rev().find(|m| m.change == row.change && m.table == row.table && m.row_id == row.row_id)
        {
            last.old = row.old;
            last.op = match (row.op.as_str(), last.op.as_str()) {
                ("insert", "delete") => "none".into(),
                ("insert", _) => "insert".into(),
                (_, later) => later.to_string(),
            };
            continue;
        }
        merged.push(row);
    }
    merged
        .into_iter()
        .filter_map(|m| {
            entry(m.change, m.at, m.by, &m.table, &m.op, m.old.as_deref(), m.new.as_deref(), m.undoes, m.undone_by)
        })
        .filter(|e| !e.fields.is_empty() || e.op != Op::Changed)
        .collect()
}

/// Undo one row's change, after checking it is still as the change left it.
fn put_back(tx: &rusqlite::Transaction, row: &LogRow) -> Result<()> {
    let Some(_) = AUDITED.iter().find(|(t, _)| *t == row.table) else {
        return Err(StoreError::Corrupt(format!("the audit log names an unknown table {}", row.table)));
    };
    let cols = audit::columns(tx, &row.table)?;
    let current: Option<String> = tx
        .query_row(
            &format!("SELECT {} FROM main.{} WHERE id = ?1", audit::json_of(&row.table, &cols), row.table),
            [row.row_id],
            |r| r.get(0),
        )
        .optional()?;
    let expected = row.new.as_deref();
    if !same_row(current.as_deref(), expected) {
        return Err(StoreError::UndoConflict(format!(
            "a {} it touched was changed since (by another program on this book)",
            Entity::from_table(&row.table).map(|e| e.name(crate::i18n::Lang::En)).unwrap_or("record")
        )));
    }
    match (row.op.as_str(), row.old.as_deref()) {
        ("insert", _) => {
            tx.execute(&format!("DELETE FROM main.{} WHERE id = ?1", row.table), [row.row_id])?;
        }
        ("update", Some(old)) => {
            let values = image_values(old)?;
            let set: Vec<String> =
                values.iter().enumerate().map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2)).collect();
            let sql = format!("UPDATE main.{} SET {} WHERE id = ?1", row.table, set.join(", "));
            let params = std::iter::once(Value::Integer(row.row_id)).chain(values.into_iter().map(|(_, v)| v));
            tx.execute(&sql, params_from_iter(params))?;
        }
        ("delete", Some(old)) => {
            let values = image_values(old)?;
            let names: Vec<String> = values.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO main.{} ({}) VALUES ({})", row.table, names.join(", "), marks.join(", "));
            tx.execute(&sql, params_from_iter(values.into_iter().map(|(_, v)| v)))?;
        }
        (op, _) => return Err(StoreError::Corrupt(format!("the audit log has a bad entry ({op})"))),
    }
    Ok(())
}

/// Whether the row as it is now matches an image (both absent, or equal but for the columns
/// that change on every write).
fn same_row(current: Option<&str>, expected: Option<&str>) -> bool {
    let parse = |t: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(t).ok();
    match (current, expected) {
        (None, None) => true,
        (Some(c), Some(e)) => match (parse(c), parse(e)) {
            (Some(mut c), Some(mut e)) => {
                for noise in NOISE_COLUMNS {
                    c.remove(noise);
                    e.remove(noise);
                }
                c == e
            }
            _ => false,
        },
        _ => false,
    }
}

/// A row image's columns and values, ready to bind.
fn image_values(json: &str) -> Result<Vec<(String, Value)>> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("the audit log has a bad row image: {e}")))?;
    Ok(map
        .into_iter()
        .map(|(c, v)| {
            let v = match v {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::Bool(b) => Value::Integer(b as i64),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => Value::Integer(i),
                    None => Value::Real(n.as_f64().unwrap_or(0.0)),
                },
                serde_json::Value::String(s) => Value::Text(s),
                other => Value::Text(other.to_string()),
            };
            (c, v)
        })
        .collect())
}

/// A row image as (column, text) pairs, for the domain's history entries.
fn image(json: Option<&str>) -> Option<RowImage> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json?).ok()?;
    Some(
        map.into_iter()
            .map(|(c, v)| {
                let text = match v {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some(s),
                    other => Some(other.to_string()),
                };
                (c, text)
            })
            .collect(),
    )
}

#[allow(clippy::too_many_arguments)]
fn entry(
    change: i64,
    at: chrono::NaiveDateTime,
    by: String,
    table: &str,
    op: &str,
    old: Option<&str>,
    new: Option<&str>,
    undoes: Option<i64>,
    undone_by: Option<i64>,
) -> Option<AuditEntry> {
    let entity = Entity::from_table(table)?;
    let op = Op::parse(op)?;
    let (old, new) = (image(old), image(new));
    let fields = fields_of(entity, op, old.as_ref(), new.as_ref());
    Some(AuditEntry { change, at, by, entity, op, fields, undoes, undone_by })
}
