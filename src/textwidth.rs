//! Display width of mixed Chinese/Latin text, and cutting it to fit a column.
//! CJK characters take two terminal cells; cutting happens on character boundaries and
//! marks the cut with "..", which is unambiguous in width on every terminal (unlike "…").

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

pub const ELLIPSIS: &str = "..";

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` cells, with ".." where it was cut. Line breaks become spaces.
pub fn fit(text: &str, max: usize) -> String {
    let text: String = text.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect();
    if width(&text) <= max {
        return text;
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
    fn pads_to_exact_width() {
        assert_eq!(width(&pad("招商银行股份有限公司", 9)), 9);
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
