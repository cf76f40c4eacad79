//! Products a customer may be offered, each with its risk level: data (`data/products.toml`,
//! or the book's own, brought in by `tierdesk import products`).

use serde::Deserialize;

use super::RiskLevel;
use crate::lang::Lang;
use crate::source::SourceError;
use crate::tier::line_of;

/// The longest product code, in characters.
pub const MAX_CODE_CHARS: usize = 40;
/// The longest product name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Unique in a catalogue; what a recommendation stores.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: RiskLevel,
}

impl Product {
    /// A product as the book keeps it: one name, in whatever language it was written.
    pub fn named(code: &str, name: &str, level: RiskLevel) -> Self {
        Self { code: code.to_string(), name_zh: name.to_string(), name_en: name.to_string(), level }
    }

    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// Why a product code cannot be used, if it cannot: one word of at most 40 characters,
/// without control characters.
pub fn code_problem(code: &str) -> Option<&'static str> {
    if code.is_empty() {
        Some("is empty")
    } else if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("must be one word (no spaces or control characters)")
    } else if code.chars().count() > MAX_CODE_CHARS {
        Some("is longer than 40 characters")
    } else {
        None
    }
}

/// Products in the order given, codes unique.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductCatalogue {
    pub products: Vec<Product>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    product: Vec<RawProduct>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    code: toml::Spanned<String>,
    zh: String,
    en: String,
    level: toml::Spanned<String>,
}

impl ProductCatalogue {
    /// A products file: `[[product]]` tables with `code`, `zh`, `en` and `level` (R1 to R5).
    /// Refused naming the file and line: a bad or repeated code, a missing name, a level
    /// that is not R1 to R5.
    pub fn parse(file: &str, text: &str) -> Result<Self, SourceError> {
        let raw: Raw = toml::from_str(text)
            .map_err(|e| SourceError::at(file, e.span().map(|s| line_of(text, s.start)), e.message().trim()))?;
        let mut products: Vec<Product> = Vec::with_capacity(raw.product.len());
        for p in raw.product {
            let at = |span: std::ops::Range<usize>| Some(line_of(text, span.start));
            let code = p.code.get_ref().trim().to_string();
            if let Some(problem) = code_problem(&code) {
                return Err(SourceError::at(file, at(p.code.span()), format!("product code \"{code}\" {problem}")));
            }
            if products.iter().any(|x| x.code == code) {
                return Err(SourceError::at(file, at(p.code.span()), format!("duplicate product code \"{code}\"")));
            }
            let (zh, en) = (p.zh.trim().to_string(), p.en.trim().to_string());
            if zh.is_empty() || en.is_empty() || zh.chars().count().max(en.chars().count()) > MAX_NAME_CHARS {
                return Err(SourceError::at(
                    file,
                    at(p.code.span()),
                    format!("product \"{code}\" needs a zh and an en name of at most {MAX_NAME_CHARS} characters"),
                ));
            }
            let Some(level) = RiskLevel::parse(p.level.get_ref()) else {
                return Err(SourceError::at(
                    file,
                    at(p.level.span()),
                    format!("product \"{code}\": level \"{}\" is not R1 to R5", p.level.get_ref()),
                ));
            };
            products.push(Product { code, name_zh: zh, name_en: en, level });
        }
        Ok(Self { products })
    }

    /// A product by its code; case is ignored when no code matches exactly.
    pub fn find(&self, code: &str) -> Option<&Product> {
        let c = code.trim();
        self.products
            .iter()
            .find(|p| p.code == c)
            .or_else(|| self.products.iter().find(|p| p.code.eq_ignore_ascii_case(c)))
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }
}
