//! A move that loses nothing: the whole book as one JSON document (`export all`, `import all`).
//!
//! The document: `{"format": "tierdesk-book", "version": 1, "exported_at": "...", <sections>}`,
//! each section an array of records, parents before children (the order of `SECTIONS`). A
//! record is its table's row as columns and values, without the local `id`; a reference to
//! another record is that record's uuid (`customer_uuid`, `contact_uuid`, ...), never an id,
//! so a document reads the same in any book. Records are matched by uuid (people by login,
//! the book's facts by key, answers by their assessment and question): importing the same
//! document twice adds nothing the second time.
//!
//! What must not go here: SQL of one engine (see `sqlite_export`, `sqlite_import`, and the
//! team engine's `engine::move_book`), and wording (`i18n::move_texts`).

mod read;
mod sqlite_export;
mod sqlite_import;

pub use read::read_document;
pub use sqlite_export::{export_all, local_only};
pub use sqlite_import::import_all;

use serde::Serialize;

/// The document's `format`.
pub const FORMAT: &str = "tierdesk-book";
/// The document's `version`: a reader refuses a newer one (it may hold what it cannot keep).
pub const VERSION: u64 = 1;

/// A column naming another record, as it appears in a document: the record's uuid.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    /// The column in the table (an integer id).
    pub column: &'static str,
    /// The key in the document (the uuid of the record named).
    pub key: &'static str,
    /// The table named.
    pub table: &'static str,
    /// A reference the history keeps after its record is gone: unresolved, it is left empty
    /// instead of refusing the record.
    pub soft: bool,
}

/// How a record of a section is recognised in a book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Its `uuid` column.
    Uuid,
    /// The table's own key (people's login, a fact's key, an answer's assessment and
    /// question): a record already there is left as it is.
    Natural,
    /// A row of the audit log: it comes with its change, and only with a change new to the book.
    OfChange,
}

/// One section of the document: a table of the book.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub name: &'static str,
    pub table: &'static str,
    pub key: Key,
    pub refs: &'static [Reference],
    /// The order records are written in (and so read back in).
    pub order: &'static str,
}

const fn r(column: &'static str, key: &'static str, table: &'static str) -> Reference {
    Reference { column, key, table, soft: false }
}

const fn soft(column: &'static str, key: &'static str, table: &'static str) -> Reference {
    Reference { column, key, table, soft: true }
}

const CUSTOMER: Reference = r("customer_id", "customer_uuid", "customers");

/// The sections, parents before children.
pub const SECTIONS: [Section; 17] = [
    Section { name: "book", table: "book_meta", key: Key::Natural, refs: &[], order: "key" },
    Section { name: "people", table: "people", key: Key::Natural, refs: &[], order: "created_at, login" },
    Section { name: "products", table: "products", key: Key::Uuid, refs: &[], order: "id" },
    Section { name: "customers", table: "customers", key: Key::Uuid, refs: &[], order: "id" },
    Section { name: "tier_changes", table: "tier_changes", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section { name: "contacts", table: "contacts", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section {
        name: "follow_ups",
        table: "follow_ups",
        key: Key::Uuid,
        refs: &[CUSTOMER, r("contact_id", "contact_uuid", "contacts")],
        order: "id",
    },
    Section {
        name: "follow_up_reschedules",
        table: "follow_up_reschedules",
        key: Key::Uuid,
        refs: &[r("follow_up_id", "follow_up_uuid", "follow_ups")],
        order: "id",
    },
    Section { name: "snoozes", table: "snoozes", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section { name: "assessments", table: "assessments", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section {
        name: "assessment_answers",
        table: "assessment_answers",
        key: Key::Natural,
        refs: &[r("assessment_id", "assessment_uuid", "assessments")],
        order: "assessment_id, question_no, question_id, row_index",
    },
    Section { name: "assessment_drafts", table: "assessment_drafts", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section {
        name: "assessment_draft_answers",
        table: "assessment_draft_answers",
        key: Key::Natural,
        refs: &[r("draft_id", "draft_uuid", "assessment_drafts")],
        order: "draft_id, question_no, question_id, row_index",
    },
    Section { name: "indicator_values", table: "indicator_values", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section { name: "late_payments", table: "late_payments", key: Key::Uuid, refs: &[CUSTOMER], order: "id" },
    Section {
        name: "changes",
        table: "changes",
        key: Key::Uuid,
        refs: &[soft("undoes", "undoes_uuid", "changes")],
        order: "id",
    },
    Section {
        name: "audit_log",
        table: "audit_log",
        key: Key::OfChange,
        refs: &[r("change_id", "change_uuid", "changes"), soft("customer_id", "customer_uuid", "customers")],
        order: "id",
    },
];

/// The tables whose records the audit log names by `row_id` (and, in a document, by `row_uuid`).
pub const LOGGED_TABLES: [&str; 9] = [
    "customers",
    "contacts",
    "follow_ups",
    "follow_up_reschedules",
    "tier_changes",
    "snoozes",
    "indicator_values",
    "assessments",
    "late_payments",
];

/// A random version-4 uuid, computed by SQLite (for rows written before uuids were kept, and
/// for a change the audit triggers open).
#[macro_export]
macro_rules! sql_uuid_v4 {
    () => {
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
         substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
    };
}

/// The schema step giving products and changes their uuid (see its `why` in `migrations`).
pub const UUIDS_STEP: &str = concat!(
    "ALTER TABLE products ADD COLUMN uuid TEXT;\n",
    "UPDATE products SET uuid = ",
    sql_uuid_v4!(),
    ";\nCREATE UNIQUE INDEX products_by_uuid ON products (uuid);\n",
    "DROP TRIGGER changes_no_update;\n",
    "ALTER TABLE changes ADD COLUMN uuid TEXT;\n",
    "UPDATE changes SET uuid = ",
    sql_uuid_v4!(),
    ";\nCREATE UNIQUE INDEX changes_by_uuid ON changes (uuid);\n",
    "CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes\n",
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n",
);

/// The guard on changes, as the book has it: `import all` lifts it in its transaction to
/// point its changes at their first log row, and puts it back before committing.
pub const CHANGES_GUARD: &str = "CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/// What is wrong with a document, or why it cannot come in: named for a person (the record
/// by its section, its place and its uuid), worded by `i18n::move_texts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveProblem {
    /// Not JSON, or not shaped as a book document (`what`: the parser's words, with line and column).
    NotADocument(String),
    /// `format` is not "tierdesk-book".
    NotABookDocument(String),
    /// A `version` newer than this tierdesk reads.
    NewerVersion {
        found: u64,
        known: u64,
    },
    /// A section before `format` and `version`, or a key no version-1 document has.
    UnknownSection(String),
    MissingHeader,
    /// A record that cannot come in.
    BadRecord {
        section: String,
        index: u64,
        uuid: Option<String>,
        problem: RecordProblem,
    },
    /// The book's tier scheme differs from the document's.
    OtherScheme,
    /// The team book takes a book through `team import-book`.
    TeamBook,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    NotAnObject,
    UnknownField(String),
    /// A field whose value is a list or an object.
    NotAValue(String),
    /// A reference to a record neither the book nor the document (before it) holds.
    NoSuchRecord {
        key: String,
        uuid: String,
    },
    /// The book refused the row (a constraint: the words of the database).
    Refused(String),
}

/// How many records of a section came in, and how many were already in the book.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SectionCount {
    pub section: String,
    pub added: u64,
    pub already_there: u64,
}

/// What `import all` did, section by section.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Moved {
    pub sections: Vec<SectionCount>,
}

impl Moved {
    pub fn added(&self) -> u64 {
        self.sections.iter().map(|s| s.added).sum()
    }

    pub fn already_there(&self) -> u64 {
        self.sections.iter().map(|s| s.already_there).sum()
    }
}

/// What `export all` wrote: records per section.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Exported {
    pub sections: Vec<(String, u64)>,
}

impl crate::store::book::Moves for crate::store::Store {
    fn export_all(&self, out: &mut dyn std::io::Write) -> crate::store::Result<Exported> {
        export_all(&self.conn, out, &crate::clock::rfc3339(self.clock.now()))
    }

    fn import_all(&mut self, input: &mut dyn std::io::Read) -> crate::store::Result<Moved> {
        import_all(&mut self.conn, input)
    }
}

/// The solo book's columns of each section's table (in `SECTIONS` order), from a book made
/// in memory: what another engine's export keeps of its rows.
pub fn solo_columns() -> crate::store::Result<Vec<std::collections::HashSet<String>>> {
    let mut conn = rusqlite::Connection::open_in_memory()?;
    crate::store::migrations::migrate(&mut conn, None)?;
    SECTIONS.iter().map(|s| Ok(crate::store::audit::columns(&conn, s.table)?.into_iter().collect())).collect()
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::store::migrations::{MIGRATIONS, migrate_to};

    #[test]
    fn the_uuids_step_gives_existing_products_and_changes_distinct_version_4_uuids() {
        let mut conn = Connection::open_in_memory().unwrap();
        // The step before it, wherever later steps put it.
        let before = MIGRATIONS.iter().position(|m| m.sql == super::UUIDS_STEP).unwrap() as i64;
        migrate_to(&mut conn, None, before).unwrap();
        conn.execute_batch(
            "INSERT INTO products (code, name, risk_level, created_at, updated_at) VALUES
                 ('P1', 'a', 1, 'x', 'x'), ('P2', 'b', 2, 'x', 'x');
             INSERT INTO changes (session, made_at, made_by) VALUES ('s', 'x', 'u'), ('s', 'x', 'u');",
        )
        .unwrap();
        migrate_to(&mut conn, None, before + 1).unwrap();
        for table in ["products", "changes"] {
            let uuids: Vec<String> = conn
                .prepare(&format!("SELECT uuid FROM {table}"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            assert_eq!(uuids.len(), 2);
            assert_ne!(uuids[0], uuids[1]);
            for u in &uuids {
                let parsed = uuid::Uuid::parse_str(u).unwrap();
                assert_eq!(parsed.get_version_num(), 4, "{u}");
            }
        }
        // The change log is append-only again.
        assert!(conn.execute("UPDATE changes SET session = 't'", []).is_err());
    }
}
