//! Questionnaire tests: the shipped file's range, scoring against hand computations, band
//! edges, the paper-form letters, and properties; the small form shared with `loader_tests`.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use proptest::prelude::*;
use rstest::rstest;

use super::*;

pub(super) fn shipped() -> Questionnaire {
    crate::test_data::questionnaire("risk_tolerance").unwrap()
}

// A small questionnaire: totals run from 1 (A, A/A, A) to 13 (B, B/B, BC capped at 4).
pub(super) const HEAD: &str = r#"
id = "t"
version = 1
reassess_after_months = 24
title = { zh = "测试", en = "Test" }

[[band]]
code = "low"
zh = "低"
en = "Low"
min = 1
max = 5

[[band]]
code = "high"
zh = "高"
en = "High"
min = 6
max = 13
"#;

pub(super) const Q1: &str = r#"
[[question]]
id = "q1"
zh = "问题一"
en = "Question one"
options = [
    { zh = "甲", en = "a", points = 1 },
    { zh = "乙", en = "b", points = 3 },
]
"#;

pub(super) const Q2: &str = r#"
[[question]]
id = "q2"
kind = "grid"
zh = "问题二"
en = "Question two"
"#;

pub(super) const Q2_ROWS: &str = r#"
[[question.row]]
zh = "行一"
en = "Row one"
options = [
    { zh = "甲", en = "a", points = 0 },
    { zh = "乙", en = "b", points = 2 },
]

[[question.row]]
zh = "行二"
en = "Row two"
options = [{ zh = "甲", en = "a", points = 0 }, { zh = "乙", en = "b", points = 4 }]
"#;

pub(super) const Q3: &str = r#"
[[question]]
id = "q3"
kind = "multiple"
zh = "问题三"
en = "Question three"
cap = 4
options = [
    { zh = "甲", en = "a", points = 0 },
    { zh = "乙", en = "b", points = 3 },
    { zh = "丙", en = "c", points = 3 },
]
"#;

pub(super) fn small_text() -> String {
    format!("{HEAD}{Q1}{Q2}{Q2_ROWS}{Q3}")
}

pub(super) fn small() -> Questionnaire {
    Questionnaire::parse("t.toml", &small_text()).unwrap()
}

#[test]
fn the_shipped_questionnaire_runs_from_9_to_100() {
    let q = shipped();
    assert_eq!((q.id.as_str(), q.version, q.reassess_after_months), ("risk_tolerance", 1, 24));
    assert_eq!(q.questions.len(), 12);
    assert_eq!(q.min_total(), 9);
    assert_eq!(q.max_total(), 100);
    let bands: Vec<_> = q.bands.iter().map(|b| (b.code.as_str(), b.name.zh.as_str(), b.min, b.max)).collect();
    assert_eq!(
        bands,
        [("conservative", "保守型", 9, 40), ("steady", "稳健型", 41, 71), ("aggressive", "进取型", 72, 100)]
    );
    // Question 3 is the experience grid: seven asset classes.
    let QuestionKind::Grid { rows } = &q.questions[2].kind else { panic!("question 3 is not a grid") };
    let rows: Vec<_> = rows.iter().map(|r| r.label.en.as_str()).collect();
    assert_eq!(rows.len(), 7);
    assert!(rows[0].starts_with("Savings") && rows[6].starts_with("Real estate"), "{rows:?}");
    // Age scores 9/7/5/3/2, knowledge 2/3/5/7/9.
    let points = |i: usize| match &q.questions[i].kind {
        QuestionKind::Single { options } => options.iter().map(|o| o.points).collect::<Vec<_>>(),
        _ => panic!(),
    };
    assert_eq!(points(0), [9, 7, 5, 3, 2]);
    assert_eq!(points(1), [2, 3, 5, 7, 9]);
    // At least one capped multiple choice.
    assert!(q.questions.iter().any(|x| matches!(&x.kind, QuestionKind::Multiple { options, cap }
        if *cap < options.iter().map(|o| o.points).sum::<u32>())));
    assert_eq!(q.item_count(), 18);
}

#[rstest]
// Lowest option everywhere.
#[case("E,A,A,A,A,A,A,A,A,F,A,A,A,A,A,A,A,A", 9, "conservative")]
// Highest everywhere; products ABCDE = 13 points, capped at 8.
#[case("A,E,E,E,E,E,E,E,E,ABCDE,E,E,D,D,D,D,E,D", 100, "aggressive")]
// 7+5 + grid(1+1+3+0+0+0+1) + AC(1+3) + 3+2+4+4 + 5+5+5+4 = 54.
#[case("B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C", 54, "steady")]
// 9+2 + grid 0 + ABCD(10, capped at 8) + 1+1+0+1 + 0+1+1+0 = 24.
#[case("A,A,A,A,A,A,A,A,A,ABCD,A,A,A,A,A,A,A,A", 24, "conservative")]
// 9+7 + grid(1+2+4+2+1+1+2) + CD(7) + 5+5+6+4 + 7+5+7+7 = 82.
#[case("A,D,E,E,E,D,C,B,D,CD,D,D,D,C,D,C,D,D", 82, "aggressive")]
// Lower case, spaces and Chinese commas are read as well.
#[case("b, c，e,c,d,b,a,a,c,ca,b,b,c,c,c,c,c,c", 54, "steady")]
fn scores_the_shipped_form(#[case] letters: &str, #[case] score: u32, #[case] band: &str) {
    let q = shipped();
    let a = q.parse_letters(letters).unwrap();
    assert!(q.is_complete(&a));
    assert_eq!(q.score(&a).unwrap(), score);
    assert_eq!(q.band(score).code, band);
    let lines = q.answer_lines(&a).unwrap();
    assert_eq!(lines.len(), 18);
    assert_eq!(lines.iter().map(|l| l.points).sum::<u32>(), score, "the stored points add up to the score");
}

#[rstest]
#[case(9, "conservative")]
#[case(40, "conservative")]
#[case(41, "steady")]
#[case(71, "steady")]
#[case(72, "aggressive")]
#[case(100, "aggressive")]
fn band_edges(#[case] score: u32, #[case] code: &str) {
    assert_eq!(shipped().band(score).code, code);
}

#[test]
fn scores_grids_and_caps_on_a_small_form() {
    let q = small();
    assert_eq!((q.min_total(), q.max_total()), (1, 13));
    let mut a = Answers::empty(&q);
    assert!(!q.is_complete(&a));
    assert!(a.choose(0, 1) && a.choose_row(1, 0, 1) && a.choose_row(1, 1, 0));
    assert!(!a.choose(1, 0), "question 2 is a grid");
    let e = q.score(&a).unwrap_err();
    assert_eq!(e, AnswerError { question: Some((3, "q3".into())), problem: AnswerProblem::NothingTicked });
    assert!(a.toggle(2, 1) && a.toggle(2, 2));
    assert_eq!(q.score(&a).unwrap(), 3 + 2 + 4, "3 + 3 capped at 4");
    assert!(a.toggle(2, 2));
    assert_eq!(q.score(&a).unwrap(), 3 + 2 + 3);
    assert_eq!(q.to_letters(&a).unwrap(), "B,B,A,B");
}

#[test]
fn a_partial_answer_set_gives_lines_but_no_score() {
    let q = small();
    let mut a = Answers::empty(&q);
    a.choose_row(1, 1, 1);
    let e = q.score(&a).unwrap_err();
    assert_eq!(e.question, Some((1, "q1".into())));
    let lines = q.answer_lines(&a).unwrap();
    assert_eq!(
        lines,
        [AnswerLine { question_no: 2, question_id: "q2".into(), row: 1, letters: "B".into(), points: 4 }]
    );
    let back = q.answers_from_lines(lines.iter().map(|l| (l.question_id.as_str(), l.row, l.letters.as_str()))).unwrap();
    assert_eq!(back, a);
    let nope = q.answers_from_lines([("nope", 0, "A")]).unwrap_err();
    assert!(matches!(nope.problem, AnswerProblem::NoQuestion { ref id, .. } if id == "nope"), "{nope:?}");
    assert_eq!(q.answers_from_lines([("q1", 0, "C")]).unwrap_err().question, Some((1, "q1".into())));
    assert!(q.answers_from_lines([("q2", 2, "A")]).is_err(), "the grid has two rows");
}

#[test]
fn answers_for_another_shape_are_refused() {
    let q = small();
    let e = q.score(&Answers(vec![Answer::Single(Some(0))])).unwrap_err();
    assert!(matches!(e.problem, AnswerProblem::QuestionCount { given: 1, has: 3, .. }), "{e:?}");
    let mut a = Answers::empty(&q);
    a.0[0] = Answer::Multiple([0].into());
    assert_eq!(q.score(&a).unwrap_err().problem, AnswerProblem::WrongKind { kind: "single" });
    let mut a = q.parse_letters("A,A,A,A").unwrap();
    a.0[0] = Answer::Single(Some(5));
    assert_eq!(q.score(&a).unwrap_err().problem, AnswerProblem::NoOption { letter: 'F', last: 'B' });
}

fn in_row(row: usize, problem: AnswerProblem, one_per_row: bool) -> AnswerProblem {
    let label = match row {
        1 => Bilingual { zh: "行一".into(), en: "Row one".into() },
        _ => Bilingual { zh: "行二".into(), en: "Row two".into() },
    };
    AnswerProblem::InRow { row, label, problem: Box::new(problem), one_per_row }
}

fn count(given: usize) -> AnswerProblem {
    AnswerProblem::ItemCount { given, expected: 4, grids: vec![GridItems { no: 2, id: "q2".into(), rows: 2 }] }
}

#[rstest]
#[case("", 1, "q1", count(0))]
#[case("A,A", 2, "q2", count(2))]
#[case("A,A,A", 3, "q3", count(3))]
#[case("A,A,A,A,B", 3, "q3", count(5))]
#[case("C,A,A,A", 1, "q1", AnswerProblem::NotAnOption { item: "C".into(), last: 'B' })]
#[case("AB,A,A,A", 1, "q1", AnswerProblem::OneLetterExpected { item: "AB".into() })]
#[case("A,A,Z,A", 2, "q2", in_row(2, AnswerProblem::NotAnOption { item: "Z".into(), last: 'B' }, false))]
#[case("A,AB,A,A", 2, "q2", in_row(1, AnswerProblem::OneLetterExpected { item: "AB".into() }, true))]
#[case("A,A,A,AD", 3, "q3", AnswerProblem::LetterNotAnOption { letter: 'D', item: "AD".into(), last: 'C' })]
#[case("A,A,A,BB", 3, "q3", AnswerProblem::Twice { letter: 'B', item: "BB".into() })]
#[case("A,,A,A", 2, "q2", in_row(1, AnswerProblem::EmptyItem { tick: false }, false))]
#[case("A,A,A,", 3, "q3", AnswerProblem::EmptyItem { tick: true })]
fn paper_form_errors_name_the_question(
    #[case] letters: &str,
    #[case] no: usize,
    #[case] id: &str,
    #[case] problem: AnswerProblem,
) {
    let e = small().parse_letters(letters).unwrap_err();
    assert_eq!(e, AnswerError { question: Some((no, id.to_string())), problem });
}

#[test]
fn the_shipped_form_names_the_grid_in_count_errors() {
    let e = shipped().parse_letters("A,A,BCDAAAB,A,A,A,A,A,A,A,A,A").unwrap_err();
    assert_eq!(e.question, Some((7, "debt".into())), "{e:?}");
    let grids = vec![GridItems { no: 3, id: "experience".into(), rows: 7 }];
    assert_eq!(e.problem, AnswerProblem::ItemCount { given: 12, expected: 18, grids });
}

/// A complete answer set for `q`, chosen by the random numbers in `r`.
fn answers_from(q: &Questionnaire, r: &[u64]) -> Answers {
    let mut r = r.iter().cycle().copied();
    let mut next = |n: usize| (r.next().unwrap_or(0) % n as u64) as usize;
    Answers(
        q.questions
            .iter()
            .map(|question| match &question.kind {
                QuestionKind::Single { options } => Answer::Single(Some(next(options.len()))),
                QuestionKind::Grid { rows } => {
                    Answer::Grid(rows.iter().map(|row| Some(next(row.options.len()))).collect())
                }
                QuestionKind::Multiple { options, .. } => {
                    let mask = next((1 << options.len()) - 1) + 1;
                    let ticked: std::collections::BTreeSet<usize> =
                        (0..options.len()).filter(|i| mask & (1 << i) != 0).collect();
                    // An exclusive option goes alone: with others ticked, it is left out.
                    let others: std::collections::BTreeSet<usize> =
                        ticked.iter().copied().filter(|i| !options[*i].exclusive).collect();
                    Answer::Multiple(if others.is_empty() { ticked } else { others })
                }
            })
            .collect(),
    )
}

proptest! {
    /// Any complete answer set scores within the shipped form's 9..=100, in a band.
    #[test]
    fn any_complete_answer_set_scores_from_9_to_100(r in proptest::collection::vec(any::<u64>(), 30)) {
        let q = shipped();
        let a = answers_from(&q, &r);
        let score = q.score(&a).unwrap();
        prop_assert!((9..=100).contains(&score), "{score}");
        prop_assert!(q.band(score).contains(score));
    }

    /// Writing answers as letters and reading them back gives the same answers.
    #[test]
    fn letters_read_back_to_the_same_answers(r in proptest::collection::vec(any::<u64>(), 30)) {
        let q = shipped();
        let a = answers_from(&q, &r);
        let text = q.to_letters(&a).unwrap();
        prop_assert_eq!(q.parse_letters(&text).unwrap(), a);
    }
}
