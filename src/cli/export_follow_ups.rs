//! `tierdesk export follow-ups`: every follow-up, with or without the contact that promised
//! it, as CSV or an Excel workbook (the columns `tierdesk import follow-ups` reads) or JSON. The customer is
//! named as the contacts export names it (the ref, else the name, else the uuid: whichever
//! finds exactly them again), with their name beside it for people; the follow-up's uuid
//! lets a re-import skip what the book has.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::CliError;
use super::export::{DataFormat, csv_writer, write_error};
use super::export_xlsx::{columns, save, xlsx_error};
use super::xlsx::{Kind, Sheet};
use crate::domain::import::follow_ups::FollowUpColumn;
use crate::domain::import::{Column, CustomerIndex};
use crate::store::prelude::*;
use crate::store::{ExportedFollowUp, export_follow_ups_until};

/// A follow-up as the JSON export writes it.
#[derive(Serialize)]
struct FollowUpJson<'a> {
    uuid: &'a str,
    customer_id: i64,
    customer: &'a str,
    customer_ref: Option<&'a str>,
    customer_name: &'a str,
    due: &'a str,
    what: &'a str,
    done_at: Option<&'a str>,
}

/// How the file names each customer: (key, ref, name) by id.
struct Named {
    key: String,
    ext_ref: Option<String>,
    name: String,
}

fn customers(store: &dyn Book) -> Result<HashMap<i64, Named>, CliError> {
    let all = store.export_customers()?;
    let mut index = CustomerIndex::default();
    for c in &all {
        index.insert(c.id, &c.uuid, c.fields.ext_ref.as_deref(), &c.fields.name, &c.fields.company);
    }
    Ok(all
        .iter()
        .map(|c| {
            let key = index.export_key(&c.uuid, c.fields.ext_ref.as_deref(), &c.fields.name).to_string();
            (c.id.0, Named { key, ext_ref: c.fields.ext_ref.clone(), name: c.fields.name.clone() })
        })
        .collect())
}

/// A follow-up's cell in a column of the file; `c`: how its customer is named.
fn cell<'a>(c: &'a Named, f: &'a ExportedFollowUp, col: FollowUpColumn) -> &'a str {
    match col {
        FollowUpColumn::Customer => c.key.as_str(),
        FollowUpColumn::CustomerName => &c.name,
        FollowUpColumn::Due => &f.due,
        FollowUpColumn::What => &f.what,
        FollowUpColumn::Done => f.done_at.as_deref().unwrap_or(""),
        FollowUpColumn::Uuid => &f.uuid,
    }
}

/// The kind of a column's cells in a workbook.
fn follow_up_kind(c: FollowUpColumn) -> Kind {
    match c {
        FollowUpColumn::Due => Kind::Date,
        FollowUpColumn::Done => Kind::DateTime,
        _ => Kind::Text,
    }
}

pub(super) fn write_follow_ups(store: &dyn Book, format: DataFormat, w: &mut dyn Write) -> Result<(), CliError> {
    let named = customers(store)?;
    let unnamed = Named { key: String::new(), ext_ref: None, name: String::new() };
    let of = |f: &ExportedFollowUp| named.get(&f.customer.0).unwrap_or(&unnamed);
    match format {
        DataFormat::Xlsx => {
            let mut sheet = Sheet::new("follow-ups", &columns(follow_up_kind)).map_err(xlsx_error)?;
            export_follow_ups_until(store, |f: &ExportedFollowUp| {
                let c = of(f);
                sheet.row(FollowUpColumn::ALL.iter().map(|col| cell(c, f, *col))).map_err(xlsx_error)
            })?;
            save(sheet, w)
        }
        DataFormat::Csv => {
            let mut out = csv_writer(w)?;
            out.row(FollowUpColumn::ALL.iter().map(|c| c.name())).map_err(write_error)?;
            export_follow_ups_until(store, |f: &ExportedFollowUp| {
                let c = of(f);
                let row = FollowUpColumn::ALL.iter().map(|col| cell(c, f, *col));
                out.row(row).map_err(write_error)
            })?;
            out.flush().map_err(write_error)
        }
        DataFormat::Json => {
            // Streamed: one object at a time.
            w.write_all(b"[").map_err(write_error)?;
            let mut first = true;
            export_follow_ups_until(store, |f: &ExportedFollowUp| {
                let c = of(f);
                let item = FollowUpJson {
                    uuid: &f.uuid,
                    customer_id: f.customer.0,
                    customer: &c.key,
                    customer_ref: c.ext_ref.as_deref(),
                    customer_name: &c.name,
                    due: &f.due,
                    what: &f.what,
                    done_at: f.done_at.as_deref(),
                };
                w.write_all(if first { b"\n  " } else { b",\n  " }).map_err(write_error)?;
                first = false;
                let text = serde_json::to_string(&item).map_err(write_error)?;
                w.write_all(super::output::json_escape_c1(&text).as_bytes()).map_err(write_error)
            })?;
            w.write_all(if first { b"]\n" } else { b"\n]\n" }).map_err(write_error)
        }
    }
}
