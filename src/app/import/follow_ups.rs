//! A follow-ups file (as `export follow-ups` writes it): checked and written in one pass,
//! all or none; a follow-up whose uuid the book has is skipped, so one file imported twice
//! adds nothing the second time.

use std::path::Path;

use super::bar::bar;
use super::input::read_input;
use super::{ImportOptions, ImportSummary, bad_rows, file_problem, report, unknown_columns};
use crate::app::AppError;
use crate::domain::import::follow_ups::{self, FollowUpColumn, FollowUpRows};
use crate::domain::import::{BadRow, Column};
use crate::store::prelude::*;

/// Import a follow-ups file into `store`: the whole of `tierdesk import follow-ups`, less
/// the printing of the summary. A dry run only checks (it cannot tell which uuids the book
/// already has: every good row counts as added).
pub fn import_follow_ups(
    store: &mut dyn Book,
    path: &Path,
    opts: &ImportOptions,
    warn: &mut dyn FnMut(&str),
) -> Result<ImportSummary, AppError> {
    let input = read_input(path, opts)?;
    let encoding = input.label();
    let scheme = store.scheme().cloned().ok_or(AppError::NoScheme)?;
    let book = store.customer_index()?;
    let mut summary = ImportSummary {
        encoding,
        delimiter: input.delimiter(),
        sample: input.sample(FollowUpColumn::Customer),
        dry_run: opts.dry_run,
        ..Default::default()
    };
    if opts.dry_run {
        let checked =
            follow_ups::check(input.source(), &book).map_err(|e| file_problem(path, &e, encoding, opts.voice))?;
        unknown_columns(path, &checked.unknown_columns, FollowUpColumn::known_names(), opts.voice, warn);
        if !checked.bad.is_empty() {
            return Err(bad_rows(path, &checked.bad, &scheme, opts.voice));
        }
        (summary.rows, summary.added) = (checked.rows, checked.rows);
        return Ok(summary);
    }
    let mut rows =
        FollowUpRows::read(input.source(), &book).map_err(|e| file_problem(path, &e, encoding, opts.voice))?;
    unknown_columns(path, rows.unknown_columns(), FollowUpColumn::known_names(), opts.voice, warn);
    let len = input.source().size();
    let pb = bar(len, opts.progress && input.large(), "importing");
    let mut bad: Vec<BadRow> = Vec::new();
    let mut read = 0u64;
    let mut records = std::iter::from_fn(|| {
        let row = rows.next()?;
        read += 1;
        if read.is_multiple_of(4096) {
            pb.set_position(rows.offset());
            report(opts, 1, rows.offset(), len);
        }
        Some(match row {
            Ok(f) => Some(f),
            Err(b) => {
                bad.extend(b);
                None
            }
        })
    });
    let written = store.import_follow_ups(&mut records, &mut |_| {});
    pb.finish_and_clear();
    match written? {
        Some(w) if bad.is_empty() => {
            (summary.rows, summary.added, summary.skipped) = (read, w.added, read - w.added);
            report(opts, 1, len, len);
            Ok(summary)
        }
        _ => Err(bad_rows(path, &bad, &scheme, opts.voice)),
    }
}
