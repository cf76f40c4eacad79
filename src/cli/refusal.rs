//! The command line's own refusals (a bad argument, a file in the way), typed where they
//! happen and worded in the interface language only when printed, like the book's errors.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::dates::DateProblem;
use crate::i18n::cli_texts::C;
use crate::i18n::record_texts::R;
use crate::i18n::{Lang, T, fill};

#[derive(Debug)]
pub enum Refusal {
    /// `flag` holds text that is no calendar date.
    NotADate {
        flag: &'static str,
        text: String,
    },
    /// `flag` names a day after today.
    InFuture {
        flag: &'static str,
        date: NaiveDate,
        today: NaiveDate,
    },
    /// An assessment dated after today.
    AssessedInFuture {
        date: NaiveDate,
        today: NaiveDate,
    },
    /// `flag` holds more than `max` characters.
    TooLong {
        flag: &'static str,
        max: usize,
    },
    FollowUpNeedsDue,
    FollowUpDueNeedsWhat,
    DueBeforeContact {
        due: NaiveDate,
        on: NaiveDate,
    },
    WithinTooFar(u32),
    /// `flag` is not a time of day (HH:MM).
    NotATime {
        flag: &'static str,
        text: String,
    },
    /// `--follow-up-due` is neither a date nor a step from the contact (+3d).
    NotADueDate {
        text: String,
    },
    /// `--kind` names no contact kind.
    UnknownKind {
        text: String,
        known: String,
    },
    /// `flag` names no temperament of the list (`known`: its keys).
    UnknownTemperament {
        flag: &'static str,
        text: String,
        known: String,
    },
    /// `flag` names no tier of the book's scheme.
    UnknownTier {
        flag: &'static str,
        text: String,
        known: String,
    },
    /// `flag` holds a date the book cannot keep (before 1900, after 2200).
    DateOutOfRange {
        flag: &'static str,
        problem: crate::domain::dates::DateProblem,
    },
    /// `--scheme` is neither a shipped scheme nor a readable file.
    NotAScheme {
        text: String,
        why: String,
    },
    EmptyPattern,
    ReasonMissing,
    NoQuestionnaire {
        flag: String,
        id: String,
        known: String,
    },
    NoBookToBackUp(PathBuf),
    BackupIsFolder(PathBuf),
    AlreadyExists(PathBuf),
    /// The record commands' (`customer edit|delete`, `follow-up`, `snooze`): see `R`.
    NothingToEdit,
    TierViaTierCommand,
    Unchanged(String),
    DeleteNeedsYes {
        name: String,
        id: i64,
        contacts: usize,
    },
    NoFollowUp(i64),
    AlreadyDone {
        id: i64,
        what: String,
        on: NaiveDate,
    },
    DoneNotMoved {
        id: i64,
        what: String,
    },
    NoteEmpty,
    KindNeedsNote,
    /// A date to move something to, refused by the screens' rule (`flag` names where).
    DateRefused {
        flag: &'static str,
        text: String,
        why: LaterDate,
    },
    ReasonRequired,
    NothingToSnooze {
        name: String,
        id: i64,
    },
    /// The person said no to a delete (exit code 1: nothing was done).
    NotDeleted,
    /// Not the person's mistake (exit code 1):
    NoScheme,
    CustomerGone(i64),
    CannotWriteStdout(String),
    CannotWriteExport(String),
}

/// Why a date to move something to (a snooze, a reschedule) is refused: the rule the
/// screens' date form applies, in the form's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaterDate {
    Date(DateProblem),
    /// Not after the item's own due date.
    NotAfter(NaiveDate),
}

impl LaterDate {
    pub fn text(&self, l: Lang) -> String {
        match self {
            LaterDate::Date(DateProblem::Unreadable { .. }) => T::ProblemBadDate.get(l).to_string(),
            LaterDate::Date(DateProblem::OutOfRange { .. }) => T::ProblemDateRange.get(l).to_string(),
            LaterDate::Date(DateProblem::NotAfterToday { .. }) => T::ProblemNotAfterToday.get(l).to_string(),
            LaterDate::NotAfter(d) => fill(T::ProblemNotAfter.get(l), &[d]),
        }
    }
}

impl Refusal {
    /// Whether the person asked for something wrong (exit code 2) rather than tierdesk
    /// failing to do something right (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        !matches!(
            self,
            Refusal::NoScheme
                | Refusal::NotDeleted
                | Refusal::CustomerGone(_)
                | Refusal::CannotWriteStdout(_)
                | Refusal::CannotWriteExport(_)
        )
    }

    pub fn text(&self, l: Lang) -> String {
        let t = |c: C| c.get(l);
        let r = |c: R| c.get(l);
        match self {
            Refusal::NotADate { flag, text } => fill(t(C::NotADate), &[flag, text]),
            Refusal::InFuture { flag, date, today } => fill(t(C::InFuture), &[flag, date, today]),
            Refusal::AssessedInFuture { date, today } => fill(t(C::AssessedInFuture), &[date, today]),
            Refusal::TooLong { flag, max } => fill(t(C::ArgTooLong), &[flag, max]),
            Refusal::FollowUpNeedsDue => t(C::FollowUpNeedsDue).to_string(),
            Refusal::FollowUpDueNeedsWhat => t(C::FollowUpDueNeedsWhat).to_string(),
            Refusal::DueBeforeContact { due, on } => fill(t(C::DueBeforeContact), &[due, on]),
            Refusal::WithinTooFar(days) => fill(t(C::WithinTooFar), &[days]),
            Refusal::NotATime { flag, text } => fill(t(C::NotATime), &[flag, text]),
            Refusal::NotADueDate { text } => fill(t(C::NotADueDate), &[text]),
            Refusal::UnknownKind { text, known } => fill(t(C::UnknownKind), &[text, known]),
            Refusal::UnknownTemperament { flag, text, known } => {
                fill(crate::i18n::temperament_texts::M::UnknownFlag.get(l), &[flag, text, known])
            }
            Refusal::UnknownTier { flag, text, known } => fill(t(C::UnknownTierFlag), &[flag, text, known]),
            Refusal::DateOutOfRange { flag, problem } => {
                format!("{flag}: {}", crate::i18n::dates::date_reason(problem, l))
            }
            Refusal::NotAScheme { text, why } => fill(t(C::NotAScheme), &[text, why]),
            Refusal::EmptyPattern => t(C::EmptyPattern).to_string(),
            Refusal::ReasonMissing => t(C::ReasonMissing).to_string(),
            Refusal::NoQuestionnaire { flag, id, known } => fill(t(C::NoQuestionnaire), &[flag, id, known]),
            Refusal::NoBookToBackUp(p) => fill(t(C::NoBookToBackUp), &[&p.display()]),
            Refusal::BackupIsFolder(p) => fill(t(C::BackupIsFolder), &[&p.display()]),
            Refusal::AlreadyExists(p) => fill(t(C::AlreadyExists), &[&p.display()]),
            Refusal::NothingToEdit => r(R::NothingToEdit).to_string(),
            Refusal::TierViaTierCommand => r(R::TierViaTierCommand).to_string(),
            Refusal::Unchanged(name) => fill(r(R::Unchanged), &[name]),
            Refusal::DeleteNeedsYes { name, id, contacts } => fill(r(R::DeleteNeedsYes), &[name, id, contacts]),
            Refusal::NoFollowUp(id) => fill(r(R::NoFollowUp), &[id]),
            Refusal::AlreadyDone { id, what, on } => fill(r(R::AlreadyDone), &[id, what, on]),
            Refusal::DoneNotMoved { id, what } => fill(r(R::DoneNotMoved), &[id, what]),
            Refusal::NoteEmpty => r(R::NoteNeedsText).to_string(),
            Refusal::KindNeedsNote => r(R::KindNeedsNote).to_string(),
            Refusal::DateRefused { flag, text, why } => fill(r(R::DateRefused), &[flag, text, &why.text(l)]),
            Refusal::ReasonRequired => r(R::ReasonRequired).to_string(),
            Refusal::NothingToSnooze { name, id } => fill(r(R::NothingToSnooze), &[name, id]),
            Refusal::NotDeleted => r(R::NotDeleted).to_string(),
            Refusal::NoScheme => t(C::NoScheme).to_string(),
            Refusal::CustomerGone(id) => fill(t(C::CustomerGone), &[id]),
            Refusal::CannotWriteStdout(e) => fill(t(C::CannotWriteStdout), &[e]),
            Refusal::CannotWriteExport(e) => fill(t(C::CannotWriteExport), &[e]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_in_both_languages_naming_what_they_name() {
        let r = Refusal::NotADate { flag: "--date", text: "yesterday".into() };
        assert_eq!(r.text(Lang::En), "--date: \"yesterday\" is not a real date (YYYY-MM-DD)");
        assert!(r.text(Lang::Zh).contains("“yesterday”不是有效日期"), "{}", r.text(Lang::Zh));
        let r = Refusal::AlreadyExists(PathBuf::from("b.sqlite"));
        assert!(r.text(Lang::Zh).starts_with("b.sqlite 已存在"), "{}", r.text(Lang::Zh));
        assert!(r.is_bad_input() && !Refusal::NoScheme.is_bad_input());
    }
}
