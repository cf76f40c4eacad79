//! `tierdesk tier`, `approve` and `history`: move a customer between tiers with a reason,
//! sign off a move into the top tier, and read a customer's tier history (or, with `--all`,
//! everything the audit log holds about them).

use serde::Serialize;

use super::{CliError, Context, TextOrJson};
use crate::app::customers::resolve;
use crate::domain::history::TierChange;
use crate::domain::tier_move::move_reason;
use crate::i18n::cli_texts::C;
use crate::i18n::{Lang, T, fill};

pub fn tier(ctx: &Context, customer: &str, to: &str, reason: &str) -> Result<(), CliError> {
    // The domain's rule, checked before the book is opened so the flag can be named.
    if move_reason(reason).is_err() {
        return Err(super::refusal::Refusal::ReasonMissing.into());
    }
    let mut store = ctx.open_book()?;
    let c = resolve(&*store, customer)?;
    let crate::app::tiers::Moved { change, customer: after } =
        crate::app::tiers::change(&mut *store, c.id, to, reason)?;
    let l = ctx.lang;
    let from = change.from.as_deref().unwrap_or("-");
    println!("{}", fill(C::TierMoved.get(l), &[&c.fields.name, &from, &change.to, &after.next_due_on]));
    if change.awaiting_signoff() {
        println!("{}", fill(C::TierAwaiting.get(l), &[&c.id.0]));
    }
    Ok(())
}

pub fn approve(ctx: &Context, customer: &str, by: &str) -> Result<(), CliError> {
    let mut store = ctx.open_book()?;
    let c = resolve(&*store, customer)?;
    let change = crate::app::tiers::approve(&mut *store, c.id, by)?;
    let from = change.from.as_deref().unwrap_or("-");
    let on = change.at.format("%Y-%m-%d");
    println!(
        "{}",
        fill(C::Approved.get(ctx.lang), &[&c.fields.name, &from, &change.to, &on, &signoff_text(&change, ctx.lang)])
    );
    Ok(())
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    from: Option<&'a str>,
    to: &'a str,
    at: String,
    by: &'a str,
    reason: &'a str,
    awaiting_signoff: bool,
    approved_by: Option<&'a str>,
    approved_at: Option<String>,
    /// Whether the approver's identity was checked (false: the name as typed).
    approver_verified: bool,
    /// The sign-off as the text output words it ("signed off by X (not verified)").
    signoff: String,
}

#[derive(Serialize)]
struct AuditJson {
    change: i64,
    at: String,
    by: String,
    what: String,
    op: String,
    fields: Vec<FieldJson>,
    undoes: Option<i64>,
    undone_by: Option<i64>,
}

#[derive(Serialize)]
struct FieldJson {
    field: String,
    old: Option<String>,
    new: Option<String>,
}

pub fn history(ctx: &Context, customer: &str, all: bool, format: TextOrJson) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let c = resolve(&*store, customer)?;
    if all {
        let entries = store.audit_of(c.id, usize::MAX >> 1)?;
        match format {
            TextOrJson::Json => {
                let rows: Vec<AuditJson> = entries
                    .iter()
                    .map(|e| AuditJson {
                        change: e.change,
                        at: crate::clock::rfc3339(e.at),
                        by: e.by.clone(),
                        what: crate::i18n::audit::entity_name(e.entity, Lang::En).to_string(),
                        op: crate::i18n::audit::op_name(e.op, Lang::En).to_string(),
                        fields: e
                            .fields
                            .iter()
                            .map(|f| FieldJson { field: f.field.clone(), old: f.old.clone(), new: f.new.clone() })
                            .collect(),
                        undoes: e.undoes,
                        undone_by: e.undone_by,
                    })
                    .collect();
                print_json(&rows)?;
            }
            TextOrJson::Text => {
                let l = ctx.lang;
                println!("{}", fill(C::AuditHead.get(l), &[&c.fields.name, &c.id.0, &entries.len()]));
                for e in &entries {
                    let mut line =
                        format!("{}  {}  {}", e.at.format("%Y-%m-%d %H:%M"), e.by, crate::i18n::audit::describe(e, l));
                    if let Some(u) = e.undone_by {
                        line.push_str(&fill(C::UndoneByChange.get(l), &[&u]));
                    }
                    if let Some(u) = e.undoes {
                        line.push_str(&fill(C::UndoOfChange.get(l), &[&u]));
                    }
                    println!("{line}");
                }
            }
        }
        return Ok(());
    }
    let changes = store.tier_history(c.id)?;
    match format {
        TextOrJson::Json => {
            let rows: Vec<ChangeJson> = changes.iter().map(change_json).collect();
            print_json(&rows)?;
        }
        TextOrJson::Text => {
            let l = ctx.lang;
            println!("{}", fill(C::HistoryHead.get(l), &[&c.fields.name, &c.id.0, &c.fields.tier]));
            let rows: Vec<Vec<String>> = changes.iter().map(|t| change_row(t, l)).collect();
            let header = [C::ColWhen, C::ColFrom, C::ColTo, C::ColBy, C::ColWhy, C::ColSignOff].map(|c| c.get(l));
            print!("{}", super::output::text_table(&header, &rows));
        }
    }
    Ok(())
}

fn change_json(t: &TierChange) -> ChangeJson<'_> {
    ChangeJson {
        from: t.from.as_deref(),
        to: &t.to,
        at: crate::clock::rfc3339(t.at),
        by: &t.by,
        reason: &t.reason,
        awaiting_signoff: t.awaiting_signoff(),
        approved_by: t.approved_by.as_deref(),
        approved_at: t.approved_at.map(crate::clock::rfc3339),
        approver_verified: t.approver_verified,
        signoff: signoff_text(t, Lang::En),
    }
}

/// "signed off by X (not verified)", "awaiting", or nothing.
fn signoff_text(t: &TierChange, lang: Lang) -> String {
    match (&t.approved_by, t.needs_signoff) {
        (Some(by), _) if t.approver_verified => fill(T::SignedOffBy.get(lang), &[by]),
        (Some(by), _) => fill(T::SignedOffUnverified.get(lang), &[by]),
        (None, true) => T::AwaitingSignoff.get(lang).to_string(),
        (None, false) => String::new(),
    }
}

fn change_row(t: &TierChange, lang: Lang) -> Vec<String> {
    let signoff = signoff_text(t, lang);
    vec![
        t.at.format("%Y-%m-%d %H:%M").to_string(),
        t.from.clone().unwrap_or_else(|| "-".into()),
        t.to.clone(),
        t.by.clone(),
        if t.reason.is_empty() && t.from.is_none() { C::Created.get(lang).into() } else { t.reason.clone() },
        signoff,
    ]
}

fn print_json<T: Serialize>(v: &T) -> Result<(), CliError> {
    let text = super::output::json(v)?;
    println!("{text}");
    Ok(())
}
