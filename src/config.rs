//! The user's settings, from `config.toml` in the config folder. Every key is optional;
//! an unreadable file or an unknown key is refused with the file, the line and the problem,
//! so a typo never silently falls back to a default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// "zh" or "en"; unset means the locale decides.
    pub lang: Option<String>,
    /// A theme name (dark, light, high-contrast) or a path to a theme file.
    pub theme: Option<String>,
    /// Who "I" am in the records (tier changes, assessments); default: the login name.
    pub user: Option<String>,
    /// Every customer must have a risk assessment (a missing one is due), whatever the
    /// book's scheme says; unset: the scheme decides (brokerage: yes, default: no).
    pub require_assessment: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "config {}, line {}: {}", self.file.display(), l, self.problem),
            None => write!(f, "config {}: {}", self.file.display(), self.problem),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parse config text; `file` names it in errors.
    pub fn parse(file: &Path, text: &str) -> Result<Self, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            line: e.span().map(|s| crate::domain::tier::line_of(text, s.start)),
            problem: e.message().trim().to_string(),
        })?;
        if let Some(lang) = &cfg.lang
            && Lang::parse(lang).is_none()
        {
            return Err(ConfigError {
                file: file.to_path_buf(),
                line: text.lines().position(|l| l.trim_start().starts_with("lang")).map(|i| i + 1),
                problem: format!("lang must be \"zh\" or \"en\", not \"{lang}\""),
            });
        }
        Ok(cfg)
    }

    /// Load `config.toml` from `dir`; a missing file is an empty config.
    pub fn load(dir: Option<&Path>) -> Result<Self, ConfigError> {
        let Some(dir) = dir else {
            return Ok(Self::default());
        };
        let file = dir.join("config.toml");
        match std::fs::read(&file) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| ConfigError {
                    file: file.clone(),
                    line: None,
                    problem: "not UTF-8 text".into(),
                })?;
                Self::parse(&file, &text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(ConfigError { file, line: None, problem: e.to_string() }),
        }
    }

    /// The language: the config, else the locale.
    pub fn lang(&self) -> Lang {
        self.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| Lang::from_locale(|k| std::env::var(k).ok()))
    }

    /// Who writes the records: the config's `user`, else the login name.
    pub fn user(&self) -> String {
        self.user
            .clone()
            .filter(|u| !u.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "me".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_keys() {
        let c = Config::parse(Path::new("c.toml"), "lang = \"zh\"\ntheme = \"light\"\nuser = \"王芳\"\n").unwrap();
        assert_eq!(c.lang(), Lang::Zh);
        assert_eq!(c.user(), "王芳");
    }

    #[test]
    fn refuses_unknown_keys_and_bad_values_with_a_line() {
        let e = Config::parse(Path::new("c.toml"), "lang = \"en\"\nthem = \"x\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Config::parse(Path::new("c.toml"), "\nlang = \"fr\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.to_string().contains("\"zh\" or \"en\""));
        let e = Config::parse(Path::new("c.toml"), "lang = \n").unwrap_err();
        assert!(e.line.is_some());
    }
}
