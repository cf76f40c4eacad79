//! A CSV text read as a table: the header row mapped onto known columns (English or Chinese
//! names, any order, case and spacing ignored), then the rows one by one with the line of
//! the file where each starts. Blank rows (no cell holds anything) are passed over.

use csv::StringRecord;

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
    /// A required column is missing; `names` are the header names that would do.
    MissingColumn { column: &'static str, names: &'static [&'static str] },
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

/// The file's header row, mapped.
pub(super) struct Header<C> {
    /// The header text of each column of the file, as written (trimmed).
    names: Vec<String>,
    /// Known columns and where they are in the file (0-based).
    known: Vec<(C, usize)>,
}

impl<C: Column> Header<C> {
    fn map(row: &StringRecord) -> Result<(Self, Vec<String>), FileProblem> {
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
            return Err(FileProblem::MissingColumn { column: c.name(), names: c.names() });
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

/// A CSV text being read row by row.
pub(super) struct Table<'t, C> {
    text: &'t [u8],
    reader: csv::Reader<&'t [u8]>,
    /// A byte offset already counted, and the line it is on (1-based).
    counted: (usize, u64),
    pub header: Header<C>,
    /// The header cells no known column matched, as written.
    pub unknown: Vec<String>,
    record: StringRecord,
    rows: u64,
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
    pub fn read(text: &'t str) -> Result<Self, FileProblem> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        super::check_quotes(text)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut record = StringRecord::new();
        // The header is the first row that holds anything.
        loop {
            match reader.read_record(&mut record) {
                Ok(true) if record.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(true) => break,
                Ok(false) => return Err(FileProblem::NoHeader),
                Err(e) => return Err(FileProblem::Csv(e.to_string())),
            }
        }
        let (header, unknown) = Header::map(&record)?;
        Ok(Self { text: text.as_bytes(), reader, counted: (0, 1), header, unknown, record, rows: 0 })
    }

    /// The next row that holds anything, or None at the end.
    pub fn next_row(&mut self) -> Result<Option<Row<'_, C>>, FileProblem> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(true) if self.record.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(true) => break,
                Ok(false) => return Ok(None),
                Err(e) => return Err(FileProblem::Csv(e.to_string())),
            }
        }
        self.rows += 1;
        let line = self.line_at(self.record.position().map(|p| p.byte()).unwrap_or(0));
        Ok(Some(Row { line, header: &self.header, record: &self.record }))
    }

    /// The line a record starting at byte `at` is on. The csv reader places a record after a
    /// CRLF at its `\n`, and after blank lines at the first of them: skip those, then count
    /// the line breaks since the last record (the whole text is counted once).
    fn line_at(&mut self, at: u64) -> u64 {
        let mut start = usize::try_from(at).unwrap_or(usize::MAX).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        let (from, line) = self.counted;
        if start >= from {
            let breaks = self.text[from..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.counted = (start, line + breaks);
        }
        self.counted.1
    }

    /// How far into the text the reader is, in bytes.
    pub fn offset(&self) -> u64 {
        self.reader.position().byte()
    }

    /// Rows read so far (blank ones not counted).
    pub fn rows(&self) -> u64 {
        self.rows
    }
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
    fn short_rows_read_as_empty_cells_and_long_ones_are_noticed() {
        let mut t = Table::<Col>::read("name,follow_up\nA\nB,x,y\n").unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!((r.cell(Col::Note), r.extra_cells()), (Some(""), None));
        let r = t.next_row().unwrap().unwrap();
        assert_eq!(r.extra_cells(), Some(3));
    }
}
