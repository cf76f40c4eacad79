//! `team import-book` at the scale: the big solo book of `support` (100,000
//! customers, 1,000,000 contacts; generated once into target/bench-data) brought into a
//! fresh team book on the test server (`TIERDESK_TEST_PG`, as tests/common/pg.rs), by an
//! admin for a manager, through the same call as the command. Prints the time and what came
//! in. Target: within a couple of minutes.
//!
//! Measured (2026-12-02, 2 cores shared with other builds, load average about 5): 221 s, the
//! client's peak memory 10 MB (the rows are streamed). Most of it is the team book's own
//! per-row work, which any person's write pays: the row-level security check (a call of
//! `visible_owners()` per row), the owner copy's trigger, the foreign keys, and the audit
//! trigger logging 1,200,000 added rows with its own policy check per row; copying into the
//! temporary tables and drawing the new ids take about a seventh.
//!
//! `cargo bench --bench import_book` (a plain timed main: one import is a minute long).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

#[path = "../tests/common/pg.rs"]
mod pg;
mod support;

use std::time::Instant;

use tierdesk::clock::Clock;
use tierdesk::store::postgres::team::{Role, TeamBook};

fn main() {
    let book = support::big_book();
    let Some(pg) = pg::start() else { return };
    let mut owner = TeamBook::connect(&pg.owner_url()).unwrap();
    owner.init().unwrap();
    let (admin, manager) = (pg.login("admin"), pg.login("m"));
    owner.add_person(&admin, "Admin", Role::Admin, None).unwrap();
    owner.add_person(&manager, "Manager", Role::Manager, None).unwrap();
    let mut team = TeamBook::open(&pg.url_as(&admin)).unwrap();
    let started = Instant::now();
    let brought = team.import_book(&book, &manager, Clock::Fixed(support::today())).unwrap();
    let took = started.elapsed().as_secs_f64();
    println!(
        "import-book {}: {} customers, {} contacts, {} tier changes, {} log rows in {took:.1} s",
        book.display(),
        brought.customers,
        brought.contacts,
        brought.tier_changes,
        brought.audit_log
    );
}
