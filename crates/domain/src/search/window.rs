//! The part of a haystack the matcher needs to look at, found on a folded copy of it.
//!
//! Most haystacks hold Chinese, so the matcher reads them as `char`s and folds every one
//! (accents, then case, by a table search) before it knows where the pattern could start:
//! that folding was most of a keystroke's time. Here each such haystack keeps its characters
//! folded once, 16 bits each (what a character folds to, or `OTHER` beyond them), and a word
//! is looked for in those: a haystack that cannot hold the word is dropped
//! without the matcher, and one that can is handed to it cut to the window from one
//! character before the word's first letter (whose class decides the first letter's bonus)
//! to the last place its last letter occurs. The matcher scores only from the first place the
//! word's first letter occurs to the last place its last letter does, with no other regard
//! to where that lies in the haystack, so the window scores as the whole haystack does.

use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::{Utf32Str, Utf32String};

/// What a character folds to when that is beyond 16 bits: never a letter of a word (`word`
/// takes no word with such a letter).
pub(super) const OTHER: u16 = 0xFFFF;

/// A character as the matcher compares it with a word's letter (accents and case folded, as
/// `Atom`s of this search do), or `OTHER`.
fn fold(c: char) -> u16 {
    let f = if c.is_ascii() { c.to_ascii_lowercase() } else { to_lower_case(normalize(c)) };
    u16::try_from(u32::from(f)).unwrap_or(OTHER)
}

/// The atom's word as folded letters, when the window may be used for it: an ASCII word
/// (the matcher folds its letters as `fold` does), or one whose letters are within 16 bits
/// and lose nothing to accent folding (else the matcher folds no accents for it).
pub(super) fn word(needle: Utf32Str<'_>) -> Option<Vec<u16>> {
    match needle {
        Utf32Str::Ascii(bytes) => Some(bytes.iter().map(|b| u16::from(*b)).collect()),
        Utf32Str::Unicode(chars) => chars
            .iter()
            .map(|c| u16::try_from(u32::from(*c)).ok().filter(|f| *f != OTHER && normalize(*c) == *c))
            .collect(),
    }
}

/// The folded copy of a haystack the matcher reads as `char`s; empty for an ASCII one (the
/// matcher's own ASCII path is fast already).
pub(super) fn folded(text: &Utf32String) -> Box<[u16]> {
    match text {
        Utf32String::Unicode(chars) => chars.iter().map(|c| fold(*c)).collect(),
        Utf32String::Ascii(_) => Box::default(),
    }
}

/// The window of the haystack (char positions, end exclusive) that scores as the whole one
/// for the word `needle` (`word`), or None when the haystack does not hold the word's
/// letters in order (the matcher would find nothing).
pub(super) fn window(folded: &[u16], needle: &[u16]) -> Option<(usize, usize)> {
    let (len, m) = (folded.len(), needle.len());
    let (&first, rest) = needle.split_first()?;
    if m > len {
        return None;
    }
    // The matcher looks for the first letter only where the whole word still fits.
    let start = folded[..len - m + 1].iter().position(|b| *b == first)?;
    let mut at = start + 1;
    for letter in rest {
        at += folded[at..].iter().position(|b| b == letter)? + 1;
    }
    // A single letter is scored at each place it occurs: the window runs to the end.
    let end = match rest.last() {
        Some(last) => start + 1 + folded[start + 1..].iter().rposition(|b| b == last)? + 1,
        None => len,
    };
    Some((start.saturating_sub(1), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn win(text: &str, needle: &str) -> Option<(usize, usize)> {
        window(&folded(&Utf32String::from(text)), &needle.bytes().map(u16::from).collect::<Vec<_>>())
    }

    #[test]
    fn the_window_runs_from_before_the_first_letter_to_the_last_one() {
        // 招商银行  zsyh  zhaoshangyinhang: z first at 6, h last at 24, 28 characters
        assert_eq!(win("招商银行  zsyh  zhaoshangyinhang", "zh"), Some((5, 25)));
        assert_eq!(win("招商银行  zsyh  zhaoshangyinhang", "y"), Some((7, 28)));
        assert_eq!(win("招商银行  zsyh", "hz"), None, "the letters out of order");
        assert_eq!(win("Müller 王", "mu"), Some((0, 2)), "ü folds to u");
        assert_eq!(win("王", "ab"), None, "longer than the haystack");
    }

    #[test]
    fn a_character_folds_to_the_letters_the_matcher_finds_in_it() {
        use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
        use nucleo_matcher::{Config, Matcher};
        let mut matcher = Matcher::new(Config::DEFAULT);
        for c in "AzÜéÅçñŁøǅＷｗ王ß1-_ .ﬁ".chars() {
            // After a Chinese character, so that the matcher reads the haystack as chars.
            let hay = Utf32String::from(format!("王{c}").as_str());
            for l in (b' '..=b'~').filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_uppercase()) {
                let word = (l as char).to_string();
                let atom = Atom::new(&word, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy, false);
                let found = atom.score(hay.slice(1..), &mut matcher).is_some();
                assert_eq!(fold(c) == u16::from(l), found, "{c:?} and {word:?}");
            }
        }
    }
}
