//! The team book's engine: the store's traits (`store::Book`) over a PostgreSQL connection,
//! as the login that connected. Row-level security decides what that login sees; the queries
//! here are the SQLite engine's, in PostgreSQL's dialect, with the same results (the store
//! conformance suite runs against both).
//!
//! One file per part of the interface, as in the SQLite engine: `session.rs` (opening, the
//! scheme, transactions and the audit log's change rows), `records.rs`... (see `mod` lines).

mod assessments;
mod backup;
mod bulk_records;
mod contacts;
mod customer_list;
mod customers;
mod due_closed;
mod due_head;
mod export;
mod follow_up_transfer;
mod follow_ups;
mod history;
mod import;
mod import_contacts;
mod indicators;
mod lenient;
mod move_book;
mod notes;
mod payments;
mod people;
mod pool;
mod products;
mod report;
mod schedule;
mod session;
mod tiers;

use std::cell::{Cell, RefCell};

use postgres::Client;

use super::TeamError;
use super::connect::Target;
use crate::clock::Clock;
use crate::domain::dates::UnreadableDate;
use crate::domain::tier::TierScheme;
use crate::store::StoreError;

/// An open team book: one connection, as one person.
pub struct PgStore {
    /// In a cell: reading through PostgreSQL needs `&mut Client`, while the store's readers
    /// take `&self` (SQLite's connection reads through a shared reference).
    client: RefCell<Client>,
    /// Where the book is, as given (with any password): for a second connection.
    url: String,
    target: Target,
    clock: Clock,
    scheme: Option<TierScheme>,
    /// The changes made through this connection; `undo_last` undoes only these.
    session: String,
    /// Whether writes are logged (off only while generating demo and benchmark books).
    audit: bool,
    /// Rows the readers skipped: PostgreSQL's types keep dates dates, so only a date outside
    /// tierdesk's years (`lenient.rs`).
    unreadable: RefCell<Vec<UnreadableDate>>,
    /// This connection's server process: the writes it notifies of are its own.
    backend: i32,
    /// How many other connections' writing transactions were heard of (`data_version`).
    heard: Cell<i64>,
}

impl From<TeamError> for StoreError {
    fn from(e: TeamError) -> Self {
        StoreError::Team(e)
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        match e.code() {
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::LOCK_NOT_AVAILABLE => {
                StoreError::Busy
            }
            Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::QUERY_CANCELED => StoreError::Busy,
            Some(c) if *c == SqlState::DISK_FULL => StoreError::Full,
            _ => StoreError::Team(TeamError::from(e)),
        }
    }
}

/// A list's owners as a query parameter (`text[]`): None for everyone. The query also says
/// `owner = ANY($n)` only when there is a list (`owners_cond`), so a whole-book list keeps
/// its plan; row-level security stays the guard either way, this is the person's choice.
fn owners_param(owners: &crate::store::Owners) -> Option<Vec<String>> {
    match owners {
        crate::store::Owners::All => None,
        crate::store::Owners::Only(logins) => Some(logins.clone()),
    }
}

/// `AND <column> = ANY($n)` for a chosen list of owners; for everyone, everyone's that is
/// someone's: the team's pool (no owner) is readable but is nobody's list (`Pool::pool`).
fn owners_cond(owners: &crate::store::Owners, column: &str, n: usize) -> String {
    match owners {
        crate::store::Owners::All => format!(" AND {column} IS NOT NULL"),
        crate::store::Owners::Only(_) => format!(" AND {column} = ANY(${n}::text[])"),
    }
}
