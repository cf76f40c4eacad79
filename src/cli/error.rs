//! The command line's failures, each with the exit code it deserves, worded in the
//! interface language only when shown.

use super::refusal;
use crate::app::{AppError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::{Lang, T, fill};
use crate::store::StoreError;

/// A failure, with the exit code it deserves.
#[derive(Debug)]
pub enum CliError {
    /// The user's input is wrong (exit code 2).
    BadInput(String),
    /// Something else went wrong (exit code 1).
    Failed(String),
    /// The book's own error, worded in the interface language when it is shown.
    Store(StoreError),
    /// No customer has this id, ref or name (exit code 2).
    NoCustomer(String),
    /// Several customers have this ref or name: each described (exit code 2).
    ManyCustomers { key: String, found: Vec<String> },
    /// The command line's own refusal, worded when shown.
    Refused(refusal::Refusal),
    /// `--answers` do not fit the questionnaire (exit code 2), worded when shown.
    Answers(crate::domain::questionnaire::AnswerError),
    /// An assessment not recorded (the book's own errors come as `Store`), worded when shown.
    Assessment(crate::store::AssessmentError),
    /// A product or recommendation refused by the suitability rule (exit code 2).
    Suitability(crate::app::suitability::Refusal),
    /// The reader of standard output went away (`| head -1`): the reader's choice, so the
    /// run ends quietly (exit code 0, nothing said).
    OutputClosed,
}

impl From<refusal::Refusal> for CliError {
    fn from(r: refusal::Refusal) -> Self {
        CliError::Refused(r)
    }
}

impl CliError {
    pub fn code(&self) -> i32 {
        match self {
            CliError::BadInput(_) | CliError::NoCustomer(_) | CliError::ManyCustomers { .. } => 2,
            CliError::Answers(_) | CliError::Assessment(_) | CliError::Suitability(_) => 2,
            CliError::Failed(_) => 1,
            CliError::Refused(r) if r.is_bad_input() => 2,
            CliError::Refused(_) => 1,
            CliError::OutputClosed => 0,
            CliError::Store(e) if crate::app::AppError::store_error_is_bad_input(e) => 2,
            CliError::Store(_) => 1,
        }
    }

    /// The message for the person at the terminal, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CliError::BadInput(m) | CliError::Failed(m) => m.clone(),
            CliError::OutputClosed => String::new(),
            CliError::Store(e) => crate::i18n::problems::store_error(e, lang),
            CliError::NoCustomer(key) => fill(C::NoCustomer.get(lang), &[key]),
            CliError::Refused(r) => r.text(lang),
            CliError::Suitability(r) => crate::i18n::suit_texts::refusal(r, lang),
            CliError::Answers(e) => format!("--answers: {}", crate::i18n::answer_problems::answer_error(e, lang)),
            CliError::Assessment(e) => crate::i18n::answer_problems::assessment_error(e, lang),
            CliError::ManyCustomers { key, found } => {
                fill(C::ManyCustomers.get(lang), &[key, &found.len(), &found.join(", ")])
            }
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

/// A use case's failure, once, as the command line's: same words, same exit code.
impl From<AppError> for CliError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::BadInput(m) => CliError::BadInput(m),
            AppError::Failed(m) => CliError::Failed(m),
            AppError::Store(e) => CliError::Store(e),
            AppError::NoScheme => CliError::Refused(refusal::Refusal::NoScheme),
            AppError::NotADate { flag, text } => CliError::Refused(refusal::Refusal::NotADate { flag, text }),
            AppError::NoCustomer(key) => CliError::NoCustomer(key),
            AppError::ManyCustomers { key, found } => CliError::ManyCustomers {
                key,
                found: found.iter().map(crate::i18n::app_texts::customer_label).collect(),
            },
            AppError::CustomerGone(id) => CliError::Refused(refusal::Refusal::CustomerGone(id)),
            AppError::Suitability(r) => CliError::Suitability(r),
        }
    }
}

impl Context {
    /// "cannot write FILE: ...; nothing was written", naming a missing folder as such.
    pub fn cannot_write(&self, path: &std::path::Path, e: &std::io::Error) -> CliError {
        let l = self.lang;
        let dir = crate::private_file::folder(path);
        if e.kind() == std::io::ErrorKind::NotFound && !dir.is_dir() {
            return CliError::BadInput(fill(T::WriteNoFolder.get(l), &[&path.display(), &dir.display()]));
        }
        CliError::BadInput(fill(T::WriteFailed.get(l), &[&path.display(), e]))
    }
}
