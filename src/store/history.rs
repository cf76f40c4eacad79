//! Reading the audit log (a customer's history) and undoing the last change of a session by
//! putting back, newest first, what the change replaced.
//!
//! What the log holds per row touched (see `audit.rs`): nothing for a row added (the row is
//! its own record), the changed columns' old and new values for a change, the whole row for a
//! removal. History shows an added record as it was added: the row as it is now (or as it was
//! when removed), with the later changes' old values put back, newest first.

mod live_images;

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde_json::{Map, Value as Json};

use super::audit::{AUDITED, NOISE_COLUMNS};
use super::convert::datetime_col;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::audit::{AuditEntry, Entity, Op, RowImage, fields_of};
use crate::domain::customer::CustomerId;
use live_images::LiveImages;

/// What an undo took back: the change, and what it had done (one entry per record touched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub change: i64,
    pub entries: Vec<AuditEntry>,
    /// The customers whose records moved (to refresh the screens).
    pub customers: Vec<CustomerId>,
}

pub(super) type Image = Map<String, Json>;

/// One row of the log, images parsed.
pub(super) struct Raw {
    pub(super) change: i64,
    pub(super) at: chrono::NaiveDateTime,
    pub(super) by: String,
    pub(super) table: String,
    pub(super) row_id: i64,
    pub(super) customer: Option<i64>,
    pub(super) op: String,
    pub(super) old: Option<Image>,
    pub(super) new: Option<Image>,
    pub(super) undoes: Option<i64>,
    pub(super) undone_by: Option<i64>,
}

fn parse_image(text: Option<String>) -> rusqlite::Result<Option<Image>> {
    text.map(|t| {
        serde_json::from_str::<Image>(&t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

impl History for Store {
    fn audit_of(&self, customer: CustomerId, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.change_id, c.made_at, c.made_by, a.table_name, a.row_id, a.customer_id, a.op, a.old_row,
                    a.new_row, c.undoes, (SELECT u.id FROM changes u WHERE u.undoes = a.change_id)
             FROM audit_log a JOIN changes c ON c.id = a.change_id
             WHERE a.customer_id = ?1 ORDER BY a.id DESC LIMIT ?2",
        )?;
        // One change may touch a record several times (a tier change: the tier, then the
        // due date): those read as one entry, so read more rows than entries wanted.
        let raw_limit = limit.saturating_mul(8).min(i64::MAX as usize) as i64;
        let rows = st.query_map(params![customer.0, raw_limit], |r| {
            Ok(Raw {
                change: r.get(0)?,
                at: datetime_col(r, 1)?,
                by: r.get(2)?,
                table: r.get(3)?,
                row_id: r.get(4)?,
                customer: r.get(5)?,
                op: r.get(6)?,
                old: parse_image(r.get(7)?)?,
                new: parse_image(r.get(8)?)?,
                undoes: r.get(9)?,
                undone_by: r.get(10)?,
            })
        })?;
        let mut merged = merge(rows.collect::<rusqlite::Result<Vec<Raw>>>()?);
        merged.truncate(limit);
        // An added row stores no image (imports stay cheap): rebuild it as the change left it.
        // (A record added then changed by the same change carries only the change: read it whole.)
        for m in merged.iter_mut().filter(|m| m.op == "insert") {
            m.new = self.image_as_added(customer, &m.table, m.row_id, m.change)?;
        }
        Ok(merged.into_iter().filter_map(entry).collect())
    }

    fn last_undoable(&self) -> Result<Option<i64>> {
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

    fn undo_last(&mut self) -> Result<Option<Undone>> {
        let Some(target) = self.last_undoable()? else { return Ok(None) };
        let now = super::convert::datetime_text(self.clock.now());
        let (session, user) = (self.session.clone(), self.user.clone());
        let tx = self.tx()?;
        let undo_id: i64 = tx.query_row("SELECT change_id FROM temp.audit_ctx", [], |r| r.get(0))?;
        let (made_at, made_by, first): (String, String, i64) = tx.query_row(
            "SELECT made_at, made_by, coalesce(first_log, 0) FROM changes WHERE id = ?1",
            [target],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        // The change's rows follow one another from `first` (written under the write lock).
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(id), 0) FROM audit_log WHERE id >= ?1 AND change_id = ?2",
            params![first, target],
            |r| r.get(0),
        )?;
        // What was changed after it and still stands (a change later undone, and the undo,
        // cancel out): usually nothing, for the last change of a session.
        let since: HashSet<(String, i64)> = {
            let mut st = tx.prepare(
                "SELECT a.table_name, a.row_id FROM audit_log a JOIN changes c ON c.id = a.change_id
                 WHERE a.id > ?1 AND c.undoes IS NULL
                   AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.undoes = a.change_id)",
            )?;
            st.query_map([last], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        };
        tx.execute(
            "INSERT INTO changes (id, session, made_at, made_by, undoes, first_log, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(id), 0) + 1 FROM audit_log), ?6)",
            params![undo_id, session, now, user, target, uuid::Uuid::new_v4().to_string()],
        )?;
        // Rows go back in the reverse order they were written; a customer may be restored
        // after its contacts, so the foreign keys are checked at commit.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let at = super::convert::parse_datetime(&made_at).unwrap_or_default();
        let mut rows: Vec<Raw> = {
            let mut st = tx.prepare(
                "SELECT table_name, row_id, customer_id, op, old_row, new_row FROM audit_log
                 WHERE id >= ?1 AND id <= ?2 AND change_id = ?3 ORDER BY id DESC",
            )?;
            st.query_map(params![first, last, target], |r| {
                Ok(Raw {
                    change: target,
                    at,
                    by: made_by.clone(),
                    table: r.get(0)?,
                    row_id: r.get(1)?,
                    customer: r.get(2)?,
                    op: r.get(3)?,
                    old: parse_image(r.get(4)?)?,
                    new: parse_image(r.get(5)?)?,
                    undoes: None,
                    undone_by: Some(undo_id),
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        if let Some(r) = rows.iter().find(|r| since.contains(&(r.table.clone(), r.row_id))) {
            return Err(conflict(entity_of(&r.table)));
        }
        // What the added records were, for saying what was undone, before they go.
        let mut images = LiveImages::default();
        for row in rows.iter_mut().filter(|r| r.op == "insert") {
            row.new = images.image(&tx, &row.table, row.row_id)?;
        }
        let (mut customers, mut listed) = (Vec::new(), HashSet::new());
        for row in &rows {
            put_back(&tx, row, &mut images)?;
            if let Some(c) = row.customer.map(CustomerId).filter(|c| listed.insert(*c)) {
                customers.push(c);
            }
        }
        // A customer put back, or its name, company, contact, phone or tags: its search
        // keys again (the book's triggers dropped the old ones).
        let put_back_customers: Vec<i64> = rows.iter().filter(|r| r.table == "customers").map(|r| r.row_id).collect();
        super::search_keys::fill_missing_of(&tx, &put_back_customers)?;
        super::before_last::set_again(&tx, &put_back_customers)?;
        let merged = merge(rows);
        tx.commit()?;
        let entries = merged.into_iter().filter_map(entry).collect();
        Ok(Some(Undone { change: target, entries, customers }))
    }
}

impl Store {
    /// A record as change `added` left it: the row as it is now (None once removed), then,
    /// walking the later log rows of the record newest first, each change's old values put
    /// back and each removal's whole row taken as it was. Every write after the add is in
    /// the log with the values it replaced, so the walk ends at the values as added.
    fn image_as_added(&self, customer: CustomerId, table: &str, row_id: i64, added: i64) -> Result<Option<Image>> {
        let mut image = LiveImages::default().image(&self.conn, table, row_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT op, old_row FROM audit_log
             WHERE customer_id = ?1 AND table_name = ?2 AND row_id = ?3 AND change_id > ?4 ORDER BY id DESC",
        )?;
        let later = st.query_map(params![customer.0, table, row_id, added], |r| {
            Ok((r.get::<_, String>(0)?, parse_image(r.get(1)?)?))
        })?;
        for row in later {
            let (op, old) = row?;
            match (op.as_str(), old) {
                ("update", Some(old)) => image.get_or_insert_with(Image::new).extend(old),
                ("delete", Some(old)) => image = Some(old),
                // Put back by an undo of its removal: before that it was the removed row,
                // which the next (older) removal gives whole.
                _ => {}
            }
        }
        Ok(image)
    }
}

/// Undo refused: a record the change touched (of this kind, where known) was changed since.
pub(super) fn conflict(what: Option<crate::domain::audit::Entity>) -> StoreError {
    StoreError::UndoConflict(what)
}

/// Log rows (newest first) as history entries: the touches of one record by one change read
/// as one entry, column by column (the earliest old value, the latest new one); a record
/// added and removed by the same change leaves nothing.
pub(super) fn merge(rows: Vec<Raw>) -> Vec<Raw> {
    let mut merged: Vec<Raw> = Vec::with_capacity(rows.len());
    let mut at: HashMap<(i64, String, i64), usize> = HashMap::new();
    for row in rows {
        let key = (row.change, row.table.clone(), row.row_id);
        let Some(&i) = at.get(&key) else {
            at.insert(key, merged.len());
            merged.push(row);
            continue;
        };
        // `row` is the earlier touch: its old values win, the later new values stay.
        let later = &mut merged[i];
        if let Some(old) = row.old {
            let mut combined = later.old.take().unwrap_or_default();
            for (k, v) in old {
                combined.insert(k, v);
            }
            later.old = Some(combined);
        }
        if let Some(mut new) = row.new {
            // The earlier touch's columns first (they read in the order things happened),
            // with the later values where both changed a column.
            for (k, v) in later.new.take().unwrap_or_default() {
                new.insert(k, v);
            }
            later.new = Some(new);
        }
        later.op = match (row.op.as_str(), later.op.as_str()) {
            ("insert", "delete") => "none".into(),
            ("insert", _) => "insert".into(),
            (_, later) => later.to_string(),
        };
    }
    merged
}

/// Undo one row's change, after checking it is still as the change left it: an added
/// record still there, a removed one still gone (neither needs its columns read), a changed
/// one still holding the values the change left.
fn put_back(tx: &rusqlite::Transaction, row: &Raw, images: &mut LiveImages) -> Result<()> {
    if !AUDITED.iter().any(|(t, _)| *t == row.table) {
        return Err(StoreError::Corrupt(format!("the audit log names an unknown table {}", row.table)));
    }
    let entity = entity_of(&row.table);
    let as_left = match row.op.as_str() {
        "insert" => images.exists(tx, &row.table, row.row_id)?,
        "update" => match images.image(tx, &row.table, row.row_id)? {
            Some(now) => row.new.as_ref().is_some_and(|new| agrees(&now, new)),
            None => false,
        },
        "delete" => !images.exists(tx, &row.table, row.row_id)?,
        _ => false,
    };
    if !as_left {
        return Err(conflict(entity));
    }
    match (row.op.as_str(), &row.old) {
        ("insert", _) => {
            tx.prepare_cached(&format!("DELETE FROM main.{} WHERE id = ?1", row.table))?.execute([row.row_id])?;
        }
        ("update", Some(old)) => {
            let values = bindable(old);
            let set: Vec<String> =
                values.iter().enumerate().map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2)).collect();
            let sql = format!("UPDATE main.{} SET {} WHERE id = ?1", row.table, set.join(", "));
            let params = std::iter::once(Value::Integer(row.row_id)).chain(values.into_iter().map(|(_, v)| v));
            tx.prepare_cached(&sql)?.execute(params_from_iter(params))?;
        }
        ("delete", Some(old)) => {
            let values = bindable(old);
            let names: Vec<String> = values.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO main.{} ({}) VALUES ({})", row.table, names.join(", "), marks.join(", "));
            tx.prepare_cached(&sql)?.execute(params_from_iter(values.into_iter().map(|(_, v)| v)))?;
        }
        (op, _) => return Err(StoreError::Corrupt(format!("the audit log has a bad entry ({op})"))),
    }
    Ok(())
}

/// Whether the record as it is now holds the values a change left (the columns it changed,
/// but for those that change on every write).
pub(super) fn agrees(now: &Image, left: &Image) -> bool {
    left.iter().filter(|(k, _)| !NOISE_COLUMNS.contains(&k.as_str())).all(|(k, v)| now.get(k) == Some(v))
}

/// An image's columns and values, ready to bind.
fn bindable(image: &Image) -> Vec<(String, Value)> {
    image
        .iter()
        .map(|(c, v)| {
            let v = match v {
                Json::Null => Value::Null,
                Json::Bool(b) => Value::Integer(*b as i64),
                Json::Number(n) => match n.as_i64() {
                    Some(i) => Value::Integer(i),
                    None => Value::Real(n.as_f64().unwrap_or(0.0)),
                },
                Json::String(s) => Value::Text(s.clone()),
                other => Value::Text(other.to_string()),
            };
            (c.clone(), v)
        })
        .collect()
}

/// An image as (column, text) pairs, for the domain's history entries.
fn as_text(image: Option<Image>) -> Option<RowImage> {
    Some(
        image?
            .into_iter()
            .map(|(c, v)| {
                let text = match v {
                    Json::Null => None,
                    Json::String(s) => Some(s),
                    other => Some(other.to_string()),
                };
                (c, text)
            })
            .collect(),
    )
}

pub(super) fn entry(m: Raw) -> Option<AuditEntry> {
    let entity = entity_of(&m.table)?;
    let op = Op::parse(&m.op)?;
    let (old, new) = (as_text(m.old), as_text(m.new));
    let fields = fields_of(entity, op, old.as_ref(), new.as_ref());
    if fields.is_empty() && op == Op::Changed {
        return None;
    }
    Some(AuditEntry {
        change: m.change,
        at: m.at,
        by: m.by,
        entity,
        op,
        fields,
        undoes: m.undoes,
        undone_by: m.undone_by,
    })
}

/// What kind of record a row of `table` is (the audit log names tables; people read records).
pub(crate) fn entity_of(table: &str) -> Option<Entity> {
    Some(match table {
        "customers" => Entity::Customer,
        "contacts" => Entity::Contact,
        "follow_ups" => Entity::FollowUp,
        "follow_up_reschedules" => Entity::Reschedule,
        "tier_changes" => Entity::TierChange,
        "snoozes" => Entity::Snooze,
        "indicator_values" => Entity::Indicator,
        "assessments" => Entity::Assessment,
        "late_payments" => Entity::LatePayment,
        _ => return None,
    })
}
