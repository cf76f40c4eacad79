//! Stored text made safe to show on a terminal.
//!
//! A customer file can hold anything a spreadsheet or an older version let in, including
//! control characters: `ESC [ 2 J` clears the screen, `ESC ] 0 ; … BEL` retitles the window,
//! a lone carriage return lets later text overwrite earlier text. Every text the product shows
//! goes through [`visible`] first, which writes each C0 control, DEL and C1 control as a
//! visible `\xHH` (ESC as `\x1b`, so `ESC [ 2 J` shows as `\x1b[2J`): the sequence is inert and
//! the reader sees that something odd is stored.
//!
//! Why `\x1b` and not `␛` or U+FFFD: it is plain ASCII, one cell per character on every
//! terminal, font and locale. U+FFFD is East Asian "ambiguous" width (two cells on many
//! Chinese terminals, which would shift every column after it), the control pictures of
//! U+2400 are missing from many fonts, and both hide which control was stored.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character shown as `\xHH`. Tab and line feed (and a carriage
/// return right before a line feed) are layout, not danger, and stay: callers that need one
/// line fold them themselves. Borrows when there is nothing to replace.
/// [`visible`] for text already owned: clean text (nearly all of it) is handed back as it
/// is, without a copy (a `due --format json` of a large book is megabytes long).
pub fn visible_string(text: String) -> String {
    if clean(&text) { text } else { visible(&text).into_owned() }
}

pub fn visible(text: &str) -> Cow<'_, str> {
    if clean(text) {
        return Cow::Borrowed(text);
    }
    let mut chars = text.char_indices().peekable();
    let mut out: Option<String> = None;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        if shown_as_is(c, next) {
            if let Some(out) = out.as_mut() {
                out.push(c);
            }
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let mut s = String::with_capacity(text.len() + 8);
            s.push_str(&text[..at]);
            s
        });
        // A control is at most U+009F: two hex digits always do. Writing to a String
        // cannot fail.
        let _ = write!(out, "\\x{:02x}", u32::from(c));
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether `c` (followed by `next`) may reach the terminal as it is.
fn shown_as_is(c: char, next: Option<char>) -> bool {
    !c.is_control() || c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'))
}

/// A quick look at the bytes: no C0 control, no DEL and no `0xC2` (the first byte of every
/// C1 control in UTF-8, and of a few harmless signs such as `©`, which the slow path then
/// keeps). Most stored text passes here without being looked at character by character.
fn clean(text: &str) -> bool {
    text.bytes().all(|b| b >= 0x20 && b != 0x7f && b != 0xc2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("Evil\u{1b}]0;pwned\u{7} Co"), "Evil\\x1b]0;pwned\\x07 Co");
    }

    #[test]
    fn c0_del_and_c1_are_all_shown() {
        assert_eq!(visible("n\u{0}ul"), "n\\x00ul");
        assert_eq!(visible("d\u{7f}el"), "d\\x7fel");
        assert_eq!(visible("\u{80}x\u{9b}31m\u{9f}"), "\\x80x\\x9b31m\\x9f");
        assert_eq!(visible("\u{8}\u{c}\u{1f}"), "\\x08\\x0c\\x1f");
    }

    #[test]
    fn no_control_survives_any_input() {
        let all: String = (0u32..0x200).filter_map(char::from_u32).collect();
        let shown = visible(&all);
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{shown:?}");
    }

    #[test]
    fn tab_line_feed_and_crlf_stay_a_lone_carriage_return_does_not() {
        assert_eq!(visible("a\tb\nc\r\nd"), "a\tb\nc\r\nd");
        assert_eq!(visible("paid\rdue"), "paid\\x0ddue");
        assert_eq!(visible("end\r"), "end\\x0d");
    }

    #[test]
    fn clean_text_is_borrowed_cjk_and_latin_unchanged() {
        for text in ["招商银行股份有限公司", "Acme Trading", "王芳 © 2026", "", "多行\n备注\t完"] {
            let shown = visible(text);
            assert_eq!(shown, text);
            assert!(matches!(shown, Cow::Borrowed(_)), "{text:?} was copied");
        }
        assert!(matches!(visible("x\u{1b}"), Cow::Owned(_)));
    }

    #[test]
    fn the_placeholder_is_ascii_one_cell_per_character() {
        let shown = visible("\u{1b}\u{9b}");
        assert!(shown.is_ascii());
        assert_eq!(unicode_width::UnicodeWidthStr::width(shown.as_ref()), shown.len());
    }
}
