//! `export all` on a team book (issue 15, point 5): the document the solo book writes, of
//! what the person may see, which a fresh solo book takes whole; `import all` into a team book
//! is refused, pointing at `team import-book`.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::common::tierdesk_at;
use crate::pg::start;

#[test]
fn a_team_book_exports_whole_and_a_solo_book_takes_it() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, args: &[&str]| tierdesk_at(dir.path(), url).args(args).assert();
    run(&owner, &["team", "init"]).success();
    let b = pg.login("b");
    run(&owner, &["team", "add-person", &b, "--name", "白 Bai", "--role", "manager"]).success();
    let as_b = pg.url_as(&b);
    run(&as_b, &["customer", "add", "--name", "王芳", "--tier", "B", "--ref", "K-1"]).success();
    run(&as_b, &["log", "王芳", "--kind", "call", "--note", "asked about the bond fund"]).success();
    run(&as_b, &["tier", "王芳", "C", "--reason", "quieter"]).success();
    let doc = dir.path().join("team.json");
    run(&as_b, &["export", "all", "-o", doc.to_str().unwrap()]).success();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&doc).unwrap()).unwrap();
    assert_eq!(v["format"], "tierdesk-book");
    assert_eq!(v["customers"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["contacts"][0]["customer_uuid"], v["customers"][0]["uuid"]);
    assert!(v["changes"].as_array().unwrap().iter().all(|c| c["uuid"].is_string()));
    // A solo book takes it, history included.
    let solo = dir.path().join("solo.sqlite");
    let solo = solo.to_str().unwrap();
    run(solo, &["--lang", "en", "import", "all", doc.to_str().unwrap()]).success();
    run(solo, &["history", "K-1", "--all"]).success().stdout(predicate::str::contains("bond fund"));
    run(solo, &["customer", "show", "K-1", "--format", "json"]).success().stdout(predicate::str::contains("王芳"));
    // The team book takes a book through team import-book.
    run(&as_b, &["--lang", "en", "import", "all", doc.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("team import-book"));
}
