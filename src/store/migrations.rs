//! The schema's history: an append-only list of steps. `PRAGMA user_version` counts the
//! steps applied. Never edit a shipped step; add a new one (with a comment saying why).
//!
//! Conventions: typed STRICT tables, dates as ISO-8601 TEXT (`YYYY-MM-DD`; moments as RFC 3339
//! with their offset, `YYYY-MM-DDTHH:MM:SS+08:00`, those written before that step without one
//! and taken as local time: see `convert::datetime_text`) readable in the sqlite3 shell; every
//! row has a `uuid` and an `updated_at` so that books can later be merged and synced without a
//! rewrite.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError};

/// One migration: why it exists, and the SQL that performs it.
pub struct Migration {
    pub why: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        why: "The first book: customers with their tier and denormalised schedule (latest contact \
          and next due, kept in step by every write so the daily list never scans contacts), \
          tier history, contacts, follow-ups and assessments.",
        sql: super::first_book::FIRST_BOOK,
    },
    Migration {
        why: "The daily checklist: snoozes push one requirement of a customer to a later date \
              (with a reason) until the next contact; follow-up reschedules keep the old date and \
              the reason; done follow-ups are found by the day they were done.",
        sql: r#"
CREATE TABLE snoozes (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    requirement INTEGER NOT NULL,
    until_on    TEXT NOT NULL,
    set_on      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX snoozes_by_customer ON snoozes (customer_id);

CREATE TABLE follow_up_reschedules (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    old_due_on   TEXT NOT NULL,
    new_due_on   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX follow_up_reschedules_by_follow_up ON follow_up_reschedules (follow_up_id);
CREATE INDEX follow_ups_done ON follow_ups (done_at) WHERE done_at IS NOT NULL;
"#,
    },
    Migration {
        why: "The daily list reads each due customer's latest contact per kind; with the kind in \
              the index those reads never touch the table (measured: 86 ms -> a few ms for the \
              customers contacted today in a 1,000,000-contact book).",
        sql: r#"
CREATE INDEX contacts_by_customer_date_kind ON contacts (customer_id, happened_on, kind);
DROP INDEX contacts_by_customer_date;
"#,
    },
    Migration {
        why: "Risk questionnaires: an interview left unfinished (a closed terminal, a customer called \
              away) is kept as a draft, one per customer and questionnaire, one row per answer, until \
              it is recorded or discarded; recorded answers keep the question's number on the form, \
              so they read back in the form's order even when that version is no longer shipped.",
        sql: r#"
CREATE TABLE assessment_drafts (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    customer_id           INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    at_question           INTEGER NOT NULL DEFAULT 0,
    started_at            TEXT NOT NULL,
    started_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (customer_id, questionnaire_id)
) STRICT;

CREATE TABLE assessment_draft_answers (
    draft_id    INTEGER NOT NULL REFERENCES assessment_drafts (id) ON DELETE CASCADE,
    question_no INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    row_index   INTEGER NOT NULL DEFAULT 0,
    letters     TEXT NOT NULL CHECK (length(letters) > 0),
    PRIMARY KEY (draft_id, question_id, row_index)
) STRICT;

ALTER TABLE assessment_answers ADD COLUMN question_no INTEGER NOT NULL DEFAULT 0;
"#,
    },
    Migration {
        why: "The customer table and the daily list show each customer's risk category and when it \
              expires: the latest assessment's category and date live on the customer row, kept in \
              step by a trigger on every recorded assessment (assessments are never edited), with \
              an index to find the expired ones.",
        sql: r#"
ALTER TABLE customers ADD COLUMN risk_category TEXT;
ALTER TABLE customers ADD COLUMN risk_assessed_on TEXT;
UPDATE customers SET
    risk_assessed_on = (SELECT max(taken_on) FROM assessments a WHERE a.customer_id = customers.id),
    risk_category = (SELECT category FROM assessments a WHERE a.customer_id = customers.id
                     ORDER BY taken_on DESC, id DESC LIMIT 1);
CREATE INDEX customers_by_risk_assessed ON customers (risk_assessed_on);
CREATE TRIGGER assessments_keep_customer_risk AFTER INSERT ON assessments
BEGIN
    UPDATE customers SET risk_category = NEW.category, risk_assessed_on = NEW.taken_on
    WHERE id = NEW.customer_id AND (risk_assessed_on IS NULL OR risk_assessed_on <= NEW.taken_on);
END;
"#,
    },
    Migration {
        why: "Tier management: indicator values per customer with the day they were measured (the \
              grading models' inputs, any number of measurements, the latest counts); a move into \
              the top tier waits for an approver's sign-off, kept on the tier change and flagged on \
              the customer row for the lists; and an append-only audit log: one `changes` row per \
              thing a person did (who, when, which session, which change it undid) and one \
              `audit_log` row per row it touched: nothing more for a row added (the row is its own \
              record until it is changed or removed), the changed columns' old and new values as \
              JSON for a change, the whole row for a removal (so that undo can put it back). The log is \
              written by triggers each connection installs (TEMP triggers, so they know the user \
              and session and a plain sqlite3 shell still works on the book).",
        sql: r#"
CREATE TABLE indicator_values (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    indicator   TEXT NOT NULL,
    value       ANY NOT NULL,
    measured_on TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (customer_id, indicator, measured_on)
) STRICT;
-- The review reads the latest value of one indicator for every customer in one pass.
CREATE INDEX indicator_values_latest ON indicator_values (indicator, customer_id, measured_on, value);

ALTER TABLE tier_changes ADD COLUMN needs_signoff INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tier_changes ADD COLUMN approved_by TEXT;
ALTER TABLE tier_changes ADD COLUMN approved_at TEXT;
ALTER TABLE customers ADD COLUMN signoff_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX customers_awaiting_signoff ON customers (signoff_pending) WHERE signoff_pending = 1;

CREATE TABLE changes (
    id       INTEGER PRIMARY KEY,
    session  TEXT NOT NULL,
    made_at  TEXT NOT NULL,
    made_by  TEXT NOT NULL,
    -- set on a change that undid another one
    undoes   INTEGER UNIQUE,
    -- the first audit_log row of the change: its rows follow one another (written under the
    -- write lock), so they are found by a short range of ids instead of one more index
    first_log INTEGER
) STRICT;
CREATE INDEX changes_by_session ON changes (session, id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    change_id   INTEGER NOT NULL REFERENCES changes (id),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    -- no foreign key: the history of a deleted customer stays readable
    customer_id INTEGER,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old_row     TEXT,
    new_row     TEXT
) STRICT;
CREATE INDEX audit_log_by_customer ON audit_log (customer_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#,
    },
    Migration {
        why: "Sign-off that says what it is: in a book kept by one person the product cannot know who \
              typed the approver's name, so every sign-off records whether the approver was verified \
              (0: the name as typed; sign-offs made before this step were not verified either).",
        sql: r#"
ALTER TABLE tier_changes ADD COLUMN approver_verified INTEGER NOT NULL DEFAULT 0;
"#,
    },
    Migration {
        why: "People in every book: a person has a login, a display name and a role (manager, lead, \
              admin; a manager may be on a lead's team), and customers are owned by a person. \
              Today's owner texts become people as they are (login and name = the text, role \
              manager), so `customers.owner` keeps its value and now names a person. An owner \
              written later (the form, an import, a sqlite3 shell) that is no person yet becomes \
              one the same way, by a trigger, so that every owner is a person whichever program \
              wrote it. The login is the person's key in every book (a team book's PostgreSQL \
              login), so it needs no uuid of its own.",
        sql: super::people::PEOPLE_TABLE,
    },
    Migration {
        why: "Whose list to show first is asked on every opening (does the signed-in person own a \
              customer?), and a person's lists filter by owner: without an index on the owner that \
              question read all 100,000 customers of a large book, 18 ms of every start.",
        sql: r#"
CREATE INDEX customers_by_owner ON customers (owner);
"#,
    },
    Migration {
        why: "Notes search: a person looks for the customer who asked about the bond fund (债券基金) \
              in what was written about contacts and follow-ups. A trigram index (FTS5) over the \
              contacts' summary and outcome and the follow-ups' promise finds any substring of \
              three characters or more, Chinese included, without reading every note; triggers in \
              the book keep it in step with every writer.",
        sql: super::notes::NOTES_INDEX,
    },
    Migration {
        why: "Suitability: the products a customer may be offered, each with its risk level R1 to R5 \
              (code unique; brought in by `tierdesk import products`, upserted by code), and a \
              contact that recommends a product names it (`product`, its code). A recommendation \
              of a product that does not suit the customer's risk category, or while that is \
              unknown, keeps what was judged and the customer's confirmation \
              (`acknowledged_mismatch`, JSON), so the audit log holds both.",
        sql: super::products::PRODUCTS_TABLE,
    },
    Migration {
        why: "Terms by tier: a customer's late payments are recorded (when, a note, who recorded it), \
              because two or more in a calendar quarter drop the customer's payment terms one level \
              (`domain::terms`). Audited like every record of a customer, so undo takes one back.",
        sql: super::payments::LATE_PAYMENTS,
    },
    Migration {
        why: "Customer temperament (顾客类型): a customer may have one of the temperament list's keys \
              (silent, haggler, ...), whose advice the salesperson reads before a visit. NULL is \
              none; customers written before this step have none.",
        sql: r#"
ALTER TABLE customers ADD COLUMN temperament TEXT CHECK (temperament IS NULL OR length(trim(temperament)) > 0);
"#,
    },
    Migration {
        why: "One vocabulary for moments: the book writes them as RFC 3339 with an offset. The \
              triggers that make a new owner a person stamped the person in UTC without saying so \
              (`strftime('%Y-%m-%d %H:%M:%S', 'now')`); they now write UTC with its `Z`. Rows written \
              before keep their text (which rows a trigger stamped cannot be told apart).",
        sql: super::people::UTC_STAMPS,
    },
    Migration {
        why: "A move that loses nothing (`export all` / `import all`): records are matched by uuid, \
              so that importing the same document twice adds nothing the second time. Products \
              (keyed by their code until now) and the audit log's changes get a uuid too, existing \
              rows a random (version 4) one; a change is append-only, so its guard is lifted for \
              the fill only, in this step's transaction. A log row is its change's: it moves with it.",
        sql: super::move_book::UUIDS_STEP,
    },
    Migration {
        why: "Search keys in the book: finding a customer by pinyin (zsyh, zhaoshang for 招商银行) \
              worked out the pinyin of every customer on every `tierdesk search` (1.2 s of a 1.3 s \
              search on 100,000 customers). Each customer's searched fields (name, company, and \
              contact, phone and tags together) are kept as the matcher reads them, the text with \
              its pinyin initials and full pinyin, with a mask of their letters so that a search \
              reads only the rows that may match, and the customer's owner and tier (copied by a \
              trigger) so that it reads no other table. Filled here for the customers already there \
              (`fill_after`); kept by every writer; the book's triggers drop the keys of a \
              customer another program renames or deletes, and a search works out keys that are \
              missing (see `search_keys`).",
        sql: super::search_keys::SEARCH_KEYS_TABLE,
    },
    Migration {
        why: "The counts per tier (on time, late) that the first screen shows were read by scanning \
              every customer row for its owner (40 ms of a 131 ms first frame at 100,000 \
              customers). The owner index gains the tier and next due date, so that one person's \
              counts are read from the index alone; it still serves every lookup by owner.",
        sql: "DROP INDEX customers_by_owner;
              CREATE INDEX customers_by_owner_tier_due ON customers (owner, tier, next_due_on);",
    },
    Migration {
        why: "A customer contacted today stays on today's list as it stood this morning, worked out \
              from its latest contact before today: two index seeks into the contacts per such \
              customer (160 ms of a 212 ms first frame on a million-customer book where 26,000 \
              were contacted that day). The row keeps the day of the latest contact before the \
              day of its latest one, filled here and kept by every write that sets the latest \
              contact, and an index holds what the first frame reads of the customers contacted \
              on a day (see `before_last`).",
        sql: super::before_last::STEP,
    },
    Migration {
        why: "The daily list read each customer due through the due-date index and then its row \
              in the table: on a book where most are due (back from a long leave, a fresh import) \
              that is a look-up per customer across the whole table. The due-date index now holds \
              the columns the list reads, so they come from the index alone, in order (see \
              `due_rows::DUE_LIST_STEP`).",
        sql: super::due_rows::DUE_LIST_STEP,
    },
];

/// What a step writes that its SQL cannot work out (the pinyin of names), in the step's
/// transaction after its SQL.
fn fill_after(step: &Migration, conn: &Connection) -> Result<()> {
    if step.sql == super::search_keys::SEARCH_KEYS_TABLE {
        super::search_keys::fill_missing(conn)?;
    }
    Ok(())
}

/// The newest schema this binary knows.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Apply the pending migrations, each with its version bump in one transaction.
/// A book from a newer tierdesk is refused before anything is written.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    migrate_to(conn, path, latest())
}

/// Apply migrations up to `target` (tests use this to stop at an older version).
pub fn migrate_to(conn: &mut Connection, path: Option<&Path>, target: i64) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest() {
        return Err(StoreError::NewerSchema {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found,
            known: latest(),
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(step.sql)?;
        fill_after(step, &tx)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut st = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn every_step_documents_why() {
        for m in MIGRATIONS {
            assert!(m.why.len() > 20);
        }
    }

    #[test]
    fn step_1_creates_the_first_book_from_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 1).unwrap();
        assert_eq!(
            tables(&conn),
            ["assessment_answers", "assessments", "book_meta", "contacts", "customers", "follow_ups", "tier_changes"]
        );
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
    }

    #[test]
    fn step_2_adds_snoozes_and_keeps_a_version_1_book() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO follow_ups (uuid, customer_id, what, due_on, created_at, updated_at)
             VALUES ('f1', 1, '报价', '2026-02-01', '2026-01-01 00:00:00', '2026-01-01 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 2).unwrap();
        assert!(tables(&conn).contains(&"snoozes".to_string()));
        assert!(tables(&conn).contains(&"follow_up_reschedules".to_string()));
        let n: i64 = conn
            .query_row("SELECT count(*) FROM customers JOIN follow_ups ON customer_id = customers.id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "data written at version 1 survives");
    }

    #[test]
    fn step_3_swaps_the_contacts_index_for_a_covering_one() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', 'A', 'a', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             VALUES ('c1', 1, 'call', '2026-01-05', '2026-01-05 00:00:00', 't', '2026-01-05 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 3).unwrap();
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT kind, max(happened_on) FROM contacts WHERE customer_id = 1 GROUP BY kind",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX contacts_by_customer_date_kind"), "{plan}");
        let n: i64 = conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn step_4_adds_assessment_drafts_and_numbers_stored_answers() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_to(&mut conn, None, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO assessments (uuid, customer_id, questionnaire_id, questionnaire_version, taken_on,
                                      taken_by, score, category, created_at, updated_at)
             VALUES ('a1', 1, 'risk_tolerance', 1, '2026-01-05', 't', 54, 'steady',
                     '2026-01-05 00:00:00', '2026-01-05 00:00:00');
             INSERT INTO assessment_answers (assessment_id, question_id, row_index, letters, points)
             VALUES (1, 'age', 0, 'B', 7);",
        )
        .unwrap();
        migrate_to(&mut conn, None, 4).unwrap();
        assert!(tables(&conn).contains(&"assessment_drafts".to_string()));
        assert!(tables(&conn).contains(&"assessment_draft_answers".to_string()));
        let old: (String, i64, i64) = conn
            .query_row("SELECT letters, points, question_no FROM assessment_answers", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(old, ("B".to_string(), 7, 0), "an answer recorded before keeps its letters, number unknown");
        conn.execute_batch(
            "INSERT INTO assessment_drafts (uuid, customer_id, questionnaire_id, questionnaire_version,
                                            started_at, started_by, updated_at)
             VALUES ('d1', 1, 'risk_tolerance', 1, '2026-02-01 09:00:00', 't', '2026-02-01 09:00:00');
             INSERT INTO assessment_draft_answers (draft_id, question_no, question_id, letters)
             VALUES (1, 1, 'age', 'C');",
        )
        .unwrap();
        let second = conn.execute(
            "INSERT INTO assessment_drafts (uuid, customer_id, questionnaire_id, questionnaire_version,
                                            started_at, started_by, updated_at)
             VALUES ('d2', 1, 'risk_tolerance', 1, '2026-02-01 09:00:00', 't', '2026-02-01 09:00:00')",
            [],
        );
        assert!(second.is_err(), "one draft per customer and questionnaire");
        conn.execute("DELETE FROM customers", []).unwrap();
        let left: i64 = conn.query_row("SELECT count(*) FROM assessment_draft_answers", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "drafts go with their customer");
    }

    #[test]
    fn step_6_adds_indicators_sign_off_and_the_audit_log_to_a_version_5_book() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'B', '2026-01-15', '2026-01-01 00:00:00');
             INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason, updated_at)
             VALUES ('t1', 1, 'C', 'B', '2026-01-01 00:00:00', 'lin', 'x', '2026-01-01 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 6).unwrap();
        for t in ["indicator_values", "changes", "audit_log"] {
            assert!(tables(&conn).contains(&t.to_string()), "{t}");
        }
        let (pending, needs): (i64, i64) = conn
            .query_row(
                "SELECT signoff_pending, needs_signoff FROM customers JOIN tier_changes ON customer_id = customers.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((pending, needs), (0, 0), "old changes wait for nobody");
        conn.execute(
            "INSERT INTO indicator_values (uuid, customer_id, indicator, value, measured_on, entered_at, entered_by, updated_at)
             VALUES ('i1', 1, 'assets', 5000000.5, '2026-06-30', 'x', 'lin', 'x'), ('i2', 1, 'rating', '好', '2026-06-30', 'x', 'lin', 'x')",
            [],
        )
        .unwrap();
        let kinds: Vec<String> = conn
            .prepare("SELECT typeof(value) FROM indicator_values ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(kinds, ["real", "text"], "numbers and choices keep their type");
    }

    #[test]
    fn step_7_records_that_earlier_sign_offs_were_not_verified() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 6).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO tier_changes (uuid, customer_id, from_tier, to_tier, changed_at, changed_by, reason,
                                       updated_at, needs_signoff, approved_by, approved_at)
             VALUES ('t1', 1, 'B', 'A', '2026-01-01 00:00:00', 'lin', 'x', '2026-01-01 00:00:00', 1, '周总',
                     '2026-01-02 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 7).unwrap();
        let row: (String, i64) = conn
            .query_row("SELECT approved_by, approver_verified FROM tier_changes", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(row, ("周总".to_string(), 0), "the sign-off stays, marked not verified");
        conn.execute(
            "INSERT INTO tier_changes (uuid, customer_id, to_tier, changed_at, changed_by, reason, updated_at)
             VALUES ('t2', 1, 'A', 'x', 'lin', '', 'x')",
            [],
        )
        .unwrap();
        let v: i64 =
            conn.query_row("SELECT approver_verified FROM tier_changes WHERE uuid = 't2'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 0, "a new row is not verified unless said so");
    }

    #[test]
    fn step_9_lets_whose_list_be_asked_without_reading_every_customer() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, 8).unwrap();
        let plan = |conn: &Connection| -> String {
            conn.prepare("EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM customers WHERE owner = ?1)")
                .unwrap()
                .query_map(["lin"], |r| r.get::<_, String>(3))
                .unwrap()
                .map(|r| r.unwrap())
                .collect::<Vec<_>>()
                .join("; ")
        };
        assert!(plan(&conn).contains("SCAN customers"), "before: {}", plan(&conn));
        migrate_to(&mut conn, None, 9).unwrap();
        assert!(plan(&conn).contains("USING COVERING INDEX customers_by_owner"), "after: {}", plan(&conn));
    }

    #[test]
    fn step_10_indexes_the_notes_already_written_and_those_written_after() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_to(&mut conn, None, 9).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (id, uuid, name, name_key, created_on, tier, next_due_on, updated_at) VALUES
               (1, 'u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO contacts (uuid, customer_id, kind, happened_on, summary, outcome, created_at, created_by, updated_at)
             VALUES ('k1', 1, 'call', '2026-01-02', '问了债券基金', '', '2026-01-02 00:00:00', 'me', '2026-01-02 00:00:00');
             INSERT INTO follow_ups (uuid, customer_id, what, due_on, created_at, updated_at)
             VALUES ('f1', 1, 'send the bond fund brochure', '2026-01-09', '2026-01-02 00:00:00', '2026-01-02 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 10).unwrap();
        let count = |conn: &Connection, table: &str, phrase: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table} WHERE {table} MATCH ?1"), [phrase], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&conn, "contacts_notes", "\"债券基金\""), 1);
        assert_eq!(count(&conn, "follow_ups_notes", "\"Bond Fund\""), 1);
        conn.execute("UPDATE contacts SET summary = '问了货币基金' WHERE uuid = 'k1'", []).unwrap();
        assert_eq!(count(&conn, "contacts_notes", "\"债券基金\""), 0);
        assert_eq!(count(&conn, "contacts_notes", "\"货币基金\""), 1);
        conn.execute("DELETE FROM customers", []).unwrap();
        assert_eq!(count(&conn, "contacts_notes", "\"货币基金\""), 0);
        assert_eq!(count(&conn, "follow_ups_notes", "\"bond fund\""), 0);
        conn.execute_batch("INSERT INTO contacts_notes (contacts_notes) VALUES ('integrity-check')").unwrap();
    }

    #[test]
    fn step_8_turns_owner_texts_into_people() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate_to(&mut conn, None, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at, owner) VALUES
               ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00', 'Lin'),
               ('u2', 'Acme', 'acme', '2026-01-01', 'B', '2026-01-15', '2026-01-01 00:00:00', '林小姐'),
               ('u3', 'Zed', 'zed', '2026-01-01', 'C', '2026-02-01', '2026-01-01 00:00:00', 'Lin'),
               ('u4', 'Nobody', 'nobody', '2026-01-01', 'C', '2026-02-01', '2026-01-01 00:00:00', '');",
        )
        .unwrap();
        migrate_to(&mut conn, None, 8).unwrap();
        let people: Vec<(String, String, String)> = conn
            .prepare("SELECT login, name, role FROM people ORDER BY login")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let p = |l: &str| (l.to_string(), l.to_string(), "manager".to_string());
        assert_eq!(people, [p("Lin"), p("林小姐")], "one person per owner text, none for no owner");
        let owners: Vec<String> = conn
            .prepare("SELECT owner FROM customers ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(owners, ["Lin", "林小姐", "Lin", ""], "owners keep their text");
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at, owner)
             VALUES ('u5', 'New', 'new', '2026-01-01', 'C', '2026-02-01', '2026-01-01 00:00:00', 'wang');
             UPDATE customers SET owner = 'chen' WHERE uuid = 'u4';",
        )
        .unwrap();
        let n: i64 =
            conn.query_row("SELECT count(*) FROM people WHERE login IN ('wang', 'chen')", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2, "an owner written later becomes a person too");
        let bad = conn.execute("INSERT INTO people (login, name, role, created_at) VALUES ('x', 'X', 'boss', 'x')", []);
        assert!(bad.is_err(), "roles are manager, lead or admin");
        let bad = conn.execute(
            "INSERT INTO people (login, name, role, lead, created_at) VALUES ('y', 'Y', 'manager', 'ghost', 'x')",
            [],
        );
        assert!(bad.is_err(), "a lead is a person");
    }

    #[test]
    fn the_products_step_adds_products_and_a_contacts_product_keeping_contacts() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = MIGRATIONS.iter().position(|m| m.why.starts_with("Suitability")).unwrap() as i64;
        migrate_to(&mut conn, None, before).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', 'Acme', 'acme', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');
             INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
             VALUES ('k1', 1, 'call', '2026-01-02', '2026-01-02 00:00:00', 'lin', '2026-01-02 00:00:00');",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let old: (Option<String>, Option<String>) = conn
            .query_row("SELECT product, acknowledged_mismatch FROM contacts WHERE uuid = 'k1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(old, (None, None), "a contact logged before has no product");
        let add = |code: &str, level: i64| {
            conn.execute(
                "INSERT INTO products (code, name, risk_level, created_at, updated_at) VALUES (?1, 'x', ?2, 'x', 'x')",
                rusqlite::params![code, level],
            )
        };
        add("MMF001", 1).unwrap();
        assert!(add("MMF001", 2).is_err(), "codes are unique");
        assert!(add("BAD", 6).is_err(), "levels are 1 to 5");
    }

    #[test]
    fn the_late_payments_step_adds_its_table_to_a_book_that_had_notes_search() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let before = MIGRATIONS.iter().position(|m| m.sql == super::super::payments::LATE_PAYMENTS).unwrap() as i64;
        migrate_to(&mut conn, None, before).unwrap();
        assert!(!tables(&conn).contains(&"late_payments".to_string()));
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'B', '2026-01-15', '2026-01-01 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, before + 1).unwrap();
        conn.execute_batch(
            "INSERT INTO late_payments (uuid, customer_id, late_on, recorded_by, created_at, updated_at)
             VALUES ('l1', 1, '2026-07-14', 'lin', '2026-07-15 09:00:00', '2026-07-15 09:00:00');",
        )
        .unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM late_payments WHERE note = ''", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "the note defaults to empty");
        let bad = conn.execute(
            "INSERT INTO late_payments (uuid, customer_id, late_on, recorded_by, created_at, updated_at)
             VALUES ('l2', 99, '2026-07-14', 'lin', 'x', 'x')",
            [],
        );
        assert!(bad.is_err(), "a late payment belongs to a customer");
        conn.execute("DELETE FROM customers", []).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM late_payments", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "and goes with them");
    }

    #[test]
    fn the_temperament_step_gives_customers_an_empty_temperament_and_keeps_them() {
        const TEMPERAMENT_STEP: i64 = 13;
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, None, TEMPERAMENT_STEP - 1).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01 00:00:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, TEMPERAMENT_STEP).unwrap();
        let (name, t): (String, Option<String>) =
            conn.query_row("SELECT name, temperament FROM customers", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((name.as_str(), t), ("王芳", None));
        conn.execute("UPDATE customers SET temperament = 'haggler'", []).unwrap();
        assert!(conn.execute("UPDATE customers SET temperament = ' '", []).is_err(), "blank is no temperament");
    }

    #[test]
    fn a_new_owner_becomes_a_person_stamped_in_utc_with_its_offset() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, created_on, tier, next_due_on, updated_at, owner)
             VALUES ('u1', '王芳', 'wang fang', '2026-01-01', 'A', '2026-01-08', '2026-01-01T00:00:00+08:00', 'lin');",
        )
        .unwrap();
        let at: String = conn.query_row("SELECT created_at FROM people WHERE login = 'lin'", [], |r| r.get(0)).unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(&at).is_ok(), "{at}");
    }

    #[test]
    fn the_search_keys_step_fills_the_keys_of_the_customers_already_there() {
        use crate::domain::search::SearchKeys;
        let mut conn = Connection::open_in_memory().unwrap();
        let before =
            MIGRATIONS.iter().position(|m| m.sql == super::super::search_keys::SEARCH_KEYS_TABLE).unwrap() as i64;
        migrate_to(&mut conn, None, before).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (uuid, name, name_key, company, contact_person, phone, tags, created_on, tier,
                                    next_due_on, updated_at)
             VALUES ('u1', '招商银行', 'zhao shang yin hang', '招商银行股份有限公司', '李经理', '95555', '银行 重点',
                     '2026-01-01', 'A', '2026-01-08', '2026-01-01T00:00:00+08:00'),
                    ('u2', 'Acme', 'acme', '', '', '', '', '2026-01-01', 'C', '2026-02-01', '2026-01-01T00:00:00+08:00');",
        )
        .unwrap();
        migrate_to(&mut conn, None, before + 1).unwrap();
        let stored = |id: i64| -> SearchKeys {
            conn.query_row(
                "SELECT name_keys, company_keys, rest_keys, name_mask, company_mask, rest_mask
                 FROM customer_search WHERE customer_id = ?1",
                [id],
                |r| {
                    let m = |i| r.get::<_, i64>(i).map(|m| m as u64);
                    Ok(SearchKeys {
                        name: r.get(0)?,
                        company: r.get(1)?,
                        rest: r.get(2)?,
                        masks: [m(3)?, m(4)?, m(5)?],
                    })
                },
            )
            .unwrap()
        };
        assert_eq!(stored(1), SearchKeys::of("招商银行", "招商银行股份有限公司", "李经理", "95555", "银行 重点"));
        assert_eq!(stored(1).name, "招商银行  zsyh  zhaoshangyinhang");
        assert_eq!(stored(2), SearchKeys::of("Acme", "", "", "", ""));
        let copied: Vec<(String, String, i64, i64)> = conn
            .prepare("SELECT owner, tier, name_end, company_end FROM customer_search ORDER BY customer_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(copied, [("".into(), "A".into(), 12, 30), ("".into(), "C".into(), 4, 0)]);
        // From now on the book drops the keys of a customer renamed or deleted by anyone.
        conn.execute("UPDATE customers SET name = '工商银行' WHERE id = 1", []).unwrap();
        conn.execute("DELETE FROM customers WHERE id = 2", []).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn one_person_s_counts_per_tier_are_read_from_the_owner_index_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        let plan = |sql: &str| -> String {
            let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = st.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
        };
        let mine = plan(
            "SELECT tier, sum(next_due_on >= '2026-11-23') FROM customers
             WHERE owner IN (SELECT value FROM json_each('[\"lin\"]')) GROUP BY tier",
        );
        assert!(mine.contains("COVERING INDEX customers_by_owner_tier_due"), "{mine}");
        let all = plan("SELECT tier, sum(next_due_on >= '2026-11-23') FROM customers GROUP BY tier");
        assert!(all.contains("COVERING INDEX"), "{all}");
        let by_owner = plan("SELECT id FROM customers WHERE owner = 'lin'");
        assert!(by_owner.contains("customers_by_owner_tier_due"), "a lookup by owner still has an index: {by_owner}");
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        migrate(&mut conn, None).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, latest());
    }

    #[test]
    fn a_newer_book_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest() + 1).unwrap();
        let err = migrate(&mut conn, None).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == latest() + 1));
        assert!(tables(&conn).is_empty());
    }
}
