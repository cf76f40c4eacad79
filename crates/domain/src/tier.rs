//! Tier schemes: the ordered tiers of a book, their names and contact cadences.
//! Parsed from TOML text handed in by the caller (the files live in `data/tiers/`);
//! nothing here reads a file.

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;
use crate::pool::{OwnershipRules, RuleProblem};

/// How often a customer of a tier must be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    pub every: u32,
    pub unit: CadenceUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CadenceUnit {
    Day,
    Week,
    Month,
    Year,
}

impl CadenceUnit {
    /// A unit as a data file writes it: day, week, month or year (or their plurals).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "day" | "days" => Some(Self::Day),
            "week" | "weeks" => Some(Self::Week),
            "month" | "months" => Some(Self::Month),
            "year" | "years" => Some(Self::Year),
            _ => None,
        }
    }
}

impl Cadence {
    pub fn weeks(n: u32) -> Self {
        Self { every: n, unit: CadenceUnit::Week }
    }
    pub fn months(n: u32) -> Self {
        Self { every: n, unit: CadenceUnit::Month }
    }
    pub fn years(n: u32) -> Self {
        Self { every: n, unit: CadenceUnit::Year }
    }
    pub fn days(n: u32) -> Self {
        Self { every: n, unit: CadenceUnit::Day }
    }
}

/// The colour role a tier is drawn with; the theme maps each role to a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierColor {
    Tier1,
    Tier2,
    Tier3,
    Tier4,
    Tier5,
    Tier6,
}

impl TierColor {
    pub const ALL: [TierColor; 6] = [Self::Tier1, Self::Tier2, Self::Tier3, Self::Tier4, Self::Tier5, Self::Tier6];

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == text)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Tier1 => "tier1",
            Self::Tier2 => "tier2",
            Self::Tier3 => "tier3",
            Self::Tier4 => "tier4",
            Self::Tier5 => "tier5",
            Self::Tier6 => "tier6",
        }
    }
}

/// One contact rule of a tier: a contact of one of `kinds` (None = any kind) at least
/// once per `cadence`. A tier has one or more; each unmet one is its own due item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub cadence: Cadence,
    pub kinds: Option<Vec<String>>,
    /// Where the rule is written, for error messages.
    pub line: usize,
}

impl Requirement {
    pub fn any(cadence: Cadence) -> Self {
        Self { cadence, kinds: None, line: 0 }
    }

    /// Whether a contact of this kind counts for the requirement.
    pub fn counts(&self, kind: &str) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.iter().any(|x| x == kind))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub color: TierColor,
    /// The main cadence (the first requirement's), for display and sorting.
    pub cadence: Cadence,
    pub requirements: Vec<Requirement>,
    /// A team's rules for a neglected customer of the tier (`pool`): off unless the file
    /// says `escalate_after_days` / `release_after_days`.
    pub rules: OwnershipRules,
}

impl Tier {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// A book's tiers, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierScheme {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub tiers: Vec<Tier>,
    /// Every customer must have a risk assessment (brokerages): a missing one is due.
    pub assessment_required: bool,
}

impl TierScheme {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    /// The tier with this code; codes match case-insensitively ("a" finds "A").
    pub fn tier(&self, code: &str) -> Option<&Tier> {
        let code = code.trim();
        self.tiers.iter().find(|t| t.code.eq_ignore_ascii_case(code))
    }

    /// The tier a person names: by its code (any case), else by its Chinese name (重点客户, or
    /// 重点 as people shorten it, when only one tier reads so), else by its English name (any
    /// case). Codes come first, so a code never loses to a name.
    pub fn find(&self, text: &str) -> Option<&Tier> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let short = |t: &&Tier| t.name_zh.trim().strip_suffix("客户").is_some_and(|s| s == text);
        self.tier(text)
            .or_else(|| self.tiers.iter().find(|t| t.name_zh.trim() == text))
            .or_else(|| self.tiers.iter().find(|t| t.name_en.trim().to_lowercase() == text.to_lowercase()))
            .or_else(|| match self.tiers.iter().filter(short).collect::<Vec<_>>().as_slice() {
                [one] => Some(*one),
                _ => None,
            })
    }

    /// Position in the scheme, 0 = best; unknown codes sort after every known tier.
    pub fn rank(&self, code: &str) -> usize {
        self.tiers.iter().position(|t| t.code == code).unwrap_or(self.tiers.len())
    }

    pub fn codes(&self) -> Vec<&str> {
        self.tiers.iter().map(|t| t.code.as_str()).collect()
    }

    /// The widest tier code, for lining up badges.
    pub fn code_width(&self) -> usize {
        self.tiers.iter().map(|t| t.code.chars().count()).max().unwrap_or(1)
    }

    /// Parse and validate a scheme. `file` is only used to name the source in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, SchemeError> {
        let err = |span: Option<std::ops::Range<usize>>, problem: String| {
            SchemeError::at(file, span.map(|s| line_of(text, s.start)), problem)
        };
        let raw: RawScheme = toml::from_str(text).map_err(|e| err(e.span(), e.message().to_string()))?;
        if raw.tier.is_empty() {
            return Err(err(None, "the scheme defines no tiers ([[tier]] tables)".into()));
        }
        if raw.tier.len() > TierColor::ALL.len() {
            return Err(err(None, format!("a scheme has at most {} tiers", TierColor::ALL.len())));
        }
        let mut tiers: Vec<Tier> = Vec::with_capacity(raw.tier.len());
        for t in raw.tier {
            let code = t.code.get_ref().trim().to_string();
            if code.is_empty() || code.chars().count() > 8 || code.contains(char::is_whitespace) {
                return Err(err(
                    Some(t.code.span()),
                    format!("tier code \"{code}\" must be 1 to 8 characters without spaces"),
                ));
            }
            if tiers.iter().any(|x| x.code.eq_ignore_ascii_case(&code)) {
                return Err(err(Some(t.code.span()), format!("duplicate tier code \"{code}\"")));
            }
            for (label, name) in [("zh", &t.zh), ("en", &t.en)] {
                if name.get_ref().trim().is_empty() {
                    return Err(err(Some(name.span()), format!("tier \"{code}\" has an empty {label} name")));
                }
            }
            let color = TierColor::parse(t.color.get_ref()).ok_or_else(|| {
                err(
                    Some(t.color.span()),
                    format!("tier \"{code}\": unknown colour role \"{}\" (use tier1 to tier6)", t.color.get_ref()),
                )
            })?;
            let mut requirements = Vec::new();
            for raw in std::iter::once(&t.cadence).chain(t.also.iter()) {
                requirements.push(requirement(raw, &code, text, &err)?);
            }
            let rules = OwnershipRules {
                escalate_after_days: days(t.escalate_after_days.as_ref(), &code, "escalate_after_days", &err)?,
                release_after_days: days(t.release_after_days.as_ref(), &code, "release_after_days", &err)?,
            };
            rules.check().map_err(|p| {
                let at = t.release_after_days.as_ref().or(t.escalate_after_days.as_ref()).map(|s| s.span());
                err(at, rule_problem(&code, p))
            })?;
            tiers.push(Tier {
                rules,
                code,
                name_zh: t.zh.into_inner().trim().to_string(),
                name_en: t.en.into_inner().trim().to_string(),
                color,
                cadence: requirements[0].cadence,
                requirements,
            });
        }
        Ok(TierScheme {
            id: raw.id,
            name_zh: raw.name.zh,
            name_en: raw.name.en,
            tiers,
            assessment_required: raw.assessment_required,
        })
    }
}

/// A rule's number of days, checked: 0 to `MAX_RULE_DAYS`.
fn days(
    raw: Option<&Spanned<i64>>,
    code: &str,
    key: &str,
    err: &dyn Fn(Option<std::ops::Range<usize>>, String) -> SchemeError,
) -> Result<Option<u32>, SchemeError> {
    let Some(raw) = raw else { return Ok(None) };
    let max = crate::pool::MAX_RULE_DAYS;
    match u32::try_from(*raw.get_ref()) {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(err(
            Some(raw.span()),
            format!("tier \"{code}\": {key} must be between 0 and {max}, not {}", raw.get_ref()),
        )),
    }
}

fn rule_problem(code: &str, p: RuleProblem) -> String {
    match p {
        RuleProblem::TooLong(n) => format!("tier \"{code}\": {n} days is more than a rule may name"),
        RuleProblem::ReleaseBeforeEscalation { escalate, release } => format!(
            "tier \"{code}\": release_after_days ({release}) must be more than escalate_after_days ({escalate})"
        ),
    }
}

/// One requirement from its TOML table, checked.
fn requirement(
    raw: &RawCadence,
    code: &str,
    text: &str,
    err: &dyn Fn(Option<std::ops::Range<usize>>, String) -> SchemeError,
) -> Result<Requirement, SchemeError> {
    let unit = CadenceUnit::parse(raw.unit.get_ref()).ok_or_else(|| {
        err(
            Some(raw.unit.span()),
            format!("tier \"{code}\": unknown cadence unit \"{}\" (use day, week, month or year)", raw.unit.get_ref()),
        )
    })?;
    let every = *raw.every.get_ref();
    if every <= 0 || every > 1000 {
        return Err(err(
            Some(raw.every.span()),
            format!("tier \"{code}\": cadence interval must be between 1 and 1000, not {every}"),
        ));
    }
    let kinds = match &raw.kinds {
        None => None,
        Some(k) if k.get_ref().is_empty() || k.get_ref().iter().any(|x| x.trim().is_empty()) => {
            return Err(err(Some(k.span()), format!("tier \"{code}\": kinds must name at least one contact kind")));
        }
        Some(k) => Some(k.get_ref().iter().map(|x| x.trim().to_string()).collect()),
    };
    Ok(Requirement {
        cadence: Cadence { every: every as u32, unit },
        kinds,
        line: line_of(text, raw.unit.span().start),
    })
}

impl TierScheme {
    /// Check that every requirement names only known contact kinds.
    pub fn check_kinds(&self, file: &str, known: &[&str]) -> Result<(), SchemeError> {
        for tier in &self.tiers {
            for r in &tier.requirements {
                for k in r.kinds.iter().flatten() {
                    if !known.contains(&k.as_str()) {
                        return Err(SchemeError {
                            file: file.to_string(),
                            line: Some(r.line),
                            part: None,
                            problem: format!(
                                "tier \"{}\": unknown contact kind \"{k}\" (known: {})",
                                tier.code,
                                known.join(", ")
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// 1-based line of a byte offset (public: the main crate names lines of its own TOML files).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// A scheme file that cannot be used, with where and why.
pub type SchemeError = super::source::SourceError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScheme {
    id: String,
    name: RawNames,
    #[serde(default)]
    assessment_required: bool,
    #[serde(default)]
    tier: Vec<RawTier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    code: Spanned<String>,
    zh: Spanned<String>,
    en: Spanned<String>,
    color: Spanned<String>,
    cadence: RawCadence,
    /// Further requirements beside the main cadence.
    #[serde(default)]
    also: Vec<RawCadence>,
    escalate_after_days: Option<Spanned<i64>>,
    release_after_days: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCadence {
    every: Spanned<i64>,
    unit: Spanned<String>,
    kinds: Option<Spanned<Vec<String>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "t"
name = { zh = "测试", en = "Test" }

[[tier]]
code = "A"
zh = "重点"
en = "Key"
color = "tier1"
cadence = { every = 1, unit = "week" }
"#;

    #[test]
    fn parses_a_good_scheme() {
        let s = TierScheme::parse("t.toml", GOOD).unwrap();
        assert_eq!(s.tiers.len(), 1);
        assert_eq!(s.tiers[0].cadence, Cadence::weeks(1));
        assert_eq!(s.tier("a").unwrap().code, "A");
    }

    fn problem(text: &str) -> SchemeError {
        TierScheme::parse("bad.toml", text).unwrap_err()
    }

    #[test]
    fn refuses_no_tiers() {
        let e = problem("id = \"x\"\nname = { zh = \"x\", en = \"x\" }\n");
        assert!(e.problem.contains("no tiers"), "{e}");
        assert!(e.to_string().starts_with("bad.toml"));
    }

    #[test]
    fn refuses_duplicate_codes_naming_the_line() {
        let text = format!(
            "{GOOD}\n[[tier]]\ncode = \"a\"\nzh = \"x\"\nen = \"x\"\ncolor = \"tier2\"\ncadence = {{ every = 1, unit = \"week\" }}\n"
        );
        let e = problem(&text);
        assert!(e.problem.contains("duplicate tier code"), "{e}");
        assert_eq!(e.line, Some(13));
    }

    #[test]
    fn refuses_unknown_unit_and_zero_interval() {
        let e = problem(&GOOD.replace("\"week\"", "\"fortnight\""));
        assert!(e.problem.contains("unknown cadence unit \"fortnight\""), "{e}");
        assert_eq!(e.line, Some(10));
        let e = problem(&GOOD.replace("every = 1", "every = 0"));
        assert!(e.problem.contains("between 1 and 1000"), "{e}");
        assert_eq!(e.line, Some(10));
    }

    #[test]
    fn refuses_syntax_errors_with_a_line() {
        let e = problem(&GOOD.replace("code = \"A\"", "code = A"));
        assert_eq!(e.line, Some(6), "{e}");
    }

    #[test]
    fn refuses_unknown_colour_and_fields() {
        let e = problem(&GOOD.replace("tier1", "gold"));
        assert!(e.problem.contains("colour role"), "{e}");
        let e = problem(&GOOD.replace("color =", "colour ="));
        assert!(e.line.is_some(), "{e}");
    }

    #[test]
    fn reads_several_requirements_with_kinds() {
        let text = GOOD.replace(
            "cadence = { every = 1, unit = \"week\" }",
            "cadence = { every = 1, unit = \"week\" }\nalso = [{ every = 2, unit = \"week\", kinds = [\"visit\"] }]",
        );
        let s = TierScheme::parse("t.toml", &text).unwrap();
        let r = &s.tiers[0].requirements;
        assert_eq!(r.len(), 2);
        assert!(r[0].counts("call") && r[0].counts("visit"));
        assert!(r[1].counts("visit") && !r[1].counts("call"));
        assert_eq!(r[1].cadence, Cadence::weeks(2));
        assert_eq!(r[1].kinds, Some(vec!["visit".to_string()]));
        s.check_kinds("t.toml", &["visit", "call"]).unwrap();
        let e = s.check_kinds("t.toml", &["call"]).unwrap_err();
        assert_eq!(e.line, Some(11));
        assert!(e.problem.contains("unknown contact kind \"visit\""), "{e}");
        let e = problem(&text.replace("[\"visit\"]", "[]"));
        assert!(e.problem.contains("at least one contact kind"), "{e}");
    }

    #[test]
    fn reads_the_team_rules_off_by_default() {
        let s = TierScheme::parse("t.toml", GOOD).unwrap();
        assert_eq!(s.tiers[0].rules, OwnershipRules::OFF);
        let on =
            GOOD.replace("color = \"tier1\"", "color = \"tier1\"\nescalate_after_days = 3\nrelease_after_days = 14");
        let s = TierScheme::parse("t.toml", &on).unwrap();
        assert_eq!(s.tiers[0].rules.escalate_after_days, Some(3));
        assert_eq!(s.tiers[0].rules.release_after_days, Some(14));
        let e = problem(&on.replace("= 14", "= 3"));
        assert!(e.problem.contains("must be more than escalate_after_days"), "{e}");
        let e = problem(&on.replace("= 14", "= -1"));
        assert!(e.problem.contains("release_after_days must be between 0 and 3650"), "{e}");
        assert_eq!(e.line, Some(11));
    }

    #[test]
    fn tiers_are_found_by_code_or_by_their_zh_or_en_name() {
        let s = TierScheme::parse("t.toml", BROKERAGE_LIKE).unwrap();
        let code = |t: &str| s.find(t).map(|x| x.code.as_str());
        assert_eq!(code("vip"), Some("VIP"));
        assert_eq!(code("核心客户"), Some("CORE"));
        assert_eq!(code(" potential "), Some("POT"));
        assert_eq!(code("ORDINARY"), Some("ORD"));
        assert_eq!(code("重要"), None);
        assert_eq!(code("贵宾"), Some("VIP"));
        assert_eq!(code(""), None);
        // A code wins over another tier's name.
        assert_eq!(code("Core"), Some("CORE"));
    }

    const BROKERAGE_LIKE: &str = r#"
id = "t"
name = { zh = "测试", en = "Test" }
[[tier]]
code = "VIP"
zh = "贵宾客户"
en = "VIP"
color = "tier1"
cadence = { every = 1, unit = "week" }
[[tier]]
code = "CORE"
zh = "核心客户"
en = "Core"
color = "tier2"
cadence = { every = 2, unit = "week" }
[[tier]]
code = "POT"
zh = "潜力客户"
en = "Potential"
color = "tier3"
cadence = { every = 1, unit = "month" }
[[tier]]
code = "ORD"
zh = "普通客户"
en = "Ordinary"
color = "tier4"
cadence = { every = 3, unit = "month" }
"#;
}
