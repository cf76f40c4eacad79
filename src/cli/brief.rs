//! `tierdesk brief CUSTOMER --format text|json|md`: the visit brief, to read before a visit
//! or to print or send to a phone (Markdown). Text and Markdown are the screen's sections;
//! JSON carries the same facts as data.

use serde::Serialize;

use super::customer::CustomerOut;
use super::{CliError, Context};
use crate::app::brief::outline::{Section, Tone, outline, title};
use crate::app::brief::{Brief, BriefSettings, gather};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BriefFormat {
    #[default]
    Text,
    Json,
    /// Markdown: headings and bullet lists.
    Md,
}

pub fn run(ctx: &Context, key: &str, format: BriefFormat) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let customer = crate::app::customers::resolve(&*store, key)?;
    let settings = BriefSettings {
        assessments: crate::app::agenda::assessment_rule(&scheme, ctx.config.require_assessment),
        review: ctx.config.review.clone(),
        late_rule: ctx.config.late_rule(),
        temperaments: ctx.temperaments()?,
    };
    let Some(brief) = gather(&*store, customer.id, ctx.today(), &settings)? else {
        return Err(crate::app::AppError::NoCustomer(key.to_string()).into());
    };
    let l = ctx.lang;
    let sections = outline(&brief, &scheme, &crate::data::contact_kinds(), None, l);
    match format {
        BriefFormat::Json => println!("{}", super::output::json(&json_of(&brief, &settings.temperaments))?),
        BriefFormat::Text => print!("{}", text_of(&title(&brief, l), &sections)),
        BriefFormat::Md => print!("{}", markdown_of(&title(&brief, l), &sections)),
    }
    super::due::warn_unreadable(&*store, l);
    Ok(())
}

/// The sections under the title, each heading underlined, lines indented; a line to act on
/// is marked with "!" (the terminal's colour is not there once the text is printed).
pub fn text_of(title: &str, sections: &[Section]) -> String {
    let mut out = format!("{title}\n");
    for s in sections {
        out.push_str(&format!("\n{}\n", s.heading));
        for line in &s.lines {
            let mark = if line.tone == Tone::Warn { "! " } else { "  " };
            out.push_str(&format!("{mark}{}\n", line.text));
        }
    }
    out
}

/// Markdown: `#` title, `##` per section, a bullet per line (lines to act on in bold). The
/// book's own text is escaped, so a name with `*` or `#` in it stays text.
pub fn markdown_of(title: &str, sections: &[Section]) -> String {
    let mut out = format!("# {}\n", md_escape(title));
    for s in sections {
        out.push_str(&format!("\n## {}\n\n", md_escape(&s.heading)));
        for line in &s.lines {
            let text = md_escape(&line.text);
            match line.tone {
                Tone::Warn => out.push_str(&format!("- **{text}**\n")),
                Tone::Muted => out.push_str(&format!("- *{text}*\n")),
                Tone::Plain => out.push_str(&format!("- {text}\n")),
            }
        }
    }
    out
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '#' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What `brief --format json` prints.
#[derive(Serialize)]
struct BriefOut {
    customer: CustomerOut,
    why_tier: WhyTierOut,
    contacts: Vec<ContactOut>,
    follow_ups: Vec<FollowUpOut>,
    risk: Option<RiskOut>,
    /// The risk levels that suit the category in force today (empty: suitability unknown).
    suitable_levels: Vec<String>,
    /// Every product of the catalogue with its verdict for this customer today.
    products: Vec<ProductOut>,
    /// As `customer show` gives them (null: the scheme has no terms).
    terms: Option<super::customer_show::TermsOut>,
    /// As `customer show` gives it (null: none set).
    temperament: Option<super::temperament::TemperamentOut>,
}

#[derive(Serialize)]
struct ProductOut {
    code: String,
    name: String,
    level: String,
    /// "suitable", "unsuitable" or "unknown".
    verdict: &'static str,
    suitable: bool,
}

#[derive(Serialize)]
struct WhyTierOut {
    /// What the grading model says of the customer's indicator values (null: no model
    /// grades one customer alone, or no values).
    model: Option<ModelOut>,
    /// The last recorded tier change (null: none since the customer was added).
    last_change: Option<ChangeOut>,
}

#[derive(Serialize)]
struct ModelOut {
    id: String,
    tier: Option<String>,
    score: Option<f64>,
    explanation: String,
}

#[derive(Serialize)]
struct ChangeOut {
    from: Option<String>,
    to: String,
    at: String,
    by: String,
    reason: String,
}

#[derive(Serialize)]
struct ContactOut {
    id: i64,
    date: String,
    kind: String,
    person: String,
    summary: String,
    outcome: String,
    /// A recommendation's product code (null for other kinds).
    product: Option<String>,
}

#[derive(Serialize)]
struct FollowUpOut {
    id: i64,
    what: String,
    due: String,
    days_overdue: i64,
}

#[derive(Serialize)]
struct RiskOut {
    category: String,
    score: u32,
    assessed_on: String,
    expires_on: String,
    expired: bool,
    questionnaire: String,
}

fn json_of(b: &Brief, list: &crate::domain::temperament::Temperaments) -> BriefOut {
    let l = crate::i18n::Lang::En;
    BriefOut {
        customer: CustomerOut::from(b.customer.clone()),
        why_tier: WhyTierOut {
            model: b.why_tier.grade.as_ref().map(|(m, g)| ModelOut {
                id: m.id.clone(),
                tier: g.tier.clone(),
                score: g.score,
                explanation: crate::i18n::grading::explain(m, g, l),
            }),
            last_change: b.why_tier.last_change.as_ref().map(|c| ChangeOut {
                from: c.from.clone(),
                to: c.to.clone(),
                at: crate::clock::rfc3339(c.at),
                by: c.by.clone(),
                reason: c.reason.clone(),
            }),
        },
        contacts: b
            .contacts
            .iter()
            .map(|c| ContactOut {
                id: c.id.0,
                date: c.on.to_string(),
                kind: c.kind.clone(),
                person: c.person.clone(),
                summary: c.summary.clone(),
                outcome: c.outcome.clone(),
                product: c.product.clone(),
            })
            .collect(),
        follow_ups: b
            .follow_ups
            .iter()
            .map(|f| FollowUpOut {
                id: f.id.0,
                what: f.what.clone(),
                due: f.due_on.to_string(),
                days_overdue: (b.today - f.due_on).num_days(),
            })
            .collect(),
        risk: b.risk.as_ref().map(|r| RiskOut {
            category: r.latest.category.clone(),
            score: r.latest.score,
            assessed_on: r.latest.taken_on.to_string(),
            expires_on: r.expires.to_string(),
            expired: r.expired(b.today),
            questionnaire: r.latest.questionnaire_id.clone(),
        }),
        suitable_levels: b.suitability.suitable_levels.iter().map(|l| l.to_string()).collect(),
        products: b
            .suitability
            .products
            .iter()
            .map(|(p, j)| ProductOut {
                code: p.code.clone(),
                name: p.name(l).to_string(),
                level: p.level.to_string(),
                verdict: j.verdict.code(),
                suitable: j.is_suitable(),
            })
            .collect(),
        terms: b.terms.as_ref().map(|t| super::customer_show::terms_json(t, l)),
        temperament: b.temperament.as_ref().map(|(key, _)| super::temperament::out(list, key, l)),
    }
}
