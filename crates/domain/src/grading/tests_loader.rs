//! The loader's refusals: each names the file, the entry (`indicator "up"`, `rule 3`,
//! `band 2`…), the line where it can, and the problem.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use rstest::rstest;

use super::tests::HEAD;
use super::*;
use crate::test_data::{BUILTIN_GRADING, default_scheme};

const SCORE: &str = r#"
[score]
bands = [{ tier = "A", min = 50 }, { tier = "D", min = 0 }]

[[indicator]]
code = "up"
zh = "越高越好"
en = "Higher is better"
weight = 60
linear = { lo = 0, hi = 100 }

[[indicator]]
code = "rating"
zh = "信誉"
en = "Rating"
weight = 40
choices = ["好", "一般", "差"]
lookup = { "好" = 100, "一般" = 50, "差" = 0 }
"#;

fn score_text() -> String {
    format!("{HEAD}{SCORE}")
}

fn brokerage_text() -> &'static str {
    BUILTIN_GRADING[1].1
}

/// The text with `from` replaced by `to` (which must occur), refused.
fn refused(text: &str, from: &str, to: &str) -> GradingError {
    assert!(text.contains(from), "{from:?} is not in the text");
    GradingModel::parse("bad.toml", &text.replacen(from, to, 1)).unwrap_err()
}

/// The error names the file, the entry and the problem, on the line of `at` in the new text.
fn assert_error(e: &GradingError, entry: Option<&str>, problem: &str) {
    assert_eq!(e.file, "bad.toml");
    assert_eq!(e.entry(), entry, "{e}");
    assert!(e.problem.contains(problem), "{e}");
    let shown = e.to_string();
    assert!(shown.starts_with("bad.toml"), "{shown}");
    if let Some(entry) = entry {
        assert!(shown.contains(&format!(", {entry}: ")), "{shown}");
    }
    assert!(shown.ends_with(&e.problem), "{shown}");
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_with(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

#[test]
fn the_base_texts_load() {
    GradingModel::parse("t.toml", &score_text()).unwrap();
    GradingModel::parse("t.toml", brokerage_text()).unwrap();
}

#[rstest]
#[case::syntax("weight = 60", "weight = 60 60", "indicator \"up\"", "", "weight = 60 60")]
#[case::unknown_key("weight = 60", "wieght = 60", "indicator \"up\"", "unknown field `wieght`", "wieght")]
#[case::unknown_key_in_score("[score]\n", "[score]\nscale = 100\n", "score", "unknown field `scale`", "scale = 100")]
#[case::duplicate_code(
    "code = \"rating\"",
    "code = \"UP\"",
    "indicator \"UP\"",
    "duplicate indicator code (indicator 1 has it too)",
    "code = \"UP\""
)]
#[case::zero_weight("weight = 60", "weight = 0", "indicator \"up\"", "weight must be more than 0, not 0", "weight = 0")]
#[case::negative_weight(
    "weight = 60",
    "weight = -5",
    "indicator \"up\"",
    "weight must be more than 0, not -5",
    "weight = -5"
)]
#[case::no_weight("weight = 60\n", "", "indicator \"up\"", "weight is missing", "code = \"up\"")]
#[case::flat_linear(
    "hi = 100",
    "hi = 0",
    "indicator \"up\"",
    "linear needs two different bounds (lo 0, hi 0)",
    "hi = 0"
)]
#[case::no_points_rule(
    "linear = { lo = 0, hi = 100 }",
    "",
    "indicator \"up\"",
    "say how a value earns points",
    "code = \"up\""
)]
#[case::linear_and_bands(
    "linear = { lo = 0, hi = 100 }",
    "linear = { lo = 0, hi = 100 }\nbands = [{ from = 0, points = 1 }]",
    "indicator \"up\"",
    "either linear or bands",
    "linear = {"
)]
#[case::bands_descending(
    "linear = { lo = 0, hi = 100 }",
    "bands = [{ from = 0, points = 0 }, { from = 10, points = 50 }, { from = 10, points = 100 }]",
    "indicator \"up\"",
    "bands must ascend: band 3 starts at 10, not above 10",
    "from = 10, points = 100"
)]
#[case::band_points_over_100(
    "linear = { lo = 0, hi = 100 }",
    "bands = [{ from = 0, points = 150 }]",
    "indicator \"up\"",
    "points must be 0 to 100",
    "points = 150"
)]
#[case::empty_lookup(
    "lookup = { \"好\" = 100, \"一般\" = 50, \"差\" = 0 }",
    "lookup = {}",
    "indicator \"rating\"",
    "lookup is empty",
    "lookup = {}"
)]
#[case::lookup_misses_a_choice(
    "\"差\" = 0 }",
    "}",
    "indicator \"rating\"",
    "lookup has no points for choice \"差\"",
    "lookup = {"
)]
#[case::lookup_names_a_stray(
    "\"差\" = 0 }",
    "\"差\" = 0, \"极好\" = 100 }",
    "indicator \"rating\"",
    "lookup names \"极好\"",
    "lookup = {"
)]
#[case::lookup_for_a_number(
    "linear = { lo = 0, hi = 100 }",
    "lookup = { \"x\" = 1 }",
    "indicator \"up\"",
    "lookup is for choice indicators",
    "lookup = {"
)]
#[case::choice_without_lookup(
    "lookup = { \"好\" = 100, \"一般\" = 50, \"差\" = 0 }",
    "",
    "indicator \"rating\"",
    "a choice indicator needs a lookup",
    "code = \"rating\""
)]
#[case::bands_gap(
    "{ tier = \"D\", min = 0 }",
    "{ tier = \"D\", min = 10 }",
    "band 2",
    "a gap below the last band: scores under 10 get no tier",
    "bands = ["
)]
#[case::bands_overlap(
    "{ tier = \"D\", min = 0 }",
    "{ tier = \"D\", min = 50 }, { tier = \"E\", min = 0 }",
    "band 2",
    "bands overlap: D starts at 50",
    "bands = ["
)]
#[case::bands_out_of_order(
    "{ tier = \"D\", min = 0 }",
    "{ tier = \"D\", min = 60 }, { tier = \"E\", min = 0 }",
    "band 2",
    "bands are out of order",
    "bands = ["
)]
#[case::bands_duplicate_tier(
    "{ tier = \"D\", min = 0 }",
    "{ tier = \"A\", min = 0 }",
    "band 2",
    "tier \"A\" has two bands (band 1 too)",
    "bands = ["
)]
#[case::quotas_not_100(
    "bands = [{ tier = \"A\", min = 50 }, { tier = \"D\", min = 0 }]",
    "quotas = [{ tier = \"A\", percent = 20 }, { tier = \"B\", percent = 30 }, { tier = \"C\", percent = 40 }]",
    "score",
    "quotas sum to 90%, not 100%",
    "quotas = ["
)]
#[case::quotas_and_bands(
    "[score]\n",
    "[score]\nquotas = [{ tier = \"A\", percent = 100 }]\n",
    "score",
    "either bands or quotas",
    "bands = ["
)]
#[case::score_and_rules(
    "[score]\n",
    "[[rule]]\nzh = \"x\"\nen = \"x\"\ntier = \"A\"\n\n[score]\n",
    "",
    "not both",
    "[score]"
)]
#[case::neither(
    "[score]\nbands = [{ tier = \"A\", min = 50 }, { tier = \"D\", min = 0 }]\n",
    "",
    "",
    "neither a [score] table nor [[rule]] tables",
    ""
)]
fn refuses_a_bad_score_model(
    #[case] from: &str,
    #[case] to: &str,
    #[case] entry: &str,
    #[case] problem: &str,
    #[case] at: &str,
) {
    let text = score_text();
    let e = refused(&text, from, to);
    assert_error(&e, (!entry.is_empty()).then_some(entry), problem);
    // `at`: a text on the line the error must point to; empty when the file as a whole is wrong.
    let want = (!at.is_empty()).then(|| line_with(&text.replacen(from, to, 1), at)).flatten();
    assert_eq!(e.line, want, "{e}");
}

#[test]
fn a_syntax_error_names_its_line() {
    let text = score_text().replacen("weight = 60", "weight = 60 60", 1);
    let e = GradingModel::parse("bad.toml", &text).unwrap_err();
    assert_eq!(e.line, line_with(&text, "weight = 60 60"), "{e}");
    assert_error(&e, Some("indicator \"up\""), "");
    let e = GradingModel::parse("bad.toml", "id = \"x\nscheme = 1").unwrap_err();
    assert_eq!((e.line, e.entry()), (Some(1), None), "{e}");
}

#[rstest]
#[case::unknown_indicator(
    "indicator = \"net_commission\", op = \">=\", value = 50_000",
    "indicator = \"commission\", op = \">=\", value = 50_000",
    "rule 1",
    "unknown indicator \"commission\" (known: avg_daily_assets, net_commission)"
)]
#[case::unknown_op("op = \">\"", "op = \"=>\"", "rule 1", "unknown op \"=>\" (use >, >=, <, <= or ==)")]
#[case::text_for_a_number("value = 5_000_000 }", "value = \"5M\" }", "rule 1", "compare it with a number")]
#[case::unknown_key_in_a_rule(
    "tier = \"CORE\"\nall = [",
    "tier = \"CORE\"\nxall = [",
    "rule 2",
    "unknown field `xall`"
)]
#[case::weight_in_a_rule_model(
    "unit = \"RMB\"",
    "unit = \"RMB\"\nweight = 10",
    "indicator \"avg_daily_assets\"",
    "`weight` gives points, but this model grades by rules"
)]
#[case::empty_group(
    "any = [\n    [{ indicator = \"avg_daily_assets\"",
    "any = [[],\n    [{ indicator = \"avg_daily_assets\"",
    "rule 1",
    "an empty group of conditions"
)]
#[case::all_and_any("tier = \"VIP\"\n", "tier = \"VIP\"\nall = []\n", "rule 1", "either all or any, not both")]
#[case::empty_label("zh = \"贵宾\"", "zh = \" \"", "rule 1", "the zh label is empty")]
fn refuses_a_bad_rule_model(#[case] from: &str, #[case] to: &str, #[case] entry: &str, #[case] problem: &str) {
    let e = refused(brokerage_text(), from, to);
    assert_error(&e, Some(entry), problem);
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn refuses_a_catch_all_before_the_last_rule() {
    let text = brokerage_text().replacen(
        "[[rule]]\nzh = \"核心A\"",
        "[[rule]]\nzh = \"全部\"\nen = \"all\"\ntier = \"ORD\"\n\n[[rule]]\nzh = \"核心A\"",
        1,
    );
    let e = GradingModel::parse("bad.toml", &text).unwrap_err();
    assert_error(&e, Some("rule 2"), "must be the last: rules 3 to 6 could never match");
    assert_eq!(e.line, line_with(&text, "tier = \"ORD\""));
}

#[test]
fn refuses_an_order_on_choices_and_an_unknown_choice() {
    let rules = "\n[[rule]]\nzh = \"好\"\nen = \"good\"\ntier = \"A\"\nall = [{ indicator = \"rating\", op = \">\", value = \"好\" }]\n";
    let base = format!(
        "{HEAD}\n[[indicator]]\ncode = \"rating\"\nzh = \"信誉\"\nen = \"Rating\"\nchoices = [\"好\", \"差\"]\n{rules}"
    );
    let e = GradingModel::parse("bad.toml", &base).unwrap_err();
    assert_error(&e, Some("rule 1"), "choices have no order: use == with rating");
    let e = GradingModel::parse("bad.toml", &base.replace("op = \">\", value = \"好\"", "op = \"==\", value = \"优\""))
        .unwrap_err();
    assert_error(&e, Some("rule 1"), "\"优\" is not one of rating's choices (好, 差)");
}

#[rstest]
#[case("provisional_months = 12", "provisional_months = 500", "provisional_months must be between 0 and 120, not 500")]
#[case("id = \"brokerage\"", "id = \"broker age\"", "must be one word")]
#[case("en = \"Securities brokerage\"", "en = \"\"", "the en name is empty")]
fn refuses_a_bad_header(#[case] from: &str, #[case] to: &str, #[case] problem: &str) {
    let e = refused(brokerage_text(), from, to);
    assert_error(&e, None, problem);
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn refuses_a_model_without_indicators() {
    let e = GradingModel::parse("bad.toml", &format!("{HEAD}[score]\nbands = [{{ tier = \"A\", min = 0 }}]\n"))
        .unwrap_err();
    assert_error(&e, None, "no indicators");
}

#[test]
fn check_scheme_refuses_unknown_tiers_and_a_wrong_order() {
    let scheme = default_scheme();
    let m = GradingModel::parse("m.toml", &score_text()).unwrap();
    m.check_scheme("m.toml", &scheme).unwrap();
    let text = score_text().replace("tier = \"D\"", "tier = \"Z\"");
    let m = GradingModel::parse("bad.toml", &text).unwrap();
    let e = m.check_scheme("bad.toml", &scheme).unwrap_err();
    assert_error(&e, Some("band 2"), "unknown tier \"Z\" (scheme \"default\" has A, B, C, D)");
    assert_eq!(e.line, line_with(&text, "tier = \"Z\""));
    let m = GradingModel::parse("bad.toml", &score_text().replace("tier = \"D\"", "tier = \"d\"")).unwrap();
    let e = m.check_scheme("bad.toml", &scheme).unwrap_err();
    assert!(e.problem.ends_with("did you mean \"D\"?"), "{e}");
    let swapped = score_text()
        .replace("tier = \"A\"", "tier = \"X\"")
        .replace("tier = \"D\"", "tier = \"A\"")
        .replace("tier = \"X\"", "tier = \"D\"");
    let e = GradingModel::parse("bad.toml", &swapped).unwrap().check_scheme("bad.toml", &scheme).unwrap_err();
    assert_error(&e, Some("band 2"), "A is listed after D, but the scheme ranks A higher");
    // The brokerage rules against the default scheme: VIP is not one of its tiers.
    let e = GradingModel::parse("b.toml", brokerage_text()).unwrap().check_scheme("bad.toml", &scheme).unwrap_err();
    assert_error(&e, Some("rule 1"), "unknown tier \"VIP\"");
}
