//! The tier review at scale (issue: tier management, part 4): 100,000 customers with the
//! distributor model's 8 indicators each. Timed: the whole review as `tierdesk review` and
//! the Review screen run it (read the customers and the latest value of every indicator,
//! grade, judge each difference by the policy; target < 500 ms), and pressing 6 on the app
//! with the frame drawn.
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
    let path = support::review_book();
    let mut group = c.benchmark_group("review_100k_customers_8_indicators");
    group.sample_size(10);
    let store = Store::open(&path, Clock::Fixed(support::today()), "bench").unwrap();
    let scheme = store.scheme().unwrap().clone();
    let model = tierdesk::app::review::choose_model(&scheme, Some("distributor"), None).unwrap();
    let policy = tierdesk::app::review::policy(&model, None);
    let run = tierdesk::app::review::run_review(&store, model.clone(), policy, support::today()).unwrap();
    eprintln!("{} customers, {} graded, {} suggestions", run.customers, run.graded, run.suggestions.len());
    group.bench_function("read_grade_and_judge", |b| {
        b.iter(|| tierdesk::app::review::run_review(&store, model.clone(), policy, support::today()).unwrap())
    });
    group.bench_function("read_inputs_only", |b| b.iter(|| store.review_inputs(&model).unwrap()));
    drop(store);

    let mut a = support::app(&path);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    let six = KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE);
    group.bench_function("press_6_and_draw_the_review_screen", |b| {
        b.iter(|| {
            a.handle_key(six);
            support::draw(&mut a, &mut term);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
