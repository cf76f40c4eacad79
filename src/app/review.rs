//! A tier review, put together: which grading model and policy apply to the book (the
//! config, else the first shipped model made for the book's scheme), the customers and their
//! latest indicator values from the store, graded and judged by the domain. Shared by the
//! Review screen and `tierdesk review`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::{ReviewConfig, parse_month_day};
use crate::domain::customer::CustomerId;
use crate::domain::grading::GradingModel;
use crate::domain::review::{DowngradeRule, ReviewPolicy, Suggestion, Verdict, review};
use crate::domain::tier::TierScheme;
use crate::store::Result;
use crate::store::prelude::*;

/// Why no grading model can be used for a book, with what would do.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("cannot read the grading model {path}: {source}")]
    Unreadable { path: String, source: std::io::Error },
    /// A model file (one's own or shipped) that does not parse or does not fit the book's
    /// scheme: its file, entry and problem.
    #[error("{0}")]
    Invalid(#[from] crate::domain::grading::GradingError),
    #[error("no grading model \"{id}\"; the shipped ones are {}", known.join(", "))]
    Unknown { id: String, known: Vec<String> },
    #[error("no shipped grading model is made for the \"{0}\" tier scheme; name one with --model")]
    NoneForScheme(String),
}

/// The grading model for a book: `wanted` (a shipped model's id, or a `.toml` file) if given,
/// else the config's,
/// else the first shipped model made for the book's scheme. The model's tiers must be the
/// book's. The error says what would do.
pub fn choose_model(
    scheme: &TierScheme,
    wanted: Option<&str>,
    config: Option<&ReviewConfig>,
) -> Result<GradingModel, ModelError> {
    let models = crate::data::grading_models();
    let wanted = wanted.or(config.and_then(|c| c.model.as_deref()));
    let model = match wanted {
        // A model file of one's own: refused with the file, the entry and the problem.
        Some(path) if path.ends_with(".toml") => {
            let text = std::fs::read_to_string(path)
                .map_err(|source| ModelError::Unreadable { path: path.to_string(), source })?;
            let model = GradingModel::parse(path, &text)?;
            model.check_scheme(path, scheme)?;
            return Ok(model);
        }
        Some(id) => models.into_iter().find(|m| m.id.eq_ignore_ascii_case(id.trim())).ok_or_else(|| {
            let known: Vec<String> = crate::data::grading_models().into_iter().map(|m| m.id).collect();
            ModelError::Unknown { id: id.to_string(), known }
        })?,
        None => models
            .into_iter()
            .find(|m| m.scheme == scheme.id)
            .ok_or_else(|| ModelError::NoneForScheme(scheme.id.clone()))?,
    };
    model.check_scheme(&format!("data/grading/{}.toml", model.id), scheme)?;
    Ok(model)
}

/// The policy: the rulebooks' (with the model's provisional period), with the config's
/// `[review]` keys on top (they are checked when the config is read).
pub fn policy(model: &GradingModel, config: Option<&ReviewConfig>) -> ReviewPolicy {
    let mut p = ReviewPolicy::for_model(model);
    let Some(c) = config else { return p };
    if let Some(m) = c.provisional_months {
        p.provisional_months = m;
    }
    if c.downgrades.as_deref() == Some("immediate") {
        p.downgrade = DowngradeRule::Immediate;
    } else if let DowngradeRule::AtAnnualReview { month, day, window_days } = p.downgrade {
        let (month, day) = c.annual_review.as_deref().and_then(parse_month_day).unwrap_or((month, day));
        p.downgrade = DowngradeRule::AtAnnualReview { month, day, window_days: c.window_days.unwrap_or(window_days) };
    }
    p
}

/// One review of the whole book.
#[derive(Debug, Clone)]
pub struct ReviewRun {
    pub model: GradingModel,
    pub policy: ReviewPolicy,
    pub today: NaiveDate,
    /// Customers in the book, and how many of them have indicator values to grade.
    pub customers: usize,
    pub graded: usize,
    /// Every customer whose suggested tier differs from the current one.
    pub suggestions: Vec<Suggestion>,
    /// (name, ref) of the customers suggested.
    pub labels: HashMap<CustomerId, (String, Option<String>)>,
}

impl ReviewRun {
    /// The suggestions that may be applied today.
    pub fn applicable(&self) -> impl Iterator<Item = &Suggestion> {
        self.suggestions.iter().filter(|s| s.verdict == Verdict::Apply)
    }

    pub fn name_of(&self, id: CustomerId) -> &str {
        self.labels.get(&id).map(|(n, _)| n.as_str()).unwrap_or("")
    }

    pub fn ref_of(&self, id: CustomerId) -> Option<&str> {
        self.labels.get(&id).and_then(|(_, r)| r.as_deref())
    }

    /// How many suggestions apply now, wait for the annual review, and wait for a provisional
    /// period to end.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for s in &self.suggestions {
            match s.verdict {
                Verdict::Apply => c.0 += 1,
                Verdict::HeldUntil(_) => c.1 += 1,
                Verdict::Provisional { .. } => c.2 += 1,
            }
        }
        c
    }
}

/// Grade every customer with `model` and judge each suggestion by `policy` as of `today`.
pub fn run_review(store: &dyn Book, model: GradingModel, policy: ReviewPolicy, today: NaiveDate) -> Result<ReviewRun> {
    let scheme = store.require_scheme()?.clone();
    let inputs = store.review_inputs(&model)?;
    let grades = model.grade_all(&inputs.values);
    let graded = grades.iter().filter(|g| g.tier.is_some()).count();
    let suggestions = review(&scheme, &policy, &inputs.standings, grades, today);
    let wanted: std::collections::HashSet<CustomerId> = suggestions.iter().map(|s| s.customer).collect();
    let labels = inputs
        .standings
        .iter()
        .zip(inputs.labels)
        .filter(|(s, _)| wanted.contains(&s.customer))
        .map(|(s, l)| (s.customer, l))
        .collect();
    Ok(ReviewRun { model, policy, today, customers: inputs.standings.len(), graded, suggestions, labels })
}
