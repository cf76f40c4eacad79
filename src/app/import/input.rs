//! An import file as read: CSV text in its encoding, or an Excel workbook's sheet as rows of
//! cells, told apart by the file's first bytes (not its name). Both feed the same domain
//! table (`domain::import::Source`).

use std::path::Path;

use super::encoding::encoding_label;
use super::workbook::{WorkbookProblem, is_workbook, read_workbook};
use super::{ImportOptions, decode};
use crate::app::AppError;
use crate::domain::import::Source;
use crate::i18n::fill;
use crate::i18n::problems::P;
use crate::i18n::workbook_texts::W;

/// What an import file holds.
pub(super) enum Input {
    Text(String),
    Rows(Vec<Vec<String>>),
}

impl Input {
    pub fn source(&self) -> Source<'_> {
        match self {
            Input::Text(t) => Source::Csv(t),
            Input::Rows(r) => Source::Rows(r),
        }
    }

    /// Large enough for a progress bar.
    pub fn large(&self) -> bool {
        match self {
            Input::Text(t) => t.len() >= super::bar::LARGE_FILE,
            Input::Rows(r) => r.len() >= 5_000,
        }
    }
}

/// Read `path`: a workbook's sheet (`opts.sheet`, else the first), else text in its encoding.
/// Also what it was read as, for the summary: the encoding, or "Excel workbook".
pub(super) fn read_input(path: &Path, opts: &ImportOptions) -> Result<(Input, &'static str), AppError> {
    let lang = opts.voice.lang;
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(fill(P::CannotReadFile.get(lang), &[&path.display(), &e])))?;
    if is_workbook(&bytes) {
        let rows = read_workbook(&bytes, opts.sheet.as_deref()).map_err(|e| {
            AppError::BadInput(match e {
                WorkbookProblem::Unreadable(why) => fill(W::Unreadable.get(lang), &[&path.display(), &why]),
                WorkbookProblem::NoSheets => fill(W::NoSheets.get(lang), &[&path.display()]),
                WorkbookProblem::UnknownSheet { name, sheets } => {
                    fill(W::UnknownSheet.get(lang), &[&path.display(), &name, &sheets.join(P::ListSep.get(lang))])
                }
            })
        })?;
        return Ok((Input::Rows(rows), W::Workbook.get(lang)));
    }
    if opts.sheet.is_some() {
        return Err(AppError::BadInput(fill(W::NotTheSheet.get(lang), &[&path.display()])));
    }
    let (text, encoding) = decode(bytes, opts.encoding);
    Ok((Input::Text(text), encoding_label(encoding)))
}
