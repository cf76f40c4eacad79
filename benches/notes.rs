//! Notes search at scale (issue 13 point 4): 1,000,000 contacts, as a manager looking in
//! their own customers' notes (`search --in notes`, the TUI's `N`), 50 hits. A rare and a
//! common pattern of four characters (the trigram index), two characters (no trigram can
//! answer: LIKE newest first, stopping at the limit), and patterns found nowhere (the
//! worst case of each path).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tierdesk::clock::Clock;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

fn bench(c: &mut Criterion) {
    let path = support::notes_book();
    let store = Store::open(&path, Clock::Fixed(support::today()), "bench").unwrap();
    let mine = Owners::one("bench");
    let mut group = c.benchmark_group("notes_1m_contacts");
    group.sample_size(10);
    for (label, pattern) in [
        ("rare_4_chars_债券基金_1_in_1000", "债券基金"),
        ("common_4_chars_货币基金_1_in_10", "货币基金"),
        ("common_ascii_review_3_in_10", "review"),
        ("nowhere_4_chars_股票期权", "股票期权"),
        ("two_chars_基金_1_in_10", "基金"),
        ("two_chars_债券_1_in_1000", "债券"),
        ("two_chars_nowhere_股票", "股票"),
    ] {
        let n = store.search_notes(pattern, 50, &mine).unwrap().len();
        eprintln!("{label}: {n} hits");
        group.bench_function(label, |b| b.iter(|| store.search_notes(black_box(pattern), 50, &mine).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
