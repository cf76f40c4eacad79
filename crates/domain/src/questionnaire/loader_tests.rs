//! The questionnaire loader's refusals: each names the file, the question (by id) and the
//! problem. The small form they start from is in `tests`.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use rstest::rstest;

use super::tests::{HEAD, Q1, Q2, Q2_ROWS, Q3, small, small_text};
use super::*;

fn refused(text: &str) -> QuestionnaireError {
    Questionnaire::parse("bad.toml", text).unwrap_err()
}

fn assert_refused(text: &str, question: Option<&str>, problem: &str) -> QuestionnaireError {
    let e = refused(text);
    assert_eq!(e.file, "bad.toml");
    assert_eq!(e.question(), question, "{e}");
    assert!(e.problem.contains(problem), "{e}");
    assert!(e.to_string().starts_with("bad.toml"), "{e}");
    if question.is_some() {
        assert!(e.line.is_some(), "{e}");
    }
    if let Some(q) = question {
        assert!(e.to_string().contains(&format!("question \"{q}\"")), "{e}");
    }
    e
}

#[test]
fn loads_the_small_form() {
    let q = small();
    assert_eq!(q.questions.iter().map(Question::kind_name).collect::<Vec<_>>(), ["single", "grid", "multiple"]);
    assert_eq!(q.item_count(), 4);
}

#[test]
fn refuses_duplicate_question_ids() {
    let text = format!("{HEAD}{Q1}{Q2}{Q2_ROWS}{}", Q3.replace("\"q3\"", "\"q1\""));
    let e = assert_refused(&text, Some("q1"), "duplicate question id (question 1 has it too)");
    let second = text.lines().enumerate().filter(|(_, l)| *l == "id = \"q1\"").nth(1).map(|(i, _)| i + 1);
    assert_eq!(e.line, second);
}

#[test]
fn refuses_a_question_without_options() {
    let q1 = "\n[[question]]\nid = \"q1\"\nzh = \"问题一\"\nen = \"Question one\"\n";
    assert_refused(&format!("{HEAD}{q1}{Q2}{Q2_ROWS}{Q3}"), Some("q1"), "has no options");
    let q3 = "\n[[question]]\nid = \"q3\"\nkind = \"multiple\"\nzh = \"三\"\nen = \"Three\"\noptions = []\n";
    assert_refused(&format!("{HEAD}{Q1}{Q2}{Q2_ROWS}{q3}"), Some("q3"), "has no options");
}

#[test]
fn refuses_a_grid_without_rows() {
    assert_refused(&format!("{HEAD}{Q1}{Q2}{Q3}"), Some("q2"), "a grid question has no rows");
}

#[test]
fn refuses_an_empty_option_list_in_a_grid_row() {
    let rows = Q2_ROWS.replace(
        "options = [{ zh = \"甲\", en = \"a\", points = 0 }, { zh = \"乙\", en = \"b\", points = 4 }]",
        "options = []",
    );
    assert_refused(&format!("{HEAD}{Q1}{Q2}{rows}{Q3}"), Some("q2"), "row 2 (Row two) has no options");
}

#[rstest]
#[case("en = \"Question one\"\n", "", "q1", "the question: the en text is missing")]
#[case("zh = \"问题一\"\n", "", "q1", "the question: the zh text is missing")]
#[case("zh = \"问题一\"", "zh = \"  \"", "q1", "the question: the zh text is empty")]
#[case(
    "{ zh = \"乙\", en = \"b\", points = 3 }",
    "{ zh = \"乙\", points = 3 }",
    "q1",
    "option B: the en text is missing"
)]
#[case("en = \"Row one\"\n", "", "q2", "row 1 label: the en text is missing")]
fn refuses_a_missing_zh_or_en_text(#[case] from: &str, #[case] to: &str, #[case] id: &str, #[case] problem: &str) {
    let text = small_text();
    assert!(text.contains(from));
    assert_refused(&text.replacen(from, to, 1), Some(id), problem);
}

#[test]
fn refuses_a_band_gap() {
    let text = small_text().replace("min = 6", "min = 7");
    let e = assert_refused(&text, None, "a gap between bands \"low\" and \"high\": 6 to 6 fall in no band");
    assert_eq!(e.line, Some(15));
}

#[test]
fn refuses_a_band_overlap() {
    let text = small_text().replace("max = 5", "max = 6");
    assert_refused(&text, None, "bands \"low\" and \"high\" overlap at 6 to 6");
}

#[test]
fn refuses_bands_that_start_above_the_lowest_total() {
    let text = small_text().replace("min = 1", "min = 2");
    assert_refused(&text, None, "must start at the lowest possible total, 1, but band \"low\" starts at 2");
}

#[test]
fn refuses_bands_that_end_below_or_above_the_highest_total() {
    assert_refused(
        &small_text().replace("max = 13", "max = 12"),
        None,
        "must end at the highest possible total, 13, but band \"high\" ends at 12",
    );
    assert_refused(&small_text().replace("max = 13", "max = 14"), None, "must end at the highest possible total, 13");
}

#[rstest]
#[case("cap = 0")]
#[case("cap = -3")]
fn refuses_a_cap_that_is_not_positive(#[case] cap: &str) {
    let e = assert_refused(&small_text().replace("cap = 4", cap), Some("q3"), "cap must be a positive number");
    assert_eq!(e.line, Some(small_text().lines().position(|l| l == "cap = 4").unwrap() + 1));
}

#[test]
fn refuses_other_mistakes() {
    assert_refused(&small_text().replace("kind = \"grid\"", "kind = \"table\""), Some("q2"), "unknown kind \"table\"");
    assert_refused(&small_text().replacen("points = 3", "points = -1", 1), Some("q1"), "option B: points must be");
    let cap_on_single = small_text().replace("en = \"Question one\"", "en = \"Question one\"\ncap = 2");
    assert_refused(&cap_on_single, Some("q1"), "only a multiple-choice question has a cap");
    assert_refused(HEAD, None, "no questions");
    let e = refused(&small_text().replace("version = 1", "version = \"one\""));
    assert_eq!(e.line, Some(3), "{e}");
    assert_refused(&small_text().replace("version = 1", "version = 0"), None, "version must be 1 or more");
    assert_refused(
        &small_text().replace("id = \"q2\"", "id = \"q 2\""),
        None,
        "question 2: id \"q 2\" must be one word",
    );
}

#[test]
fn five_bands_in_the_c1_to_c5_style_load() {
    let head = HEAD.split("[[band]]").next().unwrap();
    // Listed highest first: bands are sorted by score.
    let bands: String = [("c5", 12, 13), ("c4", 9, 11), ("c3", 6, 8), ("c2", 3, 5), ("c1", 1, 2)]
        .iter()
        .map(|(c, lo, hi)| format!("[[band]]\ncode = \"{c}\"\nzh = \"{c}\"\nen = \"{c}\"\nmin = {lo}\nmax = {hi}\n\n"))
        .collect();
    let q = Questionnaire::parse("c.toml", &format!("{head}{bands}{Q1}{Q2}{Q2_ROWS}{Q3}")).unwrap();
    assert_eq!(q.bands.iter().map(|b| b.code.as_str()).collect::<Vec<_>>(), ["c1", "c2", "c3", "c4", "c5"]);
    assert_eq!(q.band(8).code, "c3");
    assert_eq!(q.band(12).code, "c5");
}

/// The small form with option A of the multiple choice (q3) marked exclusive.
fn with_exclusive_none() -> String {
    small_text().replacen(
        "{ zh = \"甲\", en = \"a\", points = 0 },\n    { zh = \"乙\", en = \"b\", points = 3 }",
        "{ zh = \"甲\", en = \"a\", points = 0, exclusive = true },\n    { zh = \"乙\", en = \"b\", points = 3 }",
        1,
    )
}

#[test]
fn an_option_of_a_multiple_choice_may_be_exclusive() {
    let text = with_exclusive_none();
    assert_ne!(text, small_text(), "the replacement found its option");
    let q = Questionnaire::parse("t.toml", &text).unwrap();
    let QuestionKind::Multiple { options, .. } = &q.questions[2].kind else { panic!("q3 is a multiple choice") };
    assert_eq!(options.iter().map(|o| o.exclusive).collect::<Vec<_>>(), [true, false, false]);
    // Without the key nothing is exclusive.
    assert!(small().questions.iter().all(|x| match &x.kind {
        QuestionKind::Multiple { options, .. } | QuestionKind::Single { options } =>
            options.iter().all(|o| !o.exclusive),
        QuestionKind::Grid { rows } => rows.iter().flat_map(|r| &r.options).all(|o| !o.exclusive),
    }));
}

#[test]
fn exclusive_is_refused_outside_a_multiple_choice_naming_the_option() {
    let single = small_text().replacen(
        "{ zh = \"甲\", en = \"a\", points = 1 }",
        "{ zh = \"甲\", en = \"a\", points = 1, exclusive = true }",
        1,
    );
    let e = assert_refused(&single, Some("q1"), "option A: exclusive = true is only for a multiple-choice question");
    assert_eq!(e.line, Some(single.lines().position(|l| l.contains("exclusive")).unwrap() + 1));
    let grid = small_text().replacen(
        "options = [{ zh = \"甲\", en = \"a\", points = 0 },",
        "options = [{ zh = \"甲\", en = \"a\", points = 0, exclusive = true },",
        1,
    );
    assert_refused(&grid, Some("q2"), "exclusive = true is only for a multiple-choice question");
    // Every option exclusive leaves nothing to combine: still a valid (if odd) form; a
    // non-boolean value is a type error at its line.
    let e = refused(&with_exclusive_none().replace("exclusive = true", "exclusive = \"yes\""));
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn the_shipped_products_question_has_none_of_these_exclusive_and_scores_refuse_combining_it() {
    let q = super::tests::shipped();
    let (i, products) = q.question("products").unwrap();
    let QuestionKind::Multiple { options, .. } = &products.kind else { panic!("products is a multiple choice") };
    let exclusive: Vec<&str> = options.iter().filter(|o| o.exclusive).map(|o| o.text.en.as_str()).collect();
    assert_eq!(exclusive, ["none of these"]);
    let mut answers = q.parse_letters("B,C,E,C,D,B,A,A,C,AF,B,B,C,C,C,C,C,C").unwrap();
    let e = q.score(&answers).unwrap_err();
    assert_eq!(e.question, Some((i + 1, "products".to_string())), "{e:?}");
    assert!(
        matches!(&e.problem, AnswerProblem::NotAlone { letter: 'F', option } if option.en == "none of these"),
        "{e:?}"
    );
    answers.0[i] = Answer::Multiple([5].into_iter().collect());
    assert!(q.score(&answers).is_ok(), "none of these alone is an answer");
}

#[test]
fn ticking_keeps_an_exclusive_option_alone_and_says_what_it_unticked() {
    let q = Questionnaire::parse("t.toml", &with_exclusive_none()).unwrap();
    let QuestionKind::Multiple { options, .. } = &q.questions[2].kind else { panic!("q3 is a multiple choice") };
    let mut a = Answers::empty(&q);
    let ticked = |a: &Answers| match a.get(2) {
        Some(Answer::Multiple(set)) => set.iter().copied().collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    // (tick, unticked by it, ticked after)
    let steps: [(usize, &[usize], &[usize]); 5] =
        [(1, &[], &[1]), (2, &[], &[1, 2]), (0, &[1, 2], &[0]), (1, &[0], &[1]), (1, &[], &[])];
    for (tick, cleared, after) in steps {
        assert_eq!(a.toggle_alone(2, tick, options), cleared, "tick {tick}");
        assert_eq!(ticked(&a), after, "after tick {tick}");
    }
}

/// The small form with `low` and `high` given these `category` lines (None: no line).
fn with_categories(low: Option<&str>, high: Option<&str>) -> String {
    let line = |c: Option<&str>| c.map(|c| format!("category = \"{c}\"\n")).unwrap_or_default();
    let head = HEAD
        .replace("max = 5\n", &format!("max = 5\n{}", line(low)))
        .replace("max = 13\n", &format!("max = 13\n{}", line(high)));
    format!("{head}{Q1}{Q2}{Q2_ROWS}{Q3}")
}

#[test]
fn bands_may_map_to_investor_categories_or_not() {
    let cats = |text: &str| -> Vec<Option<String>> {
        let q = Questionnaire::parse("ok.toml", text).unwrap();
        q.bands.iter().map(|b| b.category.map(|c| c.to_string())).collect()
    };
    assert_eq!(cats(&with_categories(None, None)), [None, None]);
    assert_eq!(cats(&with_categories(Some("C2"), Some("c4"))), [Some("C2".into()), Some("C4".into())]);
    assert_eq!(cats(&with_categories(None, Some("C5"))), [None, Some("C5".into())], "a band may be unknown");
    assert_eq!(cats(&with_categories(Some("C3"), Some("C3"))), [Some("C3".into()), Some("C3".into())]);
}

#[rstest]
#[case(Some("C6"), None, "band \"low\": category \"C6\" is not C1 to C5")]
#[case(Some("R2"), None, "category \"R2\" is not C1 to C5")]
#[case(Some("C4"), Some("C2"), "band \"high\" scores higher than \"low\" but its category C2 is lower than C4")]
fn refuses_a_bad_or_backwards_category(#[case] low: Option<&str>, #[case] high: Option<&str>, #[case] problem: &str) {
    let e = assert_refused(&with_categories(low, high), None, problem);
    assert!(e.line.is_some(), "{e}");
}
