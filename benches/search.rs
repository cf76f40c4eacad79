//! Search at scale (issue: find anyone): 100,000 customers. Building the index (working the
//! pinyin out, and from the keys the book keeps), one keystroke of filtering (from nothing,
//! and narrowing), the whole TUI keystroke with its redraw (on the big book, and on one whose
//! names all differ), the same scan with fuzzy-matcher, and `fzf --filter` on the same lines
//! for a ratio. The whole `tierdesk search` process is timed by `search_process.rs`.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use fuzzy_matcher::FuzzyMatcher;
use std::io::Write;
use std::time::Instant;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tierdesk::clock::Clock;
use tierdesk::domain::names::{full_pinyin, initials};
use tierdesk::domain::search::SearchIndex;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::App;

fn bench(c: &mut Criterion) {
    let path = support::big_book();
    let store = Store::open(&path, Clock::Fixed(support::today()), "bench").unwrap();
    let entries = store.search_entries(&tierdesk::store::Owners::All).unwrap();
    assert_eq!(entries.len(), support::CUSTOMERS);

    let mut group = c.benchmark_group("search_100k_customers");
    group.sample_size(10);
    group.bench_function("build_index_with_pinyin", |b| b.iter(|| SearchIndex::new(black_box(entries.clone()))));
    // What the app does now: the keys the book keeps, read and indexed.
    group.bench_function("build_index_from_stored_keys", |b| {
        b.iter(|| tierdesk::app::search::index(&store, &tierdesk::store::Owners::All).unwrap())
    });

    let mut index = SearchIndex::new(entries.clone());
    group.bench_function("first_keystroke_w_full_scan", |b| {
        b.iter(|| {
            index.search("", 1); // forget the previous pattern
            index.search("w", 200)
        })
    });
    group.bench_function("keystroke_narrowing_wan_to_wang", |b| {
        b.iter(|| {
            index.search("", 1);
            index.search("wan", 200);
            index.search("wang", 200)
        })
    });
    group.bench_function("five_letter_pattern_full_scan_zhang", |b| {
        b.iter(|| {
            index.search("", 1);
            index.search("zhang", 200)
        })
    });

    // The same scan with fuzzy-matcher (skim v2) over the same text and pinyin.
    let hay: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                format!("{}  {}  {}  {}  {}", e.name, e.company, e.contact, e.phone, e.tags),
                format!(
                    "{}  {}  {}  {}",
                    initials(&e.name),
                    initials(&e.company),
                    full_pinyin(&e.name),
                    full_pinyin(&e.company)
                ),
            )
        })
        .collect();
    let skim = SkimMatcherV2::default();
    group.bench_function("fuzzy_matcher_scan_zhang", |b| {
        b.iter(|| {
            hay.iter().filter(|(t, p)| skim.fuzzy_match(t, "zhang").max(skim.fuzzy_match(p, "zhang")).is_some()).count()
        })
    });

    // The whole keystroke in the app: key, search, rows read, redraw.
    let mut app = support::app(&path);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut draw = |app: &mut App| {
        app.prepare(Rect::new(0, 0, 120, 40));
        term.draw(|f| app.draw(f)).unwrap();
    };
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.handle_key(key('2'));
    app.handle_key(key('/'));
    draw(&mut app); // builds the index once
    let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    group.bench_function("tui_keystroke_type_w_and_redraw", |b| {
        b.iter(|| {
            app.handle_key(key('w'));
            draw(&mut app);
            app.handle_key(backspace);
            draw(&mut app);
        })
    });

    // The same keystroke on a book whose 100,000 names all differ, with contacts, phones and
    // tags (about three times the distinct haystacks).
    let mut app = support::app(&support::search_book::search_book());
    app.handle_key(key('2'));
    app.handle_key(key('/'));
    draw(&mut app);
    group.bench_function("tui_keystroke_type_w_and_redraw_distinct_names", |b| {
        b.iter(|| {
            app.handle_key(key('w'));
            draw(&mut app);
            app.handle_key(backspace);
            draw(&mut app);
        })
    });
    // One keystroke alone, after the ones before it (not timed, nor the backspaces that
    // clear the query after it): the first letter, letters typed on, a letter deleted, a
    // Chinese character, pinyin initials and full pinyin.
    let cases: [(&str, &str, Option<char>); 8] = [
        ("tui_first_keystroke_w_distinct_names", "", Some('w')),
        ("tui_second_keystroke_wa_distinct_names", "w", Some('a')),
        ("tui_third_keystroke_wan_distinct_names", "wa", Some('n')),
        ("tui_delete_keystroke_wan_to_wa_distinct_names", "wan", None),
        ("tui_chinese_keystroke_wang_char_distinct_names", "", Some('王')),
        ("tui_chinese_second_keystroke_wangfang_distinct_names", "王", Some('芳')),
        ("tui_initials_keystroke_zs_distinct_names", "z", Some('s')),
        ("tui_full_pinyin_keystroke_zhang_distinct_names", "zhan", Some('g')),
    ];
    for (name, before, timed) in cases {
        group.bench_function(name, |b| {
            b.iter_custom(|n| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..n {
                    for c in before.chars() {
                        app.handle_key(key(c));
                        draw(&mut app);
                    }
                    let t = Instant::now();
                    app.handle_key(timed.map_or(backspace, key));
                    draw(&mut app);
                    spent += t.elapsed();
                    let typed = before.chars().count() + usize::from(timed.is_some()) - usize::from(timed.is_none());
                    for _ in 0..typed {
                        app.handle_key(backspace);
                        draw(&mut app);
                    }
                }
                spent
            })
        });
    }
    group.finish();

    // fzf --filter on the same lines, for the ratio (when fzf is installed).
    let file = std::env::temp_dir().join("tierdesk-search-bench.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for (t, p) in &hay {
            writeln!(f, "{t}  {p}").unwrap();
        }
    }
    let runs = 5;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..runs {
        index.search("", 1);
        let t = Instant::now();
        let n = index.search("zhang", 200).len();
        ours.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let out = std::process::Command::new("fzf")
            .args(["--filter", "zhang"])
            .stdin(std::fs::File::open(&file).unwrap())
            .output();
        match out {
            Ok(o) => {
                theirs.push(t.elapsed().as_secs_f64() * 1000.0);
                let _ = (n, o.stdout.len());
            }
            Err(_) => break,
        }
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let (o, t) = (med(&mut ours), med(&mut theirs));
    eprintln!(
        "search 'zhang' over 100,000 customers: tierdesk {o:.1} ms, fzf --filter {t:.1} ms (process included), ratio {:.1}x",
        t / o
    );
    let _ = std::fs::remove_file(&file);
}

criterion_group!(benches, bench);
criterion_main!(benches);
