//! One keystroke's scan of the index: the customers in the order ties are broken in
//! (better tier, then name, then id), a chunk at a time, each chunk's haystacks scored once
//! (on two threads when there are many), and a stop as soon as `limit` customers have the
//! best score a pattern can get at all: every customer after them ties at best and loses
//! the tie, so the rest of the book cannot change the result. Before that, a cheaper pass
//! (`best_only`) scores only the customers that may have that best score: a short pattern
//! (the first letter, a deleted letter, a Chinese character, pinyin that starts a name) has
//! `limit` of them within the first few thousand customers. A rare one is scanned to the
//! end, as before.

use nucleo_matcher::pattern::Atom;
use nucleo_matcher::{Config, Matcher};

use super::hay::Hay;
use super::window;

/// A haystack's score not worked out (the scan stopped before it mattered).
pub(super) const UNSCORED: u16 = u16::MAX;

/// Marks a field a customer does not have.
pub(super) const NONE: u32 = u32::MAX;

/// How many haystacks are scored on one thread before the work is split over two.
/// (Small in tests, so that they take both ways.)
const SPLIT_AT: usize = if cfg!(test) { 64 } else { 8_000 };

/// The first chunk's customers; each next chunk is twice as large, so a pattern that stops
/// early looks at few customers and one that does not costs few chunks.
/// (Small in tests, so that they stop early in books of a few hundred.)
const FIRST_CHUNK: usize = if cfg!(test) { 16 } else { 2_048 };

/// The matcher's most for one letter matched (a match, and the bonus at the start of a
/// word, `nucleo_matcher`'s SCORE_MATCH and bonus_boundary_white).
const MOST_PER_LETTER: u32 = 16 + 10;
/// The first letter's bonus counts twice (the matcher's BONUS_FIRST_CHAR_MULTIPLIER).
const FIRST_LETTER_EXTRA: u32 = 10;

/// The best score a word of `letters` characters gets anywhere: every letter matched at
/// the start of a word or right after the one before, the first at the start of a word.
pub(super) fn best_score(letters: usize) -> u32 {
    MOST_PER_LETTER * letters as u32 + FIRST_LETTER_EXTRA
}

/// What the scan looks at.
pub(super) struct Scan<'a> {
    pub hays: &'a [Hay],
    pub fields: &'a [[u32; 3]],
    /// Customer indices in tie order.
    pub order: &'a [u32],
    pub atoms: &'a [Atom],
    /// Per atom: the mask of its word and its best score.
    pub masks: &'a [u64],
    pub best: &'a [u32],
    /// The scores of the previous single word when this word extends it: a haystack it did
    /// not match (0) cannot match this one.
    pub prev: Option<&'a [u16]>,
}

/// What a scan found: (total score, position in `order`) of each customer matching every
/// word (or, when `at_best`, of the first `limit` with the best total, which are the
/// result), and per atom each haystack's score (`UNSCORED` where the scan did not look).
pub(super) struct Found {
    pub scored: Vec<(u32, u32)>,
    pub scores: Vec<Vec<u16>>,
    pub at_best: bool,
}

impl Scan<'_> {
    /// The scan; `try_best` first looks for `limit` customers with the best total among
    /// those that may have it (`Hay::may_be_best`), scoring only those: when there are that
    /// many, they are the result. A word extending one that had too few need not try.
    pub fn run(&self, limit: usize, try_best: bool) -> Found {
        let mut scores: Vec<Vec<u16>> = self.atoms.iter().map(|_| vec![UNSCORED; self.hays.len()]).collect();
        let words: Vec<Option<Vec<u16>>> = self.atoms.iter().map(|a| window::word(a.needle_text())).collect();
        let best_total: u32 = self.best.iter().sum();
        if try_best && let Some(scored) = self.best_only(limit, best_total, &words, &mut scores) {
            return Found { scored, scores, at_best: true };
        }
        let mut scored = Vec::new();
        let mut at_best = 0usize;
        let (mut from, mut size) = (0, FIRST_CHUNK);
        while from < self.order.len() && at_best < limit {
            let to = (from + size).min(self.order.len());
            let chunk = &self.order[from..to];
            for (a, atom) in self.atoms.iter().enumerate() {
                let todo = self.todo(a, chunk, &mut scores[a]);
                for (h, s) in todo.iter().zip(score_list(self.hays, atom, words[a].as_deref(), &todo)) {
                    scores[a][*h as usize] = s;
                }
            }
            for (k, &e) in chunk.iter().enumerate() {
                if let Some(total) = self.total(e, &scores) {
                    at_best += usize::from(total >= best_total);
                    scored.push((total, (from + k) as u32));
                }
            }
            (from, size) = (to, size * 2);
        }
        Found { scored, scores, at_best: false }
    }

    /// The first `limit` customers in tie order with the best total, or None when the book
    /// has fewer. Only customers whose every word may be best in one of their fields are
    /// scored (their scores kept in `scores`).
    fn best_only(
        &self,
        limit: usize,
        best_total: u32,
        words: &[Option<Vec<u16>>],
        scores: &mut [Vec<u16>],
    ) -> Option<Vec<(u32, u32)>> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut found = Vec::new();
        for (at, &e) in self.order.iter().enumerate() {
            if found.len() >= limit {
                return Some(found);
            }
            // A quarter of the book gave fewer than a quarter of `limit`: at that pace the
            // book has too few, and the full scan that follows would pass over every customer
            // again (a rare word, as the second Chinese character of a name: two passes of
            // 100,000 customers, 21 ms).
            if at > 0 && at == self.order.len() / 4 && found.len() * 4 < limit {
                return None;
            }
            let f = &self.fields[e as usize];
            let may = (0..self.atoms.len()).all(|a| {
                let prev = if a == 0 { self.prev } else { None };
                f.iter().any(|&h| {
                    h != NONE
                        && self.masks[a] & !self.hays[h as usize].mask == 0
                        && prev.is_none_or(|p| p[h as usize] != 0)
                        && self.hays[h as usize].may_be_best(words[a].as_deref())
                })
            });
            if !may {
                continue;
            }
            for (a, atom) in self.atoms.iter().enumerate() {
                for &h in f.iter().filter(|h| **h != NONE) {
                    let s = &mut scores[a][h as usize];
                    if *s == UNSCORED {
                        *s = self.hays[h as usize].score(atom, words[a].as_deref(), &mut matcher);
                    }
                }
            }
            if let Some(total) = self.total(e, scores)
                && total >= best_total
            {
                found.push((total, at as u32));
            }
        }
        (found.len() >= limit).then_some(found)
    }

    /// The haystacks of `chunk`'s customers atom `a` still has to score; those it cannot
    /// match are set to 0 on the way.
    fn todo(&self, a: usize, chunk: &[u32], scores: &mut [u16]) -> Vec<u32> {
        let mask = self.masks[a];
        let prev = if a == 0 { self.prev } else { None };
        let mut todo = Vec::new();
        for &e in chunk {
            for &h in &self.fields[e as usize] {
                if h == NONE || scores[h as usize] != UNSCORED {
                    continue;
                }
                let hay = &self.hays[h as usize];
                // Set at once: listed once, even when customers share it.
                scores[h as usize] = 0;
                if mask & !hay.mask == 0 && prev.is_none_or(|p| p[h as usize] != 0) {
                    todo.push(h);
                }
            }
        }
        todo
    }

    /// A customer's total: per word the best of its fields, summed; None when a word
    /// matches none.
    fn total(&self, e: u32, scores: &[Vec<u16>]) -> Option<u32> {
        let f = &self.fields[e as usize];
        let mut total = 0u32;
        for s in scores {
            let best = f.iter().filter(|h| **h != NONE).map(|h| s[*h as usize]).max().unwrap_or(0);
            if best == 0 {
                return None;
            }
            total += u32::from(best);
        }
        Some(total)
    }
}

/// `atom`'s score on each of `todo`, on two threads when they are many.
fn score_list(hays: &[Hay], atom: &Atom, word: Option<&[u16]>, todo: &[u32]) -> Vec<u16> {
    let run = |part: &[u32]| -> Vec<u16> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        part.iter().map(|h| hays[*h as usize].score(atom, word, &mut matcher)).collect()
    };
    if todo.len() < SPLIT_AT {
        return run(todo);
    }
    let (first, second) = todo.split_at(todo.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| run(second));
        let mut out = run(first);
        // A panicked half matches nothing rather than failing the search.
        out.extend(other.join().unwrap_or_else(|_| vec![0; second.len()]));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::Utf32String;
    use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization};
    use proptest::prelude::*;

    fn score(word: &str, hay: &str) -> Option<u16> {
        let atom = Atom::new(word, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy, false);
        atom.score(Utf32String::from(hay).slice(..), &mut Matcher::new(Config::DEFAULT))
    }

    #[test]
    fn a_word_at_the_start_of_a_word_gets_the_best_score() {
        for (word, hay) in [
            ("w", "王芳  wf  wangfang"),
            ("wang", "王芳  wf  wangfang"),
            ("zs", "Zs"),
            ("王", "王芳"),
            ("ab1", "x ab1"),
        ] {
            assert_eq!(score(word, hay).map(u32::from), Some(best_score(word.chars().count())), "{word} in {hay}");
        }
    }

    proptest! {
        #[test]
        fn no_haystack_scores_a_word_above_the_best(word in "[a-zA-Z0-9王芳ü/_-]{1,6}", hay in "[a-zA-Z0-9王芳ü /_.-]{0,40}") {
            if let Some(s) = score(&word, &hay) {
                prop_assert!(u32::from(s) <= best_score(word.chars().count()), "{} in {:?}: {}", word, hay, s);
            }
        }
    }
}
