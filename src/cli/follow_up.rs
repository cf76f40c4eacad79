//! `tierdesk follow-up list|done|reschedule`: the follow-ups screen from the command line,
//! with its store calls and its checks (a done follow-up is neither done again nor moved; a
//! new date follows the date form's rule and comes with a reason).

use clap::{ArgGroup, Subcommand};
use serde::Serialize;

use super::csv_out::text as csv_text;
use super::output::{Format, text_table};
use super::refusal::Refusal;
use super::{CliError, Context};
use crate::domain::contact_draft::{ContactEntry, MAX_SUMMARY_CHARS};
use crate::domain::dates::DateField;
use crate::domain::history::{FollowUp, FollowUpId, NewContact};
use crate::i18n::record_texts::R;
use crate::i18n::{Lang, T, fill};
use crate::store::prelude::*;
use crate::store::{FollowUpFilter, FollowUpRow};

#[derive(Subcommand, Debug)]
pub enum FollowUpCommand {
    /// The follow-ups of your customers (or --owner's, --all): open ones by due date (the
    /// default), overdue ones, or done ones latest first.
    #[command(group(ArgGroup::new("which").args(["open", "overdue", "done"])))]
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        done: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        owners: super::person::OwnerArgs,
    },
    /// Mark a follow-up done (its id as `follow-up list` shows it).
    Done {
        id: i64,
        /// What was done: kept as a contact of today (of --kind, default call) that closes
        /// the follow-up, as logging it from the Today screen does.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The kind of that contact: a code (visit, call, ...) or its name.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Move an open follow-up to a later date (YYYY-MM-DD, or +3d / +1w / +1m from today).
    Reschedule {
        id: i64,
        #[arg(value_name = "DATE")]
        date: String,
        /// Why (required; kept with the old and the new date).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// One follow-up as printed; the field order is the JSON key order and the CSV column order.
#[derive(Serialize)]
struct FollowUpOut {
    id: i64,
    customer_id: i64,
    #[serde(rename = "ref")]
    ext_ref: Option<String>,
    name: String,
    what: String,
    due: String,
    days_overdue: i64,
    done_at: Option<String>,
}

const HEADER: [&str; 8] = ["id", "customer_id", "ref", "name", "what", "due", "days_overdue", "done_at"];

pub fn run(ctx: &Context, command: FollowUpCommand) -> Result<(), CliError> {
    match command {
        FollowUpCommand::List { open: _, overdue, done, format, owners } => {
            let filter = if overdue {
                FollowUpFilter::Overdue
            } else if done {
                FollowUpFilter::Done
            } else {
                FollowUpFilter::Open
            };
            list(ctx, filter, format, &owners)
        }
        FollowUpCommand::Done { id, note, kind } => done(ctx, FollowUpId(id), note, kind),
        FollowUpCommand::Reschedule { id, date, reason } => reschedule(ctx, FollowUpId(id), &date, &reason),
    }
}

fn list(
    ctx: &Context,
    filter: FollowUpFilter,
    format: Format,
    whose: &super::person::OwnerArgs,
) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let today = ctx.today();
    // All of them: a script asked, not a screen with a viewport.
    let rows = store.follow_up_rows(filter, today, i64::MAX as usize, &owners)?;
    let out: Vec<FollowUpOut> = rows
        .into_iter()
        .map(|r: FollowUpRow| FollowUpOut {
            id: r.follow_up.id.0,
            customer_id: r.customer.id.0,
            ext_ref: r.customer.ext_ref,
            name: r.customer.name,
            what: r.follow_up.what,
            due: r.follow_up.due_on.to_string(),
            days_overdue: (today - r.follow_up.due_on).num_days(),
            done_at: r.follow_up.done_at.map(crate::clock::rfc3339),
        })
        .collect();
    match format {
        Format::Json => println!("{}", super::output::json(&out)?),
        Format::Csv => {
            let rows: Vec<Vec<String>> = out
                .iter()
                .map(|o| {
                    vec![
                        o.id.to_string(),
                        o.customer_id.to_string(),
                        o.ext_ref.clone().unwrap_or_default(),
                        o.name.clone(),
                        o.what.clone(),
                        o.due.clone(),
                        o.days_overdue.to_string(),
                        o.done_at.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            super::output::print_data(&csv_text(&HEADER, &rows)?)?;
        }
        Format::Text if out.is_empty() => println!("{}", R::NoFollowUps.get(ctx.lang)),
        Format::Text => print!("{}", text_of(&out, ctx.lang)),
    }
    super::due::warn_unreadable(&*store, ctx.lang);
    Ok(())
}

fn text_of(out: &[FollowUpOut], l: Lang) -> String {
    let header =
        ["id", T::ColDue.get(l), T::ColLate.get(l), T::ColCustomer.get(l), T::ColWhat.get(l), T::ColStatus.get(l)];
    let rows: Vec<Vec<String>> = out
        .iter()
        .map(|o| {
            let status = match &o.done_at {
                // People read the minute, without the offset: `2026-11-23 09:15`.
                Some(at) => format!("{} {}", T::DoneFollowUp.get(l), at.get(..16).unwrap_or(at).replace('T', " ")),
                None => T::OpenFollowUp.get(l).to_string(),
            };
            vec![
                o.id.to_string(),
                o.due.clone(),
                o.days_overdue.to_string(),
                format!("{} (#{})", o.name, o.customer_id),
                o.what.clone(),
                status,
            ]
        })
        .collect();
    text_table(&header, &rows)
}

/// The follow-up `id`, still open: a done one is refused naming when it was done.
fn open_follow_up(store: &dyn Book, id: FollowUpId) -> Result<FollowUp, CliError> {
    let f = store.follow_up(id)?.ok_or(Refusal::NoFollowUp(id.0))?;
    if let Some(at) = f.done_at {
        return Err(Refusal::AlreadyDone { id: id.0, what: f.what, on: at.date() }.into());
    }
    Ok(f)
}

/// Done as the follow-ups screen marks it; with a note, as the Today screen logs the contact
/// that keeps it (the follow-up closed in the same write).
fn done(ctx: &Context, id: FollowUpId, note: Option<String>, kind: Option<String>) -> Result<(), CliError> {
    let l = ctx.lang;
    let note = match note {
        Some(n) if n.trim().is_empty() => return Err(Refusal::NoteEmpty.into()),
        Some(n) if n.trim().chars().count() > MAX_SUMMARY_CHARS => {
            return Err(Refusal::TooLong { flag: "--note", max: MAX_SUMMARY_CHARS }.into());
        }
        Some(n) => Some(n.trim().to_string()),
        None if kind.is_some() => return Err(Refusal::KindNeedsNote.into()),
        None => None,
    };
    let kinds = crate::data::contact_kinds();
    let kind = match &kind {
        Some(text) => Some(
            kinds
                .find(text)
                .ok_or_else(|| Refusal::UnknownKind { text: text.clone(), known: kinds.codes().join(", ") })?
                .code
                .clone(),
        ),
        None => None,
    };
    let mut store = ctx.open_book()?;
    let f = open_follow_up(&*store, id)?;
    // As the screens say it: what, and for whom.
    let whom = store.customer(f.customer)?.map(|c| c.fields.name).unwrap_or_else(|| format!("#{}", f.customer.0));
    let mut line = fill(crate::i18n::day_texts::D::MarkedDone.get(l), &[&f.what, &whom]);
    match note {
        None => {
            store.set_follow_up_done(id, true)?;
        }
        Some(summary) => {
            let kind = kind.unwrap_or_else(|| "call".to_string());
            let on = ctx.today();
            let contact =
                NewContact { customer: f.customer, kind, on, person: String::new(), summary, outcome: String::new() };
            let entry = ContactEntry { contact, time: None, follow_up: None, recommendation: None };
            store.log_contact(&entry, Some(id))?;
            line.push_str(&fill(R::DoneWithContact.get(l), &[&kinds.name(&entry.contact.kind, l), &on]));
        }
    }
    println!("{line}");
    Ok(())
}

fn reschedule(ctx: &Context, id: FollowUpId, date: &str, reason: &str) -> Result<(), CliError> {
    let today = ctx.today();
    // As the form: later than today (its floor is yesterday, so today rules).
    let floor = today.pred_opt().unwrap_or(today);
    let to = super::snooze::later_date("DATE", DateField::RescheduleTo, date, today, floor)?;
    let reason = super::snooze::reason_of(reason)?;
    let mut store = ctx.open_book()?;
    let f = store.follow_up(id)?.ok_or(Refusal::NoFollowUp(id.0))?;
    if f.done_at.is_some() {
        return Err(Refusal::DoneNotMoved { id: id.0, what: f.what }.into());
    }
    store.reschedule_follow_up(id, to, &reason)?;
    println!("{}", fill(T::Rescheduled.get(ctx.lang), &[&to, &f.what]));
    Ok(())
}
