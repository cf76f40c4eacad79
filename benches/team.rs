//! Speed over the wire (issue 12, point 9): a team book on the local PostgreSQL with 20
//! managers, 100,000 customers and 1,000,000 contacts (`team_book`), used as one manager
//! through their own login (row-level security on). Targets: Today's first draw < 200 ms,
//! `due --format json` < 200 ms, logging a contact and redrawing < 20 ms, a search
//! keystroke < 16 ms (the index lives in the client).
//!
//! Needs PostgreSQL at `TIERDESK_BENCH_PG` (default postgres://postgres@127.0.0.1:5432/postgres,
//! a superuser: it makes the bench's roles and database); without one it says so and
//! measures nothing. The first run builds the book (a few minutes); later runs reuse it and
//! put it back as generated before measuring (the log bench writes contacts).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod team_book;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tierdesk::app::Context;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::App;

/// The manager the bench works as.
fn me() -> String {
    team_book::manager(0)
}

/// The app's settings for the book as `login`: no config file (the person's own would
/// change what is measured), Chinese, the bench's today.
fn context(login: &str) -> Context {
    Context {
        config: Default::default(),
        lang: Lang::Zh,
        clock: tierdesk::clock::Clock::Fixed(team_book::today()),
        user: login.to_string(),
        db: Some(PathBuf::from(team_book::url_as(login))),
        theme: None,
    }
}

/// What the TUI does on start: open the book by its address, then the App on it.
fn open_app(ctx: &Context) -> App {
    let store = ctx.open_book_telling(false).unwrap();
    let scheme = store.scheme().cloned().unwrap();
    let (mut env, _) = tierdesk::ui::load_env(ctx, scheme, store.label()).unwrap();
    env.user = store.user().to_string();
    App::new(store, env)
}

fn draw(app: &mut App, term: &mut Terminal<TestBackend>) {
    app.prepare(Rect::new(0, 0, 120, 40));
    term.draw(|f| app.draw(f)).unwrap();
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// `tierdesk due --format json` after its arguments are parsed: open, whose list, JSON.
fn due_command(ctx: &Context) -> String {
    let store = ctx.open_book().unwrap();
    due_json(&*store)
}

fn due_json(store: &dyn Book) -> String {
    let owners = tierdesk::app::scope::default_owners(store).unwrap();
    tierdesk::cli::due::json(store, Lang::En, team_book::today(), 0, None, &owners).unwrap()
}

/// The real binary, as a person runs it, a few times: min and median wall time.
fn real_binary(login: &str) {
    let Some(exe) = option_env!("CARGO_BIN_EXE_tierdesk") else {
        eprintln!("real binary: not built for this bench; skipped");
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let out = std::process::Command::new(exe)
            .env("TIERDESK_CONFIG_DIR", config.path())
            .env_remove("TIERDESK_DB")
            .args(["--today", "2026-11-23", "--db", &team_book::url_as(login), "due", "--format", "json"])
            .stdout(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    eprintln!(
        "real binary `{exe} --db {} due --format json > /dev/null`: min {:.0} ms, median {:.0} ms over {} runs",
        team_book::url_as(login),
        times[0],
        times[times.len() / 2],
        times.len()
    );
}

fn bench(c: &mut Criterion) {
    if !team_book::ensure() {
        return;
    }
    let mut owner = postgres::Client::connect(&team_book::url_as(&team_book::owner()), postgres::NoTls).unwrap();
    let undone = team_book::reset_to_generated(&mut owner);
    if undone > 0 {
        eprintln!("put the book back as generated: {undone} contacts of an earlier run removed");
    }
    let me = me();
    let ctx = context(&me);
    let items = due_command(&ctx).matches("\"customer_id\"").count();
    eprintln!("{me}: {items} items due on {}", team_book::today());
    real_binary(&me);

    let mut group = c.benchmark_group("team_book_20_managers_100k_customers_1m_contacts");
    group.sample_size(10);
    group.bench_function("manager_open_book_and_first_draw_of_today", |b| {
        b.iter(|| {
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut a = open_app(&ctx);
            draw(&mut a, &mut term);
        })
    });
    group.bench_function("manager_due_json_open_list_serialise", |b| b.iter(|| due_command(black_box(&ctx))));
    let store = ctx.open_book().unwrap();
    group.bench_function("manager_due_json_on_an_open_book", |b| b.iter(|| due_json(black_box(&*store))));
    drop(store);

    let mut a = open_app(&ctx);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut a, &mut term);
    let space = key(' ');
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    group.bench_function("manager_log_contact_from_today_and_redraw", |b| {
        b.iter(|| {
            a.handle_key(space);
            draw(&mut a, &mut term);
            a.handle_key(save);
            draw(&mut a, &mut term);
        })
    });

    // The search bar on the customer list; the index is built once, in the client.
    a.handle_key(key('2'));
    a.handle_key(key('/'));
    draw(&mut a, &mut term);
    let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    group.bench_function("manager_search_keystroke_w_and_redraw", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                a.handle_key(key('w'));
                draw(&mut a, &mut term);
                took += started.elapsed();
                a.handle_key(backspace);
                draw(&mut a, &mut term);
            }
            took
        })
    });
    group.finish();
    drop(a);
    let undone = team_book::reset_to_generated(&mut owner);
    eprintln!("put the book back as generated: {undone} contacts logged by this run removed");
}

criterion_group!(benches, bench);
criterion_main!(benches);
