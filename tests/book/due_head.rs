//! The start of the due list read through the index (`agenda::due_head`, the first frame of
//! Today) against the whole list (`agenda::due_items`) on real books: the same items in the
//! same order as the whole list starts with, and the whole day's counts.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use proptest::prelude::*;
use tierdesk::app::agenda::{AgendaQuery, due_head, due_items};
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::due::AssessmentRule;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::store::{Owners, Store};

use crate::common::{self, fields};

/// A tier of two requirements (its customers' items are not one per customer), then three of one.
const SCHEME: &str = r#"
id = "head"
name = { zh = "头", en = "Head" }

[[tier]]
code = "A"
zh = "重点"
en = "Key"
color = "tier1"
cadence = { every = 1, unit = "week" }

[[tier]]
code = "B"
zh = "主要"
en = "Major"
color = "tier2"
cadence = { every = 1, unit = "week" }
also = [{ every = 2, unit = "week", kinds = ["visit"] }]

[[tier]]
code = "C"
zh = "普通"
en = "Regular"
color = "tier3"
cadence = { every = 2, unit = "week", kinds = ["visit", "call"] }

[[tier]]
code = "D"
zh = "一般"
en = "Occasional"
color = "tier4"
cadence = { every = 1, unit = "month" }
"#;

/// One customer as drawn: tier, name (few, so that names tie), owner, days before today it
/// was taken on, its contacts (kind, days before today; 0 is today), a snooze, a follow-up
/// (days from today, done), an assessment (days before today).
#[derive(Debug, Clone)]
struct Drawn {
    tier: usize,
    name: usize,
    mine: bool,
    created: u64,
    contacts: Vec<(usize, u64)>,
    snooze: Option<(usize, u64)>,
    follow_up: Option<(i64, bool)>,
    assessed: Option<u64>,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    (
        0..4usize,
        0..5usize,
        any::<bool>(),
        // Taken on in a few days only, so that due dates tie at the cuts.
        prop_oneof![Just(40u64), Just(60), 20..90u64],
        prop::collection::vec((0..3usize, 0..40u64), 0..4),
        prop::option::of((0..2usize, 1..10u64)),
        prop::option::of((-5..5i64, any::<bool>())),
        prop::option::of(prop_oneof![Just(0u64), 700..800u64]),
    )
        .prop_map(|(tier, name, mine, created, contacts, snooze, follow_up, assessed)| Drawn {
            tier,
            name,
            mine,
            created,
            contacts,
            snooze,
            follow_up,
            assessed,
        })
}

const NAMES: [&str; 5] = ["王芳", "Zhang Wei", "王芳芳", "Amy", "李娜"];
const KINDS: [&str; 3] = ["visit", "call", "email"];

fn book(dir: &std::path::Path, customers: &[Drawn]) -> Store {
    let today = common::today();
    let path = dir.join("b.sqlite");
    let mut s = Store::open(&path, tierdesk::clock::Clock::Fixed(today), "tester").unwrap();
    s.init_scheme("head.toml", SCHEME).unwrap();
    let mut assessed = Vec::new();
    for c in customers {
        let created = today - chrono::Days::new(c.created);
        let mut f = fields(NAMES[c.name], "", ["A", "B", "C", "D"][c.tier], &created.to_string());
        f.owner = if c.mine { "tester".into() } else { "Lin".into() };
        let id: CustomerId = s.add_customer(&f).unwrap();
        for (kind, ago) in &c.contacts {
            let contact = NewContact {
                customer: id,
                kind: KINDS[*kind].into(),
                on: today - chrono::Days::new(*ago),
                person: String::new(),
                summary: String::new(),
                outcome: String::new(),
            };
            s.add_contact(&contact, None).unwrap();
        }
        if let Some((req, days)) = c.snooze
            && req < s.scheme().unwrap().tier(&f.tier).unwrap().requirements.len()
        {
            s.snooze(id, req, today + chrono::Days::new(days), "away").unwrap();
        }
        if let Some((days, done)) = c.follow_up {
            let f = s.add_follow_up(id, "报价", today + chrono::TimeDelta::days(days)).unwrap();
            if done {
                s.set_follow_up_done(f, true).unwrap();
            }
        }
        if let Some(ago) = c.assessed {
            assessed.push((id.0, (today - chrono::Days::new(ago)).to_string()));
        }
    }
    // The last assessment's date and category on the row, as recording one leaves them (the
    // due rules read only these): written beside the store, which sees them at its next read.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (id, on) in assessed {
        conn.execute("UPDATE customers SET risk_assessed_on = ?1, risk_category = 'C3' WHERE id = ?2", (on, id))
            .unwrap();
    }
    s
}

fn check(s: &Store, owners: &Owners, rule: AssessmentRule, rows: usize) {
    let today = common::today();
    let scheme = s.scheme().unwrap().clone();
    let kinds = tierdesk::data::contact_kinds();
    let q = AgendaQuery { today, assessments: rule, within_days: 6, include_done: true };
    let whole = due_items(s, &scheme, &kinds, Lang::En, q, owners).unwrap();
    let start = due_head(s, &scheme, &kinds, Lang::En, q, owners, rows).unwrap();
    let day: Vec<_> = whole.iter().filter(|it| it.due_date <= today).collect();
    let done = day.iter().filter(|it| it.done).count();
    assert_eq!(start.tally, (day.len(), done, day.len() - done), "the day's counts");
    assert!(!start.whole, "a book file reads the start only");
    assert!(start.items.len() >= rows.min(day.len()), "{} rows in place, {rows} wanted", start.items.len());
    assert_eq!(start.items[..], whole[..start.items.len()], "the start of the whole list");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_start_read_through_the_index_is_the_start_of_the_whole_list(
        customers in prop::collection::vec(drawn(), 0..40),
        required in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let s = book(dir.path(), &customers);
        let rule = AssessmentRule { months: 24, required };
        for owners in [Owners::All, Owners::one("tester")] {
            for rows in [1, 2, 3, 5, 200] {
                check(&s, &owners, rule, rows);
            }
        }
    }
}

#[test]
fn a_big_tier_is_cut_and_its_unread_customers_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let many: Vec<Drawn> = (0..60)
        .map(|i| Drawn {
            tier: [0, 3][i % 2],
            name: i % 5,
            mine: true,
            created: 40 + (i as u64 % 7),
            contacts: vec![],
            snooze: None,
            follow_up: None,
            assessed: None,
        })
        .collect();
    let s = book(dir.path(), &many);
    let q = AgendaQuery { today: common::today(), assessments: Default::default(), within_days: 6, include_done: true };
    let scheme = s.scheme().unwrap().clone();
    let kinds = tierdesk::data::contact_kinds();
    let start = due_head(&s, &scheme, &kinds, Lang::En, q, &Owners::All, 5).unwrap();
    // 60 overdue customers, one item each; A's first five (and their day's ties) are in place.
    assert_eq!(start.tally, (60, 0, 60));
    assert!((5..30).contains(&start.items.len()), "{}", start.items.len());
    check(&s, &Owners::All, Default::default(), 5);
}

/// A tier stored otherwise than the scheme spells it (the rules find it, the index's ranges
/// would not): the whole list is read, and it is still the same list.
#[test]
fn a_tier_spelled_otherwise_reads_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let some: Vec<Drawn> = (0..12)
        .map(|i| Drawn {
            tier: i % 4,
            name: i % 5,
            mine: true,
            created: 40 + i as u64,
            contacts: vec![],
            snooze: None,
            follow_up: None,
            assessed: None,
        })
        .collect();
    let s = book(dir.path(), &some);
    let conn = rusqlite::Connection::open(dir.path().join("b.sqlite")).unwrap();
    conn.execute("UPDATE customers SET tier = 'a' WHERE id = 5", ()).unwrap();
    let today = common::today();
    let scheme = s.scheme().unwrap().clone();
    let kinds = tierdesk::data::contact_kinds();
    let q = AgendaQuery { today, assessments: Default::default(), within_days: 6, include_done: true };
    let whole = due_items(&s, &scheme, &kinds, Lang::En, q, &Owners::All).unwrap();
    assert!(whole.iter().any(|it| it.customer.tier == "a"), "the rules find the customer of 'a'");
    let start = due_head(&s, &scheme, &kinds, Lang::En, q, &Owners::All, 1).unwrap();
    assert!(start.whole);
    assert_eq!(start.items, whole);
}
