//! The team pool's speed (issue 17) on the team book of `benches/team.rs` (20 managers,
//! 100,000 customers, 1,000,000 contacts), copied once into `tierdesk_bench_pool_v1` and
//! given the team scheme's rules (A 3/14, B 7/30, C 14/60, D 60/180) and some neglect: every
//! tenth customer's last contact and due date moved 40 days back. Targets: `team sweep`
//! < 2 s; the lead's Today with its escalated group < 200 ms.
//!
//! Measured: the first sweep of the neglected book (once, when the copy is made: the
//! backlog of releases), the next day's sweep (what the daily cron does), and a sweep 45
//! days on (a team that stopped working for six weeks: most A and B customers go), each
//! sweep in a transaction rolled back so that every run starts from the same book; then the
//! lead's Today (open, read, first draw at 120x40) and a manager's.
//!
//! Needs PostgreSQL at `TIERDESK_BENCH_PG`, as `benches/team.rs`.
//!
//! Measured here (2 cores shared, PostgreSQL 15, server date 2026-12-03). Issue 17's first
//! figures: the first sweep of the neglected book (1,867 released, 4,705 escalations) 4.1 s,
//! the next day's 0.41 s, "45 days on" (clamped by the sweep to the server's tomorrow) 1.47 s;
//! the lead's Today 3.6 s, its floor 2.9 s. After schema steps 14-16, JIT off and the team
//! due list's reads (session of 2026-12-03, load 1.2-3.7): the first sweep 3.5 s, the next
//! day's 0.37-0.41 s, "45 days on" 1.68-2.18 s; the lead's Today 207-340 ms across runs (the
//! floor 159-328 ms: the lead's Today is the whole team's 30,000 due rows), the escalated
//! group's read 8.6-10 ms, a manager's Today with days left 58-76 ms. With the team book's
//! first frame read from the start of the list (`PgStore::due_head`, session of 2026-12-03
//! afternoon, load 2.3-3.6): the lead's Today 145 ms (127-157), its floor without rules 136 ms,
//! a manager's 63 ms; the next day's sweep 0.40 s, "45 days on" 1.58 s. The backlog's first
//! sweep (1,867 released), timed in psql on fresh copies: 3.0-3.5 s. On the team bench's own
//! book with the team rules switched on, the first sweep has nothing to do: 0.15-0.16 s.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

#[allow(unused_imports)]
mod team_book;

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use postgres::{Client, NoTls};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tierdesk::app::Context;
use tierdesk::i18n::Lang;
use tierdesk::ui::App;

const DB: &str = "tierdesk_bench_pool_v1";
const MARKER: (&str, &str) = ("bench.pool_book", "complete v1");

fn url_as(login: &str) -> String {
    team_book::url_as(login).replace(team_book::DB, DB)
}

fn day(n: u64) -> NaiveDate {
    team_book::today().checked_add_days(Days::new(n)).unwrap()
}

/// The copy with the rules and the neglect, swept once as of the bench's today.
fn ensure_copy() {
    let mut admin = team_book::admin().unwrap();
    let exists = admin.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&DB]).unwrap().is_some();
    if exists {
        let mut c = Client::connect(&url_as(&team_book::owner()), NoTls).unwrap();
        let done = c.query_opt("SELECT 1 FROM book_meta WHERE key = $1 AND value = $2", &[&MARKER.0, &MARKER.1]);
        if done.is_ok_and(|r| r.is_some()) {
            // Brought up to this tierdesk's schema, as `team_book::ensure` does its book.
            let mut book = tierdesk::store::postgres::team::TeamBook::connect(&url_as(&team_book::owner())).unwrap();
            let done = book.init().unwrap();
            if done.from < done.to {
                eprintln!("upgraded the pool's bench book {DB} from schema {} to {}", done.from, done.to);
            }
            return;
        }
        drop(c);
        admin.batch_execute(&format!("DROP DATABASE \"{DB}\" WITH (FORCE)")).unwrap();
    }
    let started = Instant::now();
    admin
        .batch_execute(&format!(
            "CREATE DATABASE \"{DB}\" TEMPLATE \"{}\" OWNER \"{}\"",
            team_book::DB,
            team_book::owner()
        ))
        .unwrap();
    let mut owner = Client::connect(&url_as(&team_book::owner()), NoTls).unwrap();
    let (file, text) = tierdesk::data::builtin_scheme_source("team").unwrap();
    owner.execute("UPDATE book_meta SET value = $1 WHERE key = 'scheme_file'", &[&file]).unwrap();
    owner.execute("UPDATE book_meta SET value = $1 WHERE key = 'scheme_source'", &[&text]).unwrap();
    owner
        .batch_execute(
            // The team bench's book may have been opened, and so swept (with no rules), as
            // of the bench's day: that day would count as swept here too.
            "DELETE FROM pool_sweeps;
             DELETE FROM tier_rules;
             INSERT INTO tier_rules VALUES ('A', 3, 14), ('B', 7, 30), ('C', 14, 60), ('D', 60, 180);
             ALTER TABLE customers DISABLE TRIGGER audit_update;
             UPDATE customers SET last_contact_on = last_contact_on - 40, next_due_on = next_due_on - 40
             WHERE id % 10 = 0;
             ALTER TABLE customers ENABLE TRIGGER audit_update;",
        )
        .unwrap();
    owner.batch_execute("VACUUM ANALYZE customers").unwrap();
    drop(owner);
    eprintln!(
        "copied the team book into {DB} with the rules and the neglect in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // The backlog: the first sweep, committed, as the first person to open the book would.
    let mut lead = Client::connect(&url_as(&team_book::lead()), NoTls).unwrap();
    let started = Instant::now();
    let row = lead.query_one("SELECT released, escalated FROM pool_sweep($1)", &[&team_book::today()]).unwrap();
    let (released, escalated): (i32, i32) = (row.get(0), row.get(1));
    eprintln!(
        "first sweep of the neglected book (backlog, committed): {released} released, {escalated} escalations recorded, {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut owner = Client::connect(&url_as(&team_book::owner()), NoTls).unwrap();
    owner.batch_execute("VACUUM ANALYZE customers, contacts, pool_events").unwrap();
    owner.execute("INSERT INTO book_meta (key, value) VALUES ($1, $2)", &[&MARKER.0, &MARKER.1]).unwrap();
}

/// A sweep as of `on` in a transaction rolled back: (released, escalated).
fn sweep_rolled_back(lead: &mut Client, on: NaiveDate) -> (i32, i32) {
    let mut tx = lead.transaction().unwrap();
    let row = tx.query_one("SELECT released, escalated FROM pool_sweep($1)", &[&on]).unwrap();
    tx.rollback().unwrap();
    (row.get(0), row.get(1))
}

fn context(login: &str) -> Context {
    Context {
        config: Default::default(),
        lang: Lang::Zh,
        clock: tierdesk::clock::Clock::Fixed(team_book::today()),
        user: login.to_string(),
        db: Some(PathBuf::from(url_as(login))),
        theme: None,
    }
}

/// What the TUI does on start (opening sweeps: the day is swept already) and its first draw.
fn open_and_draw(ctx: &Context) -> App {
    let store = ctx.open_book_telling(false).unwrap();
    let scheme = store.scheme().cloned().unwrap();
    let (mut env, _) = tierdesk::ui::load_env(ctx, scheme, store.label()).unwrap();
    env.user = store.user().to_string();
    let mut app = App::new(store, env);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.prepare(Rect::new(0, 0, 120, 40));
    term.draw(|f| app.draw(f)).unwrap();
    app
}

fn bench(c: &mut Criterion) {
    if !team_book::ensure() {
        return;
    }
    ensure_copy();
    let mut lead = Client::connect(&url_as(&team_book::lead()), NoTls).unwrap();
    for (what, on) in [("the next day", day(1)), ("45 days on", day(45))] {
        let started = Instant::now();
        let (released, escalated) = sweep_rolled_back(&mut lead, on);
        eprintln!(
            "sweep {what} ({on}): {released} released, {escalated} escalations recorded, {:.0} ms (rolled back)",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    let ctx = context(&team_book::lead());
    let store = ctx.open_book().unwrap();
    let escalated = store.escalated(team_book::today()).unwrap().len();
    eprintln!("the lead's escalated group: {escalated} customers (at most 500 read)");

    let mut group = c.benchmark_group("pool_20_managers_100k_customers");
    group.sample_size(10);
    // The group's own read, on an open book (what it adds to the lead's Today).
    group.bench_function("lead_escalated_group_read", |b| b.iter(|| store.escalated(team_book::today()).unwrap()));
    drop(store);
    group.bench_function("team_sweep_the_next_day", |b| b.iter(|| sweep_rolled_back(&mut lead, day(1))));
    group.bench_function("team_sweep_45_days_on", |b| b.iter(|| sweep_rolled_back(&mut lead, day(45))));
    group.bench_function("lead_open_book_and_first_draw_of_today_with_escalated", |b| b.iter(|| open_and_draw(&ctx)));
    // The floor: the same on the team bench's book itself (no rules, so no escalated group
    // and no days left are read; no neglect, so fewer due items).
    let mut plain = context(&team_book::lead());
    plain.db = Some(PathBuf::from(team_book::url_as(&team_book::lead())));
    group.bench_function("lead_open_book_and_first_draw_of_today_without_rules_floor", |b| {
        b.iter(|| open_and_draw(&plain))
    });
    let manager = context(&team_book::manager(0));
    group.bench_function("manager_open_book_and_first_draw_of_today_with_days_left", |b| {
        b.iter(|| open_and_draw(&manager))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
