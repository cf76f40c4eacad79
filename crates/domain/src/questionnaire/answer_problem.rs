//! What is wrong with a set of answers, as typed values: the question it is about and the
//! problem. The text layer (`i18n::answer_problems`) words them in either language.

use super::{Bilingual, Question};

/// Answers that cannot be used, naming the question (number and id) when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    /// The question's number on the form (from 1) and its id.
    pub question: Option<(usize, String)>,
    pub problem: AnswerProblem,
}

impl AnswerError {
    pub(super) fn at(index: usize, q: &Question, problem: AnswerProblem) -> Self {
        Self { question: Some((index + 1, q.id.clone())), problem }
    }
}

/// A grid question as the paper form counts it: its number (from 1), id and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridItems {
    pub no: usize,
    pub id: String,
    pub rows: usize,
}

/// What is wrong with the answers; the text layer words it. `last` is the last option's
/// letter (the options run from A to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The answers are shaped for `given` questions, the questionnaire has `has`.
    QuestionCount {
        given: usize,
        questionnaire: String,
        version: u32,
        has: usize,
    },
    /// A chosen option index beyond the options.
    NoOption {
        letter: char,
        last: char,
    },
    NotAnswered,
    /// A grid answered with another number of rows than it has.
    RowCount {
        answered: usize,
        rows: usize,
    },
    /// A problem in one row of a grid (`row` from 1); `one_per_row` adds the hint that a
    /// grid takes one letter per row, each as its own item.
    InRow {
        row: usize,
        label: Bilingual,
        problem: Box<AnswerProblem>,
        one_per_row: bool,
    },
    RowNotAnswered {
        row: usize,
        label: Bilingual,
    },
    /// A multiple choice with nothing ticked.
    NothingTicked,
    /// An exclusive option ticked with others.
    NotAlone {
        letter: char,
        option: Bilingual,
    },
    /// The answer is not of the question's kind (`kind` as in the file: single, grid, multiple).
    WrongKind {
        kind: &'static str,
    },
    /// The paper form's letters: too few or too many items.
    ItemCount {
        given: usize,
        expected: usize,
        grids: Vec<GridItems>,
    },
    /// An empty item between commas (`tick`: a multiple choice, where one letter is needed).
    EmptyItem {
        tick: bool,
    },
    NotAnOption {
        item: String,
        last: char,
    },
    OneLetterExpected {
        item: String,
    },
    /// One letter of a multiple choice's item is not an option.
    LetterNotAnOption {
        letter: char,
        item: String,
        last: char,
    },
    Twice {
        letter: char,
        item: String,
    },
    /// A stored line names a question the questionnaire does not have.
    NoQuestion {
        questionnaire: String,
        version: u32,
        id: String,
    },
    /// A stored line names a row (from 1) the question does not have.
    NoRow {
        row: usize,
        kind: &'static str,
    },
}
