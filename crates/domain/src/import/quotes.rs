//! Quotes checked before a CSV text is read. The csv reader is lenient where a spreadsheet
//! file is simply broken: an unclosed quote swallows every later row into one cell, and text
//! after a closing quote (`"x"y`) is silently joined to the cell. Both are refused here,
//! naming the line, so an import never stores a file other than the one the user sees.
//!
//! The scan follows the reader's own rules: a quote opens a quoted cell only as the first
//! character of a cell (elsewhere it is text), `""` inside a quoted cell is one quote, and a
//! cell ends at `,` or a line break (`\n`, `\r`, `\r\n`).

use super::table::FileProblem;

#[derive(Clone, Copy)]
enum State {
    /// At the start of a cell.
    CellStart,
    /// Inside a cell that did not start with a quote.
    Unquoted,
    /// Inside a quoted cell opened on line `from`.
    Quoted { from: u64 },
    /// Just after a quote inside a quoted cell: its end, or the first of `""`.
    AfterQuote { from: u64 },
}

/// Ok when every quoted cell of `text` (decoded, without BOM) closes and ends at its quote.
pub fn check_quotes(text: &str) -> Result<(), FileProblem> {
    check_quotes_with(text, b',')
}

/// `check_quotes` for cells separated by `sep` (`,` `;` or tab).
pub fn check_quotes_with(text: &str, sep: u8) -> Result<(), FileProblem> {
    let mut line = 1u64;
    let mut state = State::CellStart;
    for &b in text.as_bytes() {
        state = match (state, b) {
            (State::Quoted { from }, b'"') => State::AfterQuote { from },
            (State::Quoted { .. }, _) => state,
            (State::AfterQuote { from }, b'"') => State::Quoted { from },
            (State::CellStart, b'"') => State::Quoted { from: line },
            (_, b'\n' | b'\r') => State::CellStart,
            (_, b) if b == sep => State::CellStart,
            (State::AfterQuote { .. }, _) => return Err(FileProblem::TextAfterQuote { line }),
            (_, _) => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    match state {
        State::Quoted { from } => Err(FileProblem::UnclosedQuote { line: from }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_files_pass() {
        for text in [
            "",
            "name,notes\nA,x\n",
            "name,notes\r\n\"甲 \"\"A\"\"\",\"说\"\"好\"\"的\r\n第二行\"\r\n乙,\"\"\r\n",
            "a,b\"c,d\"\n",
            "\"a\",\"b\"",
            "\"a\"\r\"b\"\r",
        ] {
            assert_eq!(check_quotes(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_names_the_line_where_it_opened() {
        assert_eq!(check_quotes("name\nA\n\"B\nC\nD\n"), Err(FileProblem::UnclosedQuote { line: 3 }));
        assert_eq!(check_quotes("a,\"x\ny\"\n\"z"), Err(FileProblem::UnclosedQuote { line: 3 }));
        assert_eq!(check_quotes("a,\"\"\"\n"), Err(FileProblem::UnclosedQuote { line: 1 }));
    }

    #[test]
    fn text_after_a_closing_quote_names_its_line() {
        assert_eq!(check_quotes("name\n\"x\"y\n"), Err(FileProblem::TextAfterQuote { line: 2 }));
        assert_eq!(check_quotes("a,\"x\ny\" ,b\n"), Err(FileProblem::TextAfterQuote { line: 2 }));
    }
}
