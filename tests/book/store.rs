//! The book on disk: creation, permissions, reopening, migrations, refusals, concurrency,
//! and the customer queries that feed the table.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{d, fields, fixture, open};
use rusqlite::Connection;
use tierdesk::clock::Clock;
use tierdesk::store::prelude::*;
use tierdesk::store::{ListQuery, SortDir, SortKey, Store, StoreError, migrations};

#[test]
fn a_fresh_book_is_private_and_reopens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/book.sqlite");
    let id = {
        let mut s = open(&path);
        s.add_customer(&fields("王芳", "华信", "A", "2026-01-01")).unwrap()
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "book file");
        assert_eq!(mode(path.parent().unwrap()), 0o700, "book folder");
        let wal = path.with_extension("sqlite-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600, "WAL file inherits the mode");
        }
    }
    let s = open(&path);
    assert_eq!(s.customer(id).unwrap().unwrap().fields.name, "王芳");
    assert_eq!(s.schema_version().unwrap(), migrations::latest());
    assert_eq!(s.scheme().unwrap().id, "default");
}

#[test]
fn pragmas_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let _s = open(&path);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_book_from_a_newer_tierdesk_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    drop(open(&path));
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", migrations::latest() + 5).unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Clock::Fixed(common::today()), "t").err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("newer tierdesk"), "{err}");
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, migrations::latest() + 5, "never downgraded");
    drop(conn);
    assert_eq!(std::fs::read(&path).unwrap().len(), before.len());
}

#[test]
fn each_migration_applies_on_the_version_before() {
    // Walk the list: at every step the book opens, data written at the previous step
    // survives, and the version is bumped by exactly one.
    let mut conn = Connection::open_in_memory().unwrap();
    for target in 1..=migrations::latest() {
        migrations::migrate_to(&mut conn, None, target).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, target);
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
    }
}

#[test]
fn a_file_that_is_not_a_book_gets_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Dear customer, this is a letter, not a database.\n").unwrap();
    let err = Store::open(&path, Clock::System, "t").err().unwrap();
    assert!(matches!(err, StoreError::NotABook(_)), "{err}");
    assert!(err.to_string().contains("not a tierdesk book"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "Dear customer, this is a letter, not a database.\n");
}

#[cfg(unix)]
#[test]
fn a_read_only_book_gets_one_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    drop(open(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    // root can write anything; the check is only meaningful for ordinary users
    let writable = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
    let result = Store::open(&path, Clock::System, "t");
    if writable {
        assert!(result.is_ok());
    } else {
        let err = result.err().unwrap();
        assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    }
}

#[test]
fn two_processes_on_one_book_both_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let mut a = open(&path);
    let mut b = open(&path);
    let x = a.add_customer(&fields("甲", "", "A", "2026-01-01")).unwrap();
    let y = b.add_customer(&fields("乙", "", "B", "2026-01-01")).unwrap();
    assert_ne!(x, y);
    assert_eq!(a.count_customers(None, None, &Owners::All).unwrap(), 2);
    assert_eq!(b.count_customers(None, None, &Owners::All).unwrap(), 2);
}

#[test]
fn a_held_write_lock_reports_busy_not_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let mut s = open(&path);
    // Give up at once instead of waiting the CLI's five seconds for the lock.
    s.set_busy_timeout(std::time::Duration::ZERO).unwrap();
    // Another program holds the write lock: a second connection inside a write transaction.
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = s.add_customer(&fields("等一下", "", "C", "2026-01-01")).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "a held lock is Busy, not {err:?}");
    // Once the other program lets go, the same write succeeds: the book was never damaged.
    other.execute_batch("COMMIT").unwrap();
    s.add_customer(&fields("等一下", "", "C", "2026-01-01")).unwrap();
    assert_eq!(s.count_customers(None, None, &Owners::All).unwrap(), 1);
}

#[test]
fn duplicate_refs_are_refused_with_the_ref() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("b.sqlite"));
    let mut f = fields("A", "", "A", "2026-01-01");
    f.ext_ref = Some("K-1".into());
    s.add_customer(&f).unwrap();
    f.name = "B".into();
    let err = s.add_customer(&f).unwrap_err();
    assert!(matches!(&err, StoreError::DuplicateRef(r) if r == "K-1"), "{err}");
    assert_eq!(s.count_customers(None, None, &Owners::All).unwrap(), 1);
}

#[test]
fn the_scheme_is_chosen_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite");
    let mut s = Store::open(&path, Clock::System, "t").unwrap();
    assert!(s.scheme().is_none());
    s.init_scheme("brokerage.toml", tierdesk::data::BROKERAGE_SCHEME).unwrap();
    let err = s.init_scheme("default.toml", tierdesk::data::DEFAULT_SCHEME).unwrap_err();
    assert!(matches!(err, StoreError::SchemeAlreadySet(_)));
    drop(s);
    let s = Store::open(&path, Clock::System, "t").unwrap();
    assert_eq!(s.scheme().unwrap().codes(), ["VIP", "CORE", "POT", "ORD"]);
}

#[test]
fn schedule_follows_contacts_and_never_goes_backwards() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let c = s.customer(ids[0]).unwrap().unwrap();
    assert_eq!((c.last_contact_on, c.next_due_on), (Some(d("2026-11-10")), d("2026-11-17")));
    // a backdated contact does not move the due date back
    let backdated = tierdesk::domain::history::NewContact {
        customer: ids[0],
        kind: "call".into(),
        on: d("2026-10-01"),
        person: String::new(),
        summary: String::new(),
        outcome: String::new(),
    };
    s.add_contact(&backdated, None).unwrap();
    let c = s.customer(ids[0]).unwrap().unwrap();
    assert_eq!(c.next_due_on, d("2026-11-17"));
    // a newer one does
    s.add_contact(
        &tierdesk::domain::history::NewContact { on: d("2026-11-22"), ..backdated },
        Some(("回电", d("2026-11-25"))),
    )
    .unwrap();
    let c = s.customer(ids[0]).unwrap().unwrap();
    assert_eq!((c.last_contact_on, c.next_due_on), (Some(d("2026-11-22")), d("2026-11-29")));
    assert_eq!(s.follow_ups_of(ids[0]).unwrap().len(), 2);
}

/// Every page of every ordering, put together, equals the full ordering computed in Rust.
#[test]
fn pages_cover_the_ordering_exactly_and_position_of_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("b.sqlite"));
    let names = ["王芳", "汪芳", "Acme", "acme", "李强", "Zhang", "招商银行", "欧阳", "曾伟", "赵敏", "王芳"];
    let mut all = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let tier = ["A", "B", "C", "D"][i % 4];
        let mut f = fields(n, "", tier, &format!("2026-0{}-01", 1 + i % 9));
        // Spaces around a region are not part of it: the filter matches it trimmed.
        f.region = ["北京", " 上海 ", ""][i % 3].to_string();
        all.push(f);
    }
    let ids = s.add_customers_bulk(&all).unwrap();
    let contacts: Vec<_> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0)
        .map(|(i, id)| tierdesk::domain::history::NewContact {
            customer: *id,
            kind: "visit".into(),
            on: d(&format!("2026-10-{:02}", 1 + i)),
            person: String::new(),
            summary: String::new(),
            outcome: String::new(),
        })
        .collect();
    s.add_contacts_bulk(&contacts, &[]).unwrap();
    assert_eq!(s.regions(&Owners::All).unwrap(), ["上海", "北京"]);
    assert!(s.regions(&Owners::one("nobody")).unwrap().is_empty());
    for (tier, region) in [None, Some("A".to_string()), Some("C".to_string())]
        .into_iter()
        .flat_map(|t| [None, Some("北京".to_string()), Some("上海".to_string())].map(|r| (t.clone(), r)))
    {
        for sort in [SortKey::Name, SortKey::LastContact, SortKey::NextDue] {
            for dir in [SortDir::Asc, SortDir::Desc] {
                let full = ListQuery {
                    tier: tier.clone(),
                    region: region.clone(),
                    sort,
                    dir,
                    offset: 0,
                    limit: 1000,
                    ..Default::default()
                };
                let everything = s.customer_rows(&full).unwrap();
                // The region's rows are the tier's rows of that region, in the same order.
                let of_tier = s.customer_rows(&ListQuery { region: None, ..full.clone() }).unwrap();
                let want: Vec<_> = of_tier
                    .iter()
                    .filter(|r| {
                        region.as_deref().is_none_or(|g| s.customer(r.id).unwrap().unwrap().fields.region.trim() == g)
                    })
                    .cloned()
                    .collect();
                assert_eq!(everything, want, "{tier:?} {region:?}");
                assert!(
                    region.is_none() || (!everything.is_empty() && everything.len() < of_tier.len()),
                    "{tier:?} {region:?}"
                );
                assert_eq!(
                    everything.len(),
                    s.count_customers(tier.as_deref(), region.as_deref(), &Owners::All).unwrap()
                );
                let mut paged = Vec::new();
                for offset in (0..everything.len()).step_by(3) {
                    paged.extend(s.customer_rows(&ListQuery { offset, limit: 3, ..full.clone() }).unwrap());
                }
                assert_eq!(paged, everything, "{tier:?} {region:?} {sort:?} {dir:?}");
                // pages read from the far end of the index give the same rows
                let total = everything.len();
                for offset in 0..total {
                    for limit in [1, 2, 5] {
                        let q = ListQuery { offset, limit, ..full.clone() };
                        let want: Vec<_> = everything.iter().skip(offset).take(limit).cloned().collect();
                        assert_eq!(s.customer_window(&q, total).unwrap(), want, "{q:?}");
                    }
                }
                for (pos, row) in everything.iter().enumerate() {
                    assert_eq!(
                        s.position_of(&full, row.id).unwrap(),
                        Some(pos),
                        "{tier:?} {sort:?} {dir:?} {}",
                        row.name
                    );
                }
            }
        }
    }
}

/// The table's page query is served by an index for every tier, sort and direction:
/// no temporary sort of the whole table, whatever the book's size.
#[test]
fn every_page_query_walks_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("b.sqlite"));
    // Everyone's and one person's (a person's list must not fetch all their rows and sort
    // them: in a solo book that is every row).
    let whose = [tierdesk::store::Owners::All, tierdesk::store::Owners::one("tester")];
    for (tier, owners) in [None, Some("B".to_string())].into_iter().flat_map(|t| whose.clone().map(|o| (t.clone(), o)))
    {
        for sort in [SortKey::Name, SortKey::LastContact, SortKey::NextDue] {
            for dir in [SortDir::Asc, SortDir::Desc] {
                let q = ListQuery {
                    tier: tier.clone(),
                    sort,
                    dir,
                    offset: 0,
                    limit: 50,
                    owners: owners.clone(),
                    region: None,
                };
                let plan = s.explain_customer_rows(&q).unwrap();
                assert!(plan.contains("USING INDEX"), "{q:?}: {plan}");
                assert!(!plan.contains("TEMP B-TREE"), "{q:?} sorts in a temp b-tree: {plan}");
            }
        }
    }
}

const TWO_RULES: &str = r#"
id = "two-rules"
name = { zh = "两条规则", en = "Two rules" }

[[tier]]
code = "A"
zh = "重点"
en = "Key"
color = "tier1"
cadence = { every = 1, unit = "week" }
also = [{ every = 2, unit = "week", kinds = ["visit"] }]

[[tier]]
code = "B"
zh = "普通"
en = "Regular"
color = "tier2"
cadence = { every = 1, unit = "month" }
"#;

fn contact(id: tierdesk::domain::customer::CustomerId, kind: &str, on: &str) -> tierdesk::domain::history::NewContact {
    tierdesk::domain::history::NewContact {
        customer: id,
        kind: kind.into(),
        on: d(on),
        person: String::new(),
        summary: String::new(),
        outcome: String::new(),
    }
}

#[test]
fn a_tier_with_two_requirements_gives_two_due_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("b.sqlite"), Clock::Fixed(common::today()), "t").unwrap();
    s.init_scheme("two.toml", TWO_RULES).unwrap();
    let id = s.add_customer(&fields("王芳", "", "A", "2025-01-01")).unwrap();
    s.add_contact(&contact(id, "visit", "2026-11-02"), None).unwrap();
    s.add_contact(&contact(id, "call", "2026-11-12"), None).unwrap();
    // weekly any-kind: 11-19; fortnightly visit: 11-16 → the customer is due 11-16
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-11-16"));
    let dues = s.customer_schedule(id).unwrap();
    assert_eq!(dues.iter().map(|r| r.due).collect::<Vec<_>>(), [d("2026-11-19"), d("2026-11-16")]);
    let scheme = s.scheme().unwrap().clone();
    let items = tierdesk::app::agenda::due_items(
        &s,
        &scheme,
        &tierdesk::data::contact_kinds(),
        tierdesk::i18n::Lang::En,
        tierdesk::app::agenda::AgendaQuery {
            today: common::today(),
            assessments: Default::default(),
            within_days: 0,
            include_done: false,
        },
        &Owners::All,
    )
    .unwrap();
    let details: Vec<_> = items.iter().map(|i| (i.detail.as_str(), i.days_overdue)).collect();
    assert_eq!(details, [("visit every 2 weeks", 7), ("every week", 4)]);
    // a tier change applies at once, from the last contact: B is monthly from 11-12
    let mut f = s.customer(id).unwrap().unwrap().fields;
    f.tier = "B".into();
    s.update_customer(id, &f, "test").unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-12-12"));
}

#[test]
fn deleting_the_latest_contact_recomputes_from_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("b.sqlite"));
    let id = s.add_customer(&fields("Acme", "", "A", "2025-01-01")).unwrap();
    s.add_contact(&contact(id, "call", "2026-11-01"), None).unwrap();
    let latest = s.add_contact(&contact(id, "call", "2026-11-20"), None).unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-11-27"));
    s.delete_contact(latest).unwrap();
    let c = s.customer(id).unwrap().unwrap();
    assert_eq!((c.last_contact_on, c.next_due_on), (Some(d("2026-11-01")), d("2026-11-08")));
}

#[test]
fn a_snooze_holds_until_the_next_contact() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("b.sqlite"));
    let id = s.add_customer(&fields("Acme", "", "A", "2025-01-01")).unwrap();
    s.add_contact(&contact(id, "call", "2026-11-10"), None).unwrap();
    s.snooze(id, 0, d("2026-12-10"), "on holiday").unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-12-10"));
    // a backdated contact (before the snooze was set) does not end it
    s.add_contact(&contact(id, "call", "2026-11-15"), None).unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-12-10"));
    // the next real contact does: a week after it
    s.add_contact(&contact(id, "visit", "2026-11-23"), None).unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().next_due_on, d("2026-11-30"));
}

#[test]
fn rescheduling_a_follow_up_keeps_the_old_date_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("b.sqlite"));
    let id = s.add_customer(&fields("Acme", "", "A", "2025-01-01")).unwrap();
    let f = s.add_follow_up(id, "send quote", d("2026-11-20")).unwrap();
    s.reschedule_follow_up(f, d("2026-11-27"), "waiting for prices").unwrap();
    assert_eq!(s.follow_ups_of(id).unwrap()[0].due_on, d("2026-11-27"));
    let history = s.follow_up_reschedules(f).unwrap();
    assert_eq!(
        history,
        vec![(d("2026-11-20"), d("2026-11-27"), "waiting for prices".to_string(), "tester".to_string())]
    );
    s.set_follow_up_done(f, true).unwrap();
    assert!(s.follow_ups_of(id).unwrap()[0].done_at.is_some());
}

#[test]
fn a_book_file_has_no_pool_it_refuses_the_writes_and_reads_nothing() {
    use tierdesk::domain::pool::PoolProblem;
    use tierdesk::store::Pool;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = crate::common::fixture(dir.path());
    let today = crate::common::today();
    let team_only = |r: Result<(), tierdesk::store::StoreError>| {
        assert!(matches!(r, Err(tierdesk::store::StoreError::Pool(PoolProblem::TeamBookOnly))), "{r:?}")
    };
    team_only(store.sweep(today).map(|_| ()));
    team_only(store.pool().map(|_| ()));
    team_only(store.claim(ids[0], today).map(|_| ()));
    team_only(store.claims_per_day().map(|_| ()));
    team_only(store.set_claims_per_day(3).map(|_| ()));
    team_only(store.assign_from_pool(ids[0], "x", today).map(|_| ()));
    team_only(store.pin(ids[0], Some("key account")));
    assert!(store.ownership_rows(&ids).unwrap().is_empty());
    assert!(store.escalated(today).unwrap().is_empty());
    assert!(store.pool_tally(today, today).unwrap().is_empty());
}
