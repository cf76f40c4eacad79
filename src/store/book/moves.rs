//! A move that loses nothing: the whole book out as one document, and a document in.

use std::io::{Read, Write};

use super::super::Result;
use super::super::move_book::{Exported, Moved};

/// The whole book as one document (`store::move_book` describes it).
pub trait Moves {
    /// Write every record of the book to `out`, streamed (a big book is never held in memory).
    fn export_all(&self, out: &mut dyn Write) -> Result<Exported>;

    /// Bring the document read from `input` in: every record or none. Records already in
    /// the book (same uuid) are left as they are and counted as already there.
    fn import_all(&mut self, input: &mut dyn Read) -> Result<Moved>;
}
