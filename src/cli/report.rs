//! `tierdesk report`: the coverage report (per tier: customers, contacted within cadence,
//! not yet due, share, overdue, never contacted; contacts per week over 12 weeks) as an
//! English text table or as JSON. The numbers come from `Store::coverage_report`, the same
//! call the report screen makes; the definitions are in `domain::report`.
//!
//! The JSON, one object (field names are stable):
//! `as_of`, `period` {`from`, `to`}, `total_customers`, `total_contacts_in_period`,
//! `tiers` [{`tier`, `cadence` {`every`, `unit`} or null, `since`, `customers`,
//! `contacted_within_cadence`, `not_yet_due`, `share` (0 to 1, null when nobody is due),
//! `overdue`, `never_contacted`}], `all` (the same counts over every tier, without `tier`,
//! `cadence` and `since`), `weeks` [{`week_start` (a Monday), `contacts`}], oldest first.
//!
//! `--by owner` (a lead's team view): the same report per person, for the customers the
//! signed-in person may see, grouped by their owner: `as_of`, `period`, `owners` [{`owner`,
//! `contacts_per_week` (contacts with their customers over the 12 weeks, / 12), then every
//! field of the report above, over that person's customers}], by login.

use serde::Serialize;

use super::due::IsoDate;
use super::output::TextOrJson;
use super::{CliError, Context};
use crate::domain::report::{CoverageReport, OwnerReport, TierLine};
use crate::domain::tier::{Cadence, CadenceUnit};
use crate::i18n::cli_texts::{self, C};
use crate::i18n::pool_texts::Pool as P;
use crate::i18n::{Lang, T, fill};
use crate::store::PoolTally;
use crate::textwidth;

#[derive(Serialize)]
struct ReportOut<'a> {
    as_of: IsoDate,
    period: PeriodOut,
    total_customers: usize,
    total_contacts_in_period: usize,
    tiers: Vec<LineOut<'a>>,
    all: LineOut<'a>,
    weeks: Vec<WeekOut>,
}

#[derive(Serialize)]
struct PeriodOut {
    from: IsoDate,
    to: IsoDate,
}

#[derive(Serialize)]
struct LineOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cadence: Option<Option<CadenceOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<Option<IsoDate>>,
    customers: usize,
    contacted_within_cadence: usize,
    not_yet_due: usize,
    share: Option<f64>,
    overdue: usize,
    never_contacted: usize,
}

#[derive(Serialize)]
struct CadenceOut {
    every: u32,
    unit: &'static str,
}

#[derive(Serialize)]
struct WeekOut {
    week_start: IsoDate,
    contacts: usize,
}

fn unit_name(unit: CadenceUnit) -> &'static str {
    match unit {
        CadenceUnit::Day => "day",
        CadenceUnit::Week => "week",
        CadenceUnit::Month => "month",
        CadenceUnit::Year => "year",
    }
}

impl<'a> LineOut<'a> {
    fn tier(l: &'a TierLine) -> Self {
        Self {
            tier: Some(&l.tier),
            cadence: Some(l.cadence.map(|c: Cadence| CadenceOut { every: c.every, unit: unit_name(c.unit) })),
            since: Some(l.since.map(IsoDate)),
            ..Self::all(l)
        }
    }

    fn all(l: &'a TierLine) -> Self {
        let c = &l.counts;
        Self {
            tier: None,
            cadence: None,
            since: None,
            customers: c.customers,
            contacted_within_cadence: c.contacted_within_cadence,
            not_yet_due: c.not_yet_due,
            share: l.share,
            overdue: c.overdue,
            never_contacted: c.never_contacted,
        }
    }
}

/// What `tierdesk report --format json` prints (without the final newline).
pub fn json(r: &CoverageReport) -> Result<String, CliError> {
    super::output::json(&report_out(r))
}

fn report_out(r: &CoverageReport) -> ReportOut<'_> {
    ReportOut {
        as_of: IsoDate(r.as_of),
        period: PeriodOut { from: IsoDate(r.period.0), to: IsoDate(r.period.1) },
        total_customers: r.total_customers,
        total_contacts_in_period: r.total_contacts_in_period,
        tiers: r.tiers.iter().map(LineOut::tier).collect(),
        all: LineOut::all(&r.all),
        weeks: r.weeks.iter().map(|w| WeekOut { week_start: IsoDate(w.week_start), contacts: w.contacts }).collect(),
    }
}

#[derive(Serialize)]
struct ByOwnerOut<'a> {
    as_of: IsoDate,
    period: PeriodOut,
    owners: Vec<OwnerOut<'a>>,
    /// The team pool's part per person over the period (a team book with pool rules).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pool: &'a [PoolTally],
}

#[derive(Serialize)]
struct OwnerOut<'a> {
    owner: &'a str,
    contacts_per_week: f64,
    #[serde(flatten)]
    report: ReportOut<'a>,
}

/// What `tierdesk report --by owner --format json` prints (without the final newline).
pub fn json_by_owner(owners: &[OwnerReport], pool: &[PoolTally], today: chrono::NaiveDate) -> Result<String, CliError> {
    let from = crate::domain::report::weeks_from(today);
    let out = ByOwnerOut {
        as_of: IsoDate(today),
        period: PeriodOut { from: IsoDate(from), to: IsoDate(today) },
        owners: owners
            .iter()
            .map(|o| OwnerOut {
                owner: &o.owner,
                contacts_per_week: o.contacts_per_week(),
                report: report_out(&o.report),
            })
            .collect(),
        pool,
    };
    super::output::json(&out)
}

/// What `tierdesk report --by owner` prints: per person, a line per tier they have customers
/// in and their line over all tiers, with their contacts per week; then what the words mean.
pub fn text_by_owner(owners: &[OwnerReport], pool: &[PoolTally], today: chrono::NaiveDate, lang: Lang) -> String {
    let title = fill(C::ByOwnerTitle.get(lang), &[&IsoDate(today), &cli_texts::weekday(today, lang)]);
    let mut out = format!("{title}\n\n");
    if owners.is_empty() {
        out.push_str(C::NoOwnersSeen.get(lang));
        out.push('\n');
        return out;
    }
    let h = cli_texts::report_header(lang);
    let header = [C::ColPerson.get(lang), h[0], h[3], h[4], h[5], h[6], h[7], h[8], C::PerWeek.get(lang)];
    let row = |who: &str, tier: &str, l: &TierLine, per_week: String| {
        let c = &l.counts;
        let mut r = vec![who.to_string(), tier.to_string()];
        r.extend([c.customers, c.contacted_within_cadence, c.not_yet_due].map(|n| n.to_string()));
        r.extend([percent(l), c.overdue.to_string(), c.never_contacted.to_string(), per_week]);
        r
    };
    let mut rows = Vec::new();
    for o in owners {
        for l in o.report.tiers.iter().filter(|l| l.counts.customers > 0) {
            rows.push(row(&o.owner, &l.tier, l, String::new()));
        }
        rows.push(row(&o.owner, T::All.get(lang), &o.report.all, format!("{:.1}", o.contacts_per_week())));
    }
    out.push_str(&table(&header, &rows, 2));
    out.push('\n');
    if !pool.is_empty() {
        let from = crate::domain::report::weeks_from(today);
        out.push_str(&fill(P::PoolReportTitle.get(lang), &[&IsoDate(from), &IsoDate(today)]));
        out.push_str("\n\n");
        let header =
            [C::ColPerson.get(lang), P::ColEscalated.get(lang), P::ColReleased.get(lang), P::ColClaimed.get(lang)];
        let rows: Vec<Vec<String>> = pool
            .iter()
            .map(|p| vec![p.name.clone(), p.escalated.to_string(), p.released.to_string(), p.claimed.to_string()])
            .collect();
        out.push_str(&table(&header, &rows, 1));
        out.push('\n');
    }
    out.push_str(C::ReportNotes.get(lang));
    out
}

/// "67%", or "–" when nobody is due.
fn percent(l: &TierLine) -> String {
    l.percent().map(|p| format!("{p}%")).unwrap_or_else(|| "–".to_string())
}

/// Columns: left-aligned text first, then right-aligned numbers; two spaces between.
fn table(header: &[&str], rows: &[Vec<String>], text_cols: usize) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| textwidth::width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(textwidth::width(cell));
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let gap = " ".repeat(widths[i].saturating_sub(textwidth::width(c)));
                if i < text_cols { format!("{c}{gap}") } else { format!("{gap}{c}") }
            })
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

/// What `tierdesk report` prints: the tier table, what its words mean, the 12 weeks.
pub fn text(r: &CoverageReport, tier_name: impl Fn(&str) -> String, lang: Lang) -> String {
    let title = fill(C::ReportTitle.get(lang), &[&IsoDate(r.as_of), &cli_texts::weekday(r.as_of, lang)]);
    let mut out = format!("{title}\n\n");
    let counts = |l: &TierLine| {
        let c = &l.counts;
        [c.customers, c.contacted_within_cadence, c.not_yet_due].map(|n| n.to_string()).to_vec()
    };
    let rest = |l: &TierLine| vec![percent(l), l.counts.overdue.to_string(), l.counts.never_contacted.to_string()];
    let mut rows: Vec<Vec<String>> = r
        .tiers
        .iter()
        .map(|l| {
            let mut row = vec![
                format!("{} {}", l.tier, tier_name(&l.tier)).trim_end().to_string(),
                l.cadence.map(|c| crate::i18n::tiers::cadence(&c, lang)).unwrap_or_else(|| "–".into()),
                l.since.map(|d| IsoDate(d).to_string()).unwrap_or_else(|| "–".into()),
            ];
            row.extend(counts(l));
            row.extend(rest(l));
            row
        })
        .collect();
    let mut all = vec![T::All.get(lang).to_string(), String::new(), String::new()];
    all.extend(counts(&r.all));
    all.extend(rest(&r.all));
    rows.push(all);
    out.push_str(&table(&cli_texts::report_header(lang), &rows, 3));
    out.push('\n');
    out.push_str(C::ReportNotes.get(lang));
    out.push('\n');
    let (from, to) = (IsoDate(r.period.0), IsoDate(r.period.1));
    out.push_str(&fill(C::WeeksTitle.get(lang), &[&from, &to, &r.total_contacts_in_period]));
    out.push('\n');
    let weeks: Vec<Vec<String>> =
        r.weeks.iter().map(|w| vec![IsoDate(w.week_start).to_string(), w.contacts.to_string()]).collect();
    out.push_str(&table(&[C::WeekOf.get(lang), C::ContactsCount.get(lang)], &weeks, 1));
    out
}

/// How `report` groups its lines: by tier (the default), or per person.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportBy {
    Owner,
}

pub fn run(ctx: &Context, format: TextOrJson, by: Option<ReportBy>) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    if by == Some(ReportBy::Owner) {
        let today = ctx.today();
        let owners = store.coverage_report_by_owner(today)?;
        // The pool's part (issue 17): escalated, released and claimed in the same 12 weeks.
        let pool = store.pool_tally(crate::domain::report::weeks_from(today), today)?;
        match format {
            TextOrJson::Json => println!("{}", json_by_owner(&owners, &pool, today)?),
            TextOrJson::Text => print!("{}", text_by_owner(&owners, &pool, today, ctx.lang)),
        }
        return Ok(());
    }
    let report = store.coverage_report(ctx.today())?;
    match format {
        TextOrJson::Json => println!("{}", json(&report)?),
        TextOrJson::Text => {
            let scheme = store.scheme().cloned();
            let lang = ctx.lang;
            let name = |code: &str| {
                scheme.as_ref().and_then(|s| s.tier(code)).map(|t| t.name(lang).to_string()).unwrap_or_default()
            };
            print!("{}", text(&report, name, lang));
        }
    }
    Ok(())
}
