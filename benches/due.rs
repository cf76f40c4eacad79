//! `tierdesk due` and `tierdesk log` at scale: with 100,000 customers and 1,000,000
//! contacts, (a) the ranked daily list on its own, (b) the whole `due --format json`
//! command in-process (open the book, list, serialise), (c) logging one contact. The
//! writes in (c) go to a copy of the big book, so the shared one is not changed.
//! Also printed, outside criterion: the peak memory (VmHWM) of one run of (b), and, when
//! cargo built the binary for this bench, the wall time and peak memory of the real
//! `tierdesk due --format json`.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use tierdesk::app::agenda::{AgendaQuery, due_items};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

fn open(path: &Path) -> Store {
    Store::open(path, Clock::Fixed(support::today()), "bench").unwrap()
}

/// What `tierdesk due --format json` does after parsing its arguments.
fn due_command(path: &Path) -> String {
    let store = open(path);
    tierdesk::cli::due::json(&store, Lang::En, support::today(), 0, None, &tierdesk::store::Owners::All).unwrap()
}

fn status_line(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// One run of (b), with the process's peak memory reset before it where Linux allows.
fn peak_memory_of_due_command(path: &Path) {
    let before = status_line("VmHWM");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let started = Instant::now();
    let json = due_command(path);
    let took = started.elapsed();
    let items = json.matches("\"customer_id\"").count();
    eprintln!(
        "due --format json in-process: {items} items, {:.1} MB of JSON, {:.0} ms; VmHWM after it: {} \
         (peak {}; before: {before})",
        json.len() as f64 / 1e6,
        took.as_secs_f64() * 1e3,
        status_line("VmHWM"),
        if reset { "reset just before the run" } else { "could not be reset: includes the set-up" },
    );
}

/// The real binary once, if cargo built it for this bench, timed by /usr/bin/time if present.
fn real_binary_once(path: &Path) {
    let Some(exe) = option_env!("CARGO_BIN_EXE_tierdesk") else {
        eprintln!("real binary: not built for this bench; skipped");
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let timer = Path::new("/usr/bin/time");
    let mut cmd = if timer.exists() {
        let mut c = std::process::Command::new(timer);
        c.args(["-f", "%e s wall, %M KB max RSS"]).arg(exe);
        c
    } else {
        std::process::Command::new(exe)
    };
    cmd.env("TIERDESK_CONFIG_DIR", config.path())
        .env_remove("TIERDESK_DB")
        .args(["--today", "2026-11-23", "--db"])
        .arg(path)
        .args(["due", "--format", "json"])
        .stdout(std::process::Stdio::null());
    let started = Instant::now();
    match cmd.output() {
        Ok(out) if out.status.success() => eprintln!(
            "real binary `tierdesk due --format json`: {:.0} ms {}",
            started.elapsed().as_secs_f64() * 1e3,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Ok(out) => eprintln!("real binary failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        Err(e) => eprintln!("real binary could not be run: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let big = support::big_book();
    peak_memory_of_due_command(&big);
    real_binary_once(&big);

    let mut group = c.benchmark_group("due_100k_customers_1m_contacts");
    group.sample_size(10);

    let store = open(&big);
    let scheme = store.scheme().unwrap().clone();
    let kinds = data::contact_kinds();
    let q =
        AgendaQuery { today: support::today(), assessments: Default::default(), within_days: 0, include_done: true };
    eprintln!(
        "due_items today, done included: {} items",
        due_items(&store, &scheme, &kinds, Lang::En, q, &tierdesk::store::Owners::All).unwrap().len()
    );
    group.bench_function("agenda_due_items_today_incl_done", |b| {
        b.iter(|| due_items(&store, &scheme, &kinds, Lang::En, black_box(q), &tierdesk::store::Owners::All).unwrap())
    });
    drop(store);

    group.bench_function("due_command_open_list_json", |b| b.iter(|| due_command(black_box(&big))));

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("book.sqlite");
    std::fs::copy(&big, &copy).unwrap();
    let mut store = open(&copy);
    let mut n: i64 = 0;
    group.bench_function("log_one_contact", |b| {
        b.iter(|| {
            // a different customer each time, spread over the book
            n += 1;
            let contact = NewContact {
                customer: CustomerId(1 + (n * 7919) % support::CUSTOMERS as i64),
                kind: "call".into(),
                on: support::today(),
                person: String::new(),
                summary: "bench".into(),
                outcome: String::new(),
            };
            store.add_contact(&contact, None).unwrap()
        })
    });
    group.finish();
    eprintln!("due bench process peak memory (VmHWM): {}", status_line("VmHWM"));
}

criterion_group!(benches, bench);
criterion_main!(benches);
