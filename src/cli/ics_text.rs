//! iCalendar text as RFC 5545 wants it: TEXT values escaped (`\\`, `\;`, `\,`, `\n`),
//! content lines folded at 75 octets between characters and ended in CRLF. Written by hand:
//! a dozen lines that say exactly what goes out (the `icalendar` crate used before folded
//! to 76 octets and had to be refolded, and knows nothing we need beyond this).

/// A TEXT value escaped: backslash, semicolon, comma, and line breaks (CRLF, CR or LF) as
/// `\n`. Other control characters are not allowed in TEXT and become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text as one line of at most `max` characters: line breaks and runs of white space fold to
/// one space; a longer text is cut and ends in "…".
pub fn one_line(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// A calendar being written: content lines, each folded.
#[derive(Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    /// `NAME[;PARAMS]:VALUE` with the value as given (already escaped where it is TEXT).
    pub fn raw(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property: the value escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape(value));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One content line folded at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1):
/// each continuation starts with a space, which counts towards its 75.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut rest = line;
    let mut room = LIMIT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LIMIT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters_and_unfold_to_the_same() {
        for n in [10, 74, 75, 76, 149, 150, 151, 300] {
            for fill in ["a", "招", "ab招", "😀x"] {
                let value: String = fill.repeat(n).chars().take(n).collect();
                let mut l = Lines::default();
                l.raw("SUMMARY", &value);
                let folded = l.finish();
                assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
                assert_eq!(folded.replace("\r\n ", ""), format!("SUMMARY:{value}\r\n"));
            }
        }
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a\\b;c,d\r\ne\nf\rg\u{7}h"), "a\\\\b\\;c\\,d\\ne\\nf\\ng h");
    }

    #[test]
    fn one_line_folds_breaks_and_caps_the_length() {
        assert_eq!(one_line("  call back\r\nabout   the\tfund ", 80), "call back about the fund");
        assert_eq!(one_line("提醒客户签署补充协议", 6), "提醒客户签…");
        assert_eq!(one_line("abc def", 7), "abc def");
        assert_eq!(one_line("abc def", 5), "abc…");
    }
}
