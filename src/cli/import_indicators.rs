//! `tierdesk import indicators FILE`: indicator values from a CSV file (one row per customer
//! ref and day, one column per indicator of the book's grading model). Every row or none:
//! all problems are listed by line and column and nothing is written.

use std::path::Path;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::app::import::{FileEncoding, read_text};
use crate::app::review::choose_model;
use crate::domain::customer::CustomerId;
use crate::domain::indicator_import::read_indicator_file;
use crate::domain::validate::parse_date;
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::store::Measurement;

pub struct IndicatorImport<'a> {
    pub file: &'a Path,
    pub model: Option<&'a str>,
    pub date: Option<&'a str>,
    pub dry_run: bool,
    pub encoding: Option<FileEncoding>,
}

pub fn run(ctx: &Context, args: IndicatorImport) -> Result<(), CliError> {
    let today = ctx.today();
    let day = match args.date {
        None => today,
        Some(t) => {
            let d = parse_date(t).ok_or_else(|| Refusal::NotADate { flag: "--date", text: t.to_string() })?;
            if d > today {
                return Err(Refusal::InFuture { flag: "--date", date: d, today }.into());
            }
            d
        }
    };
    let (text, _) = read_text(args.file, args.encoding, ctx.lang)?;
    let mut store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let model =
        choose_model(&scheme, args.model, ctx.config.review.as_ref()).map_err(|e| CliError::BadInput(e.to_string()))?;
    let refs = store.customer_refs()?;
    let lookup = |r: &str| -> Vec<CustomerId> { refs.get(r).map(|id| vec![*id]).unwrap_or_default() };
    let parsed = read_indicator_file(&text, &model, day, today, lookup).map_err(|problems| {
        let n = problems.len();
        let mut msg =
            format!("{}: {n} problem{} found, nothing imported:", args.file.display(), if n == 1 { "" } else { "s" });
        for p in problems.iter().take(200) {
            // The file's problems are said in English for now (the domain's words); so is a value's.
            msg.push_str(&format!("\n  {}", crate::i18n::value_problems::indicator_row(p, crate::i18n::Lang::En)));
        }
        if n > 200 {
            msg.push_str(&format!("\n  ... and {} more", n - 200));
        }
        CliError::BadInput(msg)
    })?;
    for c in &parsed.ignored_columns {
        eprintln!("tierdesk: {}", fill(C::NotAnIndicator.get(ctx.lang), &[c, &model.id]));
    }
    let measurements: Vec<Measurement> = parsed
        .rows
        .iter()
        .map(|r| Measurement {
            customer: r.customer,
            measured_on: r.measured_on,
            values: r.values.iter().map(|(i, v)| (model.indicators[*i].code.clone(), v.clone())).collect(),
        })
        .collect();
    let values: usize = measurements.iter().map(|m| m.values.len()).sum();
    if args.dry_run {
        let facts: [&dyn std::fmt::Display; 4] = [&args.file.display(), &measurements.len(), &values, &model.id];
        println!("{}", fill(C::IndicatorsDryRun.get(ctx.lang), &facts));
        return Ok(());
    }
    let written = store.record_indicators(&measurements)?;
    let facts: [&dyn std::fmt::Display; 4] = [&args.file.display(), &measurements.len(), &written, &model.id];
    println!("{}", fill(C::IndicatorsImported.get(ctx.lang), &facts));
    Ok(())
}
