//! Suitability (适当性) as a person meets it: which products a customer may be offered
//! (`tierdesk suit`, the brief), and the one rule for recording a recommendation, shared by
//! `tierdesk log --kind recommendation` and the contact form.
//!
//! The catalogue is the book's products; a book without any offers the shipped
//! `data/products.toml`. A customer's category is the one their latest assessment's band
//! maps to in its questionnaire file, in force until the questionnaire's re-assessment
//! period ends.

use chrono::NaiveDate;

use super::AppError;
use crate::domain::contact_draft::{MAX_TEXT_CHARS, Recommendation};
use crate::domain::customer::CustomerId;
use crate::domain::due::AssessmentRule;
use crate::domain::suitability::{
    AssessedCategory, InvestorCategory, Judgement, Product, ProductCatalogue, Reason, RiskLevel, judge, suitable_levels,
};
use crate::store::prelude::*;

/// The contact kind that names a product.
pub const RECOMMENDATION: &str = crate::domain::suitability::RECOMMENDATION_KIND;

/// Why a recommendation cannot be recorded as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No product of the catalogue has this code.
    UnknownProduct { code: String, known: Vec<String> },
    /// A recommendation names no product.
    NeedsProduct,
    /// A product was named on a contact of another kind.
    ProductOnlyForRecommendation { kind: String },
    /// The product does not suit, or suitability is unknown, and the customer's
    /// confirmation was not given.
    NeedsConfirmation(Box<(Product, Judgement)>),
    /// The confirmation is longer than a short text may be.
    ConfirmationTooLong { max: usize },
}

/// Which products suit a customer, as the brief shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSuitability {
    /// The latest assessment as suitability reads it (None: never assessed).
    pub assessed: Option<AssessedCategory>,
    /// The category in force today (None: unknown, expired or never assessed).
    pub category: Option<InvestorCategory>,
    /// The risk levels that suit the category in force (none when it is unknown).
    pub suitable_levels: Vec<RiskLevel>,
    /// Every product of the catalogue with its verdict, in catalogue order.
    pub products: Vec<(Product, Judgement)>,
}

/// The products a customer may be offered: the book's, or the shipped ones when it has none.
pub fn catalogue(book: &dyn Book) -> Result<ProductCatalogue, AppError> {
    let own = book.products()?;
    if own.is_empty() { Ok(crate::data::products().clone()) } else { Ok(ProductCatalogue { products: own }) }
}

/// A product of the catalogue by code, or a refusal naming the known codes.
pub fn find_product(catalogue: &ProductCatalogue, code: &str) -> Result<Product, AppError> {
    catalogue.find(code).cloned().ok_or_else(|| {
        AppError::Suitability(Refusal::UnknownProduct {
            code: code.trim().to_string(),
            known: catalogue.products.iter().map(|p| p.code.clone()).collect(),
        })
    })
}

/// The customer's latest assessment as suitability reads it: its band's category in the
/// questionnaire it was taken with, and the day it expires.
pub fn assessed(book: &dyn Book, customer: CustomerId) -> Result<Option<AssessedCategory>, AppError> {
    let Some(a) = book.latest_assessment(customer)? else { return Ok(None) };
    let q = crate::data::shipped_questionnaire(&a.questionnaire_id);
    let months = q.map_or(AssessmentRule::default().months, |q| q.reassess_after_months);
    let rule = AssessmentRule { months, required: false };
    Ok(Some(AssessedCategory {
        category: q.and_then(|q| q.band_by_code(&a.category)).and_then(|b| b.category),
        band: a.category,
        assessed_on: a.taken_on,
        expires_on: rule.expires_on(a.taken_on),
    }))
}

/// Whether the product `code` suits the customer on `today`.
pub fn judge_product(
    book: &dyn Book,
    customer: CustomerId,
    code: &str,
    today: NaiveDate,
) -> Result<(Product, Judgement), AppError> {
    let product = find_product(&catalogue(book)?, code)?;
    let j = judge(assessed(book, customer)?.as_ref(), today, product.level);
    Ok((product, j))
}

/// Every product of the catalogue judged for the customer on `today`.
pub fn for_customer(book: &dyn Book, customer: CustomerId, today: NaiveDate) -> Result<CustomerSuitability, AppError> {
    let assessed = assessed(book, customer)?;
    let category = assessed.as_ref().and_then(|a| a.in_force(today));
    let products = catalogue(book)?
        .products
        .into_iter()
        .map(|p| {
            let j = judge(assessed.as_ref(), today, p.level);
            (p, j)
        })
        .collect();
    Ok(CustomerSuitability {
        suitable_levels: category.map(suitable_levels).unwrap_or_default(),
        assessed,
        category,
        products,
    })
}

/// A recommendation names a product and no other kind does (checked before the product is
/// looked up).
pub fn check_kind(kind: &str, has_product: bool) -> Result<(), Refusal> {
    match (kind == RECOMMENDATION, has_product) {
        (true, false) => Err(Refusal::NeedsProduct),
        (false, true) => Err(Refusal::ProductOnlyForRecommendation { kind: kind.to_string() }),
        _ => Ok(()),
    }
}

/// The one rule for a contact's product: a recommendation names a product and no other
/// kind does; a product that does not suit (or whose suitability is unknown) is recorded
/// only with the customer's confirmation, which is kept with what was judged.
pub fn recommendation(
    kind: &str,
    judged: Option<(Product, Judgement)>,
    confirmation: Option<&str>,
) -> Result<Option<Recommendation>, Refusal> {
    check_kind(kind, judged.is_some())?;
    let Some((product, j)) = judged else { return Ok(None) };
    if j.is_suitable() {
        return Ok(Some(Recommendation { product: product.code, acknowledged_mismatch: None }));
    }
    let confirmation = confirmation.map(str::trim).filter(|c| !c.is_empty());
    let Some(confirmation) = confirmation else {
        return Err(Refusal::NeedsConfirmation(Box::new((product, j))));
    };
    if confirmation.chars().count() > MAX_TEXT_CHARS {
        return Err(Refusal::ConfirmationTooLong { max: MAX_TEXT_CHARS });
    }
    Ok(Some(Recommendation {
        acknowledged_mismatch: Some(mismatch_record(&product, &j, confirmation)),
        product: product.code,
    }))
}

/// The rule on the book as it is now: the product `code` judged for the customer on `today`,
/// then `recommendation`. The contact form's save goes through it.
pub fn recommend(
    book: &dyn Book,
    customer: CustomerId,
    kind: &str,
    code: Option<&str>,
    confirmation: Option<&str>,
    today: NaiveDate,
) -> Result<Option<Recommendation>, AppError> {
    check_kind(kind, code.is_some()).map_err(AppError::Suitability)?;
    let judged = match code {
        Some(code) => Some(judge_product(book, customer, code, today)?),
        None => None,
    };
    recommendation(kind, judged, confirmation).map_err(AppError::Suitability)
}

/// What the book (and so the audit log) keeps of a recommendation that did not suit: JSON
/// with the product, its level, the verdict, the category (or "unknown"), why, the
/// assessment's dates and the customer's confirmation.
pub fn mismatch_record(product: &Product, j: &Judgement, confirmation: &str) -> String {
    let reason = match &j.reason {
        Reason::Suits => "suits",
        Reason::TooRisky => "level above category",
        Reason::NotAssessed => "not assessed",
        Reason::Expired => "assessment expired",
        Reason::NoCategory(_) => "band maps to no category",
    };
    serde_json::json!({
        "product": product.code,
        "level": j.level.to_string(),
        "verdict": j.verdict.code(),
        "category": j.category.map_or_else(|| "unknown".to_string(), |c| c.to_string()),
        "reason": reason,
        "assessed_on": j.assessed_on.map(|d| d.to_string()),
        "expires_on": j.expires_on.map(|d| d.to_string()),
        "confirmation": confirmation,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::suitability::{AssessedCategory, Verdict};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn judged(category: Option<u8>, level: u8) -> (Product, Judgement) {
        let p = Product::named("P1", "产品", RiskLevel::new(level).unwrap());
        let a = category.map(|c| AssessedCategory {
            category: InvestorCategory::new(c),
            band: "x".into(),
            assessed_on: d("2026-01-01"),
            expires_on: d("2028-01-01"),
        });
        let j = judge(a.as_ref(), d("2026-06-01"), p.level);
        (p, j)
    }

    #[test]
    fn a_suitable_recommendation_is_recorded_without_a_mismatch() {
        let r = recommendation(RECOMMENDATION, Some(judged(Some(3), 3)), None).unwrap().unwrap();
        assert_eq!((r.product.as_str(), r.acknowledged_mismatch), ("P1", None));
    }

    #[test]
    fn an_unsuitable_or_unknown_one_needs_the_customer_s_confirmation() {
        for (category, verdict) in [(Some(2), Verdict::Unsuitable), (None, Verdict::Unknown)] {
            let e = recommendation(RECOMMENDATION, Some(judged(category, 4)), Some("  ")).unwrap_err();
            assert!(matches!(&e, Refusal::NeedsConfirmation(b) if b.1.verdict == verdict), "{e:?}");
            let r = recommendation(RECOMMENDATION, Some(judged(category, 4)), Some("我已知晓风险")).unwrap().unwrap();
            let m: serde_json::Value = serde_json::from_str(&r.acknowledged_mismatch.unwrap()).unwrap();
            assert_eq!(m["product"], "P1");
            assert_eq!(m["level"], "R4");
            assert_eq!(m["verdict"], verdict.code());
            assert_eq!(m["category"], if category.is_some() { "C2" } else { "unknown" });
            assert_eq!(m["confirmation"], "我已知晓风险");
        }
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let e = recommendation(RECOMMENDATION, Some(judged(Some(1), 2)), Some(&long)).unwrap_err();
        assert_eq!(e, Refusal::ConfirmationTooLong { max: MAX_TEXT_CHARS });
    }

    #[test]
    fn only_a_recommendation_names_a_product_and_it_must() {
        assert_eq!(recommendation(RECOMMENDATION, None, None), Err(Refusal::NeedsProduct));
        assert_eq!(
            recommendation("call", Some(judged(Some(5), 1)), None),
            Err(Refusal::ProductOnlyForRecommendation { kind: "call".into() })
        );
        assert_eq!(recommendation("call", None, Some("ignored")), Ok(None));
    }
}
