//! Importing spreadsheets, pure: the header mapping (English or Chinese names, any order),
//! each row checked into a record or into bad-row reports (line, column, reason), and the
//! plan of what an import would add, update or skip. Takes text already decoded; reading
//! the file, guessing its encoding and writing to the book belong to the CLI and the store.

pub mod contacts;
mod customer_columns;
pub mod customers;
pub mod follow_ups;
pub mod formula;
pub mod products;
mod quotes;
pub mod sniff;
mod table;

use std::collections::HashMap;

use super::contact_draft::ContactProblem;
use super::customer::{CustomerId, FieldProblem};

pub use quotes::{check_quotes, check_quotes_with};
pub use table::{Column, FileProblem, Source, sample};

/// What to do with a row that is already in the book (or earlier in the same file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Refuse the whole import, listing every duplicate.
    #[default]
    Fail,
    /// Leave the book's customer as it is.
    Skip,
    /// Replace the fields the file gives.
    Update,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A customer field (required, unknown tier, bad date, too long, ...).
    Field(FieldProblem),
    /// A contact field (bad or future date, a follow-up without its due date, ...).
    Contact(ContactProblem),
    /// The cell holds bytes that are not text in the file's encoding.
    Unreadable,
    /// The cell holds a control character (NUL, ESC, ...; in notes, tab and line breaks
    /// are text): stored, it could later drive the terminal of whoever reads it.
    ControlCharacter(char),
    /// The row has more cells than the header has columns.
    ExtraCells { found: usize, expected: usize },
    /// A `uuid` cell that is not a UUID.
    NotAUuid,
    /// No customer has this ref or name.
    UnknownCustomer(String),
    /// Several customers have this ref or name.
    AmbiguousCustomer { key: String, ids: Vec<CustomerId> },
    /// Not a contact kind's code or name.
    UnknownKind(String),
    /// Not a temperament's key or name (`known`: the list's keys, comma-separated).
    UnknownTemperament { text: String, known: String },
    /// A recommendation in a contacts file: it names a product and needs a suitability
    /// check, which a row of contacts does not carry.
    RecommendationNotImported,
    /// A follow-up's done time that is not YYYY-MM-DD [HH:MM:SS].
    BadDoneTime,
    /// The ref belongs to another customer of the book.
    RefTaken { ext_ref: String, by: CustomerId },
    /// `--on-duplicate update`, but name and company match several customers of the book.
    AmbiguousMatch { ids: Vec<CustomerId> },
    /// A product code that is not one word of at most 40 characters.
    ProductCode(String),
    /// A product code given on an earlier line of the file.
    RepeatedCode { code: String, line: u64 },
    /// A risk level that is not R1 to R5 (or 1 to 5).
    RiskLevel(String),
    /// The CSV cannot be read past this point.
    Broken(FileProblem),
}

/// One problem of one row: the line of the file where the row starts, the column as the
/// file names it (None when the problem is the whole row's), and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    pub column: Option<String>,
    pub problem: Problem,
}

/// What made a row a duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateKey {
    Uuid(String),
    Ref(String),
    NameCompany { name: String, company: String },
}

/// What a row duplicates: customers of the book, or an earlier line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateOf {
    Book(Vec<CustomerId>),
    Line(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub line: u64,
    pub key: DuplicateKey,
    pub of: DuplicateOf,
}

/// The book's customers as an import finds them: by uuid, by ref, by exact name (with the
/// company, for duplicates found by name plus company).
#[derive(Debug, Clone, Default)]
pub struct CustomerIndex {
    by_uuid: HashMap<String, CustomerId>,
    by_ref: HashMap<String, CustomerId>,
    by_name: HashMap<String, Vec<(CustomerId, String)>>,
}

impl CustomerIndex {
    pub fn insert(&mut self, id: CustomerId, uuid: &str, ext_ref: Option<&str>, name: &str, company: &str) {
        self.by_uuid.insert(uuid.to_string(), id);
        if let Some(r) = ext_ref.filter(|r| !r.is_empty()) {
            self.by_ref.insert(r.to_string(), id);
        }
        self.by_name.entry(name.to_string()).or_default().push((id, company.to_string()));
    }

    pub fn len(&self) -> usize {
        self.by_uuid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_uuid.is_empty()
    }

    pub fn by_uuid(&self, uuid: &str) -> Option<CustomerId> {
        self.by_uuid.get(uuid).copied()
    }

    pub fn by_ref(&self, ext_ref: &str) -> Option<CustomerId> {
        self.by_ref.get(ext_ref).copied()
    }

    /// The customers with exactly this name and company.
    pub fn by_name_company(&self, name: &str, company: &str) -> Vec<CustomerId> {
        self.by_name
            .get(name)
            .map(|v| v.iter().filter(|(_, c)| c == company).map(|(id, _)| *id).collect())
            .unwrap_or_default()
    }

    /// The customers a contacts file means by `key`: its ref, its uuid, or its exact name.
    pub fn lookup(&self, key: &str) -> Vec<CustomerId> {
        let mut ids: Vec<CustomerId> = Vec::new();
        ids.extend(self.by_ref.get(key));
        ids.extend(self.by_uuid.get(key));
        if let Some(v) = self.by_name.get(key) {
            ids.extend(v.iter().map(|(id, _)| *id));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// How an exported contacts file names a customer so that an import finds exactly it
    /// again: the ref if it is unambiguous, else the name if it is, else the uuid.
    pub fn export_key<'a>(&self, uuid: &'a str, ext_ref: Option<&'a str>, name: &'a str) -> &'a str {
        let unique = |key: &str| self.lookup(key).len() == 1;
        match ext_ref.filter(|r| !r.is_empty()) {
            Some(r) if unique(r) => r,
            _ if !name.trim().is_empty() && name.trim() == name && unique(name) => name,
            _ => uuid,
        }
    }
}

/// A cell that decoding could not read holds U+FFFD in its place.
fn unreadable(cell: &str) -> bool {
    cell.contains('\u{FFFD}')
}

/// The first control character of a cell that no import stores: any, except tab and line
/// breaks in a cell of several lines (`multiline`).
fn control_character(cell: &str, multiline: bool) -> Option<char> {
    cell.chars().find(|c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')))
}

/// A UUID cell in its canonical form (lower-case, hyphenated), or None.
fn canonical_uuid(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text.trim()).ok().map(|u| u.hyphenated().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_finds_by_ref_uuid_or_name_and_export_keys_stay_unique() {
        let mut ix = CustomerIndex::default();
        ix.insert(CustomerId(1), "u-1", Some("K-001"), "招商银行", "招行");
        ix.insert(CustomerId(2), "u-2", None, "王芳", "华信");
        ix.insert(CustomerId(3), "u-3", None, "王芳", "远航");
        ix.insert(CustomerId(4), "u-4", Some("王芳"), "李强", "");
        assert_eq!(ix.lookup("K-001"), vec![CustomerId(1)]);
        assert_eq!(ix.lookup("招商银行"), vec![CustomerId(1)]);
        assert_eq!(ix.lookup("u-3"), vec![CustomerId(3)]);
        assert_eq!(ix.lookup("王芳"), vec![CustomerId(2), CustomerId(3), CustomerId(4)]);
        assert_eq!(ix.by_name_company("王芳", "远航"), vec![CustomerId(3)]);
        assert_eq!(ix.export_key("u-1", Some("K-001"), "招商银行"), "K-001");
        assert_eq!(ix.export_key("u-2", None, "王芳"), "u-2");
        // a ref that is also another customer's name is not unique: the name is
        assert_eq!(ix.export_key("u-4", Some("王芳"), "李强"), "李强");
    }

    #[test]
    fn uuids_are_checked_and_made_canonical() {
        assert_eq!(
            canonical_uuid(" 67E55044-10B1-426F-9247-BB680E5FE0C8 ").as_deref(),
            Some("67e55044-10b1-426f-9247-bb680e5fe0c8")
        );
        assert_eq!(canonical_uuid("K-001"), None);
    }
}
