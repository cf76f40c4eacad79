//! The two languages tierdesk speaks. Data with names in both (tiers, indicators, questions)
//! picks one with `get(lang)`/`name(lang)`; the interface's texts live in the main crate's
//! i18n layer.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "zh-cn" | "zh_cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// From the locale variables: `zh_*` means Chinese, anything else English.
    pub fn from_locale(vars: impl Fn(&str) -> Option<String>) -> Self {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = vars(name).filter(|v| !v.is_empty()) {
                return if v.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En };
            }
        }
        Lang::En
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}
