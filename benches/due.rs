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

/// The day on which 90,000 of the big book's 100,000 customers are due (issue 16: a manager
/// back from a long leave).
const LONG_LEAVE: &str = "2027-11-15";

/// The wall time (median of `runs`) and the largest peak resident memory of a whole process.
fn whole_process(runs: usize, mut command: impl FnMut() -> std::process::Command) -> (f64, Option<f64>) {
    let timer = Path::new("/usr/bin/time");
    let mut times = Vec::new();
    let mut peak: Option<f64> = None;
    for _ in 0..runs {
        let mut cmd = if timer.exists() {
            let inner = command();
            let mut c = std::process::Command::new(timer);
            c.args(["-f", "%M"]).arg(inner.get_program()).args(inner.get_args());
            for (k, v) in inner.get_envs() {
                match v {
                    Some(v) => c.env(k, v),
                    None => c.env_remove(k),
                };
            }
            c
        } else {
            command()
        };
        let started = Instant::now();
        let out = cmd.stdout(std::process::Stdio::null()).output().unwrap();
        times.push(started.elapsed().as_secs_f64());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let kb = String::from_utf8_lossy(&out.stderr).trim().lines().last().and_then(|l| l.trim().parse::<f64>().ok());
        if let Some(mb) = kb.map(|k| k / 1024.0) {
            peak = Some(peak.map_or(mb, |p: f64| p.max(mb)));
        }
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], peak)
}

/// Issue 16, point 1: `tierdesk due --format json` with 90,000 items against the floor,
/// sqlite3 printing the same rows as JSON from a table indexed in their order. Both whole
/// processes, run one after the other in this run.
fn versus_sqlite3(big: &Path) {
    let Some(exe) = option_env!("CARGO_BIN_EXE_tierdesk") else {
        eprintln!("versus sqlite3: the binary was not built for this bench; skipped");
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let ours = || {
        let mut c = std::process::Command::new(exe);
        c.env("TIERDESK_CONFIG_DIR", config.path())
            .env_remove("TIERDESK_DB")
            .args(["--today", LONG_LEAVE, "--db"])
            .arg(big)
            .args(["due", "--format", "json", "--all"]);
        c
    };
    let out = ours().output().unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // The floor's table: the very rows we printed, in our order, with an index on that order.
    let dir = tempfile::tempdir().unwrap();
    let floor_db = dir.path().join("floor.sqlite");
    let mut conn = rusqlite::Connection::open(&floor_db).unwrap();
    // Pages of the size the book's are (a new book's), so that only the work differs.
    conn.pragma_update(None, "page_size", tierdesk::store::NEW_BOOK_PAGE_SIZE).unwrap();
    conn.execute_batch(
        "CREATE TABLE due (rank INTEGER, customer_id INTEGER, ref TEXT, name TEXT, tier TEXT, reason TEXT,
            last_contact TEXT, due_date TEXT, days_overdue INTEGER, detail TEXT);",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    for (rank, it) in items.iter().enumerate() {
        let text = |k: &str| it[k].as_str().map(str::to_string);
        tx.execute(
            "INSERT INTO due VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                rank as i64,
                it["customer_id"].as_i64(),
                text("ref"),
                text("name"),
                text("tier"),
                text("reason"),
                text("last_contact"),
                text("due_date"),
                it["days_overdue"].as_i64(),
                text("detail")
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    conn.execute_batch("CREATE INDEX due_by_rank ON due (rank);").unwrap();
    drop(conn);
    let floor = || {
        let mut c = std::process::Command::new("sqlite3");
        c.arg("-json").arg(&floor_db).arg(
            "SELECT customer_id, ref, name, tier, reason, last_contact, due_date, days_overdue, detail FROM due ORDER BY rank",
        );
        c
    };
    if std::process::Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("versus sqlite3: no sqlite3 on the PATH; the floor is not measured");
        return;
    }
    let (ours_s, ours_mb) = whole_process(7, ours);
    let (floor_s, _) = whole_process(7, floor);
    let mb = ours_mb.map(|m| format!("{m:.0} MB")).unwrap_or_else(|| "n/a".into());
    eprintln!(
        "due --format json, {} items (--today {LONG_LEAVE}): ours {:.0} ms, peak {mb} (target < 100 MB); \
         sqlite3 -json of the same rows {:.0} ms; ratio {:.2}x (target <= 1.5x)",
        items.len(),
        ours_s * 1e3,
        floor_s * 1e3,
        ours_s / floor_s
    );
}

fn bench(c: &mut Criterion) {
    let big = support::big_book();
    versus_sqlite3(&big);
    if std::env::var_os("DUE_BENCH_VERSUS_ONLY").is_some() {
        return;
    }
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
