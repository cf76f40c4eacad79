//! `import all` into the solo book: every record of the document or none, in one transaction.
//!
//! The history comes in as it was: this connection's audit triggers are switched off for
//! the transaction (the rows written are the document's, not an edit of anyone's), and
//! switched on again before it commits. The foreign keys are checked at commit, so a person
//! may name their lead whatever the order of the people.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;

use super::read::{RecordSink, read_document};
use super::{CHANGES_GUARD, Key, LOGGED_TABLES, MoveProblem, Moved, RecordProblem, SECTIONS, Section, SectionCount};
use crate::store::{Result, StoreError, audit, notes, search_keys};

/// Bring the document read from `input` into the book: every record or none.
pub fn import_all(conn: &mut Connection, input: &mut dyn Read) -> Result<Moved> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    audit::set_enabled(&tx, false)?;
    // Bulk: the notes index is filled once at the end (see `notes::pause_index`).
    let paused = notes::pause_index(&tx)?;
    let mut sink = Sink::new(&tx)?;
    read_document(input, &mut sink)?;
    sink.point_changes_at_their_log()?;
    let moved = Moved { sections: sink.counts };
    notes::resume_index(&tx, paused)?;
    // The customers brought in get their search keys (the document carries none).
    search_keys::fill_missing(&tx)?;
    // And the day of their contact before their latest (nor does it carry that).
    crate::store::before_last::set_all(&tx)?;
    audit::set_enabled(&tx, true)?;
    tx.commit()?;
    Ok(moved)
}

struct Sink<'t> {
    tx: &'t Transaction<'t>,
    /// Each table's columns (the ones a record may name).
    columns: HashMap<&'static str, HashSet<String>>,
    /// The changes this import wrote: their log rows come in, those of a change already
    /// there do not.
    new_changes: HashSet<i64>,
    counts: Vec<SectionCount>,
    /// Each table's uuid lookup, its text made once (a lookup runs for nearly every record).
    lookups: HashMap<String, String>,
    /// The last INSERT made: its table and columns, and its text, reused while the records
    /// of a section name the same columns (as a document's do).
    last_insert: (&'static str, Vec<String>, String),
}

impl<'t> Sink<'t> {
    fn new(tx: &'t Transaction<'t>) -> Result<Self> {
        let mut columns = HashMap::new();
        for s in &SECTIONS {
            let cols: HashSet<String> = audit::columns(tx, s.table)?.into_iter().collect();
            columns.insert(s.table, cols);
        }
        let counts =
            SECTIONS.iter().map(|s| SectionCount { section: s.name.to_string(), ..Default::default() }).collect();
        let lookups = HashMap::new();
        let last_insert = ("", Vec::new(), String::new());
        Ok(Sink { tx, columns, new_changes: HashSet::new(), counts, lookups, last_insert })
    }

    fn id_of(&mut self, table: &str, uuid: &str) -> Result<Option<i64>> {
        let sql =
            self.lookups.entry(table.to_string()).or_insert_with(|| format!("SELECT id FROM {table} WHERE uuid = ?1"));
        let mut st = self.tx.prepare_cached(sql)?;
        Ok(st.query_row([uuid], |r| r.get(0)).optional()?)
    }

    /// Every change brought in points at its first log row, as the audit triggers make them:
    /// the guard that keeps changes as they are is lifted for this, and put back, in the
    /// import's transaction.
    fn point_changes_at_their_log(&self) -> Result<()> {
        if self.new_changes.is_empty() {
            return Ok(());
        }
        self.tx.execute_batch("DROP TRIGGER changes_no_update")?;
        {
            let mut st = self.tx.prepare(
                "UPDATE changes SET first_log = coalesce((SELECT min(id) FROM audit_log WHERE change_id = ?1),
                     (SELECT coalesce(max(id), 0) + 1 FROM audit_log)) WHERE id = ?1",
            )?;
            for id in &self.new_changes {
                st.execute([id])?;
            }
        }
        self.tx.execute_batch(CHANGES_GUARD)?;
        Ok(())
    }
}

fn bad(section: &Section, index: u64, uuid: Option<&str>, problem: RecordProblem) -> StoreError {
    StoreError::Move(MoveProblem::BadRecord {
        section: section.name.to_string(),
        index,
        uuid: uuid.map(str::to_string),
        problem,
    })
}

/// A JSON value as SQLite keeps it (a flag true/false as 1/0, as the book writes flags).
fn sql_value(v: &Value) -> Option<Sql> {
    Some(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64()?),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

impl RecordSink for Sink<'_> {
    fn record(&mut self, section: &'static Section, index: u64, record: Value) -> Result<()> {
        let at = SECTIONS.iter().position(|s| s.name == section.name).unwrap_or(0);
        let Value::Object(fields) = record else {
            return Err(bad(section, index, None, RecordProblem::NotAnObject));
        };
        let uuid = fields.get("uuid").and_then(Value::as_str);
        let fail = |problem| bad(section, index, uuid, problem);
        match section.key {
            Key::Uuid => {
                if let Some(u) = uuid
                    && self.id_of(section.table, u)?.is_some()
                {
                    self.counts[at].already_there += 1;
                    return Ok(());
                }
            }
            Key::OfChange => {
                let change = fields.get("change_uuid").and_then(Value::as_str).unwrap_or_default();
                match self.id_of("changes", change)? {
                    Some(id) if self.new_changes.contains(&id) => {}
                    Some(_) => {
                        self.counts[at].already_there += 1;
                        return Ok(());
                    }
                    None => {
                        let key = "change_uuid".to_string();
                        return Err(fail(RecordProblem::NoSuchRecord { key, uuid: change.to_string() }));
                    }
                }
            }
            Key::Natural => {}
        }
        let known = &self.columns[section.table];
        let mut names: Vec<&str> = Vec::with_capacity(fields.len());
        let mut values: Vec<Sql> = Vec::with_capacity(fields.len());
        let mut row_uuid = None;
        for (key, value) in &fields {
            if section.refs.iter().any(|r| r.key == key) {
                continue;
            }
            if section.table == "audit_log" && key == "row_uuid" {
                row_uuid = value.as_str();
                continue;
            }
            if key == "id" || !known.contains(key.as_str()) {
                return Err(fail(RecordProblem::UnknownField(key.clone())));
            }
            names.push(key);
            values.push(sql_value(value).ok_or_else(|| fail(RecordProblem::NotAValue(key.clone())))?);
        }
        for r in section.refs {
            let id = match fields.get(r.key) {
                None | Some(Value::Null) => None,
                Some(Value::String(u)) => match self.id_of(r.table, u)? {
                    Some(id) => Some(id),
                    None if r.soft => None,
                    None => {
                        return Err(fail(RecordProblem::NoSuchRecord { key: r.key.to_string(), uuid: u.clone() }));
                    }
                },
                Some(_) => return Err(fail(RecordProblem::NotAValue(r.key.to_string()))),
            };
            names.push(r.column);
            values.push(id.map_or(Sql::Null, Sql::Integer));
        }
        if let (Some(u), Some(Value::String(table))) = (row_uuid, fields.get("table_name"))
            && LOGGED_TABLES.contains(&table.as_str())
            && let Some(id) = self.id_of(table, u)?
            && let Some(i) = names.iter().position(|n| *n == "row_id")
        {
            values[i] = Sql::Integer(id);
        }
        if section.table == "book_meta" {
            self.same_fact(&fields)?;
        }
        // The bulk tables' rows with OR FAIL, not the default ABORT: a failure ends the whole
        // import (its transaction is rolled back), so no insert needs undoing alone, and SQLite
        // then keeps no statement journal (a copy of each page an insert touches: 9% of the
        // import in a profile). Only where no trigger runs during the import (notes paused,
        // audit off): a trigger's statements take the policy of the insert that fired them,
        // and the new-owner trigger's OR IGNORE must stay one.
        let policy = match (section.key, section.table) {
            (Key::Natural, _) => "OR IGNORE ",
            // (No trigger fires on inserting these: audit_log and changes guard only updates
            // and deletes.)
            (_, "contacts" | "follow_ups" | "tier_changes" | "changes" | "audit_log") => "OR FAIL ",
            _ => "",
        };
        if self.last_insert.0 != section.table || self.last_insert.1.iter().ne(names.iter().copied()) {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            let marks = vec!["?"; names.len()].join(", ");
            let sql = format!("INSERT {policy}INTO {} ({}) VALUES ({marks})", section.table, quoted.join(", "));
            self.last_insert = (section.table, names.iter().map(|n| n.to_string()).collect(), sql);
        }
        let written = {
            let mut st = self.tx.prepare_cached(&self.last_insert.2)?;
            st.execute(rusqlite::params_from_iter(values.iter()))
        };
        match written {
            Ok(0) => self.counts[at].already_there += 1,
            Ok(_) => {
                self.counts[at].added += 1;
                if section.table == "changes" {
                    self.new_changes.insert(self.tx.last_insert_rowid());
                }
            }
            Err(e) => match StoreError::from(e) {
                StoreError::Sqlite(e) => return Err(fail(RecordProblem::Refused(e.to_string()))),
                other => return Err(other),
            },
        }
        Ok(())
    }
}

impl Sink<'_> {
    /// A fact of the book (its tier scheme) that the book has already must be the document's:
    /// customers graded in another scheme cannot come in.
    fn same_fact(&self, fields: &serde_json::Map<String, Value>) -> Result<()> {
        let (Some(key), Some(value)) = (fields.get("key").and_then(Value::as_str), fields.get("value")) else {
            return Ok(());
        };
        let had: Option<String> =
            self.tx.query_row("SELECT value FROM book_meta WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        match had {
            Some(h) if value.as_str() != Some(h.as_str()) => Err(StoreError::Move(MoveProblem::OtherScheme)),
            _ => Ok(()),
        }
    }
}
