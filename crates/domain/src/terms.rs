//! Terms by tier: what a customer of each tier is granted (a price adjustment, payment terms,
//! an order lead time, how often the terms are reviewed). Parsed from TOML text handed in by
//! the caller (the files live in `data/terms/<scheme>.toml`); nothing here reads a file.
//!
//! Payment terms are an ordered list of levels, best first; each tier names its level. Late
//! payments move a customer down that list and clean quarters move them back up
//! (`payment::effective_payment`).

mod payment;
#[cfg(test)]
mod tests;

pub use payment::{DropReason, EffectivePayment, LateRule, Quarter, effective_payment};

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;
use crate::source::SourceError;
use crate::tier::{Cadence, CadenceUnit, TierScheme, line_of};

/// A late payment as the book keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatePayment {
    pub id: i64,
    pub customer: crate::customer::CustomerId,
    /// The day the payment was late (the day it was found late, or fell due unpaid).
    pub on: chrono::NaiveDate,
    pub note: String,
    pub recorded_by: String,
}

/// What a tier's price adjustment applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceBasis {
    /// The list price (goods).
    List,
    /// The standard commission rate (brokerage).
    Commission,
}

/// One level of payment terms, e.g. "cash on delivery or within 30 days".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLevel {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl PaymentLevel {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// What one tier is granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierTerms {
    pub tier: String,
    /// Percent of the basis: negative is "up to N% off", 0 the price itself, positive a surcharge.
    pub price_pct: i32,
    /// The tier's payment level, an index into `Terms::levels` (0 = best).
    pub payment: usize,
    /// The order lead time promised, in days (None: none promised).
    pub lead_time_days: Option<u32>,
    /// How often the tier's terms are reviewed.
    pub review: Cadence,
}

/// A scheme's terms: None for a scheme that grants none (sales leads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub scheme: String,
    pub price_basis: PriceBasis,
    /// Payment levels, best first.
    pub levels: Vec<PaymentLevel>,
    pub tiers: Vec<TierTerms>,
}

/// A terms file as read: terms, or the file's word that the scheme has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermsFile {
    Terms(Terms),
    None { scheme: String },
}

impl TermsFile {
    pub fn scheme(&self) -> &str {
        match self {
            TermsFile::Terms(t) => &t.scheme,
            TermsFile::None { scheme } => scheme,
        }
    }

    pub fn terms(&self) -> Option<&Terms> {
        match self {
            TermsFile::Terms(t) => Some(t),
            TermsFile::None { .. } => None,
        }
    }
}

impl Terms {
    /// The terms of a tier (codes match case-insensitively).
    pub fn tier(&self, code: &str) -> Option<&TierTerms> {
        self.tiers.iter().find(|t| t.tier.eq_ignore_ascii_case(code.trim()))
    }

    /// The worst payment level's index.
    pub fn worst(&self) -> usize {
        self.levels.len().saturating_sub(1)
    }
}

impl TermsFile {
    /// Parse and check a terms file against the scheme it is for: the scheme's id, every tier
    /// covered exactly once, every payment level named exists, no unknown field. `file`
    /// names the source in errors, with the line where it can.
    pub fn parse(file: &str, text: &str, scheme: &TierScheme) -> Result<Self, SourceError> {
        let at = |span: Option<std::ops::Range<usize>>, problem: String| {
            SourceError::at(file, span.map(|s| line_of(text, s.start)), problem)
        };
        let raw: RawTerms = toml::from_str(text).map_err(|e| at(e.span(), e.message().trim().to_string()))?;
        let id = raw.scheme.get_ref().trim().to_string();
        if id != scheme.id {
            return Err(at(
                Some(raw.scheme.span()),
                format!("these terms are for the scheme \"{id}\", not \"{}\"", scheme.id),
            ));
        }
        if raw.none.as_ref().is_some_and(|n| *n.get_ref()) {
            if let Some(t) = raw.tier.first() {
                return Err(at(Some(t.code.span()), "a file that says `none = true` lists no tiers".into()));
            }
            if let Some(p) = raw.payment.first() {
                return Err(at(Some(p.code.span()), "a file that says `none = true` lists no payment terms".into()));
            }
            return Ok(TermsFile::None { scheme: id });
        }
        let price_basis = match raw.price_basis.as_ref().map(|b| (b.get_ref().as_str(), b.span())) {
            None | Some(("list", _)) => PriceBasis::List,
            Some(("commission", _)) => PriceBasis::Commission,
            Some((other, span)) => {
                return Err(at(Some(span), format!("price_basis must be \"list\" or \"commission\", not \"{other}\"")));
            }
        };
        let mut levels: Vec<PaymentLevel> = Vec::new();
        for p in &raw.payment {
            let code = p.code.get_ref().trim().to_string();
            if code.is_empty() || code.contains(char::is_whitespace) {
                return Err(at(Some(p.code.span()), format!("payment code \"{code}\" must be one word")));
            }
            if levels.iter().any(|l| l.code == code) {
                return Err(at(Some(p.code.span()), format!("duplicate payment code \"{code}\"")));
            }
            if p.zh.trim().is_empty() || p.en.trim().is_empty() {
                return Err(at(Some(p.code.span()), format!("payment \"{code}\" needs both a zh and an en text")));
            }
            levels.push(PaymentLevel { code, zh: p.zh.trim().to_string(), en: p.en.trim().to_string() });
        }
        if levels.is_empty() {
            return Err(at(
                None,
                "no payment terms ([[payment]] tables); say `none = true` for a scheme without terms".into(),
            ));
        }
        let mut tiers: Vec<TierTerms> = Vec::new();
        for t in &raw.tier {
            tiers.push(tier_terms(t, scheme, &levels, &tiers, &at)?);
        }
        if let Some(missing) = scheme.tiers.iter().find(|s| !tiers.iter().any(|t| t.tier == s.code)) {
            return Err(at(
                None,
                format!(
                    "tier \"{}\" of the scheme has no terms ([[tier]] with code = \"{}\")",
                    missing.code, missing.code
                ),
            ));
        }
        // In the scheme's order, best tier first.
        tiers.sort_by_key(|t| scheme.rank(&t.tier));
        Ok(TermsFile::Terms(Terms { scheme: id, price_basis, levels, tiers }))
    }
}

type At<'a> = dyn Fn(Option<std::ops::Range<usize>>, String) -> SourceError + 'a;

/// One `[[tier]]` table, checked.
fn tier_terms(
    t: &RawTier,
    scheme: &TierScheme,
    levels: &[PaymentLevel],
    done: &[TierTerms],
    at: &At,
) -> Result<TierTerms, SourceError> {
    let span = Some(t.code.span());
    let Some(tier) = scheme.tier(t.code.get_ref()) else {
        return Err(at(
            span,
            format!("no tier \"{}\" in the scheme (its tiers: {})", t.code.get_ref().trim(), scheme.codes().join(", ")),
        ));
    };
    let code = tier.code.clone();
    if done.iter().any(|d| d.tier == code) {
        return Err(at(span, format!("tier \"{code}\" has terms twice")));
    }
    let price_pct = *t.price_pct.get_ref();
    if !(-100..=100).contains(&price_pct) {
        return Err(at(
            Some(t.price_pct.span()),
            format!("tier \"{code}\": price_pct must be between -100 and 100, not {price_pct}"),
        ));
    }
    let payment = levels.iter().position(|l| l.code == t.payment.get_ref().trim()).ok_or_else(|| {
        let known: Vec<&str> = levels.iter().map(|l| l.code.as_str()).collect();
        at(
            Some(t.payment.span()),
            format!(
                "tier \"{code}\": no payment terms \"{}\" (known: {})",
                t.payment.get_ref().trim(),
                known.join(", ")
            ),
        )
    })?;
    let lead_time_days = match &t.lead_time_days {
        None => None,
        Some(d) if (1..=3650).contains(d.get_ref()) => Some(*d.get_ref() as u32),
        Some(d) => {
            return Err(at(
                Some(d.span()),
                format!("tier \"{code}\": lead_time_days must be between 1 and 3650, not {}", d.get_ref()),
            ));
        }
    };
    let unit = CadenceUnit::parse(t.review.unit.get_ref()).ok_or_else(|| {
        at(
            Some(t.review.unit.span()),
            format!(
                "tier \"{code}\": unknown review unit \"{}\" (use day, week, month or year)",
                t.review.unit.get_ref()
            ),
        )
    })?;
    let every = *t.review.every.get_ref();
    if !(1..=1000).contains(&every) {
        return Err(at(
            Some(t.review.every.span()),
            format!("tier \"{code}\": review interval must be between 1 and 1000, not {every}"),
        ));
    }
    Ok(TierTerms {
        tier: code,
        price_pct: price_pct as i32,
        payment,
        lead_time_days,
        review: Cadence { every: every as u32, unit },
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    scheme: Spanned<String>,
    none: Option<Spanned<bool>>,
    price_basis: Option<Spanned<String>>,
    #[serde(default)]
    payment: Vec<RawPayment>,
    #[serde(default)]
    tier: Vec<RawTier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPayment {
    code: Spanned<String>,
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    code: Spanned<String>,
    price_pct: Spanned<i64>,
    payment: Spanned<String>,
    lead_time_days: Option<Spanned<i64>>,
    review: RawReview,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    every: Spanned<i64>,
    unit: Spanned<String>,
}
