//! A file read as a table: the header row mapped onto known columns (English or Chinese
//! names, any order, case and spacing ignored), then the rows one by one with the line of
//! the file where each starts. Blank rows (no cell holds anything) are passed over. The rows
//! come from CSV text or, already split into cells, from a workbook's sheet (`Source`): the
//! same checks, previews and all-or-nothing rule apply to both.

use csv::StringRecord;

use super::sniff::{self, Delimiter};

/// A column an import knows, with the header names that mean it.
pub trait Column: Copy + Eq + 'static {
    /// Every column, in the order a report lists them.
    const ALL: &'static [Self];
    /// The header names that mean this column; the first is its English name.
    fn names(self) -> &'static [&'static str];
    /// A file without this column is refused.
    fn required(self) -> bool {
        false
    }
    /// Its cells may hold several lines (and tabs), as notes do.
    fn multiline(self) -> bool {
        false
    }
    fn name(self) -> &'static str {
        self.names()[0]
    }
    /// Every column's header names, for messages: `ref/编号/客户编号, name/名称/客户名称, ...`.
    fn known_names() -> String {
        Self::ALL.iter().map(|c| c.names().join("/")).collect::<Vec<_>>().join(", ")
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No header row: the file is empty or blank.
    NoHeader,
    /// A required column is missing; `names` are the header names that would do; `found` is
    /// the header row as read, split at `delimiter` (None: a sheet's cells).
    MissingColumn {
        column: &'static str,
        names: &'static [&'static str],
        found: Vec<String>,
        delimiter: Option<Delimiter>,
    },
    /// Two columns of the file mean the same thing (1-based column numbers).
    RepeatedColumn { column: &'static str, first: usize, second: usize },
    /// The CSV itself is broken (the csv reader's message, with its line).
    Csv(String),
    /// A quoted cell opened on this line never closes.
    UnclosedQuote { line: u64 },
    /// Text follows a closing quote on this line (`"x"y`).
    TextAfterQuote { line: u64 },
}

/// A header name as compared: trimmed, lower case, without spaces, `_` and `-`.
fn normalise(h: &str) -> String {
    h.trim().chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{3000}')).flat_map(char::to_lowercase).collect()
}

/// Where a table's rows come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'t> {
    /// CSV text (a BOM, if any, is skipped).
    Csv(&'t str),
    /// Rows already split into cells, as a workbook's sheet holds them: `rows[i]` is row
    /// `i + 1` of the sheet (the number a bad row is named by).
    Rows(&'t [Vec<String>]),
}

impl<'t> From<&'t str> for Source<'t> {
    fn from(text: &'t str) -> Self {
        Source::Csv(text)
    }
}

impl<'t> From<&'t String> for Source<'t> {
    fn from(text: &'t String) -> Self {
        Source::Csv(text)
    }
}

impl<'t> From<&'t [Vec<String>]> for Source<'t> {
    fn from(rows: &'t [Vec<String>]) -> Self {
        Source::Rows(rows)
    }
}

impl<'t> From<&'t Vec<Vec<String>>> for Source<'t> {
    fn from(rows: &'t Vec<Vec<String>>) -> Self {
        Source::Rows(rows)
    }
}

impl Source<'_> {
    /// How much there is to read, in the unit `Table::offset` counts: bytes of text, or rows.
    pub fn size(&self) -> u64 {
        match self {
            Source::Csv(text) => text.len() as u64,
            Source::Rows(rows) => rows.len() as u64,
        }
    }

    /// How many rows it can hold at most (lines, for CSV text): what to make room for.
    pub fn rows_at_most(&self) -> usize {
        match self {
            Source::Csv(text) => text.bytes().filter(|&b| b == b'\n').count() + 1,
            Source::Rows(rows) => rows.len(),
        }
    }
}

fn blank<'c>(mut cells: impl Iterator<Item = &'c str>) -> bool {
    cells.all(|c| c.trim().is_empty())
}

/// The file's header row, mapped.
pub(super) struct Header<C> {
    /// The header text of each column of the file, as written (trimmed).
    names: Vec<String>,
    /// Known columns and where they are in the file (0-based).
    known: Vec<(C, usize)>,
}

impl<C: Column> Header<C> {
    fn map(row: &StringRecord, delimiter: Option<Delimiter>) -> Result<(Self, Vec<String>), FileProblem> {
        let names: Vec<String> = row.iter().map(|h| h.trim().to_string()).collect();
        if names.iter().all(String::is_empty) {
            return Err(FileProblem::NoHeader);
        }
        let mut known: Vec<(C, usize)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let n = normalise(name);
            match C::ALL.iter().find(|c| c.names().iter().any(|alias| normalise(alias) == n)) {
                Some(c) => {
                    if let Some((_, first)) = known.iter().find(|(k, _)| k == c) {
                        return Err(FileProblem::RepeatedColumn { column: c.name(), first: first + 1, second: i + 1 });
                    }
                    known.push((*c, i));
                }
                // A nameless column with nothing in it is a spreadsheet's stray edge, not news.
                None if n.is_empty() => {}
                None => unknown.push(name.clone()),
            }
        }
        if let Some(c) = C::ALL.iter().find(|c| c.required() && !known.iter().any(|(k, _)| k == *c)) {
            return Err(FileProblem::MissingColumn { column: c.name(), names: c.names(), found: names, delimiter });
        }
        Ok((Self { names, known }, unknown))
    }

    /// The header text of a known column, as the file writes it.
    pub fn title(&self, c: C) -> Option<String> {
        self.index(c).map(|i| self.names[i].clone())
    }

    fn index(&self, c: C) -> Option<usize> {
        self.known.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
}

/// A file being read row by row.
pub(super) struct Table<'t, C> {
    reader: Reader<'t>,
    pub header: Header<C>,
    /// The header cells no known column matched, as written.
    pub unknown: Vec<String>,
    record: StringRecord,
    rows: u64,
}

/// What reads the rows of a table.
enum Reader<'t> {
    Csv {
        text: &'t [u8],
        reader: csv::Reader<&'t [u8]>,
        /// A byte offset already counted, and the line it is on (1-based).
        counted: (usize, u64),
    },
    /// The next row to read is `rows[next]`.
    Rows { rows: &'t [Vec<String>], next: usize },
}

/// One row: where it starts and its cells.
pub(super) struct Row<'a, C> {
    pub line: u64,
    header: &'a Header<C>,
    record: &'a StringRecord,
}

impl<'a, C: Column> Row<'a, C> {
    /// The cell of a known column (None when the file has no such column; "" when the row
    /// is short), with a spreadsheet-safe export's protection taken off (`formula`).
    pub fn cell(&self, c: C) -> Option<&'a str> {
        self.header.index(c).map(|i| super::formula::unprotect(self.record.get(i).unwrap_or("")))
    }

    pub fn title(&self, c: C) -> Option<String> {
        self.header.title(c)
    }

    /// Cells past the header's last column that hold something, and how many cells there are.
    pub fn extra_cells(&self) -> Option<usize> {
        let n = self.header.names.len();
        self.record.iter().skip(n).any(|c| !c.trim().is_empty()).then_some(self.record.len())
    }

    pub fn columns(&self) -> usize {
        self.header.names.len()
    }

    /// The known columns whose cell could not be decoded.
    pub fn unreadable(&self) -> Vec<C> {
        C::ALL.iter().copied().filter(|c| self.cell(*c).is_some_and(super::unreadable)).collect()
    }

    /// The known columns whose cell holds a control character, with the first one.
    pub fn controls(&self) -> Vec<(C, char)> {
        C::ALL.iter().filter_map(|c| Some((*c, super::control_character(self.cell(*c)?, c.multiline())?))).collect()
    }
}

impl<'t, C: Column> Table<'t, C> {
    /// Read a table: CSV text (its cells separated by the delimiter `sniff::delimiter` finds)
    /// or a sheet's rows of cells.
    pub fn read(source: impl Into<Source<'t>>) -> Result<Self, FileProblem> {
        match source.into() {
            Source::Csv(text) => Self::read_csv(text),
            Source::Rows(rows) => Self::read_rows(rows),
        }
    }

    fn read_csv(text: &'t str) -> Result<Self, FileProblem> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let delimiter = sniff::delimiter(text);
        super::quotes::check_quotes_with(text, delimiter.byte())?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter.byte())
            .from_reader(text.as_bytes());
        let mut record = StringRecord::new();
        // The header is the first row that holds anything.
        loop {
            match reader.read_record(&mut record) {
                Ok(true) if blank(record.iter()) => continue,
                Ok(true) => break,
                Ok(false) => return Err(FileProblem::NoHeader),
                Err(e) => return Err(FileProblem::Csv(e.to_string())),
            }
        }
        let (header, unknown) = Header::map(&record, Some(delimiter))?;
        let reader = Reader::Csv { text: text.as_bytes(), reader, counted: (0, 1) };
        Ok(Self { reader, header, unknown, record, rows: 0 })
    }

    fn read_rows(rows: &'t [Vec<String>]) -> Result<Self, FileProblem> {
        // The header is the first row that holds anything.
        let at = rows.iter().position(|r| !blank(r.iter().map(String::as_str))).ok_or(FileProblem::NoHeader)?;
        let record: StringRecord = rows[at].iter().collect();
        let (header, unknown) = Header::map(&record, None)?;
        Ok(Self { reader: Reader::Rows { rows, next: at + 1 }, header, unknown, record, rows: 0 })
    }

    /// The next row that holds anything, or None at the end.
    pub fn next_row(&mut self) -> Result<Option<Row<'_, C>>, FileProblem> {
        let line = match &mut self.reader {
            Reader::Csv { reader, .. } => {
                loop {
                    match reader.read_record(&mut self.record) {
                        Ok(true) if blank(self.record.iter()) => continue,
                        Ok(true) => break,
                        Ok(false) => return Ok(None),
                        Err(e) => return Err(FileProblem::Csv(e.to_string())),
                    }
                }
                let at = self.record.position().map(|p| p.byte()).unwrap_or(0);
                self.line_at(at)
            }
            Reader::Rows { rows, next } => {
                let Some(skip) =
                    rows[(*next).min(rows.len())..].iter().position(|r| !blank(r.iter().map(String::as_str)))
                else {
                    *next = rows.len();
                    return Ok(None);
                };
                let at = *next + skip;
                *next = at + 1;
                self.record.clear();
                for cell in &rows[at] {
                    self.record.push_field(cell);
                }
                at as u64 + 1
            }
        };
        self.rows += 1;
        Ok(Some(Row { line, header: &self.header, record: &self.record }))
    }

    /// The line a record starting at byte `at` is on. The csv reader places a record after a
    /// CRLF at its `\n`, and after blank lines at the first of them: skip those, then count
    /// the line breaks since the last record (the whole text is counted once).
    fn line_at(&mut self, at: u64) -> u64 {
        let Reader::Csv { text, counted, .. } = &mut self.reader else {
            return 0;
        };
        let mut start = usize::try_from(at).unwrap_or(usize::MAX).min(text.len());
        while start < text.len() && matches!(text[start], b'\r' | b'\n') {
            start += 1;
        }
        let (from, line) = *counted;
        if start >= from {
            let breaks = text[from..start].iter().filter(|b| **b == b'\n').count() as u64;
            *counted = (start, line + breaks);
        }
        counted.1
    }

    /// How far into the source the reader is: bytes of text, or rows of a sheet.
    pub fn offset(&self) -> u64 {
        match &self.reader {
            Reader::Csv { reader, .. } => reader.position().byte(),
            Reader::Rows { next, .. } => *next as u64,
        }
    }

    /// Rows read so far (blank ones not counted).
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

/// The rows of a table for a reader that checks each as it comes (contacts, follow-ups): the
/// table's own counts, and a broken table read as one bad row, after which the rows end.
pub struct CheckedRows<'t, C: Column> {
    table: Table<'t, C>,
    broken: bool,
}

impl<'t, C: Column> CheckedRows<'t, C> {
    /// The rows of `source`: CSV text or a sheet's rows.
    pub fn read(source: impl Into<Source<'t>>) -> Result<Self, FileProblem> {
        Ok(Self { table: Table::read(source)?, broken: false })
    }

    /// The header cells no known column matched.
    pub fn unknown_columns(&self) -> &[String] {
        &self.table.unknown
    }

    /// How far into the source the rows read so far go (`Source::size` is the whole).
    pub fn offset(&self) -> u64 {
        self.table.offset()
    }

    pub fn rows(&self) -> u64 {
        self.table.rows()
    }

    /// The next row that holds anything, checked by `check`; None at the end.
    pub fn next_checked<T>(
        &mut self,
        check: impl FnOnce(&Row<'_, C>) -> Result<T, Vec<super::BadRow>>,
    ) -> Option<Result<T, Vec<super::BadRow>>> {
        if self.broken {
            return None;
        }
        match self.table.next_row() {
            Ok(None) => None,
            Ok(Some(row)) => Some(check(&row)),
            Err(e) => {
                self.broken = true;
                Some(Err(vec![super::BadRow { line: 0, column: None, problem: super::Problem::Broken(e) }]))
            }
        }
    }
}

/// The first `n` cells (trimmed, not empty) of `column` in `text`, as decoded: for a preview
/// that shows whether the text was read in the right encoding. Empty when the file does not
/// read.
pub fn sample<'t, C: Column>(source: impl Into<Source<'t>>, column: C, n: usize) -> Vec<String> {
    let Ok(mut table) = Table::<C>::read(source) else { return Vec::new() };
    let mut out = Vec::new();
    while out.len() < n {
        match table.next_row() {
            Ok(Some(row)) => {
                if let Some(cell) = row.cell(column).map(str::trim).filter(|c| !c.is_empty()) {
                    out.push(cell.to_string());
                }
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        Name,
        Note,
    }

    impl Column for Col {
        const ALL: &'static [Self] = &[Col::Name, Col::Note];
        fn names(self) -> &'static [&'static str] {
            match self {
                Col::Name => &["name", "名称"],
                Col::Note => &["follow_up", "备注"],
            }
        }
        fn required(self) -> bool {
            self == Col::Name
        }
    }

    #[test]
    fn headers_match_in_any_case_and_spacing_and_unknown_ones_are_kept() {
        let mut t = Table::<Col>::read("\u{FEFF}\nExtra, Follow Up ,NAME\n1,2,3\n").unwrap();
        assert_eq!(t.unknown, vec!["Extra".to_string()]);
        let row = t.next_row().unwrap().unwrap();
        assert_eq!((row.line, row.cell(Col::Name), row.cell(Col::Note)), (3, Some("3"), Some("2")));
        assert_eq!(row.title(Col::Note).as_deref(), Some("Follow Up"));
    }

    #[test]
    fn lines_are_where_rows_start_across_quoted_line_breaks_and_blank_rows() {
        let text = "名称,备注\r\n\"a\r\nb\",x\r\n\r\n,\r\nc,\"1,2\"\r\n\r\n\r\n";
        let mut t = Table::<Col>::read(text).unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.line, r.cell(Col::Name)), (2, Some("a\r\nb")));
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.line, r.cell(Col::Note)), (6, Some("1,2")));
        assert!(t.next_row().unwrap().is_none());
        assert_eq!(t.rows(), 2);
    }

    #[test]
    fn file_problems() {
        assert_eq!(Table::<Col>::read("\n\n").err(), Some(FileProblem::NoHeader));
        assert!(matches!(Table::<Col>::read("备注\n").err(), Some(FileProblem::MissingColumn { column: "name", .. })));
        assert_eq!(
            Table::<Col>::read("name,x,名称\n").err(),
            Some(FileProblem::RepeatedColumn { column: "name", first: 1, second: 3 })
        );
    }

    #[test]
    fn rows_of_a_sheet_are_read_as_csv_text_is_and_named_by_their_row_number() {
        let sheet: Vec<Vec<String>> =
            [vec![], vec!["", " "], vec!["备注", "name"], vec!["x", "A"], vec![], vec!["", "B", "z"]]
                .into_iter()
                .map(|r| r.into_iter().map(String::from).collect())
                .collect();
        let mut t = Table::<Col>::read(&sheet).unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.line, r.cell(Col::Name), r.cell(Col::Note)), (4, Some("A"), Some("x")));
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.line, r.cell(Col::Name), r.extra_cells()), (6, Some("B"), Some(3)));
        assert!(t.next_row().unwrap().is_none());
        assert_eq!((t.rows(), t.offset()), (2, 6));
        let empty: Vec<Vec<String>> = vec![vec![String::new()]];
        assert_eq!(Table::<Col>::read(&empty).err(), Some(FileProblem::NoHeader));
        let no_name: Vec<Vec<String>> = vec![vec!["备注".into()]];
        assert!(matches!(Table::<Col>::read(&no_name).err(), Some(FileProblem::MissingColumn { .. })));
    }

    #[test]
    fn short_rows_read_as_empty_cells_and_long_ones_are_noticed() {
        let mut t = Table::<Col>::read("name,follow_up\nA\nB,x,y\n").unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.cell(Col::Note), r.extra_cells()), (Some(""), None));
        let r = t.next_row().unwrap().unwrap();
        assert_eq!(r.extra_cells(), Some(3));
    }
}
