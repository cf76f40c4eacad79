//! Display width of mixed Chinese/Latin text, and cutting it to fit a column.
//! CJK characters take two terminal cells; cutting happens on character boundaries and
//! marks the cut with "..", which is unambiguous in width on every terminal (unlike "…").
//! Text is measured and cut as it is shown: one line, control characters as placeholders
//! (`crate::safe_text`), so every table and screen cell built here is safe for the terminal.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

use crate::safe_text;

pub const ELLIPSIS: &str = "..";

/// The cells `text` takes as [`fit`] shows it (one line, controls as placeholders).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(one_line(text).as_ref())
}

/// `text` as one line of a cell: line breaks and tabs become spaces, other control
/// characters visible placeholders. Borrows when there is nothing to change.
fn one_line(text: &str) -> Cow<'_, str> {
    let folded: Cow<'_, str> = if text.contains(['\n', '\r', '\t']) {
        Cow::Owned(text.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    };
    match folded {
        Cow::Borrowed(t) => safe_text::visible(t),
        Cow::Owned(t) => {
            if let Cow::Owned(shown) = safe_text::visible(&t) {
                return Cow::Owned(shown);
            }
            Cow::Owned(t)
        }
    }
}

/// `text` cut to at most `max` cells, with ".." where it was cut. Line breaks become spaces;
/// control characters show as placeholders.
pub fn fit(text: &str, max: usize) -> String {
    let text = one_line(text);
    if UnicodeWidthStr::width(text.as_ref()) <= max {
        return text.into_owned();
    }
    let ell = width(ELLIPSIS);
    if max <= ell {
        return ".".repeat(max);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - ell {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(ELLIPSIS);
    out
}

/// `text` fitted to `cells` and padded with spaces to exactly that width.
pub fn pad(text: &str, cells: usize) -> String {
    let mut s = fit(text, cells);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("招商银行"), 8);
        assert_eq!(width("Acme 招商"), 9);
    }

    #[test]
    fn cuts_on_character_boundaries() {
        assert_eq!(fit("招商银行股份有限公司", 9), "招商银..");
        assert_eq!(width(&fit("招商银行股份有限公司", 9)), 8);
        assert_eq!(fit("Acme Trading", 8), "Acme T..");
        assert_eq!(fit("short", 8), "short");
    }

    #[test]
    fn one_line_cells_fold_breaks_and_show_controls() {
        assert_eq!(fit("a\tb\r\nc\nd", 20), "a b  c d");
        assert_eq!(fit("Evil\u{1b}[2J", 20), "Evil\\x1b[2J");
        assert_eq!(width("Evil\u{1b}[2J"), 11);
        assert_eq!(fit("Evil\u{1b}[2J", 8), "Evil\\x..");
        assert_eq!(fit("招商\u{7}", 8), "招商\\x07");
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(width(&pad("招商银行股份有限公司", 9)), 9);
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
