//! The re-grading policy: given each customer's current tier and a fresh grade, what may
//! change today, what must wait, and until when.
//!
//! - An upgrade applies at once: a quarterly review may raise a tier whenever the numbers say
//!   so ("就高不就低", take the higher of the two).
//! - A downgrade waits for the annual review: it applies on the review day or within the
//!   `window_days` days that start on it (the default, January 1 with 31 days, is the whole
//!   of January; 0 counts as 1, the review day only); otherwise it is held until the next
//!   review day. Under [`DowngradeRule::Immediate`] it applies at once.
//! - A customer created less than `provisional_months` months before today keeps the
//!   provisional tier it was given, in both directions, until `created_on + months`. On that
//!   day the normal rules take over.
//!
//! Month arithmetic clamps to the end of the month (August 31 + 6 months is February 28, or
//! 29 in a leap year), and so does the review day: a February 29 review falls on February 28
//! in other years. A current tier the scheme does not know ranks below every tier, so any
//! suggestion for it is an upgrade; a suggested tier the scheme does not know is left out
//! (`GradingModel::check_scheme` refuses such a model before it gets here).

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::customer::CustomerId;
use super::grading::{Grade, GradingModel};
use super::tier::TierScheme;

/// Provisional tiers last six months unless the model says otherwise (the manufacturer's
/// rulebook; the brokerage one keeps them a year).
const DEFAULT_PROVISIONAL_MONTHS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DowngradeRule {
    Immediate,
    /// Downgrades apply from the review day (`month`/`day`, clamped) for `window_days` days.
    AtAnnualReview {
        month: u32,
        day: u32,
        window_days: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPolicy {
    pub downgrade: DowngradeRule,
    pub provisional_months: u32,
}

impl Default for ReviewPolicy {
    /// The rulebooks': downgrades at the annual review on January 1 (all of January to carry
    /// them out), six months provisional.
    fn default() -> Self {
        Self {
            downgrade: DowngradeRule::AtAnnualReview { month: 1, day: 1, window_days: 31 },
            provisional_months: DEFAULT_PROVISIONAL_MONTHS,
        }
    }
}

impl ReviewPolicy {
    /// The default policy with the model's provisional period, if it sets one.
    pub fn for_model(model: &GradingModel) -> Self {
        Self { provisional_months: model.provisional_months.unwrap_or(DEFAULT_PROVISIONAL_MONTHS), ..Self::default() }
    }

    /// What the policy says about moving a customer created on `created_on` in `direction`
    /// today.
    pub fn verdict(&self, direction: Direction, created_on: NaiveDate, today: NaiveDate) -> Verdict {
        let until = add_months(created_on, self.provisional_months);
        if today < until {
            return Verdict::Provisional { until };
        }
        match (direction, self.downgrade) {
            (Direction::Up, _) | (Direction::Down, DowngradeRule::Immediate) => Verdict::Apply,
            (Direction::Down, DowngradeRule::AtAnnualReview { month, day, window_days }) => {
                let window = u64::from(window_days.max(1));
                // Last year's window may run into this year (a review on December 20).
                for year in [today.year() - 1, today.year()] {
                    let start = review_day(year, month, day);
                    if start <= today && today < start.checked_add_days(Days::new(window)).unwrap_or(NaiveDate::MAX) {
                        return Verdict::Apply;
                    }
                }
                let this_year = review_day(today.year(), month, day);
                if today < this_year {
                    Verdict::HeldUntil(this_year)
                } else {
                    Verdict::HeldUntil(review_day(today.year() + 1, month, day))
                }
            }
        }
    }
}

/// A customer's current tier and when the customer was created (for the provisional period).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub customer: CustomerId,
    pub tier: String,
    pub created_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Change the tier now.
    Apply,
    /// A downgrade waiting for the next annual review date.
    HeldUntil(NaiveDate),
    /// The customer is new: its provisional tier stands until then.
    Provisional { until: NaiveDate },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub customer: CustomerId,
    pub current: String,
    pub suggested: String,
    pub direction: Direction,
    pub verdict: Verdict,
    pub grade: Grade,
}

/// Every customer whose suggested tier differs from its current one, best suggested tier first
/// then by customer id, with what the policy says. Grades without a tier, grades for customers
/// without a standing and grades that agree with the current tier produce nothing.
pub fn review(
    scheme: &TierScheme,
    policy: &ReviewPolicy,
    standings: &[Standing],
    grades: Vec<Grade>,
    today: NaiveDate,
) -> Vec<Suggestion> {
    let by_customer: HashMap<CustomerId, &Standing> = standings.iter().map(|s| (s.customer, s)).collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for grade in grades {
        let (Some(suggested), Some(standing)) = (grade.tier.as_deref(), by_customer.get(&grade.customer)) else {
            continue;
        };
        if suggested == standing.tier || scheme.tiers.iter().all(|t| t.code != suggested) {
            continue;
        }
        let direction =
            if scheme.rank(suggested) < scheme.rank(&standing.tier) { Direction::Up } else { Direction::Down };
        out.push(Suggestion {
            customer: grade.customer,
            current: standing.tier.clone(),
            suggested: suggested.to_string(),
            direction,
            verdict: policy.verdict(direction, standing.created_on, today),
            grade,
        });
    }
    out.sort_by_cached_key(|s| (scheme.rank(&s.suggested), s.customer));
    out
}

/// `date` plus `months`, clamped to the end of the month; the far future if that overflows.
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The review day in `year`: the month clamped to 1–12, the day to the month's length (a
/// February 29 review is on February 28 in other years).
fn review_day(year: i32, month: u32, day: u32) -> NaiveDate {
    let month = month.clamp(1, 12);
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX);
    let last = add_months(first, 1).pred_opt().map_or(28, |d| d.day());
    first.with_day(day.clamp(1, last)).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::test_data::default_scheme;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn annual(month: u32, day: u32, window_days: u32) -> ReviewPolicy {
        ReviewPolicy { downgrade: DowngradeRule::AtAnnualReview { month, day, window_days }, provisional_months: 6 }
    }

    const IMMEDIATE: ReviewPolicy = ReviewPolicy { downgrade: DowngradeRule::Immediate, provisional_months: 6 };

    fn held(date: &str) -> Verdict {
        Verdict::HeldUntil(d(date))
    }

    fn provisional(date: &str) -> Verdict {
        Verdict::Provisional { until: d(date) }
    }

    /// One customer (id 1, created on `created`) at `current`, graded `suggested`, reviewed today.
    fn one(policy: ReviewPolicy, current: &str, suggested: &str, created: &str, today: &str) -> Vec<Suggestion> {
        let standing = Standing { customer: CustomerId(1), tier: current.into(), created_on: d(created) };
        let grade = Grade { customer: CustomerId(1), tier: Some(suggested.into()), ..Grade::default() };
        review(&default_scheme(), &policy, &[standing], vec![grade], d(today))
    }

    #[rstest]
    #[case::upgrade_applies(ReviewPolicy::default(), "B", "A", "2025-06-15", Direction::Up, Verdict::Apply)]
    #[case::upgrade_two_tiers(ReviewPolicy::default(), "D", "B", "2025-06-15", Direction::Up, Verdict::Apply)]
    #[case::downgrade_waits_for_next_year(
        ReviewPolicy::default(),
        "A",
        "B",
        "2025-06-15",
        Direction::Down,
        held("2026-01-01")
    )]
    #[case::downgrade_on_the_review_day(
        ReviewPolicy::default(),
        "A",
        "C",
        "2025-01-01",
        Direction::Down,
        Verdict::Apply
    )]
    #[case::downgrade_last_day_of_window(
        ReviewPolicy::default(),
        "A",
        "B",
        "2025-01-31",
        Direction::Down,
        Verdict::Apply
    )]
    #[case::downgrade_day_after_window(
        ReviewPolicy::default(),
        "A",
        "B",
        "2025-02-01",
        Direction::Down,
        held("2026-01-01")
    )]
    #[case::downgrade_on_new_years_eve(
        ReviewPolicy::default(),
        "A",
        "B",
        "2024-12-31",
        Direction::Down,
        held("2025-01-01")
    )]
    #[case::review_later_this_year(annual(7, 1, 10), "A", "B", "2025-03-01", Direction::Down, held("2025-07-01"))]
    #[case::mid_year_window_last_day(annual(7, 1, 10), "A", "B", "2025-07-10", Direction::Down, Verdict::Apply)]
    #[case::mid_year_window_passed(annual(7, 1, 10), "A", "B", "2025-07-11", Direction::Down, held("2026-07-01"))]
    #[case::window_runs_into_january(annual(12, 20, 31), "A", "B", "2026-01-19", Direction::Down, Verdict::Apply)]
    #[case::window_into_january_passed(annual(12, 20, 31), "A", "B", "2026-01-20", Direction::Down, held("2026-12-20"))]
    #[case::zero_window_is_the_day(annual(1, 1, 0), "A", "B", "2025-01-01", Direction::Down, Verdict::Apply)]
    #[case::zero_window_next_day(annual(1, 1, 0), "A", "B", "2025-01-02", Direction::Down, held("2026-01-01"))]
    #[case::immediate_downgrade(IMMEDIATE, "A", "D", "2025-06-15", Direction::Down, Verdict::Apply)]
    #[case::immediate_upgrade(IMMEDIATE, "D", "A", "2025-06-15", Direction::Up, Verdict::Apply)]
    #[case::feb_29_in_a_leap_year(annual(2, 29, 1), "A", "B", "2024-02-29", Direction::Down, Verdict::Apply)]
    #[case::feb_29_clamps_to_28(annual(2, 29, 1), "A", "B", "2025-02-28", Direction::Down, Verdict::Apply)]
    #[case::feb_29_held_from_the_28th(annual(2, 29, 1), "A", "B", "2024-02-28", Direction::Down, held("2024-02-29"))]
    #[case::feb_29_held_to_next_years_28th(
        annual(2, 29, 1),
        "A",
        "B",
        "2025-03-01",
        Direction::Down,
        held("2026-02-28")
    )]
    fn policy_for_an_established_customer(
        #[case] policy: ReviewPolicy,
        #[case] current: &str,
        #[case] suggested: &str,
        #[case] today: &str,
        #[case] direction: Direction,
        #[case] verdict: Verdict,
    ) {
        let out = one(policy, current, suggested, "2020-03-15", today);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].current.as_str(), out[0].suggested.as_str()), (current, suggested));
        assert_eq!((out[0].direction, out[0].verdict), (direction, verdict));
    }

    #[rstest]
    #[case::upgrade_while_new("2025-03-01", "D", "A", "2025-06-15", provisional("2025-09-01"))]
    #[case::downgrade_while_new("2025-03-01", "A", "D", "2025-06-15", provisional("2025-09-01"))]
    #[case::even_in_the_review_window("2024-12-01", "A", "D", "2025-01-15", provisional("2025-06-01"))]
    #[case::last_provisional_day("2025-03-01", "D", "A", "2025-08-31", provisional("2025-09-01"))]
    #[case::upgrade_the_day_it_ends("2025-03-01", "D", "A", "2025-09-01", Verdict::Apply)]
    #[case::downgrade_the_day_it_ends("2025-03-01", "A", "D", "2025-09-01", held("2026-01-01"))]
    #[case::august_31_ends_feb_28("2024-08-31", "D", "A", "2025-02-27", provisional("2025-02-28"))]
    #[case::august_31_ends_feb_29("2023-08-31", "D", "A", "2024-02-28", provisional("2024-02-29"))]
    #[case::ended_on_feb_28("2024-08-31", "D", "A", "2025-02-28", Verdict::Apply)]
    fn new_customers_keep_their_provisional_tier(
        #[case] created: &str,
        #[case] current: &str,
        #[case] suggested: &str,
        #[case] today: &str,
        #[case] verdict: Verdict,
    ) {
        let out = one(ReviewPolicy::default(), current, suggested, created, today);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].verdict, verdict);
    }

    #[test]
    fn a_model_sets_the_provisional_period() {
        let brokerage = crate::test_data::grading_model("brokerage").unwrap();
        assert_eq!(ReviewPolicy::for_model(&brokerage).provisional_months, 12);
        let mut model = brokerage;
        model.provisional_months = None;
        assert_eq!(ReviewPolicy::for_model(&model), ReviewPolicy::default());
        assert_eq!(ReviewPolicy::default().provisional_months, 6);
        let none = ReviewPolicy { provisional_months: 0, ..ReviewPolicy::default() };
        assert_eq!(none.verdict(Direction::Up, d("2025-06-15"), d("2025-06-15")), Verdict::Apply);
    }

    #[test]
    fn lists_changes_only_best_suggestion_first_then_by_customer() {
        let standing =
            |id: i64, tier: &str| Standing { customer: CustomerId(id), tier: tier.into(), created_on: d("2020-01-01") };
        let grade = |id: i64, tier: Option<&str>| Grade {
            customer: CustomerId(id),
            tier: tier.map(str::to_string),
            ..Grade::default()
        };
        let standings = [
            standing(1, "A"),
            standing(2, "C"),
            standing(3, "D"),
            standing(4, "B"),
            standing(5, "B"),
            standing(6, "X"),
        ];
        let grades = vec![
            grade(5, Some("C")),
            grade(1, Some("A")), // no change
            grade(2, Some("C")), // no change
            grade(4, Some("A")),
            grade(3, Some("A")),
            grade(7, Some("A")),  // no standing
            grade(2, None),       // no values
            grade(6, Some("D")),  // current tier unknown to the scheme: an upgrade
            grade(1, Some("ZZ")), // suggested tier unknown to the scheme
        ];
        let out = review(&default_scheme(), &ReviewPolicy::default(), &standings, grades, d("2025-06-15"));
        let got: Vec<_> = out.iter().map(|s| (s.customer.0, s.suggested.as_str(), s.direction)).collect();
        assert_eq!(
            got,
            [(3, "A", Direction::Up), (4, "A", Direction::Up), (5, "C", Direction::Down), (6, "D", Direction::Up)]
        );
        assert_eq!(out[2].verdict, held("2026-01-01"));
        assert_eq!(out[0].grade.customer, CustomerId(3));
    }
}
