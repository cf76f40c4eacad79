//! A team book through the real binary, as its people use it: `--db postgres://LOGIN@...`
//! opens it for every command of a solo book, as that login, and each person sees their own.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::common::tierdesk_at;
use crate::pg::start;

#[test]
fn each_person_works_on_the_team_book_through_the_usual_commands_and_sees_their_own() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, args: &[&str]| tierdesk_at(dir.path(), url).args(args).assert();
    run(&owner, &["team", "init"]).success();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    run(&owner, &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    for (login, name) in [(&b, "白 Bai"), (&c, "陈 Chen")] {
        run(&owner, &["team", "add-person", login, "--name", name, "--role", "manager", "--lead", &lead]).success();
    }
    let (as_b, as_c, as_lead) = (pg.url_as(&b), pg.url_as(&c), pg.url_as(&lead));
    run(&as_b, &["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "K-1"]).success();
    run(&as_b, &["customer", "add", "--name", "李强", "--tier", "C"]).success();
    run(&as_c, &["customer", "add", "--name", "赵敏", "--tier", "B"]).success();
    run(&as_b, &["log", "王芳", "--kind", "call", "--note", "asked about the bond fund"])
        .success()
        .stdout(predicate::str::contains("王芳"));
    // b's list is b's; c does not even find b's customer by name.
    run(&as_b, &["customer", "list", "--all", "--format", "csv"]).success().stdout(
        predicate::str::contains("王芳")
            .and(predicate::str::contains("李强"))
            .and(predicate::str::contains("赵敏").not()),
    );
    run(&as_c, &["log", "王芳", "--kind", "call"]).failure().stderr(predicate::str::contains("王芳"));
    // The lead sees the team's.
    run(&as_lead, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("王芳").and(predicate::str::contains("赵敏")));
    let out = run(&as_lead, &["due", "--all", "--within", "400", "--format", "json"]).success();
    let due: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(due.as_array().is_some_and(|items| !items.is_empty()), "{due}");
    // History and undo work on the team book as on a file.
    run(&as_b, &["history", "王芳", "--all"]).success().stdout(predicate::str::contains("bond fund"));
}

#[test]
fn an_import_naming_owners_is_refused_whole_for_a_non_person_or_a_colleague_and_taken_for_oneself() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, args: &[&str]| tierdesk_at(dir.path(), url).args(args).assert();
    run(&owner, &["team", "init"]).success();
    let (b, c) = (pg.login("b"), pg.login("c"));
    for login in [&b, &c] {
        run(&owner, &["team", "add-person", login, "--name", login, "--role", "manager"]).success();
    }
    let as_b = pg.url_as(&b);
    let csv = dir.path().join("in.csv");
    let file = csv.to_str().unwrap();
    // Someone who is no person of the book: named, nothing written (not even b's own row).
    std::fs::write(&csv, format!("name,tier,owner\nMine,B,{b}\nGhost's,B,ghost\n")).unwrap();
    run(&as_b, &["import", "customers", file]).code(2).stderr(predicate::str::contains("\"ghost\" is no person"));
    // A colleague's: not b's to add.
    std::fs::write(&csv, format!("name,tier,owner\nMine,B,{b}\nTheirs,B,{c}\n")).unwrap();
    run(&as_b, &["import", "customers", file])
        .code(2)
        .stderr(predicate::str::contains(format!("customers of \"{c}\" are not yours to add")));
    run(&as_b, &["customer", "list", "--format", "json"]).success().stdout("[]\n");
    // Their own, named or not: taken.
    std::fs::write(&csv, format!("name,tier,owner\nMine,B,{b}\nAlso mine,C,\n")).unwrap();
    run(&as_b, &["import", "customers", file]).success();
    let out = run(&as_b, &["customer", "list", "--format", "json"]).success();
    let list: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let owners: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["owner"].as_str().unwrap()).collect();
    assert_eq!(owners, [b.as_str(), b.as_str()], "{list}");
}
