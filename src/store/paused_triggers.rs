//! Book triggers set aside for the length of a bulk write, then made again exactly as the
//! book had them (their own `CREATE` text, read from the schema). Inside the write's
//! transaction: should it fail, the rollback brings them back too.

use rusqlite::{Connection, OptionalExtension};

use super::Result;

/// The `CREATE` texts of schema objects set aside (these triggers, or a table's indexes:
/// `new_customers::paused_indexes`), made again by `resume`.
pub(super) struct Paused(Vec<String>);

impl Paused {
    /// Objects set aside by their `CREATE` texts, in the order to make them again.
    pub(super) fn of(texts: Vec<String>) -> Self {
        Self(texts)
    }
}

/// Drop the named triggers of the book (a name the book does not have is passed over).
pub(super) fn pause(conn: &Connection, names: &[&str]) -> Result<Paused> {
    pause_in(conn, "main", names)
}

/// Drop the named triggers of `schema` ("main", or "temp" for a connection's own).
pub(super) fn pause_in(conn: &Connection, schema: &str, names: &[&str]) -> Result<Paused> {
    let mut texts = Vec::new();
    for name in names {
        let sql: Option<String> = conn
            .query_row(
                &format!("SELECT sql FROM {schema}.sqlite_schema WHERE type = 'trigger' AND name = ?1"),
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP TRIGGER {schema}.\"{name}\""))?;
            // The schema keeps a TEMP trigger's text without the word: made again as it
            // reads, it would land in the book.
            texts.push(match (schema, sql.strip_prefix("CREATE TRIGGER ")) {
                ("temp", Some(rest)) => format!("CREATE TEMP TRIGGER {rest}"),
                _ => sql,
            });
        }
    }
    Ok(Paused(texts))
}

/// Make the objects set aside again.
pub(super) fn resume(conn: &Connection, paused: Paused) -> Result<()> {
    for sql in paused.0 {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
