//! One-line explanations of a grade, in either language: the score and the band or quota it
//! fell in, or the rule (and the group of conditions) that decided, plus what was missing.
//! The domain (`domain::grading`) grades; this says why.

use super::{Lang, fill};
use crate::domain::grading::{
    Condition, Grade, GradingModel, Method, Rule, ScoreBand, ScoreMethod, ScoreTiers, Value, format_number,
};

texts! { G:
    NotGraded => "没有指标值，无法评级", "no values: not graded";
    Missing => "；缺：{}", "; missing: {}";
    MissingSep => "、", ", ";
    Score => "得分", "score";
    Scaled => "由 {}/{} 折算；", "scaled from {} of {}; ";
    Band => "{} {}（{}{} 档：{}）", "{} {} ({}band {}: {})";
    Quota => "{} {}，排名 {}/{}（{}{} 档：前 {}）", "{} {}, rank {} of {} ({}quota {}: top {})";
    NoRule => "没有符合的规则", "no rule matched";
    EveryoneElse => "规则 {}：其余客户", "rule {}: everyone else";
    RuleHeld => "规则 {}：{}", "rule {}: {}";
    And => " 且 ", " and ";
    EveryScore => "所有得分", "every score";
}

/// "score 86.5 (band B: 81 <= score < 91)", "rule core B: Average daily assets >= 500,000 and
/// <= 5,000,000 and Net commission < 10,000", each followed by "; missing: …" when values are.
pub fn explain(m: &GradingModel, grade: &Grade, lang: Lang) -> String {
    if grade.lines.iter().all(|l| l.value.is_none()) {
        return G::NotGraded.get(lang).to_string();
    }
    let mut out = match &m.method {
        Method::Score(method) => explain_score(method, grade, lang),
        Method::Rules(rules) => explain_rule(m, rules, grade, lang),
    };
    if !grade.missing.is_empty() {
        let names: Vec<&str> =
            grade.missing.iter().filter_map(|i| m.indicators.get(*i)).map(|i| i.name(lang)).collect();
        out.push_str(&fill(G::Missing.get(lang), &[&names.join(G::MissingSep.get(lang))]));
    }
    out
}

fn explain_score(method: &ScoreMethod, grade: &Grade, lang: Lang) -> String {
    let score = format_number(grade.score.unwrap_or(0.0));
    let (word, tier) = (G::Score.get(lang), grade.tier.as_deref().unwrap_or("?"));
    let scaled = method.scale_to.map(|_| {
        let raw: f64 = grade.lines.iter().filter_map(|l| l.points).sum();
        fill(G::Scaled.get(lang), &[&format_number(raw), &format_number(method.weight_sum)])
    });
    let scaled = scaled.unwrap_or_default();
    match &method.tiers {
        ScoreTiers::Bands(bands) => {
            let i = bands.iter().position(|b| b.tier == tier).unwrap_or(bands.len());
            let range = band_range(bands, i, word, lang);
            fill(G::Band.get(lang), &[&word, &score, &scaled, &tier, &range])
        }
        ScoreTiers::Quotas(quotas) => {
            let i = quotas.iter().position(|q| q.tier == tier).unwrap_or(quotas.len());
            let before: f64 = quotas.iter().take(i).map(|q| q.percent).sum();
            let upto = before + quotas.get(i).map_or(0.0, |q| q.percent);
            let share = if i == 0 {
                format_number(upto) + "%"
            } else {
                format!("{}%-{}%", format_number(before), format_number(upto))
            };
            let rank = grade.rank.unwrap_or_default();
            fill(G::Quota.get(lang), &[&word, &score, &rank.place, &rank.of, &scaled, &tier, &share])
        }
    }
}

fn explain_rule(m: &GradingModel, rules: &[Rule], grade: &Grade, lang: Lang) -> String {
    let Some(rule) = grade.rule.and_then(|r| rules.get(r)) else {
        return G::NoRule.get(lang).to_string();
    };
    let label = if lang == Lang::Zh { &rule.label_zh } else { &rule.label_en };
    if rule.any.is_empty() {
        return fill(G::EveryoneElse.get(lang), &[label]);
    }
    let value_of = |i: usize| grade.lines.get(i).and_then(|l| l.value.as_ref());
    let group = rule.matching_group(value_of).and_then(|g| rule.any.get(g)).or(rule.any.first());
    let conditions = group.map(|g| describe_group(m, g, lang)).unwrap_or_default();
    fill(G::RuleHeld.get(lang), &[label, &conditions])
}

/// "Average daily assets >= 500,000 and <= 5,000,000 and Net commission < 10,000": an
/// indicator compared twice in a row is named once.
fn describe_group(m: &GradingModel, group: &[Condition], lang: Lang) -> String {
    let mut out = String::new();
    let mut previous = None;
    for c in group {
        if previous.is_some() {
            out.push_str(G::And.get(lang));
        }
        if previous != Some(c.indicator) {
            out.push_str(m.indicators.get(c.indicator).map_or("?", |i| i.name(lang)));
            out.push(' ');
        }
        let value = match &c.value {
            Value::Number(n) => format_number(*n),
            Value::Text(t) => t.clone(),
        };
        out.push_str(&format!("{} {value}", c.op.symbol()));
        previous = Some(c.indicator);
    }
    out
}

/// Band `i`'s scores as a range: "score >= 91", "81 <= score < 91", "score < 71".
fn band_range(bands: &[ScoreBand], i: usize, word: &str, lang: Lang) -> String {
    let Some(band) = bands.get(i) else { return String::new() };
    let min = format_number(band.min);
    match (i.checked_sub(1).and_then(|b| bands.get(b)), band.min > 0.0) {
        (None, true) => format!("{word} >= {min}"),
        (None, false) => G::EveryScore.get(lang).to_string(),
        (Some(better), true) => format!("{min} <= {word} < {}", format_number(better.min)),
        (Some(better), false) => format!("{word} < {}", format_number(better.min)),
    }
}

#[cfg(test)]
#[path = "grading_tests.rs"]
mod tests;
