//! What the visit brief (issue 14) reads that the rest of the demo does not make: most
//! customers' temperaments, a few late payments in the current and the last calendar
//! quarter, and the recommendations of products the signed-in person has made.
//!
//! Drawn from a generator of their own, so the rest of the book is the same with or without
//! them. Late payments and recommendations go to customers with a risk assessment still in
//! force, below the scheme's lowest tier (whose payment terms cannot drop), so that one
//! customer's brief shows every part. Products are chosen when the book is written, by the
//! app's own suitability judgement: the demo only says which recommendations are to suit.

use chrono::{Datelike, NaiveDate};

use super::shape::shifted;
use super::words::{Rng, section_lines};
use super::{DemoBook, DemoSources};
use crate::domain::due::AssessmentRule;
use crate::domain::terms::Quarter;
use crate::domain::tier::TierScheme;

/// A late payment: `customer` indexes `DemoBook::customers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLatePayment {
    pub customer: usize,
    pub on: NaiveDate,
    pub note: String,
}

/// A past contact recommending a product: one that suits the customer, or, when
/// `confirmation` is given, one above their risk category that they confirmed in writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRecommendation {
    pub customer: usize,
    pub on: NaiveDate,
    pub summary: String,
    pub confirmation: Option<String>,
}

/// Recommendations of the signed-in person that suit, then those that do not.
const SUITING: usize = 5;
const MISMATCHED: usize = 1;

/// Add the brief's parts to `book`, built for `today` by the `owners` (the first signed in).
pub(super) fn add(book: &mut DemoBook, src: &DemoSources, owners: &[&str], scheme: &TierScheme, today: NaiveDate) {
    let mut rng = Rng(0xB1EF_CA5E ^ (today.num_days_from_ce() as u64).wrapping_mul(0x2000_0003));
    let chosen: Vec<Vec<usize>> = owners.iter().map(|o| candidates(book, o, scheme, today, &mut rng)).collect();
    let notes = section_lines(src.notes, "late-payments");
    let pick = |c: usize, on: NaiveDate, rng: &mut Rng| DemoLatePayment {
        customer: c,
        on,
        note: rng.pick(&notes).to_string(),
    };
    let mut late = Vec::new();
    for (o, shape) in
        [(0, Late::DropLastQuarter), (0, Late::DropThisQuarter), (0, Late::One), (0, Late::OneLastQuarter)]
            .into_iter()
            .chain([(2, Late::DropLastQuarter), (3, Late::One)])
    {
        let taken = chosen.get(o).map_or(0, |cs| late_count(&late, cs));
        if let Some(c) = chosen.get(o).and_then(|cs| cs.get(taken)) {
            late.extend(late_dates(shape, today, &mut rng).into_iter().map(|on| pick(*c, on, &mut rng)));
        }
    }
    late.sort_by_key(|l| (l.on, l.customer));
    book.late_payments = late;
    book.recommendations = recommendations(book, src.notes, chosen.first().map_or(&[][..], |c| &c[..]), &mut rng);
    temperaments(book, src.temperaments, &mut rng);
}

/// The `owner`'s customers with an assessment in force, a contact since it, and a payment
/// level that can drop, in an order drawn for the day.
fn candidates(book: &DemoBook, owner: &str, scheme: &TierScheme, today: NaiveDate, rng: &mut Rng) -> Vec<usize> {
    let months = crate::data::shipped_questionnaire("risk_tolerance").map_or(24, |q| q.reassess_after_months);
    let rule = AssessmentRule { months, required: false };
    let lowest = scheme.tiers.last().map(|t| t.code.as_str());
    let mut out: Vec<usize> = book
        .assessments
        .iter()
        .filter(|a| !rule.is_expired(a.on, today))
        .filter(|a| recommendation_window(book, a.customer).is_some())
        .map(|a| a.customer)
        .filter(|c| book.customers[*c].owner == owner && Some(book.customers[*c].tier.as_str()) != lowest)
        .collect();
    out.sort_unstable();
    out.dedup();
    // Fisher-Yates: the same day gives the same order.
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    out
}

/// How many different customers of `held` already have late payments.
fn late_count(late: &[DemoLatePayment], held: &[usize]) -> usize {
    held.iter().filter(|c| late.iter().any(|l| l.customer == **c)).count()
}

/// The days between a customer's latest assessment and their latest contact (both left
/// out), when there are any.
fn recommendation_window(book: &DemoBook, customer: usize) -> Option<(NaiveDate, NaiveDate)> {
    let assessed = book.assessments.iter().filter(|a| a.customer == customer).map(|a| a.on).max()?;
    let latest = book.contacts.iter().filter(|c| c.customer == customer).map(|c| c.on).max()?;
    let (from, to) = (assessed.succ_opt()?, latest.pred_opt()?);
    (from <= to).then_some((from, to))
}

/// A customer's late payments as the brief should show them.
#[derive(Debug, Clone, Copy)]
enum Late {
    /// Two in the last quarter (and one this quarter when a day of it has passed): the
    /// payment terms are a level down today.
    DropLastQuarter,
    /// Two this quarter before today (two in the last quarter early in a quarter): down today.
    DropThisQuarter,
    /// One this quarter before today (last quarter on its first day): no drop.
    One,
    /// One in the last quarter: no drop.
    OneLastQuarter,
}

/// The days of a customer's late payments, all before today.
fn late_dates(shape: Late, today: NaiveDate, rng: &mut Rng) -> Vec<NaiveDate> {
    let this = Quarter::of(today).start().unwrap_or(today);
    let last = this.pred_opt().map(Quarter::of).and_then(Quarter::start).unwrap_or(this);
    // Days of this quarter before today; a quarter is at least 90 days long.
    let past = (today - this).num_days().max(0) as usize;
    let at = |from: NaiveDate, days: usize| shifted(from, days as i64);
    let two_last = |rng: &mut Rng| vec![at(last, 8 + rng.below(25)), at(last, 45 + rng.below(30))];
    match shape {
        Late::DropLastQuarter => {
            let mut days = two_last(rng);
            if past >= 1 {
                days.push(at(this, rng.below(past)));
            }
            days
        }
        Late::DropThisQuarter if past >= 3 => {
            let half = past / 2;
            vec![at(this, rng.below(half)), at(this, half + rng.below(past - half))]
        }
        Late::DropThisQuarter => two_last(rng),
        Late::One if past >= 1 => vec![at(this, rng.below(past))],
        Late::One | Late::OneLastQuarter => vec![at(last, 20 + rng.below(50))],
    }
}

/// Recommendations to the first of `held`: `SUITING` that suit, then `MISMATCHED` that do
/// not; each between the customer's assessment and their latest contact, mostly lately.
fn recommendations(book: &DemoBook, notes: &str, held: &[usize], rng: &mut Rng) -> Vec<DemoRecommendation> {
    let summaries = section_lines(notes, "recommendations");
    let confirmations = section_lines(notes, "mismatch-confirmations");
    let mut out = Vec::new();
    for (k, customer) in held.iter().take(SUITING + MISMATCHED).enumerate() {
        let Some((from, to)) = recommendation_window(book, *customer) else { continue };
        let span = (to - from).num_days().max(0) as usize + 1;
        out.push(DemoRecommendation {
            customer: *customer,
            on: shifted(to, -(rng.below(span.min(45)) as i64)),
            summary: rng.pick(&summaries).to_string(),
            confirmation: (k >= SUITING).then(|| rng.pick(&confirmations).to_string()),
        });
    }
    out.sort_by_key(|r| (r.on, r.customer));
    out
}

/// Three customers in four get one of the `keys`, drawn evenly; every customer the brief's
/// other parts were given to has one.
fn temperaments(book: &mut DemoBook, keys: &[&str], rng: &mut Rng) {
    if keys.is_empty() {
        return;
    }
    let featured: Vec<usize> =
        book.late_payments.iter().map(|l| l.customer).chain(book.recommendations.iter().map(|r| r.customer)).collect();
    for (i, c) in book.customers.iter_mut().enumerate() {
        let drawn = rng.below(4) != 0;
        let key = rng.pick(keys);
        if drawn || featured.contains(&i) {
            c.temperament = Some(key.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{KEYS, sources, today};
    use super::super::{generate, owners};
    use super::*;
    use crate::data;
    use crate::domain::terms::{LateRule, effective_payment};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_shipped_temperament_keys_are_the_tests_keys() {
        let shipped: Vec<String> = data::temperaments().iter().map(|t| t.key.clone()).collect();
        assert_eq!(shipped, KEYS);
    }

    #[test]
    fn three_customers_in_four_have_a_temperament_spread_over_all_ten() {
        let book = generate(&sources(), &data::default_scheme(), today(), 320);
        let set: Vec<&str> = book.customers.iter().filter_map(|c| c.temperament.as_deref()).collect();
        assert!((224..=256).contains(&set.len()), "{} of 320", set.len());
        for key in KEYS {
            let n = set.iter().filter(|k| **k == key).count();
            assert!((8..=45).contains(&n), "{key}: {n}");
        }
        let featured =
            book.late_payments.iter().map(|l| l.customer).chain(book.recommendations.iter().map(|r| r.customer));
        for c in featured {
            assert!(book.customers[c].temperament.is_some(), "{}", book.customers[c].name);
        }
    }

    /// The signed-in person has two customers with payment terms a level down today and
    /// one with a single late payment, on any day of a quarter; colleagues have some too.
    #[test]
    fn late_payments_drop_two_of_the_signed_in_persons_customers_today_on_any_day() {
        let scheme = data::default_scheme();
        let terms = data::terms(&scheme.id).unwrap();
        let me = owners(data::demo::PLACES)[0];
        for day in ["2026-11-23", "2027-01-01", "2027-01-02", "2027-01-03", "2027-03-31", "2028-02-29", "2026-10-04"] {
            let today = d(day);
            let book = generate(&sources(), &scheme, today, 320);
            let this_quarter = Quarter::of(today).start().unwrap();
            let last_quarter = Quarter::of(this_quarter.pred_opt().unwrap()).start().unwrap();
            let mut customers: Vec<usize> = book.late_payments.iter().map(|l| l.customer).collect();
            customers.sort_unstable();
            customers.dedup();
            let (mut dropped, mut single, mut mine, mut others) = (0, 0, 0, 0);
            for c in customers {
                let dates: Vec<NaiveDate> =
                    book.late_payments.iter().filter(|l| l.customer == c).map(|l| l.on).collect();
                assert!(dates.iter().all(|on| *on < today && *on >= last_quarter), "{day}: {dates:?}");
                assert!(dates.iter().all(|on| *on > book.customers[c].created_on));
                let tier = terms.tier(&book.customers[c].tier).unwrap();
                let e = effective_payment(tier.payment, terms.worst(), &dates, today, LateRule::default());
                if book.customers[c].owner == me {
                    mine += 1;
                    dropped += usize::from(e.in_force == e.base + 1 && e.pending.is_none());
                    single += usize::from(dates.len() == 1 && e.in_force == e.base);
                } else {
                    others += 1;
                }
            }
            assert_eq!((mine, dropped, single), (4, 2, 2), "{day}");
            assert_eq!(others, 2, "{day}");
        }
    }

    /// The signed-in person's recommendations come after an assessment still in force and
    /// before the customer's latest contact (so Today is as without them).
    #[test]
    fn recommendations_fall_between_an_assessment_in_force_and_the_latest_contact() {
        let me = owners(data::demo::PLACES)[0];
        for day in ["2026-11-23", "2027-01-01", "2028-02-29"] {
            let today = d(day);
            let book = generate(&sources(), &data::default_scheme(), today, 320);
            let recs = &book.recommendations;
            assert_eq!(recs.len(), SUITING + MISMATCHED, "{day}");
            assert_eq!(recs.iter().filter(|r| r.confirmation.is_some()).count(), MISMATCHED);
            for r in recs {
                assert_eq!(book.customers[r.customer].owner, me);
                let assessed =
                    book.assessments.iter().filter(|a| a.customer == r.customer).map(|a| a.on).max().unwrap();
                let latest = book.contacts.iter().filter(|c| c.customer == r.customer).map(|c| c.on).max().unwrap();
                assert!(assessed < r.on && r.on < latest, "{day}: {assessed} {} {latest}", r.on);
                let rule = AssessmentRule { months: 24, required: false };
                assert!(!rule.is_expired(assessed, today), "{day}: assessed {assessed}");
            }
            // Those of the person's customers with late payments have a recommendation too:
            // one brief shows every part.
            let mut late: Vec<usize> =
                book.late_payments.iter().map(|l| l.customer).filter(|c| book.customers[*c].owner == me).collect();
            late.sort_unstable();
            late.dedup();
            assert_eq!(late.len(), 4, "{day}");
            assert!(late.iter().all(|c| recs.iter().any(|r| r.customer == *c)), "{day}");
        }
    }
}
