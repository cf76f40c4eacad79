//! Notes search: text written about customers, found again.

use super::super::Result;
use super::Owners;
use crate::domain::notes::NoteHit;

/// Finding a text in contact notes (summary, outcome) and follow-ups (what was promised).
pub trait Notes {
    /// The notes of `owners`' customers that contain `pattern` (letters A to Z in either
    /// case, every other character as typed: `%` and `_` are themselves; see
    /// `domain::notes::find`), newest first (`domain::notes::newest_first`), at most `limit`.
    /// A contact counts once, by its summary when both fields hold the pattern. A pattern of
    /// three characters or more is answered from an index; a shorter one (a two-character
    /// Chinese word such as 基金) is looked for row by row, newest first, stopping at `limit`.
    /// An empty pattern finds nothing.
    fn search_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>>;
}
