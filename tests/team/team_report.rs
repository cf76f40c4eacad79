//! The coverage report per person (issue 12 point 7) on the team book: a lead reads their
//! team's people, a manager only themselves, another team nobody of theirs; the numbers are
//! the SQLite engine's for the same customers and contacts.
#![allow(clippy::unwrap_used)]

use predicates::prelude::*;
use tierdesk::clock::Clock;
use tierdesk::domain::people::Role as PersonRole;
use tierdesk::store::Store;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::prelude::*;

use crate::common::tierdesk_bare;
use crate::handover::{fill, pg_team};
use crate::pg::start;

#[test]
fn a_lead_reads_the_teams_coverage_per_person_as_the_sqlite_engine_counts_it() {
    let Some(pg) = start() else { return };
    let (lead, b, c) = pg_team(&pg);
    let (lead2, d) = (pg.login("lead2"), pg.login("d"));
    let mut team = TeamBook::connect(&pg.owner_url()).unwrap();
    team.add_person(&lead2, "Other Lead", Role::Lead, None).unwrap();
    team.add_person(&d, "Deng", Role::Manager, Some(&lead2)).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let clock = Clock::Fixed(today);
    let open = |login: &str| PgStore::open(&pg.url_as(login), clock).unwrap();
    for who in [&b, &c, &d] {
        fill(&mut open(who), who);
    }
    let owners = |book: &dyn Book| -> Vec<String> {
        book.coverage_report_by_owner(today).unwrap().into_iter().map(|o| o.owner).collect()
    };
    let mut team_of_lead = vec![b.clone(), c.clone()];
    team_of_lead.sort();
    assert_eq!(owners(&open(&lead)), team_of_lead);
    assert_eq!(owners(&open(&b)), std::slice::from_ref(&b));
    assert_eq!(owners(&open(&lead2)), std::slice::from_ref(&d));

    // The same customers and contacts in a book file: the same report per person.
    let dir = tempfile::tempdir().unwrap();
    let mut solo = Store::open(&dir.path().join("book.sqlite"), clock, &lead).unwrap();
    solo.init_scheme("default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap();
    for who in [&b, &c] {
        solo.add_person(who, who, PersonRole::Manager, Some(&lead)).unwrap();
        fill(&mut solo, who);
    }
    let on_pg = open(&lead).coverage_report_by_owner(today).unwrap();
    let on_file = solo.coverage_report_by_owner(today).unwrap();
    assert_eq!(on_pg, on_file);
    assert_eq!(on_pg[0].report.total_customers, 2);
    assert_eq!(on_pg[0].report.total_contacts_in_period, 2);

    // Through the binary, as the lead.
    let cfg = tempfile::tempdir().unwrap();
    tierdesk_bare()
        .env("TIERDESK_CONFIG_DIR", cfg.path())
        .env("LANG", "en_US.UTF-8")
        .env("TIERDESK_TODAY", "2026-11-23")
        .env_remove("TIERDESK_DB")
        .args(["--db", &pg.url_as(&lead), "report", "--by", "owner"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Coverage by person")
                .and(predicate::str::contains(b.as_str()))
                .and(predicate::str::contains(c.as_str()))
                .and(predicate::str::contains(d.as_str()).not()),
        );
}
