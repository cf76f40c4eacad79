//! An import's problems in words, in the interface language: the file as a whole, each bad
//! row (line, column, reason) and each duplicate. The command line and the app's import
//! screen say the same, except where the way out differs (a flag, or a choice on screen).

use std::path::Path;

use super::problems::P;
use super::shape_texts::{SH, separator};
use super::{Lang, T, fill, problem_text};
use crate::domain::contact_draft::ContactProblem;
use crate::domain::customer::CustomerId;
use crate::domain::import::{BadRow, Duplicate, DuplicateKey, DuplicateOf, FileProblem, Problem};
use crate::domain::tier::TierScheme;

/// Who reads the problems: someone at the command line (told about flags) or in the app
/// (told about the screen's own choices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    CommandLine,
    App,
}

/// How an import's problems are worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Voice {
    pub lang: Lang,
    pub audience: Audience,
}

/// The whole file is refused (no header, a missing or repeated column, not CSV).
/// `encoding` is what the file was read as, named when the header does not fit.
pub fn file_refused(path: &Path, e: &FileProblem, encoding: Option<&str>, voice: Voice) -> String {
    let lang = voice.lang;
    let mut problem = file_problem_read_as(e, encoding, lang);
    // The way out of a wrong encoding is a flag, on the command line only.
    if encoding.is_some() && voice.audience == Audience::CommandLine && matches!(e, FileProblem::MissingColumn { .. }) {
        problem.push_str(if lang == Lang::Zh { "；" } else { "; " });
        problem.push_str(SH::GarbledHint.get(lang));
    }
    fill(P::FileRefused.get(lang), &[&path.display(), &problem])
}

pub fn file_problem(e: &FileProblem, lang: Lang) -> String {
    file_problem_read_as(e, None, lang)
}

/// The file's problem; a missing column also says how the file was read (its encoding, when
/// known, and separator) and the header row found, so that a wrong reading shows.
pub fn file_problem_read_as(e: &FileProblem, encoding: Option<&str>, lang: Lang) -> String {
    match e {
        FileProblem::NoHeader => P::NoHeader.get(lang).to_string(),
        FileProblem::MissingColumn { column, names, found, delimiter } => {
            let sep = if lang == Lang::Zh { "；" } else { "; " };
            let missing = fill(P::MissingColumn.get(lang), &[column, &names.join(P::Or.get(lang))]);
            // A sheet's cells have no separator: the encoding slot then names the workbook.
            let sep_words = delimiter.map(|d| separator(d, lang));
            let how = match (encoding, sep_words) {
                (Some(enc), Some(sep)) => fill(SH::FileIs.get(lang), &[&enc, &sep]),
                (Some(enc), None) => enc.to_string(),
                (None, Some(sep)) => sep.to_string(),
                (None, None) => String::new(),
            };
            let header = crate::safe_text::visible(&found.join(" | ")).into_owned();
            let header = fill(SH::HeaderRead.get(lang), &[&how, &header]);
            format!("{missing}{sep}{header}")
        }
        FileProblem::RepeatedColumn { column, first, second } => {
            fill(P::RepeatedColumn.get(lang), &[first, second, column])
        }
        FileProblem::Csv(m) => fill(P::NotCsv.get(lang), &[m]),
        FileProblem::UnclosedQuote { line } => fill(T::CsvUnclosedQuote.get(lang), &[line]),
        FileProblem::TextAfterQuote { line } => fill(T::CsvTextAfterQuote.get(lang), &[line]),
    }
}

pub fn unknown_column(path: &Path, name: &str, known: &str, lang: Lang) -> String {
    fill(P::UnknownColumn.get(lang), &[&path.display(), &name, &known])
}

/// The reading of a file stopped before its end (nothing of it is kept).
pub fn not_read_to_end(path: &Path, lang: Lang) -> String {
    fill(P::NotReadToEnd.get(lang), &[&path.display()])
}

/// Every bad row, one per line under a heading that counts them.
pub fn bad_rows(path: &Path, bad: &[BadRow], scheme: &TierScheme, voice: Voice) -> String {
    let lang = voice.lang;
    let mut lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
    lines.dedup();
    let head = if lines.len() == 1 { P::BadRow } else { P::BadRows };
    let mut out = fill(head.get(lang), &[&path.display(), &lines.len()]);
    for b in bad {
        let place = match &b.column {
            Some(c) => fill(P::AtLineColumn.get(lang), &[&b.line, c]),
            None => fill(P::AtLine.get(lang), &[&b.line]),
        };
        out.push_str(&format!("\n  {place}: {}", problem(&b.problem, scheme, voice)));
    }
    out
}

fn ids(ids: &[CustomerId]) -> String {
    ids.iter().map(|i| format!("#{}", i.0)).collect::<Vec<_>>().join(", ")
}

/// One row's problem in words.
pub fn problem(p: &Problem, scheme: &TierScheme, voice: Voice) -> String {
    let l = voice.lang;
    match p {
        Problem::Field(f) => problem_text(*f, scheme, l),
        Problem::Contact(c) => contact_problem(*c).get(l).to_string(),
        Problem::Unreadable => match voice.audience {
            Audience::CommandLine => P::UnreadableCli.get(l).to_string(),
            Audience::App => P::UnreadableApp.get(l).to_string(),
        },
        Problem::ControlCharacter(c) => fill(T::ProblemControlChar.get(l), &[&format!("U+{:04X}", u32::from(*c))]),
        Problem::ExtraCells { found, expected } => fill(P::ExtraCells.get(l), &[found, expected]),
        Problem::NotAUuid => P::NotAUuid.get(l).to_string(),
        Problem::UnknownCustomer(k) => fill(P::UnknownCustomer.get(l), &[k]),
        Problem::AmbiguousCustomer { key, ids: found } => {
            fill(P::AmbiguousCustomer.get(l), &[key, &found.len(), &ids(found)])
        }
        Problem::UnknownKind(k) => fill(P::UnknownKind.get(l), &[k, &crate::data::contact_kinds().codes().join(", ")]),
        Problem::UnknownTemperament { text, known } => fill(P::UnknownTemperament.get(l), &[text, known]),
        Problem::RecommendationNotImported => P::RecommendationNotImported.get(l).to_string(),
        Problem::BadDoneTime => P::BadDoneTime.get(l).to_string(),
        Problem::RefTaken { ext_ref, by } => fill(P::RefTaken.get(l), &[ext_ref, &by.0]),
        Problem::AmbiguousMatch { ids: found } => fill(P::AmbiguousMatch.get(l), &[&found.len(), &ids(found)]),
        Problem::ProductCode(c) => fill(super::suit_texts::S::BadCode.get(l), &[c]),
        Problem::RepeatedCode { code, line } => fill(super::suit_texts::S::RepeatedCode.get(l), &[code, line]),
        Problem::RiskLevel(t) => fill(super::suit_texts::S::BadLevel.get(l), &[t]),
        Problem::Broken(m) => fill(P::Broken.get(l), &[&file_problem(m, l)]),
    }
}

/// A contact's problem (the log form's and a contacts file's) as a text key.
pub fn contact_problem(c: ContactProblem) -> T {
    match c {
        ContactProblem::BadDate => T::ProblemBadDate,
        ContactProblem::FutureDate => T::ProblemFutureDate,
        ContactProblem::BadTime => T::ProblemBadTime,
        ContactProblem::FollowUpNeedsDue => T::ProblemNeedsDue,
        ContactProblem::FollowUpNeedsWhat => T::ProblemNeedsWhat,
        ContactProblem::DueBeforeContact => T::ProblemDueBeforeContact,
        ContactProblem::TooLong => T::ProblemTooLong,
        ContactProblem::OutOfRange => T::ProblemDateRange,
    }
}

/// Every duplicate row and what it duplicates, under a heading that says the way out.
pub fn duplicates(path: &Path, dups: &[Duplicate], voice: Voice) -> String {
    let l = voice.lang;
    let head = if dups.len() == 1 { P::Duplicate } else { P::Duplicates };
    let hint = match voice.audience {
        Audience::CommandLine => P::DupHintCli,
        Audience::App => P::DupHintApp,
    };
    let mut out = fill(head.get(l), &[&path.display(), &dups.len(), &hint.get(l)]);
    for d in dups {
        let key = match &d.key {
            DuplicateKey::Uuid(u) => fill(P::DupUuid.get(l), &[u]),
            DuplicateKey::Ref(r) => fill(P::DupRef.get(l), &[r]),
            DuplicateKey::NameCompany { name, company } if company.is_empty() => fill(P::DupName.get(l), &[name]),
            DuplicateKey::NameCompany { name, company } => fill(P::DupNameCompany.get(l), &[name, company]),
        };
        let of = match &d.of {
            DuplicateOf::Book(found) => fill(P::DupOfBook.get(l), &[&ids(found)]),
            DuplicateOf::Line(line) => fill(P::DupOfLine.get(l), &[line]),
        };
        out.push_str("\n  ");
        out.push_str(&fill(P::DupLine.get(l), &[&d.line, &key, &of]));
    }
    out
}
