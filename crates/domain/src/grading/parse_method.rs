//! Loading and checking a model's method: the `[score]` table (score bands or rank quotas,
//! optional `scale_to`) or the `[[rule]]` tables; and `check_scheme`, which holds a loaded
//! model against the tier scheme it will be used with.

use serde::Deserialize;
use toml::Spanned;

use super::parse::Errors;
use super::{
    Condition, GradingError, GradingModel, Indicator, Method, Op, Quota, Rule, ScoreBand, ScoreMethod, ScoreTiers,
    Value, ValueKind, format_number,
};
use crate::tier::{TierScheme, line_of};

/// Percents and weights are typed as decimals: allow for floating-point sums like 33.3 × 3.
const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScore {
    scale_to: Option<Spanned<f64>>,
    bands: Option<Spanned<Vec<RawBand>>>,
    quotas: Option<Spanned<Vec<RawQuota>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    tier: Spanned<String>,
    min: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    tier: Spanned<String>,
    percent: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    zh: Spanned<String>,
    en: Spanned<String>,
    tier: Spanned<String>,
    /// One group: shorthand for `any = [[...]]`.
    all: Option<Vec<RawCondition>>,
    any: Option<Vec<Vec<RawCondition>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    indicator: Spanned<String>,
    op: Spanned<String>,
    value: Spanned<toml::Value>,
}

/// A tier code as written: one word, trimmed.
fn tier_code(e: &Errors, t: Spanned<String>, entry: &str) -> Result<String, GradingError> {
    let code = t.get_ref().trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        return Err(e.at(Some(t.span()), Some(entry), format!("tier \"{code}\" must be one word")));
    }
    Ok(code.to_string())
}

pub(super) fn score(
    e: &Errors,
    raw: Spanned<RawScore>,
    indicators: &[Indicator],
    warnings: &mut Vec<String>,
) -> Result<ScoreMethod, GradingError> {
    let at = raw.span();
    let raw = raw.into_inner();
    let entry = Some("score");
    let weight_sum: f64 = indicators.iter().map(|i| i.weight).sum();
    let scale_to = match raw.scale_to {
        None => None,
        Some(s) if s.get_ref().is_finite() && *s.get_ref() > 0.0 => Some(*s.get_ref()),
        Some(s) => {
            return Err(e.at(Some(s.span()), entry, format!("scale_to must be more than 0, not {}", s.get_ref())));
        }
    };
    if (weight_sum - 100.0).abs() > TOLERANCE {
        let sum = format_number(weight_sum);
        warnings.push(match scale_to {
            Some(to) => format!("weights sum to {sum}, not 100; scores are scaled to {}", format_number(to)),
            None => format!(
                "weights sum to {sum}, not 100; scores are not rescaled, so the highest possible score is {sum}"
            ),
        });
    }
    let tiers = match (raw.bands, raw.quotas) {
        (Some(b), None) => bands(e, b, scale_to.unwrap_or(weight_sum), warnings)?,
        (None, Some(q)) => quotas(e, q)?,
        (Some(b), Some(_)) => return Err(e.at(Some(b.span()), entry, "give either bands or quotas, not both")),
        (None, None) => {
            return Err(e.at(Some(at), entry, "say how a score becomes a tier: bands (by score) or quotas (by rank)"));
        }
    };
    Ok(ScoreMethod { weight_sum, scale_to, tiers })
}

/// Score bands, best first: each `min` below the one before, the last at 0, so every score
/// from 0 up falls in exactly one band.
fn bands(
    e: &Errors,
    raw: Spanned<Vec<RawBand>>,
    max: f64,
    warnings: &mut Vec<String>,
) -> Result<ScoreTiers, GradingError> {
    let span = raw.span();
    let raw = raw.into_inner();
    if raw.is_empty() {
        return Err(e.at(Some(span), Some("score"), "bands is empty"));
    }
    let mut out: Vec<ScoreBand> = Vec::with_capacity(raw.len());
    for (i, b) in raw.into_iter().enumerate() {
        let entry = format!("band {}", i + 1);
        let min_at = b.min.span();
        let line = line_of(e.text, b.tier.span().start);
        let tier = tier_code(e, b.tier, &entry)?;
        if let Some(n) = out.iter().position(|x| x.tier == tier) {
            return Err(e.at(
                Some(min_at),
                Some(&entry),
                format!("tier \"{tier}\" has two bands (band {} too)", n + 1),
            ));
        }
        let min = *b.min.get_ref();
        if !min.is_finite() || min < 0.0 {
            return Err(e.at(Some(min_at), Some(&entry), format!("min must be 0 or more, not {min}")));
        }
        if let Some(prev) = out.last().filter(|p| min >= p.min) {
            let how = if min == prev.min { "overlap" } else { "are out of order (best first)" };
            return Err(e.at(
                Some(min_at),
                Some(&entry),
                format!(
                    "bands {how}: {tier} starts at {}, which must be below {}'s {}",
                    format_number(min),
                    prev.tier,
                    format_number(prev.min)
                ),
            ));
        }
        out.push(ScoreBand { tier, min, line });
    }
    if let Some(last) = out.last().filter(|b| b.min > 0.0) {
        return Err(e.at(
            Some(span),
            Some(&format!("band {}", out.len())),
            format!(
                "a gap below the last band: scores under {} get no tier; start the last band at 0",
                format_number(last.min)
            ),
        ));
    }
    for b in out.iter().filter(|b| b.min > max + TOLERANCE) {
        warnings.push(format!(
            "band {} needs a score of {}, but the highest possible score is {}: nobody can reach it",
            b.tier,
            format_number(b.min),
            format_number(max)
        ));
    }
    Ok(ScoreTiers::Bands(out))
}

fn quotas(e: &Errors, raw: Spanned<Vec<RawQuota>>) -> Result<ScoreTiers, GradingError> {
    let span = raw.span();
    let raw = raw.into_inner();
    if raw.is_empty() {
        return Err(e.at(Some(span), Some("score"), "quotas is empty"));
    }
    let mut out: Vec<Quota> = Vec::with_capacity(raw.len());
    for (i, q) in raw.into_iter().enumerate() {
        let entry = format!("quota {}", i + 1);
        let at = q.percent.span();
        let line = line_of(e.text, q.tier.span().start);
        let tier = tier_code(e, q.tier, &entry)?;
        if let Some(n) = out.iter().position(|x| x.tier == tier) {
            return Err(e.at(Some(at), Some(&entry), format!("tier \"{tier}\" has two quotas (quota {} too)", n + 1)));
        }
        let percent = *q.percent.get_ref();
        if !percent.is_finite() || percent <= 0.0 || percent > 100.0 {
            return Err(e.at(
                Some(at),
                Some(&entry),
                format!("percent must be more than 0 and at most 100, not {percent}"),
            ));
        }
        out.push(Quota { tier, percent, line });
    }
    let sum: f64 = out.iter().map(|q| q.percent).sum();
    if (sum - 100.0).abs() > TOLERANCE {
        return Err(e.at(Some(span), Some("score"), format!("quotas sum to {}%, not 100%", format_number(sum))));
    }
    Ok(ScoreTiers::Quotas(out))
}

pub(super) fn rules(
    e: &Errors,
    raw: Vec<RawRule>,
    indicators: &[Indicator],
    warnings: &mut Vec<String>,
) -> Result<Vec<Rule>, GradingError> {
    if raw.is_empty() {
        return Err(e.at(None, None, "the model has no rules ([[rule]] tables)"));
    }
    let count = raw.len();
    let mut out = Vec::with_capacity(count);
    for (i, r) in raw.into_iter().enumerate() {
        let entry = format!("rule {}", i + 1);
        let at = r.tier.span();
        let label_zh = e.text(r.zh, Some(&entry), "the zh label")?;
        let label_en = e.text(r.en, Some(&entry), "the en label")?;
        let tier = tier_code(e, r.tier, &entry)?;
        let groups = match (r.all, r.any) {
            (Some(all), None) => vec![all],
            (None, Some(any)) => any,
            (None, None) => Vec::new(),
            (Some(_), Some(_)) => return Err(e.at(Some(at), Some(&entry), "give either all or any, not both")),
        };
        let mut any = Vec::with_capacity(groups.len());
        for group in groups {
            if group.is_empty() {
                return Err(e.at(
                    Some(at),
                    Some(&entry),
                    "an empty group of conditions (any = [[]]) would match everyone",
                ));
            }
            let conditions: Result<Vec<_>, _> =
                group.into_iter().map(|c| condition(e, c, indicators, &entry)).collect();
            any.push(conditions?);
        }
        if any.is_empty() && i + 1 < count {
            return Err(e.at(
                Some(at),
                Some(&entry),
                format!(
                    "a rule without conditions (everyone else) must be the last: rules {} to {count} could never match",
                    i + 2
                ),
            ));
        }
        out.push(Rule { label_zh, label_en, tier, any, line: line_of(e.text, at.start) });
    }
    if out.last().is_some_and(|r| !r.any.is_empty()) {
        warnings.push("no catch-all rule at the end: customers matching no rule get no tier".to_string());
    }
    Ok(out)
}

fn condition(e: &Errors, raw: RawCondition, indicators: &[Indicator], entry: &str) -> Result<Condition, GradingError> {
    let code = raw.indicator.get_ref().trim();
    let Some(index) = indicators.iter().position(|i| i.code.eq_ignore_ascii_case(code)) else {
        let known: Vec<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
        return Err(e.at(
            Some(raw.indicator.span()),
            Some(entry),
            format!("unknown indicator \"{code}\" (known: {})", known.join(", ")),
        ));
    };
    let indicator = &indicators[index];
    let op = Op::parse(raw.op.get_ref()).ok_or_else(|| {
        e.at(Some(raw.op.span()), Some(entry), format!("unknown op \"{}\" (use >, >=, <, <= or ==)", raw.op.get_ref()))
    })?;
    let at = raw.value.span();
    let value = match (&indicator.kind, raw.value.into_inner()) {
        (ValueKind::Number, toml::Value::Integer(n)) => Value::Number(n as f64),
        (ValueKind::Number, toml::Value::Float(n)) if n.is_finite() => Value::Number(n),
        (ValueKind::Number, _) => {
            return Err(e.at(
                Some(at),
                Some(entry),
                format!("{} is a number indicator: compare it with a number", indicator.code),
            ));
        }
        (ValueKind::Choice(choices), toml::Value::String(t)) => {
            let t = t.trim().to_string();
            if !choices.contains(&t) {
                return Err(e.at(
                    Some(at),
                    Some(entry),
                    format!("\"{t}\" is not one of {}'s choices ({})", indicator.code, choices.join(", ")),
                ));
            }
            Value::Text(t)
        }
        (ValueKind::Choice(_), _) => {
            return Err(e.at(
                Some(at),
                Some(entry),
                format!("{} is a choice indicator: compare it with a choice", indicator.code),
            ));
        }
    };
    if matches!(value, Value::Text(_)) && op != Op::Eq {
        return Err(e.at(Some(at), Some(entry), format!("choices have no order: use == with {}", indicator.code)));
    }
    Ok(Condition { indicator: index, op, value })
}

impl GradingModel {
    /// Check the model against the scheme it will be used with: every tier it names must be one
    /// of the scheme's (exactly as the scheme spells it, since grades carry the code), and score
    /// bands and quotas, listed best first, must follow the scheme's order.
    pub fn check_scheme(&self, file: &str, scheme: &TierScheme) -> Result<(), GradingError> {
        let named: Vec<(String, &str, usize)> = match &self.method {
            Method::Score(s) => match &s.tiers {
                ScoreTiers::Bands(b) => {
                    b.iter().enumerate().map(|(i, b)| (format!("band {}", i + 1), b.tier.as_str(), b.line)).collect()
                }
                ScoreTiers::Quotas(q) => {
                    q.iter().enumerate().map(|(i, q)| (format!("quota {}", i + 1), q.tier.as_str(), q.line)).collect()
                }
            },
            Method::Rules(r) => {
                r.iter().enumerate().map(|(i, r)| (format!("rule {}", i + 1), r.tier.as_str(), r.line)).collect()
            }
        };
        let err = |entry: &str, line: usize, problem: String| GradingError {
            file: file.to_string(),
            part: Some(crate::source::Part::Entry(entry.to_string())),
            line: Some(line),
            problem,
        };
        // Rules may name tiers in any order (first match wins); bands and quotas are best first.
        let ordered = !matches!(self.method, Method::Rules(_));
        let mut previous: Option<(usize, &str)> = None;
        for (entry, tier, line) in &named {
            if !scheme.tiers.iter().any(|t| t.code == *tier) {
                let hint = scheme.tier(tier).map(|t| format!("; did you mean \"{}\"?", t.code)).unwrap_or_default();
                return Err(err(
                    entry,
                    *line,
                    format!(
                        "unknown tier \"{tier}\" (scheme \"{}\" has {}){hint}",
                        scheme.id,
                        scheme.codes().join(", ")
                    ),
                ));
            }
            let rank = scheme.rank(tier);
            if let Some((_, before)) = previous.filter(|(r, _)| ordered && rank < *r) {
                return Err(err(
                    entry,
                    *line,
                    format!(
                        "{tier} is listed after {before}, but the scheme ranks {tier} higher: list tiers best first"
                    ),
                ));
            }
            previous = Some((rank, tier));
        }
        Ok(())
    }
}
