//! Loading a questionnaire from TOML: every problem is refused with the file, the line, the
//! question (its id) and what is wrong, before anything can be scored with it.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Band, Bilingual, Choice, GridRow, Question, QuestionKind, Questionnaire};
use crate::source::Part;
use crate::suitability::InvestorCategory;
use crate::tier::line_of;

/// Options are lettered A to Z.
const MAX_OPTIONS: usize = 26;
const MAX_POINTS: i64 = 1000;

/// A questionnaire file that cannot be used, with where and why (the question at fault is
/// a `Part::Question`).
pub type QuestionnaireError = crate::source::SourceError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    id: Spanned<String>,
    version: Spanned<i64>,
    reassess_after_months: Spanned<i64>,
    title: Spanned<RawText>,
    #[serde(default)]
    band: Vec<RawBand>,
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    code: Spanned<String>,
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    min: Spanned<i64>,
    max: Spanned<i64>,
    /// The investor category (C1 to C5) the band gives; none: suitability is unknown.
    category: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    kind: Option<Spanned<String>>,
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    options: Option<Vec<RawOption>>,
    row: Option<Vec<RawRow>>,
    cap: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    options: Option<Vec<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    zh: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    points: Spanned<i64>,
    /// Ticked alone or not at all ("none of these"); multiple choice only.
    exclusive: Option<Spanned<bool>>,
}

/// Builds errors for one file.
struct Errors<'a> {
    file: &'a str,
    text: &'a str,
}

impl Errors<'_> {
    fn at(&self, span: Option<Range<usize>>, question: Option<&str>, problem: String) -> QuestionnaireError {
        QuestionnaireError {
            file: self.file.to_string(),
            line: span.map(|s| line_of(self.text, s.start)),
            part: question.map(|q| Part::Question(q.to_string())),
            problem,
        }
    }

    /// Both texts, trimmed; `what` names the thing ("text", "row 2 label", "option B").
    fn bilingual(
        &self,
        zh: Option<Spanned<String>>,
        en: Option<Spanned<String>>,
        at: Range<usize>,
        question: Option<&str>,
        what: &str,
    ) -> Result<Bilingual, QuestionnaireError> {
        let mut out = [String::new(), String::new()];
        for (slot, (label, text)) in out.iter_mut().zip([("zh", zh), ("en", en)]) {
            match text {
                Some(t) if !t.get_ref().trim().is_empty() => *slot = t.into_inner().trim().to_string(),
                Some(t) => return Err(self.at(Some(t.span()), question, format!("{what}: the {label} text is empty"))),
                None => {
                    return Err(self.at(Some(at.clone()), question, format!("{what}: the {label} text is missing")));
                }
            }
        }
        let [zh, en] = out;
        Ok(Bilingual { zh, en })
    }

    /// The options of a question or grid row; `multiple`: of a multiple choice (the only
    /// kind where an option may be exclusive: elsewhere one option is chosen anyway).
    fn options(
        &self,
        raw: Vec<RawOption>,
        at: Range<usize>,
        id: &str,
        whose: &str,
        multiple: bool,
    ) -> Result<Vec<Choice>, QuestionnaireError> {
        if raw.is_empty() {
            return Err(self.at(Some(at), Some(id), format!("{whose} has no options")));
        }
        if raw.len() > MAX_OPTIONS {
            return Err(self.at(Some(at), Some(id), format!("{whose} has {} options; at most 26 (A to Z)", raw.len())));
        }
        let mut out = Vec::with_capacity(raw.len());
        for (i, o) in raw.into_iter().enumerate() {
            let what = format!("{whose}, option {}", super::letter(i));
            let points = *o.points.get_ref();
            if !(0..=MAX_POINTS).contains(&points) {
                return Err(self.at(
                    Some(o.points.span()),
                    Some(id),
                    format!("{what}: points must be between 0 and {MAX_POINTS}, not {points}"),
                ));
            }
            let exclusive = match o.exclusive {
                Some(x) if *x.get_ref() && !multiple => {
                    return Err(self.at(
                        Some(x.span()),
                        Some(id),
                        format!(
                            "{what}: exclusive = true is only for a multiple-choice question (kind = \"multiple\")"
                        ),
                    ));
                }
                Some(x) => *x.get_ref(),
                None => false,
            };
            let text = self.bilingual(o.zh, o.en, o.points.span(), Some(id), &what)?;
            out.push(Choice { text, points: points as u32, exclusive });
        }
        Ok(out)
    }
}

/// Ids are stored with every answer: one word of letters, digits, `_` or `-`.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 40 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Questionnaire {
    /// Parse and check a questionnaire. `file` is only used to name the source in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, QuestionnaireError> {
        let e = Errors { file, text };
        let raw: RawQuestionnaire =
            toml::from_str(text).map_err(|x| e.at(x.span(), None, x.message().trim().to_string()))?;
        let id = raw.id.get_ref().trim().to_string();
        if !valid_id(&id) {
            return Err(e.at(
                Some(raw.id.span()),
                None,
                format!("id \"{id}\" must be one word (letters, digits, _ or -)"),
            ));
        }
        let version = *raw.version.get_ref();
        if !(1..=1_000_000).contains(&version) {
            return Err(e.at(Some(raw.version.span()), None, format!("version must be 1 or more, not {version}")));
        }
        let months = *raw.reassess_after_months.get_ref();
        if !(1..=1200).contains(&months) {
            return Err(e.at(
                Some(raw.reassess_after_months.span()),
                None,
                format!("reassess_after_months must be between 1 and 1200, not {months}"),
            ));
        }
        let title_span = raw.title.span();
        let title = raw.title.into_inner();
        let title = e.bilingual(title.zh, title.en, title_span, None, "title")?;
        if raw.question.is_empty() {
            return Err(e.at(None, None, "the questionnaire has no questions ([[question]] tables)".into()));
        }
        let mut questions: Vec<Question> = Vec::with_capacity(raw.question.len());
        for q in raw.question {
            let question = question(&e, q, &questions)?;
            questions.push(question);
        }
        let mut out = Questionnaire {
            id,
            version: version as u32,
            reassess_after_months: months as u32,
            title,
            questions,
            bands: Vec::new(),
        };
        out.bands = bands(&e, raw.band, out.min_total(), out.max_total())?;
        Ok(out)
    }
}

/// One question, checked; `before` are the questions already read (for duplicate ids).
fn question(e: &Errors, q: RawQuestion, before: &[Question]) -> Result<Question, QuestionnaireError> {
    let at = q.id.span();
    let id = q.id.get_ref().trim().to_string();
    if !valid_id(&id) {
        return Err(e.at(
            Some(at),
            None,
            format!("question {}: id \"{id}\" must be one word (letters, digits, _ or -)", before.len() + 1),
        ));
    }
    if let Some(n) = before.iter().position(|x| x.id == id) {
        return Err(e.at(
            Some(at),
            Some(&id),
            format!("duplicate question id (question {} has it too); ids must be unique", n + 1),
        ));
    }
    let text = e.bilingual(q.zh, q.en, at.clone(), Some(&id), "the question")?;
    let kind_name = q.kind.as_ref().map(|k| k.get_ref().trim().to_string()).unwrap_or_else(|| "single".into());
    let kind_at = q.kind.as_ref().map(Spanned::span).unwrap_or_else(|| at.clone());
    let only = |present: bool, what: &str, problem: &str| {
        if present { Err(e.at(Some(at.clone()), Some(&id), format!("{what}: {problem}"))) } else { Ok(()) }
    };
    let kind = match kind_name.as_str() {
        "single" | "multiple" => {
            only(q.row.is_some(), "rows ([[question.row]])", "only a grid question has rows; use kind = \"grid\"")?;
            let multiple = kind_name == "multiple";
            let options = e.options(q.options.unwrap_or_default(), at.clone(), &id, "the question", multiple)?;
            if kind_name == "single" {
                only(q.cap.is_some(), "cap", "only a multiple-choice question has a cap")?;
                QuestionKind::Single { options }
            } else {
                let sum: u32 = options.iter().map(|o| o.points).sum();
                let cap = match q.cap {
                    None => sum,
                    Some(c) if *c.get_ref() > 0 && *c.get_ref() <= MAX_POINTS => *c.get_ref() as u32,
                    Some(c) => {
                        return Err(e.at(
                            Some(c.span()),
                            Some(&id),
                            format!("cap must be a positive number of points (1 to {MAX_POINTS}), not {}", c.get_ref()),
                        ));
                    }
                };
                QuestionKind::Multiple { options, cap }
            }
        }
        "grid" => {
            only(q.options.is_some(), "options", "a grid question has options per row, not its own")?;
            only(q.cap.is_some(), "cap", "only a multiple-choice question has a cap")?;
            let raw_rows = q.row.unwrap_or_default();
            if raw_rows.is_empty() {
                return Err(e.at(
                    Some(at.clone()),
                    Some(&id),
                    "a grid question has no rows ([[question.row]] tables)".into(),
                ));
            }
            let mut rows = Vec::with_capacity(raw_rows.len());
            for (r, row) in raw_rows.into_iter().enumerate() {
                let what = format!("row {}", r + 1);
                let label = e.bilingual(row.zh, row.en, at.clone(), Some(&id), &format!("{what} label"))?;
                let whose = format!("{what} ({})", label.en);
                let options = e.options(row.options.unwrap_or_default(), at.clone(), &id, &whose, false)?;
                rows.push(GridRow { label, options });
            }
            QuestionKind::Grid { rows }
        }
        other => {
            return Err(e.at(
                Some(kind_at),
                Some(&id),
                format!("unknown kind \"{other}\" (use single, grid or multiple)"),
            ));
        }
    };
    Ok(Question { id, text, kind })
}

/// The bands, sorted from the lowest scores up; they must cover `min..=max` exactly, with no
/// gap and no overlap.
fn bands(e: &Errors, raw: Vec<RawBand>, min: u32, max: u32) -> Result<Vec<Band>, QuestionnaireError> {
    if raw.is_empty() {
        return Err(e.at(None, None, "the questionnaire has no bands ([[band]] tables)".into()));
    }
    let mut out: Vec<(Band, Range<usize>)> = Vec::with_capacity(raw.len());
    for b in raw {
        let at = b.code.span();
        let code = b.code.get_ref().trim().to_string();
        if !valid_id(&code) {
            return Err(e.at(
                Some(at),
                None,
                format!("band code \"{code}\" must be one word (letters, digits, _ or -)"),
            ));
        }
        if out.iter().any(|(x, _)| x.code == code) {
            return Err(e.at(Some(at), None, format!("duplicate band code \"{code}\"")));
        }
        let name = e.bilingual(b.zh, b.en, at.clone(), None, &format!("band \"{code}\""))?;
        let (lo, hi) = (*b.min.get_ref(), *b.max.get_ref());
        if lo < 0 || hi < lo || hi > MAX_POINTS * 1000 {
            return Err(e.at(
                Some(b.min.span()),
                None,
                format!("band \"{code}\": min {lo} and max {hi} must satisfy 0 <= min <= max"),
            ));
        }
        let category = match b.category {
            None => None,
            Some(c) => Some(InvestorCategory::parse(c.get_ref()).ok_or_else(|| {
                e.at(Some(c.span()), None, format!("band \"{code}\": category \"{}\" is not C1 to C5", c.get_ref()))
            })?),
        };
        out.push((Band { code, name, min: lo as u32, max: hi as u32, category }, at));
    }
    out.sort_by_key(|(b, _)| (b.min, b.max));
    let (first, first_at) = &out[0];
    if first.min != min {
        return Err(e.at(
            Some(first_at.clone()),
            None,
            format!(
                "the bands must start at the lowest possible total, {min}, but band \"{}\" starts at {}",
                first.code, first.min
            ),
        ));
    }
    for pair in out.windows(2) {
        let ((a, _), (b, b_at)) = (&pair[0], &pair[1]);
        if b.min <= a.max {
            return Err(e.at(
                Some(b_at.clone()),
                None,
                format!("bands \"{}\" and \"{}\" overlap at {} to {}", a.code, b.code, b.min, a.max.min(b.max)),
            ));
        }
        if b.min > a.max + 1 {
            return Err(e.at(
                Some(b_at.clone()),
                None,
                format!(
                    "a gap between bands \"{}\" and \"{}\": {} to {} fall in no band",
                    a.code,
                    b.code,
                    a.max + 1,
                    b.min - 1
                ),
            ));
        }
    }
    let mapped: Vec<_> = out.iter().filter_map(|(b, at)| Some((b.category?, b, at))).collect();
    if let Some(w) = mapped.windows(2).find(|w| w[1].0 < w[0].0) {
        let ((lo, a, _), (hi, b, b_at)) = (&w[0], &w[1]);
        let problem =
            format!("band \"{}\" scores higher than \"{}\" but its category {hi} is lower than {lo}", b.code, a.code);
        return Err(e.at(Some((*b_at).clone()), None, problem));
    }
    let (last, last_at) = &out[out.len() - 1];
    if last.max != max {
        return Err(e.at(
            Some(last_at.clone()),
            None,
            format!(
                "the bands must end at the highest possible total, {max}, but band \"{}\" ends at {}",
                last.code, last.max
            ),
        ));
    }
    Ok(out.into_iter().map(|(b, _)| b).collect())
}
