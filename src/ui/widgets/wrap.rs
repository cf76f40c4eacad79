//! Soft wrapping for a text box of several rows (the contact form's summary): each line of
//! the text is cut into rows of at most `width` cells, on character boundaries (CJK
//! characters take two cells), so a long sentence goes down the box instead of scrolling
//! sideways on one row.

/// One row as shown: where it starts in the text (a char index) and its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedRow {
    pub start: usize,
    pub text: String,
}

impl WrappedRow {
    fn len(&self) -> usize {
        self.text.chars().count()
    }
}

/// The rows of `text` in a box `width` cells wide (at least one row, at least one cell).
pub fn wrap(text: &str, width: usize) -> Vec<WrappedRow> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let mut row = WrappedRow { start, text: String::new() };
        let mut cells = 0;
        for c in line.chars() {
            let w = crate::textwidth::width(c.encode_utf8(&mut [0; 4]));
            if cells + w > width && !row.text.is_empty() {
                let next = row.start + row.len();
                rows.push(std::mem::replace(&mut row, WrappedRow { start: next, text: String::new() }));
                cells = 0;
            }
            row.text.push(c);
            cells += w;
        }
        start = row.start + row.len() + 1; // past the line break
        rows.push(row);
    }
    rows
}

/// The row the cursor (a char index into the text) is on, and its char index within that
/// row. At the seam of two rows of one line, the cursor is at the start of the second.
pub fn cursor_at(rows: &[WrappedRow], cursor: usize) -> (usize, usize) {
    for (i, r) in rows.iter().enumerate() {
        let end = r.start + r.len();
        let continues = rows.get(i + 1).is_some_and(|next| next.start == end);
        if cursor >= r.start && (cursor < end || (cursor == end && !continues)) {
            return (i, cursor - r.start);
        }
    }
    let last = rows.len().saturating_sub(1);
    (last, rows.get(last).map_or(0, WrappedRow::len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[WrappedRow]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn long_lines_wrap_by_cells_and_line_breaks_start_rows() {
        let rows = wrap("abcdefgh\nij", 3);
        assert_eq!(texts(&rows), ["abc", "def", "gh", "ij"]);
        assert_eq!(rows.iter().map(|r| r.start).collect::<Vec<_>>(), [0, 3, 6, 9]);
        // two cells per CJK character: a 5-cell box holds two
        assert_eq!(texts(&wrap("客户问债券基金", 5)), ["客户", "问债", "券基", "金"]);
        assert_eq!(texts(&wrap("", 5)), [""]);
        assert_eq!(texts(&wrap("a\n\nb", 5)), ["a", "", "b"]);
    }

    #[test]
    fn the_cursor_finds_its_row() {
        let rows = wrap("abcdefgh\nij", 3);
        assert_eq!(cursor_at(&rows, 0), (0, 0));
        assert_eq!(cursor_at(&rows, 3), (1, 0), "at a seam: the next row");
        assert_eq!(cursor_at(&rows, 8), (2, 2), "the end of a line stays on its row");
        assert_eq!(cursor_at(&rows, 9), (3, 0));
        assert_eq!(cursor_at(&rows, 11), (3, 2));
        assert_eq!(cursor_at(&rows, 99), (3, 2));
    }
}
