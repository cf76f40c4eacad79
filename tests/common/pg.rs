//! A PostgreSQL of one's own for a test: a database and login roles whose names carry a
//! run id (process id, time, counter), dropped when the test ends, also on a panic.
//!
//! The server is `TIERDESK_TEST_PG` (default `postgres://127.0.0.1:5432/test`), reached as
//! an admin (the `postgres` user unless the URL names one). Where no server answers, the
//! test says "skipped: no PostgreSQL at URL" on stderr and passes, unless
//! `TIERDESK_REQUIRE_PG=1` (`.ci/run` sets it): then it fails.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

static RUNS: AtomicU32 = AtomicU32::new(0);
static SAID_SKIPPED: AtomicBool = AtomicBool::new(false);

/// One test's database on the test server; dropped with its roles at the end.
pub struct PgRun {
    admin: Config,
    host: String,
    port: u16,
    /// In every name this run makes.
    pub run_id: String,
    pub db: String,
    /// The login that owns the database and runs `team init` (CREATEROLE, not a superuser).
    pub owner: String,
}

/// The test server's URL.
pub fn server_url() -> String {
    std::env::var("TIERDESK_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://127.0.0.1:5432/test".to_string())
}

/// A fresh database for one test, or `None` (said loudly) where no server answers.
pub fn start() -> Option<PgRun> {
    let url = server_url();
    let mut admin: Config = url.parse().unwrap_or_else(|e| panic!("TIERDESK_TEST_PG={url}: {e}"));
    if admin.get_user().is_none() {
        admin.user("postgres");
    }
    admin.connect_timeout(std::time::Duration::from_secs(5));
    let mut client = match admin.connect(NoTls) {
        Ok(c) => c,
        Err(e) if e.as_db_error().is_none() => {
            if std::env::var("TIERDESK_REQUIRE_PG").is_ok_and(|v| v == "1") {
                panic!("no PostgreSQL at {url} ({e}), and TIERDESK_REQUIRE_PG=1");
            }
            // Straight to the process's stderr: the test harness would hide an `eprintln!` of
            // a passing test. Once per test binary is enough.
            if !SAID_SKIPPED.swap(true, Ordering::SeqCst) {
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "\n*** skipped: no PostgreSQL at {url} ({e}) ***\n");
            }
            return None;
        }
        Err(e) => panic!("cannot use the test server {url}: {e}"),
    };
    let host = match admin.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".to_string(),
    };
    let port = admin.get_ports().first().copied().unwrap_or(5432);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let run_id = format!("t{}_{}_{}", std::process::id(), nanos, RUNS.fetch_add(1, Ordering::SeqCst));
    let run = PgRun { db: format!("tierdesk_{run_id}"), owner: format!("{run_id}_owner"), admin, host, port, run_id };
    client.batch_execute(&format!("CREATE ROLE \"{}\" LOGIN CREATEROLE", run.owner)).unwrap();
    client.batch_execute(&format!("CREATE DATABASE \"{}\" OWNER \"{}\"", run.db, run.owner)).unwrap();
    Some(run)
}

impl PgRun {
    /// A login name of this run: `<run id>_<short>`.
    pub fn login(&self, short: &str) -> String {
        format!("{}_{short}", self.run_id)
    }

    /// The URL of this run's database as `login`.
    pub fn url_as(&self, login: &str) -> String {
        format!("postgres://{login}@{}:{}/{}", self.host, self.port, self.db)
    }

    pub fn owner_url(&self) -> String {
        self.url_as(&self.owner)
    }

    /// A connection to this run's database as `login` (trust auth on the test servers).
    pub fn connect_as(&self, login: &str) -> Client {
        Client::connect(&self.url_as(login), NoTls).unwrap_or_else(|e| panic!("connect as {login}: {e}"))
    }

    /// A superuser's connection to the server (not to this run's database): for setting up
    /// and breaking things, never for showing what a person may do.
    pub fn admin(&self) -> Client {
        self.admin.connect(NoTls).unwrap()
    }

    /// Make a plain login role of this run that is no person of any book.
    pub fn create_login(&self, short: &str) -> String {
        let login = self.login(short);
        let mut c = self.admin.connect(NoTls).unwrap();
        c.batch_execute(&format!("CREATE ROLE \"{login}\" LOGIN")).unwrap();
        login
    }
}

impl Drop for PgRun {
    fn drop(&mut self) {
        let Ok(mut c) = self.admin.connect(NoTls) else {
            eprintln!("could not drop the test database {} and roles of {}", self.db, self.run_id);
            return;
        };
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.db));
        let roles = c
            .query("SELECT rolname::text FROM pg_roles WHERE strpos(rolname, $1) > 0", &[&self.run_id])
            .unwrap_or_default();
        for row in roles {
            let name: String = row.get(0);
            if let Err(e) = c.batch_execute(&format!("DROP ROLE IF EXISTS \"{name}\"")) {
                eprintln!("could not drop the test role {name}: {e}");
            }
        }
    }
}
