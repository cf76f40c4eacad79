//! `tierdesk plan --format json` at scale: with 100,000 customers and 1,000,000 contacts,
//! (a) the whole command in-process (open the book, read the day's list, score, read the
//! planned customers' regions, serialise), (b) the plan from a list already read (what
//! Today's plan mode adds on `P`). Also printed, outside criterion: the real binary's wall
//! time, when cargo built it for this bench. Budget: < 300 ms for (a).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use tierdesk::app::agenda::{AgendaQuery, due_items};
use tierdesk::app::plan::{PlanQuery, plan_of_items};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::plan::Capacity;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

fn open(path: &Path) -> Store {
    Store::open(path, Clock::Fixed(support::today()), "bench").unwrap()
}

/// What `tierdesk plan --format json` does after parsing its arguments.
fn plan_command(path: &Path) -> String {
    let store = open(path);
    let q = PlanQuery { day: support::today(), assessments: Default::default(), capacity: Capacity::default() };
    let rows = tierdesk::cli::plan::rows(&store, Lang::En, q, None, &tierdesk::store::Owners::All).unwrap();
    tierdesk::cli::plan::json(&rows, Lang::En).unwrap()
}

/// The real binary once, if cargo built it for this bench.
fn real_binary_once(path: &Path) {
    let Some(exe) = option_env!("CARGO_BIN_EXE_tierdesk") else {
        eprintln!("real binary: not built for this bench; skipped");
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = std::process::Command::new(exe)
        .env("TIERDESK_CONFIG_DIR", config.path())
        .env_remove("TIERDESK_DB")
        .args(["--today", "2026-11-23", "--db"])
        .arg(path)
        .args(["plan", "--format", "json", "--all"])
        .output();
    match out {
        Ok(out) if out.status.success() => eprintln!(
            "real binary `tierdesk plan --format json --all`: {:.0} ms, {} rows",
            started.elapsed().as_secs_f64() * 1e3,
            String::from_utf8_lossy(&out.stdout).matches("\"customer_id\"").count()
        ),
        Ok(out) => eprintln!("real binary failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        Err(e) => eprintln!("real binary could not be run: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let big = support::big_book();
    let json = plan_command(&big);
    eprintln!("plan --format json in-process: {} rows", json.matches("\"customer_id\"").count());
    real_binary_once(&big);

    let mut group = c.benchmark_group("plan_100k_customers_1m_contacts");
    group.sample_size(10);
    group.bench_function("plan --format json (open, list, score, regions, serialise)", |b| {
        b.iter(|| black_box(plan_command(&big)))
    });

    let store = open(&big);
    let scheme = store.scheme().unwrap().clone();
    let q =
        AgendaQuery { today: support::today(), assessments: Default::default(), within_days: 0, include_done: true };
    let items = due_items(&store, &scheme, &data::contact_kinds(), Lang::En, q, &tierdesk::store::Owners::All).unwrap();
    eprintln!("the day's list: {} items", items.len());
    group.bench_function("plan of a list already read (Today's P)", |b| {
        b.iter(|| black_box(plan_of_items(&store, &items, &scheme, Capacity::default()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
