//! The business, pure: no ratatui, no crossterm, no rusqlite, no clock, no file system.
//! Everything here takes its inputs (text, rows, `today`) as arguments and returns values,
//! so the rules are covered by fast table-driven tests.

pub mod audit;
pub mod contact_draft;
pub mod contact_kind;
pub mod customer;
pub mod dates;
pub mod due;
pub mod due_closed;
pub mod due_filter;
pub mod due_order;
pub mod grading;
pub mod history;
pub mod import;
pub mod indicator_import;
pub mod lang;
pub mod names;
pub mod notes;
pub mod people;
pub mod plan;
pub mod pool;
pub mod questionnaire;
pub mod ref_pattern;
pub mod report;
pub mod review;
pub mod schedule;
pub mod search;
pub mod signoff;
pub mod source;
pub mod suitability;
pub mod temperament;
pub mod terms;
pub mod tier;
pub mod tier_move;
pub mod validate;

#[cfg(test)]
mod test_data;
