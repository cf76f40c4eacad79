//! Finding a customer by a few typed letters: fuzzy matching (nucleo's matcher, the one fzf's
//! successor uses) over name, company, contact person, phone and tags, and over the pinyin of
//! the Chinese in them, in full and as initials, so `zsyh` and `zhaoshang` find 招商银行.
//! Each field becomes one haystack (its text, then its pinyin initials and full pinyin:
//! `SearchKeys`, kept in the book so that nobody works the pinyin out per search). The app's
//! index (`SearchIndex`) shares one haystack among every customer with the same value
//! (companies repeat); a letter mask skips haystacks that lack a letter of the pattern, the
//! scan runs on two threads, and a keystroke that extends the previous pattern only looks at
//! what matched before. A single search (`search_once`) scores the stored haystacks as they
//! come, with the same scores and order.

mod keys;
mod once;

use std::collections::HashMap;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::customer::CustomerId;
use keys::field_haystack;
pub use keys::{SearchKeys, haystack, mask, may_match, word_masks};
pub use once::search_once;

/// What a customer is found by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchEntry {
    pub id: CustomerId,
    pub name: String,
    pub company: String,
    pub contact: String,
    pub phone: String,
    pub tags: String,
    /// Position of the customer's tier in the scheme (0 = best): ties go to better tiers.
    pub tier_rank: usize,
}

/// A customer as a search reads it from a book: its name and company (shown, and lit where
/// they matched), its tier's rank (ties go to better tiers) and its search keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keyed {
    pub id: CustomerId,
    pub name: String,
    pub company: String,
    pub tier_rank: usize,
    pub keys: SearchKeys,
}

impl From<SearchEntry> for Keyed {
    /// An entry with its keys worked out (for a book that keeps none).
    fn from(e: SearchEntry) -> Self {
        let keys = SearchKeys::of_entry(&e);
        Keyed { id: e.id, name: e.name, company: e.company, tier_rank: e.tier_rank, keys }
    }
}

/// One search result: the customer, its score, and which characters of its name and company
/// matched (character indices, for highlighting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: CustomerId,
    pub score: u32,
    pub name_chars: Vec<usize>,
    pub company_chars: Vec<usize>,
}

/// One distinct haystack (a field's stored keys) and the mask of the letters in it (a
/// pattern letter missing from the mask cannot match).
struct Hay {
    text: Utf32String,
    mask: u64,
}

/// The prepared search over a whole book.
pub struct SearchIndex {
    entries: Vec<Keyed>,
    hays: Vec<Hay>,
    /// Per customer: the haystacks of its name, company, and the rest (contact, phone, tags).
    fields: Vec<[u32; 3]>,
    /// The last single-word pattern and which haystacks it matched: typing on only needs
    /// to look at those.
    last: Option<(String, Vec<bool>)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("haystacks", &self.hays.len())
            .finish()
    }
}

const NONE: u32 = u32::MAX;

/// How many haystacks a scan takes before it is split over two threads.
const SPLIT_AT: usize = 20_000;

/// The pattern's words as the matcher's atoms (case and accents folded).
fn atoms_of(words: &[&str]) -> Vec<Atom> {
    words.iter().map(|w| Atom::new(w, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy, false)).collect()
}

/// Score `atom` against the haystacks marked in `only` (all when None), on up to two threads.
fn score_all(hays: &[Hay], atom: &Atom, atom_mask: u64, only: Option<&[bool]>) -> Vec<u16> {
    let run = |range: std::ops::Range<usize>| -> Vec<u16> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        range
            .map(|i| {
                let h = &hays[i];
                let wanted = only.is_none_or(|o| o[i]) && atom_mask & !h.mask == 0;
                if wanted { atom.score(h.text.slice(..), &mut matcher).unwrap_or(0) } else { 0 }
            })
            .collect()
    };
    let n = hays.len();
    if n < SPLIT_AT {
        return run(0..n);
    }
    let mid = n / 2;
    std::thread::scope(|s| {
        let second = s.spawn(|| run(mid..n));
        let mut first = run(0..mid);
        first.extend(second.join().unwrap_or_else(|_| vec![0; n - mid]));
        first
    })
}

impl SearchIndex {
    /// The index over entries whose keys are worked out here (a book that keeps none).
    pub fn new(entries: Vec<SearchEntry>) -> Self {
        Self::from_keyed(entries.into_iter().map(Keyed::from).collect())
    }

    /// The index over customers with their keys as the book keeps them.
    pub fn from_keyed(entries: Vec<Keyed>) -> Self {
        let mut hays: Vec<Hay> = Vec::new();
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let fields = entries
            .iter()
            .map(|e| {
                let mut ids = [NONE; 3];
                for ((id, text), m) in ids.iter_mut().zip(e.keys.haystacks()).zip(e.keys.masks) {
                    if text.is_empty() {
                        continue;
                    }
                    *id = *seen.entry(text).or_insert_with(|| {
                        hays.push(Hay { mask: m, text: Utf32String::from(text) });
                        (hays.len() - 1) as u32
                    });
                }
                ids
            })
            .collect();
        drop(seen);
        Self { entries, hays, fields, last: None }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, i: usize) -> &Keyed {
        &self.entries[i]
    }

    /// The best `limit` customers for `pattern`, best first; ties go to the better tier, then
    /// the name. Each word of the pattern must match one of the customer's fields (name,
    /// company, or contact/phone/tags), in its own text or its pinyin. An empty pattern
    /// finds nothing.
    pub fn search(&mut self, pattern: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<&str> = pattern.split_whitespace().collect();
        if words.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let atoms = atoms_of(&words);
        // Typing on narrows the last result: what did not match "wa" cannot match "wan".
        let only = match &self.last {
            Some((prev, matched)) if words.len() == 1 && words[0].starts_with(prev.as_str()) => Some(matched.clone()),
            _ => None,
        };
        let per_atom: Vec<Vec<u16>> =
            atoms.iter().zip(&words).map(|(a, w)| score_all(&self.hays, a, mask(w), only.as_deref())).collect();
        if words.len() == 1 {
            self.last = Some((words[0].to_string(), per_atom[0].iter().map(|s| *s > 0).collect()));
        } else {
            self.last = None;
        }
        let mut scored: Vec<(u32, usize)> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let mut total = 0u32;
            let mut all = true;
            for scores in &per_atom {
                let best = f.iter().filter(|h| **h != NONE).map(|h| scores[*h as usize]).max().unwrap_or(0);
                if best == 0 {
                    all = false;
                    break;
                }
                total += u32::from(best);
            }
            if all {
                scored.push((total, i));
            }
        }
        ranked(&self.entries, scored, &atoms, limit)
    }
}

/// The best `limit` of the scored customers (total score, index in `entries`), best first:
/// higher score, then better tier, then name, then id; each with its lit characters.
fn ranked(entries: &[Keyed], mut scored: Vec<(u32, usize)>, atoms: &[Atom], limit: usize) -> Vec<Hit> {
    let order = |a: &(u32, usize), b: &(u32, usize)| {
        b.0.cmp(&a.0)
            .then_with(|| entries[a.1].tier_rank.cmp(&entries[b.1].tier_rank))
            .then_with(|| entries[a.1].name.cmp(&entries[b.1].name))
            .then_with(|| entries[a.1].id.cmp(&entries[b.1].id))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, order);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(order);
    let mut matcher = Matcher::new(Config::DEFAULT);
    scored.into_iter().map(|(score, i)| hit(&entries[i], atoms, &mut matcher, score)).collect()
}

/// A hit with the characters of its name and company that the pattern's words matched.
fn hit(e: &Keyed, atoms: &[Atom], matcher: &mut Matcher, score: u32) -> Hit {
    let lit = |value: &str, matcher: &mut Matcher| -> Vec<usize> {
        if value.is_empty() {
            return Vec::new();
        }
        let (text, map) = field_haystack(value);
        let hay = Utf32String::from(text);
        let mut out = Vec::new();
        for atom in atoms {
            let mut idx = Vec::new();
            if atom.indices(hay.slice(..), matcher, &mut idx).is_some() {
                out.extend(idx.iter().filter_map(|k| map.get(*k as usize).copied().flatten()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    Hit { id: e.id, score, name_chars: lit(&e.name, matcher), company_chars: lit(&e.company, matcher) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, name: &str, company: &str, tier_rank: usize) -> SearchEntry {
        SearchEntry { id: CustomerId(id), name: name.into(), company: company.into(), tier_rank, ..Default::default() }
    }

    fn index() -> SearchIndex {
        SearchIndex::new(vec![
            entry(1, "招商银行", "招商银行股份有限公司", 1),
            entry(2, "张三", "中山医院", 2),
            entry(3, "Zhang Wei", "Bluehill", 0),
            entry(4, "王芳", "上海华信科技", 0),
            entry(5, "Müller GmbH", "Müller", 3),
        ])
    }

    fn first(ix: &mut SearchIndex, q: &str) -> Option<i64> {
        ix.search(q, 10).first().map(|h| h.id.0)
    }

    #[test]
    fn pinyin_initials_and_full_find_chinese_names() {
        let mut ix = index();
        assert_eq!(first(&mut ix, "zsyh"), Some(1));
        assert_eq!(first(&mut ix, "zhaoshang"), Some(1));
        assert_eq!(first(&mut ix, "wangfang"), Some(4));
        assert_eq!(first(&mut ix, "招商"), Some(1));
    }

    #[test]
    fn accents_fold_and_ties_go_to_the_better_tier() {
        let mut ix = index();
        assert_eq!(first(&mut ix, "muller"), Some(5));
        // "zh" matches 招商 (zh..), 张三 (zh..) and Zhang Wei equally well at the start: tier decides
        let hits = ix.search("zh", 10);
        assert!(hits.len() >= 3);
    }

    #[test]
    fn matched_characters_map_back_to_the_chinese() {
        let mut ix = index();
        // 招商银行's initials are the start of both its name and its company: both are lit
        let hits = ix.search("zsyh", 1);
        assert_eq!((hits[0].name_chars.clone(), hits[0].company_chars.clone()), (vec![0, 1, 2, 3], vec![0, 1, 2, 3]));
        let hits = ix.search("zhongshan", 1);
        assert_eq!((hits[0].id.0, hits[0].company_chars.clone()), (2, vec![0, 1]), "中山 from its pinyin");
        let hits = ix.search("Wei", 1);
        assert_eq!(hits[0].id.0, 3);
        assert_eq!(hits[0].name_chars, vec![6, 7, 8]);
    }

    #[test]
    fn typing_on_narrows_and_backspacing_widens_again() {
        let mut ix = index();
        let wide = ix.search("z", 10).len();
        let narrow = ix.search("zs", 10).len();
        assert!(narrow <= wide);
        assert_eq!(ix.search("z", 10).len(), wide, "a shorter pattern searches everything again");
        assert!(ix.search("", 10).is_empty());
    }
}
