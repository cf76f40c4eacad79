//! Explanations of grades in both languages: bands at their edges, scaling, quotas with ties,
//! the deciding rule and its group, missing values, no values at all.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use chrono::NaiveDate;

use super::*;
use crate::domain::customer::CustomerId;
use crate::domain::grading::{CustomerValues, Measured};

const HEAD: &str = "id = \"t\"\nscheme = \"default\"\nname = { zh = \"测试\", en = \"Test\" }\n";

fn model(body: &str) -> GradingModel {
    GradingModel::parse("t.toml", &format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"))
}

fn num(n: f64) -> Option<Value> {
    Some(Value::Number(n))
}

fn text(t: &str) -> Option<Value> {
    Some(Value::Text(t.into()))
}

fn customer(id: i64, values: &[Option<Value>]) -> CustomerValues {
    let day = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let values = values.iter().map(|v| v.clone().map(|value| Measured { value, measured_on: day })).collect();
    CustomerValues { customer: CustomerId(id), values }
}

fn shipped(id: &str) -> GradingModel {
    crate::data::grading_model(id).unwrap()
}

/// One indicator worth 100 whose value is the score, in bands or quotas.
fn one(tiers: &str, scale: &str, weight: u32) -> GradingModel {
    model(&format!(
        "[score]\n{scale}{tiers}\n\n[[indicator]]\ncode = \"s\"\nzh = \"分\"\nen = \"Score\"\nweight = {weight}\n\
         linear = {{ lo = 0, hi = {weight} }}\n"
    ))
}

const BANDS: &str = "bands = [{ tier = \"A\", min = 91 }, { tier = \"B\", min = 81 }, { tier = \"C\", min = 71 }, \
                     { tier = \"D\", min = 0 }]";

#[test]
fn explains_a_band() {
    let m = one(BANDS, "", 100);
    let say = |score: f64, lang| explain(&m, &m.grade_all(&[customer(1, &[num(score)])])[0], lang);
    assert_eq!(say(95.0, Lang::En), "score 95 (band A: score >= 91)");
    assert_eq!(say(86.5, Lang::En), "score 86.5 (band B: 81 <= score < 91)");
    assert_eq!(say(12.0, Lang::En), "score 12 (band D: score < 71)");
    assert_eq!(say(86.5, Lang::Zh), "得分 86.5（B 档：81 <= 得分 < 91）");
}

#[test]
fn explains_scaling_and_what_is_missing() {
    let m = one("bands = [{ tier = \"A\", min = 91 }, { tier = \"D\", min = 0 }]", "scale_to = 100\n", 90);
    let g = &m.grade_all(&[customer(1, &[num(81.9)])])[0];
    assert_eq!(explain(&m, g, Lang::En), "score 91 (scaled from 81.9 of 90; band A: score >= 91)");
    assert_eq!(explain(&m, g, Lang::Zh), "得分 91（由 81.9/90 折算；A 档：得分 >= 91）");

    let m = model(
        "[score]\nbands = [{ tier = \"A\", min = 0 }]\n\n\
         [[indicator]]\ncode = \"up\"\nzh = \"越高越好\"\nen = \"Higher is better\"\nweight = 10\nlinear = { lo = 0, hi = 100 }\n\n\
         [[indicator]]\ncode = \"down\"\nzh = \"回款天数\"\nen = \"Days to pay\"\nweight = 10\nlinear = { lo = 90, hi = 15 }\n\n\
         [[indicator]]\ncode = \"rating\"\nzh = \"信誉\"\nen = \"Rating\"\nweight = 10\nchoices = [\"好\", \"差\"]\n\
         lookup = { \"好\" = 100, \"差\" = 0 }\n",
    );
    let g = &m.grade_all(&[customer(1, &[num(100.0), None, text("不知道")])])[0];
    assert_eq!(explain(&m, g, Lang::En), "score 10 (band A: every score); missing: Days to pay, Rating");
    assert_eq!(explain(&m, g, Lang::Zh), "得分 10（A 档：所有得分）；缺：回款天数、信誉");
    let g = &m.grade_all(&[customer(8, &[])])[0];
    assert_eq!(explain(&m, g, Lang::En), "no values: not graded");
    assert_eq!(explain(&m, g, Lang::Zh), "没有指标值，无法评级");

    let m = shipped("distributor");
    let raw = ["3,000,000", "25000", "10%", "12", "52.5", "25", "90", "phone"];
    let values: Vec<_> = raw.iter().enumerate().map(|(i, r)| Some(m.parse_value(i, r).unwrap())).collect();
    let g = &m.grade_all(&[customer(1, &values)])[0];
    assert_eq!(explain(&m, g, Lang::En), "score 55.56 (scaled from 50 of 90; band D: score < 71)");
}

#[test]
fn ties_explain_their_quota() {
    let quotas = "quotas = [{ tier = \"A\", percent = 20 }, { tier = \"B\", percent = 30 }, \
                  { tier = \"C\", percent = 40 }, { tier = \"D\", percent = 10 }]";
    let m = one(quotas, "", 100);
    let values = [100.0, 90.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0];
    let customers: Vec<_> = values.iter().enumerate().map(|(i, v)| customer(i as i64, &[num(*v)])).collect();
    let grades = m.grade_all(&customers);
    assert_eq!(explain(&m, &grades[2], Lang::En), "score 90, rank 2 of 10 (quota A: top 20%)");
    assert_eq!(explain(&m, &grades[4], Lang::En), "score 70, rank 5 of 10 (quota B: top 20%-50%)");
    assert_eq!(explain(&m, &grades[4], Lang::Zh), "得分 70，排名 5/10（B 档：前 20%-50%）");
}

#[test]
fn explains_the_deciding_rule() {
    let m = shipped("brokerage");
    let say = |assets: Option<f64>, commission: Option<f64>, lang| {
        let g = m.grade_all(&[customer(1, &[assets.and_then(num), commission.and_then(num)])]).remove(0);
        explain(&m, &g, lang)
    };
    assert_eq!(
        say(Some(1_000_000.0), Some(0.0), Lang::En),
        "rule core B: Average daily assets >= 500,000 and <= 5,000,000 and Net commission < 10,000"
    );
    assert_eq!(
        say(Some(1_000_000.0), Some(0.0), Lang::Zh),
        "规则 核心B：日均资产 >= 500,000 且 <= 5,000,000 且 净佣金 < 10,000"
    );
    // VIP holds by its second group: the explanation names the group that held.
    assert_eq!(say(Some(0.0), Some(80_000.0), Lang::En), "rule VIP: Net commission >= 50,000");
    assert_eq!(
        say(Some(0.0), Some(7_500.0), Lang::En),
        "rule potential: Net commission >= 5,000 and < 10,000 and Average daily assets < 200,000"
    );
    assert_eq!(say(Some(1_000_000.0), None, Lang::En), "rule ordinary: everyone else; missing: Net commission");
    assert_eq!(say(Some(1_000_000.0), None, Lang::Zh), "规则 普通：其余客户；缺：净佣金");

    let m = model(
        "[[indicator]]\ncode = \"rating\"\nzh = \"信誉\"\nen = \"Rating\"\nchoices = [\"好\", \"差\"]\n\n\
         [[indicator]]\ncode = \"sales\"\nzh = \"销售额\"\nen = \"Sales\"\n\n\
         [[rule]]\nzh = \"重点\"\nen = \"key\"\ntier = \"A\"\n\
         all = [{ indicator = \"Rating\", op = \"==\", value = \"好\" }, { indicator = \"sales\", op = \">=\", value = 1e6 }]\n",
    );
    let grades = m.grade_all(&[customer(1, &[text("好"), num(2e6)]), customer(3, &[text("好"), num(10.0)])]);
    assert_eq!(explain(&m, &grades[0], Lang::En), "rule key: Rating = 好 and Sales >= 1,000,000");
    assert_eq!(explain(&m, &grades[1], Lang::En), "no rule matched");
    assert_eq!(explain(&m, &grades[1], Lang::Zh), "没有符合的规则");
}
