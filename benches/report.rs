//! The coverage report at scale (issue: tier management, part 6): with 100,000 customers and
//! 1,000,000 contacts, building the report through the store (the call `tierdesk report` and
//! the report screen both make; target < 300 ms), and opening the screen with its redraw.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tierdesk::clock::Clock;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

fn bench(c: &mut Criterion) {
    let path = support::big_book();
    let mut group = c.benchmark_group("report_100k_customers_1m_contacts");
    group.sample_size(20);
    let store = Store::open(&path, Clock::Fixed(support::today()), "bench").unwrap();
    group.bench_function("coverage_report", |b| b.iter(|| store.coverage_report(support::today()).unwrap()));
    drop(store);

    // Key 5 reads the report afresh each time (a view shown again is re-read), then a frame.
    let mut a = support::app(&path);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    let five = KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE);
    group.bench_function("press_5_and_draw_the_report_screen", |b| {
        b.iter(|| {
            a.handle_key(five);
            support::draw(&mut a, &mut term);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
