//! Grading models: how a customer's measured indicators (assets, purchase amount, days to pay…)
//! become a suggested tier. Parsed from TOML text handed in by the caller (the files live in
//! `data/grading/`); nothing here reads a file, the clock or the book.
//!
//! Two methods, as in the rulebooks:
//! - **score**: every indicator turns its value into a fraction of its weight (`linear`,
//!   `bands` or `lookup`, see [`Points`]); the score is the sum of weight × fraction, optionally
//!   scaled so that full marks are `scale_to`. The tier then follows from score bands (each
//!   band is "score ≥ min", best first, the last one starting at 0) or from rank quotas (top
//!   20% A, next 30% B…, see `grade` for rounding and ties).
//! - **rules**: threshold rules, first match wins; a rule holds when any of its groups holds,
//!   a group when all of its conditions do. A missing value makes a condition false.
//!
//! Scores are kept to two decimals, the precision they are shown with, so a score shown as
//! 91 is graded as 91 (and 90.999… from floating point does not fall to the band below).

mod grade;
mod parse;
mod parse_method;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_loader;
#[cfg(test)]
mod tests_rules;
mod value;

use chrono::NaiveDate;

pub use parse::GradingError;
pub use value::{IndicatorValueProblem, ValueProblem, format_number};

use super::customer::CustomerId;
use crate::lang::Lang;

/// A measured value: a number (RMB, %, days…) or one of a choice indicator's choices.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// A value and the day it was measured (the store keeps the history).
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub value: Value,
    pub measured_on: NaiveDate,
}

/// What an indicator takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Number,
    /// One of these texts, in the file's order.
    Choice(Vec<String>),
}

/// One threshold of a `bands` rule: a value ≥ `from` earns `percent` % of the weight (until the
/// next band's `from`).
#[derive(Debug, Clone, PartialEq)]
pub struct PointBand {
    pub from: f64,
    pub percent: f64,
}

/// How an indicator's value becomes a fraction of its weight (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub enum Points {
    /// Rule models give no points.
    None,
    /// `value ≤ lo` → 0, `value ≥ hi` → 1, straight line between. `lo > hi` means lower is
    /// better (days to pay): then `value ≥ lo` → 0 and `value ≤ hi` → 1.
    Linear { lo: f64, hi: f64 },
    /// Ascending `from` thresholds; the highest band whose `from` the value reaches decides.
    /// A value below the first `from` earns nothing.
    Bands(Vec<PointBand>),
    /// Percent of the weight per choice, aligned with the indicator's choices.
    Lookup(Vec<f64>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Stable: values are stored under it. Unique within a model, case-insensitively.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// "RMB", "%", "days"…: shown beside values; "%" also lets a typed "12.5%" through.
    pub unit: Option<String>,
    pub kind: ValueKind,
    /// Full marks of the indicator; 0 in a rule model.
    pub weight: f64,
    pub points: Points,
}

impl Indicator {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    pub fn choices(&self) -> &[String] {
        match &self.kind {
            ValueKind::Choice(c) => c,
            ValueKind::Number => &[],
        }
    }
}

/// A score band: scores ≥ `min` (and below the better band's `min`) get `tier`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreBand {
    pub tier: String,
    pub min: f64,
    /// Where the band is written, for `check_scheme`'s errors.
    pub line: usize,
}

/// A rank quota: the next `percent` % of the ranked customers get `tier`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quota {
    pub tier: String,
    pub percent: f64,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScoreTiers {
    /// Best first; the last starts at 0.
    Bands(Vec<ScoreBand>),
    /// Best first; the percents sum to 100.
    Quotas(Vec<Quota>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreMethod {
    /// The sum of the indicators' weights: the highest possible raw score.
    pub weight_sum: f64,
    /// When set, raw scores are multiplied by `scale_to / weight_sum`.
    pub scale_to: Option<f64>,
    pub tiers: ScoreTiers,
}

impl ScoreMethod {
    /// The highest score a customer can reach.
    pub fn max_score(&self) -> f64 {
        self.scale_to.unwrap_or(self.weight_sum)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

impl Op {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            ">" => Some(Self::Gt),
            ">=" => Some(Self::Ge),
            "<" => Some(Self::Lt),
            "<=" => Some(Self::Le),
            "==" => Some(Self::Eq),
            _ => None,
        }
    }

    /// As shown in explanations: ASCII, because ≥ and ≤ are of ambiguous width and push the
    /// rest of a line out of place in terminals that draw them double-wide (CJK locales).
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Eq => "=",
        }
    }
}

/// `indicator op value`; the value's kind matches the indicator's (checked by the loader).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub indicator: usize,
    pub op: Op,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub label_zh: String,
    pub label_en: String,
    pub tier: String,
    /// The rule holds when any group holds, a group when all its conditions hold. Empty: the
    /// catch-all ("everyone else"), only allowed as the last rule.
    pub any: Vec<Vec<Condition>>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    Score(ScoreMethod),
    /// First match wins.
    Rules(Vec<Rule>),
}

/// A loaded, checked grading model.
#[derive(Debug, Clone, PartialEq)]
pub struct GradingModel {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// The tier scheme the model is written for (its tiers are checked against the shipped
    /// scheme of that id by the data tests; a book may use it with any scheme that has them).
    pub scheme: String,
    pub indicators: Vec<Indicator>,
    /// How long a new customer keeps its provisional tier.
    pub provisional_months: Option<u32>,
    /// Things a draft may get away with but the user should know (weights not summing to 100,
    /// a band nobody can reach, no catch-all rule).
    pub warnings: Vec<String>,
    pub method: Method,
}

/// One customer's values, `values[i]` for `indicators[i]` (a shorter list means the rest are
/// missing; extra entries are ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerValues {
    pub customer: CustomerId,
    pub values: Vec<Option<Measured>>,
}

/// Where a customer stands in a ranked (quota) model: `place` 1 is the best; customers with
/// equal scores share the best place of their group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rank {
    pub place: usize,
    pub of: usize,
}

/// One indicator's part of a grade.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GradeLine {
    pub indicator: usize,
    pub value: Option<Value>,
    pub measured_on: Option<NaiveDate>,
    /// Points earned out of the indicator's weight, before any `scale_to` (0 for a missing or
    /// unusable value); None in rule models and for customers without any value.
    pub points: Option<f64>,
}

/// What a model says about one customer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grade {
    pub customer: CustomerId,
    /// None when the customer has no values at all, or (in a rule model without a catch-all)
    /// when no rule matched.
    pub tier: Option<String>,
    /// Score models: the (scaled) score, two decimals.
    pub score: Option<f64>,
    /// Rule models: the index of the deciding rule.
    pub rule: Option<usize>,
    /// Quota models: the customer's place among those graded.
    pub rank: Option<Rank>,
    /// One per indicator, in model order.
    pub lines: Vec<GradeLine>,
    /// Indicators without a usable value (none, or of the wrong kind, or an unknown choice).
    pub missing: Vec<usize>,
}

impl GradingModel {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    /// The indicator with this code; codes match case-insensitively.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        self.indicators.iter().position(|i| i.code.eq_ignore_ascii_case(code))
    }

    /// The tiers the model can give, in the file's order (best first for score models).
    pub fn tiers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let named: Vec<&str> = match &self.method {
            Method::Score(s) => match &s.tiers {
                ScoreTiers::Bands(b) => b.iter().map(|b| b.tier.as_str()).collect(),
                ScoreTiers::Quotas(q) => q.iter().map(|q| q.tier.as_str()).collect(),
            },
            Method::Rules(r) => r.iter().map(|r| r.tier.as_str()).collect(),
        };
        for t in named {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The label of rule `i` in a rule model.
    pub fn rule_label(&self, i: usize, lang: Lang) -> Option<&str> {
        match &self.method {
            Method::Rules(rules) => rules.get(i).map(|r| match lang {
                Lang::Zh => r.label_zh.as_str(),
                Lang::En => r.label_en.as_str(),
            }),
            Method::Score(_) => None,
        }
    }
}
