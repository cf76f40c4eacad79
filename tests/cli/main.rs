//! Through the real binary: the subcommands, their exit codes, messages and JSON, and text that
//! must not reach the terminal raw.
//! One test crate, so one link of the library, for all of these: each module was a crate of
//! its own before.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg;
#[macro_use]
#[path = "../common/books.rs"]
mod books;

mod calendar;
mod cli;
mod cli_assess;
mod cli_brief;
mod cli_due;
mod cli_due_filters;
mod cli_notes;
mod cli_payments;
mod cli_plan;
mod cli_records;
mod cli_refusals;
mod cli_review;
mod cli_suit;
mod cli_temperament;
mod cli_tiers;
mod cli_undo;
mod csv_safe;
mod demo_brief;
mod demo_day;
mod file_shapes;
mod follow_ups_transfer;
mod hostile_text;
mod messages;
mod move_book;
mod people;
mod report;
mod vocabulary;
mod xlsx;
