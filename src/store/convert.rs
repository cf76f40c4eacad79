//! Conversions between SQLite values and domain types: dates as ISO-8601 TEXT.

use chrono::{NaiveDate, NaiveDateTime};

pub const DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// YYYY-MM-DD without chrono's format-string machinery (measured: a tenth of the profile
/// of a million-row import went there).
pub fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn datetime_text(t: NaiveDateTime) -> String {
    t.format(DATETIME_FORMAT).to_string()
}

pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, DATETIME_FORMAT).ok()
}

/// A TEXT column holding a date, read strictly: a malformed value is a damaged book.
pub fn date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

pub fn opt_date_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
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

pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
