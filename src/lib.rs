//! tierdesk: a keyboard-driven workbench for account managers.
//!
//! Layers: `domain` is the pure business (no I/O, no clock, no terminal, no SQL);
//! `store` is the only place with SQL; `cli` holds the headless subcommands;
//! `ui` is the ratatui front end, which never sees SQL.
#![forbid(unsafe_code)]

pub mod agenda;
pub mod clock;
pub mod config;
pub mod data;
pub mod demo;
pub mod i18n;
pub mod importer;
pub mod paths;
pub mod private_file;
pub mod regrade;
pub mod safe_text;
pub mod store;
pub mod textwidth;

/// The business rules live in their own crate (crates/domain), so the compiler keeps them
/// pure; this module keeps `crate::domain::...` and `tierdesk::domain::...` paths working.
pub mod domain {
    /// The demo's indicator values moved to `crate::demo::indicators` (not business rules);
    /// the old name stays for the integration tests that use it (tests/review_tui.rs).
    pub use crate::demo::indicators as demo_indicators;
    pub use tierdesk_domain::*;
}

pub mod cli;
pub mod ui;
