//! A connection lost in the middle of a write: the server ends the backend while an import's
//! insert runs. The command says so in one line and the book holds nothing of the import.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use crate::books::{Engine, TestBook};
use crate::common::tierdesk_path;

#[test]
fn a_connection_lost_in_the_middle_of_an_import_says_so_and_writes_nothing() {
    let Some(book) = TestBook::new(Engine::Postgres) else { return };
    book.cmd().args(["customer", "add", "--name", "Alpha", "--tier", "B", "--ref", "K1"]).assert().success();
    let pg = book.pg().unwrap();
    // The tables' owner makes every insert into contacts take a while: long enough to be
    // caught in the middle.
    let mut owner = pg.connect_as(&pg.owner);
    owner
        .batch_execute(
            "CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS
               $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$;
             CREATE TRIGGER slow_down AFTER INSERT ON contacts FOR EACH STATEMENT EXECUTE FUNCTION slow_down();",
        )
        .unwrap();
    let csv = book.dir().join("contacts.csv");
    std::fs::write(&csv, "customer,date,kind\nK1,2026-11-20,call\nK1,2026-11-21,visit\n").unwrap();
    // A plain process, to be waited on while its backend is ended.
    let child = std::process::Command::new(tierdesk_path())
        .env("TIERDESK_CONFIG_DIR", book.dir().join("config"))
        .env("LANG", "en_US.UTF-8")
        .env("TIERDESK_TODAY", "2026-11-23")
        .env_remove("TIERDESK_DB")
        .args(["--db", &book_url(&book)])
        .args(["import", "contacts", csv.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the import is inside its insert, then end its backend.
    let mut admin = pg.admin();
    let started = Instant::now();
    loop {
        let killed: i64 = admin
            .query_one(
                "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE usename = $1 AND state = 'active' AND query LIKE '%INSERT INTO contacts%') k",
                &[&book.person()],
            )
            .unwrap()
            .get(0);
        if killed > 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the import never reached its insert");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("connection to the server was lost; nothing was written"), "{err}");
    owner.batch_execute("DROP TRIGGER slow_down ON contacts").unwrap();
    let n: i64 = owner.query_one("SELECT count(*) FROM contacts", &[]).unwrap().get(0);
    assert_eq!(n, 0, "nothing of the import is in the book");
    book.cmd().args(["due", "--format", "json"]).assert().success();
}

/// The team book's URL as its person (the one `book.cmd()` uses).
fn book_url(book: &TestBook) -> String {
    let pg = book.pg().unwrap();
    pg.url_as(&book.person())
}
