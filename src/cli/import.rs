//! `tierdesk import customers|contacts FILE`: read the file, find its encoding (UTF-8 with or
//! without BOM, else GB18030/GBK as Excel saves on a Chinese Windows), let the domain check
//! every row, and write all rows in one transaction or none. Every bad row is listed with
//! its line, column and reason; a progress bar on stderr for large files.

use std::path::Path;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use encoding_rs::Encoding;

use super::{CliError, Context};
use crate::data;
use crate::domain::import::contacts::{self, ContactRows};
use crate::domain::import::customers::{self, CustomerImport};
use crate::domain::import::{BadRow, Column, CustomerIndex, Duplicate, FileProblem, OnDuplicate};
use crate::domain::tier::TierScheme;
use crate::i18n::import_problems::{self, Voice};
use crate::i18n::problems::P;
use crate::i18n::{Lang, fill};
use crate::store::prelude::*;

mod bar;
mod encoding;
use bar::{LARGE_FILE, advance, bar};
use encoding::encoding_label;
pub use encoding::{decode, read_text};

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Bring customers in from a CSV file (UTF-8, or GB18030/GBK as Excel saves it); every row
    /// or none.
    Customers {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// Check the file and say what would be added, updated and skipped; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// What to do with a row already in the book (same ref, else same name and company).
        #[arg(long, value_enum, default_value_t = DuplicateMode::Fail)]
        on_duplicate: DuplicateMode,
        /// The file's encoding; default: UTF-8 if it reads as UTF-8, else GB18030.
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring contacts in from a CSV file (customer, date, kind, note, follow_up,
    /// follow_up_due); every row or none.
    Contacts {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// Check the file and say how many contacts would be added; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: UTF-8 if it reads as UTF-8, else GB18030.
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring indicator values in from a CSV file: a `ref` column naming the customer, an
    /// optional `measured_on` date, and one column per indicator of the grading model (its
    /// code or name); every row or none.
    Indicators {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// The grading model whose indicators the file holds (default: the book's).
        #[arg(long, value_name = "NAME")]
        model: Option<String>,
        /// The day the values were measured, for rows without a date (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Check the file and say how many values would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: UTF-8 if it reads as UTF-8, else GB18030.
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicateMode {
    Fail,
    Skip,
    Update,
}

impl From<DuplicateMode> for OnDuplicate {
    fn from(m: DuplicateMode) -> Self {
        match m {
            DuplicateMode::Fail => OnDuplicate::Fail,
            DuplicateMode::Skip => OnDuplicate::Skip,
            DuplicateMode::Update => OnDuplicate::Update,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "gb18030", alias = "gbk")]
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

fn report(opts: &ImportOptions, stage: u64, done: u64, total: u64) {
    if let Some(r) = &opts.report {
        r.set(stage, done, total);
    }
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// The encoding the file was read in.
    pub encoding: &'static str,
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub skipped: u64,
    pub merged: u64,
    pub follow_ups: u64,
    pub dry_run: bool,
}

pub fn run(ctx: &Context, cmd: ImportCommand) -> Result<(), CliError> {
    let today = ctx.today();
    let lang = ctx.lang;
    let warn = &mut |w: &str| eprintln!("tierdesk: {}", fill(P::Warning.get(lang), &[&w]));
    let voice = Voice { lang, ..Default::default() };
    let (file, summary, what) = match cmd {
        ImportCommand::Customers { file, dry_run, on_duplicate, encoding } => {
            let on_duplicate = on_duplicate.into();
            let opts = ImportOptions { dry_run, on_duplicate, encoding, progress: true, report: None, voice };
            let mut store = ctx.open_book()?;
            (file.clone(), import_customers(&mut *store, &file, &opts, today, warn)?, Imported::Customers)
        }
        ImportCommand::Contacts { file, dry_run, encoding } => {
            let opts = ImportOptions { dry_run, encoding, progress: true, voice, ..Default::default() };
            let mut store = ctx.open_book()?;
            (file.clone(), import_contacts(&mut *store, &file, &opts, today, warn)?, Imported::Contacts)
        }
        ImportCommand::Indicators { file, model, date, dry_run, encoding } => {
            let args = super::import_indicators::IndicatorImport {
                file: &file,
                model: model.as_deref(),
                date: date.as_deref(),
                dry_run,
                encoding,
            };
            return super::import_indicators::run(ctx, args);
        }
    };
    println!("{}", describe_summary(&file, what, &summary, lang));
    Ok(())
}

/// What a file brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Customers,
    Contacts,
}

/// What an import did (or would do), in a line.
pub fn describe_summary(file: &Path, what: Imported, s: &ImportSummary, lang: Lang) -> String {
    let count = |p: P, n: u64| fill(p.get(lang), &[&n]);
    let mut parts = vec![count(P::SumAdded, s.added)];
    let what = match what {
        Imported::Customers => {
            parts.push(count(P::SumUpdated, s.updated));
            parts.push(count(P::SumSkipped, s.skipped));
            if s.merged > 0 {
                parts.push(count(P::SumMerged, s.merged));
            }
            P::WhatCustomers
        }
        Imported::Contacts => {
            parts.push(count(P::SumFollowUps, s.follow_ups));
            P::WhatContacts
        }
    };
    let head = if s.dry_run { P::DryRun } else { P::Imported };
    let parts = parts.join(P::ListSep.get(lang));
    fill(head.get(lang), &[&file.display(), &s.encoding, &s.rows, &what.get(lang), &parts])
}

/// Import a customers file into `store`: the whole of `tierdesk import customers`, less
/// the printing of the summary. Warnings (unknown columns) go to `warn`. The rows are checked
/// against the book under the write lock they are written with: an import started at the
/// same moment waits, then finds these rows already in the book.
pub fn import_customers(
    store: &mut dyn Book,
    path: &Path,
    opts: &ImportOptions,
    today: NaiveDate,
    warn: &mut dyn FnMut(&str),
) -> Result<ImportSummary, CliError> {
    let (text, encoding) = read_text(path, opts.encoding, opts.voice.lang)?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let show = opts.progress && text.len() >= LARGE_FILE;
    let check = |book: &CustomerIndex, warn: &mut dyn FnMut(&str)| {
        let with = CustomerImport { scheme: &scheme, today, book, on_duplicate: opts.on_duplicate };
        plan_customers(path, &text, &with, opts, show, warn)
    };
    if opts.dry_run {
        let plan = check(&store.customer_index()?, warn)?;
        return Ok(customers_summary(&plan, encoding, true));
    }
    let batch = store.begin_customers_import()?;
    let plan = check(&batch.customer_index()?, warn)?;
    let mut summary = customers_summary(&plan, encoding, false);
    let pb = bar(plan.actions.len() as u64, show, "writing");
    let total = plan.actions.len() as u64;
    let written = batch.write(&plan.actions, &mut |n| {
        advance(&pb, n, total);
        report(opts, 1, n, total);
    });
    pb.finish_and_clear();
    let written = written?;
    (summary.added, summary.updated) = (written.added, written.updated);
    Ok(summary)
}

/// Check every row of a customers file against `with.book`: the plan, or every bad row or
/// duplicate as one error.
fn plan_customers(
    path: &Path,
    text: &str,
    with: &CustomerImport,
    opts: &ImportOptions,
    show: bool,
    warn: &mut dyn FnMut(&str),
) -> Result<customers::CustomerPlan, CliError> {
    let len = text.len() as u64;
    let pb = bar(len, show, "checking");
    let plan = customers::plan(text, with, &mut |at| {
        pb.set_position(at);
        report(opts, 0, at, len);
    });
    pb.finish_and_clear();
    let plan = plan.map_err(|e| file_problem(path, &e, opts.voice))?;
    unknown_columns(path, &plan.unknown_columns, customers::CustomerColumn::known_names(), opts.voice, warn);
    if !plan.bad.is_empty() {
        return Err(bad_rows(path, &plan.bad, with.scheme, opts.voice));
    }
    if !plan.is_clean() {
        return Err(duplicates(path, &plan.duplicates, opts.voice));
    }
    Ok(plan)
}

fn customers_summary(plan: &customers::CustomerPlan, encoding: &'static Encoding, dry_run: bool) -> ImportSummary {
    ImportSummary {
        encoding: encoding_label(encoding),
        rows: plan.rows,
        added: plan.added as u64,
        updated: plan.updated as u64,
        skipped: plan.skipped as u64,
        merged: plan.merged as u64,
        dry_run,
        ..Default::default()
    }
}

/// Import a contacts file into `store`: the whole of `tierdesk import contacts`, less the
/// printing of the summary. One pass: rows are checked and written as they are read (a
/// million rows never sit in memory); at the first bad row writing stops, the rest is only
/// checked so that every bad row is listed, and the transaction is rolled back. A dry run
/// only checks.
pub fn import_contacts(
    store: &mut dyn Book,
    path: &Path,
    opts: &ImportOptions,
    today: NaiveDate,
    warn: &mut dyn FnMut(&str),
) -> Result<ImportSummary, CliError> {
    let (text, encoding) = read_text(path, opts.encoding, opts.voice.lang)?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let book = store.customer_index()?;
    let kinds = data::contact_kinds();
    let show = opts.progress && text.len() >= LARGE_FILE;
    let len = text.len() as u64;
    let mut summary = ImportSummary { encoding: encoding_label(encoding), dry_run: opts.dry_run, ..Default::default() };
    if opts.dry_run {
        let pb = bar(len, show, "checking");
        let checked = contacts::check(&text, &book, &kinds, today, &mut |at| {
            pb.set_position(at);
            report(opts, 0, at, len);
        });
        pb.finish_and_clear();
        let checked = checked.map_err(|e| file_problem(path, &e, opts.voice))?;
        unknown_columns(path, &checked.unknown_columns, contacts::ContactColumn::known_names(), opts.voice, warn);
        if !checked.bad.is_empty() {
            return Err(bad_rows(path, &checked.bad, &scheme, opts.voice));
        }
        (summary.rows, summary.added, summary.follow_ups) = (checked.rows, checked.rows, checked.follow_ups);
        return Ok(summary);
    }
    let mut rows = ContactRows::read(&text, &book, &kinds, today).map_err(|e| file_problem(path, &e, opts.voice))?;
    unknown_columns(path, rows.unknown_columns(), contacts::ContactColumn::known_names(), opts.voice, warn);
    let pb = bar(len, show, "importing");
    let mut bad: Vec<BadRow> = Vec::new();
    let mut read = 0u64;
    let mut records = std::iter::from_fn(|| {
        let Some(row) = rows.next() else {
            // Every row is read (and, if all were good, written): the rest is saving.
            pb.set_position(len);
            pb.set_message("saving");
            return None;
        };
        read += 1;
        if read.is_multiple_of(4096) {
            pb.set_position(rows.offset());
            report(opts, 1, rows.offset(), len);
        }
        Some(match row {
            Ok(c) => Some(c),
            Err(b) => {
                bad.extend(b);
                None
            }
        })
    });
    let written = store.import_contacts(&mut records, &mut |_| {});
    pb.finish_and_clear();
    let written = written?;
    match written {
        Some(w) if bad.is_empty() => {
            (summary.rows, summary.added, summary.follow_ups) = (read, w.added, w.follow_ups);
            report(opts, 1, len, len);
            Ok(summary)
        }
        _ => Err(bad_rows(path, &bad, &scheme, opts.voice)),
    }
}

fn file_problem(path: &Path, e: &FileProblem, voice: Voice) -> CliError {
    CliError::BadInput(import_problems::file_refused(path, e, voice.lang))
}

fn unknown_columns(path: &Path, unknown: &[String], known: String, voice: Voice, warn: &mut dyn FnMut(&str)) {
    for name in unknown {
        warn(&import_problems::unknown_column(path, name, &known, voice.lang));
    }
}

fn bad_rows(path: &Path, bad: &[BadRow], scheme: &TierScheme, voice: Voice) -> CliError {
    CliError::BadInput(import_problems::bad_rows(path, bad, scheme, voice))
}

fn duplicates(path: &Path, dups: &[Duplicate], voice: Voice) -> CliError {
    CliError::BadInput(import_problems::duplicates(path, dups, voice))
}
