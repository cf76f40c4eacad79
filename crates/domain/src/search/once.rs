//! One search over customers as a book hands them over (`tierdesk search`): each stored
//! haystack scored where it lies, no index built first. The scores and the order are those
//! of `SearchIndex::search` on the same customers.

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{Hit, Keyed, SPLIT_AT, atoms_of, mask, ranked};
use nucleo_matcher::pattern::Atom;

/// The haystack as the matcher reads it: ASCII as it is, anything else as the first character
/// of each grapheme (as `Utf32String` makes it, so that the scores are the index's).
fn utf32<'a>(text: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        return Utf32Str::Ascii(text.as_bytes());
    }
    buf.clear();
    // Splitting into graphemes is most of the cost of a one-off search; text whose every
    // character stands alone (Chinese, Latin letters, their punctuation) is its characters.
    if text.chars().all(stands_alone) {
        buf.extend(text.chars());
    } else {
        buf.extend(nucleo_matcher::chars::graphemes(text));
    }
    Utf32Str::Unicode(buf)
}

/// Whether a character is always a grapheme of its own: printable ASCII, Latin-1 and Latin
/// Extended-A/B letters, CJK punctuation (not its combining tone marks), CJK ideographs, and
/// full- and halfwidth forms (not the halfwidth sound marks). None of them joins the
/// character before it or the one after.
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{24F}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF9D}'
        | '\u{FFE0}'..='\u{FFEE}')
}

/// The total score of a customer: for each word the best of its fields, summed; None when
/// some word matches none of them.
fn total(e: &Keyed, atoms: &[(Atom, u64)], matcher: &mut Matcher, buf: &mut Vec<char>) -> Option<u32> {
    let mut total = 0u32;
    for (atom, word_mask) in atoms {
        let mut best = 0u16;
        for (text, m) in e.keys.haystacks().into_iter().zip(e.keys.masks) {
            if text.is_empty() || word_mask & !m != 0 {
                continue;
            }
            best = best.max(atom.score(utf32(text, buf), matcher).unwrap_or(0));
        }
        if best == 0 {
            return None;
        }
        total += u32::from(best);
    }
    Some(total)
}

/// The best `limit` of `entries` for `pattern`, best first, as `SearchIndex::search` ranks
/// them. An empty pattern finds nothing.
pub fn search_once(entries: &[Keyed], pattern: &str, limit: usize) -> Vec<Hit> {
    let words: Vec<&str> = pattern.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let atoms = atoms_of(&words);
    let with_masks: Vec<(Atom, u64)> = atoms.iter().cloned().zip(words.iter().map(|w| mask(w))).collect();
    let run = |from: usize, part: &[Keyed]| -> Vec<(u32, usize)> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        part.iter()
            .enumerate()
            .filter_map(|(i, e)| total(e, &with_masks, &mut matcher, &mut buf).map(|t| (t, from + i)))
            .collect()
    };
    // Three haystacks a customer: split as the index splits its haystacks.
    let scored = if entries.len() * 3 < SPLIT_AT {
        run(0, entries)
    } else {
        let mid = entries.len() / 2;
        std::thread::scope(|s| {
            let second = s.spawn(|| run(mid, &entries[mid..]));
            let mut first = run(0, &entries[..mid]);
            // A panicked half finds nothing rather than failing the search.
            first.extend(second.join().unwrap_or_default());
            first
        })
    };
    ranked(entries, scored, &atoms, limit)
}

#[cfg(test)]
mod tests {
    use super::super::{SearchEntry, SearchIndex};
    use super::*;
    use crate::customer::CustomerId;

    fn entries() -> Vec<SearchEntry> {
        let rows = [
            ("招商银行", "招商银行股份有限公司", "李经理", "0755", "银行 重点", 1),
            ("张三", "中山医院", "", "13800138000", "", 2),
            ("Zhang Wei", "Bluehill", "", "", "", 0),
            ("王芳", "上海华信科技", "", "", "物流", 0),
            ("汪芳", "上海华信科技", "", "", "", 0),
            ("Müller GmbH", "Müller", "Hans", "", "germany", 3),
            ("Customer 12", "Atlas", "", "", "", 2),
            ("Customer 120", "Atlas", "", "", "", 2),
        ];
        rows.iter()
            .enumerate()
            .map(|(i, (n, c, p, ph, t, r))| SearchEntry {
                id: CustomerId(i as i64 + 1),
                name: n.to_string(),
                company: c.to_string(),
                contact: p.to_string(),
                phone: ph.to_string(),
                tags: t.to_string(),
                tier_rank: *r,
            })
            .collect()
    }

    #[test]
    fn one_search_finds_what_the_index_finds_in_the_same_order() {
        let keyed: Vec<Keyed> = entries().into_iter().map(Keyed::from).collect();
        let mut index = SearchIndex::new(entries());
        for q in ["zsyh", "zh", "wang fang", "huaxin", "muller", "cust 12", "atl", "138", "物流", "x", "fang"] {
            index.search("", 1);
            assert_eq!(search_once(&keyed, q, 5), index.search(q, 5), "{q}");
        }
        assert!(search_once(&keyed, " ", 5).is_empty());
    }

    #[test]
    fn characters_that_stand_alone_are_their_own_graphemes() {
        let samples = "招商银行 Müller ÅØ ，。「」（）ＡＢ１ ﾊﾝ ¥ ï ñ ŧ ǅ 〇 㐀 豈 ～";
        let chars: Vec<char> = samples.chars().collect();
        assert!(chars.iter().all(|c| stands_alone(*c)));
        assert_eq!(nucleo_matcher::chars::graphemes(samples).collect::<Vec<_>>(), chars);
        // These join their neighbour: left to the grapheme split.
        for joined in ["e\u{301}", "ｶﾞ", "か\u{3099}", "王\r\n", "👍🏽", "한\u{11A8}"] {
            assert!(!joined.chars().all(stands_alone), "{joined:?}");
            let mut buf = Vec::new();
            let got = utf32(joined, &mut buf).len();
            assert_eq!(got, nucleo_matcher::chars::graphemes(joined).count(), "{joined:?}");
        }
    }

    #[test]
    fn a_big_book_is_split_in_two_and_ranked_the_same() {
        let many: Vec<SearchEntry> = (0..8_000)
            .flat_map(|k| {
                entries().into_iter().map(move |mut e| {
                    e.id = CustomerId(e.id.0 + 100 * k);
                    e
                })
            })
            .collect();
        let keyed: Vec<Keyed> = many.iter().cloned().map(Keyed::from).collect();
        let mut index = SearchIndex::new(many);
        for q in ["zsyh", "fang", "cust 12"] {
            index.search("", 1);
            assert_eq!(search_once(&keyed, q, 20), index.search(q, 20), "{q}");
        }
    }
}
