//! `tierdesk --db postgres://LOGIN@... backup FILE`: a solo book of what that person may see,
//! with the solo backup's file checks.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::common::tierdesk_at;
use crate::pg::start;

#[test]
fn a_team_book_backs_up_as_a_solo_book_of_what_the_person_sees() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |db: &str, args: &[&str]| tierdesk_at(dir.path(), db).args(args).assert();
    run(&owner, &["team", "init"]).success();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    run(&owner, &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    for (login, name) in [(&b, "白 Bai"), (&c, "陈 Chen")] {
        run(&owner, &["team", "add-person", login, "--name", name, "--role", "manager", "--lead", &lead]).success();
    }
    let (as_b, as_c) = (pg.url_as(&b), pg.url_as(&c));
    run(&as_b, &["customer", "add", "--name", "王芳", "--tier", "B"]).success();
    run(&as_b, &["log", "王芳", "--kind", "call", "--note", "asked about the bond fund"]).success();
    run(&as_c, &["customer", "add", "--name", "赵敏", "--tier", "B"]).success();

    let file = dir.path().join("b.tierdesk");
    let file_s = file.to_str().unwrap();
    run(&as_b, &["backup", file_s]).success().stdout(predicate::str::contains(file_s));
    // The copy opens as a solo book, with b's customers and history only.
    run(file_s, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("王芳").and(predicate::str::contains("赵敏").not()));
    run(file_s, &["history", "王芳", "--all"]).success().stdout(predicate::str::contains("bond fund"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }

    // The file checks hold: an existing file only with --force, never a folder.
    run(&as_c, &["backup", file_s]).failure().stderr(predicate::str::contains(file_s));
    run(file_s, &["customer", "list", "--all", "--format", "csv"]).success().stdout(predicate::str::contains("王芳"));
    run(&as_c, &["backup", file_s, "--force"]).success();
    run(file_s, &["customer", "list", "--all", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("赵敏").and(predicate::str::contains("王芳").not()));
    run(&as_c, &["backup", dir.path().to_str().unwrap()]).failure();
}
