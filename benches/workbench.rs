//! The workbench at scale (issue: the shell): with 100,000 customers and 1,000,000
//! contacts, opening the book and drawing the first screen, moving the selection and
//! redrawing, and the customer list query on its own.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tierdesk::clock::Clock;
use tierdesk::store::prelude::*;
use tierdesk::store::{ListQuery, SortDir, SortKey, Store};

fn bench(c: &mut Criterion) {
    let path = support::big_book();
    let mut group = c.benchmark_group("workbench_100k_customers_1m_contacts");
    group.sample_size(20);

    group.bench_function("open_book_and_first_draw", |b| {
        b.iter(|| {
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut a = support::app(&path);
            support::draw(&mut a, &mut term);
        })
    });

    let mut a = support::app(&path);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    group.bench_function("move_selection_and_redraw", |b| {
        b.iter(|| {
            a.handle_key(down);
            support::draw(&mut a, &mut term);
        })
    });
    let page = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
    group.bench_function("page_down_deep_and_redraw", |b| {
        b.iter(|| {
            a.handle_key(page);
            support::draw(&mut a, &mut term);
        })
    });
    let bottom = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE);
    let top = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
    group.bench_function("jump_to_bottom_and_top_with_redraws", |b| {
        b.iter(|| {
            a.handle_key(bottom);
            support::draw(&mut a, &mut term);
            a.handle_key(top);
            support::draw(&mut a, &mut term);
        })
    });

    let store = Store::open(&path, Clock::Fixed(support::today()), "bench").unwrap();
    for sort in [SortKey::NextDue, SortKey::Name, SortKey::LastContact] {
        let q =
            ListQuery { tier: Some("C".into()), sort, dir: SortDir::Asc, offset: 0, limit: 160, ..Default::default() };
        group.bench_function(format!("list_query_tier_c_{sort:?}_160_rows"), |b| {
            b.iter(|| store.customer_rows(&q).unwrap())
        });
    }
    group.bench_function("tier_counts", |b| b.iter(|| store.tier_counts().unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
