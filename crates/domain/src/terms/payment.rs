//! The payment terms in force: a tier grants a level (`TierTerms::payment`); late payments
//! take the customer down the ordered list of levels and clean quarters bring them back.
//!
//! The rule (both numbers configurable, `LateRule`):
//! - `late_to_drop` (default 2) or more late payments in one calendar quarter drop the terms
//!   one level, from the day after the late payment that reached the count; one drop per
//!   quarter at most, however many more come in it;
//! - each run of `clean_quarters_to_restore` (default 1) full calendar quarters without any
//!   late payment after a drop restores one level, from the first day of the next quarter;
//!   a late payment in a quarter starts the run again after that quarter;
//! - drops accumulate down to the worst level and never go below it; a restore never goes
//!   above the tier's own level.
//!
//! The drops are counted in levels from the tier's level today: after a tier change, the
//! levels still standing apply below the new tier's own.

use chrono::{Datelike, NaiveDate};

/// How late payments move the payment terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateRule {
    /// Late payments in one calendar quarter that drop the terms one level (at least 1).
    pub late_to_drop: u32,
    /// Full clean quarters after a drop that restore one level (at least 1).
    pub clean_quarters_to_restore: u32,
}

impl Default for LateRule {
    fn default() -> Self {
        Self { late_to_drop: 2, clean_quarters_to_restore: 1 }
    }
}

/// A calendar quarter: Q1 is January to March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u32,
}

impl Quarter {
    pub fn of(d: NaiveDate) -> Self {
        Self { year: d.year(), q: d.month0() / 3 + 1 }
    }

    /// Its first day (None only past the calendar's end).
    pub fn start(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1)
    }

    /// The quarter `n` quarters later.
    pub fn plus(self, n: u32) -> Self {
        let index = self.year as i64 * 4 + (self.q as i64 - 1) + n as i64;
        Self { year: index.div_euclid(4) as i32, q: index.rem_euclid(4) as u32 + 1 }
    }

    pub fn next(self) -> Self {
        self.plus(1)
    }
}

/// Why the terms are (or will be) a level down: the late payments of one quarter and the
/// day the drop took effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropReason {
    pub quarter: Quarter,
    /// The quarter's late payments (up to today), oldest first.
    pub dates: Vec<NaiveDate>,
    /// The first day of the lower terms: the day after the payment that reached the count.
    pub since: NaiveDate,
}

/// The payment terms in force for a customer, as level indices (0 = best) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectivePayment {
    /// The tier's own level.
    pub base: usize,
    /// The level in force today.
    pub in_force: usize,
    /// The latest drop still standing (None when the terms are the tier's own).
    pub reason: Option<DropReason>,
    /// A drop reached today that takes effect tomorrow (the count was reached today).
    pub pending: Option<DropReason>,
    /// When one level comes back if no late payment comes first (None: nothing to restore).
    pub restores_on: Option<NaiveDate>,
}

impl EffectivePayment {
    /// How many levels below the tier's own the terms are.
    pub fn levels_down(&self) -> usize {
        self.in_force - self.base
    }
}

/// The level in force on `today` for a tier granting level `base` (of levels `0..=worst`),
/// given the customer's late payments (any order; those after today are not counted yet).
pub fn effective_payment(
    base: usize,
    worst: usize,
    late: &[NaiveDate],
    today: NaiveDate,
    rule: LateRule,
) -> EffectivePayment {
    let base = base.min(worst);
    let mut out = EffectivePayment { base, in_force: base, reason: None, pending: None, restores_on: None };
    let mut dates: Vec<NaiveDate> = late.iter().copied().filter(|d| *d <= today).collect();
    dates.sort();
    let Some(first) = dates.first() else { return out };
    let count = rule.late_to_drop.max(1) as usize;
    let clean = rule.clean_quarters_to_restore.max(1);
    let room = worst - base;
    // The drops standing, oldest first, and the first quarter of the current clean run.
    let mut standing: Vec<DropReason> = Vec::new();
    let mut run_from: Option<Quarter> = None;
    let last = Quarter::of(today);
    let mut q = Quarter::of(*first);
    loop {
        if let Some(from) = run_from
            && !standing.is_empty()
            && q == from.plus(clean)
        {
            standing.pop();
            run_from = Some(q);
        }
        let in_q: Vec<NaiveDate> = dates.iter().copied().filter(|d| Quarter::of(*d) == q).collect();
        if !in_q.is_empty() {
            run_from = Some(q.next());
            if in_q.len() >= count
                && let Some(since) = in_q[count - 1].succ_opt()
            {
                let drop = DropReason { quarter: q, dates: in_q, since };
                if standing.len() < room {
                    if since <= today {
                        standing.push(drop);
                    } else {
                        out.pending = Some(drop);
                    }
                }
            }
        }
        if q >= last {
            break;
        }
        q = q.next();
    }
    out.in_force = base + standing.len();
    out.restores_on = match (standing.is_empty(), run_from) {
        (false, Some(from)) => from.plus(clean).start(),
        _ => None,
    };
    out.reason = standing.pop();
    out
}
