//! New ids for the solo book's rows, and the rows written with them (from `s_<table>`).
//!
//! Why new ids are drawn from each table's own sequence and not an offset by the table's
//! largest id: a person sees only some rows (row-level security), so the largest id they
//! can read is not the table's; and moving a sequence past a range (`setval`) needs the
//! sequence's UPDATE privilege, which people do not have. Drawing with `nextval` needs only
//! the USAGE they have, and no later insert by anyone can meet an id drawn here. The drawn
//! ids are paired with the old ones in order (`m_<table>`: old, new), so every table, the
//! history included, keeps its order: a customer's history reads in the order it happened,
//! and it all comes before the import's own change, whose ids are drawn after.
//!
//! Every reference goes through the map of the table it names: a row's own id, its
//! customer, contact, follow-up, assessment or draft; in the history, the change a log row
//! belongs to, the record it is about (`row_id`, by its table), the change an undo undid,
//! and inside the logged images `id`, `customer_id`, `contact_id` and `follow_up_id`. A
//! customer's `owner`, in the table and in its images, becomes the new owner, so that undo
//! never puts back an owner who is no person of the team book. The maps cover records
//! removed in the solo book too (named only by the history), so their history keeps
//! pointing at ids nobody else will take.

use postgres::Transaction;

use crate::store::Result;

/// The columns that name another table's row, and that table.
const REFS: [(&str, &str); 5] = [
    ("customer_id", "customers"),
    ("contact_id", "contacts"),
    ("follow_up_id", "follow_ups"),
    ("assessment_id", "assessments"),
    ("draft_id", "assessment_drafts"),
];

/// The tables whose records the audit log names (`store::audit::AUDITED`).
const AUDITED: [&str; 9] = [
    "customers",
    "contacts",
    "follow_ups",
    "follow_up_reschedules",
    "tier_changes",
    "snoozes",
    "indicator_values",
    "assessments",
    "late_payments",
];

/// The new owner, set for the transaction (`import_owner`).
pub const OWNER: &str = "current_setting('tierdesk.import_owner')";

/// Draw the new ids of every table with an id (`m_<table>`), and `m_rows` for the log's
/// records by table.
pub fn make_maps(tx: &mut Transaction, tables: &[&str]) -> Result<()> {
    // Products keep the team book's ids: they are merged by code (`merge_products`).
    for table in tables.iter().filter(|t| !t.ends_with("_answers") && **t != "products") {
        let ids = match *table {
            "customers" => "SELECT id FROM s_customers
                 UNION SELECT row_id FROM s_audit_log WHERE table_name = 'customers'
                 UNION SELECT customer_id FROM s_audit_log WHERE customer_id IS NOT NULL"
                .to_string(),
            t if AUDITED.contains(&t) => {
                format!("SELECT id FROM s_{t} UNION SELECT row_id FROM s_audit_log WHERE table_name = '{t}'")
            }
            t => format!("SELECT id FROM s_{t}"),
        };
        let seq: String =
            tx.query_one("SELECT pg_get_serial_sequence($1, 'id')", &[&format!("public.{table}")])?.get(0);
        tx.batch_execute(&format!(
            "CREATE TEMP TABLE m_{table} ON COMMIT DROP AS
             SELECT o.old, n.new FROM
                 (SELECT old, row_number() OVER (ORDER BY old) AS rn FROM ({ids}) q(old)) o
             JOIN (SELECT new, row_number() OVER (ORDER BY new) AS rn
                   FROM (SELECT nextval({seq}::regclass) AS new
                         FROM generate_series(1, (SELECT count(*) FROM ({ids}) c))) g) n USING (rn);
             ALTER TABLE m_{table} ADD PRIMARY KEY (old);
             ANALYZE m_{table};",
            seq = literal(&seq),
        ))?;
    }
    let rows: Vec<String> = AUDITED.iter().map(|t| format!("SELECT '{t}'::text AS tbl, old, new FROM m_{t}")).collect();
    tx.batch_execute(&format!(
        "CREATE TEMP TABLE m_rows ON COMMIT DROP AS {};
         ALTER TABLE m_rows ADD PRIMARY KEY (tbl, old);
         ANALYZE m_rows;",
        rows.join(" UNION ALL ")
    ))?;
    Ok(())
}

/// Write `table`'s staged rows (`columns`: those the solo book has) with their new ids, in
/// their old order; how many.
pub fn insert(tx: &mut Transaction, table: &str, columns: &[String]) -> std::result::Result<u64, postgres::Error> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    let mut joins = Vec::new();
    for column in columns {
        let Some(value) = value_of(table, column, &mut joins) else { continue };
        names.push(format!("\"{column}\""));
        values.push(value);
    }
    if table == "audit_log" {
        // The team book's copy of the owner: the policies read it.
        names.push("customer_owner".into());
        values.push(format!("CASE WHEN s.customer_id IS NULL THEN NULL ELSE {OWNER} END"));
        joins.push("JOIN m_rows r ON r.tbl = s.table_name AND r.old = s.row_id".into());
    }
    let order = if columns.iter().any(|c| c == "id") { "ORDER BY s.id" } else { "" };
    let sql = format!(
        "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM s_{table} s {} {order}",
        names.join(", "),
        values.join(", "),
        joins.join(" ")
    );
    tx.execute(&sql, &[])
}

/// What goes into `column` of `table` (None: left to the team book), with any join it needs.
fn value_of(table: &str, column: &str, joins: &mut Vec<String>) -> Option<String> {
    let mapped = |map: &str, alias: &str, joins: &mut Vec<String>, inner: bool| {
        let kind = if inner { "JOIN" } else { "LEFT JOIN" };
        joins.push(format!("{kind} m_{map} {alias} ON {alias}.old = s.\"{column}\""));
        format!("{alias}.new")
    };
    let n = joins.len();
    Some(match (table, column) {
        // The trigger fills in a record's copy of its customer's owner.
        (_, "customer_owner") => return None,
        // Each old change as the importer's (people write changes only as themselves), its
        // author kept in its session.
        ("changes", "made_by") => return None,
        ("changes", "session") => "current_setting('tierdesk.import_label') || ' (' || s.made_by || ')'".into(),
        ("changes", "undoes") => mapped("changes", &format!("j{n}"), joins, false),
        ("changes", "first_log") => mapped("audit_log", &format!("j{n}"), joins, false),
        ("audit_log", "change_id") => mapped("changes", &format!("j{n}"), joins, true),
        ("audit_log", "row_id") => "r.new".into(),
        ("audit_log", "old_row" | "new_row") => image(column),
        ("customers", "owner") => OWNER.into(),
        (_, "id") => mapped(table, "m", joins, true),
        (_, c) => match REFS.iter().find(|(r, _)| *r == c) {
            Some((_, map)) => mapped(map, &format!("j{n}"), joins, false),
            None => format!("s.\"{column}\""),
        },
    })
}

/// A logged image with its ids and owner remapped (see the module's comment).
fn image(column: &str) -> String {
    let x = format!("s.{column}");
    let mut parts = vec![format!("CASE WHEN {x} ? 'id' THEN jsonb_build_object('id', r.new) ELSE '{{}}'::jsonb END")];
    for (key, map) in REFS.iter().take(3) {
        parts.push(format!(
            "CASE WHEN {x} ? '{key}' THEN jsonb_build_object('{key}',
                 (SELECT new FROM m_{map} WHERE old = ({x}->>'{key}')::bigint)) ELSE '{{}}'::jsonb END"
        ));
    }
    parts.push(format!(
        "CASE WHEN s.table_name = 'customers' AND {x} ? 'owner' THEN jsonb_build_object('owner', {OWNER})
         ELSE '{{}}'::jsonb END"
    ));
    format!("CASE WHEN {x} IS NULL THEN NULL ELSE {x} || {} END", parts.join(" || "))
}

/// A text as an SQL literal (quotes doubled; the server reads backslashes as they are).
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_go_through_their_tables_maps() {
        let mut joins = Vec::new();
        assert_eq!(value_of("contacts", "id", &mut joins).as_deref(), Some("m.new"));
        assert_eq!(value_of("contacts", "customer_id", &mut joins).as_deref(), Some("j1.new"));
        assert_eq!(value_of("contacts", "summary", &mut joins).as_deref(), Some("s.\"summary\""));
        assert_eq!(value_of("contacts", "customer_owner", &mut joins), None);
        assert_eq!(
            joins,
            ["JOIN m_contacts m ON m.old = s.\"id\"", "LEFT JOIN m_customers j1 ON j1.old = s.\"customer_id\""]
        );
        assert_eq!(literal("it's"), "'it''s'");
    }
}
