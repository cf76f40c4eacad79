//! The solo book's rows, as they are, into temporary tables of the import's transaction
//! (`s_<table>`, typed as the team book's table, dropped at its end). Each table is streamed
//! with one `COPY ... FROM STDIN` in PostgreSQL's text format: a row is read from SQLite and
//! written to the server, never a table held in memory. The server turns the SQLite book's
//! texts into its types (dates, timestamps; a flag 0/1 is a boolean), and a date that is
//! not one fails the whole import, naming the value.

use std::io::Write;

use postgres::Transaction;
use rusqlite::types::ValueRef;

use crate::store::postgres::TeamError;
use crate::store::solo_copy::SoloCopy;
use crate::store::{Result, StoreError};

/// The tables brought in: the book's records, parents before children.
pub use crate::store::postgres::BOOK_TABLES as TABLES;

/// Make `s_<table>` for every table and copy the book's rows into it; the columns copied
/// per table (the team book's, in its order, that the solo book has).
pub fn stage(tx: &mut Transaction, solo: &SoloCopy) -> Result<Vec<(&'static str, Vec<String>)>> {
    let mut staged = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        tx.batch_execute(&format!("CREATE TEMP TABLE s_{table} ON COMMIT DROP AS SELECT * FROM {table} WITH NO DATA"))?;
        let team: Vec<String> = tx
            .query(
                "SELECT attname::text FROM pg_attribute WHERE attrelid = $1::text::regclass AND attnum > 0
                   AND NOT attisdropped ORDER BY attnum",
                &[&format!("pg_temp.s_{table}")],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        // The solo book's own bookkeeping stays behind.
        let mut have = solo.columns(table)?;
        have.retain(|c| !crate::store::solo_only(table, c));
        // A column of the solo book the team book lacks would be lost: refuse instead.
        if let Some(lost) = have.iter().find(|c| !team.contains(c)) {
            return Err(TeamError::Db(format!("the team book has no column {table}.{lost}; upgrade it first")).into());
        }
        let columns: Vec<String> = team.into_iter().filter(|c| have.contains(c)).collect();
        copy_table(tx, solo, table, &columns)?;
        staged.push((table, columns));
    }
    Ok(staged)
}

fn copy_table(tx: &mut Transaction, solo: &SoloCopy, table: &str, columns: &[String]) -> Result<()> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let list = quoted.join(", ");
    let mut writer = tx.copy_in(&format!("COPY s_{table} ({list}) FROM STDIN"))?;
    let mut st = solo.conn().prepare(&format!("SELECT {list} FROM {table}"))?;
    let mut rows = st.query([])?;
    let mut line = Vec::with_capacity(256);
    // An indicator's value (a number or a text in SQLite) goes into a jsonb column.
    let json_at = columns.iter().position(|c| table == "indicator_values" && c == "value");
    while let Some(row) = rows.next()? {
        line.clear();
        for i in 0..columns.len() {
            if i > 0 {
                line.push(b'\t');
            }
            field(&mut line, row.get_ref(i)?, json_at == Some(i));
        }
        line.push(b'\n');
        if let Err(e) = writer.write_all(&line) {
            // The server gave up on the copy (a value it refused): its own words, from `finish`.
            return Err(writer.finish().err().map_or_else(|| lost(e), |e| refused_row(e, table)));
        }
    }
    writer.finish().map_err(|e| refused_row(e, table))?;
    Ok(())
}

/// A row the server would not take (a date that is none, written into the book by hand):
/// where it is, and why.
fn refused_row(e: postgres::Error, table: &str) -> StoreError {
    match e.as_db_error() {
        Some(db) if db.code().code().starts_with("22") => TeamError::ImportRow {
            table: table.to_string(),
            at: db.where_().unwrap_or_default().to_string(),
            why: db.message().to_string(),
        }
        .into(),
        _ => e.into(),
    }
}

/// One field in COPY's text format: `\N` for NULL; a backslash, tab, newline or carriage
/// return escaped.
fn field(out: &mut Vec<u8>, v: ValueRef, json: bool) {
    match v {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(f) => out.extend_from_slice(f.to_string().as_bytes()),
        ValueRef::Text(t) if json => {
            let text = String::from_utf8_lossy(t);
            escape(out, serde_json::Value::from(text.as_ref()).to_string().as_bytes());
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => escape(out, t),
    }
}

fn escape(out: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

/// A write to the server that failed without the server saying why.
fn lost(e: std::io::Error) -> StoreError {
    TeamError::Db(format!("the copy to the server failed: {e}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped_for_copy() {
        let mut out = Vec::new();
        field(&mut out, ValueRef::Text(b"a\tb\\c\nd\re"), false);
        assert_eq!(out, b"a\\tb\\\\c\\nd\\re");
        out.clear();
        field(&mut out, ValueRef::Null, false);
        assert_eq!(out, b"\\N");
        out.clear();
        field(&mut out, ValueRef::Text(b"high \"x\""), true);
        assert_eq!(out, b"\"high \\\\\"x\\\\\"\"");
        out.clear();
        field(&mut out, ValueRef::Real(2.5), true);
        assert_eq!(out, b"2.5");
    }
}
