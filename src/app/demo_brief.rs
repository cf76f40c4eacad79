//! Writing the demo's parts of the visit brief (`demo::brief_parts` planned them): the
//! shipped products as the book's catalogue, the late payments, and the recommendations,
//! each product chosen by the app's own suitability judgement and recorded as `tierdesk log
//! --kind recommendation` records it.

use chrono::NaiveDate;

use super::AppError;
use super::suitability::{RECOMMENDATION, for_customer, recommendation};
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::CustomerId;
use crate::domain::history::NewContact;
use crate::domain::suitability::{Judgement, Product, RiskLevel, Verdict};
use crate::i18n::Lang;
use crate::store::prelude::*;

/// The shipped catalogue (`data/products.toml`) as the book's own products. A book keeps one
/// name per product: the one in the language the demo is built in.
pub(super) fn add_products(store: &mut dyn Book, lang: Lang) -> Result<(), AppError> {
    let products: Vec<Product> =
        crate::data::products().products.iter().map(|p| Product::named(&p.code, p.name(lang), p.level)).collect();
    store.upsert_products(&products)?;
    Ok(())
}

/// The planned late payments.
pub(super) fn add_late_payments(
    store: &mut dyn Book,
    ids: &[CustomerId],
    planned: &[crate::demo::DemoLatePayment],
) -> Result<(), AppError> {
    for l in planned {
        if let Some(id) = ids.get(l.customer) {
            store.record_late_payment(*id, l.on, &l.note)?;
        }
    }
    Ok(())
}

/// The planned recommendations: a product that suits the customer today (of the two highest
/// levels that do, varying by customer), or, with the customer's confirmation, the least
/// risky product above their category. A customer for whom there is none gets none.
pub(super) fn add_recommendations(
    store: &mut dyn Book,
    ids: &[CustomerId],
    planned: &[crate::demo::DemoRecommendation],
    today: NaiveDate,
) -> Result<(), AppError> {
    for r in planned {
        let Some(id) = ids.get(r.customer) else { continue };
        let judged = for_customer(&*store, *id, today)?.products;
        let Some(chosen) = choose(&judged, r.confirmation.is_none(), r.customer) else { continue };
        let rec =
            recommendation(RECOMMENDATION, Some(chosen), r.confirmation.as_deref()).map_err(AppError::Suitability)?;
        let contact = NewContact {
            customer: *id,
            kind: RECOMMENDATION.to_string(),
            on: r.on,
            person: String::new(),
            summary: r.summary.clone(),
            outcome: String::new(),
        };
        super::contacts::log_entry(store, &ContactEntry { contact, time: None, follow_up: None, recommendation: rec })?;
    }
    Ok(())
}

/// A product that suits (`suits`) or that is too risky for the customer's category.
fn choose(judged: &[(Product, Judgement)], suits: bool, seed: usize) -> Option<(Product, Judgement)> {
    if suits {
        let fitting: Vec<&(Product, Judgement)> = judged.iter().filter(|(_, j)| j.is_suitable()).collect();
        let mut levels: Vec<RiskLevel> = fitting.iter().map(|(p, _)| p.level).collect();
        levels.sort();
        levels.dedup();
        let floor = *levels.iter().rev().nth(1).or(levels.last())?;
        let near: Vec<&&(Product, Judgement)> = fitting.iter().filter(|(p, _)| p.level >= floor).collect();
        near.get(seed % near.len().max(1)).map(|x| (**x).clone())
    } else {
        judged.iter().filter(|(_, j)| j.verdict == Verdict::Unsuitable).min_by_key(|(p, _)| p.level).cloned()
    }
}
