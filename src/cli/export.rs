//! `tierdesk export customers|contacts|follow-ups|due`: CSV that Excel opens with Chinese intact (UTF-8
//! with BOM, CRLF) under headers the import understands, JSON for scripts, and the due list
//! as an iCalendar file; each also as an Excel workbook (`export_xlsx`). Rows in id order,
//! so export → import into an empty book → export gives the same file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::csv_out::CsvOut;
use super::{CliError, Context};
use crate::domain::import::Column;
use crate::domain::import::CustomerIndex;
use crate::domain::import::contacts::ContactColumn;
use crate::domain::import::customers::CustomerColumn;
use crate::private_file::{self, PrivateFile};
use crate::store::prelude::*;
use crate::store::{ExportedContact, ExportedCustomer};

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every customer, in id order, with the columns `tierdesk import customers` reads.
    Customers {
        #[arg(long, value_enum, default_value_t = DataFormat::Csv)]
        format: DataFormat,
        /// Write to FILE instead of standard output (`-o -`: standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every contact, in id order, with the follow-up it promised, as `tierdesk import
    /// contacts` reads them.
    Contacts {
        #[arg(long, value_enum, default_value_t = DataFormat::Csv)]
        format: DataFormat,
        /// Write to FILE instead of standard output (`-o -`: standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every follow-up (with or without a contact), in id order, with the columns
    /// `tierdesk import follow-ups` reads.
    #[command(name = "follow-ups")]
    FollowUps {
        #[arg(long, value_enum, default_value_t = DataFormat::Csv)]
        format: DataFormat,
        /// Write to FILE instead of standard output (`-o -`: standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The whole book as one JSON document (`tierdesk import all` reads it): people,
    /// customers, contacts, follow-ups, snoozes, assessments, indicators, tier history,
    /// payments, products and the audit log. See "Moving a book" in the README.
    All {
        /// Write to FILE instead of standard output (`-o -`: standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The due list as an iCalendar file: one all-day to-do or event per item, UIDs made
    /// from uuids (a calendar that imports it again updates rather than duplicates, in this
    /// book or a moved one); items closed lately go out closed. Or as an Excel workbook with
    /// the columns of `due --format csv`.
    Due {
        #[arg(long, value_enum, default_value_t = CalendarFormat::Ics)]
        format: CalendarFormat,
        /// Also the items falling due in the next DAYS days.
        #[arg(long, value_name = "DAYS", default_value_t = 0)]
        within: u32,
        /// To-dos (VTODO), or all-day events (VEVENT: Google Calendar, Outlook, khal).
        #[arg(long = "as", value_enum, value_name = "KIND", default_value_t = CalendarItems::Todos)]
        items: CalendarItems,
        /// A reminder at HH:MM on each open item's day.
        #[arg(long, value_name = "HH:MM")]
        alarm: Option<String>,
        /// Items closed in the last DAYS days (and today) go out as completed to-dos or
        /// cancelled events, so a calendar that imports the file closes them.
        #[arg(long, value_name = "DAYS", default_value_t = 7)]
        done_within: u32,
        /// Write to FILE instead of standard output (`-o -`: standard output).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Csv,
    Json,
    /// An Excel workbook (binary: needs -o FILE.xlsx, or a pipe).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Ics,
    /// An Excel workbook (binary: needs -o FILE.xlsx, or a pipe).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarItems {
    Todos,
    Events,
}

/// `--alarm HH:MM` (or H:MM).
fn alarm_time(text: &str) -> Result<chrono::NaiveTime, CliError> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| super::refusal::Refusal::NotATime { flag: "--alarm", text: text.to_string() }.into())
}

pub fn run(ctx: &Context, cmd: ExportCommand) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let written = export(ctx, &*store, cmd);
    super::due::warn_unreadable(&*store, ctx.lang);
    written
}

fn export(ctx: &Context, store: &dyn Book, cmd: ExportCommand) -> Result<(), CliError> {
    match cmd {
        ExportCommand::Customers { format, output } => {
            let output = super::export_xlsx::output(ctx, format == DataFormat::Xlsx, output)?;
            to_output(ctx, output.as_deref(), |w| write_customers(store, format, w))
        }
        ExportCommand::Contacts { format, output } => {
            let output = super::export_xlsx::output(ctx, format == DataFormat::Xlsx, output)?;
            to_output(ctx, output.as_deref(), |w| write_contacts(store, format, w))
        }
        ExportCommand::FollowUps { format, output } => {
            let output = super::export_xlsx::output(ctx, format == DataFormat::Xlsx, output)?;
            to_output(ctx, output.as_deref(), |w| super::export_follow_ups::write_follow_ups(store, format, w))
        }
        ExportCommand::All { output } => to_output(ctx, output.as_deref(), |w| {
            store.export_all(w).map(|_| ()).map_err(|e| match e {
                crate::store::StoreError::Output(e) => write_error(e),
                other => other.into(),
            })
        }),
        ExportCommand::Due { format: CalendarFormat::Ics, within, items, alarm, done_within, output } => {
            let alarm = alarm.as_deref().map(alarm_time).transpose()?;
            let o = super::ics::CalendarOptions { within, events: items == CalendarItems::Events, alarm, done_within };
            let text = super::ics::due_calendar(ctx, store, o)?;
            to_output(ctx, output.as_deref(), |w| w.write_all(text.as_bytes()).map_err(write_error))
        }
        ExportCommand::Due { format: CalendarFormat::Xlsx, within, output, .. } => {
            let output = super::export_xlsx::output(ctx, true, output)?;
            to_output(ctx, output.as_deref(), |w| super::export_xlsx::write_due(ctx, store, within, w))
        }
    }
}

/// A failed write of the export; a reader that went away (`| head`) ends it quietly.
pub(super) fn write_error<E: std::error::Error + 'static>(e: E) -> CliError {
    if super::output::is_broken_pipe(&e) {
        return CliError::OutputClosed;
    }
    super::refusal::Refusal::CannotWriteExport(e.to_string()).into()
}

/// Run `write` on FILE or on standard output, buffered. FILE holds customer data: it is
/// written private (0600) into a temporary file renamed over FILE once complete, so a
/// failed export leaves nothing behind and an older FILE intact.
fn to_output(
    ctx: &Context,
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    match super::output::output_file(output) {
        Some(path) if !private_file::is_stream(path) => {
            let mut file = PrivateFile::create(path).map_err(|e| ctx.cannot_write(path, &e))?;
            buffered(file.file(), write)?;
            file.commit().map_err(|e| ctx.cannot_write(path, &e))
        }
        Some(path) => {
            let stream = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| ctx.cannot_write(path, &e))?;
            buffered(stream, write)
        }
        // A person reads it: held back and shown as the terminal can take it (output::print_data).
        None if std::io::stdout().is_terminal() => {
            let mut data = Vec::new();
            write(&mut data)?;
            super::output::print_data(&String::from_utf8_lossy(&data))
        }
        None => buffered(std::io::stdout().lock(), write),
    }
}

fn buffered(to: impl Write, write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>) -> Result<(), CliError> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, to);
    write(&mut w)?;
    w.flush().map_err(write_error)
}

pub(super) fn csv_writer(w: &mut dyn Write) -> Result<CsvOut<&mut dyn Write>, CliError> {
    CsvOut::new(w).map_err(write_error)
}

/// A customer as the JSON export writes it (also the book's id, for scripts).
#[derive(Serialize)]
struct CustomerJson<'a> {
    #[serde(rename = "customer_id")]
    id: i64,
    uuid: &'a str,
    #[serde(rename = "ref")]
    ext_ref: Option<&'a str>,
    name: &'a str,
    company: &'a str,
    tier: &'a str,
    contact: &'a str,
    phone: &'a str,
    email: &'a str,
    region: &'a str,
    address: &'a str,
    industry: &'a str,
    owner: &'a str,
    tags: &'a str,
    notes: &'a str,
    created: String,
}

impl<'a> CustomerJson<'a> {
    fn of(c: &'a ExportedCustomer) -> Self {
        let f = &c.fields;
        Self {
            id: c.id.0,
            uuid: &c.uuid,
            ext_ref: f.ext_ref.as_deref(),
            name: &f.name,
            company: &f.company,
            tier: &f.tier,
            contact: &f.contact_person,
            phone: &f.phone,
            email: &f.email,
            region: &f.region,
            address: &f.address,
            industry: &f.industry,
            owner: &f.owner,
            tags: &f.tags,
            notes: &f.notes,
            created: f.created_on.format("%Y-%m-%d").to_string(),
        }
    }
}

fn write_customers(store: &dyn Book, format: DataFormat, w: &mut dyn Write) -> Result<(), CliError> {
    let all = store.export_customers()?;
    match format {
        DataFormat::Xlsx => super::export_xlsx::write_customers(&all, w),
        DataFormat::Csv => {
            let mut out = csv_writer(w)?;
            out.row(CustomerColumn::ALL.iter().map(|c| c.name())).map_err(write_error)?;
            for c in &all {
                out.row(CustomerColumn::ALL.iter().map(|col| col.text(&c.fields, &c.uuid))).map_err(write_error)?;
            }
            out.flush().map_err(write_error)
        }
        DataFormat::Json => {
            let out: Vec<CustomerJson> = all.iter().map(CustomerJson::of).collect();
            // As every JSON the command line writes: DEL and C1 controls escaped too.
            let text = super::output::json(&out)?;
            w.write_all(text.as_bytes()).map_err(write_error)?;
            w.write_all(b"\n").map_err(write_error)
        }
    }
}

/// A contact as the JSON export writes it.
#[derive(Serialize)]
struct ContactJson<'a> {
    customer_id: i64,
    customer: &'a str,
    date: &'a str,
    time: Option<&'a str>,
    kind: &'a str,
    person: &'a str,
    note: &'a str,
    outcome: &'a str,
    follow_up: Option<&'a str>,
    follow_up_due: Option<&'a str>,
    follow_up_done: Option<&'a str>,
    uuid: &'a str,
}

/// How each customer is named in a contacts file, by the book's id: the ref, else the name,
/// else the uuid — whichever the import will find as exactly this customer.
pub(super) fn contact_keys(store: &dyn Book) -> Result<std::collections::HashMap<i64, String>, CliError> {
    let customers = store.export_customers()?;
    let mut index = CustomerIndex::default();
    for c in &customers {
        index.insert(c.id, &c.uuid, c.fields.ext_ref.as_deref(), &c.fields.name, &c.fields.company);
    }
    Ok(customers
        .iter()
        .map(|c| (c.id.0, index.export_key(&c.uuid, c.fields.ext_ref.as_deref(), &c.fields.name).to_string()))
        .collect())
}

/// A contact's cell in a column of the contacts file; `key`: how its customer is named.
pub(super) fn contact_cell<'a>(c: &'a ExportedContact, col: ContactColumn, key: &'a str) -> &'a str {
    let follow_up = c.follow_up.as_ref();
    match col {
        ContactColumn::Customer => key,
        ContactColumn::Date => &c.date,
        ContactColumn::Time => c.time.as_deref().unwrap_or(""),
        ContactColumn::Kind => &c.kind,
        ContactColumn::Person => &c.person,
        ContactColumn::Note => &c.summary,
        ContactColumn::Outcome => &c.outcome,
        ContactColumn::FollowUp => follow_up.map_or("", |f| f.0.as_str()),
        ContactColumn::FollowUpDue => follow_up.map_or("", |f| f.1.as_str()),
        ContactColumn::FollowUpDone => follow_up.and_then(|f| f.2.as_deref()).unwrap_or(""),
        ContactColumn::Uuid => &c.uuid,
    }
}

fn write_contacts(store: &dyn Book, format: DataFormat, w: &mut dyn Write) -> Result<(), CliError> {
    let keys = contact_keys(store)?;
    let key_of = |c: &ExportedContact| keys.get(&c.customer.0).map(String::as_str).unwrap_or("");
    match format {
        DataFormat::Xlsx => super::export_xlsx::write_contacts(store, &keys, w),
        DataFormat::Csv => {
            let mut out = csv_writer(w)?;
            out.row(ContactColumn::ALL.iter().map(|c| c.name())).map_err(write_error)?;
            crate::store::export_contacts_until(store, |c: &ExportedContact| {
                let key = key_of(c);
                let row = ContactColumn::ALL.iter().map(|col| contact_cell(c, *col, key));
                out.row(row).map_err(write_error)
            })?;
            out.flush().map_err(write_error)
        }
        DataFormat::Json => {
            // Streamed: one object at a time, never the whole list in memory.
            w.write_all(b"[").map_err(write_error)?;
            let mut first = true;
            crate::store::export_contacts_until(store, |c: &ExportedContact| {
                let f = c.follow_up.as_ref();
                let item = ContactJson {
                    customer_id: c.customer.0,
                    customer: key_of(c),
                    date: &c.date,
                    time: c.time.as_deref(),
                    kind: &c.kind,
                    person: &c.person,
                    note: &c.summary,
                    outcome: &c.outcome,
                    follow_up: f.map(|f| f.0.as_str()),
                    follow_up_due: f.map(|f| f.1.as_str()),
                    follow_up_done: f.and_then(|f| f.2.as_deref()),
                    uuid: &c.uuid,
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
