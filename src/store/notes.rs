//! Notes search on the book file: two FTS5 tables with the trigram tokenizer index the
//! contacts' summary and outcome and the follow-ups' promise (migration 10), kept in step by
//! triggers in the book itself, so that every writer (an import, undo, a sqlite3 shell)
//! keeps them. A pattern under three characters cannot use a trigram index: it is looked
//! for with LIKE over the rows, newest first, stopping at the limit.

use rusqlite::params;

use super::due_rows::customer_ref;
use super::lenient;
use super::prelude::*;
use super::{Result, Store};
use crate::domain::dates::{DateField, RecordKind};
use crate::domain::history::{ContactId, FollowUpId};
use crate::domain::notes::{self, NoteHit};

/// Migration 10 (see its `why`). External-content tables: the text stays in `contacts` and
/// `follow_ups`, the index holds only trigrams. Not in the audit log: the log keeps the
/// rows people write (`audit::AUDITED`), and the index follows from them.
pub(super) const NOTES_INDEX: &str = r#"
CREATE VIRTUAL TABLE contacts_notes USING fts5(
    summary, outcome, content = 'contacts', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO contacts_notes (contacts_notes) VALUES ('rebuild');
CREATE TRIGGER contacts_notes_added AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_notes (rowid, summary, outcome) VALUES (NEW.id, NEW.summary, NEW.outcome);
END;
CREATE TRIGGER contacts_notes_removed AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_notes (contacts_notes, rowid, summary, outcome)
    VALUES ('delete', OLD.id, OLD.summary, OLD.outcome);
END;
CREATE TRIGGER contacts_notes_changed AFTER UPDATE OF summary, outcome ON contacts BEGIN
    INSERT INTO contacts_notes (contacts_notes, rowid, summary, outcome)
    VALUES ('delete', OLD.id, OLD.summary, OLD.outcome);
    INSERT INTO contacts_notes (rowid, summary, outcome) VALUES (NEW.id, NEW.summary, NEW.outcome);
END;

CREATE VIRTUAL TABLE follow_ups_notes USING fts5(
    what, content = 'follow_ups', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO follow_ups_notes (follow_ups_notes) VALUES ('rebuild');
CREATE TRIGGER follow_ups_notes_added AFTER INSERT ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (rowid, what) VALUES (NEW.id, NEW.what);
END;
CREATE TRIGGER follow_ups_notes_removed AFTER DELETE ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (follow_ups_notes, rowid, what) VALUES ('delete', OLD.id, OLD.what);
END;
CREATE TRIGGER follow_ups_notes_changed AFTER UPDATE OF what ON follow_ups BEGIN
    INSERT INTO follow_ups_notes (follow_ups_notes, rowid, what) VALUES ('delete', OLD.id, OLD.what);
    INSERT INTO follow_ups_notes (rowid, what) VALUES (NEW.id, NEW.what);
END;
"#;

/// The customer's columns every hit reads, from `c`.
const CUSTOMER: &str = "c.id, c.ext_ref, c.name, c.company, c.tier, c.last_contact_on";
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
    fn contact_notes(&self, pattern: &str, limit: usize, owners: &Owners) -> Result<Vec<NoteHit>> {
        let (from, cond, arg) = if notes::indexable(pattern) {
            ("contacts_notes n JOIN contacts k ON k.id = n.rowid", "contacts_notes MATCH ?1", phrase(pattern))
        } else {
            (
                "contacts k",
                "(k.summary LIKE ?1 ESCAPE '\\' OR k.outcome LIKE ?1 ESCAPE '\\')",
                notes::like_anywhere(pattern),
            )
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
        let (from, cond, arg) = if notes::indexable(pattern) {
            ("follow_ups_notes n JOIN follow_ups f ON f.id = n.rowid", "follow_ups_notes MATCH ?1", phrase(pattern))
        } else {
            ("follow_ups f", "f.what LIKE ?1 ESCAPE '\\'", notes::like_anywhere(pattern))
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
