//! `tierdesk search PATTERN --limit 20` as a whole process (start, open the book, search,
//! print) on the 100,000-customer bench book, against the floor: `fzf --filter PATTERN` over a
//! file of the same customers, each line what our search matches (name, company, contact,
//! phone and tags, with the pinyin of the Chinese in them: the keys the book keeps), and over
//! a file of the bare names. Medians of several runs, in one run of this binary, with the
//! ratio. `cargo bench --bench search_process`.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use tierdesk::clock::Clock;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// (what it is, the pattern) on the big book (its names repeat: 5,120 Chinese names, 8
/// companies, no contact, phone or tags).
const BIG_BOOK: &[(&str, &str)] = &[
    ("latin, as the issue's `acme`", "acme"),
    ("latin, a company", "northwind"),
    ("latin with a number", "cust 4242"),
    ("pinyin initials", "wwm"),
    ("full pinyin", "zhangwei"),
    ("Chinese fragment", "华信"),
    ("Chinese name", "王伟明"),
];

/// On the search book (every name different, with contacts, phones and tags).
const SEARCH_BOOK: &[(&str, &str)] = &[
    ("latin", "acme"),
    ("latin, two words", "acme trad"),
    ("pinyin initials", "wwm"),
    ("full pinyin", "zhangwei"),
    ("pinyin of a city", "shenzhen"),
    ("Chinese fragment", "华信"),
    ("Chinese, longer", "深圳华信科技"),
    ("phone digits", "1391234"),
    ("tag", "vip"),
];

const RUNS: usize = 11;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// The median wall time of `make()`'s process, run to its end with its output read.
fn time(runs: usize, mut make: impl FnMut() -> Command) -> (f64, usize) {
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = make().stderr(Stdio::inherit()).output().unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        lines = out.stdout.iter().filter(|b| **b == b'\n').count();
        assert!(out.status.success() || out.status.code() == Some(1), "{out:?}");
    }
    (median(times), lines)
}

fn ours(book: &Path, pattern: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tierdesk"));
    c.args(["search", pattern, "--limit", "20", "--db"]).arg(book).env("USER", "bench");
    c.stdin(Stdio::null()).stdout(Stdio::piped());
    c
}

fn fzf(file: &Path, pattern: &str) -> Command {
    let mut c = Command::new("fzf");
    c.args(["--filter", pattern]).stdin(std::fs::File::open(file).unwrap()).stdout(Stdio::piped());
    c
}

/// Write the floor's two files for `book`: each customer's keys on a line, and its name.
fn floor_files(book: &Path) -> (PathBuf, PathBuf) {
    let keyed_file = book.with_extension("floor-keys.txt");
    let names_file = book.with_extension("floor-names.txt");
    let store = Store::open(book, Clock::Fixed(support::today()), "bench").unwrap();
    let all = store.search_candidates(&[], &tierdesk::store::Owners::All).unwrap();
    assert_eq!(all.len(), support::CUSTOMERS);
    let mut keyed = std::io::BufWriter::new(std::fs::File::create(&keyed_file).unwrap());
    let mut names = std::io::BufWriter::new(std::fs::File::create(&names_file).unwrap());
    for k in &all {
        let [n, c, r] = k.keys.haystacks();
        writeln!(keyed, "{n}  {c}  {r}").unwrap();
        writeln!(names, "{}", k.name).unwrap();
    }
    (keyed_file, names_file)
}

fn compare(label: &str, book: &Path, patterns: &[(&str, &str)], fzf_there: bool) {
    let (keyed_file, names_file) = floor_files(book);
    // Warm the page cache and the binary once.
    time(2, || ours(book, "warm"));
    println!();
    println!("{label}: `tierdesk search P --limit 20` vs `fzf --filter P`, whole processes, median of {RUNS}");
    println!(
        "{:<30} {:>14} {:>8} {:>19} {:>7} {:>19}",
        "pattern", "", "ours ms", "fzf keys ms (hits)", "ratio", "fzf names ms (hits)"
    );
    for (what, p) in patterns {
        let (o, _) = time(RUNS, || ours(book, p));
        if fzf_there {
            let (f, fhits) = time(RUNS, || fzf(&keyed_file, p));
            let (n, nhits) = time(RUNS, || fzf(&names_file, p));
            println!(
                "{what:<30} {p:>14} {o:>8.1} {:>19} {:>6.2}x {:>19}",
                format!("{f:.1} ({fhits})"),
                o / f,
                format!("{n:.1} ({nhits})")
            );
        } else {
            println!("{what:<30} {p:>14} {o:>8.1}");
        }
    }
    let _ = std::fs::remove_file(keyed_file);
    let _ = std::fs::remove_file(names_file);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let fzf_there = Command::new("fzf").arg("--version").output().is_ok();
    if !fzf_there {
        eprintln!("fzf is not installed: no floor measured (apt-get install fzf)");
    }
    compare(
        "the search book, 100,000 different customers",
        &support::search_book::search_book(),
        SEARCH_BOOK,
        fzf_there,
    );
    compare("the big book, 100,000 customers (names repeat)", &support::big_book(), BIG_BOOK, fzf_there);
}
