//! The reference a new customer gets when none is typed: a pattern such as "K-00001" whose
//! last run of digits counts up. The next reference is one more than the highest existing
//! reference of the same shape (same text around the number, at least as many digits), so
//! references a person typed by hand in that shape are never given twice; a book without
//! any starts at the pattern's own number.

/// A parsed reference pattern: text before the number, the number's width and first value,
/// text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefPattern {
    prefix: String,
    width: usize,
    start: u64,
    suffix: String,
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefPatternError {
    /// No digits to count up.
    NoDigits,
    /// Longer than a reference may be.
    TooLong,
    /// A control character, or the number is too long to count.
    BadCharacters,
}

impl std::fmt::Display for RefPatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RefPatternError::NoDigits => "must hold digits to count up, e.g. \"K-00001\"",
            RefPatternError::TooLong => "must be at most 40 characters",
            RefPatternError::BadCharacters => "must be printable text with a number of at most 18 digits",
        })
    }
}

/// The longest pattern accepted.
pub const MAX_PATTERN_CHARS: usize = 40;

impl Default for RefPattern {
    fn default() -> Self {
        Self { prefix: "K-".into(), width: 5, start: 1, suffix: String::new() }
    }
}

impl RefPattern {
    pub fn parse(pattern: &str) -> Result<Self, RefPatternError> {
        if pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err(RefPatternError::TooLong);
        }
        if pattern.chars().any(char::is_control) {
            return Err(RefPatternError::BadCharacters);
        }
        let end = pattern.rfind(|c: char| c.is_ascii_digit()).ok_or(RefPatternError::NoDigits)? + 1;
        let start = pattern[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
        let digits = &pattern[start..end];
        if digits.len() > 18 {
            return Err(RefPatternError::BadCharacters);
        }
        Ok(Self {
            prefix: pattern[..start].to_string(),
            width: digits.len(),
            start: digits.parse().map_err(|_| RefPatternError::BadCharacters)?,
            suffix: pattern[end..].to_string(),
        })
    }

    /// The text every reference of this shape starts with (what the store narrows by).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The reference numbered `n`, zero-padded to the pattern's width.
    pub fn format(&self, n: u64) -> String {
        format!("{}{:0width$}{}", self.prefix, n, self.suffix, width = self.width)
    }

    /// The number of a reference of this shape, if it is one.
    pub fn number_of(&self, reference: &str) -> Option<u64> {
        let digits = reference.strip_prefix(&self.prefix)?.strip_suffix(&self.suffix)?;
        if digits.len() < self.width || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    /// The text every reference of this shape ends with.
    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// The fewest digits a reference of this shape has (the pattern's own).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The highest number among `existing` references of this shape (others are ignored).
    pub fn highest<'a>(&self, existing: impl IntoIterator<Item = &'a str>) -> Option<u64> {
        existing.into_iter().filter_map(|r| self.number_of(r)).max()
    }

    /// The next free reference when the highest of this shape is `highest` (None: none yet).
    pub fn next_after(&self, highest: Option<u64>) -> String {
        self.format(highest.map_or(self.start, |h| h.saturating_add(1).max(self.start)))
    }

    /// The next free reference after `existing` (any references; those of another shape
    /// are ignored).
    pub fn next<'a>(&self, existing: impl IntoIterator<Item = &'a str>) -> String {
        self.next_after(self.highest(existing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_counts_up_from_k_00001() {
        let p = RefPattern::default();
        assert_eq!(p.next([]), "K-00001");
        assert_eq!(p.next(["K-00001", "K-00007", "R000009", "K-0009x", "K-12"]), "K-00008");
        assert_eq!(p.next(["K-99999"]), "K-100000", "the number grows past its width");
        assert_eq!(p.next(["K-100000", "K-00003"]), "K-100001");
    }

    #[test]
    fn patterns_keep_the_text_around_their_last_number() {
        let p = RefPattern::parse("VIP2026-0100/SH").unwrap_or_default();
        assert_eq!(p.prefix(), "VIP2026-");
        assert_eq!(p.next([]), "VIP2026-0100/SH");
        assert_eq!(p.next(["VIP2026-0150/SH", "VIP2026-0999/BJ"]), "VIP2026-0151/SH");
        assert_eq!(RefPattern::parse("客户-001").map(|p| p.next(["客户-041"])), Ok("客户-042".to_string()));
    }

    #[test]
    fn unusable_patterns_are_refused() {
        assert_eq!(RefPattern::parse("KUNDE"), Err(RefPatternError::NoDigits));
        assert_eq!(RefPattern::parse(""), Err(RefPatternError::NoDigits));
        assert_eq!(RefPattern::parse(&"K".repeat(41)), Err(RefPatternError::TooLong));
        assert_eq!(RefPattern::parse("K-\t001"), Err(RefPatternError::BadCharacters));
        assert_eq!(RefPattern::parse(&"9".repeat(19)), Err(RefPatternError::BadCharacters));
    }
}
