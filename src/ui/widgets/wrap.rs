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

/// `text` as rows of at most `width` cells for reading (not editing): English breaks between
/// words, Chinese between any two characters, a word longer than a row is cut; a line
/// break starts a row. Runs of spaces inside a line are kept (the brief's columns), and
/// the spaces where a row breaks are dropped.
pub fn word_rows(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let cells = |s: &str| crate::textwidth::width(s);
    let mut rows = Vec::new();
    for line in text.split('\n') {
        let (mut row, mut used) = (String::new(), 0);
        for (i, token) in line.split(' ').enumerate() {
            if token.is_empty() {
                if i > 0 && !row.is_empty() && used < width {
                    row.push(' ');
                    used += 1;
                }
                continue;
            }
            for (j, piece) in pieces(token).into_iter().enumerate() {
                let sep = usize::from(j == 0 && i > 0 && !row.is_empty());
                let w = cells(piece);
                if used + sep + w <= width {
                    if sep == 1 {
                        row.push(' ');
                    }
                    row.push_str(piece);
                    used += sep + w;
                    continue;
                }
                if w <= width {
                    rows.push(std::mem::take(&mut row).trim_end().to_string());
                    row.push_str(piece);
                    used = w;
                    continue;
                }
                // Longer than a row: cut it, starting on this row.
                if sep == 1 && used + 1 < width {
                    row.push(' ');
                    used += 1;
                }
                for c in piece.chars() {
                    let cw = cells(c.encode_utf8(&mut [0; 4]));
                    if used + cw > width && !row.is_empty() {
                        rows.push(std::mem::take(&mut row).trim_end().to_string());
                        used = 0;
                    }
                    row.push(c);
                    used += cw;
                }
            }
        }
        rows.push(row.trim_end().to_string());
    }
    rows
}

/// A space-free token in the pieces a row may break between: runs of narrow characters (a
/// word, a date) and each wide (CJK) character on its own.
fn pieces(token: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in token.char_indices() {
        if crate::textwidth::width(c.encode_utf8(&mut [0; 4])) >= 2 {
            if start < i {
                out.push(&token[start..i]);
            }
            out.push(&token[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < token.len() {
        out.push(&token[start..]);
    }
    out
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
    fn reading_rows_break_between_words_and_between_chinese_characters() {
        assert_eq!(word_rows("suits a C3 investor", 10), ["suits a C3", "investor"]);
        assert_eq!(word_rows("get the signature on the spot", 12), ["get the", "signature on", "the spot"]);
        // Chinese flows on from the row it starts on.
        assert_eq!(word_rows("Note: 客户问债券基金", 10), ["Note: 客户", "问债券基金"]);
        assert_eq!(word_rows("abcdefgh", 3), ["abc", "def", "gh"]);
        // A run of spaces is kept inside a row, dropped where the row breaks.
        assert_eq!(word_rows("2026-11-23  visit  note", 20), ["2026-11-23  visit", "note"]);
        assert_eq!(word_rows("a\nb", 5), ["a", "b"]);
        assert_eq!(word_rows("", 5), [""]);
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
