//! Investor suitability (投资者适当性): since 2017 China's rules put ordinary investors in
//! five categories, C1 (保守型, the lowest capacity for loss) to C5 (激进型), and products in
//! five risk levels, R1 (low) to R5 (high). A category suits the levels up to its own
//! number: R5 only C5, R4 C4–C5, R3 C3–C5, R2 C2–C5, R1 everyone.
//!
//! A customer's category comes from their latest questionnaire (the band it gave, mapped to
//! a category by the questionnaire file). An expired or missing assessment, or a band the
//! file maps to no category, makes every verdict "unknown", never "suitable".

pub mod product;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;

pub use product::{Product, ProductCatalogue};

/// The contact kind that recommends a product (data/contact_kinds.toml's code).
pub const RECOMMENDATION_KIND: &str = "recommendation";

/// An investor category, C1 to C5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InvestorCategory(u8);

/// A product risk level, R1 to R5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RiskLevel(u8);

/// `C3` or `c3` (with `prefix` 'C'), `R3` or `3` when `bare` numbers are accepted.
fn number_of(text: &str, prefix: char, bare: bool) -> Option<u8> {
    let t = text.trim();
    let digits = match t.chars().next() {
        Some(c) if c.eq_ignore_ascii_case(&prefix) => &t[c.len_utf8()..],
        _ if bare => t,
        _ => return None,
    };
    match digits.trim() {
        d @ ("1" | "2" | "3" | "4" | "5") => d.parse().ok(),
        _ => None,
    }
}

impl InvestorCategory {
    pub const ALL: [Self; 5] = [Self(1), Self(2), Self(3), Self(4), Self(5)];

    /// The category numbered `n` (1 to 5).
    pub fn new(n: u8) -> Option<Self> {
        (1..=5).contains(&n).then_some(Self(n))
    }

    /// `C1` to `C5`, any case.
    pub fn parse(text: &str) -> Option<Self> {
        number_of(text, 'C', false).map(Self)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// Whether a product of `level` may be offered to an investor of this category.
    pub fn suits(self, level: RiskLevel) -> bool {
        level.0 <= self.0
    }
}

impl RiskLevel {
    pub const ALL: [Self; 5] = [Self(1), Self(2), Self(3), Self(4), Self(5)];

    /// The level numbered `n` (1 to 5).
    pub fn new(n: u8) -> Option<Self> {
        (1..=5).contains(&n).then_some(Self(n))
    }

    /// `R1` to `R5` (any case) or `1` to `5`, as a spreadsheet may write it.
    pub fn parse(text: &str) -> Option<Self> {
        number_of(text, 'R', true).map(Self)
    }

    pub fn number(self) -> u8 {
        self.0
    }
}

impl fmt::Display for InvestorCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C{}", self.0)
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}", self.0)
    }
}

/// The product risk levels that suit an investor of `category`, lowest first.
pub fn suitable_levels(category: InvestorCategory) -> Vec<RiskLevel> {
    RiskLevel::ALL.into_iter().filter(|l| category.suits(*l)).collect()
}

/// A customer's latest assessment as suitability reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessedCategory {
    /// None when the questionnaire maps the band to no category.
    pub category: Option<InvestorCategory>,
    /// The band the assessment gave ("steady").
    pub band: String,
    pub assessed_on: NaiveDate,
    /// From this day on the assessment has expired.
    pub expires_on: NaiveDate,
}

impl AssessedCategory {
    /// The category, if the assessment is still in force on `today`.
    pub fn in_force(&self, today: NaiveDate) -> Option<InvestorCategory> {
        if self.expires_on <= today { None } else { self.category }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Suitable,
    Unsuitable,
    Unknown,
}

impl Verdict {
    /// "suitable", "unsuitable" or "unknown": what JSON and the audit log say.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Suitable => "suitable",
            Verdict::Unsuitable => "unsuitable",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Why the verdict is what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The level is within the category's.
    Suits,
    /// The level is above the category's.
    TooRisky,
    /// No assessment has been recorded.
    NotAssessed,
    /// The latest assessment expired (on its `expires_on`).
    Expired,
    /// The assessment's band (its code) maps to no investor category.
    NoCategory(String),
}

/// A verdict with everything that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: Reason,
    pub level: RiskLevel,
    /// The category of the latest assessment (even when it has expired).
    pub category: Option<InvestorCategory>,
    pub assessed_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

impl Judgement {
    pub fn is_suitable(&self) -> bool {
        self.verdict == Verdict::Suitable
    }
}

/// Whether a product of `level` suits the customer whose latest assessment is `assessment`
/// on `today`. Missing, expired or without a category: unknown.
pub fn judge(assessment: Option<&AssessedCategory>, today: NaiveDate, level: RiskLevel) -> Judgement {
    let Some(a) = assessment else {
        return Judgement {
            verdict: Verdict::Unknown,
            reason: Reason::NotAssessed,
            level,
            category: None,
            assessed_on: None,
            expires_on: None,
        };
    };
    let (verdict, reason) = match a.category {
        _ if a.expires_on <= today => (Verdict::Unknown, Reason::Expired),
        None => (Verdict::Unknown, Reason::NoCategory(a.band.clone())),
        Some(c) if c.suits(level) => (Verdict::Suitable, Reason::Suits),
        Some(_) => (Verdict::Unsuitable, Reason::TooRisky),
    };
    Judgement {
        verdict,
        reason,
        level,
        category: a.category,
        assessed_on: Some(a.assessed_on),
        expires_on: Some(a.expires_on),
    }
}
