//! What a customer is found by, worked out once when the customer is written and kept in the
//! book (`SearchKeys`), so that a search reads it instead of working out the pinyin of every
//! name again: for each searched field (name, company, and contact/phone/tags together) its
//! haystack (the text as typed, then its pinyin initials and full pinyin when it holds
//! Chinese) and the mask of the letters in it.
//!
//! The haystack is the text as typed, not folded: the matcher folds case and accents itself,
//! and scores a match at a word's capital or start higher, which folded text would lose.

use super::SearchEntry;
use crate::names::syllables;

/// Separator between the parts of a haystack: a gap the matcher penalises, so a match inside
/// one part beats one strung across two.
pub(super) const GAP: &str = "  ";

/// A customer's search keys: the haystacks of its name, its company and the rest (contact,
/// phone, tags), empty for a blank field, and the letter mask of each (`mask`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchKeys {
    pub name: String,
    pub company: String,
    pub rest: String,
    pub masks: [u64; 3],
}

impl SearchKeys {
    /// The keys of a customer with these fields.
    pub fn of(name: &str, company: &str, contact: &str, phone: &str, tags: &str) -> Self {
        let rest = rest_of(contact, phone, tags);
        Self::from_haystacks(haystack(name), haystack(company), haystack(&rest))
    }

    /// The keys of an entry's fields.
    pub fn of_entry(e: &SearchEntry) -> Self {
        Self::of(&e.name, &e.company, &e.contact, &e.phone, &e.tags)
    }

    fn from_haystacks(name: String, company: String, rest: String) -> Self {
        let masks = [mask(&name), mask(&company), mask(&rest)];
        Self { name, company, rest, masks }
    }

    /// The three haystacks, in the order of `masks`.
    pub fn haystacks(&self) -> [&str; 3] {
        [&self.name, &self.company, &self.rest]
    }
}

/// Contact, phone and tags as one searched field: the non-empty ones, apart.
fn rest_of(contact: &str, phone: &str, tags: &str) -> String {
    let parts: Vec<&str> = [contact, phone, tags].into_iter().filter(|s| !s.is_empty()).collect();
    parts.join(GAP)
}

/// The haystack of a field's value: its text, then (if it holds Chinese) its pinyin initials
/// and full pinyin; empty for a blank value (which nothing finds).
pub fn haystack(value: &str) -> String {
    if value.trim().is_empty() {
        return String::new();
    }
    // Text without any non-ASCII character holds no Chinese: the common case, and no pinyin
    // to look up.
    if value.is_ascii() {
        return value.to_string();
    }
    let sy = syllables(value);
    let mut text = String::with_capacity(value.len() * 3);
    text.push_str(value);
    if sy.iter().any(|(_, p)| p.is_some()) {
        text.push_str(GAP);
        text.extend(sy.iter().flat_map(|(c, p)| match p {
            Some(p) => Initial::One(p.chars().next()),
            None => Initial::Lower(c.to_lowercase()),
        }));
        text.push_str(GAP);
        for (c, p) in &sy {
            match p {
                Some(p) => text.push_str(p),
                None => text.extend(c.to_lowercase()),
            }
        }
    }
    text
}

/// A character's part of the initials: its syllable's first letter, or itself lowercased.
enum Initial {
    One(Option<char>),
    Lower(std::char::ToLowercase),
}

impl Iterator for Initial {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Initial::One(c) => c.take(),
            Initial::Lower(l) => l.next(),
        }
    }
}

/// The haystack for a field value, and for each of its characters the value's character it
/// stands for (None for the gaps).
pub(super) fn field_haystack(value: &str) -> (String, Vec<Option<usize>>) {
    let mut text = String::with_capacity(value.len() * 3);
    let mut map: Vec<Option<usize>> = Vec::new();
    for (i, c) in value.chars().enumerate() {
        text.push(c);
        map.push(Some(i));
    }
    let sy = syllables(value);
    if sy.iter().any(|(_, p)| p.is_some()) {
        for initials in [true, false] {
            text.push_str(GAP);
            map.extend([None, None]);
            for (i, (c, p)) in sy.iter().enumerate() {
                match p {
                    Some(p) if initials => {
                        if let Some(first) = p.chars().next() {
                            text.push(first);
                            map.push(Some(i));
                        }
                    }
                    Some(p) => {
                        text.push_str(p);
                        map.extend(std::iter::repeat_n(Some(i), p.chars().count()));
                    }
                    None => {
                        for ch in c.to_lowercase() {
                            text.push(ch);
                            map.push(Some(i));
                        }
                    }
                }
            }
        }
    }
    (text, map)
}

/// Bit for a character: letters and digits after case folding and accent removal, everything
/// else folded into the remaining bits.
fn bit(c: char) -> u64 {
    // ASCII needs neither (and is most of what is written): the same bit, sooner.
    let c = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c))
    };
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        ' ' => 0,
        other => 1 << (36 + (other as u32 % 28)),
    }
}

/// The letters of a text as a mask: a word whose mask is not within a haystack's cannot match
/// it, so the haystack need not be scored (nor, in a book, read).
pub fn mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | bit(c))
}

/// The mask of each word of a pattern (none for a blank pattern).
pub fn word_masks(pattern: &str) -> Vec<u64> {
    pattern.split_whitespace().map(mask).collect()
}

/// Whether a customer with these field masks could match every word (each word within one
/// field's letters): what a book may filter its rows by before the matcher looks.
pub fn may_match(masks: &[u64; 3], words: &[u64]) -> bool {
    words.iter().all(|w| masks.iter().any(|m| w & !m == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_field_carries_its_initials_and_full_pinyin() {
        assert_eq!(haystack("招商银行"), "招商银行  zsyh  zhaoshangyinhang");
        assert_eq!(haystack("Acme Ltd"), "Acme Ltd", "Latin text has no pinyin part");
        assert_eq!(haystack("Müller"), "Müller");
        assert_eq!(haystack("  "), "", "a blank field is found by nothing");
        let k = SearchKeys::of("王芳", "", "李经理", "", "物流");
        assert_eq!(k.rest, "李经理  物流  ljl  wl  lijingli  wuliu");
    }

    #[test]
    fn the_stored_haystack_is_the_one_the_highlights_map() {
        for v in ["招商银行", "Acme 王", "重庆长安汽车", "Ü王x", "曾伟"] {
            assert_eq!(haystack(v), field_haystack(v).0, "{v}");
            let (text, map) = field_haystack(v);
            assert_eq!(text.chars().count(), map.len(), "{v}");
        }
    }

    #[test]
    fn an_ascii_character_has_the_bit_the_matcher_s_folding_gives_it() {
        for c in (0u8..128).map(char::from) {
            let folded = nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c));
            assert_eq!(folded, c.to_ascii_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn masks_say_which_customers_a_word_may_match() {
        let k = SearchKeys::of("招商银行", "Acme", "", "", "");
        assert_eq!(k.masks, [mask(&k.name), mask("Acme"), 0]);
        assert!(may_match(&k.masks, &word_masks("zsyh acm")));
        assert!(!may_match(&k.masks, &word_masks("zsyh acmx")), "x is in no field");
        assert!(!may_match(&k.masks, &word_masks("zacm")), "a word's letters lie in one field");
        assert_eq!(word_masks("  "), Vec::<u64>::new());
    }
}
