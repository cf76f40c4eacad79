//! `export all` and `import all` at the issue's scale: the big solo book of `support`
//! (100,000 customers, 1,000,000 contacts; generated once into target/bench-data) written
//! whole as a document, then that document brought into a fresh book, through the same calls
//! as the commands. Prints each time and the process's peak memory (VmHWM, reset between the
//! two). Target: each within 30 s.
//!
//! Measured (2026-12-03, release, 2 cores). First, with four helpers' builds beside it (load
//! 7.3 before, 4.7 after): export all of 1,200,003 records (446 MB) in 4.9 s, import all 119.1 s.
//! On a quiet machine (load about 1): import all 78.1 s. A profile (`perf record`) showed
//! FTS5 flushing the notes index at every statement's savepoint and statement journals
//! written to a temp file; with the notes index filled once at the end: 44.0 s; with statement
//! journals in memory: 32.0 s; with contacts and follow-ups inserted OR FAIL (no statement
//! journal): 28.4 s and 30.6 s in two runs; export all 3.7-4.1 s, peak RSS 300 MB (export)
//! and 139 MB (import). Then (issue 16's import work; load 3): with the audit log, changes
//! and tier history inserted OR FAIL too: import all 21.8 s, export all 2.2 s.
//!
//! `cargo bench --bench move_book` (a plain timed main: each step is seconds long).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use std::io::{BufWriter, Write};
use std::time::Instant;

use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// The process's peak resident memory so far, in MB (Linux: VmHWM).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Start counting the peak again from the memory in use now.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let book = support::big_book();
    let dir = book.parent().unwrap().to_path_buf();
    let doc = dir.join("move-book.json");
    let store = Store::open(&book, Clock::Fixed(support::today()), "bench").unwrap();
    reset_peak();
    let started = Instant::now();
    let mut out = BufWriter::with_capacity(1 << 16, std::fs::File::create(&doc).unwrap());
    let exported = store.export_all(&mut out).unwrap();
    out.flush().unwrap();
    drop(out);
    let took = started.elapsed().as_secs_f64();
    let records: u64 = exported.sections.iter().map(|(_, n)| n).sum();
    let size = std::fs::metadata(&doc).unwrap().len() as f64 / 1e6;
    println!("export all: {records} records, {size:.0} MB in {took:.1} s, peak {:.0} MB", peak_mb());
    drop(store);

    let fresh = dir.join("move-book-new.sqlite");
    for ext in ["sqlite", "sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(fresh.with_extension(ext));
    }
    let mut store = Store::open(&fresh, Clock::Fixed(support::today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    reset_peak();
    let started = Instant::now();
    let moved = store.import_all(&mut std::fs::File::open(&doc).unwrap()).unwrap();
    let took = started.elapsed().as_secs_f64();
    println!(
        "import all: {} records added ({} already there) in {took:.1} s, peak {:.0} MB",
        moved.added(),
        moved.already_there(),
        peak_mb()
    );
}
