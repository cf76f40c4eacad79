//! `export all` and `import all` on the team book. The export writes the document the solo
//! book writes (`store::move_book`): the same sections, the solo book's columns only (what the
//! team book adds, such as a log row's owner at the time, stays with it), moments as RFC 3339
//! with an offset, the logged images as JSON text. Row-level security applies: a person
//! exports what they may see. A team book takes a solo book through `team import-book` (its
//! own owners, its own history of the import), so `import all` is refused with that pointer.

use std::io::{Read, Write};

use postgres::fallible_iterator::FallibleIterator;
use serde_json::Value;

use super::PgStore;
use crate::store::move_book::{
    Exported, FORMAT, LOGGED_TABLES, MoveProblem, Moved, SECTIONS, Section, VERSION, local_only,
};
use crate::store::{Result, StoreError};

impl crate::store::book::Moves for PgStore {
    fn export_all(&self, out: &mut dyn Write) -> Result<Exported> {
        let solo_columns = crate::store::move_book::solo_columns()?;
        let mut client = self.client.borrow_mut();
        let mut tx = client
            .build_transaction()
            .read_only(true)
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .start()?;
        let w = |out: &mut dyn Write, bytes: &[u8]| out.write_all(bytes).map_err(StoreError::Output);
        let header = serde_json::json!({"format": FORMAT, "version": VERSION,
            "exported_at": crate::clock::rfc3339(self.clock.now())});
        let header = serde_json::to_string(&header).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        w(out, header.trim_end_matches('}').as_bytes())?;
        let mut exported = Exported::default();
        for (section, columns) in SECTIONS.iter().zip(&solo_columns) {
            w(out, format!(",\n\"{}\":[", section.name).as_bytes())?;
            let mut rows = tx.query_raw(&pg_query(section), std::iter::empty::<i64>())?;
            let mut n = 0u64;
            while let Some(row) = rows.next()? {
                let text: &str = row.get(0);
                let whole: Value = serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let Value::Object(fields) = whole else { continue };
                let record: serde_json::Map<String, Value> = fields
                    .into_iter()
                    .filter(|(k, _)| {
                        (columns.contains(k) && !local_only(section, k))
                            || section.refs.iter().any(|r| r.key == k)
                            || k == "row_uuid"
                    })
                    .map(|(k, v)| (k, solo_value(v)))
                    .collect();
                w(out, if n > 0 { b",\n" } else { b"\n" })?;
                serde_json::to_writer(&mut *out, &record).map_err(|e| StoreError::Output(e.into()))?;
                n += 1;
            }
            w(out, b"]")?;
            exported.sections.push((section.name.to_string(), n));
        }
        w(out, b"}\n")?;
        out.flush().map_err(StoreError::Output)?;
        tx.commit()?;
        Ok(exported)
    }

    fn import_all(&mut self, _input: &mut dyn Read) -> Result<Moved> {
        Err(StoreError::Move(MoveProblem::TeamBook))
    }
}

/// A section's rows as JSON objects, its references as uuids (the local columns are left out
/// by the caller, which keeps the solo book's columns only).
fn pg_query(section: &Section) -> String {
    let mut extra = Vec::new();
    for r in section.refs {
        extra.push(format!("'{}', (SELECT uuid FROM {} WHERE id = t.{})", r.key, r.table, r.column));
    }
    if section.table == "audit_log" {
        let cases: Vec<String> = LOGGED_TABLES
            .iter()
            .map(|t| format!("WHEN '{t}' THEN (SELECT uuid FROM {t} WHERE id = t.row_id)"))
            .collect();
        extra.push(format!(
            "'row_uuid', coalesce(CASE t.table_name {} END, coalesce(t.old_row, t.new_row)->>'uuid')",
            cases.join(" ")
        ));
    }
    let extra = if extra.is_empty() { String::new() } else { format!(" || jsonb_build_object({})", extra.join(", ")) };
    format!("SELECT (to_jsonb(t){extra})::text FROM {} t ORDER BY {}", section.table, section.order)
}

/// A value as the solo book writes it: a moment with its offset (the team book keeps moments
/// as local time without one), a logged image as JSON text, a flag as 0 or 1.
fn solo_value(v: Value) -> Value {
    match v {
        Value::String(s) => match chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S") {
            Ok(t) => Value::String(crate::clock::rfc3339(t)),
            Err(_) => Value::String(s),
        },
        Value::Bool(b) => Value::from(i64::from(b)),
        Value::Object(_) | Value::Array(_) => Value::String(v.to_string()),
        other => other,
    }
}
