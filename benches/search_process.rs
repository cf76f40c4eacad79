//! `tierdesk search PATTERN --limit 20` as a whole process (start, open the book, search,
//! print) on the 100,000-customer bench book, against the floor: `fzf --filter PATTERN` over a
//! file of the same customers, each line what our search matches (name, company, contact,
//! phone and tags, with the pinyin of the Chinese in them: the keys the book keeps), and over
//! a file of the bare names. Medians of several runs, in one run of this binary, with the
//! ratio. `cargo bench --bench search_process`.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use tierdesk::clock::Clock;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

/// (what it is, the pattern)
const PATTERNS: &[(&str, &str)] = &[
    ("latin, as the issue's `acme`", "acme"),
    ("latin, a company", "northwind"),
    ("latin with a number", "cust 4242"),
    ("pinyin initials", "wwm"),
    ("full pinyin", "zhangwei"),
    ("Chinese fragment", "华信"),
    ("Chinese name", "王伟明"),
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

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let book = support::big_book();
    let dir = book.parent().unwrap().to_path_buf();
    let keyed_file = dir.join("search-floor-keys.txt");
    let names_file = dir.join("search-floor-names.txt");
    {
        let store = Store::open(&book, Clock::Fixed(support::today()), "bench").unwrap();
        let all = store.search_candidates(&[], &tierdesk::store::Owners::All).unwrap();
        assert_eq!(all.len(), support::CUSTOMERS);
        let mut keyed = std::io::BufWriter::new(std::fs::File::create(&keyed_file).unwrap());
        let mut names = std::io::BufWriter::new(std::fs::File::create(&names_file).unwrap());
        for k in &all {
            let [n, c, r] = k.keys.haystacks();
            writeln!(keyed, "{n}  {c}  {r}").unwrap();
            writeln!(names, "{}", k.name).unwrap();
        }
    }
    let fzf_there = Command::new("fzf").arg("--version").output().is_ok();
    if !fzf_there {
        eprintln!("fzf is not installed: no floor measured (apt-get install fzf)");
    }
    // Warm the page cache and the binary once.
    time(2, || ours(&book, "warm"));
    println!(
        "`tierdesk search P --limit 20` vs `fzf --filter P`, 100,000 customers, whole processes, median of {RUNS}"
    );
    println!(
        "{:<28} {:>12} {:>8} {:>17} {:>7} {:>17}",
        "pattern", "", "ours ms", "fzf keys ms (hits)", "ratio", "fzf names ms (hits)"
    );
    for (what, p) in PATTERNS {
        let (o, found) = time(RUNS, || ours(&book, p));
        if fzf_there {
            let (f, fhits) = time(RUNS, || fzf(&keyed_file, p));
            let (n, nhits) = time(RUNS, || fzf(&names_file, p));
            println!(
                "{what:<28} {p:>12} {o:>8.1} {:>17} {:>6.2}x {:>17}",
                format!("{f:.1} ({fhits})"),
                o / f,
                format!("{n:.1} ({nhits})")
            );
        } else {
            println!("{what:<28} {p:>12} {o:>8.1}");
        }
        // The text table: a header and a rule, then the rows.
        assert!(found <= 22, "{p}: {found} lines");
    }
}
