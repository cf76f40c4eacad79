//! Finding a customer by a few typed letters: fuzzy matching (nucleo's matcher, the one fzf's
//! successor uses) over name, company, contact person, phone and tags, and over the pinyin of
//! the Chinese in them, in full and as initials, so `zsyh` and `zhaoshang` find 招商银行.
//! Each field becomes one haystack (its text, then its pinyin initials and full pinyin:
//! `SearchKeys`, kept in the book so that nobody works the pinyin out per search). The app's
//! index (`SearchIndex`) shares one haystack among every customer with the same value
//! (companies repeat); a letter mask skips haystacks that lack a letter of the pattern, a
//! folded copy of each finds the part the matcher needs (`window`), the scan goes through the
//! customers in the order ties are broken in and stops once enough have the best possible
//! score (`scan`), on two threads when there is much to score, and a keystroke that extends
//! the previous pattern only looks at what matched before. A single search (`search_once`) scores the stored haystacks as they
//! come, with the same scores and order.

mod hay;
mod keys;
mod once;
mod scan;
mod window;

use std::collections::HashMap;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::customer::CustomerId;
use hay::Hay;
use keys::field_haystack;
pub use keys::{SearchKeys, haystack, mask, may_match, word_masks};
pub use once::search_once;
use scan::{Found, NONE, Scan};

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

/// The prepared search over a whole book.
pub struct SearchIndex {
    entries: Vec<Keyed>,
    hays: Vec<Hay>,
    /// Per customer: the haystacks of its name, company, and the rest (contact, phone, tags).
    fields: Vec<[u32; 3]>,
    /// The customers in the order ties are broken in (`tie_order`).
    order: Vec<u32>,
    /// The last single-word pattern, each haystack's score for it (`UNSCORED` where it did
    /// not look): typing on only needs to look at those that matched or were not seen; and
    /// whether it had `limit` customers with the best score (if not, neither has a longer
    /// word: only where it is best can one that goes on be best).
    last: Option<(String, Vec<u16>, bool)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("haystacks", &self.hays.len())
            .finish()
    }
}

/// How many haystacks a one-off search takes before it is split over two threads.
const SPLIT_AT: usize = 20_000;

/// The pattern's words as the matcher's atoms (case and accents folded: what `window`
/// folds a haystack for).
fn atoms_of(words: &[&str]) -> Vec<Atom> {
    words.iter().map(|w| Atom::new(w, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy, false)).collect()
}

/// The order ties go in: the better tier, then the name, then the id.
fn tie_order(entries: &[Keyed], a: usize, b: usize) -> std::cmp::Ordering {
    entries[a]
        .tier_rank
        .cmp(&entries[b].tier_rank)
        .then_with(|| entries[a].name.cmp(&entries[b].name))
        .then_with(|| entries[a].id.cmp(&entries[b].id))
}

impl SearchIndex {
    /// The index over entries whose keys are worked out here (a book that keeps none).
    pub fn new(entries: Vec<SearchEntry>) -> Self {
        Self::from_keyed(entries.into_iter().map(Keyed::from).collect())
    }

    /// The index over customers with their keys as the book keeps them.
    pub fn from_keyed(entries: Vec<Keyed>) -> Self {
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_unstable_by(|a, b| tie_order(&entries, *a as usize, *b as usize));
        // Haystacks numbered in the order the scan meets them (tie order): it then reads
        // them nearly in sequence, not all over memory (a rare pattern passes over every
        // one; their letter masks, read scattered, were most of its time).
        let mut hays: Vec<Hay> = Vec::new();
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut fields = vec![[NONE; 3]; entries.len()];
        for &at in &order {
            let e = &entries[at as usize];
            for ((id, text), m) in fields[at as usize].iter_mut().zip(e.keys.haystacks()).zip(e.keys.masks) {
                if text.is_empty() {
                    continue;
                }
                *id = *seen.entry(text).or_insert_with(|| {
                    hays.push(Hay::new(text, m));
                    (hays.len() - 1) as u32
                });
            }
        }
        drop(seen);
        Self { entries, hays, fields, order, last: None }
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
        let masks: Vec<u64> = words.iter().map(|w| mask(w)).collect();
        let best: Vec<u32> = atoms.iter().map(|a| scan::best_score(a.needle_text().len())).collect();
        // Typing on narrows the last result: what did not match "wa" cannot match "wan".
        let (prev, try_best) = match &self.last {
            Some((p, scores, at_best)) if words.len() == 1 && words[0].starts_with(p.as_str()) => {
                (Some(scores.as_slice()), *at_best)
            }
            _ => (None, true),
        };
        let scan = Scan {
            hays: &self.hays,
            fields: &self.fields,
            order: &self.order,
            atoms: &atoms,
            masks: &masks,
            best: &best,
            prev,
        };
        let Found { mut scored, scores, at_best } = scan.run(limit, try_best);
        self.last = match (words.as_slice(), scores.into_iter().next()) {
            ([word], Some(scores)) => Some((word.to_string(), scores, at_best)),
            _ => None,
        };
        // Higher score first, then the tie order (positions in `order`).
        let by = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, by);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by);
        let mut matcher = Matcher::new(Config::DEFAULT);
        scored
            .into_iter()
            .map(|(score, at)| hit(&self.entries[self.order[at as usize] as usize], &atoms, &mut matcher, score))
            .collect()
    }
}

/// The best `limit` of the scored customers (total score, index in `entries`), best first:
/// higher score, then better tier, then name, then id; each with its lit characters.
fn ranked(entries: &[Keyed], mut scored: Vec<(u32, usize)>, atoms: &[Atom], limit: usize) -> Vec<Hit> {
    let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then_with(|| tie_order(entries, a.1, b.1));
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
mod equivalence_tests;

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
