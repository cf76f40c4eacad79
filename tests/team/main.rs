//! The team book on PostgreSQL, through real logins: each test makes its own database and
//! roles (tests/common/pg.rs) and connects as the people themselves, never as a superuser,
//! so that what is shown is what the database refuses.
//! Without a server at TIERDESK_TEST_PG these tests say "skipped" and pass; `.ci/run`
//! starts one and sets TIERDESK_REQUIRE_PG=1, so there they never skip.

#[allow(unused_macros)]
#[path = "../common/books.rs"]
mod books;
#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg;

mod access;
mod claim_limit;
mod cli_backup;
mod cli_book;
mod cli_team;
mod edit_conflicts;
mod engine_core;
mod engine_records;
mod engine_work;
mod hand_dates;
mod handover;
mod import_book;
mod late_payments_access;
mod lost_connection;
mod move_book;
mod notes_access;
mod parity;
mod people;
mod pool;
mod pool_cli;
mod pool_snooze;
mod team_report;
mod tui_lead;
mod tui_pin_sort;
mod tui_pool;
