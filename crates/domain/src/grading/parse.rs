//! Loading a grading model from TOML: the file's shape, the model's header and its indicators.
//! Every problem is refused with the file, the line, the entry (`indicator "margin"`,
//! `rule 3`…) and what is wrong, before anything is graded with it. The method tables
//! (`[score]`, `[[rule]]`) are checked in `parse_method`.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{GradingModel, Indicator, Method, PointBand, Points, ValueKind, parse_method};
use crate::source::Part;
use crate::tier::line_of;

/// Months a provisional tier can last at most: ten years is already beyond any rulebook.
const MAX_PROVISIONAL_MONTHS: i64 = 120;

/// A grading model file that cannot be used, with where and why (the entry at fault is a
/// `Part::Entry`).
pub type GradingError = crate::source::SourceError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    id: Spanned<String>,
    scheme: Spanned<String>,
    name: Spanned<RawNames>,
    provisional_months: Option<Spanned<i64>>,
    score: Option<Spanned<parse_method::RawScore>>,
    rule: Option<Vec<parse_method::RawRule>>,
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    zh: Spanned<String>,
    en: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    code: Spanned<String>,
    zh: Spanned<String>,
    en: Spanned<String>,
    unit: Option<Spanned<String>>,
    choices: Option<Spanned<Vec<String>>>,
    weight: Option<Spanned<f64>>,
    linear: Option<Spanned<RawLinear>>,
    bands: Option<Spanned<Vec<RawPointBand>>>,
    lookup: Option<Spanned<BTreeMap<String, f64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinear {
    lo: f64,
    hi: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPointBand {
    from: Spanned<f64>,
    points: Spanned<f64>,
}

/// Builds errors for one file.
pub(super) struct Errors<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Errors<'_> {
    pub fn at(&self, span: Option<Range<usize>>, entry: Option<&str>, problem: impl Into<String>) -> GradingError {
        GradingError {
            file: self.file.to_string(),
            part: entry.map(|e| Part::Entry(e.to_string())),
            line: span.map(|s| line_of(self.text, s.start)),
            problem: problem.into(),
        }
    }

    /// A text that must not be blank, trimmed.
    pub fn text(&self, t: Spanned<String>, entry: Option<&str>, what: &str) -> Result<String, GradingError> {
        if t.get_ref().trim().is_empty() {
            return Err(self.at(Some(t.span()), entry, format!("{what} is empty")));
        }
        Ok(t.into_inner().trim().to_string())
    }
}

/// Codes and ids are stored with values: one word of letters, digits, `_` or `-`.
pub(super) fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 40 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl GradingModel {
    /// Parse and check a model. `file` is only used to name the source in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, GradingError> {
        let e = Errors { file, text };
        let raw: RawModel = toml::from_str(text).map_err(|x| {
            let entry = x.span().and_then(|s| entry_at(text, s.start));
            e.at(x.span(), entry.as_deref(), x.message().trim().to_string())
        })?;
        let id = raw.id.get_ref().trim().to_string();
        if !valid_code(&id) {
            return Err(e.at(
                Some(raw.id.span()),
                None,
                format!("id \"{id}\" must be one word (letters, digits, _ or -)"),
            ));
        }
        let scheme = e.text(raw.scheme, None, "scheme")?;
        let names = raw.name.into_inner();
        let name_zh = e.text(names.zh, None, "the zh name")?;
        let name_en = e.text(names.en, None, "the en name")?;
        let provisional_months = match raw.provisional_months {
            None => None,
            Some(m) if (0..=MAX_PROVISIONAL_MONTHS).contains(m.get_ref()) => Some(*m.get_ref() as u32),
            Some(m) => {
                return Err(e.at(
                    Some(m.span()),
                    None,
                    format!("provisional_months must be between 0 and {MAX_PROVISIONAL_MONTHS}, not {}", m.get_ref()),
                ));
            }
        };
        let neither =
            || e.at(None, None, "the model has neither a [score] table nor [[rule]] tables: say how it grades");
        if let (Some(s), Some(_)) = (&raw.score, &raw.rule) {
            return Err(e.at(
                Some(s.span()),
                None,
                "a model grades either by score ([score]) or by rules ([[rule]]), not both",
            ));
        }
        if raw.score.is_none() && raw.rule.is_none() {
            return Err(neither());
        }
        let scored = raw.score.is_some();
        if raw.indicator.is_empty() {
            return Err(e.at(None, None, "the model has no indicators ([[indicator]] tables)"));
        }
        let mut indicators: Vec<Indicator> = Vec::with_capacity(raw.indicator.len());
        for (n, ind) in raw.indicator.into_iter().enumerate() {
            let indicator = indicator(&e, ind, n, &indicators, scored)?;
            indicators.push(indicator);
        }
        let mut warnings = Vec::new();
        let method = match (raw.score, raw.rule) {
            (Some(score), _) => Method::Score(parse_method::score(&e, score, &indicators, &mut warnings)?),
            (None, Some(rules)) => Method::Rules(parse_method::rules(&e, rules, &indicators, &mut warnings)?),
            (None, None) => return Err(neither()),
        };
        Ok(GradingModel { id, name_zh, name_en, scheme, indicators, provisional_months, warnings, method })
    }
}

/// One indicator, checked; `before` are the ones already read (for duplicate codes).
fn indicator(
    e: &Errors,
    raw: RawIndicator,
    n: usize,
    before: &[Indicator],
    scored: bool,
) -> Result<Indicator, GradingError> {
    let at = raw.code.span();
    let code = raw.code.get_ref().trim().to_string();
    if !valid_code(&code) {
        let entry = format!("indicator {}", n + 1);
        return Err(e.at(
            Some(at),
            Some(&entry),
            format!("code \"{code}\" must be one word (letters, digits, _ or -)"),
        ));
    }
    let entry = format!("indicator \"{code}\"");
    let entry = Some(entry.as_str());
    if let Some(other) = before.iter().position(|x| x.code.eq_ignore_ascii_case(&code)) {
        return Err(e.at(
            Some(at),
            entry,
            format!("duplicate indicator code (indicator {} has it too); codes must be unique", other + 1),
        ));
    }
    let name_zh = e.text(raw.zh, entry, "the zh name")?;
    let name_en = e.text(raw.en, entry, "the en name")?;
    let unit = match raw.unit {
        None => None,
        Some(u) => Some(e.text(u, entry, "unit")?),
    };
    let kind = match raw.choices {
        None => ValueKind::Number,
        Some(c) => {
            let span = c.span();
            let choices: Vec<String> = c.into_inner().iter().map(|x| x.trim().to_string()).collect();
            if choices.is_empty() || choices.iter().any(String::is_empty) {
                return Err(e.at(Some(span), entry, "choices must list at least one non-empty choice"));
            }
            if let Some(dup) = choices.iter().enumerate().find(|(i, c)| choices[..*i].contains(c)) {
                return Err(e.at(Some(span), entry, format!("choice \"{}\" is listed twice", dup.1)));
            }
            ValueKind::Choice(choices)
        }
    };
    if !scored {
        let given = [
            raw.weight.as_ref().map(|w| ("weight", w.span())),
            raw.linear.as_ref().map(|x| ("linear", x.span())),
            raw.bands.as_ref().map(|x| ("bands", x.span())),
            raw.lookup.as_ref().map(|x| ("lookup", x.span())),
        ];
        if let Some((key, span)) = given.into_iter().flatten().next() {
            return Err(e.at(
                Some(span),
                entry,
                format!("`{key}` gives points, but this model grades by rules; remove it"),
            ));
        }
        return Ok(Indicator { code, name_zh, name_en, unit, kind, weight: 0.0, points: Points::None });
    }
    let weight = match raw.weight {
        None => return Err(e.at(Some(at), entry, "weight is missing (a score model needs one per indicator)")),
        Some(w) if w.get_ref().is_finite() && *w.get_ref() > 0.0 => *w.get_ref(),
        Some(w) => return Err(e.at(Some(w.span()), entry, format!("weight must be more than 0, not {}", w.get_ref()))),
    };
    let points = points(e, entry, at, &kind, raw.linear, raw.bands, raw.lookup)?;
    Ok(Indicator { code, name_zh, name_en, unit, kind, weight, points })
}

/// The indicator's way to points: exactly one of `linear` or `bands` for a number, `lookup`
/// for a choice.
fn points(
    e: &Errors,
    entry: Option<&str>,
    at: Range<usize>,
    kind: &ValueKind,
    linear: Option<Spanned<RawLinear>>,
    bands: Option<Spanned<Vec<RawPointBand>>>,
    lookup: Option<Spanned<BTreeMap<String, f64>>>,
) -> Result<Points, GradingError> {
    let choices = match kind {
        ValueKind::Choice(c) => c,
        ValueKind::Number => {
            if let Some(l) = &lookup {
                return Err(e.at(Some(l.span()), entry, "lookup is for choice indicators: list the `choices` too"));
            }
            return match (linear, bands) {
                (Some(l), None) => {
                    let span = l.span();
                    let RawLinear { lo, hi } = l.into_inner();
                    if !lo.is_finite() || !hi.is_finite() || lo == hi {
                        return Err(e.at(
                            Some(span),
                            entry,
                            format!(
                                "linear needs two different bounds (lo {lo}, hi {hi}); use lo > hi when lower is better"
                            ),
                        ));
                    }
                    Ok(Points::Linear { lo, hi })
                }
                (None, Some(b)) => point_bands(e, entry, b),
                (Some(l), Some(_)) => Err(e.at(Some(l.span()), entry, "give either linear or bands, not both")),
                (None, None) => Err(e.at(Some(at), entry, "say how a value earns points: linear or bands")),
            };
        }
    };
    if let Some(x) = linear.as_ref().map(Spanned::span).or(bands.as_ref().map(Spanned::span)) {
        return Err(e.at(Some(x), entry, "a choice indicator earns points by lookup, not linear or bands"));
    }
    let Some(lookup) = lookup else {
        return Err(e.at(
            Some(at),
            entry,
            "a choice indicator needs a lookup: points (percent of the weight) per choice",
        ));
    };
    let span = lookup.span();
    let lookup = lookup.into_inner();
    if lookup.is_empty() {
        return Err(e.at(Some(span), entry, "lookup is empty: give points for every choice"));
    }
    if let Some(stray) = lookup.keys().find(|k| !choices.contains(k)) {
        return Err(e.at(Some(span), entry, format!("lookup names \"{stray}\", which is not one of the choices")));
    }
    let mut percents = Vec::with_capacity(choices.len());
    for c in choices {
        match lookup.get(c) {
            None => return Err(e.at(Some(span.clone()), entry, format!("lookup has no points for choice \"{c}\""))),
            Some(p) if (0.0..=100.0).contains(p) => percents.push(*p),
            Some(p) => {
                return Err(e.at(
                    Some(span.clone()),
                    entry,
                    format!("lookup: points for \"{c}\" must be 0 to 100 (percent of the weight), not {p}"),
                ));
            }
        }
    }
    Ok(Points::Lookup(percents))
}

fn point_bands(e: &Errors, entry: Option<&str>, raw: Spanned<Vec<RawPointBand>>) -> Result<Points, GradingError> {
    let span = raw.span();
    let raw = raw.into_inner();
    if raw.is_empty() {
        return Err(e.at(Some(span), entry, "bands is empty"));
    }
    let mut out: Vec<PointBand> = Vec::with_capacity(raw.len());
    for (i, b) in raw.into_iter().enumerate() {
        let (from, percent) = (*b.from.get_ref(), *b.points.get_ref());
        if !from.is_finite() {
            return Err(e.at(Some(b.from.span()), entry, format!("bands: band {} needs a number `from`", i + 1)));
        }
        if let Some(prev) = out.last().filter(|p| from <= p.from) {
            return Err(e.at(
                Some(b.from.span()),
                entry,
                format!("bands must ascend: band {} starts at {from}, not above {}", i + 1, prev.from),
            ));
        }
        if !(0.0..=100.0).contains(&percent) {
            return Err(e.at(
                Some(b.points.span()),
                entry,
                format!("bands: points must be 0 to 100 (percent of the weight), not {percent}"),
            ));
        }
        out.push(PointBand { from, percent });
    }
    Ok(Points::Bands(out))
}

/// The entry a byte offset falls in, for TOML errors that only give a place: the table header
/// above it (`[[indicator]]` with its code, `[[rule]]` by number, `[score]`).
fn entry_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let (mut entry, mut rules, mut indicators, mut header_at) = (None, 0, 0, 0);
    let mut pos = 0;
    for line in before.split_inclusive('\n') {
        let header = line.split('#').next().unwrap_or("").trim();
        match header {
            "[[indicator]]" => {
                indicators += 1;
                entry = Some(format!("indicator {indicators}"));
                header_at = pos;
            }
            "[[rule]]" => {
                rules += 1;
                entry = Some(format!("rule {rules}"));
            }
            "[score]" => entry = Some("score".to_string()),
            h if h.starts_with('[') && h.ends_with(']') && !h.contains(['{', '=']) => entry = None,
            _ => {}
        }
        pos += line.len();
    }
    // Name an indicator by its code when the code is written in the table.
    if entry.as_deref().is_some_and(|x| x.starts_with("indicator")) {
        let table =
            text.get(header_at..).unwrap_or("").lines().skip(1).take_while(|l| !l.trim_start().starts_with('['));
        for line in table {
            if let Some(v) = line.trim().strip_prefix("code").map(str::trim).and_then(|v| v.strip_prefix('=')) {
                let code = v.trim().trim_matches('"');
                if valid_code(code) {
                    return Some(format!("indicator \"{code}\""));
                }
            }
        }
    }
    entry
}
