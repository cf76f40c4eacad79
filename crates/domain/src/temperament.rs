//! Customer temperaments (顾客类型): data with Chinese and English names and advice for the
//! meeting, from `data/temperaments.toml` (or the config folder's own file). A customer
//! may have one, stored by its key.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;
use crate::source::SourceError;
use crate::tier::line_of;

/// The longest key a temperament may have, in characters.
const MAX_KEY_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temperament {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub advice_zh: String,
    pub advice_en: String,
}

impl Temperament {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    pub fn advice(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.advice_zh,
            Lang::En => &self.advice_en,
        }
    }
}

/// The temperaments, in the order the file lists them (the picker's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temperaments {
    all: Vec<Temperament>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    temperament: Vec<Spanned<RawTemperament>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemperament {
    key: Spanned<String>,
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    advice_zh: Option<Spanned<String>>,
    advice_en: Option<Spanned<String>>,
}

impl Temperaments {
    /// Parse a temperament file; `file` names it in errors, with the line at fault.
    pub fn parse(file: &str, text: &str) -> Result<Self, SourceError> {
        let at = |span: Option<Range<usize>>, problem: String| {
            SourceError::at(file, span.map(|s| line_of(text, s.start)), problem)
        };
        let raw: Raw = toml::from_str(text).map_err(|e| at(e.span(), e.message().trim().to_string()))?;
        let mut all: Vec<Temperament> = Vec::with_capacity(raw.temperament.len());
        for entry in raw.temperament {
            let whole = entry.span();
            let t = entry.into_inner();
            let key_span = t.key.span();
            let key = t.key.into_inner().trim().to_string();
            if key.is_empty()
                || key.chars().count() > MAX_KEY_CHARS
                || !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(at(
                    Some(key_span),
                    format!("temperament key \"{key}\" must be one word of a-z, 0-9 and _ (at most {MAX_KEY_CHARS})"),
                ));
            }
            if all.iter().any(|x| x.key == key) {
                return Err(at(Some(key_span), format!("duplicate temperament \"{key}\"")));
            }
            let text_of = |value: Option<Spanned<String>>, what: &str| match value {
                Some(v) if !v.get_ref().trim().is_empty() => Ok(v.into_inner().trim().to_string()),
                Some(v) => Err(at(Some(v.span()), format!("temperament \"{key}\": {what} is empty"))),
                None => Err(at(Some(whole.clone()), format!("temperament \"{key}\": {what} is missing"))),
            };
            let name_zh = text_of(t.zh, "the zh name")?;
            let name_en = text_of(t.en, "the en name")?;
            let advice_zh = text_of(t.advice_zh, "the zh advice")?;
            let advice_en = text_of(t.advice_en, "the en advice")?;
            all.push(Temperament { key, name_zh, name_en, advice_zh, advice_en });
        }
        if all.is_empty() {
            return Err(at(None, "no temperaments defined".into()));
        }
        Ok(Self { all })
    }

    /// A temperament by its key, as stored.
    pub fn get(&self, key: &str) -> Option<&Temperament> {
        self.all.iter().find(|t| t.key == key)
    }

    /// A temperament by its key or its zh/en name (case-insensitive), as typed on a command
    /// line or in an imported file.
    pub fn find(&self, text: &str) -> Option<&Temperament> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        self.all.iter().find(|x| {
            x.key.eq_ignore_ascii_case(t)
                || x.key.replace('_', "-").eq_ignore_ascii_case(t)
                || x.name_en.eq_ignore_ascii_case(t)
                || x.name_zh == t
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Temperament> {
        self.all.iter()
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Every key, in file order (to list the valid ones in a refusal).
    pub fn keys(&self) -> Vec<&str> {
        self.all.iter().map(|t| t.key.as_str()).collect()
    }
}

/// What a person typed for a customer's temperament: clear it, or one of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemperamentChoice {
    /// Empty text or "none" (无): the customer has no temperament.
    Clear,
    Set(String),
}

impl Temperaments {
    /// Read a typed temperament: "" / "none" / "无" clear it, a key or a name sets it;
    /// anything else is None (unknown).
    pub fn choice(&self, text: &str) -> Option<TemperamentChoice> {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("none") || t == "无" {
            return Some(TemperamentChoice::Clear);
        }
        self.find(t).map(|x| TemperamentChoice::Set(x.key.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[[temperament]]\nkey = \"calm\"\nzh = \"冷静型\"\nen = \"calm\"\nadvice_zh = \"慢慢谈。\"\nadvice_en = \"Talk slowly.\"\n";

    fn err(text: &str) -> String {
        Temperaments::parse("t.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn the_shipped_file_has_the_ten_types_in_both_languages() {
        let t = crate::test_data::temperaments();
        assert_eq!(
            t.keys(),
            [
                "silent",
                "talkative",
                "amiable",
                "proud",
                "contrary",
                "nit_picking",
                "short_tempered",
                "refuser",
                "haggler",
                "hard_up"
            ]
        );
        for x in t.iter() {
            for advice in [x.advice(Lang::Zh), x.advice(Lang::En)] {
                assert!(advice.len() > 20, "{}: {advice}", x.key);
            }
        }
        assert_eq!(t.get("refuser").map(|x| x.name(Lang::Zh)), Some("完全拒绝型"));
        assert_eq!(t.get("haggler").map(|x| x.name(Lang::En)), Some("haggler"));
    }

    #[test]
    fn find_takes_a_key_or_either_name() {
        let t = crate::test_data::temperaments();
        for (typed, key) in [
            ("silent", Some("silent")),
            ("  Silent ", Some("silent")),
            ("nit_picking", Some("nit_picking")),
            ("nit-picking", Some("nit_picking")),
            ("吹毛求疵型", Some("nit_picking")),
            ("Flat Refusal", Some("refuser")),
            ("经济困难型", Some("hard_up")),
            ("grumpy", None),
            ("", None),
        ] {
            assert_eq!(t.find(typed).map(|x| x.key.as_str()), key, "{typed:?}");
        }
    }

    #[test]
    fn a_choice_clears_sets_or_is_unknown() {
        let t = crate::test_data::temperaments();
        for (typed, choice) in [
            ("", Some(TemperamentChoice::Clear)),
            (" none ", Some(TemperamentChoice::Clear)),
            ("NONE", Some(TemperamentChoice::Clear)),
            ("无", Some(TemperamentChoice::Clear)),
            ("杀价型", Some(TemperamentChoice::Set("haggler".into()))),
            ("nobody", None),
        ] {
            assert_eq!(t.choice(typed), choice, "{typed:?}");
        }
    }

    #[test]
    fn a_good_file_parses() {
        let t = Temperaments::parse("t.toml", ONE).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t.get("calm").map(|x| x.advice(Lang::En)), Some("Talk slowly."));
    }

    #[test]
    fn bad_files_are_refused_with_file_and_line() {
        let dup = format!("{ONE}\n{ONE}");
        for (text, expected) in [
            (dup.as_str(), "t.toml, line 9: duplicate temperament \"calm\""),
            (
                &ONE.replace("zh = \"冷静型\"", "zh = \"  \""),
                "t.toml, line 3: temperament \"calm\": the zh name is empty",
            ),
            (&ONE.replace("en = \"calm\"\n", ""), "t.toml, line 1: temperament \"calm\": the en name is missing"),
            (
                &ONE.replace("advice_en = \"Talk slowly.\"", "advice_en = \"\""),
                "t.toml, line 6: temperament \"calm\": the en advice is empty",
            ),
            (
                &ONE.replace("advice_zh = \"慢慢谈。\"\n", ""),
                "t.toml, line 1: temperament \"calm\": the zh advice is missing",
            ),
            (&ONE.replace("key = \"calm\"", "key = \"Calm One\""), "t.toml, line 2: temperament key \"Calm One\""),
            (&format!("{ONE}colour = \"red\"\n"), "t.toml, line 7: unknown field `colour`"),
            ("temperament = 3", "t.toml, line 1:"),
            ("# nothing\n", "t.toml: no temperaments defined"),
        ] {
            let e = err(text);
            assert!(e.starts_with(expected), "{e}\nexpected: {expected}");
        }
    }
}
