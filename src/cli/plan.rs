//! `tierdesk plan`: the morning plan for a day (default today) as text or JSON: which due
//! customers to visit and which to call within `[plan] visits_per_day` / `calls_per_day`,
//! best score first, visits grouped by region, each with why it is there.

use chrono::NaiveDate;
use serde::Serialize;

use super::output::{TextOrJson, text_table};
use super::{CliError, Context};
use crate::app::plan::{PlanQuery, plan};
use crate::data;
use crate::domain::plan::PlanRow;
use crate::domain::validate::parse_date;
use crate::i18n::plan_texts::{PlanText, kind, title, why};
use crate::i18n::{Lang, T};
use crate::store::prelude::*;

/// One planned customer as printed; the field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanOut<'a> {
    pub customer_id: i64,
    #[serde(rename = "ref")]
    pub ext_ref: Option<&'a str>,
    pub name: &'a str,
    pub tier: &'a str,
    pub kind: &'static str,
    pub region: &'a str,
    pub score: u32,
    pub why: String,
}

impl<'a> PlanOut<'a> {
    fn from_row(r: &'a PlanRow, lang: Lang) -> Self {
        Self {
            customer_id: r.item.customer.id.0,
            ext_ref: r.item.customer.ext_ref.as_deref(),
            name: &r.item.customer.name,
            tier: &r.item.customer.tier,
            kind: r.kind.code(),
            region: &r.region,
            score: r.score,
            why: why(r, lang),
        }
    }
}

/// The plan's rows for a book already open (the benchmark calls this too).
pub fn rows(
    store: &dyn Book,
    lang: Lang,
    q: PlanQuery,
    required: Option<bool>,
    owners: &Owners,
) -> Result<Vec<PlanRow>, CliError> {
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let q = PlanQuery { assessments: crate::app::agenda::assessment_rule(&scheme, required), ..q };
    Ok(plan(store, &scheme, &data::contact_kinds(), lang, q, owners)?)
}

/// What `tierdesk plan --format json` prints (without the final newline).
pub fn json(rows: &[PlanRow], lang: Lang) -> Result<String, CliError> {
    let out: Vec<PlanOut> = rows.iter().map(|r| PlanOut::from_row(r, lang)).collect();
    super::output::json(&out)
}

pub fn run(
    ctx: &Context,
    date: Option<String>,
    format: TextOrJson,
    whose: &super::person::OwnerArgs,
) -> Result<(), CliError> {
    let day: NaiveDate = match date {
        Some(text) => {
            parse_date(&text).ok_or_else(|| super::refusal::Refusal::NotADate { flag: "--date", text: text.clone() })?
        }
        None => ctx.today(),
    };
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let capacity = ctx.config.plan_capacity();
    let q = PlanQuery { day, assessments: Default::default(), capacity };
    let shown = rows(&*store, ctx.lang, q, ctx.config.require_assessment, &owners).and_then(|list| {
        let l = ctx.lang;
        match format {
            TextOrJson::Json => super::output::print_line(json(&list, l)?),
            TextOrJson::Text if list.is_empty() => println!("{}", T::NothingDue.get(l)),
            TextOrJson::Text => {
                println!("{}", title(&day, &list, capacity, l));
                let header = [
                    "id",
                    PlanText::ColKind.get(l),
                    T::ColTier.get(l),
                    T::ColName.get(l),
                    PlanText::ColRegion.get(l),
                    PlanText::ColScore.get(l),
                    PlanText::ColWhy.get(l),
                ];
                let table: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        vec![
                            r.item.customer.id.0.to_string(),
                            kind(r.kind, l).to_string(),
                            r.item.customer.tier.clone(),
                            r.item.customer.name.clone(),
                            r.region.clone(),
                            r.score.to_string(),
                            why(r, l),
                        ]
                    })
                    .collect();
                print!("{}", text_table(&header, &table));
            }
        }
        Ok(())
    });
    super::due::warn_unreadable(&*store, ctx.lang);
    shown
}
