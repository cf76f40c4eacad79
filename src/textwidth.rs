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

/// `text` broken into lines of at most `cells` cells (at least one character each), at the
/// last place that fits: a space (dropped), or beside a Chinese character (between any two
/// characters of a run of Chinese), else anywhere. Line breaks in `text` become spaces;
/// control characters show as placeholders.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let (mut line, mut used) = (String::new(), 0);
    // The last place the line may break: its byte offset, the cells before it, and whether
    // a space is there to drop.
    let mut place: Option<(usize, usize, bool)> = None;
    let mut wide_before = false;
    for c in one_line(text).chars() {
        let w = c.width().unwrap_or(0);
        if c == ' ' && used + w > cells && !line.is_empty() {
            // A space where the line is full ends it, and goes.
            lines.push(std::mem::take(&mut line));
            (used, place, wide_before) = (0, None, false);
            continue;
        }
        // Broken at a place, what followed it may still leave no room: break again.
        while used + w > cells && !line.is_empty() {
            // Right here, beside a Chinese character or before a space; else the last place.
            let here = (w > 1 || wide_before).then_some((line.len(), used, false));
            let (at, before, space) = here.or(place.take()).unwrap_or((line.len(), used, false));
            place = None;
            let rest = line.split_off(at + usize::from(space));
            line.truncate(at);
            if !line.trim_end().is_empty() {
                lines.push(line.trim_end().to_string());
            }
            line = rest;
            used -= before + usize::from(space);
        }
        if c == ' ' {
            place = Some((line.len(), used, true));
        } else if (w > 1 || wide_before) && !line.is_empty() {
            place = Some((line.len(), used, false));
        }
        wide_before = w > 1;
        line.push(c);
        used += w;
    }
    lines.push(line);
    lines
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
    fn wrapped_lines_fit_their_cells_breaking_at_spaces_or_between_chinese_characters() {
        assert_eq!(wrap("Import now? The check found", 12), ["Import now?", "The check", "found"]);
        assert_eq!(
            wrap("试运行，未写入任何内容：客户.csv（UTF-8，共", 10),
            ["试运行，未", "写入任何内", "容：客户", ".csv（", "UTF-8，共"]
        );
        assert_eq!(
            wrap("删除“甲”及其 0 条联系记录吗？（可按 u 撤销）", 20),
            ["删除“甲”及其 0 条联", "系记录吗？（可按 u", "撤销）"]
        );
        let long = "试运行，未写入任何内容：/tmp/.tmp1DUkYX/客户.csv（UTF-8，共 2 行）：客户 新增 2，更新 0";
        for cells in [2, 7, 30, 58] {
            let lines = wrap(long, cells);
            assert!(lines.iter().all(|l| width(l) <= cells), "{cells}: {lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), long.replace(' ', ""), "nothing lost");
        }
        assert_eq!(wrap("", 5), [""]);
    }

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
