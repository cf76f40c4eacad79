//! The Today screen at scale (issue: the daily checklist): with 100,000 customers and
//! 1,000,000 contacts, opening the book and drawing Today, and logging a contact from it
//! (Space, Ctrl-S) with the redraw that follows; filtering Today by a key (R reason, Z
//! region) and redrawing (issue 13: under 16 ms), and the week ahead's first draw (`w`,
//! under 100 ms). Runs on a copy of the big book, since it writes (and gives the copy's
//! customers regions, which the generated book has none of).

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
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch(
        "UPDATE customers SET region = CASE id % 5 WHEN 0 THEN '华东' WHEN 1 THEN '华南' WHEN 2 THEN '华北'
                                                   WHEN 3 THEN 'West' ELSE '' END;",
    )
    .unwrap();
    drop(conn);

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

    // Filtering: each press steps to the next value (past the last: all again), so the
    // timings cover narrow and whole lists alike.
    let mut a = support::app(&copy);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::draw(&mut a, &mut term);
    eprintln!("rows on Today before any filter: {}", today_rows(&a));
    for (name, c) in [("filter_today_by_reason_key_and_redraw", 'R'), ("filter_today_by_region_key_and_redraw", 'Z')] {
        let press = key(KeyCode::Char(c), KeyModifiers::SHIFT);
        group.bench_function(name, |b| {
            b.iter(|| {
                a.handle_key(press);
                support::draw(&mut a, &mut term);
            })
        });
    }

    // The week ahead: `w` and its first draw timed; Esc back to Today is not.
    let (w, esc) = (key(KeyCode::Char('w'), KeyModifiers::NONE), key(KeyCode::Esc, KeyModifiers::NONE));
    group.bench_function("week_ahead_first_draw", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let started = std::time::Instant::now();
                a.handle_key(w);
                support::draw(&mut a, &mut term);
                total += started.elapsed();
                a.handle_key(esc);
                support::draw(&mut a, &mut term);
            }
            total
        })
    });
    group.finish();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
        eprintln!("today bench peak memory: {line}");
    }
}

/// How many rows Today shows.
fn today_rows(a: &tierdesk::ui::App) -> usize {
    match a.screen() {
        tierdesk::ui::screens::Screen::Today(t) => t.items().len(),
        _ => 0,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
