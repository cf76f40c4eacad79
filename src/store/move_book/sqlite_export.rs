//! `export all` from the solo book: every section streamed from SQLite into the document, one
//! record at a time (a book of a million contacts is never held in memory).

use std::io::Write;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Exported, FORMAT, Key, LOGGED_TABLES, SECTIONS, Section, VERSION};
use crate::store::{Result, StoreError};

/// Columns that are the local book's and mean nothing in another one (a customer's day
/// before its latest contact is worked out again from the contacts brought in).
pub fn local_only(section: &Section, column: &str) -> bool {
    (column == "id" && section.key != Key::Natural)
        || section.refs.iter().any(|r| r.column == column)
        || (section.table == "changes" && column == "first_log")
        || crate::store::solo_only(section.table, column)
}

/// The query reading a section: its rows with their references as uuids.
pub(crate) fn section_query(section: &Section) -> String {
    let mut sql = String::from("SELECT t.*");
    for r in section.refs {
        sql.push_str(&format!(", (SELECT uuid FROM {} WHERE id = t.{}) AS {}", r.table, r.column, r.key));
    }
    if section.table == "audit_log" {
        let cases: Vec<String> = LOGGED_TABLES
            .iter()
            .map(|t| format!("WHEN '{t}' THEN (SELECT uuid FROM {t} WHERE id = t.row_id)"))
            .collect();
        sql.push_str(&format!(
            ", coalesce(CASE t.table_name {} END, json_extract(coalesce(t.old_row, t.new_row), '$.uuid')) AS row_uuid",
            cases.join(" ")
        ));
    }
    sql.push_str(&format!(" FROM {} t ORDER BY {}", section.table, section.order));
    sql
}

/// Write the whole book as a document to `out`; `exported_at` is the moment, RFC 3339.
pub fn export_all(conn: &Connection, out: &mut dyn Write, exported_at: &str) -> Result<Exported> {
    let tx = conn.unchecked_transaction()?;
    let mut doc = Document { out, first: true };
    doc.raw(b"{")?;
    doc.field("format", &FORMAT)?;
    doc.field("version", &VERSION)?;
    doc.field("exported_at", &exported_at)?;
    let mut exported = Exported::default();
    for section in &SECTIONS {
        let mut st = tx.prepare(&section_query(section))?;
        let names: Vec<String> = st.column_names().map(|c| c.to_string()).collect();
        let keep: Vec<bool> = names.iter().map(|n| !local_only(section, n)).collect();
        doc.key(section.name)?;
        doc.raw(b"[")?;
        let mut rows = st.query([])?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            if n > 0 {
                doc.raw(b",")?;
            }
            doc.raw(b"\n")?;
            let record = Record { names: &names, keep: &keep, row };
            serde_json::to_writer(&mut *doc.out, &record).map_err(json_error)?;
            n += 1;
        }
        doc.raw(b"]")?;
        exported.sections.push((section.name.to_string(), n));
    }
    doc.raw(b"}\n")?;
    doc.out.flush().map_err(StoreError::Output)?;
    Ok(exported)
}

fn json_error(e: serde_json::Error) -> StoreError {
    match e.io_error_kind() {
        Some(kind) => StoreError::Output(std::io::Error::new(kind, e)),
        None => StoreError::Corrupt(e.to_string()),
    }
}

/// The document's top-level object, written key by key.
struct Document<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

impl Document<'_> {
    fn raw(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(StoreError::Output)
    }

    fn key(&mut self, key: &str) -> Result<()> {
        if !self.first {
            self.raw(b",\n")?;
        }
        self.first = false;
        serde_json::to_writer(&mut *self.out, key).map_err(json_error)?;
        self.raw(b":")
    }

    fn field(&mut self, key: &str, value: &impl Serialize) -> Result<()> {
        self.key(key)?;
        serde_json::to_writer(&mut *self.out, value).map_err(json_error)
    }
}

/// One row as a JSON object, its local columns left out.
struct Record<'a, 'r> {
    names: &'a [String],
    keep: &'a [bool],
    row: &'a rusqlite::Row<'r>,
}

impl Serialize for Record<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (i, name) in self.names.iter().enumerate() {
            if !self.keep[i] {
                continue;
            }
            let value = self.row.get_ref(i).map_err(serde::ser::Error::custom)?;
            match value {
                ValueRef::Null => map.serialize_entry(name, &())?,
                ValueRef::Integer(v) => map.serialize_entry(name, &v)?,
                ValueRef::Real(v) => map.serialize_entry(name, &v)?,
                ValueRef::Text(t) => map.serialize_entry(name, &String::from_utf8_lossy(t))?,
                ValueRef::Blob(_) => return Err(serde::ser::Error::custom(format!("{name} holds bytes, not text"))),
            }
        }
        map.end()
    }
}
