#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use rstest::rstest;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn c(n: u8) -> InvestorCategory {
    InvestorCategory::new(n).unwrap()
}

fn r(n: u8) -> RiskLevel {
    RiskLevel::new(n).unwrap()
}

fn assessed(category: Option<u8>, on: &str, expires: &str) -> AssessedCategory {
    AssessedCategory { category: category.map(c), band: "steady".into(), assessed_on: d(on), expires_on: d(expires) }
}

#[rstest]
#[case(1, &[1])]
#[case(2, &[1, 2])]
#[case(3, &[1, 2, 3])]
#[case(4, &[1, 2, 3, 4])]
#[case(5, &[1, 2, 3, 4, 5])]
fn each_category_suits_the_levels_up_to_its_own(#[case] category: u8, #[case] levels: &[u8]) {
    let got: Vec<u8> = suitable_levels(c(category)).iter().map(|l| l.number()).collect();
    assert_eq!(got, levels);
}

#[rstest]
#[case(5, &[5])]
#[case(4, &[4, 5])]
#[case(3, &[3, 4, 5])]
#[case(2, &[2, 3, 4, 5])]
#[case(1, &[1, 2, 3, 4, 5])]
fn each_level_is_suited_by_the_rules_categories(#[case] level: u8, #[case] categories: &[u8]) {
    let got: Vec<u8> = InvestorCategory::ALL.iter().filter(|x| x.suits(r(level))).map(|x| x.number()).collect();
    assert_eq!(got, categories);
}

#[rstest]
#[case("C1", Some(1))]
#[case(" c5 ", Some(5))]
#[case("C0", None)]
#[case("C6", None)]
#[case("3", None)]
#[case("R3", None)]
#[case("", None)]
fn categories_are_read_as_c1_to_c5(#[case] text: &str, #[case] want: Option<u8>) {
    assert_eq!(InvestorCategory::parse(text).map(InvestorCategory::number), want);
}

#[rstest]
#[case("R1", Some(1))]
#[case("r4", Some(4))]
#[case("5", Some(5))]
#[case(" 2 ", Some(2))]
#[case("R6", None)]
#[case("0", None)]
#[case("C3", None)]
#[case("高", None)]
#[case("", None)]
fn levels_are_read_as_r1_to_r5_or_1_to_5(#[case] text: &str, #[case] want: Option<u8>) {
    assert_eq!(RiskLevel::parse(text).map(RiskLevel::number), want);
}

#[test]
fn codes_print_as_the_rules_write_them() {
    assert_eq!((c(3).to_string(), r(5).to_string()), ("C3".to_string(), "R5".to_string()));
}

#[rstest]
// In force: the level decides.
#[case(Some(3), "2026-03-01", 3, Verdict::Suitable, Reason::Suits)]
#[case(Some(3), "2026-03-01", 4, Verdict::Unsuitable, Reason::TooRisky)]
#[case(Some(1), "2026-03-01", 1, Verdict::Suitable, Reason::Suits)]
#[case(Some(1), "2026-03-01", 2, Verdict::Unsuitable, Reason::TooRisky)]
#[case(Some(5), "2026-03-01", 5, Verdict::Suitable, Reason::Suits)]
// The day before expiry it still counts; on the day it expires it does not, even for R1.
#[case(Some(5), "2027-12-31", 5, Verdict::Suitable, Reason::Suits)]
#[case(Some(5), "2028-01-01", 1, Verdict::Unknown, Reason::Expired)]
#[case(Some(2), "2029-06-01", 5, Verdict::Unknown, Reason::Expired)]
// A band mapped to no category: unknown, whatever the level.
#[case(None, "2026-03-01", 1, Verdict::Unknown, Reason::NoCategory("steady".into()))]
fn judge_reads_the_category_the_level_and_the_expiry(
    #[case] category: Option<u8>,
    #[case] today: &str,
    #[case] level: u8,
    #[case] verdict: Verdict,
    #[case] reason: Reason,
) {
    let a = assessed(category, "2026-01-01", "2028-01-01");
    let j = judge(Some(&a), d(today), r(level));
    assert_eq!((j.verdict, &j.reason), (verdict, &reason));
    assert_eq!(j.is_suitable(), verdict == Verdict::Suitable);
    assert_eq!((j.level, j.category), (r(level), category.map(c)));
    assert_eq!((j.assessed_on, j.expires_on), (Some(d("2026-01-01")), Some(d("2028-01-01"))));
}

#[test]
fn no_assessment_is_unknown_never_suitable() {
    for level in RiskLevel::ALL {
        let j = judge(None, d("2026-03-01"), level);
        assert_eq!(
            (j.verdict, &j.reason, j.category, j.assessed_on),
            (Verdict::Unknown, &Reason::NotAssessed, None, None)
        );
    }
}

#[test]
fn verdicts_have_stable_codes() {
    let codes: Vec<_> = [Verdict::Suitable, Verdict::Unsuitable, Verdict::Unknown].map(Verdict::code).into();
    assert_eq!(codes, ["suitable", "unsuitable", "unknown"]);
}

#[test]
fn a_category_is_in_force_until_the_day_it_expires() {
    let a = assessed(Some(2), "2026-01-01", "2028-01-01");
    assert_eq!(a.in_force(d("2027-12-31")), Some(c(2)));
    assert_eq!(a.in_force(d("2028-01-01")), None);
}

const CATALOGUE: &str = r#"
[[product]]
code = "MMF01"
zh = "货币基金"
en = "Money market fund"
level = "R1"

[[product]]
code = "PE01"
zh = "私募股权"
en = "Private equity"
level = "r5"
"#;

#[test]
fn a_catalogue_loads_and_finds_by_code() {
    let cat = ProductCatalogue::parse("p.toml", CATALOGUE).unwrap();
    assert_eq!(cat.products.len(), 2);
    let pe = cat.find("pe01").unwrap();
    assert_eq!((pe.code.as_str(), pe.level, pe.name(crate::lang::Lang::En)), ("PE01", r(5), "Private equity"));
    assert!(cat.find("nope").is_none());
}

#[rstest]
#[case("level = \"R1\"", "level = \"R6\"", "line 6", "level \"R6\" is not R1 to R5")]
#[case("code = \"PE01\"", "code = \"MMF01\"", "line 9", "duplicate product code \"MMF01\"")]
#[case("code = \"PE01\"", "code = \"P E\"", "line 9", "must be one word")]
#[case("en = \"Private equity\"", "en = \" \"", "line 9", "needs a zh and an en name")]
#[case("level = \"r5\"", "level = \"r5\"\ncolour = \"red\"", "line 13", "unknown field")]
fn a_bad_catalogue_is_refused_naming_the_line(
    #[case] from: &str,
    #[case] to: &str,
    #[case] line: &str,
    #[case] problem: &str,
) {
    let text = CATALOGUE.replacen(from, to, 1);
    let e = ProductCatalogue::parse("p.toml", &text).unwrap_err().to_string();
    assert!(e.starts_with(&format!("p.toml, {line}: ")) && e.contains(problem), "{e}");
}
