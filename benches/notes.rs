//! Notes search at scale (issue 13 point 4): 1,000,000 contacts, as a manager looking in
//! their own customers' notes (`search --in notes`, the TUI's `N`), 50 hits. A rare and a
//! common pattern of four characters, two characters (the trigrams starting with them, from
//! the index's vocabulary), and patterns found nowhere. A common pattern is read newest
//! first row by row (LIKE, stopping at the limit) rather than through the index.
//!
//! Measured (2 shared cores, median): 债券基金 6.2 ms, 货币基金 6.3 ms, review 12.0 ms,
//! 股票期权 0.29 ms, 基金 24.3 ms, 债券 8.6 ms, 股票 0.14 ms. Before the common-pattern rule
//! and the vocabulary, through the index only: 货币基金 277 ms, review 900 ms; LIKE for two
//! characters: 基金 17 ms, 债券 131 ms, 股票 2.35 s.
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
