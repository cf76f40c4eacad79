//! A customers file: every row checked against the book under the write lock, then all
//! written or none.

use std::path::Path;

use chrono::NaiveDate;

use super::bar::{advance, bar};
use super::input::{Input, read_input};
use super::{ImportOptions, ImportSummary, bad_rows, duplicates, file_problem, report, unknown_columns};
use crate::app::AppError;
use crate::domain::import::customers::{self, CustomerImport};
use crate::domain::import::{Column, CustomerIndex};
use crate::store::prelude::*;

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
) -> Result<ImportSummary, AppError> {
    let input = read_input(path, opts)?;
    let scheme = store.scheme().cloned().ok_or(AppError::NoScheme)?;
    let show = opts.progress && input.large();
    let temperaments = opts.temperaments.clone().unwrap_or_else(crate::data::temperaments);
    let check = |book: &CustomerIndex, warn: &mut dyn FnMut(&str)| {
        let with = CustomerImport {
            scheme: &scheme,
            today,
            book,
            on_duplicate: opts.on_duplicate,
            temperaments: &temperaments,
        };
        plan_customers(path, &input, &with, opts, show, warn)
    };
    if opts.dry_run {
        let plan = check(&store.customer_index()?, warn)?;
        return Ok(customers_summary(&plan, &input, true));
    }
    let batch = store.begin_customers_import()?;
    let plan = check(&batch.customer_index()?, warn)?;
    let mut summary = customers_summary(&plan, &input, false);
    let pb = bar(plan.actions.len() as u64, show, "writing");
    let total = plan.actions.len() as u64;
    let written = batch.write(&plan.actions, &mut |n| {
        advance(&pb, n, total);
        report(opts, 1, n, total);
    });
    pb.finish_and_clear();
    // The plan holds every row's fields: freeing them one by one took 20-30 ms of 100,000
    // customers, spent after the book was written. Another thread frees them meanwhile.
    std::thread::spawn(move || drop(plan));
    let written = written?;
    (summary.added, summary.updated) = (written.added, written.updated);
    Ok(summary)
}

/// Check every row of a customers file against `with.book`: the plan, or every bad row or
/// duplicate as one error.
fn plan_customers(
    path: &Path,
    input: &Input,
    with: &CustomerImport,
    opts: &ImportOptions,
    show: bool,
    warn: &mut dyn FnMut(&str),
) -> Result<customers::CustomerPlan, AppError> {
    let len = input.source().size();
    let pb = bar(len, show, "checking");
    let plan = customers::plan(input.source(), with, &mut |at| {
        pb.set_position(at);
        report(opts, 0, at, len);
    });
    pb.finish_and_clear();
    let plan = plan.map_err(|e| file_problem(path, &e, input.label(), opts.voice))?;
    unknown_columns(path, &plan.unknown_columns, customers::CustomerColumn::known_names(), opts.voice, warn);
    if !plan.bad.is_empty() {
        return Err(bad_rows(path, &plan.bad, with.scheme, opts.voice));
    }
    if !plan.is_clean() {
        return Err(duplicates(path, &plan.duplicates, opts.voice));
    }
    Ok(plan)
}

fn customers_summary(plan: &customers::CustomerPlan, input: &Input, dry_run: bool) -> ImportSummary {
    ImportSummary {
        encoding: input.label(),
        delimiter: input.delimiter(),
        sample: input.sample(customers::CustomerColumn::Name),
        rows: plan.rows,
        added: plan.added as u64,
        updated: plan.updated as u64,
        skipped: plan.skipped as u64,
        merged: plan.merged as u64,
        dry_run,
        ..Default::default()
    }
}
