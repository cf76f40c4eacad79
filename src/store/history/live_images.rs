//! Records as they are now, for undo and history: a record's whole row as an image (a JSON
//! object of its columns), or only whether it is there.
//!
//! The statement for a table is worked out once per reader, not per record: an undo reads a
//! record for every log row it takes back, and asking SQLite for the table's columns and
//! formatting the statement again each time was a third of undoing an import of 100,000
//! customers.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::{Image, parse_image};
use crate::store::Result;
use crate::store::audit::{self, AUDITED};

/// Reads records of the audited tables; one per undo or history lookup.
#[derive(Default)]
pub(in crate::store) struct LiveImages {
    /// The image statement of each table read so far.
    image_sql: HashMap<String, String>,
    /// The is-it-there statement of each table asked so far.
    exists_sql: HashMap<String, String>,
}

impl LiveImages {
    /// The record `id` of `table` as it is now (None when it is not there, or when the
    /// table is not one the audit log keeps).
    pub(in crate::store) fn image(&mut self, conn: &Connection, table: &str, id: i64) -> Result<Option<Image>> {
        if !audited(table) {
            return Ok(None);
        }
        if !self.image_sql.contains_key(table) {
            let cols = audit::columns(conn, table)?;
            let sql = format!("SELECT {} FROM main.{table} WHERE id = ?1", audit::json_of(table, &cols));
            self.image_sql.insert(table.to_string(), sql);
        }
        let sql = &self.image_sql[table];
        // Cached, as every statement an undo runs per row: made anew for each of 20,000
        // imported customers, compiling them (the book's triggers with them) was most of a
        // 12 s undo.
        let text: Option<String> = conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?;
        Ok(parse_image(text)?)
    }

    /// Whether the record `id` of `table` is there (false for a table the log does not keep),
    /// without reading its columns.
    pub(in crate::store) fn exists(&mut self, conn: &Connection, table: &str, id: i64) -> Result<bool> {
        if !audited(table) {
            return Ok(false);
        }
        if !self.exists_sql.contains_key(table) {
            self.exists_sql.insert(table.to_string(), format!("SELECT 1 FROM main.{table} WHERE id = ?1"));
        }
        let sql = &self.exists_sql[table];
        Ok(conn.prepare_cached(sql)?.query_row([id], |_| Ok(())).optional()?.is_some())
    }
}

fn audited(table: &str) -> bool {
    AUDITED.iter().any(|(t, _)| *t == table)
}
