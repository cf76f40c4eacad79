//! The team book keeps the SQLite book's tables and columns, so that a person's own SQL
//! reads the same on both engines: a new SQLite step without its PostgreSQL twin fails here.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use tierdesk::store::postgres::team::TeamBook;

use crate::pg::start;

fn sqlite_columns() -> BTreeSet<(String, String)> {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    tierdesk::store::migrations::migrate(&mut conn, None).unwrap();
    let mut st = conn
        .prepare(
            // Ordinary tables only: the notes search's FTS5 index (a virtual table and its
            // shadow tables) is SQLite's own kind of index; the team book has pg_trgm's.
            // Nor the customers' search keys (`customer_search`): the solo book's own index
            // of its names' pinyin, which the team book works out on the client.
            "SELECT m.name, c.name FROM pragma_table_list m, pragma_table_info(m.name) c
             WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
               AND m.name <> 'customer_search'",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .filter(|(t, c): &(String, String)| !tierdesk::store::solo_only(t, c))
        .collect()
}

#[test]
fn every_sqlite_table_and_column_exists_in_the_team_book() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let rows = book
        .client()
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'public'",
            &[],
        )
        .unwrap();
    let pg_columns: BTreeSet<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    let missing: Vec<_> = sqlite_columns().difference(&pg_columns).cloned().collect();
    assert!(missing.is_empty(), "in the SQLite book, not in the team book: {missing:?}");
}

#[test]
fn every_table_with_customer_data_is_guarded_by_row_level_security() {
    let Some(pg) = start() else { return };
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let rows = book
        .client()
        .query(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r'
               AND NOT (c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))",
            &[],
        )
        .unwrap();
    let open: BTreeSet<String> = rows.iter().map(|r| r.get(0)).collect();
    // Read by every person, written only by the book's owner (and book_meta by admins,
    // products by leads and admins).
    let shared: BTreeSet<String> = ["people", "book_meta", "schema_migrations", "products"].map(String::from).into();
    assert_eq!(open, shared, "a new table needs ENABLE ROW LEVEL SECURITY and a policy");
}
