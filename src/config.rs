//! The user's settings, from `config.toml` in the config folder. Every key is optional;
//! an unreadable file or an unknown key is refused with the file, the line and the problem,
//! so a typo never silently falls back to a default.

use std::path::Path;

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
    /// How a tier review treats its suggestions; every key optional.
    pub review: Option<ReviewConfig>,
    /// The morning plan's capacity; every key optional.
    pub plan: Option<PlanConfig>,
    /// The reference a new customer gets when none is typed: the pattern's last run of
    /// digits counts up from the highest reference of the same shape (default "K-00001").
    pub ref_pattern: Option<String>,
    /// How late payments move a customer's payment terms; every key optional.
    pub terms: Option<TermsConfig>,
    /// The team book's pool; every key optional.
    pub team: Option<TeamConfig>,
}

/// `[team]` in the config: the team pool (公海).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TeamConfig {
    /// The daily claim limit a new team book starts with (`team init`, until a lead sets
    /// the book's own). The book's limit is the one that applies: a person whose config names
    /// another is told so when claiming.
    pub claims_per_day: Option<u32>,
}

impl Config {
    /// `[team] claims_per_day`, if the config names one.
    pub fn claims_per_day(&self) -> Option<u32> {
        self.team.as_ref().and_then(|t| t.claims_per_day)
    }
}

/// `[terms]` in the config: the late-payment rule (`domain::terms::LateRule`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TermsConfig {
    /// Late payments in one calendar quarter that drop the payment terms one level (default 2).
    pub late_payments_to_drop: Option<u32>,
    /// Full quarters without a late payment that restore one level (default 1).
    pub clean_quarters_to_restore: Option<u32>,
}

/// The most late payments a quarter the config accepts as the count that drops the terms.
pub const MAX_LATE_PAYMENTS_TO_DROP: u32 = 30;
/// The most clean quarters the config accepts before one level comes back.
pub const MAX_CLEAN_QUARTERS: u32 = 20;

/// `[plan]` in the config: how many visits and calls fit one day.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanConfig {
    /// Visits a day (default 3, at most 50).
    pub visits_per_day: Option<u32>,
    /// Calls a day (default 15, at most 500).
    pub calls_per_day: Option<u32>,
}

/// The most visits a day the config accepts: more is a typo, not a day.
pub const MAX_VISITS_PER_DAY: u32 = 50;
/// The most calls a day the config accepts.
pub const MAX_CALLS_PER_DAY: u32 = 500;

/// `[review]` in the config: which grading model, and the re-grading policy.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    /// A shipped model's id (distributor, brokerage, ranked); default: the first one made
    /// for the book's tier scheme.
    pub model: Option<String>,
    /// "annual" (the default: a downgrade waits for the annual review) or "immediate".
    pub downgrades: Option<String>,
    /// The annual review day, "MM-DD" (default "01-01").
    pub annual_review: Option<String>,
    /// How many days from the annual review day downgrades apply (default 31).
    pub window_days: Option<u32>,
    /// How long a new customer keeps its provisional tier (default: the model's, else 6).
    pub provisional_months: Option<u32>,
}

/// A config file that cannot be used, with where and why: the shape of every data file's
/// problem, named `config FILE` in its message.
pub type ConfigError = crate::domain::source::SourceError;

fn config_error(file: &Path, line: Option<usize>, problem: impl Into<String>) -> ConfigError {
    ConfigError::at(format!("config {}", file.display()), line, problem)
}

impl Config {
    /// Parse config text; `file` names it in errors.
    pub fn parse(file: &Path, text: &str) -> Result<Self, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            config_error(file, e.span().map(|s| crate::domain::tier::line_of(text, s.start)), e.message().trim())
        })?;
        if let Some(lang) = &cfg.lang
            && Lang::parse(lang).is_none()
        {
            return Err(config_error(
                file,
                text.lines().position(|l| l.trim_start().starts_with("lang")).map(|i| i + 1),
                format!("lang must be \"zh\" or \"en\", not \"{lang}\""),
            ));
        }
        let line_of = |key: &str| text.lines().position(|l| l.trim_start().starts_with(key)).map(|i| i + 1);
        let problem = |key: &str, problem: String| config_error(file, line_of(key), problem);
        if let Some(p) = &cfg.plan {
            if p.visits_per_day.is_some_and(|v| v > MAX_VISITS_PER_DAY) {
                return Err(problem(
                    "visits_per_day",
                    format!("plan.visits_per_day must be between 0 and {MAX_VISITS_PER_DAY}"),
                ));
            }
            if p.calls_per_day.is_some_and(|v| v > MAX_CALLS_PER_DAY) {
                return Err(problem(
                    "calls_per_day",
                    format!("plan.calls_per_day must be between 0 and {MAX_CALLS_PER_DAY}"),
                ));
            }
        }
        if cfg.claims_per_day().is_some_and(|n| n > crate::domain::pool::MAX_CLAIMS_PER_DAY) {
            let max = crate::domain::pool::MAX_CLAIMS_PER_DAY;
            return Err(problem("claims_per_day", format!("team.claims_per_day must be between 0 and {max}")));
        }
        if let Some(t) = &cfg.terms {
            if t.late_payments_to_drop.is_some_and(|n| n == 0 || n > MAX_LATE_PAYMENTS_TO_DROP) {
                return Err(problem(
                    "late_payments_to_drop",
                    format!("terms.late_payments_to_drop must be between 1 and {MAX_LATE_PAYMENTS_TO_DROP}"),
                ));
            }
            if t.clean_quarters_to_restore.is_some_and(|n| n == 0 || n > MAX_CLEAN_QUARTERS) {
                return Err(problem(
                    "clean_quarters_to_restore",
                    format!("terms.clean_quarters_to_restore must be between 1 and {MAX_CLEAN_QUARTERS}"),
                ));
            }
        }
        if let Some(pattern) = &cfg.ref_pattern
            && let Err(e) = crate::domain::ref_pattern::RefPattern::parse(pattern)
        {
            return Err(problem("ref_pattern", format!("ref_pattern \"{pattern}\": {e}")));
        }
        if let Some(r) = &cfg.review {
            if let Some(d) = &r.downgrades
                && d != "annual"
                && d != "immediate"
            {
                return Err(problem(
                    "downgrades",
                    format!("review.downgrades must be \"annual\" or \"immediate\", not \"{d}\""),
                ));
            }
            if let Some(day) = &r.annual_review
                && parse_month_day(day).is_none()
            {
                return Err(problem(
                    "annual_review",
                    format!("review.annual_review must be a day of the year as MM-DD (e.g. \"01-01\"), not \"{day}\""),
                ));
            }
            if r.provisional_months.is_some_and(|m| m > 120) {
                return Err(problem("provisional_months", "review.provisional_months must be at most 120".into()));
            }
            if r.window_days.is_some_and(|d| d == 0 || d > 366) {
                return Err(problem("window_days", "review.window_days must be between 1 and 366".into()));
            }
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
                let text = String::from_utf8(bytes).map_err(|_| config_error(&file, None, "not UTF-8 text"))?;
                Self::parse(&file, &text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(config_error(&file, None, e.to_string())),
        }
    }

    /// The language: the config, else the locale.
    pub fn lang(&self) -> Lang {
        self.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| Lang::from_locale(|k| std::env::var(k).ok()))
    }

    /// The morning plan's capacity: the config's, else 3 visits and 15 calls.
    pub fn plan_capacity(&self) -> crate::domain::plan::Capacity {
        let d = crate::domain::plan::Capacity::default();
        let p = self.plan.clone().unwrap_or_default();
        crate::domain::plan::Capacity {
            visits: p.visits_per_day.unwrap_or(d.visits),
            calls: p.calls_per_day.unwrap_or(d.calls),
        }
    }

    /// The late-payment rule: the config's `[terms]`, else 2 late payments a quarter drop one
    /// level and 1 clean quarter restores one.
    pub fn late_rule(&self) -> crate::domain::terms::LateRule {
        let d = crate::domain::terms::LateRule::default();
        let t = self.terms.clone().unwrap_or_default();
        crate::domain::terms::LateRule {
            late_to_drop: t.late_payments_to_drop.unwrap_or(d.late_to_drop),
            clean_quarters_to_restore: t.clean_quarters_to_restore.unwrap_or(d.clean_quarters_to_restore),
        }
    }

    /// The pattern of new customers' references: the config's, else "K-00001".
    pub fn ref_pattern(&self) -> crate::domain::ref_pattern::RefPattern {
        self.ref_pattern
            .as_deref()
            .and_then(|p| crate::domain::ref_pattern::RefPattern::parse(p).ok())
            .unwrap_or_default()
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

/// "MM-DD" as (month, day), for a day that exists in some year (02-29 included).
pub fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.trim().split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
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

    #[test]
    fn the_plan_section_and_the_ref_pattern_are_checked_with_a_line() {
        let c = Config::parse(Path::new("c.toml"), "[plan]\nvisits_per_day = 2\n").unwrap();
        assert_eq!(c.plan_capacity(), crate::domain::plan::Capacity { visits: 2, calls: 15 });
        assert_eq!(Config::default().plan_capacity(), crate::domain::plan::Capacity { visits: 3, calls: 15 });
        assert_eq!(Config::default().ref_pattern().format(7), "K-00007");
        for (text, line, words) in [
            ("[plan]\nvisits_per_day = 51\n", 2, "between 0 and 50"),
            ("[plan]\n\ncalls_per_day = 501\n", 3, "between 0 and 500"),
            ("[plan]\ncalls_per_day = -1\n", 2, "invalid value"),
            ("[plan]\ncalls_per_day = \"many\"\n", 2, "invalid type"),
            ("[plan]\nvisits = 3\n", 2, "unknown field"),
            ("lang = \"en\"\nref_pattern = \"KUNDE\"\n", 2, "digits"),
        ] {
            let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text}: {e}");
            assert!(e.problem.contains(words), "{text}: {e}");
        }
    }

    #[test]
    fn the_terms_section_sets_the_late_payment_rule_and_refuses_bad_values_naming_the_key() {
        use crate::domain::terms::LateRule;
        assert_eq!(Config::default().late_rule(), LateRule { late_to_drop: 2, clean_quarters_to_restore: 1 });
        let c = Config::parse(
            Path::new("c.toml"),
            "[terms]
late_payments_to_drop = 3
clean_quarters_to_restore = 2
",
        )
        .unwrap();
        assert_eq!(c.late_rule(), LateRule { late_to_drop: 3, clean_quarters_to_restore: 2 });
        for (text, line, words) in [
            (
                "[terms]
late_payments_to_drop = 0
",
                2,
                "terms.late_payments_to_drop must be between 1 and 30",
            ),
            (
                "[terms]

clean_quarters_to_restore = 21
",
                3,
                "terms.clean_quarters_to_restore must be between 1 and 20",
            ),
            (
                "[terms]
late_payments_to_drop = -1
",
                2,
                "invalid value",
            ),
            (
                "[terms]
late_to_drop = 2
",
                2,
                "unknown field",
            ),
        ] {
            let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text}: {e}");
            assert!(e.problem.contains(words), "{text}: {e}");
        }
    }

    #[test]
    fn the_review_section_is_checked_key_by_key() {
        let ok = "[review]\nmodel = \"brokerage\"\ndowngrades = \"immediate\"\nannual_review = \"02-29\"\nprovisional_months = 12\n";
        let c = Config::parse(Path::new("c.toml"), ok).unwrap();
        assert_eq!(c.review.unwrap().provisional_months, Some(12));
        for (text, line, words) in [
            ("[review]\ndowngrades = \"never\"\n", 2, "\"annual\" or \"immediate\""),
            ("[review]\n\nannual_review = \"13-01\"\n", 3, "MM-DD"),
            ("[review]\nannual_review = \"02-30\"\n", 2, "MM-DD"),
            ("[review]\nwindow_days = 0\n", 2, "between 1 and 366"),
            ("[review]\nmodle = \"x\"\n", 2, "unknown field"),
        ] {
            let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text}: {e}");
            assert!(e.problem.contains(words), "{text}: {e}");
        }
    }
}
