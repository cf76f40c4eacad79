//! The use cases' failures, typed; each face words them (`crate::i18n::app_texts`) and
//! chooses what to do with them (the command line: an exit code).

use crate::store::StoreError;

/// Why a use case could not be done.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The person's input is wrong (a bad setting, file or row), already worded in the
    /// interface language.
    #[error("{0}")]
    BadInput(String),
    /// Something else went wrong, already worded.
    #[error("{0}")]
    Failed(String),
    /// The book's own error, worded in the interface language when it is shown.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The book has no tier scheme.
    #[error("the book has no tier scheme")]
    NoScheme,
    /// `flag` holds text that is no calendar date.
    #[error("{flag}: \"{text}\" is not a real date (YYYY-MM-DD)")]
    NotADate { flag: &'static str, text: String },
    /// No customer has this id, ref or exact name.
    #[error("no customer \"{0}\"")]
    NoCustomer(String),
    /// Several customers answer to this name: each, for the person to pick by id or ref.
    #[error("\"{key}\" names {} customers", found.len())]
    ManyCustomers { key: String, found: Vec<crate::domain::customer::Customer> },
    /// The customer was removed (by someone else) while the use case ran.
    #[error("customer {0} is no longer in the book")]
    CustomerGone(i64),
    /// A product or a recommendation refused by the suitability rule.
    #[error("{0:?}")]
    Suitability(crate::app::suitability::Refusal),
}

impl AppError {
    /// Whether the person asked for something wrong (a command line's exit code 2) rather
    /// than tierdesk failing to do something right (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            AppError::BadInput(_)
            | AppError::NotADate { .. }
            | AppError::NoCustomer(_)
            | AppError::ManyCustomers { .. }
            | AppError::Suitability(_) => true,
            AppError::Failed(_) | AppError::NoScheme | AppError::CustomerGone(_) => false,
            AppError::Store(e) => Self::store_error_is_bad_input(e),
        }
    }

    /// The book's errors that mean the request was wrong, not the book.
    pub fn store_error_is_bad_input(e: &StoreError) -> bool {
        matches!(
            e,
            StoreError::DuplicateRef(_)
                | StoreError::UnknownTier(_)
                | StoreError::Scheme(_)
                | StoreError::SchemeAlreadySet(_)
                | StoreError::ReasonRequired
                | StoreError::SameTier(_)
                | StoreError::ApproverRequired
                | StoreError::NothingToApprove
                | StoreError::SelfApproval(_)
                | StoreError::Person(_)
                | StoreError::Move(_)
                | StoreError::Team(crate::store::postgres::TeamError::NotYoursToAdd(_))
        )
    }
}
