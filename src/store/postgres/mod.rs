//! The team book on PostgreSQL: its schema (`schema`), its people and their roles (`team`),
//! and connecting (`connect`). The engine that reads and writes customers on it comes
//! behind the store's traits; this is what it stands on.
//!
//! Every person is a PostgreSQL login; one group role per product role (manager, lead,
//! admin) holds the grants, and row-level security decides which customers a login sees.

/// The team book's records, in the SQLite book's table names, parents before children and
/// the audit log after its changes: what a backup copies out and `team import-book` brings in.
pub const BOOK_TABLES: [&str; 15] = [
    // Shared, as people are: an import adds the codes the team book lacks (`import_book`).
    "products",
    "customers",
    "tier_changes",
    "contacts",
    "follow_ups",
    "follow_up_reschedules",
    "snoozes",
    "assessments",
    "assessment_answers",
    "assessment_drafts",
    "assessment_draft_answers",
    "indicator_values",
    "late_payments",
    "changes",
    "audit_log",
];

mod access_v1;
mod audit_v2;
mod claim_limit_step;
mod connect;
mod coverage_step;
mod engine;
mod handover_step;
mod import_book;
mod late_payments_step;
mod policy_once_step;
pub(crate) mod pool_step;
pub mod schema;
mod schema_v1;
mod sweep_sets_step;
pub mod team;

pub use connect::{connect, describe_url, is_postgres_url};
pub use engine::PgStore;
pub use import_book::Brought;
pub use team::{Person, Role};

/// Everything that can go wrong with a team book, one clear line each.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("\"{0}\" is not a PostgreSQL URL (postgres://LOGIN@HOST[:PORT]/DATABASE)")]
    BadUrl(String),
    #[error("no PostgreSQL server answers at {at} ({why})")]
    Unreachable { at: String, why: String },
    #[error("PostgreSQL refused the login \"{login}\": wrong password, or no such login")]
    AuthFailed { login: String },
    #[error("there is no database \"{db}\" on {at}; create it first (createdb {db})")]
    NoDatabase { db: String, at: String },
    #[error("\"{login}\" is not a person of this team book; ask its admin to add them (team add-person)")]
    NotAPerson { login: String },
    #[error("the database refused: {0}")]
    PermissionDenied(String),
    #[error(
        "the team book was written by a newer tierdesk (schema {found}, this one knows up to {known}); upgrade tierdesk to open it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("the team book is not set up yet (schema {found}); run tierdesk --db URL team init")]
    NotInitialised { found: i64 },
    #[error(
        "\"{0}\" cannot be a login: use 1 to 63 lowercase letters, digits, \"_\", \".\" or \"-\", starting with a letter"
    )]
    BadLogin(String),
    #[error("a person's name cannot be empty")]
    EmptyName,
    #[error("\"{0}\" is already a person of this team book")]
    AlreadyPerson(String),
    #[error("\"{0}\" is a login of this PostgreSQL server that is not a plain login (a group or a superuser)")]
    ReservedLogin(String),
    #[error("\"{0}\" is not a lead of this team book")]
    NotALead(String),
    #[error("only a manager is on a lead's team (--lead goes with --role manager)")]
    LeadForNonManager,
    #[error("this tierdesk cannot connect over TLS yet (sslmode=require); use a local server or an SSH tunnel")]
    TlsUnavailable,
    #[error("customers of \"{0}\" are not yours to add: a manager adds their own, a lead their team's")]
    NotYoursToAdd(String),
    #[error("the book already uses the \"{0}\" tier scheme; a book's scheme is chosen once, at init")]
    SchemeAlreadySet(String),
    #[error("the connection to the server was lost; nothing was written")]
    Lost,
    #[error("PostgreSQL: {0}")]
    Db(String),
    /// A sign-off is given by the person signed in, under their own login.
    #[error("a sign-off on the team book is given as yourself: \"{approver}\" is not the login \"{login}\"")]
    SignOffAsAnother { approver: String, login: String },
    /// Only a lead or an admin signs off a move into the top tier.
    #[error("\"{login}\" is not a lead or an admin of this team book; only they may sign off a move into the top tier")]
    SignOffNeedsLead { login: String },
    /// The database refused a hand-over: the new owner is someone the person may not see
    /// (a manager hands over nothing; a lead only within their team).
    #[error(
        "you may not hand customers over to \"{to}\": only a lead (within their team) or an admin hands customers over"
    )]
    HandOverRefused { to: String },
    /// `team import-book`: a customer of the book is in the team book already (same uuid).
    #[error("\"{name}\" of this book is in the team book already: the book was brought in before; nothing was written")]
    AlreadyBroughtIn { name: String },
    /// `team import-book`: a customer's ref is another customer's in the team book.
    #[error("the ref \"{reference}\" of \"{name}\" is another customer's in the team book; nothing was written")]
    RefTaken { name: String, reference: String },
    /// `team import-book`: a customer's tier is not one of the team book's scheme.
    #[error("\"{name}\" is in tier \"{tier}\", which the team book's tier scheme does not have; nothing was written")]
    TierNotInScheme { tier: String, name: String },
    /// `team import-book`: a row of the book is in the team book already, among rows the
    /// importer may not see (the database names no value then).
    #[error(
        "a row of this book is in the team book already ({constraint}), among customers you may not see: brought in before? nothing was written"
    )]
    ImportClash { constraint: String },
    /// `team import-book`: the database refused customers for an owner the importer may not
    /// write for.
    #[error(
        "the database refused customers for \"{owner}\": you may not see their customers (a book is brought in by its owner, their lead or an admin); nothing was written"
    )]
    ImportForUnseen { owner: String },
    /// `team import-book`: a value of the book the server cannot read (a date that is none).
    #[error("a row of the book's {table} cannot come in ({at}): {why}; nothing was written")]
    ImportRow { table: String, at: String, why: String },
}

impl From<postgres::Error> for TeamError {
    fn from(e: postgres::Error) -> Self {
        connect::classify(&e, None)
    }
}

/// The group roles of one team book. Roles are cluster-wide, so the names carry the
/// database's name (two team books on one server have separate groups); `team init` records
/// them in `book_meta` so that they outlive a renamed database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    pub manager: String,
    pub lead: String,
    pub admin: String,
}

impl Groups {
    /// The names for the database `db`: `tierdesk_<db>_<role>`, with a long name cut and a
    /// hash of it added so that the names fit PostgreSQL's 63 bytes and stay apart.
    pub fn for_database(db: &str) -> Self {
        let clean: String = db
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '_' })
            .collect();
        let stem = if clean.len() <= 40 && clean == db {
            clean
        } else {
            format!("{}_{:08x}", &clean[..clean.len().min(31)], fnv32(db))
        };
        let name = |role: &str| format!("tierdesk_{stem}_{role}");
        Self { manager: name("manager"), lead: name("lead"), admin: name("admin") }
    }

    /// The group of a product role.
    pub fn of(&self, role: Role) -> &str {
        match role {
            Role::Manager => &self.manager,
            Role::Lead => &self.lead,
            Role::Admin => &self.admin,
        }
    }

    /// A schema step with the quoted role names put in.
    pub fn fill(&self, sql: &str) -> String {
        let (m, l, a) = (quote_ident(&self.manager), quote_ident(&self.lead), quote_ident(&self.admin));
        sql.replace("{people}", &format!("{m}, {l}, {a}"))
            .replace("{manager}", &m)
            .replace("{lead}", &l)
            .replace("{admin}", &a)
    }
}

/// An identifier as SQL text: in double quotes, inner quotes doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A login a person may have: 1 to 63 bytes of lowercase ASCII letters, digits, `_`, `.`
/// and `-`, starting with a letter, and not one of PostgreSQL's reserved `pg_` names. Such a
/// name needs no quoting in `psql -U` or a URL, and is quoted in SQL all the same.
pub fn check_login(login: &str) -> Result<(), TeamError> {
    let ok = !login.is_empty()
        && login.len() <= 63
        && login.starts_with(|c: char| c.is_ascii_lowercase())
        && !login.starts_with("pg_")
        && login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'));
    if ok { Ok(()) } else { Err(TeamError::BadLogin(login.to_string())) }
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_checked() {
        for good in ["b", "lin.wei", "m-01", "ana_2"] {
            assert!(check_login(good).is_ok(), "{good}");
        }
        for bad in ["", "x\"; drop table customers; --", "Lin", "1x", "pg_signal", "a b", &"a".repeat(64), "é"] {
            assert!(check_login(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn group_names_fit_and_stay_apart() {
        let g = Groups::for_database("branch");
        assert_eq!(g.manager, "tierdesk_branch_manager");
        let long1 = Groups::for_database(&"x".repeat(60));
        let long2 = Groups::for_database(&format!("{}y", "x".repeat(59)));
        assert!(long1.manager.len() <= 63 && long1.manager != long2.manager);
        let odd = Groups::for_database("Branch-1");
        assert!(odd.admin.starts_with("tierdesk_branch_1_") && odd.admin != "tierdesk_branch_1_admin");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(
            g.fill("GRANT x TO {people}; {admin}"),
            "GRANT x TO \"tierdesk_branch_manager\", \"tierdesk_branch_lead\", \"tierdesk_branch_admin\"; \"tierdesk_branch_admin\""
        );
    }
}
