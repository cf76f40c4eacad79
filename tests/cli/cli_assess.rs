//! `tierdesk assess` and `tierdesk questionnaire show` through the real binary. Scores are
//! checked against hand computations from data/questionnaires/risk_tolerance.toml; refusals
//! exit 2 with one line naming the question, and save nothing.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::{Engine, TestBook};
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tierdesk::domain::customer::CustomerId;

fn tierdesk(b: &TestBook) -> Command {
    b.cmd()
}

/// A book with 王芳 (#1, ref K-9) and Acme (#2).
fn fill(b: &TestBook) {
    tierdesk(b)
        .args(["customer", "add", "--name", "王芳", "--tier", "A", "--ref", "K-9"])
        .assert()
        .success()
        .stdout("1\n");
    tierdesk(b).args(["customer", "add", "--name", "Acme", "--tier", "C"]).assert().success().stdout("2\n");
}

// Hand computations from the file (points per option in brackets):
// STEADY: age B(7) + knowledge C(5) + experience savings E(1) bonds C(1) stocks D(3) funds B(0)
// forex A(0) futures A(0) real estate C(1) + products A(1)+C(3) + income B(3) + assets B(2)
// + debt C(4) + outlook C(4) + horizon C(5) + goal C(5) + loss C(5) + reaction C(4) = 54: steady.
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";
// LOW: age E(2) + knowledge A(2) + experience all "never" (0) + products "none" F(0) + income
// A(1) + assets A(1) + debt A(0) + outlook A(1) + horizon A(0) + goal A(1) + loss A(1)
// + reaction A(0) = 9, the lowest possible: conservative.
const LOW: &str = "E,A,A,A,A,A,A,A,A,F,A,A,A,A,A,A,A,A";
// HIGH: age A(9) + knowledge E(9) + experience all "over 5 years" (1+2+4+3+3+4+3 = 20)
// + products ABCDE (13, capped at 8) + 6+6+6+6 + 7+8+8+7 = 100: aggressive.
const HIGH: &str = "A,E,E,E,E,E,E,E,E,ABCDE,E,E,D,D,D,D,E,D";

fn assess_json(b: &TestBook, customer: &str, answers: &str, extra: &[&str]) -> Value {
    let out =
        tierdesk(b).args(["assess", customer, "--answers", answers, "--format", "json"]).args(extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

on_both_engines! {
fn assess_records_the_score_and_category_of_the_answers(book: &TestBook) {
    fill(book);
    let v = assess_json(book, "K-9", STEADY, &["--date", "2026-11-20"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 6);
    for k in ["customer_id", "questionnaire", "version", "score", "category", "date"] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    assert_eq!(v["customer_id"], 1);
    assert_eq!(v["questionnaire"], "risk_tolerance");
    assert_eq!(v["version"], 1);
    assert_eq!(v["score"], 54);
    assert_eq!(v["category"], "steady");
    assert_eq!(v["date"], "2026-11-20");

    // The edges of the range, by name and by id, dated today by default.
    let v = assess_json(book, "Acme", LOW, &[]);
    assert_eq!(
        (v["score"].as_u64(), v["category"].as_str(), v["date"].as_str()),
        (Some(9), Some("conservative"), Some("2026-11-23"))
    );
    let v = assess_json(book, "2", HIGH, &["--questionnaire", "risk_tolerance"]);
    assert_eq!((v["score"].as_u64(), v["category"].as_str()), (Some(100), Some("aggressive")));

    // Text: one line with the score and the category's name.
    tierdesk(book)
        .args(["assess", "王芳", "--answers", &STEADY.to_lowercase(), "--date", "2025-01-02"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("王芳 (#1): score 54 of 9–100, Steady (41–71)")
                .and(predicate::str::contains("taken 2025-01-02")),
        );
    tierdesk(book)
        .args(["--lang", "zh", "assess", "Acme", "--answers", STEADY])
        .assert()
        .success()
        .stdout(predicate::str::contains("得分 54").and(predicate::str::contains("稳健型")));

    let s = book.open();
    let list = s.assessments_of(CustomerId(1)).unwrap();
    assert_eq!(
        list.iter().map(|a| (a.score, a.taken_on.to_string())).collect::<Vec<_>>(),
        [(54, "2026-11-20".into()), (54, "2025-01-02".into())]
    );
    assert_eq!(list[0].taken_by, book.person(), "recorded by the person running tierdesk");
    let lines = s.assessment_answers(list[0].id).unwrap();
    assert_eq!(lines.len(), 18);
    assert_eq!(lines.iter().map(|l| l.points).sum::<u32>(), 54);
    let latest = s.latest_assessment(CustomerId(2)).unwrap().unwrap();
    assert_eq!((latest.score, latest.category.as_str()), (54, "steady"), "the same day: the last recorded");
}
}

/// Run a refused `assess` and return its one line of stderr.
fn refused(b: &TestBook, args: &[&str]) -> String {
    let assert = tierdesk(b).arg("assess").args(args).assert().code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

fn nothing_saved(b: &TestBook) {
    let s = b.open();
    assert!(s.assessments_of(CustomerId(1)).unwrap().is_empty());
    assert!(s.assessments_of(CustomerId(2)).unwrap().is_empty());
}

on_both_engines! {
fn a_wrong_number_of_answers_names_the_question_and_saves_nothing(book: &TestBook) {
    fill(book);
    // One answer short: the last question has none.
    let err = refused(book, &["1", "--answers", "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C"]);
    assert!(err.contains("question 12 (reaction): too few answers: 17 given, 18 expected"), "{err}");
    assert!(err.contains("one per row for question 3 (experience, 7 rows)"), "{err}");
    // The grid written as one item: the answers run out at question 7.
    let err = refused(book, &["1", "--answers", "B,C,ECDBAAC,AC,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("question 7 (debt): too few answers: 12 given, 18 expected"), "{err}");
    let err = refused(book, &["1", "--answers", &format!("{STEADY},A")]);
    assert!(err.contains("question 12 (reaction): too many answers: 19 given, 18 expected"), "{err}");
    nothing_saved(book);
}
}

on_both_engines! {
fn an_invalid_letter_names_the_question_and_saves_nothing(book: &TestBook) {
    fill(book);
    let err = refused(book, &["1", "--answers", "Z,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("--answers: question 1 (age): \"Z\" is not one of the options (A to E)"), "{err}");
    let err = refused(book, &["1", "--answers", "B,C,E,C,D,B,A,F,C,AC,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("question 3 (experience): row 6 (Futures): \"F\" is not one of the options"), "{err}");
    let err = refused(book, &["1", "--answers", "B,C,E,C,D,B,A,A,C,AG,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("question 4 (products): \"G\" in \"AG\" is not one of the options (A to F)"), "{err}");
    let err = refused(book, &["1", "--answers", "BC,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("question 1 (age): one letter expected, got \"BC\""), "{err}");
    let err = refused(book, &["1", "--answers", "B,C,E,C,D,B,A,A,C,AC,B,B,E,C,C,C,C,C"]);
    assert!(err.contains("question 7 (debt): \"E\" is not one of the options (A to D)"), "{err}");
    nothing_saved(book);
}
}

on_both_engines! {
fn an_answer_problem_is_worded_in_chinese_under_lang_zh(book: &TestBook) {
    fill(book);
    let err = refused(book, &["--lang", "zh", "1", "--answers", "B,C,E,C,D,B,A,F,C,AC,B,B,C,C,C,C,C,C"]);
    assert!(err.contains("--answers: 第 3 题（experience）：第 6 行（期货）：“F”不是可选的选项（A 到 E）"), "{err}");
    let err = refused(book, &["--lang", "zh", "1", "--answers", "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C"]);
    assert!(err.contains("第 12 题（reaction）：答案太少：给了 17 个，应为 18 个"), "{err}");
    assert!(err.contains("第 3 题（experience，7 行）每行一个"), "{err}");
    nothing_saved(book);
}
}

on_both_engines! {
fn other_refusals_save_nothing_either(book: &TestBook) {
    fill(book);
    let err = refused(book, &["1", "--answers", STEADY, "--date", "2026-11-24"]);
    assert!(err.contains("--date: 2026-11-24 is in the future (today is 2026-11-23)"), "{err}");
    let err = refused(book, &["1", "--answers", STEADY, "--date", "2026-02-30"]);
    assert!(err.contains("not a real date"), "{err}");
    let err = refused(book, &["Nobody", "--answers", STEADY]);
    assert!(err.contains("no customer with the id, ref or name \"Nobody\""), "{err}");
    let err = refused(book, &["1", "--answers", STEADY, "--questionnaire", "c5"]);
    assert!(err.contains("no questionnaire \"c5\"; the shipped ones are risk_tolerance"), "{err}");
    nothing_saved(book);
}
}

#[test]
fn questionnaire_show_json_has_the_documented_shape() {
    // Needs no book, so one engine is enough.
    let book = &TestBook::new(Engine::Sqlite).unwrap();
    let out = tierdesk(book).args(["questionnaire", "show", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!book.dir().join("book.sqlite").exists(), "show needs no book");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // sorted: the shape is the set of keys, not their order
    let keys = |v: &Value| {
        let mut k = v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["bands", "id", "questions", "version"]);
    assert_eq!((v["id"].as_str(), v["version"].as_u64()), (Some("risk_tolerance"), Some(1)));
    let bands: Vec<(String, u64, u64)> = v["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            assert_eq!(keys(b), ["code", "max", "min"]);
            (b["code"].as_str().unwrap().to_string(), b["min"].as_u64().unwrap(), b["max"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(bands, [("conservative".into(), 9, 40), ("steady".into(), 41, 71), ("aggressive".into(), 72, 100)]);

    let questions = v["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 12);
    let check_options = |options: &Value| -> Vec<u64> {
        options
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, o)| {
                assert_eq!(keys(o), ["letter", "points", "text"]);
                assert_eq!(o["letter"].as_str().unwrap(), char::from(b'A' + i as u8).to_string());
                assert!(!o["text"].as_str().unwrap().is_empty());
                o["points"].as_u64().unwrap()
            })
            .collect()
    };
    // The range recomputed from the JSON alone.
    let (mut min, mut max) = (0, 0);
    for q in questions {
        let kind = q["kind"].as_str().unwrap();
        match kind {
            "single" => {
                assert_eq!(keys(q), ["id", "kind", "options", "rows", "text"]);
                assert!(q["rows"].as_array().unwrap().is_empty());
                let p = check_options(&q["options"]);
                min += p.iter().min().unwrap();
                max += p.iter().max().unwrap();
            }
            "multiple" => {
                assert_eq!(keys(q), ["cap", "id", "kind", "options", "rows", "text"]);
                let cap = q["cap"].as_u64().unwrap();
                let p = check_options(&q["options"]);
                min += p.iter().min().unwrap().min(&cap);
                max += p.iter().sum::<u64>().min(cap);
            }
            "grid" => {
                assert_eq!(keys(q), ["id", "kind", "options", "rows", "text"]);
                assert!(q["options"].as_array().unwrap().is_empty());
                for row in q["rows"].as_array().unwrap() {
                    assert_eq!(keys(row), ["label", "options"]);
                    let p = check_options(&row["options"]);
                    min += p.iter().min().unwrap();
                    max += p.iter().max().unwrap();
                }
            }
            other => panic!("kind {other}"),
        }
    }
    assert_eq!((min, max), (9, 100));
    let q3 = &questions[2];
    assert_eq!((q3["id"].as_str(), q3["kind"].as_str()), (Some("experience"), Some("grid")));
    let rows: Vec<&str> = q3["rows"].as_array().unwrap().iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(
        rows,
        [
            "Savings deposits",
            "Bonds",
            "Stocks",
            "Funds",
            "Foreign exchange",
            "Futures",
            "Real estate (as an investment)"
        ]
    );
    assert_eq!(questions[0]["text"], "Which age group are you in?");
    assert_eq!(questions[3]["cap"], 8);

    // --lang zh gives the Chinese texts.
    let out = tierdesk(book)
        .args(["--lang", "zh", "questionnaire", "show", "risk_tolerance", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["questions"][0]["text"], "您的年龄属于哪一段？");
    assert_eq!(v["questions"][2]["rows"][0]["label"], "储蓄存款");
}

#[test]
fn questionnaire_show_prints_a_paper_form_and_the_answer_syntax() {
    // Needs no book, so one engine is enough.
    let book = &TestBook::new(Engine::Sqlite).unwrap();
    let out = tierdesk(book).args(["questionnaire", "show"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Investor risk tolerance questionnaire",
        "1. Which age group are you in?  [age]",
        "   A  30 or under   9",
        "   E  over 60       2",
        "12. If your investments lost 20% within three months",
        "at most 8",
        "3.7 Real estate (as an investment)",
        "9–40     Conservative",
        "72–100   Aggressive",
        "18 items in question order",
        "Question 3 (experience) takes one letter per row",
        "Question 4 (products) takes all its letters together",
        "Example: ",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // The futures row of the grid table gives 0 to 4 points.
    let futures = text.lines().find(|l| l.contains("3.6 Futures")).unwrap();
    assert_eq!(futures.split_whitespace().skip(2).collect::<Vec<_>>(), ["0", "1", "2", "3", "4"]);

    // The printed example is itself a valid answer set.
    let example = text.lines().find_map(|l| l.trim().strip_prefix("Example: ")).unwrap();
    let letters = example.split_whitespace().next().unwrap();
    fill(book);
    tierdesk(book).args(["assess", "1", "--answers", letters]).assert().success();

    tierdesk(book).args(["--lang", "zh", "questionnaire", "show"]).assert().success().stdout(
        predicate::str::contains("投资者风险承受能力评估问卷")
            .and(predicate::str::contains("保守型"))
            .and(predicate::str::contains("所选字母连写为一项")),
    );
    tierdesk(book)
        .args(["questionnaire", "show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no questionnaire \"nope\""));
}
