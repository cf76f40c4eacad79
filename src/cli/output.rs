//! Printing results: aligned text for people, JSON and CSV for scripts.
//!
//! Nothing stored reaches the terminal with its control characters: text for people goes
//! through `crate::safe_text` (the CLI's `print!`/`println!`/`eprintln!` are the ones of
//! `cli/mod.rs`, which do that), JSON escapes every control character, and CSV, which is data,
//! is kept as stored unless standard output is a terminal (see [`print_data`]).

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use crate::safe_text;
use crate::textwidth;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
}

/// For commands that print one result or a document: text for people, JSON for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

/// Columns padded to their widest cell (CJK counted as two cells, control characters as
/// their placeholders), no trailing spaces.
pub fn text_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| textwidth::width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(textwidth::width(cell)).min(40);
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(&textwidth::fit(cell, widths[i]));
            } else {
                s.push_str(&textwidth::pad(cell, widths[i]));
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.clone()));
        out.push('\n');
    }
    out
}

/// `value` as pretty JSON for printing. serde escapes the C0 controls; DEL and the C1 controls
/// (U+0080..U+009F, which some terminals obey) it writes as they are, so they are escaped here
/// too: the same JSON value, and nothing a terminal acts on.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, super::CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| super::CliError::Failed(e.to_string()))?;
    Ok(json_escape_c1(&text).into_owned())
}

/// Serialised JSON with DEL and C1 controls written as `\u00XX`. Outside its strings JSON is
/// plain ASCII without DEL, so every such character is inside a string, where the escape
/// means the same character.
pub fn json_escape_c1(json: &str) -> Cow<'_, str> {
    let c1 = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.contains(c1) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c1(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Data (CSV, iCalendar) for standard output. Redirected to a file or a pipe it is data and
/// stays byte for byte as stored, so an export round-trips. On a terminal a person reads it,
/// and the terminal would obey the controls in it: there it is shown as text for people is.
pub fn print_data(text: &str) -> Result<(), super::CliError> {
    let stdout = std::io::stdout();
    let shown = for_stdout(text, stdout.is_terminal());
    let mut out = stdout.lock();
    out.write_all(shown.as_bytes()).and_then(|()| out.flush()).map_err(|e| stdout_error(&e))
}

/// Text for people on standard output (the CLI's `print!` and `println!`). The rest of the
/// output has nowhere to go once the reader has gone (`| head -1`): the run ends quietly
/// there. Any other failure (a full disk behind a redirect) is said, with exit code 1 — the
/// standard macros would panic instead. The macros cannot hand an error back through the
/// call sites, so the run ends here, as `main` would.
pub fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()) {
        let failure = stdout_error(&e);
        drop(out);
        std::process::exit(super::fail(&failure, crate::i18n::Lang::En));
    }
}

/// One line of text for people, ending it with a line break in place (no second copy of a
/// long JSON document).
pub fn print_line(mut text: String) {
    text.push('\n');
    print_text(&text);
}

/// A failed write to standard output: the reader gone, or a real failure.
pub(super) fn stdout_error(e: &std::io::Error) -> super::CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return super::CliError::OutputClosed;
    }
    super::refusal::Refusal::CannotWriteStdout(e.to_string()).into()
}

/// Whether a write failed because the reader went away, looking through wrapping errors
/// (the CSV writer's, serde's) to the I/O error underneath.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        // The CSV writer's error holds its I/O error without naming it as its source.
        if let Some(csv::ErrorKind::Io(io)) = e.downcast_ref::<csv::Error>().map(csv::Error::kind) {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        next = e.source();
    }
    false
}

/// Data as it goes to standard output: as is, or made visible when that is a terminal.
pub fn for_stdout(text: &str, terminal: bool) -> Cow<'_, str> {
    if terminal {
        // The byte order mark is for spreadsheets; a terminal has no use for it.
        safe_text::visible(text.strip_prefix('\u{FEFF}').unwrap_or(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The file an `-o FILE` option names, or None for standard output: no option, or `-o -`
/// (the usual spelling of "standard output" for tools that write files).
pub fn output_file(output: Option<&std::path::Path>) -> Option<&std::path::Path> {
    output.filter(|p| p.as_os_str() != "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_are_measured_and_shown_with_placeholders() {
        let rows = vec![vec!["Evil\u{1b}[2J".to_string(), "x".to_string()]];
        let table = text_table(&["name", "n"], &rows);
        assert_eq!(table, "name         n\nEvil\\x1b[2J  x\n");
    }

    #[test]
    fn json_escapes_del_and_c1_and_means_the_same() {
        let name = "a\u{1b}b\u{7f}c\u{9b}d招";
        let text = json(&[name]).unwrap();
        assert!(!text.contains(|c: char| c.is_control() && c != '\n'), "{text}");
        assert!(text.contains("\\u001b") && text.contains("\\u007f") && text.contains("\\u009b"), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, vec![name.to_string()]);
        assert!(matches!(json_escape_c1("[\"招商\"]"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_broken_pipe_is_found_inside_the_csv_writers_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = csv::WriterBuilder::new().buffer_capacity(1).from_writer(Closed);
        let e = w.write_record(["a", "b"]).and_then(|()| w.flush().map_err(csv::Error::from)).unwrap_err();
        assert!(is_broken_pipe(&e), "{e:?}");
        let other = csv::Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert!(!is_broken_pipe(&other));
    }

    #[test]
    fn data_is_kept_for_pipes_and_made_visible_for_terminals() {
        let csv = "name\r\nEvil\u{1b}[2J\r\n";
        assert_eq!(for_stdout(csv, false), csv);
        assert_eq!(for_stdout(csv, true), "name\r\nEvil\\x1b[2J\r\n");
        assert_eq!(for_stdout("\u{FEFF}a\r\n", true), "a\r\n");
        assert_eq!(output_file(Some(std::path::Path::new("-"))), None);
        assert!(output_file(Some(std::path::Path::new("./-"))).is_some());
    }
}
