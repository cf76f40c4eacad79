use super::*;
use rstest::rstest;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rules(escalate: u32, release: u32) -> OwnershipRules {
    OwnershipRules { escalate_after_days: Some(escalate), release_after_days: Some(release) }
}

/// The team scheme's rules (data/tiers/team.toml), by tier.
fn team(tier: &str) -> OwnershipRules {
    match tier {
        "A" => rules(3, 14),
        "B" => rules(7, 30),
        "C" => rules(14, 60),
        _ => rules(60, 180),
    }
}

// Due on 2026-03-01 in every case; the day before each boundary and the boundary itself.
#[rstest]
#[case("A", "2026-03-04", false, false)] // 3 days overdue: the last day before escalation
#[case("A", "2026-03-05", true, false)] // 4 days: escalated
#[case("A", "2026-03-15", true, false)] // 14 days: the owner's last day
#[case("A", "2026-03-16", true, true)] // 15 days: released
#[case("B", "2026-03-08", false, false)]
#[case("B", "2026-03-09", true, false)]
#[case("B", "2026-03-31", true, false)]
#[case("B", "2026-04-01", true, true)] // 31 days overdue
#[case("C", "2026-03-15", false, false)]
#[case("C", "2026-03-16", true, false)]
#[case("C", "2026-04-30", true, false)]
#[case("C", "2026-05-01", true, true)]
#[case("D", "2026-04-30", false, false)]
#[case("D", "2026-05-01", true, false)]
#[case("D", "2026-08-28", true, false)]
#[case("D", "2026-08-29", true, true)]
fn boundaries_per_tier(#[case] tier: &str, #[case] today: &str, #[case] escalated: bool, #[case] released: bool) {
    let s = standing(d("2026-03-01"), None, d(today), team(tier), false);
    assert_eq!(matches!(s, Standing::Released { .. }), released, "{tier} {today}: {s:?}");
    assert_eq!(matches!(s, Standing::Escalated { .. } | Standing::Released { .. }), escalated, "{tier} {today}: {s:?}");
}

#[test]
fn release_reads_as_the_issue_says_b_31_days_overdue() {
    let s = standing(d("2026-03-01"), None, d("2026-04-01"), team("B"), false);
    assert_eq!(s, Standing::Released { days_late: 31 });
    assert_eq!(release_on(d("2026-03-01"), None, team("B"), false), Some(d("2026-04-01")));
    assert_eq!(escalate_on(d("2026-03-01"), None, team("B")), Some(d("2026-03-09")));
}

#[test]
fn a_contact_on_the_last_day_keeps_the_customer() {
    // B, due 2026-03-01, the last day is 2026-03-31; a contact then makes it due 2 weeks on.
    let last_day = d("2026-03-31");
    assert!(matches!(standing(d("2026-03-01"), None, last_day, team("B"), false), Standing::Escalated { .. }));
    let new_due = d("2026-04-14");
    assert_eq!(standing(new_due, None, d("2026-04-01"), team("B"), false), Standing::Kept { days_left: Some(44) });
}

#[test]
fn a_pinned_customer_is_never_released_but_still_escalates() {
    for today in ["2026-04-01", "2027-03-01", "2036-01-01"] {
        let s = standing(d("2026-03-01"), None, d(today), team("B"), true);
        assert!(matches!(s, Standing::Escalated { days_left: None, .. }), "{today}: {s:?}");
    }
    assert_eq!(release_on(d("2026-03-01"), None, team("B"), true), None);
}

#[test]
fn rules_off_say_nothing() {
    let s = standing(d("2020-01-01"), None, d("2026-04-01"), OwnershipRules::OFF, false);
    assert_eq!(s, Standing::Kept { days_left: None });
    assert!(!OwnershipRules::OFF.any());
    let only_escalate = OwnershipRules { escalate_after_days: Some(3), release_after_days: None };
    assert!(matches!(
        standing(d("2026-03-01"), None, d("2026-04-01"), only_escalate, false),
        Standing::Escalated { .. }
    ));
}

#[test]
fn a_claimed_customer_counts_from_the_claim() {
    // Due long ago, claimed on 2026-05-01: B releases it 31 days after the claim, not at once.
    let (due, held) = (d("2026-01-01"), Some(d("2026-05-01")));
    assert_eq!(counted_from(due, held), d("2026-05-01"));
    assert_eq!(release_on(due, held, team("B"), false), Some(d("2026-06-01")));
    assert_eq!(days_overdue(due, held, d("2026-05-03")), 2);
    // A due date after the claim counts from itself.
    assert_eq!(counted_from(d("2026-05-10"), held), d("2026-05-10"));
}

#[rstest]
#[case("2026-03-24", None)] // 8 days left: not shown
#[case("2026-03-25", Some(7))]
#[case("2026-03-29", Some(3))]
#[case("2026-03-30", Some(2))]
#[case("2026-03-31", Some(1))] // the last day
#[case("2026-04-01", Some(0))]
#[case("2026-04-02", None)]
fn days_left_are_shown_within_a_week(#[case] today: &str, #[case] shown: Option<i64>) {
    let release = release_on(d("2026-03-01"), None, team("B"), false);
    assert_eq!(days_left_shown(release, d(today)), shown, "{today}");
    assert_eq!(days_left_shown(None, d(today)), None);
}

#[rstest]
#[case(0, true)]
#[case(2, true)]
#[case(3, false)]
#[case(7, false)]
fn fewer_than_three_days_warn(#[case] left: i64, #[case] warns: bool) {
    assert_eq!(days_left_warns(left), warns);
}

#[rstest]
#[case("2026-03-02", None, true)]
#[case("2026-03-02", Some("2026-03-01"), true)]
#[case("2026-03-02", Some("2026-03-02"), true)] // again the same day: nothing new
#[case("2026-03-01", Some("2026-03-02"), false)] // the clock is behind a swept day
fn sweeping_waits_for_the_clock(#[case] today: &str, #[case] last: Option<&str>, #[case] may: bool) {
    assert_eq!(may_sweep(d(today), last.map(d)), may);
}

#[rstest]
#[case(0, 5, true)]
#[case(4, 5, true)]
#[case(5, 5, false)]
#[case(0, 0, false)]
fn the_daily_claim_limit(#[case] claimed: u32, #[case] limit: u32, #[case] may: bool) {
    assert_eq!(may_claim(claimed, limit), may);
}

#[test]
fn rules_are_checked_together() {
    assert_eq!(rules(3, 14).check(), Ok(()));
    assert_eq!(rules(14, 14).check(), Err(RuleProblem::ReleaseBeforeEscalation { escalate: 14, release: 14 }));
    assert_eq!(rules(3, 4000).check(), Err(RuleProblem::TooLong(4000)));
}

#[test]
fn the_cutoff_agrees_with_the_standing() {
    // Counted from before the cutoff: past the rule; from the cutoff itself: not yet.
    let today = d("2026-04-01");
    let cut = cutoff(today, Some(30)).unwrap();
    assert_eq!(cut, d("2026-03-02"));
    assert!(matches!(standing(d("2026-03-01"), None, today, team("B"), false), Standing::Released { .. }));
    assert!(!matches!(standing(cut, None, today, team("B"), false), Standing::Released { .. }));
    assert_eq!(cutoff(today, None), None);
}

#[test]
fn a_snooze_reaches_one_release_window_ahead_unless_pinned_or_never_released() {
    let rules = OwnershipRules { escalate_after_days: Some(3), release_after_days: Some(14) };
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    assert_eq!(latest_snooze(today, rules, false), NaiveDate::from_ymd_opt(2026, 3, 24));
    assert_eq!(latest_snooze(today, rules, true), None);
    let escalate_only = OwnershipRules { escalate_after_days: Some(3), release_after_days: None };
    assert_eq!(latest_snooze(today, escalate_only, false), None);
    assert_eq!(latest_snooze(today, OwnershipRules::OFF, false), None);
}

#[test]
fn a_claim_limit_is_at_most_a_thousand() {
    assert_eq!(check_claims_per_day(0), Ok(()));
    assert_eq!(check_claims_per_day(MAX_CLAIMS_PER_DAY), Ok(()));
    assert_eq!(check_claims_per_day(1001), Err(PoolProblem::LimitTooHigh(1001)));
}

/// A list asks for the ownership of the customers `may_show_days_left` keeps: none it
/// leaves out could show days left, however it was claimed (lateness counted from the
/// earliest requirement, as the due list's items count it). Every lateness and claim day
/// around every release window up to 60 days.
#[test]
fn no_customer_left_out_of_the_ask_could_show_days_left() {
    let today = d("2026-12-01");
    let mut kept_at_the_edge = 0;
    for release in 0..=60u32 {
        let r = rules(1, release);
        for late in -10i64..=80 {
            let due_on = today - chrono::Duration::days(late);
            for held in std::iter::once(None).chain((-10i64..=80).map(|h| Some(today - chrono::Duration::days(h)))) {
                let shown = days_left_shown(release_on(due_on, held, r, false), today);
                if shown.is_some() {
                    assert!(may_show_days_left(r, late), "release {release}, {late} days late, held {held:?}");
                    kept_at_the_edge += usize::from(!may_show_days_left(r, late - 1));
                }
            }
        }
    }
    // The rule is tight: some shown customers sit right at the cut.
    assert!(kept_at_the_edge > 0);
}
