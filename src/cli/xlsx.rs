//! One Excel sheet written row by row (rust_xlsxwriter in constant-memory mode: each row goes
//! to disk as it is written, so a sheet of 100,000 customers takes no more memory than one
//! row): a bold, frozen header, then each cell as its column's kind says — text stays text
//! (`00123`, `+8613800138000`, an `=…` name: never a number or a formula), dates and
//! timestamps become real date cells, numbers numbers. Column widths fit the longest cell,
//! Chinese characters counted as two. What goes in which column is each export's business
//! (`export_xlsx`), not this file's.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::textwidth;

/// What a column holds, and so how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text as it is (refs, phones, ids, uuids: digits that must not become numbers).
    Text,
    /// `YYYY-MM-DD`, written as a date cell.
    Date,
    /// RFC 3339 or `YYYY-MM-DD HH:MM[:SS]`, written as a date-and-time cell (the wall time
    /// it names: a spreadsheet cell has no time zone).
    DateTime,
    /// A number, written as one.
    Number,
}

/// The widest a column is made, in characters (longer text wraps in the cell when opened).
const MAX_WIDTH: usize = 60;

/// A sheet being written.
pub struct Sheet {
    book: Workbook,
    sheet: Worksheet,
    kinds: Vec<Kind>,
    /// The widest cell of each column so far, in terminal cells (CJK as two).
    widths: Vec<usize>,
    row: u32,
    text: Format,
    date: Format,
    datetime: Format,
}

impl Sheet {
    /// A workbook of one sheet named `name`, its header row `columns` (bold, frozen).
    pub fn new(name: &str, columns: &[(&str, Kind)]) -> Result<Self, XlsxError> {
        let mut book = Workbook::new();
        let mut sheet = book.new_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        sheet.set_freeze_panes(1, 0)?;
        let bold = Format::new().set_bold();
        let text = Format::new().set_num_format("@");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
        let mut widths = Vec::with_capacity(columns.len());
        for (col, (title, kind)) in (0u16..).zip(columns) {
            sheet.write_string_with_format(0, col, *title, &bold)?;
            let least = match kind {
                Kind::Date => 10,
                Kind::DateTime => 19,
                Kind::Text | Kind::Number => 0,
            };
            widths.push(textwidth::width(title).max(least));
        }
        let kinds = columns.iter().map(|(_, k)| *k).collect();
        Ok(Self { book, sheet, kinds, widths, row: 1, text, date, datetime })
    }

    /// The next row: one cell of text per column, in the columns' order ("" leaves the cell
    /// empty). A date or number that does not read as one is written as text.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), XlsxError> {
        let row = self.row;
        for (col, cell) in (0u16..).zip(cells) {
            let cell = cell.as_ref();
            let i = usize::from(col);
            if cell.is_empty() || i >= self.kinds.len() {
                continue;
            }
            let written = match self.kinds[i] {
                Kind::Text => false,
                Kind::Date => match NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
                    Ok(d) => self.sheet.write_datetime_with_format(row, col, d, &self.date).map(|_| true)?,
                    Err(_) => false,
                },
                Kind::DateTime => match date_time(cell) {
                    Some(t) => self.sheet.write_datetime_with_format(row, col, t, &self.datetime).map(|_| true)?,
                    None => false,
                },
                Kind::Number => match cell.parse::<f64>() {
                    Ok(n) if n.is_finite() => self.sheet.write_number(row, col, n).map(|_| true)?,
                    _ => false,
                },
            };
            if !written {
                self.sheet.write_string_with_format(row, col, cell, &self.text)?;
                // Measured only when it could be the widest: a cell takes at most as many
                // terminal cells as it has bytes.
                if cell.len() > self.widths[i] {
                    self.widths[i] = self.widths[i].max(textwidth::width(cell));
                }
            } else if self.kinds[i] == Kind::Number {
                self.widths[i] = self.widths[i].max(cell.len());
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The finished workbook, as the bytes of an .xlsx file.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        for (col, w) in (0u16..).zip(&self.widths) {
            // A little room beside the text, as a spreadsheet's own "fit" leaves.
            let w = (*w).clamp(4, MAX_WIDTH) + 2;
            self.sheet.set_column_width(col, w as f64)?;
        }
        self.book.push_worksheet(self.sheet);
        self.book.save_to_buffer()
    }
}

/// A timestamp as the book writes it (RFC 3339: its wall time) or as people type one.
fn date_time(text: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text).map(|t| t.naive_local()).ok().or_else(|| {
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"].iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_their_wall_time() {
        let t = date_time("2026-11-23T09:15:02+08:00").unwrap();
        assert_eq!(t.to_string(), "2026-11-23 09:15:02");
        assert_eq!(date_time("2026-11-23 09:15").unwrap().to_string(), "2026-11-23 09:15:00");
        assert_eq!(date_time("yesterday"), None);
    }

    #[test]
    fn a_sheet_is_a_zip() {
        let mut s = Sheet::new("customers", &[("ref", Kind::Text), ("created", Kind::Date)]).unwrap();
        s.row(["00123", "2026-11-23"]).unwrap();
        s.row(["客户", "not a date"]).unwrap();
        let out = s.finish().unwrap();
        assert!(out.starts_with(b"PK\x03\x04"));
    }
}
