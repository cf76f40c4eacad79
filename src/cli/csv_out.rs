//! The one CSV writer for everything tierdesk writes as CSV (exports and every `--format
//! csv`): UTF-8 with a BOM (so Excel and WPS open Chinese text intact), CRLF line ends, and
//! every cell spreadsheet-safe (`domain::import::formula`: a cell that would start a
//! formula gets a leading apostrophe, which every import takes off again). Nothing else in
//! the command line builds a `csv::Writer`.

use std::io::Write;

use crate::domain::import::formula;

/// The byte order mark a CSV for spreadsheets starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A spreadsheet-safe CSV being written into `W`.
pub struct CsvOut<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    /// Start the file: the BOM is written at once.
    pub fn new(mut to: W) -> std::io::Result<Self> {
        to.write_all(BOM)?;
        Ok(Self { inner: csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(to) })
    }

    /// One row, each cell protected.
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.inner.write_field(formula::protect(cell.as_ref()).as_bytes())?;
        }
        self.inner.write_record(None::<&[u8]>)
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// The writer underneath, everything flushed into it.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

/// A whole CSV text with a header row, for printing.
pub fn text<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> Result<String, super::CliError> {
    let failed = |e: &dyn std::fmt::Display| super::CliError::Failed(e.to_string());
    let mut w = CsvOut::new(Vec::new()).map_err(|e| failed(&e))?;
    w.row(header).map_err(|e| failed(&e))?;
    for row in rows {
        w.row(row).map_err(|e| failed(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| failed(&e))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_protected_cells() {
        let rows = vec![vec!["=1+1", "-12.5", "a,b"], vec!["'x", "+86", "招商"]];
        let out = text(&["name", "n", "note"], &rows).unwrap();
        assert_eq!(out, "\u{FEFF}name,n,note\r\n'=1+1,-12.5,\"a,b\"\r\n''x,'+86,招商\r\n");
    }
}
