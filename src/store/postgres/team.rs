//! The people of a team book and their PostgreSQL roles: setting the book up (`init`),
//! adding a person (`add_person`), listing them (`people`), and who is signed in (`me`).
//!
//! The role that runs `init` owns the tables (a database owner with CREATEROLE, or a
//! superuser) and is not a person: owners pass row-level security by.

use std::path::Path;

use postgres::{Client, GenericClient};

use super::connect::{Target, connect};
use super::{Brought, Groups, TeamError, check_login, quote_ident, schema};
use crate::clock::Clock;
use crate::store::solo_copy::SoloCopy;

// A person and their role are the same in every book: see `domain::people`.
pub use crate::domain::people::{Person, Role};

/// What `init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialised {
    /// The schema version before and after.
    pub from: i64,
    pub to: i64,
    pub groups: Groups,
}

/// An open connection to a team book, as one login.
pub struct TeamBook {
    client: Client,
    target: Target,
}

const GROUP_KEYS: [&str; 3] = ["team.group.manager", "team.group.lead", "team.group.admin"];

impl TeamBook {
    /// Connect to the team book at `url`, as is (no schema check: see `open`).
    pub fn connect(url: &str) -> Result<Self, TeamError> {
        let (client, target) = connect(url)?;
        Ok(Self { client, target })
    }

    /// Connect to a team book that is set up, by a tierdesk that knows its schema.
    pub fn open(url: &str) -> Result<Self, TeamError> {
        let mut book = Self::connect(url)?;
        let found = schema::refuse_newer(&mut book.client)?;
        if found < schema::latest() {
            return Err(TeamError::NotInitialised { found });
        }
        Ok(book)
    }

    /// The login this connection signed in as.
    pub fn login(&self) -> &str {
        &self.target.login
    }

    /// The connection, for the engine and for tests.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Create or upgrade the schema and create the group roles that are missing. A schema
    /// from a newer tierdesk is refused before anything is written.
    pub fn init(&mut self) -> Result<Initialised, TeamError> {
        self.init_with_scheme(None)
    }

    /// `init` with a tier scheme's (file, text), given by `team init --scheme`: kept by a new
    /// book; a book with another one refuses it (a book's scheme is chosen once). With none
    /// given a new book takes the default one.
    pub fn init_with_scheme(&mut self, scheme: Option<(&str, &str)>) -> Result<Initialised, TeamError> {
        let from = schema::refuse_newer(&mut self.client)?;
        let groups = self.groups()?;
        let mut tx = self.client.transaction()?;
        // Under the schema's lock: two `team init` at once must not both create a group.
        tx.batch_execute(schema::LOCK)?;
        for name in [&groups.manager, &groups.lead, &groups.admin] {
            match role_kind(&mut tx, name)? {
                None => tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", quote_ident(name)))?,
                Some(RoleKind::Group) => {}
                Some(_) => return Err(TeamError::ReservedLogin(name.clone())),
            }
        }
        tx.commit()?;
        schema::migrate(&mut self.client, &groups)?;
        let mut tx = self.client.transaction()?;
        for (key, name) in GROUP_KEYS.iter().zip([&groups.manager, &groups.lead, &groups.admin]) {
            tx.execute(
                "INSERT INTO book_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                &[key, name],
            )?;
        }
        // The tier scheme every person's tierdesk reads (people may not write book_meta): the
        // one given, else the default one, unless the book has one already.
        let (file, text) = scheme.unwrap_or_else(|| {
            crate::data::builtin_scheme_source("default")
                .unwrap_or(("data/tiers/default.toml", crate::data::DEFAULT_SCHEME))
        });
        for (key, value) in [("scheme_file", file), ("scheme_source", text)] {
            tx.execute(
                "INSERT INTO book_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                &[&key, &value],
            )?;
        }
        let kept = tx.query_one(
            "SELECT f.value, s.value FROM book_meta f, book_meta s WHERE f.key = 'scheme_file' AND s.key = 'scheme_source'",
            &[],
        )?;
        let (kept_file, kept_text): (String, String) = (kept.get(0), kept.get(1));
        if scheme.is_some() {
            // As on a book file: the same scheme again is fine, another one is refused.
            let kept = scheme_id(&kept_file, &kept_text);
            if kept != scheme_id(file, text) {
                return Err(TeamError::SchemeAlreadySet(kept));
            }
        }
        // The pool's rules, from the book's scheme (also for a book set up before them).
        if let Ok(kept) = crate::domain::tier::TierScheme::parse(&kept_file, &kept_text) {
            super::pool_step::fill_tier_rules(&mut tx, &kept)?;
        }
        tx.commit()?;
        Ok(Initialised { from, to: schema::latest(), groups })
    }

    /// The book's group roles: as recorded at init, else named after the database.
    pub fn groups(&mut self) -> Result<Groups, TeamError> {
        let has_meta: bool = self.client.query_one("SELECT to_regclass('public.book_meta') IS NOT NULL", &[])?.get(0);
        // A database without the table yet has no names recorded.
        let rows = if has_meta {
            self.client.query("SELECT key, value FROM book_meta WHERE key = ANY ($1)", &[&GROUP_KEYS.as_slice()])?
        } else {
            Vec::new()
        };
        let db: String = self.client.query_one("SELECT current_database()::text", &[])?.get(0);
        let mut groups = Groups::for_database(&db);
        for row in rows {
            let (key, value): (String, String) = (row.get(0), row.get(1));
            match GROUP_KEYS.iter().position(|k| *k == key) {
                Some(0) => groups.manager = value,
                Some(1) => groups.lead = value,
                _ => groups.admin = value,
            }
        }
        Ok(groups)
    }

    /// Add a person: their login role (created, or an existing plain login given the
    /// group) and their row, in one transaction. `lead` puts a manager on a lead's team.
    pub fn add_person(&mut self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Result<Person, TeamError> {
        check_login(login)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(TeamError::EmptyName);
        }
        if lead.is_some() && role != Role::Manager {
            return Err(TeamError::LeadForNonManager);
        }
        let groups = self.groups()?;
        let mut tx = self.client.transaction()?;
        // One person added at a time: a lead checked here stays a lead until the commit.
        tx.batch_execute("LOCK TABLE people IN SHARE ROW EXCLUSIVE MODE")?;
        if !tx.query("SELECT 1 FROM people WHERE login = $1", &[&login])?.is_empty() {
            return Err(TeamError::AlreadyPerson(login.to_string()));
        }
        if let Some(lead) = lead {
            let rows = tx.query("SELECT role FROM people WHERE login = $1", &[&lead])?;
            if rows.first().map(|r| r.get::<_, String>(0)).as_deref() != Some("lead") {
                return Err(TeamError::NotALead(lead.to_string()));
            }
        }
        let group = quote_ident(groups.of(role));
        match role_kind(&mut tx, login)? {
            None => tx.batch_execute(&format!("CREATE ROLE {} LOGIN IN ROLE {group}", quote_ident(login)))?,
            Some(RoleKind::Login) => tx.batch_execute(&format!("GRANT {group} TO {}", quote_ident(login)))?,
            Some(_) => return Err(TeamError::ReservedLogin(login.to_string())),
        }
        tx.execute(
            "INSERT INTO people (login, name, role, lead) VALUES ($1, $2, $3, $4)",
            &[&login, &name, &role.as_str(), &lead],
        )?;
        tx.commit()?;
        Ok(Person { login: login.to_string(), name: name.to_string(), role, lead: lead.map(str::to_string) })
    }

    /// Start the book's daily claim limit at `n` (the owner's `[team] claims_per_day`, at
    /// `team init`), unless someone has set it already: a setting chosen in the book is never
    /// overwritten by a config. Whether it was seeded.
    pub fn seed_claims_per_day(&mut self, n: u32) -> Result<bool, TeamError> {
        let n = i32::try_from(n.min(crate::domain::pool::MAX_CLAIMS_PER_DAY)).unwrap_or(5);
        // The trigger stamps the seed with the owner's login: set once, seeded no more.
        let seeded = self.client.execute("UPDATE pool_settings SET claims_per_day = $1 WHERE set_by IS NULL", &[&n])?;
        Ok(seeded > 0)
    }

    /// Everyone in the book, by login.
    pub fn people(&mut self) -> Result<Vec<Person>, TeamError> {
        let rows = self.client.query("SELECT login, name, role, lead FROM people ORDER BY login", &[])?;
        rows.iter().map(person).collect()
    }

    /// Bring the solo book at `file` in for the person `owner`, history included, in one
    /// transaction (`import_book`). The file is only read: a migrated copy is what is read.
    pub fn import_book(&mut self, file: &Path, owner: &str, clock: Clock) -> crate::store::Result<Brought> {
        self.me()?;
        let solo = SoloCopy::open(file, clock)?;
        let label = format!("import-book {}", file.display());
        super::import_book::import_book(&mut self.client, &solo, owner, &label, clock.now())
    }

    /// The signed-in person (`session_user`); a login that is not a person is refused.
    pub fn me(&mut self) -> Result<Person, TeamError> {
        let rows = self.client.query("SELECT login, name, role, lead FROM people WHERE login = session_user", &[])?;
        match rows.first() {
            Some(row) => person(row),
            None => Err(TeamError::NotAPerson { login: self.target.login.clone() }),
        }
    }
}

pub(crate) fn person(row: &postgres::Row) -> Result<Person, TeamError> {
    let role: String = row.get(2);
    let role = Role::parse(&role).ok_or_else(|| TeamError::Db(format!("people: unknown role \"{role}\"")))?;
    Ok(Person { login: row.get(0), name: row.get(1), role, lead: row.get(3) })
}

/// What an existing role of the server is.
enum RoleKind {
    Login,
    Group,
    Superuser,
}

fn role_kind(c: &mut impl GenericClient, name: &str) -> Result<Option<RoleKind>, TeamError> {
    let rows = c.query("SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = $1", &[&name])?;
    Ok(rows.first().map(|r| match (r.get::<_, bool>(0), r.get::<_, bool>(1)) {
        (true, _) => RoleKind::Superuser,
        (false, true) => RoleKind::Login,
        (false, false) => RoleKind::Group,
    }))
}

/// A scheme's id, as a book file compares them; its file where it does not parse.
fn scheme_id(file: &str, text: &str) -> String {
    crate::domain::tier::TierScheme::parse(file, text).map(|s| s.id).unwrap_or_else(|_| file.to_string())
}
