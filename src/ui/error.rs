//! Why the TUI could not start or had to stop: the face's own errors, apart from the book's
//! (a failed action on the book is a status-line message, never a stop).

use crate::domain::source::SourceError;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The book was opened without a tier scheme (`init` chooses one).
    #[error("the book has no tier scheme")]
    NoScheme,
    /// The theme asked for cannot be used: its file, line and problem.
    #[error("{0}")]
    Theme(#[from] SourceError),
    /// The config folder's temperament file cannot be used: its file, line and problem.
    #[error("{0}")]
    Temperaments(SourceError),
    /// The terminal failed while reading keys or drawing.
    #[error("{0}")]
    Terminal(#[from] std::io::Error),
}
