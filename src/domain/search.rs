//! Finding a customer by a few typed letters: fuzzy matching (nucleo's matcher, the one fzf's
//! successor uses) over name, company, contact person, phone and tags, and over the pinyin of
//! the Chinese in them, in full and as initials, so `zsyh` and `zhaoshang` find 招商银行.
//! Each customer has two prepared haystacks (its text, its pinyin) built once; a keystroke
//! that extends the previous pattern only searches the previous hits.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::customer::CustomerId;
use super::names::syllables;

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

/// Which of the shown fields a matched character belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownField {
    Name,
    Company,
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

/// A piece of a haystack that comes from a shown field, character for character or through
/// pinyin: `map[i]` is the field's character for haystack character `start + i`.
#[derive(Debug, Clone)]
struct Span {
    start: u32,
    field: ShownField,
    map: Vec<usize>,
}

#[derive(Debug)]
struct Prepared {
    text: Utf32String,
    pinyin: Utf32String,
    text_spans: Vec<Span>,
    pinyin_spans: Vec<Span>,
}

/// The prepared search over a whole book.
pub struct SearchIndex {
    entries: Vec<SearchEntry>,
    prepared: Vec<Prepared>,
    matcher: Matcher,
    /// The last pattern and the entries it matched, for narrowing as the user types on.
    last: Option<(String, Vec<usize>)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("entries", &self.entries.len()).finish()
    }
}

/// Separator between fields in a haystack: a gap the matcher penalises, so a match inside
/// one field beats one strung across two.
const GAP: &str = "  ";

fn push_plain(out: &mut String, len: &mut u32, spans: &mut Vec<Span>, text: &str, field: Option<ShownField>) {
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str(GAP);
        *len += GAP.chars().count() as u32;
    }
    if let Some(field) = field {
        spans.push(Span { start: *len, field, map: (0..text.chars().count()).collect() });
    }
    out.push_str(text);
    *len += text.chars().count() as u32;
}

/// Append the pinyin of `text`: full syllables, or initials; non-Chinese characters as they
/// are (lowercased). Records for every pinyin letter which character it came from.
fn push_pinyin(
    out: &mut String,
    len: &mut u32,
    spans: &mut Vec<Span>,
    text: &str,
    field: Option<ShownField>,
    initials: bool,
) {
    let sy = syllables(text);
    if !sy.iter().any(|(_, p)| p.is_some()) {
        return; // no Chinese: the plain haystack already has it
    }
    if !out.is_empty() {
        out.push_str(GAP);
        *len += GAP.chars().count() as u32;
    }
    let mut map = Vec::new();
    for (i, (c, p)) in sy.iter().enumerate() {
        let piece: String = match p {
            Some(p) if initials => p.chars().take(1).collect(),
            Some(p) => p.to_string(),
            None => c.to_lowercase().collect(),
        };
        for ch in piece.chars() {
            out.push(ch);
            map.push(i);
        }
    }
    if let Some(field) = field {
        spans.push(Span { start: *len, field, map: map.clone() });
    }
    *len += map.len() as u32;
}

fn prepare(e: &SearchEntry) -> Prepared {
    let (mut text, mut tlen, mut tspans) = (String::new(), 0u32, Vec::new());
    push_plain(&mut text, &mut tlen, &mut tspans, &e.name, Some(ShownField::Name));
    push_plain(&mut text, &mut tlen, &mut tspans, &e.company, Some(ShownField::Company));
    push_plain(&mut text, &mut tlen, &mut tspans, &e.contact, None);
    push_plain(&mut text, &mut tlen, &mut tspans, &e.phone, None);
    push_plain(&mut text, &mut tlen, &mut tspans, &e.tags, None);
    let (mut py, mut plen, mut pspans) = (String::new(), 0u32, Vec::new());
    for initials in [true, false] {
        push_pinyin(&mut py, &mut plen, &mut pspans, &e.name, Some(ShownField::Name), initials);
        push_pinyin(&mut py, &mut plen, &mut pspans, &e.company, Some(ShownField::Company), initials);
        push_pinyin(&mut py, &mut plen, &mut pspans, &e.contact, None, initials);
    }
    Prepared { text: Utf32String::from(text), pinyin: Utf32String::from(py), text_spans: tspans, pinyin_spans: pspans }
}

impl SearchIndex {
    pub fn new(entries: Vec<SearchEntry>) -> Self {
        let prepared = entries.iter().map(prepare).collect();
        Self { entries, prepared, matcher: Matcher::new(Config::DEFAULT), last: None }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, i: usize) -> &SearchEntry {
        &self.entries[i]
    }

    /// The best `limit` customers for `pattern`, best first; ties go to the better tier, then
    /// the name. An empty pattern finds nothing.
    pub fn search(&mut self, pattern: &str, limit: usize) -> Vec<Hit> {
        let pattern = pattern.trim();
        if pattern.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let parsed = Pattern::parse(pattern, CaseMatching::Ignore, Normalization::Smart);
        // Typing on narrows the last result: only what matched before can match now.
        let candidates: Vec<usize> = match &self.last {
            Some((prev, hits))
                if pattern.starts_with(prev.as_str()) && !prev.contains(' ') && !pattern.contains(' ') =>
            {
                hits.clone()
            }
            _ => (0..self.prepared.len()).collect(),
        };
        let mut scored: Vec<(u32, usize)> = Vec::with_capacity(candidates.len().min(4096));
        for i in candidates {
            let p = &self.prepared[i];
            let a = parsed.score(p.text.slice(..), &mut self.matcher);
            let b = if p.pinyin.is_empty() { None } else { parsed.score(p.pinyin.slice(..), &mut self.matcher) };
            if let Some(score) = a.max(b) {
                scored.push((score, i));
            }
        }
        self.last = Some((pattern.to_string(), scored.iter().map(|(_, i)| *i).collect()));
        let entries = &self.entries;
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
        scored.into_iter().map(|(score, i)| self.hit(&parsed, score, i)).collect()
    }

    /// A hit with the matched characters of its name and company, from whichever haystack
    /// scored higher.
    fn hit(&mut self, pattern: &Pattern, score: u32, i: usize) -> Hit {
        let p = &self.prepared[i];
        let mut text_idx = Vec::new();
        let mut py_idx = Vec::new();
        let a = pattern.indices(p.text.slice(..), &mut self.matcher, &mut text_idx);
        let b = if p.pinyin.is_empty() {
            None
        } else {
            pattern.indices(p.pinyin.slice(..), &mut self.matcher, &mut py_idx)
        };
        let (indices, spans) = if a >= b { (text_idx, &p.text_spans) } else { (py_idx, &p.pinyin_spans) };
        let mut hit = Hit { id: self.entries[i].id, score, name_chars: Vec::new(), company_chars: Vec::new() };
        for idx in indices {
            for s in spans {
                if idx >= s.start && ((idx - s.start) as usize) < s.map.len() {
                    let c = s.map[(idx - s.start) as usize];
                    match s.field {
                        ShownField::Name => hit.name_chars.push(c),
                        ShownField::Company => hit.company_chars.push(c),
                    }
                }
            }
        }
        hit.name_chars.sort_unstable();
        hit.name_chars.dedup();
        hit.company_chars.sort_unstable();
        hit.company_chars.dedup();
        hit
    }
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
        // 招商银行's initials are the start of both its name and its company: either is lit
        let hits = ix.search("zsyh", 1);
        assert!(hits[0].name_chars == [0, 1, 2, 3] || hits[0].company_chars == [0, 1, 2, 3], "{hits:?}");
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
