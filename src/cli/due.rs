//! `tierdesk due`: the open items of the daily list as of a date, ranked as the Today
//! screen ranks them, as text, JSON or CSV.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::csv_out::text as csv_text;
use super::output::{Format, text_table};
use super::{CliError, Context};
use crate::app::agenda::{AgendaQuery, due_items};
use crate::app::pool::Ownership;
use crate::data;
use crate::domain::due::{DueItem, DueReason};
use crate::domain::due_filter::DueFilter;
use crate::domain::validate::parse_date;
use crate::i18n::{Lang, T};
use crate::store::prelude::*;

/// One due item as printed; the field order is the JSON key order and the CSV column order.
/// Borrows from the item (tens of thousands of rows in a big book: no copies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueOut<'a> {
    pub customer_id: i64,
    #[serde(rename = "ref")]
    pub ext_ref: Option<&'a str>,
    pub name: &'a str,
    pub tier: &'a str,
    pub reason: &'static str,
    pub last_contact: Option<IsoDate>,
    pub due_date: IsoDate,
    pub days_overdue: i64,
    pub detail: &'a str,
    /// Past its tier's `escalate_after_days`: on the owner's lead's Today (team book).
    pub escalated: bool,
    /// The day it goes back to the team's pool by its tier's rules; null when it never does
    /// (no rule, pinned, a book file).
    pub release_on: Option<IsoDate>,
}

/// A date written as YYYY-MM-DD without going through chrono's format machinery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Datelike;
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const HEADER: [&str; 9] =
    ["customer_id", "ref", "name", "tier", "reason", "last_contact", "due_date", "days_overdue", "detail"];

impl<'a> DueOut<'a> {
    pub(super) fn from_item(it: &'a DueItem) -> Self {
        Self {
            customer_id: it.customer.id.0,
            ext_ref: it.customer.ext_ref.as_deref(),
            name: &it.customer.name,
            tier: &it.customer.tier,
            reason: it.reason.code(),
            last_contact: it.customer.last_contact.map(IsoDate),
            due_date: IsoDate(it.due_date),
            days_overdue: it.days_overdue,
            detail: &it.detail,
            escalated: false,
            release_on: None,
        }
    }

    /// With the customer's standing under the pool's rules, if it has one.
    pub(super) fn with(mut self, o: Option<&Ownership>) -> Self {
        if let Some(o) = o {
            self.escalated = o.escalated;
            self.release_on = o.release_on.map(IsoDate);
        }
        self
    }
}

/// Each listed customer's standing under the pool's rules (none without rules).
fn standing(
    store: &dyn Book,
    date: NaiveDate,
    list: &[DueItem],
) -> Result<std::collections::HashMap<crate::domain::customer::CustomerId, Ownership>, CliError> {
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let ids: Vec<_> = list.iter().map(|it| it.customer.id).collect();
    Ok(crate::app::pool::ownership(store, &scheme, date, &ids)?)
}

/// The JSON objects of `list`, each with its customer's standing under the pool's rules.
fn json_out<'a>(store: &dyn Book, date: NaiveDate, list: &'a [DueItem]) -> Result<Vec<DueOut<'a>>, CliError> {
    let standing = standing(store, date, list)?;
    Ok(list.iter().map(|it| DueOut::from_item(it).with(standing.get(&it.customer.id))).collect())
}

/// The open items due on or before `date`, plus those falling due in the `within` days
/// after it, ranked. `lang` is the language of the cadence descriptions in `detail`.
/// `required`: the config's word on whether every customer must be assessed (None: the
/// book's scheme decides).
pub fn items(
    store: &dyn Book,
    lang: Lang,
    date: NaiveDate,
    within: u32,
    required: Option<bool>,
    owners: &Owners,
) -> Result<Vec<DueItem>, CliError> {
    if date.checked_add_days(Days::new(u64::from(within))).is_none() {
        return Err(super::refusal::Refusal::WithinTooFar(within).into());
    }
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let kinds = data::contact_kinds();
    let assessments = crate::app::agenda::assessment_rule(&scheme, required);
    let q = AgendaQuery { today: date, assessments, within_days: within, include_done: false };
    Ok(due_items(store, &scheme, &kinds, lang, q, owners)?)
}

/// What `tierdesk due --format json` prints (without the final newline), for a book
/// already open.
pub fn json(
    store: &dyn Book,
    lang: Lang,
    date: NaiveDate,
    within: u32,
    required: Option<bool>,
    owners: &Owners,
) -> Result<String, CliError> {
    let items = items(store, lang, date, within, required, owners)?;
    super::output::json(&json_out(store, date, &items)?)
}

/// `--reason`, `--tier`, `--region`: each repeatable (any of its values), combined with
/// each other (all of them), as the Today screen's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct FilterArgs {
    /// Only items of this reason (repeatable).
    #[arg(long = "reason", value_enum, value_name = "REASON")]
    pub reasons: Vec<ReasonArg>,
    /// Only customers of this tier (repeatable).
    #[arg(long = "tier", value_name = "TIER")]
    pub tiers: Vec<String>,
    /// Only customers of this region, ignoring case (repeatable).
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReasonArg {
    Cadence,
    #[value(name = "follow_up")]
    FollowUp,
    Assessment,
}

impl FilterArgs {
    /// The filter, its tiers checked against the book's scheme (and spelled as the scheme
    /// spells them): an unknown tier is refused rather than silently matching nothing.
    pub fn filter(&self, store: &dyn Book) -> Result<DueFilter, CliError> {
        let scheme = store.scheme().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
        let tiers = self
            .tiers
            .iter()
            .map(|t| {
                scheme.tiers.iter().find(|x| x.code.eq_ignore_ascii_case(t.trim())).map(|x| x.code.clone()).ok_or_else(
                    || super::refusal::Refusal::UnknownTier {
                        flag: "--tier",
                        text: t.clone(),
                        known: scheme.codes().join(", "),
                    },
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let reasons = self
            .reasons
            .iter()
            .map(|r| match r {
                ReasonArg::Cadence => DueReason::Cadence,
                ReasonArg::FollowUp => DueReason::FollowUp,
                ReasonArg::Assessment => DueReason::Assessment,
            })
            .collect();
        Ok(DueFilter { reasons, tiers, regions: self.regions.clone() })
    }
}

pub fn run(
    ctx: &Context,
    date: Option<String>,
    within: u32,
    format: Format,
    whose: &super::person::OwnerArgs,
    filter: &FilterArgs,
) -> Result<(), CliError> {
    let date = match date {
        Some(text) => {
            parse_date(&text).ok_or_else(|| super::refusal::Refusal::NotADate { flag: "--date", text: text.clone() })?
        }
        None => ctx.today(),
    };
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let filter = filter.filter(&*store)?;
    let shown = show(&*store, ctx, date, within, format, &owners, &filter);
    warn_unreadable(&*store, ctx.lang);
    shown
}

/// Name on standard error the rows left out for a date the book cannot read (standard
/// output stays the list, JSON or CSV a script can read).
pub(super) fn warn_unreadable(store: &dyn Book, lang: Lang) {
    let prefix = if lang == Lang::Zh { "注意" } else { "warning" };
    for u in store.take_unreadable() {
        eprintln!("{prefix}: {}", crate::i18n::dates::unreadable(&u, lang));
    }
}

fn show(
    store: &dyn Book,
    ctx: &Context,
    date: NaiveDate,
    within: u32,
    format: Format,
    owners: &Owners,
    filter: &DueFilter,
) -> Result<(), CliError> {
    let mut list = items(store, ctx.lang, date, within, ctx.config.require_assessment, owners)?;
    list.retain(|it| filter.matches(it));
    match format {
        // Already JSON-escaped: printed as it is, without formatting a copy of megabytes.
        Format::Json => {
            let standing = standing(store, date, &list)?;
            let item = |at: usize| DueOut::from_item(&list[at]).with(standing.get(&list[at].customer.id));
            super::due_json::write_list_split(&mut std::io::stdout().lock(), list.len(), &item)
                .map_err(|e| super::output::stdout_error(&e))?;
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|it| {
                    let o = DueOut::from_item(it);
                    vec![
                        o.customer_id.to_string(),
                        o.ext_ref.unwrap_or_default().to_string(),
                        o.name.to_string(),
                        o.tier.to_string(),
                        o.reason.to_string(),
                        o.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                        o.due_date.to_string(),
                        o.days_overdue.to_string(),
                        o.detail.to_string(),
                    ]
                })
                .collect();
            super::output::print_data(&csv_text(&HEADER, &rows)?)?;
        }
        Format::Text => {
            let l = ctx.lang;
            if list.is_empty() {
                println!("{}", T::NothingDue.get(l));
                return Ok(());
            }
            let header = [
                "id",
                T::ColTier.get(l),
                T::ColName.get(l),
                T::ColCompany.get(l),
                T::ColReason.get(l),
                T::ColLastContact.get(l),
                T::ColDue.get(l),
                T::ColLate.get(l),
            ];
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|it| {
                    let reason = match it.reason {
                        DueReason::Cadence => T::ReasonCadence.get(l),
                        DueReason::FollowUp => T::ReasonFollowUp.get(l),
                        DueReason::Assessment => T::ReasonAssessment.get(l),
                    };
                    let reason =
                        if it.detail.is_empty() { reason.to_string() } else { format!("{reason}: {}", it.detail) };
                    vec![
                        it.customer.id.0.to_string(),
                        it.customer.tier.clone(),
                        it.customer.name.clone(),
                        it.customer.company.clone(),
                        reason,
                        it.customer.last_contact.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string()),
                        it.due_date.to_string(),
                        it.days_overdue.to_string(),
                    ]
                })
                .collect();
            print!("{}", text_table(&header, &rows));
        }
    }
    Ok(())
}
