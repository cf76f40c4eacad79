//! Opening a team book, its scheme, and the write transaction every change goes through.

use std::cell::RefCell;
use std::time::Duration;

use postgres::Transaction;

use super::PgStore;
use crate::clock::Clock;
use crate::domain::tier::TierScheme;
use crate::store::Result;
use crate::store::postgres::{TeamError, connect, schema};

const SCHEME_FILE: &str = "scheme_file";
const SCHEME_SOURCE: &str = "scheme_source";

/// How long a write waits for a row another person holds before saying "busy".
const LOCK_WAIT: Duration = Duration::from_secs(5);

impl PgStore {
    /// Connect to the team book at `url` as the login it names. The book must be set up
    /// (`team init`) by this tierdesk's schema or an older one (then: refused, asking for
    /// `team init`), and the login must be one of its people.
    pub fn open(url: &str, clock: Clock) -> Result<Self> {
        let (mut client, target) = connect(url)?;
        let found = schema::refuse_newer(&mut client)?;
        if found < schema::latest() {
            return Err(TeamError::NotInitialised { found }.into());
        }
        let is_person: bool =
            client.query_one("SELECT EXISTS (SELECT 1 FROM people WHERE login = session_user)", &[])?.get(0);
        if !is_person {
            return Err(TeamError::NotAPerson { login: target.login.clone() }.into());
        }
        client.batch_execute(&format!("SET lock_timeout = {}", LOCK_WAIT.as_millis()))?;
        let mut store = Self {
            client: RefCell::new(client),
            url: url.to_string(),
            target,
            clock,
            scheme: None,
            session: uuid::Uuid::now_v7().to_string(),
            audit: true,
            unreadable: Default::default(),
        };
        store.scheme = store.load_scheme()?;
        Ok(store)
    }

    /// The login this connection signed in as (`session_user`).
    pub fn login(&self) -> &str {
        &self.target.login
    }

    /// The scheme recorded in the book, parsed (the source text is stored, as in SQLite).
    fn load_scheme(&mut self) -> Result<Option<TierScheme>> {
        let rows = self.client.get_mut().query(
            "SELECT key, value FROM book_meta WHERE key IN ($1, $2) ORDER BY key",
            &[&SCHEME_FILE, &SCHEME_SOURCE],
        )?;
        let get = |k: &str| rows.iter().find(|r| r.get::<_, &str>(0) == k).map(|r| r.get::<_, String>(1));
        let (Some(file), Some(text)) = (get(SCHEME_FILE), get(SCHEME_SOURCE)) else {
            return Ok(None);
        };
        Ok(Some(TierScheme::parse(&format!("{file} (as stored in the book)"), &text)?))
    }

    /// A write transaction, one change in the audit log: the `changes` row is made first and
    /// its id put where the audit triggers find it (`tierdesk.change`, for this transaction
    /// only). One round trip besides BEGIN.
    pub(super) fn tx(&mut self) -> Result<Transaction<'_>> {
        let now = self.clock.now();
        let audit = self.audit;
        let session = self.session.clone();
        let mut tx = self.client.get_mut().transaction()?;
        if audit {
            tx.query_one(
                "WITH c AS (INSERT INTO changes (session, made_at) VALUES ($1, $2) RETURNING id)
                 SELECT set_config('tierdesk.change', c.id::text, true) FROM c",
                &[&session, &now],
            )?;
        }
        Ok(tx)
    }

    /// Record the scheme of a book that has none (only the book's admin may).
    fn save_scheme(&mut self, file: &str, text: &str) -> Result<()> {
        let mut tx = self.client.get_mut().transaction()?;
        for (k, v) in [(SCHEME_FILE, file), (SCHEME_SOURCE, text)] {
            tx.execute("INSERT INTO book_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", &[&k, &v])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Give the book `text`'s scheme if it has none (another person may have just given it
    /// one: then that one). The scheme asked for, parsed.
    fn settle_scheme(&mut self, file: &str, text: &str) -> Result<TierScheme> {
        let wanted = TierScheme::parse(file, text)?;
        wanted.check_kinds(file, &crate::data::contact_kinds().codes())?;
        if self.scheme.is_none() {
            if self.load_scheme()?.is_none() {
                self.save_scheme(file, text)?;
            }
            self.scheme = self.load_scheme()?;
        }
        Ok(wanted)
    }
}
