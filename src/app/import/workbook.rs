//! Excel workbooks (.xlsx) as import files: told from text by their first bytes (a zip),
//! read with calamine into rows of cells, which the domain's table checks as it checks a
//! CSV file's (`domain::import::Source::Rows`). Cells become the text a person would type:
//! date cells ISO dates, whole numbers without ".0" (a phone stored as a number keeps all
//! its digits), text as it is.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// Why a workbook gives no rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookProblem {
    /// The zip or the sheet's XML is broken (calamine's message).
    Unreadable(String),
    /// The workbook has no sheet.
    NoSheets,
    /// No sheet of that name; the sheets it has.
    UnknownSheet { name: String, sheets: Vec<String> },
}

/// Whether `bytes` are a workbook: an .xlsx is a zip, which starts with `PK\3\4` (no text
/// file an import reads does).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The rows of a workbook's sheet (`sheet`, else the first): `rows[i]` is the sheet's row
/// `i + 1`, `rows[i][j]` its column `j + 1`.
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Vec<String>>, WorkbookProblem> {
    let unreadable = |e: calamine::XlsxError| WorkbookProblem::Unreadable(e.to_string());
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let sheets = book.sheet_names();
    let name = match sheet {
        None => sheets.first().cloned().ok_or(WorkbookProblem::NoSheets)?,
        Some(wanted) => sheets
            .iter()
            .find(|s| *s == wanted)
            .or_else(|| sheets.iter().find(|s| s.trim().to_lowercase() == wanted.trim().to_lowercase()))
            .cloned()
            .ok_or_else(|| WorkbookProblem::UnknownSheet { name: wanted.to_string(), sheets: sheets.clone() })?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    // The range starts at its first used cell: rows and columns before it are blank.
    let (top, left) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top];
    rows.reserve(range.height());
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(cell_text));
        // Trailing empty cells are no cells (as a CSV row ends where its text does).
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// A cell as text: what a person reading the sheet sees, in the forms the import reads.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            // A time of day alone (a contact's time): no day before it.
            Some(t) if d.is_datetime() && (0.0..1.0).contains(&d.as_f64()) => time_text(t.time()),
            Some(t) if d.is_datetime() && t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) if d.is_datetime() => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            _ => number_text(d.as_f64()),
        },
        Data::Error(e) => e.to_string(),
    }
}

/// A time of day as people write it: `09:30`, with seconds only when there are some.
fn time_text(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    if t.second() == 0 { t.format("%H:%M").to_string() } else { t.format("%H:%M:%S").to_string() }
}

/// A number as text: whole numbers without a fraction or an exponent (13800138000, not
/// 1.38e10 or 13800138000.0); others in the shortest form that reads back the same.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 { format!("{f:.0}") } else { f.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_typed_them() {
        assert_eq!(number_text(13_800_138_000.0), "13800138000");
        assert_eq!(number_text(-5.0), "-5");
        assert_eq!(number_text(0.25), "0.25");
        assert_eq!(cell_text(&Data::Int(123)), "123");
    }

    #[test]
    fn a_time_alone_has_no_day_and_a_midnight_date_no_time() {
        let t = |h, m| time_text(chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!((t(9, 30), t(0, 0)), ("09:30".to_string(), "00:00".to_string()));
    }

    #[test]
    fn text_is_no_workbook_and_a_broken_zip_is_unreadable() {
        assert!(!is_workbook(b"name,ref\n"));
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(matches!(read_workbook(b"PK\x03\x04broken", None), Err(WorkbookProblem::Unreadable(_))));
    }
}
