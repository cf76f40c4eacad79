//! Importing spreadsheets, shared by `tierdesk import` and the app's import screen: read the
//! file, find its encoding (UTF-8 with or without BOM, else GB18030/GBK as Excel saves on a
//! Chinese Windows), let the domain check every row, and write all rows in one transaction
//! or none. Every bad row is listed with its line, column and reason; progress is reported
//! (`Progress`), and drawn as a bar on stderr for large files when asked (`progress`). The
//! summary is typed (`ImportSummary`); `crate::i18n::app_texts::describe_summary` words it.

use std::path::Path;

use crate::domain::import::{BadRow, Duplicate, FileProblem, OnDuplicate};
use crate::domain::tier::TierScheme;
use crate::i18n::import_problems::{self, Voice};

use super::AppError;

mod bar;
mod contacts;
mod customers;
mod encoding;
mod follow_ups;
mod input;
mod products;
mod shape;
pub mod workbook;
pub use contacts::import_contacts;
pub use customers::import_customers;
pub use encoding::{Decoded, decode, read_file, read_text};
pub use follow_ups::import_follow_ups;
pub use products::{ProductsSummary, import_products};
pub use shape::{NotRead, Shape, read_shape};

/// How many names a preview shows.
pub(super) const SAMPLE: usize = 3;

/// The encoding a file is read in, when the person names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEncoding {
    Utf8,
    Gb18030,
}

/// How an import is run.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub dry_run: bool,
    pub on_duplicate: OnDuplicate,
    pub encoding: Option<FileEncoding>,
    /// Draw progress bars on stderr (when it is a terminal and the file is large).
    pub progress: bool,
    /// Also report progress here (the app draws its own bar from it).
    pub report: Option<std::sync::Arc<Progress>>,
    /// The language of the problems and the summary, and who reads them.
    pub voice: Voice,
    /// The temperaments a customers file's `temperament` column may name (None: the
    /// shipped ones).
    pub temperaments: Option<crate::domain::temperament::Temperaments>,
    /// The sheet of an Excel workbook to read (None: the first).
    pub sheet: Option<String>,
}

/// Progress of a running import, readable from another thread: the stage (0 checking,
/// 1 writing), how far it is, out of how much.
#[derive(Debug, Default)]
pub struct Progress {
    pub stage: std::sync::atomic::AtomicU64,
    pub done: std::sync::atomic::AtomicU64,
    pub total: std::sync::atomic::AtomicU64,
}

impl Progress {
    fn set(&self, stage: u64, done: u64, total: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        self.stage.store(stage, Relaxed);
        self.done.store(done, Relaxed);
        self.total.store(total, Relaxed);
    }

    /// (stage, done, total)
    pub fn get(&self) -> (u64, u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.stage.load(Relaxed), self.done.load(Relaxed), self.total.load(Relaxed))
    }
}

pub(super) fn report(opts: &ImportOptions, stage: u64, done: u64, total: u64) {
    if let Some(r) = &opts.report {
        r.set(stage, done, total);
    }
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// The encoding the file was read in.
    pub encoding: &'static str,
    /// The character between its cells (None: a workbook's sheet).
    pub delimiter: Option<crate::domain::import::sniff::Delimiter>,
    /// The first few names (customers) or customer keys (contacts) as decoded: a preview
    /// shows them so that a wrong encoding is seen before anything is written.
    pub sample: Vec<String>,
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub skipped: u64,
    pub merged: u64,
    pub follow_ups: u64,
    pub dry_run: bool,
}

/// What a file brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Customers,
    Contacts,
    FollowUps,
}

pub(super) fn file_problem(path: &Path, e: &FileProblem, encoding: &str, voice: Voice) -> AppError {
    AppError::BadInput(import_problems::file_refused(path, e, Some(encoding), voice))
}

pub(super) fn unknown_columns(
    path: &Path,
    unknown: &[String],
    known: String,
    voice: Voice,
    warn: &mut dyn FnMut(&str),
) {
    for name in unknown {
        warn(&import_problems::unknown_column(path, name, &known, voice.lang));
    }
}

pub(super) fn bad_rows(path: &Path, bad: &[BadRow], scheme: &TierScheme, voice: Voice) -> AppError {
    AppError::BadInput(import_problems::bad_rows(path, bad, scheme, voice))
}

pub(super) fn duplicates(path: &Path, dups: &[Duplicate], voice: Voice) -> AppError {
    AppError::BadInput(import_problems::duplicates(path, dups, voice))
}
