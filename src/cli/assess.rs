//! `tierdesk assess`: record a customer's answered paper questionnaire from its letters, then
//! print the score and the category that follow from them. The answers are checked before the
//! book is opened: a wrong one saves nothing.

use serde::Serialize;

use super::output::TextOrJson;
use super::questionnaire::shipped;
use super::{CliError, Context};
use crate::domain::validate::parse_date;
use crate::i18n::Lang;
use crate::store::AssessmentError;

/// What `tierdesk assess` was given, as typed.
#[derive(Debug, Clone)]
pub struct AssessArgs {
    pub customer: String,
    pub answers: String,
    pub questionnaire: String,
    pub date: Option<String>,
    pub format: TextOrJson,
}

/// One recorded assessment as printed; the field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessOut {
    pub customer_id: i64,
    pub questionnaire: String,
    pub version: u32,
    pub score: u32,
    /// The band code, e.g. "steady".
    pub category: String,
    pub date: String,
}

impl From<AssessmentError> for CliError {
    fn from(e: AssessmentError) -> Self {
        match e {
            AssessmentError::Store(inner) => inner.into(),
            other => CliError::Assessment(other),
        }
    }
}

pub fn run(ctx: &Context, args: AssessArgs) -> Result<(), CliError> {
    let today = ctx.today();
    // Everything that does not need the book is checked before the book is opened.
    let q = shipped(&args.questionnaire, "--questionnaire")?;
    let on = match &args.date {
        Some(text) => {
            let d = parse_date(text)
                .ok_or_else(|| super::refusal::Refusal::NotADate { flag: "--date", text: text.clone() })?;
            if d > today {
                return Err(super::refusal::Refusal::AssessedInFuture { date: d, today }.into());
            }
            d
        }
        None => today,
    };
    let answers = q.parse_letters(&args.answers).map_err(CliError::Answers)?;
    let score = q.score(&answers).map_err(CliError::Answers)?;

    let mut store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, &args.customer)?;
    let id = store.record_assessment(customer.id, &q, &answers, on)?;
    let band = q.band(score);
    let out = AssessOut {
        customer_id: customer.id.0,
        questionnaire: q.id.clone(),
        version: q.version,
        score,
        category: band.code.clone(),
        date: on.to_string(),
    };
    match args.format {
        TextOrJson::Json => {
            println!("{}", super::output::json(&out)?)
        }
        TextOrJson::Text => {
            let name = &customer.fields.name;
            let (cid, min, max) = (customer.id.0, q.min_total(), q.max_total());
            let band_name = band.name.get(ctx.lang);
            println!(
                "{}",
                match ctx.lang {
                    Lang::Zh => format!(
                        "{name}（#{cid}）：得分 {score}（{min}–{max}），{band_name}（{}–{}）；{} 第 {} 版，{on} 填写，评估 #{}",
                        band.min, band.max, q.id, q.version, id.0
                    ),
                    Lang::En => format!(
                        "{name} (#{cid}): score {score} of {min}–{max}, {band_name} ({}–{}); {} version {}, taken {on}, assessment #{}",
                        band.min, band.max, q.id, q.version, id.0
                    ),
                }
            );
        }
    }
    Ok(())
}
