//! tierdesk: a keyboard-driven workbench for account managers.
//!
//! Layers (see ARCHITECTURE.md): `domain` is the pure business in a crate of its own (no
//! I/O, no clock, no terminal, no SQL); `store` is the only place with SQL; `app` holds the
//! use cases both faces share; `cli` holds the headless subcommands; `ui` is the ratatui
//! front end, which never sees SQL. Neither face imports the other; `main.rs` picks one.
#![forbid(unsafe_code)]

/// mimalloc, not the system allocator, for every program built on this crate (the binary,
/// its tests and benches alike): the daily list of a big book is hundreds of thousands of
/// small strings made and dropped, and glibc's malloc and free were a fifth of `due`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod app;
pub mod clock;
pub mod config;
pub mod data;
pub mod demo;
pub mod i18n;
pub mod paths;
pub mod private_file;
pub mod safe_text;
pub mod store;
pub mod textwidth;

/// The business rules live in their own crate (crates/domain), so the compiler keeps them
/// pure; `crate::domain::...` and `tierdesk::domain::...` name it.
pub use tierdesk_domain as domain;

pub mod cli;
pub mod ui;
