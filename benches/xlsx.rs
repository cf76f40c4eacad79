//! Excel workbooks at the scale: a book of 100,000 customers (Chinese and Latin
//! names, refs, phones, notes on some) exported with `tierdesk export customers --format
//! xlsx` through the real binary (target < 3 s), then that workbook imported into a fresh
//! book through the same code as `tierdesk import customers` (target < 5 s), timed in parts
//! so we see where the time goes: calamine reading the sheet, the dry run (reading plus every
//! check), and the whole import (reading, checks and the write).
//!
//! `cargo bench --bench xlsx` (a plain timed main: each step is seconds long).
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

use std::path::Path;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use tierdesk::app::import::workbook::read_workbook;
use tierdesk::app::import::{ImportOptions, import_customers};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

const CUSTOMERS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const SURNAMES: [&str; 12] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "林"];
const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "杰"];
const FIRMS: [&str; 6] = ["华信科技有限公司", "远航物流", "恒泰投资", "Northwind Trading", "金桥贸易", "嘉禾食品"];
const REGIONS: [&str; 5] = ["华东", "华南", "华北", "西南", "东北"];

/// A book of `CUSTOMERS` customers, written in bulk.
fn make_book(path: &Path) {
    let mut store = Store::open(path, Clock::Fixed(today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    store.set_audit(false).unwrap();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let customers: Vec<CustomerFields> = (0..CUSTOMERS)
        .map(|i| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let r = rng;
            let name = if i % 3 == 0 {
                format!("Customer {i}")
            } else {
                format!(
                    "{}{}{}",
                    SURNAMES[(r % 12) as usize],
                    GIVEN[((r >> 8) % 10) as usize],
                    GIVEN[((r >> 16) % 10) as usize]
                )
            };
            CustomerFields {
                ext_ref: Some(format!("R{i:06}")),
                name,
                company: FIRMS[((r >> 24) % 6) as usize].to_string(),
                tier: ["A", "B", "C", "C", "D", "D", "D", "D"][((r >> 32) % 8) as usize].to_string(),
                phone: format!("1380013{:04}", i % 10_000),
                email: format!("c{i}@example.com"),
                region: REGIONS[((r >> 44) % 5) as usize].to_string(),
                notes: if i % 7 == 0 { "老客户，重点跟进\n每季度回访".into() } else { String::new() },
                owner: "bench".into(),
                created_on: today().checked_sub_days(Days::new(30 + (r >> 40) % 1500)).unwrap(),
                ..Default::default()
            }
        })
        .collect();
    store.add_customers_bulk(&customers).unwrap();
}

fn verdict(secs: f64, target: f64) -> &'static str {
    if secs < target { "ok" } else { "MISSED" }
}

fn main() {
    // `cargo bench` passes --bench; a filter that is not ours means another bench was asked for.
    if std::env::args().skip(1).any(|a| !a.starts_with('-') && !"xlsx".contains(a.as_str())) {
        return;
    }
    let Some(exe) = option_env!("CARGO_BIN_EXE_tierdesk") else {
        eprintln!("the real binary was not built for this bench; nothing measured");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.sqlite");
    let started = Instant::now();
    make_book(&book);
    println!("generated a book of {CUSTOMERS} customers in {:.1} s", started.elapsed().as_secs_f64());

    let file = dir.path().join("customers.xlsx");
    let t = Instant::now();
    let out = std::process::Command::new(exe)
        .env("TIERDESK_CONFIG_DIR", dir.path().join("config"))
        .env_remove("TIERDESK_DB")
        .args(["--today", "2026-11-23", "--db"])
        .arg(&book)
        .args(["export", "customers", "--format", "xlsx", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    let export = t.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mb = std::fs::metadata(&file).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!(
        "{:<44} {export:>6.2} s (target < 3 s)  {}  ({mb:.1} MB)",
        "export 100,000 customers as xlsx (binary)",
        verdict(export, 3.0)
    );

    let bytes = std::fs::read(&file).unwrap();
    let t = Instant::now();
    let rows = read_workbook(&bytes, None).unwrap();
    println!("{:<44} {:>6.2} s", "  of the import: calamine reads the sheet", t.elapsed().as_secs_f64());
    assert_eq!(rows.len(), CUSTOMERS + 1);
    drop(rows);

    let fresh = dir.path().join("fresh.sqlite");
    let mut store = Store::open(&fresh, Clock::Fixed(today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    let opts = ImportOptions { progress: false, ..Default::default() };
    let dry = ImportOptions { dry_run: true, ..opts.clone() };
    let mut warn = |w: &str| eprintln!("warning: {w}");
    let t = Instant::now();
    import_customers(&mut store, &file, &dry, today(), &mut warn).unwrap();
    let checked = t.elapsed().as_secs_f64();
    println!("{:<44} {checked:>6.2} s", "  dry run: read and check every row");

    let t = Instant::now();
    let s = import_customers(&mut store, &file, &opts, today(), &mut warn).unwrap();
    let whole = t.elapsed().as_secs_f64();
    assert_eq!(s.added, CUSTOMERS as u64);
    println!("{:<44} {:>6.2} s", "  the write (whole import less the dry run)", (whole - checked).max(0.0));
    println!("{:<44} {whole:>6.2} s (target < 5 s)  {}", "import 100,000 customers from xlsx", verdict(whole, 5.0));

    // The same customers as CSV into another fresh book: the write step both share.
    let csv = dir.path().join("customers.csv");
    let out = std::process::Command::new(exe)
        .env("TIERDESK_CONFIG_DIR", dir.path().join("config"))
        .env_remove("TIERDESK_DB")
        .args(["--today", "2026-11-23", "--db"])
        .arg(&book)
        .args(["export", "customers", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let other = dir.path().join("other.sqlite");
    let mut store = Store::open(&other, Clock::Fixed(today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    let t = Instant::now();
    import_customers(&mut store, &csv, &dry, today(), &mut warn).unwrap();
    let csv_checked = t.elapsed().as_secs_f64();
    let t = Instant::now();
    import_customers(&mut store, &csv, &opts, today(), &mut warn).unwrap();
    let csv_whole = t.elapsed().as_secs_f64();
    println!(
        "{:<44} {csv_whole:>6.2} s (dry run {csv_checked:.2} s, write {:.2} s)",
        "for comparison: the same customers from CSV",
        (csv_whole - csv_checked).max(0.0)
    );
    if export >= 3.0 || whole >= 5.0 {
        std::process::exit(1);
    }
}
