//! The visit brief at scale (issue 14: first draw < 30 ms): on the 100,000-customer /
//! 1,000,000-contact book with the distributor model's indicators measured for everyone (so
//! that "why this tier" grades the customer), `b` on Today's first row and the frame that
//! follows: the brief read from the book (customer, last five contacts, follow-ups, risk,
//! tier history, indicator values, grade) and drawn at 120x40. Also `tierdesk brief
//! --format json`'s work in-process.

#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tierdesk::app::brief::{BriefSettings, gather};
use tierdesk::clock::Clock;
use tierdesk::domain::customer::CustomerId;
use tierdesk::store::Store;

fn bench(c: &mut Criterion) {
    let book = support::review_book();
    let mut group = c.benchmark_group("brief_100k_customers_1m_contacts");
    group.sample_size(20);

    let mut a = support::app(&book);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    let (b_key, esc) =
        (KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE), KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    a.handle_key(b_key);
    support::draw(&mut a, &mut term);
    assert!(matches!(a.screen(), tierdesk::ui::screens::Screen::Brief(_)), "the brief is on screen");
    a.handle_key(esc);
    support::draw(&mut a, &mut term);
    group.bench_function("b on a Today row: read and first draw of the brief", |b| {
        b.iter(|| {
            a.handle_key(b_key);
            support::draw(&mut a, &mut term);
            a.handle_key(esc);
        })
    });

    let store = Store::open(&book, Clock::Fixed(support::today()), "bench").unwrap();
    let settings = BriefSettings {
        assessments: Default::default(),
        review: None,
        late_rule: Default::default(),
        temperaments: tierdesk::data::temperaments(),
    };
    group.bench_function("gather one customer's brief (brief --format json's reads)", |b| {
        let mut id = 0;
        b.iter(|| {
            id = id % 100_000 + 1;
            black_box(gather(&store, CustomerId(id), support::today(), &settings).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
