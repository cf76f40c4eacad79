//! One-line explanations of a grade, in either language: the score and the band or quota
//! it fell in, or the rule (and the group of conditions) that decided, plus what was missing.

use super::{Condition, Grade, GradingModel, Method, Rule, ScoreBand, ScoreMethod, ScoreTiers, Value, format_number};
use crate::lang::Lang;

impl GradingModel {
    /// "score 86.5 (band B: 81 ≤ score < 91)", "rule core B: Average daily assets ≥ 500,000 and
    /// ≤ 5,000,000 and Net commission < 10,000", each followed by "; missing: …" when values are.
    pub fn explain(&self, grade: &Grade, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        if grade.lines.iter().all(|l| l.value.is_none()) {
            return if zh { "没有指标值，无法评级".into() } else { "no values: not graded".into() };
        }
        let mut out = match &self.method {
            Method::Score(method) => self.explain_score(method, grade, zh),
            Method::Rules(rules) => self.explain_rule(rules, grade, lang),
        };
        if !grade.missing.is_empty() {
            let names: Vec<&str> =
                grade.missing.iter().filter_map(|i| self.indicators.get(*i)).map(|i| i.name(lang)).collect();
            if zh {
                out.push_str(&format!("；缺：{}", names.join("、")));
            } else {
                out.push_str(&format!("; missing: {}", names.join(", ")));
            }
        }
        out
    }

    fn explain_score(&self, method: &ScoreMethod, grade: &Grade, zh: bool) -> String {
        let score = format_number(grade.score.unwrap_or(0.0));
        let (word, tier) = (if zh { "得分" } else { "score" }, grade.tier.as_deref().unwrap_or("?"));
        let scaled = method.scale_to.map(|_| {
            let raw: f64 = grade.lines.iter().filter_map(|l| l.points).sum();
            let (raw, of) = (format_number(raw), format_number(method.weight_sum));
            if zh { format!("由 {raw}/{of} 折算；") } else { format!("scaled from {raw} of {of}; ") }
        });
        let scaled = scaled.unwrap_or_default();
        match &method.tiers {
            ScoreTiers::Bands(bands) => {
                let i = bands.iter().position(|b| b.tier == tier).unwrap_or(bands.len());
                let range = band_range(bands, i, word, zh);
                if zh {
                    format!("{word} {score}（{scaled}{tier} 档：{range}）")
                } else {
                    format!("{word} {score} ({scaled}band {tier}: {range})")
                }
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
                if zh {
                    format!("{word} {score}，排名 {}/{}（{scaled}{tier} 档：前 {share}）", rank.place, rank.of)
                } else {
                    format!("{word} {score}, rank {} of {} ({scaled}quota {tier}: top {share})", rank.place, rank.of)
                }
            }
        }
    }

    fn explain_rule(&self, rules: &[Rule], grade: &Grade, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let Some(rule) = grade.rule.and_then(|r| rules.get(r)) else {
            return if zh { "没有符合的规则".into() } else { "no rule matched".into() };
        };
        let label = if zh { &rule.label_zh } else { &rule.label_en };
        if rule.any.is_empty() {
            return if zh { format!("规则 {label}：其余客户") } else { format!("rule {label}: everyone else") };
        }
        let value_of = |i: usize| grade.lines.get(i).and_then(|l| l.value.as_ref());
        let group = rule.matching_group(value_of).and_then(|g| rule.any.get(g)).or(rule.any.first());
        let conditions = group.map(|g| self.describe_group(g, lang)).unwrap_or_default();
        if zh { format!("规则 {label}：{conditions}") } else { format!("rule {label}: {conditions}") }
    }

    /// "Average daily assets ≥ 500,000 and ≤ 5,000,000 and Net commission < 10,000": an indicator
    /// compared twice in a row is named once.
    fn describe_group(&self, group: &[Condition], lang: Lang) -> String {
        let and = if lang == Lang::Zh { " 且 " } else { " and " };
        let mut out = String::new();
        let mut previous = None;
        for c in group {
            if previous.is_some() {
                out.push_str(and);
            }
            if previous != Some(c.indicator) {
                out.push_str(self.indicators.get(c.indicator).map_or("?", |i| i.name(lang)));
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
}

/// Band `i`'s scores as a range: "score ≥ 91", "81 ≤ score < 91", "score < 71".
fn band_range(bands: &[ScoreBand], i: usize, word: &str, zh: bool) -> String {
    let Some(band) = bands.get(i) else { return String::new() };
    let min = format_number(band.min);
    match (i.checked_sub(1).and_then(|b| bands.get(b)), band.min > 0.0) {
        (None, true) => format!("{word} >= {min}"),
        (None, false) => {
            if zh {
                "所有得分".into()
            } else {
                "every score".into()
            }
        }
        (Some(better), true) => format!("{min} <= {word} < {}", format_number(better.min)),
        (Some(better), false) => format!("{word} < {}", format_number(better.min)),
    }
}
