//! A questionnaire's answer problems and a failed assessment, worded in the interface
//! language: the domain and the store say what is wrong as typed values, this says it.

use super::problems::{P, store_error};
use super::{Lang, fill};
use crate::domain::questionnaire::{AnswerError, AnswerProblem};
use crate::store::AssessmentError;

/// "question 12 (reaction): not answered".
pub fn answer_error(e: &AnswerError, lang: Lang) -> String {
    let problem = answer_problem(&e.problem, lang);
    match &e.question {
        Some((no, id)) => fill(P::AtQuestion.get(lang), &[no, id, &problem]),
        None => problem,
    }
}

/// One answer problem, without the question it is about.
pub fn answer_problem(p: &AnswerProblem, lang: Lang) -> String {
    let f = |t: P, args: &[&dyn std::fmt::Display]| fill(t.get(lang), args);
    let range = |last: &char| f(P::OptionRange, &[last]);
    match p {
        AnswerProblem::QuestionCount { given, questionnaire, version, has } => {
            f(P::QuestionCount, &[given, questionnaire, version, has])
        }
        AnswerProblem::NoOption { letter, last } => f(P::NoOption, &[letter, &range(last)]),
        AnswerProblem::NotAnswered => P::NotAnswered.get(lang).to_string(),
        AnswerProblem::RowCount { answered, rows } => f(P::RowCount, &[answered, rows]),
        AnswerProblem::InRow { row, label, problem, one_per_row } => {
            let mut s = f(P::InRow, &[row, &label.get(lang), &answer_problem(problem, lang)]);
            if *one_per_row {
                s.push_str(P::OnePerRow.get(lang));
            }
            s
        }
        AnswerProblem::RowNotAnswered { row, label } => f(P::RowNotAnswered, &[row, &label.get(lang)]),
        AnswerProblem::NothingTicked => P::NothingTicked.get(lang).to_string(),
        AnswerProblem::NotAlone { letter, option } => f(P::NotAlone, &[letter, &option.get(lang)]),
        AnswerProblem::WrongKind { kind } => f(P::WrongKind, &[kind]),
        AnswerProblem::ItemCount { given, expected, grids } => {
            let mut items = f(P::ExpectedItems, &[expected]);
            if !grids.is_empty() {
                let named: Vec<String> = grids.iter().map(|g| f(P::GridQuestion, &[&g.no, &g.id, &g.rows])).collect();
                items.push_str(&f(P::PerRowFor, &[&named.join(P::And.get(lang))]));
            }
            let what = if given < expected { P::TooFewAnswers } else { P::TooManyAnswers };
            f(what, &[given, expected, &items])
        }
        AnswerProblem::EmptyItem { tick: false } => P::EmptyItem.get(lang).to_string(),
        AnswerProblem::EmptyItem { tick: true } => P::EmptyTicks.get(lang).to_string(),
        AnswerProblem::NotAnOption { item, last } => f(P::NotAnOption, &[item, &range(last)]),
        AnswerProblem::OneLetterExpected { item } => f(P::OneLetterExpected, &[item]),
        AnswerProblem::LetterNotAnOption { letter, item, last } => {
            f(P::LetterNotAnOption, &[letter, item, &range(last)])
        }
        AnswerProblem::Twice { letter, item } => f(P::Twice, &[letter, item]),
        AnswerProblem::NoQuestion { questionnaire, version, id } => f(P::NoQuestion, &[questionnaire, version, id]),
        AnswerProblem::NoRow { row, kind } => f(P::NoRow, &[row, kind]),
    }
}

/// A failed assessment or draft: the book's own problems as every other, the answers' and
/// the dates' in words.
pub fn assessment_error(e: &AssessmentError, lang: Lang) -> String {
    match e {
        AssessmentError::Store(inner) => store_error(inner, lang),
        AssessmentError::Answers(a) => answer_error(a, lang),
        AssessmentError::FutureDate { date, today } => fill(P::AssessmentInFuture.get(lang), &[date, today]),
        AssessmentError::StaleDraft { questionnaire, found, current } => {
            fill(P::StaleDraft.get(lang), &[questionnaire, found, current])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::{Bilingual, GridItems};

    #[test]
    fn answer_problems_read_in_both_languages() {
        let row = AnswerProblem::InRow {
            row: 6,
            label: Bilingual { zh: "期货".into(), en: "Futures".into() },
            problem: Box::new(AnswerProblem::NotAnOption { item: "F".into(), last: 'E' }),
            one_per_row: false,
        };
        let e = AnswerError { question: Some((3, "experience".into())), problem: row };
        assert_eq!(
            answer_error(&e, Lang::En),
            "question 3 (experience): row 6 (Futures): \"F\" is not one of the options (A to E)"
        );
        assert_eq!(answer_error(&e, Lang::Zh), "第 3 题（experience）：第 6 行（期货）：“F”不是可选的选项（A 到 E）");
        let count = AnswerProblem::ItemCount {
            given: 3,
            expected: 4,
            grids: vec![GridItems { no: 2, id: "q2".into(), rows: 2 }],
        };
        assert_eq!(
            answer_problem(&count, Lang::En),
            "too few answers: 3 given, 4 expected (4 answers: one per question, one per row for question 2 (q2, 2 rows))"
        );
        assert_eq!(
            answer_problem(&count, Lang::Zh),
            "答案太少：给了 3 个，应为 4 个（共 4 个答案：每题一个，第 2 题（q2，2 行）每行一个）"
        );
    }
}
