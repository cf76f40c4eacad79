//! A large book for benchmarks: 100,000 customers and 1,000,000 contacts, generated once
//! into `target/bench-data/` and reused by later runs (generation takes a while).
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::domain::history::NewContact;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

pub mod search_book;

pub const CUSTOMERS: usize = 100_000;
pub const CONTACTS: usize = 1_000_000;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗",
];
const GIVEN: [&str; 16] =
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"];
const FIRMS: [&str; 8] = ["华信科技", "远航物流", "恒泰投资", "Northwind", "Bluehill", "金桥贸易", "Atlas", "嘉禾食品"];

/// The path of the big book, creating it on first use.
pub fn big_book() -> PathBuf {
    book_of(CUSTOMERS, CONTACTS)
}

/// A book of `customers` customers and `contacts` contacts made as the big book is (the
/// same generator: `book_of(CUSTOMERS, CONTACTS)` is the big book), for measuring growth.
/// Created on first use; `contacts` must be a multiple of 100,000 or below it.
pub fn book_of(customers: usize, contacts: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("book-{customers}-{contacts}.sqlite"));
    if path.exists() {
        return path;
    }
    // Each size builds in its own file, so two sizes can be made at once.
    let tmp = dir.join(format!("book-{customers}-{contacts}-building.sqlite"));
    let _ = std::fs::remove_file(&tmp);
    let _ = std::fs::remove_file(tmp.with_extension("sqlite-wal"));
    let _ = std::fs::remove_file(tmp.with_extension("sqlite-shm"));
    let started = std::time::Instant::now();
    let mut store = Store::open(&tmp, Clock::Fixed(today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    // A generated book: no person's history to keep.
    store.set_audit(false).unwrap();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let fields: Vec<CustomerFields> = (0..customers)
        .map(|i| {
            let r = next();
            let name = if i % 3 == 0 {
                format!("Customer {i}")
            } else {
                format!(
                    "{}{}{}",
                    SURNAMES[(r % 20) as usize],
                    GIVEN[((r >> 8) % 16) as usize],
                    GIVEN[((r >> 16) % 16) as usize]
                )
            };
            CustomerFields {
                ext_ref: Some(format!("R{i:06}")),
                name,
                company: FIRMS[((r >> 24) % 8) as usize].to_string(),
                tier: ["A", "B", "C", "C", "D", "D", "D", "D"][((r >> 32) % 8) as usize].to_string(),
                owner: "bench".into(),
                created_on: today().checked_sub_days(Days::new(400 + (r >> 40) % 1000)).unwrap(),
                ..Default::default()
            }
        })
        .collect();
    let ids: Vec<CustomerId> = store.add_customers_bulk(&fields).unwrap();
    drop(fields);
    // The contacts over the last year, in chunks to bound memory.
    let chunk = contacts.min(100_000);
    for _ in 0..contacts / chunk.max(1) {
        let contacts: Vec<NewContact> = (0..chunk)
            .map(|_| {
                let r = next();
                NewContact {
                    customer: ids[(r % customers as u64) as usize],
                    kind: ["visit", "call", "message", "email"][((r >> 20) % 4) as usize].into(),
                    on: today().checked_sub_days(Days::new((r >> 30) % 365)).unwrap(),
                    person: String::new(),
                    summary: "quarterly review".into(),
                    outcome: String::new(),
                }
            })
            .collect();
        store.add_contacts_bulk(&contacts, &[]).unwrap();
    }
    drop(store);
    // Fold the WAL into the main file so the copy is complete.
    let conn = rusqlite::Connection::open(&tmp).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
    drop(conn);
    std::fs::rename(&tmp, &path).unwrap();
    eprintln!("generated {} in {:.1} s", path.display(), started.elapsed().as_secs_f64());
    path
}

/// The whole app on a book, as a person at a 120x40 terminal would have it (Chinese texts).
pub fn app(path: &std::path::Path) -> tierdesk::ui::App {
    let store = Store::open(path, Clock::Fixed(today()), "bench").unwrap();
    let scheme = store.scheme().unwrap().clone();
    let (keymap, _) = tierdesk::ui::keymap::Keymap::load(data::KEYMAP, None);
    let env = tierdesk::ui::Env {
        lang: tierdesk::i18n::Lang::Zh,
        theme: tierdesk::ui::theme::Theme::dark(),
        keymap,
        scheme,
        today: today(),
        book_label: "book".into(),
        user: "bench".into(),
        kinds: data::contact_kinds(),
        assessments: Default::default(),
        review: Default::default(),
        scope: Default::default(),
        plan: Default::default(),
        ref_pattern: Default::default(),
        late_rule: Default::default(),
        claims_per_day: None,
        temperaments: data::temperaments(),
    };
    tierdesk::ui::App::new(Box::new(store), env)
}

/// Lay out, fetch and draw one frame, as the run loop does.
pub fn draw(app: &mut tierdesk::ui::App, term: &mut ratatui::Terminal<ratatui::backend::TestBackend>) {
    app.prepare(ratatui::layout::Rect::new(0, 0, 120, 40));
    term.draw(|f| app.draw(f)).unwrap();
}

/// The big book with the distributor model's eight indicators measured for every customer
/// (800,000 values), built once from `big_book()` into its own file.
pub fn review_book() -> PathBuf {
    let big = big_book();
    let path = big.with_file_name(format!("book-review-{CUSTOMERS}.sqlite"));
    if path.exists() {
        return path;
    }
    let tmp = big.with_file_name("book-review-building.sqlite");
    let _ = std::fs::remove_file(&tmp);
    std::fs::copy(&big, &tmp).unwrap();
    let started = std::time::Instant::now();
    let mut store = Store::open(&tmp, Clock::Fixed(today()), "bench").unwrap();
    store.set_audit(false).unwrap();
    let model = data::grading_model("distributor").unwrap();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f64 / (1u64 << 53) as f64
    };
    let ids: Vec<CustomerId> = (1..=CUSTOMERS as i64).map(CustomerId).collect();
    let all: Vec<tierdesk::store::Measurement> = ids
        .iter()
        .map(|id| {
            let q = next();
            let values = (0..model.indicators.len())
                .map(|i| {
                    let v = tierdesk::demo::indicators::demo_value(&model, i, q + (next() - 0.5) * 0.1).unwrap();
                    (model.indicators[i].code.clone(), v)
                })
                .collect();
            let measured_on = today().checked_sub_days(Days::new(1 + (next() * 300.0) as u64)).unwrap();
            tierdesk::store::Measurement { customer: *id, measured_on, values }
        })
        .collect();
    store.record_indicators(&all).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&tmp).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
    drop(conn);
    std::fs::rename(&tmp, &path).unwrap();
    eprintln!("generated {} in {:.1} s", path.display(), started.elapsed().as_secs_f64());
    path
}

/// The big book with notes worth searching (the big book's contacts all say "quarterly
/// review"): every contact's summary rewritten from a few phrases by its id, so that a
/// pattern's hits are known. 债券基金: 1 contact in 1,000; 货币基金: 1 in 10; 基金: both;
/// "review": 3 in 10. Follow-ups: one open promise per 100 customers. Built once from
/// `big_book()` into its own file; the notes index follows through the book's triggers.
pub fn notes_book() -> PathBuf {
    let big = big_book();
    let path = big.with_file_name(format!("book-notes-{CONTACTS}.sqlite"));
    if path.exists() {
        return path;
    }
    let tmp = big.with_file_name("book-notes-building.sqlite");
    let _ = std::fs::remove_file(&tmp);
    std::fs::copy(&big, &tmp).unwrap();
    let started = std::time::Instant::now();
    // Opening migrates the copy (the notes index among it) if the big book is older.
    drop(Store::open(&tmp, Clock::Fixed(today()), "bench").unwrap());
    let conn = rusqlite::Connection::open(&tmp).unwrap();
    conn.execute_batch(
        "UPDATE contacts SET summary = CASE
             WHEN (id * 7919) % 1000 = 0 THEN '客户问了债券基金的收益和风险，下周再谈'
             WHEN (id * 7919) % 1000 < 100 THEN '讨论货币基金和理财产品'
             WHEN (id * 7919) % 1000 < 400 THEN 'quarterly review'
             WHEN (id * 7919) % 1000 < 700 THEN '电话回访，客户暂无需求'
             ELSE '约下周拜访，带上报价单' END;
         INSERT INTO follow_ups (uuid, customer_id, what, due_on, created_at, updated_at)
         SELECT 'bench-f' || id, id, '寄送债券基金资料', '2026-12-01', '2026-11-20 09:00:00', '2026-11-20 09:00:00'
         FROM customers WHERE id % 100 = 0;
         PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;",
    )
    .unwrap();
    drop(conn);
    std::fs::rename(&tmp, &path).unwrap();
    eprintln!("generated {} in {:.1} s", path.display(), started.elapsed().as_secs_f64());
    path
}
