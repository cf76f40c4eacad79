//! Opening a team book, its scheme, and the write transaction every change goes through.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use postgres::Transaction;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;

use super::PgStore;
use crate::clock::Clock;
use crate::domain::tier::TierScheme;
use crate::store::postgres::{TeamError, connect, schema};
use crate::store::prelude::*;
use crate::store::{OpenNotice, Result};

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
        // With the server process in the same round trip (see `tx` on round trips).
        let row = client.query_typed_one(
            "SELECT EXISTS (SELECT 1 FROM people WHERE login = session_user), pg_backend_pid()",
            &[],
        )?;
        let (is_person, backend): (bool, i32) = (row.get(0), row.get(1));
        if !is_person {
            return Err(TeamError::NotAPerson { login: target.login.clone() }.into());
        }
        // No JIT: our queries are short, but the planner's cost of a nested loop over a due
        // list passes `jit_above_cost`, and compiling the plan then took 1.5 s of a lead's
        // 3.4 s due list (EXPLAIN ANALYZE on the pool's bench book).
        client.batch_execute(&format!(
            "SET lock_timeout = {}; SET jit = off; LISTEN tierdesk_change",
            LOCK_WAIT.as_millis()
        ))?;
        let mut store = Self {
            client: RefCell::new(client),
            url: url.to_string(),
            target,
            clock,
            scheme: None,
            session: uuid::Uuid::now_v7().to_string(),
            audit: true,
            unreadable: Default::default(),
            backend,
            heard: Cell::new(0),
        };
        store.scheme = store.load_scheme()?;
        Ok(store)
    }

    /// A second connection to the same book as the same person, writing in this one's
    /// session (`Session::open_another`).
    pub fn open_another_store(&self) -> Result<PgStore> {
        let mut other = PgStore::open(&self.url, self.clock)?;
        other.session = self.session.clone();
        other.audit = self.audit;
        Ok(other)
    }

    /// The login this connection signed in as (`session_user`).
    pub fn login(&self) -> &str {
        &self.target.login
    }

    /// The scheme recorded in the book, parsed (the source text is stored, as in SQLite).
    fn load_scheme(&mut self) -> Result<Option<TierScheme>> {
        let rows = self.client.get_mut().query_typed(
            "SELECT key, value FROM book_meta WHERE key IN ($1, $2) ORDER BY key",
            &[(&SCHEME_FILE, Type::TEXT), (&SCHEME_SOURCE, Type::TEXT)],
        )?;
        let get = |k: &str| rows.iter().find(|r| r.get::<_, &str>(0) == k).map(|r| r.get::<_, String>(1));
        let (Some(file), Some(text)) = (get(SCHEME_FILE), get(SCHEME_SOURCE)) else {
            return Ok(None);
        };
        Ok(Some(TierScheme::parse(&format!("{file} (as stored in the book)"), &text)?))
    }

    /// A write transaction, one change in the audit log: the `changes` row is made first and
    /// its id put where the audit triggers find it (`tierdesk.change`, for this transaction
    /// only). One round trip besides BEGIN. With the log "off" (`set_audit`) the triggers
    /// still log every write, under a change of session `outside` that undo never takes.
    ///
    /// Round trips: the postgres crate's `query`/`query_one` with a text prepare a named
    /// statement first (a round trip of its own, and another message to close it); the
    /// `*_typed` calls, given the parameters' types, send parse, bind and execute at once.
    /// So every query on a path a person waits on is a typed one.
    pub(super) fn tx(&mut self) -> Result<Transaction<'_>> {
        let now = self.clock.now();
        let audit = self.audit;
        let session = self.session.clone();
        let mut tx = self.client.get_mut().transaction()?;
        if audit {
            tx.query_typed_one(
                "WITH c AS (INSERT INTO changes (session, made_at) VALUES ($1, $2) RETURNING id)
                 SELECT set_config('tierdesk.change', c.id::text, true) FROM c",
                &[(&session, Type::TEXT), (&now, Type::TIMESTAMP)],
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
        // The pool's rules of the scheme the book has now (this one, unless another was first).
        let kept = tx.query_one(
            "SELECT f.value, s.value FROM book_meta f, book_meta s WHERE f.key = $1 AND s.key = $2",
            &[&SCHEME_FILE, &SCHEME_SOURCE],
        )?;
        if let Ok(kept) = TierScheme::parse(kept.get(0), kept.get(1)) {
            crate::store::postgres::pool_step::fill_tier_rules(&mut tx, &kept)?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Session for PgStore {
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

    /// `login@host:port/database`.
    fn label(&self) -> String {
        format!("{}@{}/{}", self.target.login, self.target.at, self.target.db)
    }

    /// Boxed as a `Book` once every trait of it is implemented (the lead's merge of the
    /// engine's parts): `Ok(Box::new(self.open_another_store()?))`. Until then, refused.
    fn open_another(&self) -> Result<Box<dyn Book>> {
        Ok(Box::new(self.open_another_store()?))
    }

    fn clock(&self) -> Clock {
        self.clock
    }

    fn user(&self) -> &str {
        &self.target.login
    }

    fn scheme(&self) -> Option<&TierScheme> {
        self.scheme.as_ref()
    }

    fn notice(&self) -> Option<&OpenNotice> {
        None
    }

    fn session(&self) -> &str {
        &self.session
    }

    fn join_session(&mut self, session: &str) -> Result<()> {
        // Named in each change this connection writes (`begin_change`): nothing to tell the
        // server now.
        self.session = session.to_string();
        Ok(())
    }

    /// The team book's log cannot be stopped by a connection (the database keeps it): "off"
    /// only leaves this connection's writes out of its session (in changes of session `outside`).
    fn set_audit(&mut self, on: bool) -> Result<()> {
        self.audit = on;
        Ok(())
    }

    /// Every writing transaction notifies `tierdesk_change` (schema step 2); this counts the
    /// notifications from other connections' server processes. The empty round trip makes
    /// the server hand over what was committed before it: after another connection's commit
    /// returns, the next call here sees it.
    fn data_version(&self) -> Result<i64> {
        let mut client = self.client.borrow_mut();
        client.batch_execute("")?;
        let mut heard = 0;
        let mut pending = client.notifications();
        let mut it = pending.iter();
        while let Some(n) = it.next()? {
            if n.process_id() != self.backend {
                heard += 1;
            }
        }
        self.heard.set(self.heard.get() + heard);
        Ok(self.heard.get())
    }

    /// PostgreSQL's `lock_timeout` (0 there waits for ever: no wait is 1 ms here).
    fn set_busy_timeout(&mut self, wait: Duration) -> Result<()> {
        let ms = wait.as_millis().clamp(1, i32::MAX as u128);
        self.client.get_mut().batch_execute(&format!("SET lock_timeout = {ms}"))?;
        Ok(())
    }

    fn read_for_browsing(&mut self) -> Result<()> {
        Ok(())
    }

    fn busy_timeout_ms(&self) -> Result<i64> {
        let row = self
            .client
            .borrow_mut()
            .query_typed_one("SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'", &[])?;
        Ok(row.get(0))
    }

    fn schema_version(&self) -> Result<i64> {
        Ok(schema::version(&mut *self.client.borrow_mut())?)
    }
}
