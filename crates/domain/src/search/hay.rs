//! One distinct haystack of the index (a field's stored keys, shared by every customer with
//! the same value) as the matcher reads it, with what lets a scan skip the matcher.

use nucleo_matcher::pattern::Atom;
use nucleo_matcher::{Matcher, Utf32Str, Utf32String};

use super::window;

/// A haystack, the mask of the letters in it (a pattern letter missing from the mask cannot
/// match), and its folded copy (`window`).
pub(super) struct Hay {
    pub text: Utf32String,
    pub mask: u64,
    folded: Box<[u16]>,
}

impl Hay {
    pub fn new(text: &str, mask: u64) -> Self {
        let text = Utf32String::from(text);
        Hay { folded: window::folded(&text), text, mask }
    }

    /// The atom's score here (0: no match). A word the window may be used for (`word`: the
    /// atom's word folded) is scored, in a haystack read as chars, on the window that scores
    /// as the whole haystack.
    pub fn score(&self, atom: &Atom, word: Option<&[u16]>, matcher: &mut Matcher) -> u16 {
        if let (Utf32String::Unicode(chars), Some(word)) = (&self.text, word) {
            return match window::window(&self.folded, word) {
                Some((from, to)) => atom.score(Utf32Str::Unicode(&chars[from..to]), matcher).unwrap_or(0),
                None => 0,
            };
        }
        atom.score(self.text.slice(..), matcher).unwrap_or(0)
    }

    /// Whether the word could get the best score here (`scan::best_score`): only where its
    /// letters follow each other from the start of a word (the haystack's start, or after a
    /// blank). A word without a fold may, as far as this knows.
    pub fn may_be_best(&self, word: Option<&[u16]>) -> bool {
        let Some((&first, _)) = word.and_then(|w| w.split_first()) else { return true };
        let word = word.unwrap_or_default();
        // The first letter before the whole word: most places are not it.
        match &self.text {
            Utf32String::Unicode(chars) => self
                .folded
                .windows(word.len())
                .enumerate()
                .any(|(p, w)| w[0] == first && w == word && (p == 0 || chars[p - 1].is_whitespace())),
            Utf32String::Ascii(text) => {
                let bytes = text.as_bytes();
                bytes.windows(word.len()).enumerate().any(|(p, w)| {
                    u16::from(w[0].to_ascii_lowercase()) == first
                        && w.iter().zip(word).all(|(b, l)| u16::from(b.to_ascii_lowercase()) == *l)
                        && (p == 0 || bytes[p - 1].is_ascii_whitespace())
                })
            }
        }
    }
}
