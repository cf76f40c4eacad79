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
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
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
