//! Each demo person's open promises and risk assessments, as their shape says: the person
//! signed in has a handful of follow-ups due today (one or two late) and a few assessments
//! just expired; the diligent colleague none late, the one behind many.

use chrono::NaiveDate;

use super::shape::{Shape, contact_for_due, shifted};
use super::words::{Rng, section_lines};
use super::{DemoAssessment, DemoBook, DemoFollowUp};
use crate::domain::tier::Cadence;

/// The `k`-th of `total` spread evenly over `len` places (distinct while total <= len).
fn spread(k: usize, total: usize, len: usize) -> usize {
    (k * len + len / 2) / total.max(1)
}

/// Open follow-ups on the customers `held` (indices into the book) by one person.
pub(super) fn follow_ups(
    book: &mut DemoBook,
    notes: &str,
    held: &[usize],
    shape: Shape,
    today: NaiveDate,
    rng: &mut Rng,
) {
    let promises = section_lines(notes, "follow-ups");
    let (late, due_today, ahead) = shape.follow_ups();
    // A promise comes from a recent talk: made to customers contacted in the last five
    // weeks (all of them, in a book too small to have enough).
    let recent: Vec<usize> = held
        .iter()
        .copied()
        .filter(|c| book.contacts.iter().any(|x| x.customer == *c && x.on >= shifted(today, -35)))
        .collect();
    let held = if recent.len() >= late + due_today + ahead { &recent[..] } else { held };
    let total = (late + due_today + ahead).min(held.len());
    for f in 0..total {
        let offset = if f < late {
            let by = if shape == Shape::Behind { 20 } else { 4 };
            -(1 + rng.below(by) as i64)
        } else if f < late + due_today {
            0
        } else {
            1 + rng.below(14) as i64
        };
        let customer = held[spread(f, total, held.len())];
        book.follow_ups.push(DemoFollowUp {
            customer,
            what: rng.pick(&promises).to_string(),
            due: shifted(today, offset),
        });
    }
}

/// Two customers in three of those `held` have taken the risk questionnaire; as many as
/// the shape says did so long enough ago that it has expired, the rest within its term.
pub(super) fn assessments(book: &mut DemoBook, held: &[usize], shape: Shape, today: NaiveDate, rng: &mut Rng) {
    let months = crate::data::shipped_questionnaire("risk_tolerance").map_or(24, |q| q.reassess_after_months);
    let term = Cadence::months(months);
    let assessed: Vec<usize> = held.iter().enumerate().filter(|(p, _)| p % 3 != 2).map(|(_, c)| *c).collect();
    let expired = shape.expired_assessments(assessed.len());
    let expired_at: Vec<usize> = (0..expired).map(|e| spread(e, expired, assessed.len())).collect();
    for (a, customer) in assessed.iter().enumerate() {
        let on = match expired_at.iter().position(|p| *p == a) {
            Some(e) => {
                // Expired a few days to a few weeks ago (the one behind: up to months).
                let ago = match shape {
                    Shape::Behind => rng.below(150) as i64,
                    _ => 11 * e as i64 + rng.below(4) as i64,
                };
                contact_for_due(shifted(today, -ago), term)
            }
            // Within its term: it expires a month ahead at the earliest.
            None => shifted(today, -(14 + rng.below((i64::from(months) * 28 - 44).max(1) as usize) as i64)),
        };
        // Nobody answers a questionnaire before they are a customer.
        let created = &mut book.customers[*customer].created_on;
        if on < *created {
            *created = shifted(on, -30);
        }
        book.assessments.push(DemoAssessment { customer: *customer, on });
    }
}
