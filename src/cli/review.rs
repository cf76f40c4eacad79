//! `tierdesk review`: grade every customer with the book's grading model and list each one
//! whose suggested tier differs from the current one, with the score or rule that decided,
//! the values behind it and what the policy says; `--apply` makes the changes that may be
//! made today (reason "review: MODEL").

use serde::Serialize;

use super::{CliError, Context, TextOrJson};
use crate::app::review::{ReviewRun, choose_model, policy, run_review};
use crate::domain::grading::format_number;
use crate::domain::review::{Direction, DowngradeRule, Suggestion, Verdict};
use crate::i18n::cli_texts::C;
use crate::i18n::{Lang, fill};

#[derive(Serialize)]
struct ReviewJson<'a> {
    model: &'a str,
    as_of: String,
    policy: PolicyJson,
    customers: usize,
    graded: usize,
    weights_note: Vec<&'a str>,
    suggestions: Vec<SuggestionJson<'a>>,
    applied: Option<usize>,
}

#[derive(Serialize)]
struct PolicyJson {
    downgrades: &'static str,
    annual_review: Option<String>,
    window_days: Option<u32>,
    provisional_months: u32,
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    customer_id: i64,
    #[serde(rename = "ref")]
    ext_ref: Option<&'a str>,
    name: &'a str,
    current: &'a str,
    suggested: &'a str,
    direction: &'static str,
    verdict: &'static str,
    until: Option<String>,
    score: Option<f64>,
    rule: Option<&'a str>,
    explanation: String,
    values: Vec<ValueJson<'a>>,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    indicator: &'a str,
    value: Option<String>,
    measured_on: Option<String>,
    points: Option<f64>,
}

pub fn run(ctx: &Context, model: Option<&str>, apply: bool, format: TextOrJson) -> Result<(), CliError> {
    let mut store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let config = ctx.config.review.as_ref();
    let model = choose_model(&scheme, model, config).map_err(|e| CliError::BadInput(e.to_string()))?;
    let policy = policy(&model, config);
    let run = run_review(&*store, model, policy, ctx.today())?;
    let applied = if apply {
        let moves: Vec<_> = run.applicable().map(|s| (s.customer, s.suggested.clone())).collect();
        Some(store.apply_review(&moves, &run.model.id)?)
    } else {
        None
    };
    match format {
        TextOrJson::Json => print_json(&run, applied)?,
        TextOrJson::Text => print_text(&run, applied, ctx.lang),
    }
    Ok(())
}

fn verdict_words(v: Verdict) -> (&'static str, Option<String>) {
    match v {
        Verdict::Apply => ("apply", None),
        Verdict::HeldUntil(d) => ("held", Some(d.to_string())),
        Verdict::Provisional { until } => ("provisional", Some(until.to_string())),
    }
}

fn policy_json(run: &ReviewRun) -> PolicyJson {
    match run.policy.downgrade {
        DowngradeRule::Immediate => PolicyJson {
            downgrades: "immediate",
            annual_review: None,
            window_days: None,
            provisional_months: run.policy.provisional_months,
        },
        DowngradeRule::AtAnnualReview { month, day, window_days } => PolicyJson {
            downgrades: "annual",
            annual_review: Some(format!("{month:02}-{day:02}")),
            window_days: Some(window_days),
            provisional_months: run.policy.provisional_months,
        },
    }
}

fn suggestion_json<'a>(run: &'a ReviewRun, s: &'a Suggestion) -> SuggestionJson<'a> {
    let (verdict, until) = verdict_words(s.verdict);
    let m = &run.model;
    SuggestionJson {
        customer_id: s.customer.0,
        ext_ref: run.ref_of(s.customer),
        name: run.name_of(s.customer),
        current: &s.current,
        suggested: &s.suggested,
        direction: if s.direction == Direction::Up { "up" } else { "down" },
        verdict,
        until,
        score: s.grade.score,
        rule: s.grade.rule.and_then(|r| m.rule_label(r, Lang::En)),
        explanation: crate::i18n::grading::explain(m, &s.grade, Lang::En),
        values: s
            .grade
            .lines
            .iter()
            .map(|l| ValueJson {
                indicator: m.indicators.get(l.indicator).map(|i| i.code.as_str()).unwrap_or(""),
                value: l.value.as_ref().map(|v| v.to_string()),
                measured_on: l.measured_on.map(|d| d.to_string()),
                points: l.points,
            })
            .collect(),
    }
}

fn print_json(run: &ReviewRun, applied: Option<usize>) -> Result<(), CliError> {
    let out = ReviewJson {
        model: &run.model.id,
        as_of: run.today.to_string(),
        policy: policy_json(run),
        customers: run.customers,
        graded: run.graded,
        weights_note: run.model.warnings.iter().map(String::as_str).collect(),
        suggestions: run.suggestions.iter().map(|s| suggestion_json(run, s)).collect(),
        applied,
    };
    let text = super::output::json(&out)?;
    println!("{text}");
    Ok(())
}

fn print_text(run: &ReviewRun, applied: Option<usize>, lang: Lang) {
    let m = &run.model;
    println!("{}", fill(C::ReviewHead.get(lang), &[&m.name(lang), &m.id, &run.today]));
    for w in notes(run, lang) {
        println!("{}", fill(C::Note.get(lang), &[&w]));
    }
    let p = policy_json(run);
    let downgrades = match (&p.annual_review, p.window_days) {
        (Some(day), Some(w)) => fill(C::DowngradesAnnual.get(lang), &[day, &w]),
        _ => C::DowngradesNow.get(lang).to_string(),
    };
    println!("{}", fill(C::PolicyLine.get(lang), &[&downgrades, &p.provisional_months]));
    let (now, held, provisional) = run.counts();
    let counts: [&dyn std::fmt::Display; 6] =
        [&run.customers, &run.graded, &run.suggestions.len(), &now, &held, &provisional];
    println!("{}", fill(C::ReviewCounts.get(lang), &counts));
    if !run.suggestions.is_empty() {
        let rows: Vec<Vec<String>> = run
            .suggestions
            .iter()
            .map(|s| {
                let (verdict, until) = verdict_words(s.verdict);
                let verdict = verdict_text(verdict, lang);
                vec![
                    s.customer.0.to_string(),
                    run.name_of(s.customer).to_string(),
                    format!("{} -> {}", s.current, s.suggested),
                    match until {
                        Some(d) => fill(C::Until.get(lang), &[&verdict, &d]),
                        None => verdict.to_string(),
                    },
                    crate::i18n::grading::explain(m, &s.grade, lang),
                    values_line(run, s, lang),
                ]
            })
            .collect();
        let header = [C::ColId, C::ColName, C::ColTier, C::ColVerdict, C::ColBasis, C::ColValues];
        print!("{}", super::output::text_table(&header.map(|c| c.get(lang)), &rows));
    }
    if let Some(n) = applied {
        let left = run.suggestions.len() - n;
        println!("{}", fill(C::ReviewApplied.get(lang), &[&n, &m.id, &left]));
    }
}

/// The model's notes: as the loader words them in English; in Chinese, as the app says them.
fn notes(run: &ReviewRun, lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => run.model.warnings.clone(),
        Lang::Zh => crate::i18n::app_texts::review_notes(run, lang),
    }
}

/// A verdict's word (the JSON keeps the English code).
fn verdict_text(code: &str, lang: Lang) -> &'static str {
    match code {
        "apply" => C::VerdictApply.get(lang),
        "held" => C::VerdictHeld.get(lang),
        _ => C::VerdictProvisional.get(lang),
    }
}

/// "assets 5,200,000 (2026-06-30); commission 12,000 (2026-06-30)".
fn values_line(run: &ReviewRun, s: &Suggestion, lang: Lang) -> String {
    let parts: Vec<String> = s
        .grade
        .lines
        .iter()
        .filter_map(|l| {
            let ind = run.model.indicators.get(l.indicator)?;
            let v = match &l.value {
                Some(crate::domain::grading::Value::Number(n)) => format_number(*n),
                Some(v) => v.to_string(),
                None => "-".into(),
            };
            Some(format!("{} {v}", ind.name(lang)))
        })
        .collect();
    parts.join("; ")
}
