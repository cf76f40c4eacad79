//! Terms by tier for one customer: what their tier earns (the shipped terms of the book's
//! scheme, `data::terms`) and the payment terms in force after their late payments
//! (`domain::terms::effective_payment`, by the config's `[terms]` rule). Both faces and the
//! brief call `for_customer`; recording a late payment says how the terms moved.

use chrono::NaiveDate;

use super::AppError;
use crate::domain::customer::Customer;
use crate::domain::terms::{EffectivePayment, LateRule, PaymentLevel, PriceBasis, effective_payment};
use crate::domain::tier::Cadence;
use crate::store::StoreError;
use crate::store::prelude::*;

/// A customer's terms, as the customer view, `customer show` and the brief show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerTerms {
    pub tier: String,
    pub price_basis: PriceBasis,
    /// Negative: up to N% off; 0: the basis itself; positive: a surcharge.
    pub price_pct: i32,
    /// The payment terms in force today.
    pub payment: PaymentLevel,
    /// The tier's own payment terms.
    pub base_payment: PaymentLevel,
    pub lead_time_days: Option<u32>,
    pub review: Cadence,
    /// The levels, the drop's reason, a drop starting tomorrow, the day one level comes back.
    pub effective: EffectivePayment,
    /// The customer's late payments, oldest first.
    pub late_payments: Vec<NaiveDate>,
}

impl CustomerTerms {
    /// Whether the payment terms in force are below the tier's own.
    pub fn dropped(&self) -> bool {
        self.effective.in_force > self.effective.base
    }
}

/// The terms of `customer` on `today` by the late-payment `rule` (the config's
/// `late_rule()`); None when the book's scheme has no terms (sales leads, or a scheme file
/// of one's own that tierdesk ships no terms for) or the customer's tier has none.
pub fn for_customer(
    book: &dyn Book,
    customer: &Customer,
    today: NaiveDate,
    rule: LateRule,
) -> Result<Option<CustomerTerms>, StoreError> {
    let Some(scheme) = book.scheme() else { return Ok(None) };
    let Some(terms) = crate::data::terms(&scheme.id) else { return Ok(None) };
    let Some(tier) = terms.tier(&customer.fields.tier) else { return Ok(None) };
    let late: Vec<NaiveDate> = book.late_payments(customer.id)?.into_iter().map(|l| l.on).collect();
    let effective = effective_payment(tier.payment, terms.worst(), &late, today, rule);
    let level = |i: usize| terms.levels.get(i).or(terms.levels.last()).cloned();
    let (Some(payment), Some(base_payment)) = (level(effective.in_force), level(effective.base)) else {
        return Ok(None);
    };
    Ok(Some(CustomerTerms {
        tier: tier.tier.clone(),
        price_basis: terms.price_basis,
        price_pct: tier.price_pct,
        payment,
        base_payment,
        lead_time_days: tier.lead_time_days,
        review: tier.review,
        effective,
        late_payments: late,
    }))
}

/// What recording a late payment did to the customer's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub id: i64,
    pub before: Option<CustomerTerms>,
    pub after: Option<CustomerTerms>,
}

impl Recorded {
    /// The terms dropped a level with this late payment (today or from tomorrow on).
    pub fn dropped(&self) -> bool {
        let level = |t: &Option<CustomerTerms>| t.as_ref().map(|t| t.effective.in_force);
        level(&self.after) > level(&self.before)
            || self.after.as_ref().is_some_and(|t| t.effective.pending.is_some())
                && self.before.as_ref().is_none_or(|t| t.effective.pending.is_none())
    }
}

/// Record that `customer` paid late on `on` (not after `today`: the faces check), and the
/// terms before and after.
pub fn record_late(
    book: &mut dyn Book,
    customer: &Customer,
    on: NaiveDate,
    note: &str,
    today: NaiveDate,
    rule: LateRule,
) -> Result<Recorded, AppError> {
    let before = for_customer(&*book, customer, today, rule)?;
    let id = book.record_late_payment(customer.id, on, note)?;
    let after = for_customer(&*book, customer, today, rule)?;
    Ok(Recorded { id, before, after })
}
