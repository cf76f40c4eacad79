//! Importing spreadsheets, shared by `tierdesk import` and the app's import screen: reading
//! and decoding the file, checking every row, and the all-or-nothing write. (The code lives
//! with the command line; the app reaches it through here, not through the CLI's argument
//! handling.)

pub use crate::cli::import::{
    ImportOptions, ImportSummary, Imported, Progress, describe_summary as describe, import_contacts, import_customers,
};
