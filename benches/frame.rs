//! Issue 16 point 4: the TUI's first frame and `due --format json` as the book grows.
//!
//! `cargo bench --bench frame -- make 1000000x10000000` generates that book (once, into
//! target/bench-data/, with the big book's generator) and stops.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

fn size(arg: &str) -> (usize, usize) {
    let (c, k) = arg.split_once('x').unwrap();
    (c.parse().unwrap(), k.parse().unwrap())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("make") {
        for a in &args[1..] {
            let (c, k) = size(a);
            println!("{}", support::book_of(c, k).display());
        }
    }
}
