//! Import at the scale, through the same code as `tierdesk import`: a CSV of
//! 100,000 customers and one of 1,000,000 contacts (10% with a follow-up) are written into a
//! temp folder, then imported into a fresh book. Prints the time of each and the peak
//! resident memory (VmHWM) of each phase; the customers import is run IMPORT_BENCH_RUNS times
//! (5 unless told), each into a fresh book, and its median judged. Targets: 100,000 customers < 1.5 s (issue 16), 1,000,000
//! contacts < 30 s, memory < 300 MB.
//!
//! The floor, measured in the same run when `sqlite3` is on the PATH: the sqlite3 shell's
//! `.import` of the same contacts file into a table with the file's columns and the same
//! B-tree indexes as the book's contacts (customer, date, kind; date), in WAL mode with
//! synchronous=FULL and pages the size of a new book's (`NEW_BOOK_PAGE_SIZE`); then the
//! same plus a trigram index of the notes, as the book keeps one. Issue 16's target: at
//! most 4x the floor.
//!
//! `cargo bench --bench import` (a plain timed main: one import is seconds long).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use tierdesk::app::import::{ImportOptions, import_contacts, import_customers};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

const CUSTOMERS: usize = 100_000;
const CONTACTS: usize = 1_000_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const SURNAMES: [&str; 12] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "林"];
const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "杰"];
const FIRMS: [&str; 6] =
    ["华信科技有限公司", "远航物流", "恒泰投资", "Northwind Trading", "金桥贸易, 上海", "嘉禾食品"];
const REGIONS: [&str; 5] = ["华东", "华南", "华北", "西南", "东北"];
const KINDS: [&str; 5] = ["visit", "call", "电话", "message", "email"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn write_customers(path: &Path) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    w.write_all("\u{FEFF}编号,客户名称,公司,等级,电话,邮箱,地区,创建日期,备注\r\n".as_bytes()).unwrap();
    for i in 0..CUSTOMERS {
        let r = rng.next();
        let name = format!(
            "{}{}{}",
            SURNAMES[(r % 12) as usize],
            GIVEN[((r >> 8) % 10) as usize],
            GIVEN[((r >> 16) % 10) as usize]
        );
        let created = today().checked_sub_days(Days::new(30 + (r >> 24) % 1500)).unwrap();
        write!(
            w,
            "R{i:06},{name},\"{}\",{},1380013{:04},c{i}@example.com,{},{created},\"{}\"\r\n",
            FIRMS[((r >> 32) % 6) as usize],
            ["A", "B", "C", "C", "D", "D", "D", "D"][((r >> 40) % 8) as usize],
            i % 10_000,
            REGIONS[((r >> 44) % 5) as usize],
            if i % 7 == 0 { "老客户，\"\"重点\"\"跟进" } else { "" },
        )
        .unwrap();
    }
    w.write_all(b"\r\n\r\n").unwrap();
}

fn write_contacts(path: &Path) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    w.write_all("客户,日期,方式,内容,跟进事项,跟进日期\r\n".as_bytes()).unwrap();
    for i in 0..CONTACTS {
        let r = rng.next();
        let customer = (r % CUSTOMERS as u64) as usize;
        let on = today().checked_sub_days(Days::new((r >> 20) % 365)).unwrap();
        let kind = KINDS[((r >> 40) % 5) as usize];
        if i % 10 == 0 {
            write!(w, "R{customer:06},{on},{kind},\"季度回访, 谈了报价\",发送报价单,+7d\r\n").unwrap();
        } else {
            write!(w, "R{customer:06},{on},{kind},例行联系,,\r\n").unwrap();
        }
    }
}

/// The sqlite3 shell's `.import` of `csv` into a fresh table with the book's contacts
/// indexes (and, with `notes`, a trigram index of the notes after it), as a whole process:
/// seconds, or None without a sqlite3 on the PATH.
fn floor(csv: &Path, dir: &Path, notes: bool) -> Option<f64> {
    let db = dir.join(if notes { "floor_notes.sqlite" } else { "floor.sqlite" });
    let mut script = format!("PRAGMA page_size = {};\n", tierdesk::store::NEW_BOOK_PAGE_SIZE);
    script.push_str(
        "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\nPRAGMA cache_size = -65536;\n\
         CREATE TABLE contacts (customer TEXT, happened_on TEXT, kind TEXT, summary TEXT, follow_up TEXT, due TEXT);\n\
         CREATE INDEX contacts_by_customer_date_kind ON contacts (customer, happened_on, kind);\n\
         CREATE INDEX contacts_by_date ON contacts (happened_on);\n",
    );
    script.push_str(&format!(".import --csv --skip 1 '{}' contacts\n", csv.display()));
    if notes {
        script.push_str(
            "CREATE VIRTUAL TABLE notes USING fts5(summary, follow_up, content = 'contacts', tokenize = 'trigram');\n\
             INSERT INTO notes (rowid, summary, follow_up) SELECT rowid, summary, follow_up FROM contacts;\n",
        );
    }
    let t = Instant::now();
    let mut child = std::process::Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let ok = child.wait().ok()?.success();
    let secs = t.elapsed().as_secs_f64();
    let rows: String = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT count(*) FROM contacts")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())?;
    assert!(ok && rows == CONTACTS.to_string(), "the floor's import went wrong: {rows} rows");
    Some(secs)
}

/// The peak resident memory since the last reset, in MB (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Start a new peak: writing 5 to clear_refs resets VmHWM to the current resident size.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn report(what: &str, secs: f64, target_secs: f64, mb: Option<f64>) -> bool {
    let mem = mb.map(|m| format!("{m:.0} MB")).unwrap_or_else(|| "n/a".into());
    let ok = secs < target_secs && mb.is_none_or(|m| m < 300.0);
    println!(
        "{what:<28} {secs:>7.2} s (target < {target_secs} s)   peak memory {mem:>7} (target < 300 MB)   {}",
        if ok { "ok" } else { "MISSED" }
    );
    ok
}

fn main() {
    // `cargo bench` passes --bench; a filter that is not ours means another bench was asked for.
    if std::env::args().skip(1).any(|a| !a.starts_with('-') && !"import".contains(a.as_str())) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let customers = dir.path().join("customers.csv");
    let contacts = dir.path().join("contacts.csv");
    let started = Instant::now();
    write_customers(&customers);
    write_contacts(&contacts);
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!(
        "generated {CUSTOMERS} customers ({:.1} MB) and {CONTACTS} contacts ({:.1} MB) in {:.1} s",
        size(&customers),
        size(&contacts),
        started.elapsed().as_secs_f64()
    );

    let opts = ImportOptions { progress: false, ..Default::default() };
    let mut warn = |w: &str| eprintln!("warning: {w}");
    let dry = ImportOptions { dry_run: true, ..opts.clone() };
    let fresh_book = |n: usize| {
        let book = dir.path().join(format!("book{n}.sqlite"));
        let mut store = Store::open(&book, Clock::Fixed(today()), "bench").unwrap();
        store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
        (book, store)
    };

    // One import is a second or two: on a shared host one run is noise, so the customers
    // import runs IMPORT_BENCH_RUNS times (5 unless told), each into a fresh book, and the
    // median is what is judged.
    let runs: usize = std::env::var("IMPORT_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let (mut checks, mut imports, mut peaks) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for n in 0..runs {
        // Each run starts as a lone import would: the last run's book gone and the disk
        // caught up (its writes flushed), not competing with this run's.
        if let Some((book, store)) = last.take() {
            drop(store);
            let _ = std::fs::remove_file(&book);
        }
        let _ = std::process::Command::new("sync").status();
        let (book, mut store) = fresh_book(n);
        let t = Instant::now();
        import_customers(&mut store, &customers, &dry, today(), &mut warn).unwrap();
        checks.push(t.elapsed().as_secs_f64());
        reset_peak();
        let t = Instant::now();
        let s = import_customers(&mut store, &customers, &opts, today(), &mut warn).unwrap();
        imports.push(t.elapsed().as_secs_f64());
        peaks.push(peak_mb().unwrap_or(0.0));
        assert_eq!(s.added, CUSTOMERS as u64);
        last = Some((book, store));
    }
    let (book, mut store) = last.unwrap();
    let spread = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let (check, check_min, check_max) = spread(&checks);
    println!("{:<28} {check:>7.2} s (min {check_min:.2}, max {check_max:.2}, {runs} runs)", "check 100,000 customers");
    let (median, min, max) = spread(&imports);
    // The first run's peak: later ones start with what the allocator kept of the earlier.
    let peak = peaks.first().copied().filter(|p| *p > 0.0);
    let ok_customers = report("import 100,000 customers", median, 1.5, peak);
    let each: Vec<String> = imports.iter().map(|t| format!("{t:.2}")).collect();
    println!("{:<28} min {min:.2} s, max {max:.2} s over {runs} runs: {}", "", each.join(" "));
    if std::env::var_os("IMPORT_BENCH_CUSTOMERS_ONLY").is_some() {
        return;
    }

    let t = Instant::now();
    import_contacts(&mut store, &contacts, &dry, today(), &mut warn).unwrap();
    println!("{:<28} {:>7.2} s", "check 1,000,000 contacts", t.elapsed().as_secs_f64());

    reset_peak();
    let t = Instant::now();
    let s = import_contacts(&mut store, &contacts, &opts, today(), &mut warn).unwrap();
    let ours = t.elapsed().as_secs_f64();
    let ok_contacts = report("import 1,000,000 contacts", ours, 30.0, peak_mb());
    assert_eq!((s.added, s.follow_ups), (CONTACTS as u64, CONTACTS as u64 / 10));
    assert_eq!(store.count_contacts().unwrap(), CONTACTS);
    println!("book: {:.1} MB", size(&book));
    for (what, notes) in [("sqlite3 .import, same indexes", false), ("  the same + notes index", true)] {
        match floor(&contacts, dir.path(), notes) {
            Some(f) => println!("{what:<32} {f:>7.2} s   ours / floor = {:.1}x (target <= 4x)", ours / f),
            None => println!("{what:<32} (no sqlite3 on the PATH: floor not measured)"),
        }
    }
    if !(ok_customers && ok_contacts) {
        std::process::exit(1);
    }
}
