//! The audit log's machinery: every connection installs TEMP triggers that copy each row a
//! write touches (old and new values as JSON) into `audit_log`, grouped under one `changes`
//! row per transaction, with the user and session this connection writes for.
//!
//! Why triggers: no write path can forget to log (imports, cascades of a deleted customer,
//! the assessment trigger's update of the customer row all land in the log), and the log is
//! exactly what undo needs to put rows back. Why TEMP: a trigger in the book itself could not
//! know who is writing, and would break writes from a plain sqlite3 shell. Reading the log
//! and undoing are in `history.rs`.

use rusqlite::{Connection, params};

use super::Result;
use super::paused_triggers::{self, Paused};

/// The tables whose every change is kept, with how a row names its customer.
pub(super) const AUDITED: [(&str, CustomerOf); 9] = [
    ("customers", CustomerOf::Itself),
    ("contacts", CustomerOf::Column),
    ("follow_ups", CustomerOf::Column),
    ("follow_up_reschedules", CustomerOf::FollowUp),
    ("tier_changes", CustomerOf::Column),
    ("snoozes", CustomerOf::Column),
    ("indicator_values", CustomerOf::Column),
    ("assessments", CustomerOf::Column),
    ("late_payments", CustomerOf::Column),
];

#[derive(Debug, Clone, Copy)]
pub(super) enum CustomerOf {
    /// The row is the customer.
    Itself,
    /// A `customer_id` column.
    Column,
    /// Through `follow_up_id`.
    FollowUp,
}

impl CustomerOf {
    fn expr(self, row: &str) -> String {
        match self {
            CustomerOf::Itself => format!("{row}.id"),
            CustomerOf::Column => format!("{row}.customer_id"),
            CustomerOf::FollowUp => format!("(SELECT customer_id FROM main.follow_ups WHERE id = {row}.follow_up_id)"),
        }
    }
}

/// Columns that change on every write and say nothing a person would look for.
pub(super) const NOISE_COLUMNS: [&str; 1] = ["updated_at"];

/// The columns of a table, in order.
pub(super) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    // Cached: an undo asks for each row it takes back.
    let mut st = conn.prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?;
    let cols = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// `json_object('a', ROW.a, ...)` over the columns.
pub(super) fn json_of(row: &str, cols: &[String]) -> String {
    let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', {row}.\"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

/// The columns of `row` that differ between OLD and NEW, as a JSON object (unchanged ones
/// are removed by path; a removed path that is absent is no error).
fn changed_json(row: &str, cols: &[String]) -> String {
    let paths: Vec<String> =
        cols.iter().map(|c| format!("CASE WHEN OLD.\"{c}\" IS NEW.\"{c}\" THEN '$.{c}' ELSE '$.__same' END")).collect();
    format!("json_remove({}, {})", json_of(row, cols), paths.join(", "))
}

/// The row in `changes` of the change being written, made by its first logged row.
const OPEN_CHANGE: &str = concat!(
    "INSERT INTO main.changes (id, session, made_at, made_by, first_log, uuid)
     SELECT change_id, session, made_at, made_by, (SELECT coalesce(max(id), 0) + 1 FROM main.audit_log), ",
    crate::sql_uuid_v4!(),
    " FROM temp.audit_ctx AS ctx WHERE NOT EXISTS (SELECT 1 FROM main.changes AS c WHERE c.id = ctx.change_id);"
);

/// Create this connection's context row. `session` groups the changes made through this
/// connection (what `u` may undo). Its triggers come with its first write transaction
/// (`install_triggers`): 27 of them compiled at every start were a tenth of the TUI's first
/// frame on a big book, and a reader never needs them.
pub(super) fn install(conn: &Connection, user: &str, session: &str) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS audit_ctx (
            change_id INTEGER, session TEXT NOT NULL, made_by TEXT NOT NULL, made_at TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1, bulk INTEGER NOT NULL DEFAULT 0);
         DELETE FROM temp.audit_ctx;",
    )?;
    conn.execute("INSERT INTO temp.audit_ctx (session, made_by, made_at) VALUES (?1, ?2, '')", params![session, user])?;
    Ok(())
}

/// Create this connection's triggers that log every change of the audited tables, unless
/// they are there already (checked in the temp schema: cheap, once per write transaction).
pub(super) fn install_triggers(conn: &Connection) -> Result<()> {
    let there: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM temp.sqlite_schema WHERE type = 'trigger' AND name = 'audit_customers_insert')",
        [],
        |r| r.get(0),
    )?;
    if there {
        return Ok(());
    }
    let mut sql = String::new();
    for (table, customer) in AUDITED {
        let cols = columns(conn, table)?;
        let changed: Vec<String> = cols
            .iter()
            .filter(|c| !NOISE_COLUMNS.contains(&c.as_str()))
            .map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\""))
            .collect();
        // Not `INSERT OR IGNORE`: inside a trigger the statement that fired it imposes its own
        // conflict policy, and an upsert's (`ON CONFLICT DO UPDATE`, as indicator values are
        // written) makes the IGNORE an error once the change's row exists.
        let open_change = OPEN_CHANGE;
        let enabled = "(SELECT enabled FROM temp.audit_ctx)";
        // During a bulk write the added rows are logged in one statement at its end.
        let adding = "(SELECT enabled AND NOT bulk FROM temp.audit_ctx)";
        // Why so little is kept for an added row and only the changed columns for a change:
        // an import of a million contacts writes a log row for each (measured: whole-row
        // images made it 35% slower and the book 2x larger).
        for (op, when, row_id, cust, old, new) in [
            ("insert", adding.to_string(), "NEW.id", customer.expr("NEW"), "NULL".to_string(), "NULL".to_string()),
            (
                "update",
                format!("{enabled} AND ({})", changed.join(" OR ")),
                "NEW.id",
                customer.expr("NEW"),
                changed_json("OLD", &cols),
                changed_json("NEW", &cols),
            ),
            ("delete", enabled.to_string(), "OLD.id", customer.expr("OLD"), json_of("OLD", &cols), "NULL".to_string()),
        ] {
            sql.push_str(&format!(
                "DROP TRIGGER IF EXISTS temp.audit_{table}_{op};
                 CREATE TEMP TRIGGER audit_{table}_{op} AFTER {} ON main.{table} WHEN {when}
                 BEGIN
                   {open_change}
                   INSERT INTO main.audit_log (change_id, table_name, row_id, customer_id, op, old_row, new_row)
                   SELECT change_id, '{table}', {row_id}, {cust}, '{op}', {old}, {new} FROM temp.audit_ctx;
                 END;\n",
                op.to_ascii_uppercase()
            ));
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Start a change inside a write transaction that holds the write lock: the next change
/// number (safe: nobody else can write until we commit) and the moment it was made.
pub(super) fn begin_change(conn: &Connection, made_at: &str) -> Result<i64> {
    let id: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM main.changes", [], |r| r.get(0))?;
    conn.execute("UPDATE temp.audit_ctx SET change_id = ?1, made_at = ?2", params![id, made_at])?;
    Ok(id)
}

/// The tables a bulk write adds rows to, parents before children (undo takes rows back in
/// the reverse order, children first).
const BULK_TABLES: [&str; 4] = ["customers", "contacts", "follow_ups", "tier_changes"];

/// Where each bulk table's ids stood when a bulk write began, and its row triggers set aside.
pub(super) struct BulkMark([i64; 4], Paused);

/// Start a bulk write (an import, a generated book): rows added are not logged one by one
/// (measured: a million contacts logged by the row trigger took 60% longer) but by
/// `end_bulk`, all at once; changes and removals are still logged as they happen.
pub(super) fn begin_bulk(conn: &Connection) -> Result<BulkMark> {
    let mut mark = [0i64; 4];
    for (i, t) in BULK_TABLES.iter().enumerate() {
        mark[i] = conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM main.{t}"), [], |r| r.get(0))?;
    }
    conn.execute("UPDATE temp.audit_ctx SET bulk = 1", [])?;
    // Their insert triggers log nothing meanwhile, yet each added row ran one (measured on
    // 100,000 imported customers: 0.1 s of 1.6). Inside the write's transaction: should it
    // fail, the rollback brings them back.
    let names = BULK_TABLES.map(|t| format!("audit_{t}_insert"));
    let paused = paused_triggers::pause_in(conn, "temp", &names.each_ref().map(String::as_str))?;
    Ok(BulkMark(mark, paused))
}

/// End a bulk write: log every row added since `begin_bulk`, in one statement per table.
pub(super) fn end_bulk(conn: &Connection, mark: BulkMark) -> Result<()> {
    paused_triggers::resume(conn, mark.1)?;
    conn.execute("UPDATE temp.audit_ctx SET bulk = 0", [])?;
    let enabled: bool = conn.query_row("SELECT enabled FROM temp.audit_ctx", [], |r| r.get(0))?;
    if !enabled {
        return Ok(());
    }
    for (i, table) in BULK_TABLES.iter().enumerate() {
        let Some((_, customer)) = AUDITED.iter().find(|(t, _)| t == table) else { continue };
        let added: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM main.{table} WHERE id > ?1)"), [mark.0[i]], |r| {
                r.get(0)
            })?;
        if !added {
            continue;
        }
        conn.execute_batch(OPEN_CHANGE)?;
        conn.execute(
            &format!(
                "INSERT INTO main.audit_log (change_id, table_name, row_id, customer_id, op)
                 SELECT ctx.change_id, '{table}', t.id, {}, 'insert'
                 FROM main.{table} AS t, temp.audit_ctx AS ctx WHERE t.id > ?1 ORDER BY t.id",
                customer.expr("t")
            ),
            [mark.0[i]],
        )?;
    }
    Ok(())
}

/// Turn the log on or off for this connection (off only for generating demo and benchmark
/// books, which nobody made by hand).
pub(super) fn set_enabled(conn: &Connection, on: bool) -> Result<()> {
    conn.execute("UPDATE temp.audit_ctx SET enabled = ?1", [on])?;
    Ok(())
}

pub(super) fn set_session(conn: &Connection, session: &str) -> Result<()> {
    conn.execute("UPDATE temp.audit_ctx SET session = ?1", [session])?;
    Ok(())
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
