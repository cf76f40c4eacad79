//! The pool through the real binary (issue 17): opening the book releases by the rules as
//! of `TIERDESK_TODAY`; `team pool`, `team claim`, `team pin`, `team sweep`; the lists,
//! reports and backups of the team go on without the pool's customers (nobody's); a book
//! file has no pool.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::common::tierdesk_at;
use crate::pg::start;

#[test]
fn released_on_opening_claimed_by_a_colleague_and_refused_to_the_second() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, today: &str, args: &[&str]| {
        tierdesk_at(dir.path(), url).env("TIERDESK_TODAY", today).args(args).assert()
    };
    run(&owner, "2026-03-01", &["team", "init", "--scheme", "team"]).success();
    let (lead, b, c) = (pg.login("lead"), pg.login("b"), pg.login("c"));
    run(&owner, "2026-03-01", &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    for login in [&b, &c] {
        run(
            &owner,
            "2026-03-01",
            &["team", "add-person", login, "--name", login, "--role", "manager", "--lead", &lead],
        )
        .success();
    }
    let (as_b, as_c, as_lead) = (pg.url_as(&b), pg.url_as(&c), pg.url_as(&lead));
    // Taken on 2026-03-01, A: due 03-08, escalated from 03-12, released on 03-23.
    run(&as_b, "2026-03-01", &["customer", "add", "--name", "王芳", "--tier", "A"]).success();
    run(&as_b, "2026-03-01", &["customer", "add", "--name", "Kept Ltd", "--tier", "A"]).success();
    run(&as_lead, "2026-03-01", &["team", "pin", "Kept Ltd", "--reason", "the branch head's account"])
        .success()
        .stdout(predicate::str::contains("Kept Ltd pinned"));
    run(&as_b, "2026-03-01", &["team", "pin", "王芳", "--reason", "mine"])
        .failure()
        .stderr(predicate::str::contains("Only a lead or an admin pins"));
    run(&as_c, "2026-03-22", &["team", "pool"]).success().stdout(predicate::str::contains("The pool is empty."));
    // The owner's list says when each goes back, and which are escalated to the lead.
    let standing = |today: &str| {
        let out = run(&as_b, today, &["due", "--format", "json"]).success();
        let items: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let of = |name: &str| {
            let it = items.as_array().unwrap().iter().find(|i| i["name"] == name).unwrap();
            (it["escalated"].clone(), it["release_on"].clone())
        };
        (of("王芳"), of("Kept Ltd"))
    };
    let (wang, kept) = standing("2026-03-11");
    assert_eq!(wang, (false.into(), "2026-03-23".into()), "3 days overdue");
    assert_eq!(kept, (false.into(), serde_json::Value::Null), "pinned: never released");
    let (wang, kept) = standing("2026-03-12");
    assert_eq!((wang.0, kept.0), (true.into(), true.into()), "4 days overdue: escalated");
    // The first to open the book on the 23rd releases it.
    let out = run(&as_c, "2026-03-23", &["team", "pool", "--format", "json"]).success();
    let pool: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(pool.as_array().unwrap().len(), 1, "{pool}");
    assert_eq!(pool[0]["name"], "王芳");
    assert_eq!(pool[0]["released_from"], b.as_str());
    assert_eq!(pool[0]["days_overdue"], 15);
    run(&as_c, "2026-03-23", &["team", "sweep"])
        .success()
        .stdout(predicate::str::contains("Swept as of 2026-03-23: 1 customers back to the pool"));
    // The lists, the report and a backup go on, without the pool's customer.
    for args in [
        &["due", "--all", "--format", "json"][..],
        &["customer", "list", "--all"],
        &["report", "--by", "owner"],
        &["report"],
    ] {
        run(&as_lead, "2026-03-23", args).success().stdout(predicate::str::contains("王芳").not());
    }
    let backup = dir.path().join("team.tierdesk");
    run(&as_lead, "2026-03-23", &["backup", backup.to_str().unwrap()]).success();
    // b may not write to it any more; c claims it.
    run(&as_b, "2026-03-23", &["log", "王芳", "--kind", "call", "--note", "too late"]).failure();
    run(&as_c, "2026-03-23", &["team", "claim", "王芳"])
        .success()
        .stdout(predicate::str::contains("Claimed 王芳: yours now, due today (1 claimed today, at most 5 a day)"));
    // c's now: b no longer sees it (two claims at the same moment: tests/team/pool.rs).
    run(&as_b, "2026-03-23", &["team", "claim", "王芳"])
        .failure()
        .stderr(predicate::str::contains("no customer with the id, ref or name \"王芳\""));
    run(&as_c, "2026-03-23", &["log", "王芳", "--kind", "call", "--note", "introduced myself"]).success();
    // The lead's report: per person, escalated, released and claimed in the last 12 weeks.
    let out = run(&as_lead, "2026-03-23", &["report", "--by", "owner", "--format", "json"]).success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let pool: Vec<(String, u64, u64, u64)> = report["pool"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().unwrap();
            (p["login"].as_str().unwrap().to_string(), n("escalated"), n("released"), n("claimed"))
        })
        .collect();
    assert_eq!(pool, vec![(b.clone(), 2, 1, 0), (c.clone(), 0, 0, 1)]);
    run(&as_lead, "2026-03-23", &["--lang", "zh", "report", "--by", "owner"])
        .success()
        .stdout(predicate::str::contains("公海（2026-01-05 至 2026-03-23）"));
    // A clock set back releases nothing.
    run(&as_c, "2026-03-20", &["team", "sweep"]).success().stdout(predicate::str::contains("Nothing released"));
}

#[test]
fn the_daily_limit_is_the_books_started_from_the_owners_config_and_set_by_a_lead() {
    let Some(pg) = start() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/config.toml"), "[team]\nclaims_per_day = 1\n").unwrap();
    let owner = pg.owner_url();
    let run = |url: &str, today: &str, args: &[&str]| {
        tierdesk_at(dir.path(), url).env("TIERDESK_TODAY", today).args(args).assert()
    };
    run(&owner, "2026-03-01", &["team", "init", "--scheme", "team"]).success();
    let (lead, c) = (pg.login("lead"), pg.login("c"));
    run(&owner, "2026-03-01", &["team", "add-person", &lead, "--name", "Li Lead", "--role", "lead"]).success();
    run(&owner, "2026-03-01", &["team", "add-person", &c, "--name", "Chen", "--role", "manager", "--lead", &lead])
        .success();
    let (as_c, as_lead) = (pg.url_as(&c), pg.url_as(&lead));
    for name in ["One", "Two", "Three"] {
        run(&as_lead, "2026-03-01", &["customer", "add", "--name", name, "--tier", "A"]).success();
    }
    run(&as_c, "2026-03-23", &["team", "claim", "One"]).success();
    run(&as_c, "2026-03-23", &["team", "claim", "Two"])
        .failure()
        .stderr(predicate::str::contains("you have claimed 1 customers today, at most 1 a day"));
    run(&as_lead, "2026-03-23", &["team", "assign", "Two", &c])
        .success()
        .stdout(predicate::str::contains(format!("Two assigned from the pool to {c}")));
    run(&as_c, "2026-03-23", &["--lang", "zh", "team", "claim", "Three"])
        .failure()
        .stderr(predicate::str::contains("你今天已经领取了 1 位客户，每天最多 1 位"));
    // The book holds it (started from the owner's config at init); a manager may not change it.
    run(&as_c, "2026-03-23", &["team", "claims-per-day"])
        .success()
        .stdout(predicate::str::contains("Each person may claim 1 customers a day"));
    run(&as_c, "2026-03-23", &["team", "claims-per-day", "9"])
        .failure()
        .stderr(predicate::str::contains("Only a lead or an admin changes the team's daily claim limit."));
    run(&as_c, "2026-03-23", &["--lang", "zh", "team", "claims-per-day", "9"])
        .failure()
        .stderr(predicate::str::contains("只有主管或管理员可以修改团队每人每天的领取上限"));
    run(&as_lead, "2026-03-23", &["team", "claims-per-day", "1001"])
        .failure()
        .stderr(predicate::str::contains("cannot be 1001: at most 1000"));
    run(&as_lead, "2026-03-23", &["team", "claims-per-day", "2"])
        .success()
        .stdout(predicate::str::contains("The team's daily claim limit is now 2 (was 1)."));
    // c's config still says 1: the book's 2 applies, and c is told so.
    run(&as_c, "2026-03-23", &["team", "claim", "Three"])
        .success()
        .stdout(predicate::str::contains("(2 claimed today, at most 2 a day)"))
        .stderr(predicate::str::contains(
            "The book's limit applies (2 a day): your config's [team] claims_per_day = 1 only sets the limit a new team book starts with.",
        ));
}

#[test]
fn a_book_file_has_no_pool() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mine.tierdesk");
    let book = book.to_str().unwrap();
    tierdesk_at(dir.path(), book).args(["init"]).assert().success();
    for args in [&["team", "sweep"][..], &["team", "pool"], &["team", "claim", "x"]] {
        tierdesk_at(dir.path(), book)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the team commands need a team book on PostgreSQL"));
    }
}
