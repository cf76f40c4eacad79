//! Facts about the book itself (its tier scheme), in `book_meta`.

use rusqlite::{Connection, OptionalExtension};

use super::Result;
use crate::domain::tier::TierScheme;

const SCHEME_FILE: &str = "scheme_file";
const SCHEME_SOURCE: &str = "scheme_source";

/// The scheme recorded in the book, parsed. The source text is stored, not a name, so the
/// book keeps meaning the same thing if the shipped files change.
pub fn load_scheme(conn: &Connection) -> Result<Option<TierScheme>> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn.query_row("SELECT value FROM book_meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    };
    let (Some(file), Some(text)) = (get(SCHEME_FILE)?, get(SCHEME_SOURCE)?) else {
        return Ok(None);
    };
    Ok(Some(TierScheme::parse(&format!("{file} (as stored in the book)"), &text)?))
}

/// Store the scheme of a book that has none (the caller checked, under the write lock): a
/// plain insert, so that a scheme already there is never silently replaced.
pub fn save_scheme(conn: &Connection, file: &str, text: &str) -> Result<()> {
    let mut st = conn.prepare("INSERT INTO book_meta (key, value) VALUES (?1, ?2)")?;
    st.execute([SCHEME_FILE, file])?;
    st.execute([SCHEME_SOURCE, text])?;
    Ok(())
}
