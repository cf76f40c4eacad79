//! Keys derived from names: a pinyin sort key so that 王芳 sorts under W, and the full and
//! initial pinyin that searching by Latin letters needs.

use pinyin::ToPinyin;

/// Words whose characters read differently from their most common reading (行 is "xing"
/// alone but "hang" in 银行). Names of companies and places are full of them.
const PHRASES: &[(&str, &[&str])] = &[
    ("银行", &["yin", "hang"]),
    ("行业", &["hang", "ye"]),
    ("商行", &["shang", "hang"]),
    ("车行", &["che", "hang"]),
    ("重庆", &["chong", "qing"]),
    ("长沙", &["chang", "sha"]),
    ("长春", &["chang", "chun"]),
    ("长安", &["chang", "an"]),
    ("长城", &["chang", "cheng"]),
    ("长江", &["chang", "jiang"]),
    ("厦门", &["xia", "men"]),
    ("蚌埠", &["beng", "bu"]),
    ("六安", &["lu", "an"]),
    ("单县", &["shan", "xian"]),
    ("乐山", &["le", "shan"]),
    ("音乐", &["yin", "yue"]),
    ("快乐", &["kuai", "le"]),
    ("传媒", &["chuan", "mei"]),
    ("传动", &["chuan", "dong"]),
    ("发行", &["fa", "xing"]),
    ("调查", &["diao", "cha"]),
    ("供应", &["gong", "ying"]),
    ("中药", &["zhong", "yao"]),
    ("都市", &["du", "shi"]),
    ("成都", &["cheng", "du"]),
    ("首都", &["shou", "du"]),
];

/// The phrases as characters, made once (a name's pinyin is worked out for every customer
/// written, a hundred thousand in an import).
fn phrases() -> &'static [(Vec<char>, &'static [&'static str])] {
    static PHRASE_CHARS: std::sync::OnceLock<Vec<(Vec<char>, &'static [&'static str])>> = std::sync::OnceLock::new();
    PHRASE_CHARS.get_or_init(|| PHRASES.iter().map(|(p, r)| (p.chars().collect(), *r)).collect())
}

/// Surnames whose reading differs from the character's common one (曾 zeng, not ceng).
const SURNAMES: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('查', "zha"),
    ('朴', "piao"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('尉', "yu"),
];

/// The pinyin syllable of each character (None for non-Chinese), with phrase readings
/// applied, and the first character read as a surname where that differs.
pub fn syllables(text: &str) -> Vec<(char, Option<&'static str>)> {
    let mut out: Vec<(char, Option<&'static str>)> =
        text.chars().zip(text.to_pinyin()).map(|(c, p)| (c, p.map(|p| p.plain()))).collect();
    // A phrase is two or more Chinese characters: text with fewer holds none (most names
    // written in Latin letters, phone numbers), and is spared the scan.
    let phrases = if out.iter().filter(|(_, p)| p.is_some()).count() >= 2 { phrases() } else { &[] };
    for (p, readings) in phrases {
        let mut i = 0;
        while i + p.len() <= out.len() {
            if out[i..i + p.len()].iter().map(|(c, _)| c).eq(p.iter()) {
                for (k, r) in readings.iter().enumerate() {
                    out[i + k].1 = Some(r);
                }
                i += p.len();
            } else {
                i += 1;
            }
        }
    }
    if let Some((first, _)) = out.first()
        && let Some((_, r)) = SURNAMES.iter().find(|(c, _)| c == first)
    {
        out[0].1 = Some(r);
    }
    out
}

/// Lowercase key that sorts Chinese by pinyin and Latin alphabetically, mixed sensibly:
/// 招商银行 → "zhao shang yin hang", "Acme Ltd" → "acme ltd".
pub fn sort_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    for (c, py) in syllables(name) {
        match py {
            Some(p) => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(p);
                out.push(' ');
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end().to_string()
}

/// Full pinyin without spaces (招商银行 → "zhaoshangyinhang"); other characters lowercased.
pub fn full_pinyin(text: &str) -> String {
    syllables(text)
        .into_iter()
        .map(|(c, py)| match py {
            Some(p) => p.to_string(),
            None => c.to_lowercase().collect(),
        })
        .collect()
}

/// Pinyin initials (招商银行 → "zsyh"); other characters lowercased and kept.
pub fn initials(text: &str) -> String {
    syllables(text)
        .into_iter()
        .map(|(c, py)| match py {
            Some(p) => p.chars().next().map(String::from).unwrap_or_default(),
            None => c.to_lowercase().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_sorts_by_pinyin() {
        assert_eq!(sort_key("招商银行"), "zhao shang yin hang");
        assert!(sort_key("王芳") < sort_key("张伟"));
        assert!(sort_key("Acme") < sort_key("王芳"));
        assert_eq!(sort_key("Acme 王"), "acme wang");
    }

    #[test]
    fn pinyin_forms() {
        assert_eq!(full_pinyin("招商银行"), "zhaoshangyinhang");
        assert_eq!(initials("招商银行"), "zsyh");
        assert_eq!(initials("Acme"), "acme");
        assert_eq!(full_pinyin("重庆长安汽车"), "chongqingchanganqiche");
        assert_eq!(initials("曾伟"), "zw");
    }
}
