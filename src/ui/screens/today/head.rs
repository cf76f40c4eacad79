//! Today's first frame on a big book: only the start of the day's list is held, with the
//! whole day's counts, until the run loop (or the first key) reads the rest.

use super::Today;
use crate::store::TierCoverage;

impl Today {
    /// The start of the day's list (the same rows the whole list starts with, all due by
    /// `today`) and the whole day's counts, for the first frame; `fill` brings the rest, and
    /// the coverage when it is None here (not yet counted: the panel says so meanwhile).
    pub fn fill_head(
        &mut self,
        start: crate::app::agenda::DueStart,
        coverage: Option<Vec<TierCoverage>>,
        today: chrono::NaiveDate,
    ) {
        let whole = start.whole;
        let counted = coverage.is_some();
        self.fill(start.items, coverage.unwrap_or_default(), today);
        self.coverage_counted = counted;
        if !whole {
            self.head = Some(start.tally);
        }
    }

    /// Only the start of the list is held: the rest is to be read before a key acts on it.
    pub fn is_head(&self) -> bool {
        self.head.is_some()
    }

    /// Never filled yet: the first frame may show the list's start.
    pub fn never_filled(&self) -> bool {
        !self.filled
    }

    /// Whether the rows held fill the window from the current scroll (else the rest is
    /// needed to draw it).
    pub fn head_fills_window(&self) -> bool {
        self.head.is_none_or(|(all, _, _)| self.scroll + self.viewport <= self.shown.len() || self.shown.len() >= all)
    }
}
