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
    folded: Box<[u8]>,
}

impl Hay {
    pub fn new(text: &str, mask: u64) -> Self {
        let text = Utf32String::from(text);
        Hay { folded: window::folded(&text), text, mask }
    }

    /// The atom's score here (0: no match). An ASCII word in a haystack read as chars is
    /// scored on the window that scores as the whole haystack (`window`).
    pub fn score(&self, atom: &Atom, matcher: &mut Matcher) -> u16 {
        if let (Utf32String::Unicode(chars), Utf32Str::Ascii(word)) = (&self.text, atom.needle_text()) {
            return match window::window(&self.folded, word) {
                Some((from, to)) => atom.score(Utf32Str::Unicode(&chars[from..to]), matcher).unwrap_or(0),
                None => 0,
            };
        }
        atom.score(self.text.slice(..), matcher).unwrap_or(0)
    }
}
