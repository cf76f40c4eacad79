//! Notes search on the book file: two FTS5 tables with the trigram tokenizer index the
//! contacts' summary and outcome and the follow-ups' promise (migration 10), kept in step by
//! triggers in the book itself, so that every writer (an import, undo, a sqlite3 shell)
//! keeps them. A pattern under three characters cannot use a trigram index: it is looked
//! for with LIKE over the rows, newest first, stopping at the limit. So is a common one
//! (more than `COMMON` rows hold it): newest first, the limit is soon reached that way,
//! while the index would hand over every row holding it to be sorted by date (measured at
//! 1,000,000 contacts: a phrase in 1 row of 10, 277 ms through the index; see benches/notes.rs).

use rusqlite::params;

use super::due_rows::customer_ref;
use super::lenient;
use super::prelude::*;
use super::{Result, Store};
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::history::{ContactId, FollowUpId};
use crate::domain::notes::{self, NoteHit};

/// Migration 10 (see its `why`). External-content tables: the text stays in `contacts` and
/// `follow_ups`, the index holds only trigrams. Each text is indexed with two `char(31)`
/// after it, so that every one- or two-character piece of a note starts some trigram: such
/// a pattern is answered from the index too, through its vocabulary (`*_terms`), by the
/// trigrams starting with it. Not in the audit log: the log keeps the rows people write
/// (`audit::AUDITED`), and the index follows from them.
pub(super) const NOTES_INDEX: &str = r#"
CREATE VIRTUAL TABLE contacts_notes USING fts5(
    summary, outcome, content = 'contacts', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE contacts_notes_terms USING fts5vocab(contacts_notes, 'row');
INSERT INTO contacts_notes (rowid, summary, outcome)
    SELECT id, summary || char(31, 31), outcome || char(31, 31) FROM contacts;
CREATE TRIGGER contacts_notes_added AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_notes (rowid, summary, outcome)
    VALUES (NEW.id, NEW.summary || char(31, 31), NEW.outcome || char(31, 31));
END;
CREATE TRIGGER contacts_notes_removed AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_notes (contacts_notes, rowid, summary, outcome)
    VALUES ('delete', OLD.id, OLD.summary || char(31, 31), OLD.outcome || char(31, 31));
END;
CREATE TRIGGER contacts_notes_changed AFTER UPDATE OF summary, outcome ON contacts BEGIN
    INSERT INTO contacts_notes (contacts_notes, rowid, summary, outcome)
    VALUES ('delete', OLD.id, OLD.summary || char(31, 31), OLD.outcome || char(31, 31));
    INSERT INTO contacts_notes (rowid, summary, outcome)
    VALUES (NEW.id, NEW.summary || char(31, 31), NEW.outcome || char(31, 31));
END;

CREATE VIRTUAL TABLE follow_ups_notes USING fts5(
    what, content = 'follow_ups', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE follow_ups_notes_terms USING fts5vocab(follow_ups_notes, 'row');
INSERT INTO follow_ups_notes (rowid, what) SELECT id, what || char(31, 31) FROM follow_ups;
CREATE TRIGGER follow_ups_notes_added AFTER INSERT ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (rowid, what) VALUES (NEW.id, NEW.what || char(31, 31));
END;
CREATE TRIGGER follow_ups_notes_removed AFTER DELETE ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (follow_ups_notes, rowid, what) VALUES ('delete', OLD.id, OLD.what || char(31, 31));
END;
CREATE TRIGGER follow_ups_notes_changed AFTER UPDATE OF what ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (follow_ups_notes, rowid, what) VALUES ('delete', OLD.id, OLD.what || char(31, 31));
    INSERT INTO follow_ups_notes (rowid, what) VALUES (NEW.id, NEW.what || char(31, 31));
END;
"#;

/// The notes index kept up row by row costs a bulk write dearly: FTS5 flushes its pending
/// terms at every statement's savepoint, so a million inserted contacts make a million tiny
/// segments to merge (measured for `import all`: a third of its time). A bulk writer pauses
/// it (drops the two insert triggers of `NOTES_INDEX`, in its transaction), writes, and
/// resumes it: the rows added meanwhile are indexed in one statement each and the triggers
/// made again exactly as migration 10 made them. Returns where the new rows start.
pub(super) fn pause_index(conn: &rusqlite::Connection) -> Result<IndexPause> {
    let after = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?)
    };
    let pause = IndexPause { contacts_after: after("contacts")?, follow_ups_after: after("follow_ups")? };
    conn.execute_batch("DROP TRIGGER contacts_notes_added; DROP TRIGGER follow_ups_notes_added;")?;
    Ok(pause)
}

/// Where the rows written while the index was paused start.
#[derive(Debug, Clone, Copy)]
pub(super) struct IndexPause {
    contacts_after: i64,
    follow_ups_after: i64,
}

/// Index the rows written since `pause_index` and make its triggers again.
pub(super) fn resume_index(conn: &rusqlite::Connection, pause: IndexPause) -> Result<()> {
    conn.execute(
        "INSERT INTO contacts_notes (rowid, summary, outcome)
         SELECT id, summary || char(31, 31), outcome || char(31, 31) FROM contacts WHERE id > ?1",
        [pause.contacts_after],
    )?;
    conn.execute(
        "INSERT INTO follow_ups_notes (rowid, what) SELECT id, what || char(31, 31) FROM follow_ups WHERE id > ?1",
        [pause.follow_ups_after],
    )?;
    conn.execute_batch(
        r#"
CREATE TRIGGER contacts_notes_added AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_notes (rowid, summary, outcome)
    VALUES (NEW.id, NEW.summary || char(31, 31), NEW.outcome || char(31, 31));
END;
CREATE TRIGGER follow_ups_notes_added AFTER INSERT ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (rowid, what) VALUES (NEW.id, NEW.what || char(31, 31));
END;
"#,
    )?;
    Ok(())
}

/// More rows than this hold a pattern: it is common, and looked for row by row, newest
/// first (see the module's comment).
const COMMON: i64 = 2_000;

/// A pattern under three characters is looked for through at most this many trigrams
/// starting with it; beyond, row by row.
const MAX_TERMS: usize = 500;

/// How a pattern is looked for.
enum Plan {
    /// No trigram starts with it: no note holds it.
    Nothing,
    /// Through the index, with this FTS5 query.
    Index(String),
    /// Row by row with LIKE, newest first, stopping at the limit.
    Scan,
}

/// The customer's columns every hit reads, from `c`.
const CUSTOMER: &str = "c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on, c.region";
const OWNERS: &str = "(?3 IS NULL OR c.owner IN (SELECT value FROM json_each(?3)))";

/// An FTS5 query for `pattern` as one phrase: with the trigram tokenizer, the rows holding
/// it as a substring (any quote in it doubled, so nothing in it is query syntax).
fn phrase(pattern: &str) -> String {
    format!("\"{}\"", pattern.replace('"', "\"\""))
}

impl Notes for Store {
    fn search_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>> {
        if pattern.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits = self.contact_notes(pattern, limit, owners)?;
        hits.extend(self.follow_up_notes(pattern, limit, owners)?);
        Ok(notes::newest_first(hits, limit))
    }
}

impl Store {
    /// How to look for `pattern` in `table`: through the index, unless it is common there.
    fn plan(&self, table: &str, pattern: &str) -> Result<Plan> {
        let expr = if notes::indexable(pattern) {
            phrase(pattern)
        } else {
            // The trigrams starting with the pattern, as the index folds case.
            let from = pattern.to_lowercase();
            let sql = format!("SELECT term FROM {table}_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3");
            let mut st = self.conn.prepare_cached(&sql)?;
            let terms = st
                .query_map(params![from, format!("{from}\u{10FFFF}"), (MAX_TERMS + 1) as i64], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            match terms.len() {
                0 => return Ok(Plan::Nothing),
                n if n > MAX_TERMS => return Ok(Plan::Scan),
                _ => terms.iter().map(|t| phrase(t)).collect::<Vec<_>>().join(" OR "),
            }
        };
        let sql = format!("SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ?1 LIMIT ?2)");
        let rows: i64 = self.conn.prepare_cached(&sql)?.query_row(params![expr, COMMON + 1], |r| r.get(0))?;
        Ok(if rows > COMMON { Plan::Scan } else { Plan::Index(expr) })
    }

    fn contact_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>> {
        let (from, cond, arg) = match self.plan("contacts_notes", pattern)? {
            Plan::Nothing => return Ok(Vec::new()),
            Plan::Index(expr) => {
                ("contacts_notes n JOIN contacts k ON k.id = n.rowid", "contacts_notes MATCH ?1", expr)
            }
            Plan::Scan => (
                "contacts k",
                "(k.summary LIKE ?1 ESCAPE '\\' OR k.outcome LIKE ?1 ESCAPE '\\')",
                notes::like_anywhere(pattern),
            ),
        };
        let sql = format!(
            "SELECT k.id, k.happened_on, k.summary, k.outcome, {CUSTOMER}
             FROM {from} JOIN customers c ON c.id = k.customer_id
             WHERE {cond} AND {OWNERS} ORDER BY k.happened_on DESC, k.id DESC LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![arg, limit as i64, owners.json()], |r| {
            let (customer, _) = customer_ref(r, 4)?;
            Ok((ContactId(r.get(0)?), lenient::date(r, 1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, customer))
        })?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (id, Ok(on), summary, outcome, customer) => {
                    out.extend(notes::contact_hit(customer, on, id, summary, outcome, pattern))
                }
                (id, Err(text), _, _, customer) => {
                    self.note_unreadable((RecordKind::Contact, id.0), customer.id.0, DateField::ContactDate, text)
                }
            }
        }
        Ok(out)
    }

    fn follow_up_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>> {
        let (from, cond, arg) = match self.plan("follow_ups_notes", pattern)? {
            Plan::Nothing => return Ok(Vec::new()),
            Plan::Index(expr) => {
                ("follow_ups_notes n JOIN follow_ups f ON f.id = n.rowid", "follow_ups_notes MATCH ?1", expr)
            }
            Plan::Scan => ("follow_ups f", "f.what LIKE ?1 ESCAPE '\\'", notes::like_anywhere(pattern)),
        };
        let sql = format!(
            "SELECT f.id, f.due_on, f.what, {CUSTOMER}
             FROM {from} JOIN customers c ON c.id = f.customer_id
             WHERE {cond} AND {OWNERS} ORDER BY f.due_on DESC, f.id DESC LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![arg, limit as i64, owners.json()], |r| {
            let (customer, _) = customer_ref(r, 3)?;
            Ok((FollowUpId(r.get(0)?), lenient::date(r, 1)?, r.get::<_, String>(2)?, customer))
        })?;
        let mut out = Vec::new();
        for row in rows {
            match row? {
                (id, Ok(on), what, customer) => out.extend(notes::follow_up_hit(customer, on, id, what, pattern)),
                (id, Err(text), _, customer) => {
                    self.note_unreadable((RecordKind::FollowUp, id.0), customer.id.0, DateField::FollowUpDue, text)
                }
            }
        }
        Ok(out)
    }
}
