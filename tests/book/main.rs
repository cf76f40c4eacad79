//! The book on disk: the store, import and export, the audit log and undo, files it owns or
//! refuses, and races between processes.
//! One test crate, so one link of the library, for all of these: each module was a crate of
//! its own before.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg;
#[macro_use]
#[path = "../common/books.rs"]
mod books;

mod audit_added;
mod audit_undo;
mod before_last;
mod due_head;
mod edit_conflicts;
mod export;
mod import;
mod own_files;
mod page_size;
mod private_files;
mod races;
mod search_ranking;
mod store;
