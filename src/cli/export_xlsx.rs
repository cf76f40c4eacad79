//! `export customers|contacts|follow-ups|due --format xlsx`: each export as a list of columns (the CSV
//! export's, each with the kind of its cells) and a loop over its rows; the sheet itself is
//! `xlsx::Sheet`'s. Sheet names stay ASCII and the same in every language, for scripts.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::export::{contact_cell, write_error};
use super::xlsx::{Kind, Sheet};
use super::{CliError, Context};
use crate::domain::import::Column;
use crate::domain::import::contacts::ContactColumn;
use crate::domain::import::customers::CustomerColumn;
use crate::i18n::workbook_texts::W;
use crate::store::prelude::*;
use crate::store::{ExportedContact, ExportedCustomer};

/// Where a workbook goes: `-o FILE`, or standard output when it is no terminal (`-o -` too).
/// A workbook is binary: to a terminal it is refused.
pub(super) fn output(ctx: &Context, workbook: bool, output: Option<PathBuf>) -> Result<Option<PathBuf>, CliError> {
    if !workbook {
        return Ok(output);
    }
    let to_stdout = output.as_deref().is_none_or(|p| p == Path::new("-"));
    if !to_stdout {
        return Ok(output);
    }
    if std::io::stdout().is_terminal() {
        return Err(CliError::BadInput(W::ToTerminal.get(ctx.lang).to_string()));
    }
    Ok(None)
}

fn customer_kind(c: CustomerColumn) -> Kind {
    match c {
        CustomerColumn::Created => Kind::Date,
        _ => Kind::Text,
    }
}

fn contact_kind(c: ContactColumn) -> Kind {
    match c {
        ContactColumn::Date | ContactColumn::FollowUpDue => Kind::Date,
        ContactColumn::FollowUpDone => Kind::DateTime,
        _ => Kind::Text,
    }
}

/// The columns of `due --format csv`, with their kinds (the customer's id as text, as
/// every id and ref).
const DUE: [(&str, Kind); 9] = [
    ("customer_id", Kind::Text),
    ("ref", Kind::Text),
    ("name", Kind::Text),
    ("tier", Kind::Text),
    ("reason", Kind::Text),
    ("last_contact", Kind::Date),
    ("due_date", Kind::Date),
    ("days_overdue", Kind::Number),
    ("detail", Kind::Text),
];

pub(super) fn columns<C: Column>(kind: fn(C) -> Kind) -> Vec<(&'static str, Kind)> {
    C::ALL.iter().map(|c| (c.name(), kind(*c))).collect()
}

pub(super) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> CliError {
    write_error(e)
}

pub(super) fn save(sheet: Sheet, w: &mut dyn Write) -> Result<(), CliError> {
    let bytes = sheet.finish().map_err(xlsx_error)?;
    w.write_all(&bytes).map_err(write_error)
}

pub(super) fn write_customers(all: &[ExportedCustomer], w: &mut dyn Write) -> Result<(), CliError> {
    let mut sheet = Sheet::new("customers", &columns(customer_kind)).map_err(xlsx_error)?;
    for c in all {
        sheet.row(CustomerColumn::ALL.iter().map(|col| col.text(&c.fields, &c.uuid))).map_err(xlsx_error)?;
    }
    save(sheet, w)
}

pub(super) fn write_contacts(store: &dyn Book, keys: &HashMap<i64, String>, w: &mut dyn Write) -> Result<(), CliError> {
    let mut sheet = Sheet::new("contacts", &columns(contact_kind)).map_err(xlsx_error)?;
    crate::store::export_contacts_until(store, |c: &ExportedContact| {
        let key = keys.get(&c.customer.0).map(String::as_str).unwrap_or("");
        sheet.row(ContactColumn::ALL.iter().map(|col| contact_cell(c, *col, key))).map_err(xlsx_error)
    })?;
    save(sheet, w)
}

pub(super) fn write_due(ctx: &Context, store: &dyn Book, within: u32, w: &mut dyn Write) -> Result<(), CliError> {
    let today = ctx.today();
    let items =
        super::due::items(store, ctx.lang, today, within, ctx.config.require_assessment, &crate::store::Owners::All)?;
    let mut sheet = Sheet::new("due", &DUE).map_err(xlsx_error)?;
    for it in &items {
        let o = super::due::DueOut::from_item(it);
        let cells = [
            o.customer_id.to_string(),
            o.ext_ref.unwrap_or_default().to_string(),
            o.name.to_string(),
            o.tier.to_string(),
            o.reason.to_string(),
            o.last_contact.map(|d| d.to_string()).unwrap_or_default(),
            o.due_date.to_string(),
            o.days_overdue.to_string(),
            o.detail.to_string(),
        ];
        sheet.row(&cells).map_err(xlsx_error)?;
    }
    save(sheet, w)
}
