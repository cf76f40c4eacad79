//! Finding customers by a few letters (`tierdesk search`: one pass over the search keys the
//! book keeps, of only the customers that may match), and the app's `/` index, kept in memory
//! between keystrokes (`index`), ranked alike.

use crate::domain::customer::Customer;
use crate::domain::search::{SearchIndex, search_once, word_masks};
use crate::store::StoreError;
use crate::store::prelude::*;

/// A customer found, with how well it matched (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub score: u32,
    pub customer: Customer,
}

/// The customers best matching `pattern` (names, companies, contacts, phones, tags and the
/// pinyin of the Chinese in them), best first, at most `limit` (at least one), among the
/// customers of `owners`.
pub fn find(book: &dyn Book, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<Found>, StoreError> {
    let words = word_masks(pattern);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // Only the customers that may match, with the keys the book keeps: no index to build.
    let candidates = book.search_candidates(&words, owners)?;
    let hits = search_once(&candidates, pattern, limit.max(1));
    let mut found = Vec::with_capacity(hits.len());
    for h in &hits {
        // A customer deleted since the entries were read is simply not found.
        if let Some(customer) = book.customer(h.id)? {
            found.push(Found { score: h.score, customer });
        }
    }
    Ok(found)
}

/// The index the app's `/` keeps between keystrokes: every customer of `owners` with the
/// keys the book keeps.
pub fn index(book: &dyn Book, owners: &Owners) -> Result<SearchIndex, StoreError> {
    Ok(SearchIndex::from_keyed(book.search_candidates(&[], owners)?))
}

/// How many characters either side of the match a snippet keeps.
pub const SNIPPET_CONTEXT: usize = 20;

/// A note found, with the snippet to show.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteFound {
    pub hit: crate::domain::notes::NoteHit,
    pub snippet: crate::domain::notes::Snippet,
}

/// The notes of `owners`' customers holding `pattern` (surrounding blanks ignored), newest
/// first, at most `limit` (at least one), each with its snippet. A blank pattern finds
/// nothing.
pub fn find_notes(book: &dyn Book, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteFound>, StoreError> {
    let pattern = pattern.trim();
    let hits = book.search_notes(pattern, limit.max(1), owners)?;
    Ok(hits
        .into_iter()
        .map(|hit| {
            let snippet = crate::domain::notes::snippet(&hit.text, pattern, SNIPPET_CONTEXT);
            NoteFound { hit, snippet }
        })
        .collect())
}
