//! Plausibility checks for what people type: e-mail, phone, dates.
//! Deliberately forgiving (real data is messy) but catches obvious slips.

use chrono::NaiveDate;

/// One `@`, something before it, a dotted domain after it, no spaces.
pub fn plausible_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// Digits with the usual separators (`+ - ( ) space .` and an extension mark), 5 to 20 digits.
/// Covers 13800138000, +86 138 0013 8000, (021) 6888-8888, 010-88886666 ext 12.
pub fn plausible_phone(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let rest_ok = text
        .to_ascii_lowercase()
        .replace("ext", "")
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().#/".contains(c) || c == '转');
    rest_ok && (5..=20).contains(&digits)
}

/// A real calendar date written as YYYY-MM-DD (also accepts YYYY/MM/DD and YYYY.MM.DD,
/// which spreadsheets produce), in the years the book accepts (`dates::in_range`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    super::dates::parse_calendar(text).filter(|d| super::dates::in_range(*d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("li.wei@example.com", true)]
    #[case("王@公司.cn", true)]
    #[case("a@b", false)]
    #[case("@b.com", false)]
    #[case("a b@c.com", false)]
    #[case("a@@c.com", false)]
    #[case("a@c..com", false)]
    fn emails(#[case] text: &str, #[case] ok: bool) {
        assert_eq!(plausible_email(text), ok, "{text}");
    }

    #[rstest]
    #[case("13800138000", true)]
    #[case("+86 138 0013 8000", true)]
    #[case("(021) 6888-8888", true)]
    #[case("010-88886666 ext 12", true)]
    #[case("1234", false)]
    #[case("call me", false)]
    #[case("138001380001380013800", false)]
    fn phones(#[case] text: &str, #[case] ok: bool) {
        assert_eq!(plausible_phone(text), ok, "{text}");
    }

    #[rstest]
    #[case("2026-02-28", Some("2026-02-28"))]
    #[case("2028-02-29", Some("2028-02-29"))]
    #[case("2026-02-29", None)]
    #[case("2026-13-01", None)]
    #[case("2026/3/5", Some("2026-03-05"))]
    #[case("yesterday", None)]
    #[case("0001-01-01", None)]
    fn dates(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(parse_date(text).map(|d| d.to_string()), want.map(String::from));
    }
}
