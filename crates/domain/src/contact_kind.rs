//! Contact kinds (visit, call, message, ...): data with Chinese and English names, from
//! `data/contact_kinds.toml`.

use serde::Deserialize;

use crate::lang::Lang;
use crate::source::SourceError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactKind {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl ContactKind {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// The list of kinds, in the order the log form offers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactKinds {
    pub kinds: Vec<ContactKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    kind: Vec<RawKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    code: String,
    zh: String,
    en: String,
}

impl ContactKinds {
    pub fn parse(file: &str, text: &str) -> Result<Self, SourceError> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            SourceError::at(file, e.span().map(|s| super::tier::line_of(text, s.start)), e.message().trim())
        })?;
        let err = |problem: String| SourceError::at(file, None, problem);
        let mut kinds: Vec<ContactKind> = Vec::new();
        for k in raw.kind {
            let code = k.code.trim().to_string();
            if code.is_empty() || code.contains(char::is_whitespace) {
                return Err(err(format!("contact kind code \"{code}\" must be one word")));
            }
            if kinds.iter().any(|x| x.code == code) {
                return Err(err(format!("duplicate contact kind \"{code}\"")));
            }
            if k.zh.trim().is_empty() || k.en.trim().is_empty() {
                return Err(err(format!("contact kind \"{code}\" needs both a zh and an en name")));
            }
            kinds.push(ContactKind { code, name_zh: k.zh, name_en: k.en });
        }
        if kinds.is_empty() {
            return Err(err("no contact kinds defined".into()));
        }
        Ok(Self { kinds })
    }

    pub fn get(&self, code: &str) -> Option<&ContactKind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    /// A kind by its code, or by its zh/en name (case-insensitive), as typed on a command line.
    pub fn find(&self, text: &str) -> Option<&ContactKind> {
        let t = text.trim();
        self.kinds
            .iter()
            .find(|k| k.code.eq_ignore_ascii_case(t) || k.name_en.eq_ignore_ascii_case(t) || k.name_zh == t)
    }

    /// The display name of a stored code; unknown codes are shown as they are.
    pub fn name<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.get(code).map(|k| k.name(lang)).unwrap_or(code)
    }

    pub fn codes(&self) -> Vec<&str> {
        self.kinds.iter().map(|k| k.code.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_kinds_load() {
        let k = crate::test_data::contact_kinds();
        assert_eq!(k.codes(), ["visit", "call", "message", "email", "meal", "gift", "event", "recommendation"]);
        assert_eq!(k.name("visit", Lang::Zh), "拜访");
        assert_eq!(k.find("电话").unwrap().code, "call");
        assert_eq!(k.find("E-Mail").unwrap().code, "email");
    }

    #[test]
    fn refuses_bad_files() {
        assert!(
            ContactKinds::parse("k.toml", "[[kind]]\ncode = \"a\"\nzh = \"\"\nen = \"a\"\n")
                .unwrap_err()
                .to_string()
                .contains("zh and an en")
        );
        let dup = "[[kind]]\ncode = \"a\"\nzh = \"甲\"\nen = \"a\"\n[[kind]]\ncode = \"a\"\nzh = \"乙\"\nen = \"b\"\n";
        assert!(ContactKinds::parse("k.toml", dup).unwrap_err().to_string().contains("duplicate"));
        assert!(ContactKinds::parse("k.toml", "kind = 3").unwrap_err().to_string().contains("k.toml, line 1"));
    }
}
