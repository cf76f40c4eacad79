//! Rule models: the brokerage rulebook at its edges, missing values, choices in conditions,
//! labels (explanations: i18n::grading).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use rstest::rstest;

use super::tests::{customer, model, num, text};
use super::*;
use crate::test_data::grading_model;

fn brokerage() -> GradingModel {
    grading_model("brokerage").unwrap()
}

/// The tier and the deciding rule's English label for (assets, commission).
fn grade(assets: Option<f64>, commission: Option<f64>) -> (Option<String>, Option<String>) {
    let m = brokerage();
    let g = m.grade_all(&[customer(1, &[assets.and_then(num), commission.and_then(num)])]).remove(0);
    let label = g.rule.and_then(|r| m.rule_label(r, Lang::En)).map(str::to_string);
    (g.tier, label)
}

#[rstest]
#[case::commission_exactly_50k(0.0, 50_000.0, "VIP", "VIP")]
#[case::commission_just_below_50k(0.0, 49_999.99, "CORE", "core A")]
#[case::assets_exactly_5m(5_000_000.0, 0.0, "CORE", "core B")]
#[case::assets_just_above_5m(5_000_000.01, 0.0, "VIP", "VIP")]
#[case::assets_exactly_500k(500_000.0, 0.0, "CORE", "core B")]
#[case::assets_just_below_500k(499_999.0, 0.0, "POT", "potential")]
#[case::assets_exactly_200k(200_000.0, 0.0, "POT", "potential")]
#[case::assets_just_below_200k(199_999.0, 0.0, "ORD", "ordinary")]
#[case::small_assets_commission_5k(199_999.0, 5_000.0, "POT", "potential")]
#[case::commission_just_below_5k(0.0, 4_999.0, "ORD", "ordinary")]
#[case::commission_exactly_10k(0.0, 10_000.0, "CORE", "core A")]
#[case::commission_just_below_10k(0.0, 9_999.99, "POT", "potential")]
#[case::core_b_needs_commission_below_10k(1_000_000.0, 9_999.0, "CORE", "core B")]
#[case::large_assets_and_commission(6_000_000.0, 60_000.0, "VIP", "VIP")]
#[case::nothing(0.0, 0.0, "ORD", "ordinary")]
fn brokerage_thresholds_at_their_edges(
    #[case] assets: f64,
    #[case] commission: f64,
    #[case] tier: &str,
    #[case] label: &str,
) {
    assert_eq!(grade(Some(assets), Some(commission)), (Some(tier.into()), Some(label.into())));
}

#[rstest]
// Commission alone decides core A; a missing commission fails core B's "commission < 10,000".
#[case::commission_only(None, Some(20_000.0), Some("CORE"))]
#[case::assets_only_vip(Some(6_000_000.0), None, Some("VIP"))]
#[case::assets_only_not_core(Some(1_000_000.0), None, Some("ORD"))]
#[case::nothing_known(None, None, None)]
fn a_missing_value_makes_its_conditions_false(
    #[case] assets: Option<f64>,
    #[case] commission: Option<f64>,
    #[case] tier: Option<&str>,
) {
    assert_eq!(grade(assets, commission).0.as_deref(), tier);
}

#[test]
fn rule_grades_list_values_and_missing_without_points() {
    let m = brokerage();
    let g = m.grade_all(&[customer(3, &[num(1_000_000.0), None])]).remove(0);
    assert_eq!((g.customer, g.rule, g.score), (CustomerId(3), Some(4), None));
    assert_eq!(g.missing, [1]);
    assert!(g.lines.iter().all(|l| l.points.is_none()));
    assert_eq!(g.lines[0].value, num(1_000_000.0));
}

#[test]
fn rule_labels_by_index() {
    let m = brokerage();
    assert_eq!(m.rule_label(1, Lang::Zh), Some("核心A"));
    assert_eq!(m.rule_label(2, Lang::En), Some("core B"));
    assert_eq!(m.rule_label(5, Lang::En), None);
    assert_eq!(m.tiers(), ["VIP", "CORE", "POT", "ORD"]);
    assert_eq!(grading_model("distributor").unwrap().rule_label(0, Lang::En), None);
}

/// A rule model with a choice indicator and no catch-all.
const CHOICE_RULES: &str = r#"
[[indicator]]
code = "rating"
zh = "信誉"
en = "Rating"
choices = ["好", "差"]

[[indicator]]
code = "sales"
zh = "销售额"
en = "Sales"

[[rule]]
zh = "重点"
en = "key"
tier = "A"
all = [{ indicator = "Rating", op = "==", value = "好" }, { indicator = "sales", op = ">=", value = 1e6 }]

[[rule]]
zh = "一般"
en = "occasional"
tier = "D"
all = [{ indicator = "rating", op = "==", value = "差" }]
"#;

#[test]
fn choices_compare_by_equality_and_a_model_may_leave_customers_untiered() {
    let m = model(CHOICE_RULES);
    assert_eq!(m.warnings, ["no catch-all rule at the end: customers matching no rule get no tier"]);
    let grades = m.grade_all(&[
        customer(1, &[text("好"), num(2e6)]),
        customer(2, &[text("差"), num(2e6)]),
        customer(3, &[text("好"), num(10.0)]),
        customer(4, &[num(1.0), num(2e6)]),
    ]);
    let tiers: Vec<_> = grades.iter().map(|g| g.tier.as_deref()).collect();
    assert_eq!(tiers, [Some("A"), Some("D"), None, None]);
    assert_eq!(grades[3].missing, [0]);
}
