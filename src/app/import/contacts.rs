//! A contacts file: checked and written in one pass, all or none.

use std::path::Path;

use chrono::NaiveDate;

use super::bar::bar;
use super::input::read_input;
use super::{ImportOptions, ImportSummary, bad_rows, file_problem, report, unknown_columns};
use crate::app::AppError;
use crate::data;
use crate::domain::import::contacts::{self, ContactRecord, ContactRows};
use crate::domain::import::{BadRow, Column};
use crate::store::prelude::*;

/// Rows handed from the reading thread to the writing one at a time.
const BATCH: usize = 1024;

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
    // The file is read and checked on a thread of its own while this one writes: on two cores
    // the reading is hidden behind the writing (a million rows: about 3 s of checking).
    let (sent, received) = std::sync::mpsc::sync_channel::<Batch>(16);
    let (written, read) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut bad: Vec<BadRow> = Vec::new();
            let mut read = 0u64;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = rows.next() {
                read += 1;
                if read.is_multiple_of(4096) {
                    pb.set_position(rows.offset());
                    report(opts, 1, rows.offset(), len);
                }
                batch.push(match row {
                    Ok(c) => Some(c),
                    Err(b) => {
                        bad.extend(b);
                        None
                    }
                });
                if batch.len() == BATCH
                    && sent.send(Batch::Rows(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err()
                {
                    // The writer stopped (a write failed): nothing more to check for it.
                    break;
                }
            }
            let _ = sent.send(Batch::Rows(batch));
            let _ = sent.send(Batch::End);
            // Every row is read (and, if all were good, written): the rest is saving.
            pb.set_position(len);
            pb.set_message("saving");
            (bad, read)
        });
        let mut records = batches(received);
        let written = store.import_contacts(&mut records, &mut |_| {});
        // The reader may wait to hand over more: let it see the writer has stopped.
        drop(records);
        (written, reader.join())
    });
    pb.finish_and_clear();
    let Ok((bad, read)) = read else {
        return Err(AppError::Failed(crate::i18n::import_problems::not_read_to_end(path, opts.voice.lang)));
    };
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

/// What the reading thread hands over: checked rows (None for a bad one), then the end.
enum Batch {
    Rows(Vec<Option<ContactRecord>>),
    End,
}

/// The rows as the writer takes them. Should the reader stop without saying it reached the
/// end (it failed), one refused row is made up, so that nothing of a half-read file is kept.
fn batches(received: std::sync::mpsc::Receiver<Batch>) -> impl Iterator<Item = Option<ContactRecord>> {
    let mut current = Vec::new().into_iter();
    let mut ended = false;
    std::iter::from_fn(move || {
        loop {
            if let Some(row) = current.next() {
                return Some(row);
            }
            if ended {
                return None;
            }
            match received.recv() {
                Ok(Batch::Rows(rows)) => current = rows.into_iter(),
                Ok(Batch::End) => ended = true,
                Err(_) => {
                    ended = true;
                    return Some(None);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_stops_without_reaching_the_end_refuses_the_import() {
        let (sent, received) = std::sync::mpsc::sync_channel::<Batch>(4);
        sent.send(Batch::Rows(vec![None, None])).unwrap();
        drop(sent);
        let rows: Vec<Option<ContactRecord>> = batches(received).collect();
        assert_eq!(rows.len(), 3, "the two rows sent, then one made-up refusal");
        assert!(rows.iter().all(Option::is_none));
    }

    #[test]
    fn a_reader_that_reaches_the_end_hands_over_exactly_its_rows() {
        let (sent, received) = std::sync::mpsc::sync_channel::<Batch>(4);
        sent.send(Batch::Rows(vec![None])).unwrap();
        sent.send(Batch::Rows(vec![])).unwrap();
        sent.send(Batch::End).unwrap();
        drop(sent);
        assert_eq!(batches(received).count(), 1);
    }
}
