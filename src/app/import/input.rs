//! An import file as read: CSV text in its encoding and separator, or an Excel workbook's
//! sheet as rows of cells, told apart by the file's first bytes (`shape`), not its name.
//! Both feed the same domain table (`domain::import::Source`).

use std::path::Path;

use super::encoding::Decoded;
use super::shape::{NotRead, Shape, read_shape};
use super::workbook::{WorkbookProblem, read_workbook};
use super::{ImportOptions, SAMPLE};
use crate::app::AppError;
use crate::domain::import::sniff::Delimiter;
use crate::domain::import::{Column, Source, sample};
use crate::i18n::fill;
use crate::i18n::problems::P;
use crate::i18n::shape_texts::SH;
use crate::i18n::workbook_texts::W;

/// What an import file holds.
pub(super) enum Input {
    Text(Decoded),
    /// A sheet's rows; the label says what was read ("Excel workbook" in the person's words).
    Rows(Vec<Vec<String>>, &'static str),
}

impl Input {
    pub fn source(&self) -> Source<'_> {
        match self {
            Input::Text(d) => Source::Csv(&d.text),
            Input::Rows(r, _) => Source::Rows(r),
        }
    }

    /// Large enough for a progress bar.
    pub fn large(&self) -> bool {
        match self {
            Input::Text(d) => d.text.len() >= super::bar::LARGE_FILE,
            Input::Rows(r, _) => r.len() >= 5_000,
        }
    }

    /// What the file was read as, for the summary: its encoding, or "Excel workbook".
    pub fn label(&self) -> &'static str {
        match self {
            Input::Text(d) => d.label(),
            Input::Rows(_, label) => label,
        }
    }

    /// The separator of a text file (a sheet has cells).
    pub fn delimiter(&self) -> Option<Delimiter> {
        match self {
            Input::Text(d) => Some(d.delimiter),
            Input::Rows(..) => None,
        }
    }

    /// The first few cells of `column` as read, for the preview.
    pub fn sample<C: Column>(&self, column: C) -> Vec<String> {
        sample(self.source(), column, SAMPLE)
    }
}

/// Read `path`: a workbook's sheet (`opts.sheet`, else the first), else text in its encoding
/// and separator. An old .xls is refused, naming it and saying what to do.
pub(super) fn read_input(path: &Path, opts: &ImportOptions) -> Result<Input, AppError> {
    let lang = opts.voice.lang;
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(fill(P::CannotReadFile.get(lang), &[&path.display(), &e])))?;
    match read_shape(bytes, opts.encoding) {
        Ok(Shape::Workbook(bytes)) => {
            let rows = read_workbook(&bytes, opts.sheet.as_deref()).map_err(|e| {
                AppError::BadInput(match e {
                    WorkbookProblem::Unreadable(why) => fill(W::Unreadable.get(lang), &[&path.display(), &why]),
                    WorkbookProblem::NoSheets => fill(W::NoSheets.get(lang), &[&path.display()]),
                    WorkbookProblem::UnknownSheet { name, sheets } => {
                        fill(W::UnknownSheet.get(lang), &[&path.display(), &name, &sheets.join(P::ListSep.get(lang))])
                    }
                })
            })?;
            Ok(Input::Rows(rows, W::Workbook.get(lang)))
        }
        Ok(Shape::Text { .. }) if opts.sheet.is_some() => {
            Err(AppError::BadInput(fill(W::NotTheSheet.get(lang), &[&path.display()])))
        }
        Ok(Shape::Text { text, encoding, delimiter }) => Ok(Input::Text(Decoded { text, encoding, delimiter })),
        Err(NotRead::OldWorkbook) => Err(AppError::BadInput(fill(SH::OldWorkbook.get(lang), &[&path.display()]))),
    }
}
