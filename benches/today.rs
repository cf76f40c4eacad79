//! The Today screen at scale (issue: the daily checklist): with 100,000 customers and
//! 1,000,000 contacts, opening the book and drawing Today, and logging a contact from it
//! (Space, Ctrl-S) with the redraw that follows. Runs on a copy of the big book, since it
//! writes.

#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn bench(c: &mut Criterion) {
    let big = support::big_book();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("book.sqlite");
    std::fs::copy(&big, &copy).unwrap();

    let mut group = c.benchmark_group("today_100k_customers_1m_contacts");
    group.sample_size(10);
    group.bench_function("open_book_and_first_draw_of_today", |b| {
        b.iter(|| {
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut a = support::app(&copy);
            support::draw(&mut a, &mut term);
        })
    });

    let mut a = support::app(&copy);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
    let save = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    group.bench_function("log_contact_from_today_and_redraw", |b| {
        b.iter(|| {
            a.handle_key(space);
            support::draw(&mut a, &mut term);
            a.handle_key(save);
            support::draw(&mut a, &mut term);
        })
    });
    group.finish();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
        eprintln!("today bench peak memory: {line}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
