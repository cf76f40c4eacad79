//! Spreadsheet-safe cells: what a CSV cell becomes so that a spreadsheet opening the file
//! shows it as text and never runs it as a formula (CSV injection), and how an import reads
//! it back. Pure text in, text out; writing and reading files belong elsewhere.
//!
//! The rule, both ways, so that export → import gives back exactly what was exported:
//! - `protect`: a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//!   leading apostrophe (the spreadsheets' own mark for "this is text"). A plain negative
//!   number (`-12`, `-12.5`) is left as it is: spreadsheets read it as a number, not a
//!   formula. A cell that already begins with an apostrophe gets one more, so that a name
//!   really beginning with one survives the trip.
//! - `unprotect`: a cell beginning with an apostrophe followed by one of those characters
//!   or by another apostrophe loses that first apostrophe; any other cell is as written.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (or mangle it).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet-safe CSV writes it.
pub fn protect(cell: &str) -> Cow<'_, str> {
    if needs_protection(cell) {
        let mut out = String::with_capacity(cell.len() + 1);
        out.push('\'');
        out.push_str(cell);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether `protect` changes the cell.
pub fn needs_protection(cell: &str) -> bool {
    match cell.chars().next() {
        Some('\'') => true,
        Some('-') => !plain_negative_number(cell),
        Some(c) => TRIGGERS.contains(&c),
        None => false,
    }
}

/// The cell as it was before `protect` (a cell no export protected stays as written).
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c == '\'' || TRIGGERS.contains(&c)) => rest,
        _ => cell,
    }
}

/// `-` then digits, with at most one decimal point between digits: `-12`, `-12.5`.
fn plain_negative_number(cell: &str) -> bool {
    let Some(digits) = cell.strip_prefix('-') else { return false };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    #[case("+8613800138000", "'+8613800138000")]
    #[case("@foo", "'@foo")]
    #[case("-bar", "'-bar")]
    #[case("-", "'-")]
    #[case("-1+2", "'-1+2")]
    #[case("-12.", "'-12.")]
    #[case("\tx", "'\tx")]
    #[case("\rx", "'\rx")]
    #[case("'quoted", "''quoted")]
    #[case("'=x", "''=x")]
    #[case("-12.5", "-12.5")]
    #[case("-7", "-7")]
    #[case("00123", "00123")]
    #[case("01012345678", "01012345678")]
    #[case("招商银行", "招商银行")]
    #[case("a=b", "a=b")]
    #[case("", "")]
    fn cells_are_protected_and_read_back(#[case] cell: &str, #[case] written: &str) {
        assert_eq!(protect(cell), written);
        assert_eq!(unprotect(written), cell);
    }

    #[rstest]
    #[case("'hello", "'hello")]
    #[case("'", "'")]
    #[case("'-12.5", "-12.5")]
    #[case("x'=", "x'=")]
    fn cells_no_export_protected_read_as_a_person_meant_them(#[case] cell: &str, #[case] read: &str) {
        assert_eq!(unprotect(cell), read);
    }

    proptest! {
        #[test]
        fn every_cell_round_trips(cell in "['=+@\\-\t\r]{0,3}[^\u{0}]{0,6}") {
            let written = protect(&cell);
            prop_assert_eq!(unprotect(&written), cell.as_str());
        }

        #[test]
        fn no_protected_cell_starts_a_formula(cell in "\\PC{0,8}") {
            let written = protect(&cell);
            let first = written.chars().next();
            prop_assert!(first.is_none_or(|c| !TRIGGERS.contains(&c) || plain_negative_number(&written)));
        }
    }
}
