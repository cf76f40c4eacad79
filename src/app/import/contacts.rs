//! A contacts file: checked and written in one pass, all or none.

use std::path::Path;

use chrono::NaiveDate;

use super::bar::bar;
use super::input::read_input;
use super::{ImportOptions, ImportSummary, bad_rows, file_problem, report, unknown_columns};
use crate::app::AppError;
use crate::data;
use crate::domain::import::contacts::{self, ContactRows};
use crate::domain::import::{BadRow, Column};
use crate::store::prelude::*;

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
) -> Result<ImportSummary, AppError> {
    let input = read_input(path, opts)?;
    let encoding = input.label();
    let scheme = store.scheme().cloned().ok_or(AppError::NoScheme)?;
    let book = store.customer_index()?;
    let kinds = data::contact_kinds();
    let show = opts.progress && input.large();
    let len = input.source().size();
    let mut summary = ImportSummary {
        encoding,
        delimiter: input.delimiter(),
        sample: input.sample(contacts::ContactColumn::Customer),
        dry_run: opts.dry_run,
        ..Default::default()
    };
    if opts.dry_run {
        let pb = bar(len, show, "checking");
        let checked = contacts::check(input.source(), &book, &kinds, today, &mut |at| {
            pb.set_position(at);
            report(opts, 0, at, len);
        });
        pb.finish_and_clear();
        let checked = checked.map_err(|e| file_problem(path, &e, encoding, opts.voice))?;
        unknown_columns(path, &checked.unknown_columns, contacts::ContactColumn::known_names(), opts.voice, warn);
        if !checked.bad.is_empty() {
            return Err(bad_rows(path, &checked.bad, &scheme, opts.voice));
        }
        let there = store.contacts_already_there(&checked.uuids)?;
        (summary.rows, summary.added, summary.follow_ups) = (checked.rows, checked.rows - there, checked.follow_ups);
        summary.skipped = there;
        return Ok(summary);
    }
    let mut rows = ContactRows::read(input.source(), &book, &kinds, today)
        .map_err(|e| file_problem(path, &e, input.label(), opts.voice))?;
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
            summary.skipped = w.already_there;
            report(opts, 1, len, len);
            Ok(summary)
        }
        _ => Err(bad_rows(path, &bad, &scheme, opts.voice)),
    }
}
