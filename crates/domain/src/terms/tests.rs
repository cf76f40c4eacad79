use chrono::NaiveDate;
use rstest::rstest;

use super::*;
use crate::tier::TierScheme;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ds(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|s| d(s)).collect()
}

const DEFAULT_TERMS: &str = include_str!("../../../../data/terms/default.toml");
const BROKERAGE_TERMS: &str = include_str!("../../../../data/terms/brokerage.toml");
const LEADS_TERMS: &str = include_str!("../../../../data/terms/leads.toml");

fn scheme(id: &str) -> TierScheme {
    let text = match id {
        "default" => include_str!("../../../../data/tiers/default.toml"),
        "brokerage" => include_str!("../../../../data/tiers/brokerage.toml"),
        _ => include_str!("../../../../data/tiers/leads.toml"),
    };
    TierScheme::parse("s.toml", text).unwrap()
}

// ---- effective_payment: the rule at quarter boundaries ----

/// (base, lates, today, level in force, reason's since, pending since, restores on)
#[rstest]
// the second late payment reaches the count: lower terms from the next day, not that day
#[case::not_on_the_day(1, &["2026-07-14", "2026-09-02"], "2026-09-02", 1, None, Some("2026-09-03"), None)]
#[case::from_the_next_day(1, &["2026-07-14", "2026-09-02"], "2026-09-03", 2, Some("2026-09-03"), None, Some("2027-01-01"))]
// one late payment drops nothing
#[case::one_is_not_two(1, &["2026-07-14"], "2026-09-30", 1, None, None, None)]
// second late payment on the quarter's last day: the drop starts on the next quarter's first
#[case::last_day_of_quarter(1, &["2026-07-01", "2026-09-30"], "2026-09-30", 1, None, Some("2026-10-01"), None)]
#[case::first_day_of_next(1, &["2026-07-01", "2026-09-30"], "2026-10-01", 2, Some("2026-10-01"), None, Some("2027-01-01"))]
// two late payments either side of a quarter boundary are one in each quarter: no drop
#[case::across_a_boundary(1, &["2026-09-30", "2026-10-01"], "2026-12-31", 1, None, None, None)]
// year end: the drop starts on 1 January
#[case::year_end_before(1, &["2026-10-05", "2026-12-31"], "2026-12-31", 1, None, Some("2027-01-01"), None)]
#[case::year_end_after(1, &["2026-10-05", "2026-12-31"], "2027-01-01", 2, Some("2027-01-01"), None, Some("2027-04-01"))]
// Q4 clean after a Q3 drop: back on 1 January, not a day earlier
#[case::clean_quarter_not_yet(1, &["2026-07-14", "2026-09-02"], "2026-12-31", 2, Some("2026-09-03"), None, Some("2027-01-01"))]
#[case::restored_after_clean_quarter(1, &["2026-07-14", "2026-09-02"], "2027-01-01", 1, None, None, None)]
// one late payment in Q4 is no clean quarter: the restore waits for a clean Q1
#[case::one_late_spoils_the_quarter(1, &["2026-07-14", "2026-09-02", "2026-11-11"], "2027-01-01", 2, Some("2026-09-03"), None, Some("2027-04-01"))]
#[case::then_restored(1, &["2026-07-14", "2026-09-02", "2026-11-11"], "2027-04-01", 1, None, None, None)]
// two drops in two quarters accumulate; the reason is the latest one
#[case::two_drops(0, &["2026-07-14", "2026-09-02", "2026-10-05", "2026-10-20"], "2026-10-21", 2, Some("2026-10-21"), None, Some("2027-04-01"))]
#[case::two_drops_one_restored(0, &["2026-07-14", "2026-09-02", "2026-10-05", "2026-10-20"], "2027-04-01", 1, Some("2026-09-03"), None, Some("2027-07-01"))]
#[case::two_drops_both_restored(0, &["2026-07-14", "2026-09-02", "2026-10-05", "2026-10-20"], "2027-07-01", 0, None, None, None)]
// three late payments in one quarter are still one drop
#[case::one_drop_per_quarter(0, &["2026-07-01", "2026-07-02", "2026-07-03"], "2026-08-01", 1, Some("2026-07-03"), None, Some("2027-01-01"))]
// the worst level is a floor: from C (2 of 0..=3) two drops give D, not below
#[case::worst_floor(2, &["2026-07-14", "2026-09-02", "2026-10-05", "2026-10-20"], "2026-10-21", 3, Some("2026-09-03"), None, Some("2027-04-01"))]
#[case::worst_stays_worst(3, &["2026-07-14", "2026-09-02"], "2026-10-21", 3, None, None, None)]
// a tier change: the same late payments below the new tier's own level
#[case::tier_change_up(0, &["2026-07-14", "2026-09-02"], "2026-09-03", 1, Some("2026-09-03"), None, Some("2027-01-01"))]
// late payments after today are not counted yet
#[case::future_not_counted(1, &["2026-07-14", "2026-09-02"], "2026-08-01", 1, None, None, None)]
fn effective_payment_at_quarter_boundaries(
    #[case] base: usize,
    #[case] lates: &[&str],
    #[case] today: &str,
    #[case] in_force: usize,
    #[case] since: Option<&str>,
    #[case] pending: Option<&str>,
    #[case] restores_on: Option<&str>,
) {
    let e = effective_payment(base, 3, &ds(lates), d(today), LateRule::default());
    assert_eq!(e.base, base);
    assert_eq!(e.in_force, in_force, "level in force");
    assert_eq!(e.reason.as_ref().map(|r| r.since), since.map(d), "reason");
    assert_eq!(e.pending.as_ref().map(|r| r.since), pending.map(d), "pending");
    assert_eq!(e.restores_on, restores_on.map(d), "restores on");
}

#[test]
fn the_reason_names_the_quarter_and_its_late_payments() {
    let e = effective_payment(1, 3, &ds(&["2026-09-02", "2026-07-14"]), d("2026-09-20"), LateRule::default());
    let r = e.reason.clone().unwrap();
    assert_eq!(r.quarter, Quarter { year: 2026, q: 3 });
    assert_eq!(r.dates, ds(&["2026-07-14", "2026-09-02"]));
    assert_eq!(r.since, d("2026-09-03"));
    assert_eq!(e.levels_down(), 1);
}

#[rstest]
#[case::three_to_drop(LateRule { late_to_drop: 3, clean_quarters_to_restore: 1 }, "2026-09-03", 1)]
#[case::three_reached(LateRule { late_to_drop: 3, clean_quarters_to_restore: 1 }, "2026-09-11", 2)]
#[case::two_clean_quarters_not_yet(LateRule { late_to_drop: 2, clean_quarters_to_restore: 2 }, "2027-01-01", 2)]
#[case::two_clean_quarters(LateRule { late_to_drop: 2, clean_quarters_to_restore: 2 }, "2027-04-01", 1)]
#[case::one_to_drop(LateRule { late_to_drop: 1, clean_quarters_to_restore: 1 }, "2026-07-15", 2)]
fn the_rule_is_configurable(#[case] rule: LateRule, #[case] today: &str, #[case] in_force: usize) {
    let lates = ds(&["2026-07-14", "2026-09-02", "2026-09-10"]);
    assert_eq!(effective_payment(1, 3, &lates, d(today), rule).in_force, in_force);
}

#[test]
fn quarters_count_across_years() {
    let q = Quarter::of(d("2026-12-31"));
    assert_eq!(q, Quarter { year: 2026, q: 4 });
    assert_eq!(q.next(), Quarter { year: 2027, q: 1 });
    assert_eq!(q.plus(5).start(), Some(d("2028-01-01")));
    assert_eq!(Quarter::of(d("2026-04-01")).start(), Some(d("2026-04-01")));
}

// ---- the files ----

#[test]
fn shipped_terms_cover_their_schemes() {
    let t = TermsFile::parse("default.toml", DEFAULT_TERMS, &scheme("default")).unwrap();
    let t = t.terms().unwrap();
    let codes: Vec<&str> = t.levels.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["deferred_3m", "cod_or_30d", "on_delivery", "before_shipping"]);
    let rows: Vec<(&str, i32, usize, Option<u32>)> =
        t.tiers.iter().map(|x| (x.tier.as_str(), x.price_pct, x.payment, x.lead_time_days)).collect();
    assert_eq!(rows, [("A", -5, 0, Some(20)), ("B", -3, 1, Some(30)), ("C", 0, 2, Some(40)), ("D", 5, 3, Some(40))]);
    assert_eq!(t.tier("a").unwrap().review, crate::tier::Cadence::months(1));
    let b = TermsFile::parse("brokerage.toml", BROKERAGE_TERMS, &scheme("brokerage")).unwrap();
    assert_eq!(b.terms().unwrap().price_basis, PriceBasis::Commission);
    let l = TermsFile::parse("leads.toml", LEADS_TERMS, &scheme("leads")).unwrap();
    assert_eq!(l, TermsFile::None { scheme: "leads".into() });
}

fn refused(text: &str) -> SourceError {
    TermsFile::parse("bad.toml", text, &scheme("default")).unwrap_err()
}

#[rstest]
#[case::unknown_field("price_pct = -5", "price_pct = -5\ndiscount = 3", Some(38), "unknown field")]
#[case::unknown_level("payment = \"cod_or_30d\"", "payment = \"net60\"", Some(45), "no payment terms \"net60\"")]
#[case::unknown_tier("code = \"D\"", "code = \"E\"", Some(60), "no tier \"E\"")]
#[case::tier_twice("code = \"D\"", "code = \"C\"", Some(60), "terms twice")]
#[case::bad_price("price_pct = 5", "price_pct = 500", Some(61), "between -100 and 100")]
#[case::bad_unit("unit = \"year\"", "unit = \"decade\"", Some(64), "unknown review unit")]
#[case::bad_lead_time("lead_time_days = 20", "lead_time_days = 0", Some(39), "between 1 and 3650")]
#[case::other_scheme("scheme = \"default\"", "scheme = \"leads\"", Some(12), "not \"default\"")]
#[case::bad_basis("price_basis = \"list\"", "price_basis = \"cost\"", Some(13), "\"list\" or \"commission\"")]
#[case::duplicate_level("code = \"cod_or_30d\"", "code = \"deferred_3m\"", Some(21), "duplicate payment code")]
fn bad_files_are_refused_naming_file_and_line(
    #[case] from: &str,
    #[case] to: &str,
    #[case] line: Option<usize>,
    #[case] words: &str,
) {
    let text = DEFAULT_TERMS.replacen(from, to, 1);
    assert_ne!(text, DEFAULT_TERMS, "the case changes the file: {from}");
    let e = refused(&text);
    assert!(e.problem.contains(words), "{e}");
    assert_eq!(e.line, line, "{e}");
    assert!(e.to_string().starts_with("bad.toml"), "{e}");
}

#[test]
fn a_missing_tier_is_named() {
    let cut = DEFAULT_TERMS.find("# D: the rulebook").unwrap();
    let e = refused(&DEFAULT_TERMS[..cut]);
    assert!(e.problem.contains("tier \"D\" of the scheme has no terms"), "{e}");
}

#[test]
fn a_file_without_terms_lists_nothing() {
    let text = "scheme = \"default\"\nnone = true\n\n[[payment]]\ncode = \"x\"\nzh = \"x\"\nen = \"x\"\n";
    let e = refused(text);
    assert!(e.problem.contains("no payment terms"), "{e}");
    assert_eq!(e.line, Some(5));
    let e = refused("scheme = \"default\"\n");
    assert!(e.problem.contains("none = true"), "{e}");
}
