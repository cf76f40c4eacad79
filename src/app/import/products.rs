//! A products file (name, code, risk_level): checked whole, then upserted by code in one
//! transaction, all or none.

use std::path::Path;

use super::encoding::encoding_label;
use super::{ImportOptions, file_problem, read_text, unknown_columns};
use crate::app::AppError;
use crate::domain::import::Column;
use crate::domain::import::products::{self, ProductColumn};
use crate::store::prelude::*;

/// What a products import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductsSummary {
    pub encoding: &'static str,
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub dry_run: bool,
}

/// Import a products file into `store`: every row checked first; any bad row refuses the
/// whole file, listing each; a dry run says what would be added and updated.
pub fn import_products(
    store: &mut dyn Book,
    path: &Path,
    opts: &ImportOptions,
    warn: &mut dyn FnMut(&str),
) -> Result<ProductsSummary, AppError> {
    let (text, encoding) = read_text(path, opts.encoding, opts.voice.lang)?;
    let checked = products::check(&text).map_err(|e| file_problem(path, &e, encoding_label(encoding), opts.voice))?;
    unknown_columns(path, &checked.unknown_columns, ProductColumn::known_names(), opts.voice, warn);
    if !checked.bad.is_empty() {
        let scheme = store.scheme().cloned().unwrap_or_else(crate::data::default_scheme);
        return Err(super::bad_rows(path, &checked.bad, &scheme, opts.voice));
    }
    let mut summary = ProductsSummary {
        encoding: encoding_label(encoding),
        rows: checked.rows,
        dry_run: opts.dry_run,
        ..Default::default()
    };
    let list: Vec<_> = checked.products.into_iter().map(|(_, p)| p).collect();
    if opts.dry_run {
        let have = store.products()?;
        let old = list.iter().filter(|p| have.iter().any(|h| h.code == p.code)).count() as u64;
        (summary.added, summary.updated) = (list.len() as u64 - old, old);
        return Ok(summary);
    }
    let written = store.upsert_products(&list)?;
    (summary.added, summary.updated) = (written.added, written.updated);
    Ok(summary)
}
