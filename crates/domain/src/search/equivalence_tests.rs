//! The index's search finds exactly what scoring every field of every customer in full
//! finds, in the same order (`reference`: the search as it was before the index learned to
//! skip work), for random keystrokes over a book made like a real one: Chinese and Latin
//! names, shared companies, accents, full-width letters, contacts, phones and tags.

use nucleo_matcher::{Config, Matcher, Utf32String};
use proptest::prelude::*;

use super::*;

/// Every customer, every field, the whole haystack: no mask, no window, no early stop.
fn reference(entries: &[Keyed], pattern: &str, limit: usize) -> Vec<Hit> {
    let words: Vec<&str> = pattern.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let atoms = atoms_of(&words);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut scored = Vec::new();
    'customers: for (i, e) in entries.iter().enumerate() {
        let mut total = 0u32;
        for atom in &atoms {
            let best = e
                .keys
                .haystacks()
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(|t| atom.score(Utf32String::from(t).slice(..), &mut matcher).unwrap_or(0))
                .max()
                .unwrap_or(0);
            if best == 0 {
                continue 'customers;
            }
            total += u32::from(best);
        }
        scored.push((total, i));
    }
    ranked(entries, scored, &atoms, limit)
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑曾欧阳司马万汪";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明思生顺长行重乐";
const FIRMS: &[&str] = &[
    "招商银行",
    "中山医院",
    "上海华信科技有限公司",
    "重庆长安汽车",
    "中国平安保险（集团）",
    "Acme Trading Ltd",
    "Northwind",
    "Müller GmbH",
    "ＡＢＣ商行",
    "Wang & Sons",
    "Zhang Wei Consulting",
    "Åsa Café",
    "",
];
const TAGS: &[&str] = &["VIP", "重点", "待跟进", "export", "华东", "", "w-1", "São Paulo"];

fn pick<'a>(list: &'a [&'a str], r: u64) -> &'a str {
    list[(r % list.len() as u64) as usize]
}

fn char_of(s: &str, r: u64) -> char {
    let chars: Vec<char> = s.chars().collect();
    chars[(r % chars.len() as u64) as usize]
}

/// A customer made from random numbers: a Chinese person, a firm, or a Latin name.
fn entry(id: i64, r: u64, s: u64) -> Keyed {
    let person = format!("{}{}{}", char_of(SURNAMES, r), char_of(GIVEN, r >> 8), char_of(GIVEN, r >> 16));
    let name = match s % 5 {
        0 | 1 => person.clone(),
        2 => pick(FIRMS, r >> 24).to_string(),
        3 => format!(
            "{} {}",
            pick(&["Li", "Wang", "ZHANG", "wu", "Ann", "Ng"], r >> 30),
            pick(&["Wei", "Fang", "Qiang", "Smith"], r >> 33)
        ),
        _ => format!("{}{}", char_of(SURNAMES, r >> 36), pick(&["经理", "总", " Bob", "1号"], r >> 40)),
    };
    let company = pick(FIRMS, s >> 8);
    let contact = if s >> 16 & 1 == 0 { format!("{}{}", char_of(SURNAMES, s >> 20), "经理") } else { String::new() };
    let phone = if s >> 24 & 3 == 0 { format!("1{}", (r >> 44) % 100_000) } else { String::new() };
    let tags = pick(TAGS, s >> 28);
    let e = SearchEntry {
        id: CustomerId(id),
        name,
        company: company.to_string(),
        contact,
        phone,
        tags: tags.to_string(),
        tier_rank: ((s >> 40) % 4) as usize,
    };
    Keyed::from(e)
}

/// What a keystroke does to the query.
#[derive(Debug, Clone)]
enum Key {
    Type(char),
    Backspace,
    Clear,
}

fn key() -> impl Strategy<Value = Key> {
    let typed = "wanghzsyiqljfuemcxtbok WAZ王张芳经理长重华Üü1-ＡS".chars().collect::<Vec<_>>();
    prop_oneof![
        6 => proptest::sample::select(typed).prop_map(Key::Type),
        2 => Just(Key::Backspace),
        1 => Just(Key::Clear),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_index_ranks_every_keystroke_as_scoring_everything_does(
        seeds in proptest::collection::vec((any::<u64>(), any::<u64>()), 150..400),
        keys in proptest::collection::vec(key(), 1..14),
        limit in prop_oneof![Just(1usize), Just(5), Just(20), Just(200)],
    ) {
        let entries: Vec<Keyed> = seeds.iter().enumerate().map(|(i, (r, s))| entry(i as i64 + 1, *r, *s)).collect();
        let mut index = SearchIndex::from_keyed(entries.clone());
        let mut query = String::new();
        for k in keys {
            match k {
                Key::Type(c) => query.push(c),
                Key::Backspace => { query.pop(); }
                Key::Clear => query.clear(),
            }
            prop_assert_eq!(index.search(&query, limit), reference(&entries, &query, limit), "{:?}", query);
        }
    }
}

#[test]
fn pinyin_initials_and_full_pinyin_rank_as_scoring_everything_does() {
    let entries: Vec<Keyed> = (0..3_000u64)
        .map(|i| entry(i as i64 + 1, i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ i))
        .collect();
    let mut index = SearchIndex::from_keyed(entries.clone());
    for q in [
        "w", "wa", "wan", "wang", "wan", "z", "zs", "zh", "zhang", "王", "王芳", "长", "zq", "zw", "acm trd", "muller",
        "a", "an",
    ] {
        for limit in [1, 20, 200] {
            assert_eq!(index.search(q, limit), reference(&entries, q, limit), "{q} {limit}");
        }
    }
}
