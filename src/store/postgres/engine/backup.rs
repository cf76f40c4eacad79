//! A backup of the team book: everything the person may see (row-level security decides),
//! read in one REPEATABLE READ transaction (one snapshot, while others go on writing),
//! written as a new SQLite tierdesk book (history included) that the solo tierdesk opens.
//! Like the SQLite engine's backup, it is written into a private temporary file beside the
//! target and renamed over it only once complete.

use std::path::Path;

use postgres::IsolationLevel;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde_json::Value as Json;

use super::PgStore;
use super::history::sqlite_words;
use crate::domain::dates::UnreadableDate;
use crate::private_file::PrivateFile;
use crate::store::prelude::*;
use crate::store::{Result, StoreError, file, meta, migrations};

// The tables copied (the scheme goes through `book_meta`'s keys).
use crate::store::postgres::BOOK_TABLES as TABLES;

impl Backups for PgStore {
    fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |source| StoreError::Io { path: dest.to_path_buf(), source };
        let partial = PrivateFile::create(dest).map_err(io)?;
        self.copy_into(partial.path())?;
        partial.commit().map_err(io)
    }
}

impl Unreadable for PgStore {
    fn take_unreadable(&self) -> Vec<UnreadableDate> {
        std::mem::take(&mut *self.unreadable.borrow_mut())
    }
}

impl PgStore {
    fn copy_into(&self, partial: &Path) -> Result<()> {
        let mut dst = Connection::open(partial)?;
        migrations::migrate(&mut dst, Some(partial))?;
        file::stamp(&dst)?;
        let mut client = self.client.borrow_mut();
        let mut src =
            client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let sqlite = dst.transaction()?;
        for table in TABLES {
            let columns = crate::store::audit::columns(&sqlite, table)?;
            let select = if table == "audit_log" {
                // The images in the SQLite book's spelling and column order.
                "SELECT json_build_object('id', id, 'change_id', change_id, 'table_name', table_name,
                    'row_id', row_id, 'customer_id', customer_id, 'op', op,
                    'old_row', audit_image(table_name, old_row), 'new_row', audit_image(table_name, new_row))::text
                 FROM audit_log ORDER BY id"
                    .to_string()
            } else {
                format!("SELECT row_to_json(t)::text FROM {table} t")
            };
            // Streamed: a big table is never held whole.
            let mut rows = src.query_raw(&select, std::iter::empty::<&(dyn ToSql + Sync)>())?;
            let mut insert = None;
            while let Some(r) = rows.next()? {
                let mut row = row_of(r.get(0))?;
                let (st, names) = match &mut insert {
                    Some(made) => made,
                    None => {
                        let names: Vec<String> = row.keys().filter(|k| columns.contains(k)).cloned().collect();
                        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                        let st = sqlite.prepare(&format!(
                            "INSERT INTO {table} ({}) VALUES ({})",
                            quoted.join(", "),
                            marks.join(", ")
                        ))?;
                        insert.insert((st, names))
                    }
                };
                let values = names.iter().map(|n| value(table, n, row.remove(n).unwrap_or(Json::Null)));
                st.execute(params_from_iter(values.collect::<Result<Vec<Value>>>()?))?;
            }
        }
        if let Some(scheme) = src.query_opt(
            "SELECT f.value, s.value FROM book_meta f, book_meta s WHERE f.key = 'scheme_file' AND s.key = 'scheme_source'",
            &[],
        )? {
            meta::save_scheme(&sqlite, scheme.get(0), scheme.get(1))?;
        }
        src.commit()?;
        sqlite.commit()?;
        dst.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }
}

fn row_of(text: &str) -> Result<serde_json::Map<String, Json>> {
    let row = serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("an unreadable row: {e}")))?;
    Ok(sqlite_words(row))
}

/// A value as the SQLite book's STRICT column takes it (the log's images as JSON text).
fn value(table: &str, column: &str, v: Json) -> Result<Value> {
    Ok(match v {
        // A customer in the team's pool has no owner; a book file spells none "".
        Json::Null if table == "customers" && column == "owner" => Value::Text(String::new()),
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(b as i64),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) if table == "audit_log" && column.ends_with("_row") => {
            Value::Text(serde_json::to_string(&Json::Object(row_of(&s)?)).unwrap_or(s))
        }
        Json::String(s) => Value::Text(s),
        other => Value::Text(other.to_string()),
    })
}
