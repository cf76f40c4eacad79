//! Questionnaires, such as the investor risk tolerance questionnaire: numbered questions with
//! lettered options worth points, the bands a total falls into, answers and their scoring.
//! Parsed from TOML text handed in by the caller (the files live in `data/questionnaires/`);
//! nothing here reads a file, the clock or the book.
//!
//! The loader (`parse`) refuses files whose bands do not cover exactly the possible totals;
//! `answers` holds the answers, the paper-form letters and what is stored per answer.

mod answer_problem;
mod answers;
#[cfg(test)]
mod loader_tests;
mod parse;
#[cfg(test)]
mod tests;

use chrono::{NaiveDate, NaiveDateTime};

pub use answer_problem::{AnswerError, AnswerProblem, GridItems};
pub use answers::{Answer, AnswerLine, Answers};
pub use parse::QuestionnaireError;

use super::customer::CustomerId;
use crate::lang::Lang;
use crate::suitability::InvestorCategory;

/// A text in both languages; the loader refuses a file where either is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One lettered option and the points it is worth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: Bilingual,
    pub points: u32,
    /// Ticked alone or not at all ("none of these"); only in a multiple choice.
    pub exclusive: bool,
}

/// One row of a grid question, with its own options and points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub label: Bilingual,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    /// One letter.
    Single { options: Vec<Choice> },
    /// One letter per row, in row order.
    Grid { rows: Vec<GridRow> },
    /// At least one letter; the points are added, then capped at `cap` (which is the sum of
    /// all options when the file sets no cap).
    Multiple { options: Vec<Choice>, cap: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable within a version: stored with every answer.
    pub id: String,
    pub text: Bilingual,
    pub kind: QuestionKind,
}

impl Question {
    /// "single", "grid" or "multiple", as in the file.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Grid { .. } => "grid",
            QuestionKind::Multiple { .. } => "multiple",
        }
    }

    /// How many comma-separated items the question takes on the paper form: one per row for
    /// a grid, else one.
    pub fn items(&self) -> usize {
        match &self.kind {
            QuestionKind::Grid { rows } => rows.len(),
            _ => 1,
        }
    }

    /// The fewest points a complete answer can earn (a multiple choice needs one letter).
    pub fn min_points(&self) -> u32 {
        let least = |o: &[Choice]| o.iter().map(|c| c.points).min().unwrap_or(0);
        match &self.kind {
            QuestionKind::Single { options } => least(options),
            QuestionKind::Grid { rows } => rows.iter().map(|r| least(&r.options)).sum(),
            QuestionKind::Multiple { options, cap } => least(options).min(*cap),
        }
    }

    /// The most points a complete answer can earn.
    pub fn max_points(&self) -> u32 {
        let most = |o: &[Choice]| o.iter().map(|c| c.points).max().unwrap_or(0);
        match &self.kind {
            QuestionKind::Single { options } => most(options),
            QuestionKind::Grid { rows } => rows.iter().map(|r| most(&r.options)).sum(),
            // The others together, or one exclusive option alone, whichever is worth more.
            QuestionKind::Multiple { options, cap } => {
                let together: u32 = options.iter().filter(|c| !c.exclusive).map(|c| c.points).sum();
                let alone = options.iter().filter(|c| c.exclusive).map(|c| c.points).max().unwrap_or(0);
                together.max(alone).min(*cap)
            }
        }
    }
}

/// A range of totals and the category it gives, e.g. 41–71 steady (稳健型).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Stored as the assessment's category.
    pub code: String,
    pub name: Bilingual,
    pub min: u32,
    pub max: u32,
    /// The investor category the band gives, when the file maps it (None: unknown).
    pub category: Option<InvestorCategory>,
}

impl Band {
    pub fn contains(&self, score: u32) -> bool {
        (self.min..=self.max).contains(&score)
    }
}

/// A loaded, checked questionnaire. Questions are numbered from 1 in file order; bands are
/// sorted from the lowest scores up and cover exactly `min_total()..=max_total()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub reassess_after_months: u32,
    pub title: Bilingual,
    pub questions: Vec<Question>,
    pub bands: Vec<Band>,
}

impl Questionnaire {
    /// The lowest total a complete answer set can score.
    pub fn min_total(&self) -> u32 {
        self.questions.iter().map(Question::min_points).sum()
    }

    /// The highest total a complete answer set can score.
    pub fn max_total(&self) -> u32 {
        self.questions.iter().map(Question::max_points).sum()
    }

    /// The band a score falls in; a score outside the range (which `score` never gives) takes
    /// the nearest band.
    pub fn band(&self, score: u32) -> &Band {
        let first = &self.bands[0];
        self.bands
            .iter()
            .find(|b| b.contains(score))
            .unwrap_or_else(|| if score < first.min { first } else { &self.bands[self.bands.len() - 1] })
    }

    /// A band by its code (the category stored in the book).
    pub fn band_by_code(&self, code: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.code == code)
    }

    /// A question and its index (0-based; the form's number is one more) by id.
    pub fn question(&self, id: &str) -> Option<(usize, &Question)> {
        self.questions.iter().enumerate().find(|(_, q)| q.id == id)
    }

    /// How many comma-separated items a complete paper form has.
    pub fn item_count(&self) -> usize {
        self.questions.iter().map(Question::items).sum()
    }

    /// Whether every question (every row of a grid) is answered, with valid letters.
    pub fn is_complete(&self, answers: &Answers) -> bool {
        self.check(answers, true).is_ok()
    }

    /// The total of a complete answer set; refuses an incomplete one or one that does not fit
    /// this questionnaire, naming the question.
    pub fn score(&self, answers: &Answers) -> Result<u32, AnswerError> {
        Ok(self.check(answers, true)?.iter().map(|l| l.points).sum())
    }

    /// What is stored per answer: the answered parts only (a draft may be unfinished), in
    /// question order, one line per grid row. The points of a multiple choice are capped.
    pub fn answer_lines(&self, answers: &Answers) -> Result<Vec<AnswerLine>, AnswerError> {
        self.check(answers, false)
    }
}

/// The letter of the option at `index` (0 is A).
pub fn letter(index: usize) -> char {
    char::from(b'A' + (index.min(25) as u8))
}

/// The option index of a letter (A or a is 0), if it is one of the first `count`.
pub fn letter_index(c: char, count: usize) -> Option<usize> {
    let c = c.to_ascii_uppercase();
    c.is_ascii_uppercase().then(|| (c as u8 - b'A') as usize).filter(|i| *i < count)
}

/// A recorded assessment's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AssessmentId(pub i64);

/// A recorded questionnaire: who answered which version when, the score and the category
/// it gave. The category always follows from the answers; it is never typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub id: AssessmentId,
    pub customer: CustomerId,
    pub questionnaire_id: String,
    pub version: u32,
    /// The day the customer answered and signed.
    pub taken_on: NaiveDate,
    /// Who recorded it.
    pub taken_by: String,
    pub score: u32,
    /// The band code, e.g. "steady".
    pub category: String,
    pub created_at: NaiveDateTime,
}

/// An interview in progress, kept so that a closed terminal loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub answers: Answers,
    /// The question the interview stopped at (0-based).
    pub at_question: usize,
    pub updated_at: NaiveDateTime,
}
