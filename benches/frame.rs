//! Issue 16 point 4: the TUI's first frame and `due --format json` as the book grows.
//!
//! `cargo bench --bench frame -- make 1000000x10000000` generates that book (once, into
//! target/bench-data/, with the big book's generator) and stops.
//! `cargo bench --bench frame -- 10000x100000 100000x1000000 ...` measures on each book, in
//! the process, as a person at a 120x40 terminal (the bench's login, so that person's
//! customers): opening the book and drawing the first frame (the start of Today's list),
//! reading the rest after it, and for comparison opening, reading the whole list and then
//! drawing (what the first frame waited for before). Median of 15 runs, min and max.
//! benches/first_frame.py measures the same as whole processes.
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod support;

fn size(arg: &str) -> (usize, usize) {
    let (c, k) = arg.split_once('x').unwrap();
    (c.parse().unwrap(), k.parse().unwrap())
}

fn median(mut runs: Vec<f64>) -> String {
    runs.sort_by(f64::total_cmp);
    format!("median {:.1} ms\tmin {:.1}\tmax {:.1}", runs[runs.len() / 2], runs[0], runs[runs.len() - 1])
}

fn time(mut f: impl FnMut()) -> f64 {
    let started = std::time::Instant::now();
    f();
    started.elapsed().as_secs_f64() * 1000.0
}

fn measure(path: &std::path::Path) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    // Warm the page cache, as a book in use is.
    support::app(path);
    let (mut first, mut rest, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut a = None;
        first.push(time(|| {
            let mut app = support::app(path);
            support::draw(&mut app, &mut term);
            a = Some(app);
        }));
        let mut a = a.unwrap();
        rest.push(time(|| {
            a.read_rest();
        }));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        whole.push(time(|| {
            let mut app = support::app(path);
            app.read_rest();
            support::draw(&mut app, &mut term);
        }));
    }
    println!("{name}\topen + first frame (the start of the list)\t{}", median(first));
    println!("{name}\tthe rest of the list, after the first frame\t{}", median(rest));
    println!("{name}\topen + whole list + first frame (before)\t{}", median(whole));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("make") {
        for a in &args[1..] {
            let (c, k) = size(a);
            println!("{}", support::book_of(c, k).display());
        }
        return;
    }
    for a in &args {
        let (c, k) = size(a);
        measure(&support::book_of(c, k));
    }
}
