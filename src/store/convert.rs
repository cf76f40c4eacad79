//! Conversions between SQLite values and domain types: dates as ISO-8601 TEXT.

use chrono::{NaiveDate, NaiveDateTime};

/// The form timestamps had before they carried an offset (local wall time): still read, never
/// written.
pub const DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// YYYY-MM-DD without chrono's format-string machinery (measured: a tenth of the profile
/// of a million-row import went there).
pub fn date_text(d: NaiveDate) -> String {
    crate::domain::dates::iso(d)
}

/// A moment as the book stores it: RFC 3339 with the local offset, `2026-11-23T09:15:02+08:00`,
/// so that the file says what moment it means wherever it is read. Written in the same form
/// every time, the text sorts by time for rows written under one offset; rows written before
/// the offset was stored (`2026-11-23 09:15:02`) sort before the day's later rows, as they
/// were written before them (a space sorts before `T`).
pub fn datetime_text(t: NaiveDateTime) -> String {
    crate::clock::rfc3339(t)
}

/// A stored moment, as local wall time: RFC 3339 (any offset, `Z` included) converted to this
/// machine's time zone, or the older offset-less form taken as local time.
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&chrono::Local).naive_local());
    }
    NaiveDateTime::parse_from_str(text, DATETIME_FORMAT).ok()
}

/// `YYYY-MM-DD` exactly, as the book writes dates, without chrono's format parser (a review
/// of 100,000 customers reads 800,000 of them: measured 321 ms -> see benches/review.rs).
pub fn iso_date(text: &[u8]) -> Option<NaiveDate> {
    crate::domain::dates::parse_iso(text)
}

/// A TEXT column holding a date, read strictly: a malformed value is a damaged book.
pub fn date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    let bad = |what: String| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, what.into());
    let text = row.get_ref(idx)?.as_str().map_err(|e| bad(e.to_string()))?;
    iso_date(text.as_bytes()).ok_or_else(|| bad(format!("bad date {text:?}")))
}

pub fn datetime_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(idx)?;
    parse_datetime(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("bad timestamp {text:?}").into(),
        )
    })
}

pub fn opt_datetime_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let text: Option<String> = row.get(idx)?;
    match text {
        None => Ok(None),
        Some(t) => parse_datetime(&t).map(Some).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                idx,
                rusqlite::types::Type::Text,
                format!("bad timestamp {t:?}").into(),
            )
        }),
    }
}

/// A new row's uuid: time-ordered (version 7), like the import's and the session's, so that
/// one uuid version serves the whole book and new rows land at the end of the uuid indexes.
pub fn new_uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether reading a text column failed on bytes that are not UTF-8.
pub(super) fn is_bad_text(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::Utf8Error(..) => true,
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            inner.downcast_ref::<std::str::Utf8Error>().is_some()
                || inner.downcast_ref::<std::string::FromUtf8Error>().is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_exactly() {
        assert_eq!(iso_date(b"2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(iso_date(b"2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [&b"2026-02-29"[..], b"2026-2-28", b"2026/02/28", b"2026-02-28 ", b"abcd-ef-gh", b""] {
            assert_eq!(iso_date(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn moments_are_written_with_an_offset_and_read_in_both_forms() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 15, 2)).unwrap();
        let text = datetime_text(t);
        assert!(chrono::DateTime::parse_from_rfc3339(&text).is_ok(), "{text}");
        assert_eq!(parse_datetime(&text), Some(t), "written, then read: the same local moment");
        assert_eq!(parse_datetime("2026-11-23 09:15:02"), Some(t), "the older form is local time");
        let utc = parse_datetime("2026-11-23T01:15:02Z").unwrap();
        assert_eq!(
            utc,
            chrono::DateTime::parse_from_rfc3339("2026-11-23T01:15:02Z")
                .unwrap()
                .with_timezone(&chrono::Local)
                .naive_local()
        );
        assert_eq!(parse_datetime("2026-11-23"), None);
    }
}
