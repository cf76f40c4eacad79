//! The coverage report's queries on a hand-computed book, and their plans.

use super::*;
use crate::domain::customer::CustomerFields;
use crate::domain::history::NewContact;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-23"; // a Monday

/// Periods on 2026-11-23: A from 11-16, B from 11-09, C from 10-23, D from 2025-11-23.
fn book() -> Store {
    let mut s = crate::store::shared_tests::empty_book();
    // (tier, created, contacts)
    let people: [(&str, &str, &[&str]); 10] = [
        ("A", "2025-01-01", &["2026-11-16"]), // within (the period's first day), due today
        ("A", "2025-01-01", &["2026-11-15"]), // one day too early: overdue
        ("A", "2026-11-20", &[]),             // new, not due yet
        ("A", "2026-11-18", &["2026-11-20"]), // new and contacted: within
        ("A", "2026-11-10", &[]),             // never contacted, first due 11-17: overdue
        ("B", "2025-06-01", &["2026-11-09"]), // within, due today
        ("B", "2025-06-01", &["2026-10-01"]), // overdue
        ("C", "2025-01-01", &["2026-09-06", "2026-10-23"]), // within
        ("C", "2025-01-01", &["2026-09-07", "2026-10-22"]), // overdue since 11-22
        ("C", "2026-10-25", &[]),             // new, first due 11-25
    ];
    let mut contacts = Vec::new();
    for (i, (tier, created, on)) in people.iter().enumerate() {
        let f = CustomerFields {
            name: format!("c{i}"),
            tier: tier.to_string(),
            created_on: d(created),
            ..Default::default()
        };
        let id = s.add_customer(&f).unwrap();
        for day in *on {
            contacts.push(NewContact {
                customer: id,
                kind: "call".into(),
                on: d(day),
                person: String::new(),
                summary: String::new(),
                outcome: String::new(),
            });
        }
    }
    s.add_contacts_bulk(&contacts, &[]).unwrap();
    s
}

fn counts(customers: usize, within: usize, new: usize, overdue: usize, never: usize) -> Counts {
    Counts { customers, contacted_within_cadence: within, not_yet_due: new, overdue, never_contacted: never }
}

#[test]
fn counts_each_tier_by_its_own_period() {
    let r = book().coverage_report(d(TODAY)).unwrap();
    let got: Vec<(&str, Counts, Option<f64>)> = r.tiers.iter().map(|l| (l.tier.as_str(), l.counts, l.share)).collect();
    assert_eq!(
        got,
        vec![
            ("A", counts(5, 2, 1, 2, 2), Some(0.5)),
            ("B", counts(2, 1, 0, 1, 0), Some(0.5)),
            ("C", counts(3, 1, 1, 1, 1), Some(0.5)),
            ("D", Counts::default(), None),
        ]
    );
    assert_eq!(r.total_customers, 10);
    assert_eq!(r.all.counts, counts(10, 4, 2, 4, 3));
    assert_eq!(r.all.share, Some(0.5));
}

#[test]
fn counts_contacts_per_week_over_twelve_weeks() {
    let r = book().coverage_report(d(TODAY)).unwrap();
    let weeks: Vec<(String, usize)> = r.weeks.iter().map(|w| (w.week_start.to_string(), w.contacts)).collect();
    let want = [
        ("2026-09-07", 1), // 09-07 (09-06 is before the period)
        ("2026-09-14", 0),
        ("2026-09-21", 0),
        ("2026-09-28", 1), // 10-01
        ("2026-10-05", 0),
        ("2026-10-12", 0),
        ("2026-10-19", 2), // 10-22, 10-23
        ("2026-10-26", 0),
        ("2026-11-02", 0),
        ("2026-11-09", 2), // 11-09, 11-15
        ("2026-11-16", 2), // 11-16, 11-20
        ("2026-11-23", 0), // this week, so far
    ];
    assert_eq!(weeks, want.iter().map(|(w, n)| (w.to_string(), *n)).collect::<Vec<_>>());
    assert_eq!(r.total_contacts_in_period, 8);
    assert_eq!(r.period, (d("2026-09-07"), d(TODAY)));
}

#[test]
fn an_empty_book_reports_zeros() {
    let s = crate::store::shared_tests::empty_book();
    let r = s.coverage_report(d(TODAY)).unwrap();
    assert_eq!(r.tiers.len(), 4);
    assert!(r.tiers.iter().all(|l| l.counts == Counts::default() && l.share.is_none()));
    assert_eq!((r.total_customers, r.total_contacts_in_period), (0, 0));
}

fn plan(conn: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> String {
    let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = st.query_map(args, |r| r.get::<_, String>(3)).unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn contacts_per_day_searches_the_date_index_without_a_scan() {
    let s = book();
    let p = plan(&s.conn, PER_DAY_SQL, &[&"2026-09-07", &TODAY]);
    assert!(p.contains("SEARCH contacts USING COVERING INDEX contacts_by_date"), "{p}");
    assert!(!p.contains("SCAN"), "{p}");
}

#[test]
fn tier_counts_read_the_customers_once() {
    let s = book();
    let sql = tallies_sql(4);
    let args: Vec<String> = std::iter::once(TODAY.to_string())
        .chain(["A", "2026-11-16", "B", "2026-11-09", "C", "2026-10-23", "D", "2025-11-23"].map(String::from))
        .collect();
    let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
    let p = plan(&s.conn, &sql, &refs);
    let reads: Vec<&str> = p.lines().filter(|l| l.contains("SCAN") || l.contains("SEARCH")).collect();
    assert_eq!(reads.len(), 1, "{p}");
    assert!(reads[0].contains("customers"), "{p}");
    assert!(!p.contains("contacts"), "{p}");
}
