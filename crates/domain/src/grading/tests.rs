//! Score models: points per indicator, score bands at their edges, rank quotas with their
//! rounding and ties, missing values, scaling and its warning (explanations: i18n::grading).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use chrono::NaiveDate;
use rstest::rstest;

use super::*;
use crate::test_data::grading_model;

pub(super) const HEAD: &str = "id = \"t\"\nscheme = \"default\"\nname = { zh = \"测试\", en = \"Test\" }\n";

pub(super) fn model(body: &str) -> GradingModel {
    GradingModel::parse("t.toml", &format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"))
}

pub(super) fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

pub(super) fn num(n: f64) -> Option<Value> {
    Some(Value::Number(n))
}

pub(super) fn text(t: &str) -> Option<Value> {
    Some(Value::Text(t.into()))
}

pub(super) fn customer(id: i64, values: &[Option<Value>]) -> CustomerValues {
    let values = values.iter().map(|v| v.clone().map(|value| Measured { value, measured_on: day() })).collect();
    CustomerValues { customer: CustomerId(id), values }
}

/// Four ways to points, each with weight 10.
const POINTS: &str = r#"
[score]
bands = [{ tier = "A", min = 0 }]

[[indicator]]
code = "up"
zh = "越高越好"
en = "Higher is better"
weight = 10
linear = { lo = 0, hi = 100 }

[[indicator]]
code = "down"
zh = "回款天数"
en = "Days to pay"
unit = "days"
weight = 10
linear = { lo = 90, hi = 15 }

[[indicator]]
code = "steps"
zh = "进货额"
en = "Amount"
weight = 10
bands = [{ from = 0, points = 0 }, { from = 1_000_000, points = 50 }, { from = 5_000_000, points = 100 }]

[[indicator]]
code = "rating"
zh = "信誉"
en = "Rating"
weight = 10
choices = ["好", "较好", "一般", "差"]
lookup = { "好" = 100, "较好" = 75, "一般" = 50, "差" = 0 }
"#;

#[rstest]
#[case::linear_bottom("up", num(0.0), Some(0.0))]
#[case::linear_middle("up", num(25.0), Some(0.25))]
#[case::linear_top("up", num(100.0), Some(1.0))]
#[case::linear_clamps_above("up", num(250.0), Some(1.0))]
#[case::linear_clamps_below("up", num(-5.0), Some(0.0))]
#[case::lower_is_better_fast("down", num(15.0), Some(1.0))]
#[case::lower_is_better_faster("down", num(3.0), Some(1.0))]
#[case::lower_is_better_middle("down", num(52.5), Some(0.5))]
#[case::lower_is_better_slow("down", num(90.0), Some(0.0))]
#[case::lower_is_better_slower("down", num(200.0), Some(0.0))]
#[case::bands_below_first("steps", num(-1.0), Some(0.0))]
#[case::bands_first("steps", num(0.0), Some(0.0))]
#[case::bands_just_below_edge("steps", num(999_999.99), Some(0.0))]
#[case::bands_at_edge("steps", num(1_000_000.0), Some(0.5))]
#[case::bands_between("steps", num(4_999_999.0), Some(0.5))]
#[case::bands_top("steps", num(5_000_000.0), Some(1.0))]
#[case::bands_beyond("steps", num(9e9), Some(1.0))]
#[case::lookup_best("rating", text("好"), Some(1.0))]
#[case::lookup_fair("rating", text("较好"), Some(0.75))]
#[case::lookup_worst("rating", text("差"), Some(0.0))]
#[case::lookup_unknown("rating", text("excellent"), None)]
#[case::number_for_a_choice("rating", num(1.0), None)]
#[case::text_for_a_number("up", text("好"), None)]
fn indicators_turn_values_into_fractions(#[case] code: &str, #[case] value: Option<Value>, #[case] want: Option<f64>) {
    let m = model(POINTS);
    let indicator = &m.indicators[m.indicator_index(code).unwrap()];
    let got = indicator.fraction(&value.unwrap());
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{code}: {g} != {w}"),
        _ => assert_eq!(got, want, "{code}"),
    }
}

#[test]
fn a_score_is_the_sum_of_weight_times_fraction() {
    let m = model(POINTS);
    let g = &m.grade_all(&[customer(1, &[num(50.0), num(52.5), num(1_000_000.0), text("较好")])])[0];
    assert_eq!(g.score, Some(5.0 + 5.0 + 5.0 + 7.5));
    let points: Vec<_> = g.lines.iter().map(|l| l.points).collect();
    assert_eq!(points, [Some(5.0), Some(5.0), Some(5.0), Some(7.5)]);
    assert_eq!(g.lines[3].value, text("较好"));
    assert_eq!(g.lines[3].measured_on, Some(day()));
    assert!(g.missing.is_empty());
    assert_eq!(
        m.warnings,
        ["weights sum to 40, not 100; scores are not rescaled, so the highest possible score is 40"]
    );
}

#[test]
fn missing_values_earn_nothing_and_are_listed() {
    let m = model(POINTS);
    let g = &m.grade_all(&[customer(1, &[num(100.0), None, text("不知道")])])[0];
    assert_eq!(g.score, Some(10.0));
    assert_eq!(g.tier.as_deref(), Some("A"));
    // None, an unknown choice, and a list too short for the fourth indicator.
    assert_eq!(g.missing, [1, 2, 3]);
    assert_eq!(g.lines.iter().map(|l| l.points).collect::<Vec<_>>(), [Some(10.0), Some(0.0), Some(0.0), Some(0.0)]);
}

#[test]
fn a_customer_without_any_value_gets_no_tier() {
    let m = model(POINTS);
    let g = &m.grade_all(&[customer(7, &[None, None]), customer(8, &[])])[1];
    assert_eq!((g.customer, g.tier.as_deref(), g.score), (CustomerId(8), None, None));
    assert_eq!(g.missing, [0, 1, 2, 3]);
    assert!(g.lines.iter().all(|l| l.value.is_none() && l.points.is_none()));
}

/// One indicator worth 100 whose value is the score.
fn banded(extra: &str) -> GradingModel {
    model(&format!(
        "[score]\n{extra}bands = [{{ tier = \"A\", min = 91 }}, {{ tier = \"B\", min = 81 }}, \
         {{ tier = \"C\", min = 71 }}, {{ tier = \"D\", min = 0 }}]\n\n[[indicator]]\ncode = \"s\"\n\
         zh = \"分\"\nen = \"Score\"\nweight = 100\nlinear = {{ lo = 0, hi = 100 }}\n"
    ))
}

#[rstest]
#[case(100.0, "A")]
#[case(91.0, "A")]
#[case(90.99, "B")]
#[case(81.0, "B")]
#[case(80.99, "C")]
#[case(71.0, "C")]
#[case(70.99, "D")]
#[case(70.0, "D")]
#[case(0.0, "D")]
fn score_bands_at_their_edges(#[case] score: f64, #[case] tier: &str) {
    let m = banded("");
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let g = &m.grade_all(&[customer(1, &[num(score)])])[0];
    assert_eq!((g.score, g.tier.as_deref()), (Some(score), Some(tier)));
}

#[test]
fn scale_to_rescales_a_score_whose_weights_miss_100() {
    let m = model(
        "[score]\nscale_to = 100\nbands = [{ tier = \"A\", min = 91 }, { tier = \"D\", min = 0 }]\n\n[[indicator]]\n\
         code = \"s\"\nzh = \"分\"\nen = \"Score\"\nweight = 90\nlinear = { lo = 0, hi = 90 }\n",
    );
    assert_eq!(m.warnings, ["weights sum to 90, not 100; scores are scaled to 100"]);
    // 81.9 of 90 is 91 of 100 exactly, though not in floating point: it must still be an A.
    let grades = m.grade_all(&[customer(1, &[num(81.9)]), customer(2, &[num(81.8)]), customer(3, &[num(90.0)])]);
    let got: Vec<_> = grades.iter().map(|g| (g.score, g.tier.as_deref())).collect();
    assert_eq!(got, [(Some(91.0), Some("A")), (Some(90.89), Some("D")), (Some(100.0), Some("A"))]);
}

#[test]
fn without_scale_to_an_unreachable_band_is_reported() {
    let m = model(
        "[score]\nbands = [{ tier = \"A\", min = 91 }, { tier = \"D\", min = 0 }]\n\n[[indicator]]\n\
         code = \"s\"\nzh = \"分\"\nen = \"Score\"\nweight = 90\nlinear = { lo = 0, hi = 90 }\n",
    );
    assert_eq!(
        m.warnings,
        [
            "weights sum to 90, not 100; scores are not rescaled, so the highest possible score is 90",
            "band A needs a score of 91, but the highest possible score is 90: nobody can reach it",
        ]
    );
    assert_eq!(m.grade_all(&[customer(1, &[num(90.0)])])[0].tier.as_deref(), Some("D"));
}

#[test]
fn the_shipped_distributor_model_grades_a_customer() {
    let m = grading_model("distributor").unwrap();
    let raw = ["3,000,000", "25000", "10%", "12", "52.5", "25", "90", "phone"];
    let values: Vec<_> = raw.iter().enumerate().map(|(i, r)| Some(m.parse_value(i, r).unwrap())).collect();
    let g = &m.grade_all(&[customer(1, &values)])[0];
    // 10 + 5 + 6 + 10 + 7.5 + 7.5 + 1.5 + 2.5 = 50 of 90, scaled to 55.56 of 100.
    assert_eq!((g.score, g.tier.as_deref()), (Some(55.56), Some("D")));
    let full = ["10000000", "50000", "20", "12", "15", "50", "100", "edi"];
    let values: Vec<_> = full.iter().enumerate().map(|(i, r)| Some(m.parse_value(i, r).unwrap())).collect();
    let g = &m.grade_all(&[customer(2, &values)])[0];
    assert_eq!((g.score, g.tier.as_deref()), (Some(100.0), Some("A")));
}

#[test]
fn typed_values_follow_the_indicator() {
    let m = grading_model("distributor").unwrap();
    let margin = m.indicator_index("GROSS_MARGIN").unwrap();
    assert_eq!(m.parse_value(margin, "12.5%"), Ok(Value::Number(12.5)));
    let amount = m.indicator_index("purchase_amount").unwrap();
    assert_eq!(m.parse_value(amount, "12%"), Err(ValueProblem::PercentNotMeasured { raw: "12%".into() }));
    assert_eq!(m.parse_value(amount, "300万"), Ok(Value::Number(3_000_000.0)));
    let method = m.indicator_index("ordering_method").unwrap();
    assert_eq!(m.parse_value(method, " edi "), Ok(Value::Text("edi".into())));
    let choices = ["edi", "online", "phone", "walk-in"].map(String::from).to_vec();
    assert_eq!(m.parse_value(method, "EDI"), Err(ValueProblem::NotAChoice { raw: "EDI".into(), choices }));
    assert!(m.parse_value(99, "1").is_err());
    assert_eq!(m.indicator_index("nope"), None);
    assert_eq!(m.indicators[margin].name(Lang::Zh), "毛利率");
    assert_eq!(m.name(Lang::En), "Distributor score");
}

/// The rulebook's quotas: top 20% A, next 30% B, next 40% C, last 10% D.
fn ranked() -> GradingModel {
    model(
        "[score]\nquotas = [{ tier = \"A\", percent = 20 }, { tier = \"B\", percent = 30 }, \
         { tier = \"C\", percent = 40 }, { tier = \"D\", percent = 10 }]\n\n[[indicator]]\ncode = \"s\"\n\
         zh = \"分\"\nen = \"Score\"\nweight = 100\nlinear = { lo = 0, hi = 100 }\n",
    )
}

/// Tiers by customer, for scores given in customer order (None: no value).
fn quota_tiers(scores: &[Option<f64>]) -> String {
    let customers: Vec<_> = scores.iter().enumerate().map(|(i, s)| customer(i as i64, &[s.and_then(num)])).collect();
    let grades = ranked().grade_all(&customers);
    grades.iter().map(|g| g.tier.as_deref().unwrap_or("-")).collect()
}

fn scores(s: &[f64]) -> Vec<Option<f64>> {
    s.iter().copied().map(Some).collect()
}

#[rstest]
#[case::ten(scores(&[100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0]), "AABBBCCCCD")]
#[case::ten_shuffled(scores(&[10.0, 100.0, 50.0, 90.0, 20.0, 80.0, 30.0, 70.0, 40.0, 60.0]), "DACACBCBCB")]
// 7 × 20% = 1.4 → 2; 7 × 50% = 3.5 → 4; 7 × 90% = 6.3 → 7: rounding up leaves D empty.
#[case::seven(scores(&[70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0]), "AABBCCC")]
#[case::tie_at_the_a_edge(scores(&[100.0, 90.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0]), "AAABBCCCCD")]
#[case::tie_at_the_d_edge(scores(&[100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 20.0]), "AABBBCCCCC")]
#[case::all_equal(scores(&[5.0, 5.0, 5.0, 5.0]), "AAAA")]
#[case::one(scores(&[5.0]), "A")]
#[case::without_values_not_ranked(
    vec![Some(100.0), None, Some(90.0), Some(80.0), Some(70.0), Some(60.0), None, Some(50.0), Some(40.0), Some(30.0), Some(20.0), Some(10.0)],
    "A-ABBB-CCCCD"
)]
fn rank_quotas(#[case] scores: Vec<Option<f64>>, #[case] want: &str) {
    assert_eq!(quota_tiers(&scores), want);
}

#[test]
fn ties_share_a_place() {
    let m = ranked();
    let values = [100.0, 90.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0];
    let grades =
        m.grade_all(&values.iter().enumerate().map(|(i, v)| customer(i as i64, &[num(*v)])).collect::<Vec<_>>());
    let places: Vec<_> = grades.iter().map(|g| g.rank.unwrap().place).collect();
    assert_eq!(places, [1, 2, 2, 4, 5, 6, 7, 8, 9, 10]);
    assert!(grades.iter().all(|g| g.rank.unwrap().of == 10));
}

#[test]
fn the_shipped_ranked_model_ranks_by_its_eight_items() {
    let m = grading_model("ranked").unwrap();
    assert_eq!(m.indicators.len(), 8);
    assert!(m.warnings.is_empty());
    let strong = ["12,000,000", "好", "20", "52", "专营", "50", "10", "好"];
    let weak = ["500000", "差", "2", "4", "兼营", "5", "1", "一般"];
    let parse = |raw: &[&str]| -> Vec<Option<Value>> {
        raw.iter().enumerate().map(|(i, r)| Some(m.parse_value(i, r).unwrap())).collect()
    };
    let grades = m.grade_all(&[customer(1, &parse(&weak)), customer(2, &parse(&strong))]);
    assert_eq!(grades[1].score, Some(100.0));
    assert_eq!((grades[1].tier.as_deref(), grades[0].tier.as_deref()), (Some("A"), Some("C")));
}
