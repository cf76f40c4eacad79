//! `tierdesk --db postgres://... team ...` through the real binary.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::access::count;
use crate::common::tierdesk_bare;
use crate::pg::start;
use tierdesk::store::postgres::schema;

/// The binary on `url`, English, with a config folder of its own.
fn tierdesk(dir: &std::path::Path, url: &str) -> assert_cmd::Command {
    let mut cmd = tierdesk_bare();
    cmd.env("TIERDESK_CONFIG_DIR", dir.join("config"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("TIERDESK_DB")
        .env_remove("PGPASSWORD")
        .arg("--db")
        .arg(url);
    cmd
}

#[test]
fn team_init_add_person_and_people_through_the_binary() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    tierdesk(dir.path(), &owner)
        .args(["team", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("team book set up (schema {})", schema::latest())));
    tierdesk(dir.path(), &owner)
        .args(["team", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains("up to date"));
    let (lead, b) = (pg.login("lead"), pg.login("b"));
    tierdesk(dir.path(), &owner)
        .args(["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"])
        .assert()
        .success();
    tierdesk(dir.path(), &owner)
        .args(["team", "add-person", &b, "--name", "白 Bai", "--role", "manager", "--lead", &lead])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("on the team of {lead}")));
    // A person lists the people, as themselves.
    let out = tierdesk(dir.path(), &pg.url_as(&b)).args(["team", "people", "--format", "json"]).assert().success();
    let people: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // By login: "<run>_b" before "<run>_lead".
    assert_eq!(people.as_array().unwrap().len(), 2);
    assert_eq!(people[0]["login"], b.as_str());
    assert_eq!(people[0]["role"], "manager");
    assert_eq!(people[0]["lead"], lead.as_str());
    assert_eq!(people[0]["name"], "白 Bai");
    assert_eq!(people[1]["role"], "lead");
    assert!(people[1]["lead"].is_null());
    // TIERDESK_DB serves as --db does.
    let mut cmd = tierdesk_bare();
    cmd.env("TIERDESK_CONFIG_DIR", dir.path().join("config")).env("LANG", "en_US.UTF-8");
    cmd.env("TIERDESK_DB", pg.url_as(&lead))
        .args(["team", "people"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Li Lead"));
}

#[test]
fn team_commands_refuse_bad_input_in_one_line() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    tierdesk(dir.path(), &owner).args(["team", "init"]).assert().success();
    tierdesk(dir.path(), &owner)
        .args(["team", "add-person", "x\"; drop table customers; --", "--name", "X", "--role", "manager"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be a login"));
    assert_eq!(count(&mut pg.connect_as(&pg.owner), "SELECT count(*) FROM customers"), 0);
    // A person may not set the book up, nor add people.
    let b = pg.login("b");
    tierdesk(dir.path(), &owner)
        .args(["team", "add-person", &b, "--name", "Bai", "--role", "manager"])
        .assert()
        .success();
    tierdesk(dir.path(), &pg.url_as(&b))
        .args(["team", "add-person", &pg.login("c"), "--name", "Chen", "--role", "manager"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::is_match("^tierdesk: the database refused: permission denied for table people\n$").unwrap(),
        );
    // A login that is not a person; a database that does not exist; a file name.
    let stranger = pg.create_login("stranger");
    tierdesk(dir.path(), &pg.url_as(&stranger))
        .args(["team", "people"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a person of this team book"));
    let missing = owner.replace(&pg.db, &format!("{}_missing", pg.db));
    tierdesk(dir.path(), &missing)
        .args(["--lang", "zh", "team", "people"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("没有数据库"));
    tierdesk(dir.path(), dir.path().join("book.sqlite").to_str().unwrap())
        .args(["team", "people"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the team commands need a team book on PostgreSQL"));
    // TLS is asked for and cannot be had: refused, not sent in clear.
    tierdesk(dir.path(), &format!("{owner}?sslmode=require"))
        .args(["team", "people"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot connect over TLS yet"));
    // The other commands open the team book as the login, which must be a person of it (the
    // database's owner is not); a team book is never taken for a file name.
    tierdesk(dir.path(), &owner)
        .args(["due"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a person of this team book"));
    // A backup too (it copies what the person may see): nothing is written.
    tierdesk(dir.path(), &owner)
        .args(["backup", "copy.sqlite"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a person of this team book"));
    assert!(!std::path::Path::new("copy.sqlite").exists());
    assert!(!std::path::Path::new("postgres:").exists());
}

#[test]
fn an_unreachable_server_is_one_line() {
    // Port 1 on the loopback: nothing listens there. No server of our own is needed.
    let dir = tempfile::tempdir().unwrap();
    tierdesk(dir.path(), "postgres://someone@127.0.0.1:1/book").args(["team", "people"]).assert().code(1).stderr(
        predicate::str::is_match("^tierdesk: no PostgreSQL server answers at 127.0.0.1:1 \\(.*\\)\n$").unwrap(),
    );
}

#[test]
fn team_init_takes_a_tier_scheme_once_and_refuses_another_later() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    // A scheme that is not one is refused before the server is touched.
    tierdesk(dir.path(), &owner)
        .args(["team", "init", "--scheme", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope"));
    assert_eq!(count(&mut pg.connect_as(&pg.owner), "SELECT count(*) FROM pg_tables WHERE tablename = 'customers'"), 0);
    tierdesk(dir.path(), &owner).args(["team", "init", "--scheme", "brokerage"]).assert().success();
    // Again with the same one: up to date; with another: refused, the book's scheme kept.
    tierdesk(dir.path(), &owner).args(["team", "init", "--scheme", "brokerage"]).assert().success();
    tierdesk(dir.path(), &owner)
        .args(["team", "init", "--scheme", "leads"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already uses the \"brokerage\" tier scheme"));
    tierdesk(dir.path(), &owner).args(["team", "init"]).assert().success();
    let me = pg.login("me");
    tierdesk(dir.path(), &owner).args(["team", "add-person", &me, "--name", "Me", "--role", "lead"]).assert().success();
    tierdesk(dir.path(), &pg.url_as(&me))
        .args(["customer", "add", "--name", "张三", "--tier", "VIP"])
        .assert()
        .success();
}
