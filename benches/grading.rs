//! `GradingModel::grade_all` at scale: 100,000 generated customers graded at once by the
//! shipped distributor model (8 indicators, score bands), the ranked model (8 indicators, rank
//! quotas: one sort of the whole set) and the brokerage rules (2 indicators, first match
//! wins). The budget for a whole re-grade, store included, is 500 ms; grading itself should
//! be a small part of it.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::grading::{CustomerValues, GradingModel, Measured, Value, ValueKind};

const CUSTOMERS: usize = 100_000;

/// A small deterministic generator, so every run grades the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Values spread over each indicator's range, with one value in twenty missing.
fn customers(model: &GradingModel) -> Vec<CustomerValues> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let day = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    (0..CUSTOMERS)
        .map(|i| {
            let values = model
                .indicators
                .iter()
                .map(|ind| {
                    if rng.below(20) == 0 {
                        return None;
                    }
                    let value = match &ind.kind {
                        ValueKind::Choice(c) => Value::Text(c[rng.below(c.len() as u64) as usize].clone()),
                        ValueKind::Number => {
                            // Amounts up to 12M for RMB, otherwise up to 120 (%, days, months…).
                            let top = if ind.unit.as_deref() == Some("RMB") { 12_000_000 } else { 120 };
                            Value::Number(rng.below(top * 100) as f64 / 100.0)
                        }
                    };
                    Some(Measured { value, measured_on: day })
                })
                .collect();
            CustomerValues { customer: CustomerId(i as i64 + 1), values }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("grade_all");
    group.sample_size(20);
    for id in ["distributor", "ranked", "brokerage"] {
        let model = data::grading_model(id).unwrap();
        let book = customers(&model);
        // The first run in the process, as a re-grade in the app would be: a fresh heap to grow.
        let started = Instant::now();
        let grades = model.grade_all(&book);
        let took = started.elapsed();
        let tiered = grades.iter().filter(|g| g.tier.is_some()).count();
        eprintln!(
            "{id}: {} customers × {} indicators, {tiered} given a tier; first run {:.1} ms",
            book.len(),
            model.indicators.len(),
            took.as_secs_f64() * 1e3
        );
        drop(grades);
        // Grading alone (the grades are dropped outside the timing), then grading and dropping.
        group.bench_function(format!("{id} 100k"), |b| b.iter_with_large_drop(|| model.grade_all(black_box(&book))));
        group.bench_function(format!("{id} 100k, with drop"), |b| b.iter(|| model.grade_all(black_box(&book))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
