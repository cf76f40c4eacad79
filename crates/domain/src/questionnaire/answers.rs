//! Answers to a questionnaire: held per question, checked against it, scored, written as and
//! read from the paper form's letters (`B,C,A,...`), and turned into the lines the book stores.

use std::collections::BTreeSet;

use super::answer_problem::{AnswerError, AnswerProblem, GridItems};
use super::{Choice, QuestionKind, Questionnaire, letter, letter_index};

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The chosen option, if any.
    Single(Option<usize>),
    /// The chosen option of each row, in row order.
    Grid(Vec<Option<usize>>),
    /// The ticked options (none ticked: unanswered).
    Multiple(BTreeSet<usize>),
}

/// The answers to a questionnaire, one per question in question order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers(pub Vec<Answer>);

impl Answers {
    /// Nothing answered yet, shaped for `q`.
    pub fn empty(q: &Questionnaire) -> Self {
        Self(
            q.questions
                .iter()
                .map(|question| match &question.kind {
                    QuestionKind::Single { .. } => Answer::Single(None),
                    QuestionKind::Grid { rows } => Answer::Grid(vec![None; rows.len()]),
                    QuestionKind::Multiple { .. } => Answer::Multiple(BTreeSet::new()),
                })
                .collect(),
        )
    }

    pub fn get(&self, question: usize) -> Option<&Answer> {
        self.0.get(question)
    }

    /// Choose an option of a single question; false if the question is not a single one.
    pub fn choose(&mut self, question: usize, option: usize) -> bool {
        match self.0.get_mut(question) {
            Some(Answer::Single(choice)) => {
                *choice = Some(option);
                true
            }
            _ => false,
        }
    }

    /// Choose an option in one row of a grid; false if there is no such grid row.
    pub fn choose_row(&mut self, question: usize, row: usize, option: usize) -> bool {
        match self.0.get_mut(question) {
            Some(Answer::Grid(rows)) if row < rows.len() => {
                rows[row] = Some(option);
                true
            }
            _ => false,
        }
    }

    /// Tick or untick an option of a multiple choice, keeping an exclusive option alone:
    /// ticking one clears the others, ticking another option clears it (the latest tick is
    /// what the customer said last). Returns the options it cleared, to say so.
    pub fn toggle_alone(&mut self, question: usize, option: usize, options: &[Choice]) -> Vec<usize> {
        let Some(Answer::Multiple(set)) = self.0.get_mut(question) else { return Vec::new() };
        if set.remove(&option) {
            return Vec::new();
        }
        let exclusive = |i: &usize| options.get(*i).is_some_and(|o| o.exclusive);
        let cleared: Vec<usize> =
            set.iter().copied().filter(|i| if exclusive(&option) { true } else { exclusive(i) }).collect();
        for i in &cleared {
            set.remove(i);
        }
        set.insert(option);
        cleared
    }

    /// Tick or untick an option of a multiple choice; false if the question is not one.
    pub fn toggle(&mut self, question: usize, option: usize) -> bool {
        match self.0.get_mut(question) {
            Some(Answer::Multiple(set)) => {
                if !set.remove(&option) {
                    set.insert(option);
                }
                true
            }
            _ => false,
        }
    }
}

/// What the book keeps per answer: a single or multiple choice is one line (row 0), a grid one
/// line per answered row. `points` are the line's share of the score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// The question's number on the form (from 1).
    pub question_no: usize,
    pub question_id: String,
    pub row: usize,
    /// The chosen letter(s): "B", or "AC" for a multiple choice.
    pub letters: String,
    pub points: u32,
}

/// The last option's letter ("E" for A to E).
fn last(options: &[Choice]) -> char {
    letter(options.len().saturating_sub(1))
}

impl Questionnaire {
    /// The answered parts as stored lines; with `complete`, an unanswered question or grid
    /// row is an error too.
    pub(super) fn check(&self, answers: &Answers, complete: bool) -> Result<Vec<AnswerLine>, AnswerError> {
        if answers.0.len() != self.questions.len() {
            return Err(AnswerError {
                question: None,
                problem: AnswerProblem::QuestionCount {
                    given: answers.0.len(),
                    questionnaire: self.id.clone(),
                    version: self.version,
                    has: self.questions.len(),
                },
            });
        }
        let mut lines = Vec::new();
        for (i, (q, a)) in self.questions.iter().zip(&answers.0).enumerate() {
            let line = |row: usize, letters: String, points: u32| AnswerLine {
                question_no: i + 1,
                question_id: q.id.clone(),
                row,
                letters,
                points,
            };
            let err = |problem: AnswerProblem| AnswerError::at(i, q, problem);
            let pick = |options: &[Choice], choice: usize| {
                options
                    .get(choice)
                    .map(|c| c.points)
                    .ok_or_else(|| err(AnswerProblem::NoOption { letter: letter(choice), last: last(options) }))
            };
            match (&q.kind, a) {
                (QuestionKind::Single { options }, Answer::Single(choice)) => match choice {
                    Some(c) => lines.push(line(0, letter(*c).to_string(), pick(options, *c)?)),
                    None if complete => return Err(err(AnswerProblem::NotAnswered)),
                    None => {}
                },
                (QuestionKind::Grid { rows }, Answer::Grid(chosen)) => {
                    if chosen.len() != rows.len() {
                        return Err(err(AnswerProblem::RowCount { answered: chosen.len(), rows: rows.len() }));
                    }
                    for (r, (row, choice)) in rows.iter().zip(chosen).enumerate() {
                        match choice {
                            Some(c) => {
                                let points = pick(&row.options, *c).map_err(|e| {
                                    err(AnswerProblem::InRow {
                                        row: r + 1,
                                        label: row.label.clone(),
                                        problem: Box::new(e.problem),
                                        one_per_row: false,
                                    })
                                })?;
                                lines.push(line(r, letter(*c).to_string(), points));
                            }
                            None if complete => {
                                return Err(err(AnswerProblem::RowNotAnswered {
                                    row: r + 1,
                                    label: row.label.clone(),
                                }));
                            }
                            None => {}
                        }
                    }
                }
                (QuestionKind::Multiple { options, cap }, Answer::Multiple(ticked)) => {
                    if ticked.is_empty() {
                        if complete {
                            return Err(err(AnswerProblem::NothingTicked));
                        }
                        continue;
                    }
                    let mut sum = 0;
                    for c in ticked {
                        sum += pick(options, *c)?;
                    }
                    if let Some(alone) = ticked.iter().find(|c| options[**c].exclusive).filter(|_| ticked.len() > 1) {
                        return Err(err(AnswerProblem::NotAlone {
                            letter: letter(*alone),
                            option: options[*alone].text.clone(),
                        }));
                    }
                    lines.push(line(0, ticked.iter().map(|c| letter(*c)).collect(), sum.min(*cap)));
                }
                _ => return Err(err(AnswerProblem::WrongKind { kind: q.kind_name() })),
            }
        }
        Ok(lines)
    }

    /// The grid questions, which take one item per row on the paper form.
    fn grid_items(&self) -> Vec<GridItems> {
        self.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| matches!(q.kind, QuestionKind::Grid { .. }))
            .map(|(i, q)| GridItems { no: i + 1, id: q.id.clone(), rows: q.items() })
            .collect()
    }

    /// Read the paper form's letters: comma-separated items (a Chinese comma works too), one
    /// letter per single question, one letter per grid row as its own item in row order, and
    /// the letters of a multiple choice run together (`AC`). Case does not matter.
    pub fn parse_letters(&self, text: &str) -> Result<Answers, AnswerError> {
        let items: Vec<&str> =
            if text.trim().is_empty() { Vec::new() } else { text.split([',', '，']).map(str::trim).collect() };
        let expected = self.item_count();
        if items.len() != expected {
            // Name the first question left without an answer, or the last one when too many.
            let mut seen = 0;
            let mut at = self.questions.len() - 1;
            for (i, q) in self.questions.iter().enumerate() {
                if seen + q.items() > items.len() {
                    at = i;
                    break;
                }
                seen += q.items();
            }
            let q = &self.questions[at];
            let problem = AnswerProblem::ItemCount { given: items.len(), expected, grids: self.grid_items() };
            return Err(AnswerError::at(at, q, problem));
        }
        let mut answers = Answers::empty(self);
        let mut next = items.into_iter();
        for (i, q) in self.questions.iter().enumerate() {
            let err = |problem: AnswerProblem| AnswerError::at(i, q, problem);
            match &q.kind {
                QuestionKind::Single { options } => {
                    let item = next.next().unwrap_or_default();
                    answers.0[i] = Answer::Single(Some(one_letter(item, options).map_err(err)?));
                }
                QuestionKind::Grid { rows } => {
                    let mut chosen = Vec::with_capacity(rows.len());
                    for (r, row) in rows.iter().enumerate() {
                        let item = next.next().unwrap_or_default();
                        let c = one_letter(item, &row.options).map_err(|p| {
                            err(AnswerProblem::InRow {
                                row: r + 1,
                                label: row.label.clone(),
                                problem: Box::new(p),
                                one_per_row: item.chars().count() > 1,
                            })
                        })?;
                        chosen.push(Some(c));
                    }
                    answers.0[i] = Answer::Grid(chosen);
                }
                QuestionKind::Multiple { options, .. } => {
                    let item = next.next().unwrap_or_default();
                    answers.0[i] = Answer::Multiple(letters(item, options).map_err(err)?);
                }
            }
        }
        Ok(answers)
    }

    /// The paper form's letters for a complete answer set; `parse_letters` reads them back.
    pub fn to_letters(&self, answers: &Answers) -> Result<String, AnswerError> {
        let lines = self.check(answers, true)?;
        Ok(lines.into_iter().map(|l| l.letters).collect::<Vec<_>>().join(","))
    }

    /// Answers rebuilt from stored lines (question id, row, letters), e.g. a saved draft.
    /// Lines that do not fit this questionnaire are refused, naming the question.
    pub fn answers_from_lines<'a>(
        &self,
        lines: impl IntoIterator<Item = (&'a str, usize, &'a str)>,
    ) -> Result<Answers, AnswerError> {
        let mut answers = Answers::empty(self);
        for (id, row, text) in lines {
            let Some((i, q)) = self.question(id) else {
                return Err(AnswerError {
                    question: None,
                    problem: AnswerProblem::NoQuestion {
                        questionnaire: self.id.clone(),
                        version: self.version,
                        id: id.to_string(),
                    },
                });
            };
            let err = |problem: AnswerProblem| AnswerError::at(i, q, problem);
            match (&q.kind, &mut answers.0[i]) {
                (QuestionKind::Single { options }, Answer::Single(choice)) if row == 0 => {
                    *choice = Some(one_letter(text, options).map_err(err)?);
                }
                (QuestionKind::Grid { rows }, Answer::Grid(chosen)) if row < rows.len() => {
                    chosen[row] = Some(one_letter(text, &rows[row].options).map_err(err)?);
                }
                (QuestionKind::Multiple { options, .. }, Answer::Multiple(ticked)) if row == 0 => {
                    *ticked = letters(text, options).map_err(err)?;
                }
                _ => return Err(err(AnswerProblem::NoRow { row: row + 1, kind: q.kind_name() })),
            }
        }
        Ok(answers)
    }
}

/// Exactly one valid letter.
fn one_letter(item: &str, options: &[Choice]) -> Result<usize, AnswerProblem> {
    let mut chars = item.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Err(AnswerProblem::EmptyItem { tick: false }),
        (Some(c), None) => letter_index(c, options.len())
            .ok_or_else(|| AnswerProblem::NotAnOption { item: item.to_string(), last: last(options) }),
        (Some(_), Some(_)) => Err(AnswerProblem::OneLetterExpected { item: item.to_string() }),
    }
}

/// One or more valid letters, each at most once.
fn letters(item: &str, options: &[Choice]) -> Result<BTreeSet<usize>, AnswerProblem> {
    if item.is_empty() {
        return Err(AnswerProblem::EmptyItem { tick: true });
    }
    let mut set = BTreeSet::new();
    for c in item.chars() {
        let i = letter_index(c, options.len()).ok_or_else(|| AnswerProblem::LetterNotAnOption {
            letter: c,
            item: item.to_string(),
            last: last(options),
        })?;
        if !set.insert(i) {
            return Err(AnswerProblem::Twice { letter: c.to_ascii_uppercase(), item: item.to_string() });
        }
    }
    Ok(set)
}
