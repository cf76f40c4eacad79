//! The TUI driven by key presses into ratatui's TestBackend on real book files: screens, pop-ups,
//! forms, snapshots and colours.
//! One test crate, so one link of the library, for all of these: each module was a crate of
//! its own before.

#[path = "../common/mod.rs"]
mod common;

mod brief;
mod day_tui;
mod edit_conflict;
mod first_frame;
mod forms;
mod import_screen;
mod import_shapes;
mod import_workbook;
mod indicators;
mod interview;
mod late_payments_tui;
mod lead;
mod live;
mod notes_search;
mod owners;
mod paste_input;
mod plan_mode;
mod popups_cjk;
mod recommend_form;
mod report_screen;
mod review_tui;
mod temperament_tui;
mod tier_tui;
mod today;
mod tui;
mod view_profile;
