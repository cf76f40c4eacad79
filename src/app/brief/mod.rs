//! The visit brief: everything a salesperson reads in the car park before walking in, read
//! from the book in one go for one customer. `outline` lays it out as titled sections in
//! either language, the one layout both faces show (the screen, `tierdesk brief`).

use chrono::NaiveDate;

use crate::app::AppError;
use crate::app::suitability::CustomerSuitability;
use crate::app::terms::CustomerTerms;
use crate::config::ReviewConfig;
use crate::domain::customer::{Customer, CustomerId};
use crate::domain::due::AssessmentRule;
use crate::domain::grading::{CustomerValues, Grade, GradingModel, Method, ScoreTiers};
use crate::domain::history::{Contact, FollowUp, TierChange};
use crate::domain::questionnaire::Assessment;
use crate::domain::temperament::{Temperament, Temperaments};
use crate::domain::terms::LateRule;
use crate::store::{Book, Result};

pub mod outline;

/// How many contacts the brief shows, newest first.
pub const BRIEF_CONTACTS: usize = 5;

/// One customer's brief, as of `today`.
#[derive(Debug, Clone)]
pub struct Brief {
    pub today: NaiveDate,
    pub customer: Customer,
    pub why_tier: WhyTier,
    /// The last few contacts, newest first.
    pub contacts: Vec<Contact>,
    /// Open follow-ups, earliest due first.
    pub follow_ups: Vec<FollowUp>,
    pub risk: Option<Risk>,
    /// The risk levels and the products that suit the customer today.
    pub suitability: CustomerSuitability,
    /// The terms the tier earns, the payment terms in force and any drop (None: the
    /// scheme has no terms).
    pub terms: Option<CustomerTerms>,
    /// The customer's temperament: its key and, when the list knows it, the entry.
    pub temperament: Option<(String, Option<Temperament>)>,
}

/// Why the customer is in their tier: what the grading model says of their indicator
/// values (when a model grades one customer on their own), and the last recorded change.
#[derive(Debug, Clone, Default)]
pub struct WhyTier {
    pub grade: Option<(GradingModel, Grade)>,
    pub last_change: Option<TierChange>,
}

/// The latest risk assessment and the day it expires (from then on it no longer counts).
#[derive(Debug, Clone)]
pub struct Risk {
    pub latest: Assessment,
    pub expires: NaiveDate,
}

impl Risk {
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires <= today
    }
}

/// What the brief needs from the configuration.
#[derive(Debug, Clone)]
pub struct BriefSettings {
    /// When an assessment expires.
    pub assessments: AssessmentRule,
    /// The config's `[review]`: which grading model explains the tier.
    pub review: Option<ReviewConfig>,
    /// The config's `[terms]`: how late payments move the payment terms.
    pub late_rule: LateRule,
    /// The temperament list (the config folder's, else the shipped one).
    pub temperaments: Temperaments,
}

/// Read `id`'s brief; None when the book has no such customer (or it is not visible).
pub fn gather(
    store: &dyn Book,
    id: CustomerId,
    today: NaiveDate,
    settings: &BriefSettings,
) -> Result<Option<Brief>, AppError> {
    let Some(customer) = store.customer(id)? else {
        return Ok(None);
    };
    let scheme = store.require_scheme()?.clone();
    let rule = settings.assessments;
    let risk = store.latest_assessment(id)?.map(|a| Risk { expires: rule.expires_on(a.taken_on), latest: a });
    let mut follow_ups: Vec<FollowUp> = store.follow_ups_of(id)?.into_iter().filter(|f| f.done_at.is_none()).collect();
    follow_ups.sort_by_key(|f| (f.due_on, f.id.0));
    let why_tier = WhyTier {
        grade: grade_of(store, &scheme, id, settings.review.as_ref())?,
        last_change: store.tier_history(id)?.into_iter().max_by_key(|c| c.at),
    };
    let terms = crate::app::terms::for_customer(store, &customer, today, settings.late_rule)?;
    let temperament =
        customer.fields.temperament.as_deref().map(|key| (key.to_string(), settings.temperaments.get(key).cloned()));
    Ok(Some(Brief {
        terms,
        temperament,
        suitability: crate::app::suitability::for_customer(store, id, today)?,
        today,
        contacts: store.contacts_of(id, BRIEF_CONTACTS)?,
        customer,
        why_tier,
        follow_ups,
        risk,
    }))
}

/// The grading model's view of one customer, when the book's model can grade a customer
/// alone: a quota model ranks customers against each other, so one grade says nothing, and
/// a customer without indicator values has no grade to explain.
fn grade_of(
    store: &dyn Book,
    scheme: &crate::domain::tier::TierScheme,
    id: CustomerId,
    review: Option<&ReviewConfig>,
) -> Result<Option<(GradingModel, Grade)>> {
    let Ok(model) = crate::app::review::choose_model(scheme, None, review) else {
        return Ok(None);
    };
    if matches!(&model.method, Method::Score(s) if matches!(s.tiers, ScoreTiers::Quotas(_))) {
        return Ok(None);
    }
    let latest = store.latest_indicators(id)?;
    if latest.is_empty() {
        return Ok(None);
    }
    let values = model
        .indicators
        .iter()
        .map(|ind| latest.iter().find(|(code, _)| *code == ind.code).map(|(_, m)| m.clone()))
        .collect();
    let grade = model.grade_all(&[CustomerValues { customer: id, values }]).into_iter().next();
    Ok(grade.filter(|g| g.tier.is_some()).map(|g| (model, g)))
}
