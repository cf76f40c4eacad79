//! Editing one line of text with a cursor (counted in characters, not bytes), and drawing
//! it scrolled so the cursor stays visible in a field of fixed width.

use crate::i18n::{Lang, T, fill, grouped};
use crate::ui::action::Action;
use crate::ui::effect::Effect;

/// Whether a field holds one line or several: decides what a pasted line break becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// A paste that would make the field longer than its limit: nothing of it was inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasteRefused {
    /// How many characters the field would hold with the paste.
    pub would_be: usize,
    pub limit: usize,
}

/// Whether `action` edits text in a field (cursor moves, deletions): what a field that
/// is picked rather than typed ignores.
pub fn is_edit(action: Action) -> bool {
    matches!(
        action,
        Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::ClearField
    )
}

/// Apply a text-scope action to `text` with the cursor at char index `cursor`.
/// Returns whether the action was a text action.
pub fn apply(text: &mut String, cursor: &mut usize, action: Action) -> bool {
    let len = text.chars().count();
    *cursor = (*cursor).min(len);
    match action {
        Action::CursorLeft => *cursor = cursor.saturating_sub(1),
        Action::CursorRight => *cursor = (*cursor + 1).min(len),
        Action::LineStart => *cursor = 0,
        Action::LineEnd => *cursor = len,
        Action::DeleteBack => {
            if *cursor > 0 {
                remove_char(text, *cursor - 1);
                *cursor -= 1;
            }
        }
        Action::DeleteForward => {
            if *cursor < len {
                remove_char(text, *cursor);
            }
        }
        Action::ClearField => {
            text.clear();
            *cursor = 0;
        }
        _ => return false,
    }
    true
}

/// Insert a typed character at the cursor.
pub fn insert(text: &mut String, cursor: &mut usize, c: char) {
    let at = byte_index(text, *cursor);
    text.insert(at, c);
    *cursor += 1;
}

/// Insert pasted text at the cursor as one edit, whole or not at all: a paste that would
/// make the field hold more than `limit` characters is refused and leaves it unchanged.
pub fn paste(
    text: &mut String,
    cursor: &mut usize,
    pasted: &str,
    limit: usize,
    lines: Lines,
) -> Result<(), PasteRefused> {
    let clean = clean_paste(pasted, lines);
    let len = text.chars().count();
    let added = clean.chars().count();
    if len + added > limit {
        return Err(PasteRefused { would_be: len + added, limit });
    }
    *cursor = (*cursor).min(len);
    let at = byte_index(text, *cursor);
    text.insert_str(at, &clean);
    *cursor += added;
    Ok(())
}

/// `paste`, with a refusal turned into the status-line message that says by how much.
pub fn paste_effect(
    text: &mut String,
    cursor: &mut usize,
    pasted: &str,
    limit: usize,
    lines: Lines,
    lang: Lang,
) -> Effect {
    match paste(text, cursor, pasted, limit, lines) {
        Ok(()) => Effect::None,
        Err(r) => Effect::Warn(fill(T::PasteTooLong.get(lang), &[&grouped(r.would_be), &grouped(r.limit)])),
    }
}

/// Pasted text as a field can hold it. Line breaks arrive as CR from terminals (tmux turns
/// LF into CR) and CRLF from Windows clipboards: all become one line break. A one-line field
/// cannot show or edit a break, and dropping it would glue words together ("Room 5Building
/// 2"), so there each inner break becomes a space and those at the ends go. A tab becomes a
/// space (Tab moves between fields; it is never typed). Other control characters cannot be
/// typed either and are left out.
fn clean_paste(pasted: &str, lines: Lines) -> String {
    let unified = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let unified = match lines {
        Lines::Many => unified.as_str(),
        Lines::One => unified.trim_matches('\n'),
    };
    unified
        .chars()
        .filter_map(|c| match c {
            '\n' if lines == Lines::Many => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn byte_index(text: &str, char_idx: usize) -> usize {
    text.char_indices().nth(char_idx).map(|(i, _)| i).unwrap_or(text.len())
}

fn remove_char(text: &mut String, char_idx: usize) {
    let at = byte_index(text, char_idx);
    if at < text.len() {
        text.remove(at);
    }
}

/// The visible part of `text` in `width` cells and the cursor's column in it. A control
/// character shows (and takes room) as its placeholder, so the cursor stays where it is drawn.
pub fn visible(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let chars: Vec<String> =
        text.chars().map(|c| crate::safe_text::visible(c.encode_utf8(&mut [0; 4])).into_owned()).collect();
    let cursor = cursor.min(chars.len());
    let w = |c: &String| unicode_width::UnicodeWidthStr::width(c.as_str());
    // Scroll so that the cursor (and one cell after it) fits.
    let mut start = 0;
    let mut before: usize = chars[..cursor].iter().map(w).sum();
    while before + 1 > width && start < cursor {
        before -= w(&chars[start]);
        start += 1;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in &chars[start..] {
        if used + w(c) > width {
            break;
        }
        out.push_str(c);
        used += w(c);
    }
    (out, before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_characters_not_bytes() {
        let mut s = "招商".to_string();
        let mut cur = 2;
        insert(&mut s, &mut cur, '银');
        assert_eq!((s.as_str(), cur), ("招商银", 3));
        apply(&mut s, &mut cur, Action::CursorLeft);
        apply(&mut s, &mut cur, Action::DeleteBack);
        assert_eq!((s.as_str(), cur), ("招银", 1));
        apply(&mut s, &mut cur, Action::DeleteForward);
        assert_eq!(s, "招");
        apply(&mut s, &mut cur, Action::ClearField);
        assert_eq!((s.as_str(), cur), ("", 0));
    }

    #[test]
    fn a_paste_goes_in_whole_at_the_cursor_or_not_at_all() {
        let mut s = "招行".to_string();
        let mut cur = 1;
        assert_eq!(paste(&mut s, &mut cur, "商银\r\n", 10, Lines::One), Ok(()));
        assert_eq!((s.as_str(), cur), ("招商银行", 3));
        assert_eq!(
            paste(&mut s, &mut cur, "股份有限公司", 9, Lines::One),
            Err(PasteRefused { would_be: 10, limit: 9 })
        );
        assert_eq!((s.as_str(), cur), ("招商银行", 3), "unchanged");
    }

    #[test]
    fn pasted_line_breaks_become_spaces_in_one_line_and_stay_in_many() {
        assert_eq!(clean_paste("\r\na\r\nb\rc\n\n", Lines::One), "a b c");
        assert_eq!(clean_paste("a\r\nb\rc\n", Lines::Many), "a\nb\nc\n");
        assert_eq!(clean_paste("a\tb\u{1b}[2J\u{7}", Lines::Many), "a b[2J");
    }

    #[test]
    fn scrolls_to_keep_the_cursor_visible() {
        let (shown, col) = visible("招商银行股份有限公司", 10, 8);
        assert!(shown.ends_with("公司"), "{shown}");
        assert!(col < 8);
        let (shown, col) = visible("abc", 0, 8);
        assert_eq!((shown.as_str(), col), ("abc", 0));
    }

    #[test]
    fn controls_show_as_placeholders_and_the_cursor_counts_them() {
        let (shown, col) = visible("a\u{1b}b", 2, 20);
        assert_eq!((shown.as_str(), col), ("a\\x1bb", 5));
    }
}
