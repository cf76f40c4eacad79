//! What can go wrong when the app acts for the user: the book's own errors (the store's),
//! and the app's — a value typed into a form that does not read, a shipped data file missing.
//! Only the book's errors may say the book is damaged.

use crate::i18n::problems::{P, store_error};
use crate::i18n::{Lang, fill};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A use case's failure (src/app/), worded by the text layer.
    #[error(transparent)]
    App(crate::app::AppError),
    /// No grading model fits the book: the chooser's words (what would do).
    #[error("{0}")]
    NoModel(#[from] crate::app::review::ModelError),
    /// The indicator form sent a code the grading model does not have.
    #[error("the grading model has no indicator \"{0}\"")]
    UnknownIndicator(String),
    /// A value typed for an indicator that does not read, worded with what is allowed.
    #[error("{code}: {problem:?}")]
    BadValue { code: String, problem: crate::domain::grading::ValueProblem },
    /// A questionnaire tierdesk ships is not in this build (a packaging fault, not the book's).
    #[error("this build of tierdesk lacks its questionnaire \"{0}\"; reinstall tierdesk")]
    NoQuestionnaire(String),
}

impl From<crate::app::AppError> for Failure {
    /// The book's own errors stay the book's (only they may say it is damaged).
    fn from(e: crate::app::AppError) -> Self {
        match e {
            crate::app::AppError::Store(e) => Failure::Store(e),
            other => Failure::App(other),
        }
    }
}

impl Failure {
    /// The failure in the user's language: what happened and what to do.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Store(e) => store_error(e, lang),
            Failure::App(e) => crate::i18n::app_texts::app_error(e, lang),
            Failure::NoModel(why) => why.to_string(),
            Failure::UnknownIndicator(code) => fill(P::UnknownIndicator.get(lang), &[code]),
            Failure::BadValue { code, problem } => {
                format!("{code}: {}", crate::i18n::value_problems::value_problem(problem, lang))
            }
            Failure::NoQuestionnaire(id) => fill(P::NoShippedQuestionnaire.get(lang), &[id]),
        }
    }

    /// Whether another program holds the book's write lock (the user may simply try again).
    pub fn is_busy(&self) -> bool {
        matches!(self, Failure::Store(StoreError::Busy) | Failure::App(crate::app::AppError::Store(StoreError::Busy)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_failures_never_call_the_book_damaged() {
        let own = [
            Failure::NoModel(crate::app::review::ModelError::NoneForScheme("retail".into())),
            Failure::UnknownIndicator("margin".into()),
            Failure::BadValue {
                code: "margin".into(),
                problem: crate::domain::grading::ValueProblem::NotANumber { raw: "x".into() },
            },
            Failure::NoQuestionnaire("risk".into()),
        ];
        for f in &own {
            for lang in [Lang::En, Lang::Zh] {
                let text = f.text(lang);
                assert!(!text.contains("damaged") && !text.contains("损坏") && !text.contains("backup"), "{text}");
                assert!(!text.contains("备份"), "{text}");
            }
        }
        assert_eq!(own[1].text(Lang::En), "the grading model has no indicator \"margin\"");
        assert!(own[3].text(Lang::Zh).contains("risk"));
    }

    #[test]
    fn a_busy_book_is_told_apart() {
        assert!(Failure::Store(StoreError::Busy).is_busy());
        assert!(!Failure::NoQuestionnaire(String::new()).is_busy());
    }
}
