//! Tests of the coverage report's definitions: each tier's period, the share, the weeks.

use super::*;
use proptest::prelude::*;
use rstest::rstest;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn scheme() -> TierScheme {
    TierScheme::parse("default.toml", crate::test_data::DEFAULT_SCHEME).unwrap()
}

#[rstest]
// Monday 2026-11-23: A weekly, B every 2 weeks, C monthly, D yearly.
#[case("2026-11-23", Cadence::weeks(1), "2026-11-16")]
#[case("2026-11-23", Cadence::weeks(2), "2026-11-09")]
#[case("2026-11-23", Cadence::months(1), "2026-10-23")]
#[case("2026-11-23", Cadence::years(1), "2025-11-23")]
// 28 Feb + 1 month = 28 Mar: on 30 Mar only contacts from 1 Mar on are on time.
#[case("2026-03-30", Cadence::months(1), "2026-03-01")]
#[case("2026-03-31", Cadence::months(1), "2026-03-01")]
#[case("2026-03-28", Cadence::months(1), "2026-02-28")]
#[case("2026-05-31", Cadence::months(3), "2026-03-01")]
// 28 Feb 2028 + 1 year = 28 Feb 2029, and so is 29 Feb 2028 + 1 year.
#[case("2029-02-28", Cadence::years(1), "2028-02-28")]
#[case("2026-12-31", Cadence::days(1), "2026-12-30")]
#[case("2027-01-01", Cadence::days(15), "2026-12-17")]
fn each_tier_period_starts_one_cadence_back(#[case] today: &str, #[case] cadence: Cadence, #[case] since: &str) {
    assert_eq!(window_start(d(today), cadence), d(since));
}

#[rstest]
#[case("2026-11-23", "2026-09-07")] // a Monday: the current week starts today
#[case("2026-11-29", "2026-09-07")] // the Sunday of the same week
#[case("2026-11-30", "2026-09-14")]
#[case("2027-01-03", "2026-10-12")] // a Sunday, in the week of Monday 2026-12-28
fn the_weeks_start_on_a_monday_eleven_weeks_before_this_one(#[case] today: &str, #[case] from: &str) {
    assert_eq!(weeks_from(d(today)), d(from));
    assert_eq!(weeks_from(d(today)).weekday(), chrono::Weekday::Mon);
}

fn counts(customers: usize, within: usize, new: usize, overdue: usize, never: usize) -> Counts {
    Counts { customers, contacted_within_cadence: within, not_yet_due: new, overdue, never_contacted: never }
}

#[rstest]
#[case(counts(3, 1, 0, 2, 0), Some(33))]
#[case(counts(3, 2, 0, 1, 0), Some(67))]
#[case(counts(200, 199, 0, 1, 0), Some(99))] // not 100 while one is missing
#[case(counts(1000, 1, 0, 999, 0), Some(1))] // not 0 while one was reached
#[case(counts(5, 0, 0, 5, 5), Some(0))]
#[case(counts(6, 4, 2, 0, 2), Some(100))] // the two new ones are not due yet
#[case(counts(2, 0, 2, 0, 2), None)] // only new customers
#[case(counts(0, 0, 0, 0, 0), None)]
fn share_is_over_the_customers_that_are_due(#[case] c: Counts, #[case] percent: Option<u32>) {
    assert_eq!(c.percent(), percent);
    assert_eq!(c.share().is_some(), percent.is_some());
}

#[test]
fn builds_lines_in_scheme_order_with_empty_tiers_and_unknown_ones_last() {
    let today = d("2026-11-23");
    let tallies = vec![
        TierTally { tier: "C".into(), counts: counts(4, 1, 1, 2, 1) },
        TierTally { tier: "A".into(), counts: counts(2, 1, 0, 1, 0) },
        TierTally { tier: "Z".into(), counts: counts(1, 0, 0, 1, 1) },
    ];
    let r = CoverageReport::build(&scheme(), today, &tallies, &[]);
    let codes: Vec<&str> = r.tiers.iter().map(|l| l.tier.as_str()).collect();
    assert_eq!(codes, ["A", "B", "C", "D", "Z"]);
    assert_eq!(r.tiers[0].share, Some(0.5));
    assert_eq!(r.tiers[0].since, Some(d("2026-11-16")));
    assert_eq!(r.tiers[1].counts, Counts::default());
    assert_eq!(r.tiers[1].share, None, "an empty tier has no share");
    assert_eq!(r.tiers[2].share, Some(1.0 / 3.0), "C: 1 of the 3 due (one is new)");
    assert_eq!(r.tiers[3].since, Some(d("2025-11-23")));
    assert_eq!((r.tiers[4].cadence, r.tiers[4].since, r.tiers[4].share), (None, None, None));
    assert_eq!(r.total_customers, 7);
    assert_eq!(r.all.counts, counts(7, 2, 1, 4, 2));
    assert_eq!(r.all.share, Some(2.0 / 6.0), "the unknown tier's customer is due, not within");
    assert_eq!(r.tiers[4].percent(), None);
}

#[test]
fn weeks_are_twelve_mondays_zero_filled_with_the_current_week_partial() {
    let today = d("2026-11-25"); // a Wednesday
    let days = [
        (d("2026-09-06"), 5), // the Sunday before the first week: left out
        (d("2026-09-07"), 2),
        (d("2026-09-13"), 1),
        (d("2026-11-22"), 4),
        (d("2026-11-23"), 3),
        (d("2026-11-25"), 1),
        (d("2026-11-26"), 9), // after today: left out
    ];
    let r = CoverageReport::build(&scheme(), today, &[], &days);
    assert_eq!(r.period, (d("2026-09-07"), today));
    assert_eq!(r.weeks.len(), WEEKS);
    assert_eq!(r.weeks[0], WeekCount { week_start: d("2026-09-07"), contacts: 3 });
    assert_eq!(r.weeks[1], WeekCount { week_start: d("2026-09-14"), contacts: 0 });
    assert_eq!(r.weeks[10], WeekCount { week_start: d("2026-11-16"), contacts: 4 });
    assert_eq!(r.weeks[11], WeekCount { week_start: d("2026-11-23"), contacts: 4 });
    assert_eq!(r.total_contacts_in_period, 11);
    assert_eq!(r.busiest_week().map(|w| w.week_start), Some(d("2026-11-23")), "the latest of equals");
    assert_eq!(r.total_customers, 0);
    assert!(r.tiers.iter().all(|l| l.share.is_none()));
}

#[test]
fn an_empty_book_has_no_busiest_week() {
    let r = CoverageReport::build(&scheme(), d("2026-11-23"), &[], &[]);
    assert_eq!(r.busiest_week(), None);
    assert_eq!(r.all.share, None);
}

#[test]
fn by_owner_builds_each_persons_report_from_their_tallies_and_days_by_login() {
    let today = d("2026-11-23");
    let t = |owner: &str, tier: &str, c: Counts| (owner.to_string(), TierTally { tier: tier.into(), counts: c });
    let tallies = [
        t("wang", "B", counts(1, 1, 0, 0, 0)),
        t("lin", "A", counts(2, 1, 0, 1, 1)),
        t("lin", "C", counts(1, 0, 0, 1, 1)),
    ];
    let days = [
        ("wang".to_string(), d("2026-11-20"), 3),
        ("lin".to_string(), d("2026-11-23"), 1),
        ("gone".to_string(), d("2026-11-23"), 5),
    ];
    let owners = by_owner(&scheme(), today, &tallies, &days);
    let logins: Vec<&str> = owners.iter().map(|o| o.owner.as_str()).collect();
    assert_eq!(logins, ["lin", "wang"], "by login; an owner with no customer has no line");
    let lin = &owners[0];
    assert_eq!(
        lin.report,
        CoverageReport::build(&scheme(), today, &[tallies[1].1.clone(), tallies[2].1.clone()], &[(d("2026-11-23"), 1)])
    );
    assert_eq!(lin.report.all.counts, counts(3, 1, 0, 2, 2));
    assert_eq!(owners[1].report.total_contacts_in_period, 3);
    assert!((owners[1].contacts_per_week() - 0.25).abs() < 1e-9);
}

fn cadence_strategy() -> impl Strategy<Value = Cadence> {
    (1u32..40, 0..4).prop_map(|(n, u)| Cadence {
        every: n,
        unit: [CadenceUnit::Day, CadenceUnit::Week, CadenceUnit::Month, CadenceUnit::Year][u as usize],
    })
}

proptest! {
    /// `since` is exactly the first day whose contact is still on time today.
    #[test]
    fn since_is_the_first_day_still_on_time(days in 0i64..40000, c in cadence_strategy()) {
        let today = d("1990-01-01") + chrono::Duration::days(days);
        let since = window_start(today, c);
        prop_assert!(add_cadence(since, c) >= today);
        prop_assert!(add_cadence(since.pred_opt().unwrap(), c) < today);
    }
}
