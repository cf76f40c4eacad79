//! The team book's engine for customers, the customer table, contacts, follow-ups and the
//! schedule: the same calls on a SQLite book and on a team book (connected as a person)
//! give the same results; row-level security keeps a manager to their own customers.
#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveTime};
use tierdesk::clock::Clock;
use tierdesk::domain::contact_draft::ContactEntry;
use tierdesk::domain::customer::{CustomerFields, CustomerId};
use tierdesk::domain::due::AssessmentRule;
use tierdesk::domain::history::{ContactId, FollowUp, FollowUpId, NewContact};
use tierdesk::store::postgres::PgStore;
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::prelude::*;
use tierdesk::store::{DueInputs, FollowUpFilter, ListQuery, Owners, RiskCell, SortDir, SortKey, Store, StoreError};

use crate::pg::{PgRun, start};

/// Two requirements in tier A (any contact weekly, a visit fortnightly): the due list then
/// needs the contacts by kind. Tier B counts any contact.
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
const SCHEME_FILE: &str = "two-rules.toml";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-23")
}

/// The logins of a team book: a lead with two managers.
struct Team {
    lead: String,
    m1: String,
    m2: String,
}

/// A team book with the two-rules scheme and three people; the rows are theirs to write.
fn team(pg: &PgRun) -> Team {
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let t = Team { lead: pg.login("lead"), m1: pg.login("m1"), m2: pg.login("m2") };
    book.add_person(&t.lead, "Lead", Role::Lead, None).unwrap();
    book.add_person(&t.m1, "Manager One", Role::Manager, Some(&t.lead)).unwrap();
    book.add_person(&t.m2, "Manager Two", Role::Manager, Some(&t.lead)).unwrap();
    book.client()
        .execute(
            // Before anyone opens it: this book's scheme instead of the default team init gave it.
            "INSERT INTO book_meta (key, value) VALUES ('scheme_file', $1), ('scheme_source', $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&SCHEME_FILE, &TWO_RULES],
        )
        .unwrap();
    t
}

fn open_pg(pg: &PgRun, login: &str) -> PgStore {
    PgStore::open(&pg.url_as(login), Clock::Fixed(today())).unwrap()
}

fn open_sqlite(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join("book.sqlite"), Clock::Fixed(today()), "tester").unwrap();
    s.init_scheme(SCHEME_FILE, TWO_RULES).unwrap();
    s
}

fn fields(name: &str, tier: &str, created: &str, ext_ref: Option<&str>, owner: &str) -> CustomerFields {
    CustomerFields {
        ext_ref: ext_ref.map(str::to_string),
        name: name.into(),
        company: format!("{name} Ltd"),
        tier: tier.into(),
        created_on: d(created),
        owner: owner.into(),
        phone: "0755-1234".into(),
        tags: "vip".into(),
        ..Default::default()
    }
}

fn contact(customer: CustomerId, kind: &str, on: &str) -> NewContact {
    NewContact {
        customer,
        kind: kind.into(),
        on: d(on),
        person: "Ms Wu".into(),
        summary: format!("{kind} on {on}"),
        outcome: "fine".into(),
    }
}

/// The same call on both books: the results must be equal; gives the SQLite one.
macro_rules! same {
    ($sqlite:expr, $pg:expr, |$s:ident| $call:expr) => {{
        let a = {
            let $s = &mut $sqlite;
            $call
        };
        let b = {
            let $s = &mut $pg;
            $call
        };
        assert_eq!(a, b, "{}", stringify!($call));
        a
    }};
}

/// A follow-up with its done time as the day only (the two books write a second apart).
fn day_only(mut f: FollowUp) -> FollowUp {
    f.done_at = f.done_at.map(|t| t.date().and_time(NaiveTime::MIN));
    f
}

/// Due inputs in a comparable shape: each list by id.
fn due_shape(mut i: DueInputs) -> impl PartialEq + std::fmt::Debug {
    i.cadence.sort_by_key(|c| c.customer.id);
    i.follow_ups.sort_by_key(|f| f.id.0);
    i.assessments.sort_by_key(|a| a.customer.id);
    (i.cadence, i.follow_ups, i.assessments)
}

#[test]
fn the_same_calls_give_the_same_book() {
    let Some(pg) = start() else { return };
    let t = team(&pg);
    let dir = tempfile::tempdir().unwrap();
    let mut s = open_sqlite(&dir);
    let mut p = open_pg(&pg, &t.m1);
    let m1 = t.m1.as_str();

    // Customers: the ids are the same on both (fresh sequences).
    let rows = [
        ("Acme Trading", "B", "2025-03-01", Some("R1")),
        ("王芳", "A", "2025-02-01", Some("R2")),
        ("Zhang Wei", "B", "2026-11-20", None),
        ("李强", "A", "2026-10-01", Some("R4")),
        ("赵敏", "B", "2026-11-01", None),
    ];
    let mut ids = Vec::new();
    for (i, (name, tier, created, r)) in rows.into_iter().enumerate() {
        let f = CustomerFields {
            region: ["北京", " 北京 ", "上海"][i % 3].into(),
            ..fields(name, tier, created, r, m1)
        };
        ids.push(same!(s, p, |b| b.add_customer(&f).unwrap()));
    }
    let [c1, c2, c3, c4, c5] = ids[..] else { unreachable!() };

    // Contacts, follow-ups, a snooze, edits and deletes.
    let k1 = same!(s, p, |b| b
        .add_contact(&contact(c1, "call", "2026-11-10"), Some(("send offer", d("2026-11-25"))))
        .unwrap());
    same!(s, p, |b| b.add_contact(&contact(c2, "visit", "2026-11-01"), None).unwrap());
    same!(s, p, |b| b.add_contact(&contact(c2, "call", "2026-11-23"), None).unwrap());
    let entry = ContactEntry {
        contact: contact(c4, "visit", "2026-11-23"),
        time: NaiveTime::from_hms_opt(10, 30, 0),
        follow_up: Some(("call back".into(), d("2026-11-30"))),
        recommendation: None,
    };
    same!(s, p, |b| b.log_contact(&entry, None).unwrap());
    let f3 = same!(s, p, |b| b.add_follow_up(c3, "check the papers", d("2026-11-20")).unwrap());
    let f5 = same!(s, p, |b| b.add_follow_up(c5, "later", d("2026-12-20")).unwrap());
    same!(s, p, |b| b.snooze(c1, 0, d("2026-12-05"), "on holiday").unwrap());
    same!(s, p, |b| b.set_follow_up_done(f3, true).unwrap());
    same!(s, p, |b| b.reschedule_follow_up(f5, d("2026-12-30"), "asked to wait").unwrap());
    same!(s, p, |b| b.update_contact(k1, &contact(c1, "call", "2026-11-12")).unwrap());
    let gone = same!(s, p, |b| b.add_contact(&contact(c5, "call", "2026-11-15"), None).unwrap());
    same!(s, p, |b| b.update_customer(c3, &fields("Zhang Wei", "A", "2026-11-20", Some("R3"), m1), "grew").unwrap());
    same!(s, p, |b| b
        .add_contacts_bulk(&[contact(c5, "visit", "2026-11-18")], &[(c5, "bulk promise".into(), d("2026-12-01"))])
        .unwrap());
    // (Deleted after a later one: SQLite gives a deleted last row's id to the next.)
    same!(s, p, |b| b.delete_contact(gone).unwrap());

    // Customers read back, one by one and as lists.
    for id in &ids {
        same!(s, p, |b| b.customer(*id).unwrap());
    }
    same!(s, p, |b| b.customer(CustomerId(999)).unwrap());
    same!(s, p, |b| b.customers_by_name(None).unwrap());
    same!(s, p, |b| b.customers_by_name(Some("A")).unwrap());
    same!(s, p, |b| b.find_customers("R2").unwrap());
    same!(s, p, |b| b.find_customers("赵敏").unwrap());
    same!(s, p, |b| b.customer_rows_by_ids(&[c4, c1, CustomerId(999), c2]).unwrap());
    same!(s, p, |b| b.search_entries(&Owners::All).unwrap());

    // The table in every order, windows and positions.
    let total = same!(s, p, |b| b.count_customers(None, None, &Owners::All).unwrap());
    same!(s, p, |b| b.count_customers(Some("A"), None, &Owners::All).unwrap());
    // Zhang Wei (上海) was edited to no region above.
    assert_eq!(same!(s, p, |b| b.regions(&Owners::All).unwrap()), ["北京"]);
    assert_eq!(same!(s, p, |b| b.count_customers(None, Some("北京"), &Owners::All).unwrap()), 4);
    same!(s, p, |b| b.count_customers(Some("B"), Some("北京"), &Owners::All).unwrap());
    // A chosen list of owners: the owner's own, and someone who owns nothing.
    let (mine, nobody) = (Owners::one(m1), Owners::one("nobody"));
    assert_eq!(same!(s, p, |b| b.count_customers(None, None, &mine).unwrap()), total);
    assert_eq!(same!(s, p, |b| b.count_customers(Some("A"), None, &nobody).unwrap()), 0);
    assert_eq!(same!(s, p, |b| b.search_entries(&mine).unwrap().len()), total);
    assert!(same!(s, p, |b| b.search_entries(&nobody).unwrap()).is_empty());
    let q = ListQuery { sort: SortKey::Name, limit: 10, owners: nobody.clone(), ..Default::default() };
    assert!(same!(s, p, |b| b.customer_rows(&q).unwrap()).is_empty());
    assert_eq!(same!(s, p, |b| b.position_of(&q, c1).unwrap()), None);
    same!(s, p, |b| b.tier_counts().unwrap().into_iter().collect::<std::collections::BTreeMap<_, _>>());
    for sort in [SortKey::Name, SortKey::LastContact, SortKey::NextDue] {
        for dir in [SortDir::Asc, SortDir::Desc] {
            for (tier, region) in [(None, None), (Some("A".to_string()), None), (None, Some("北京".to_string()))] {
                let q = ListQuery { tier: tier.clone(), region, sort, dir, offset: 0, limit: 10, owners: Owners::All };
                same!(s, p, |b| b.customer_rows(&q).unwrap());
                let page = ListQuery { offset: 3, limit: 2, ..q.clone() };
                same!(s, p, |b| b.customer_rows(&page).unwrap());
                same!(s, p, |b| b.customer_window(&page, total).unwrap());
                for id in &ids {
                    same!(s, p, |b| b.position_of(&q, *id).unwrap());
                }
            }
        }
    }
    let plan = p.explain_customer_rows(&ListQuery::default()).unwrap();
    assert!(plan.contains("Limit"), "{plan}");
    same!(s, p, |b| {
        let mut m = b.risk_matrix(today()).unwrap();
        m.sort();
        m
    });
    same!(s, p, |b| b.customers_in_cell("A", &RiskCell::NotAssessed, today(), 10).unwrap());
    same!(s, p, |b| b.customers_in_cell("B", &RiskCell::Expired, today(), 10).unwrap());
    same!(s, p, |b| b.customers_in_cell("B", &RiskCell::Current("low".into()), today(), 10).unwrap());

    // Contacts and follow-ups.
    for id in &ids {
        same!(s, p, |b| b.contacts_of(*id, 10).unwrap());
        same!(s, p, |b| b.follow_ups_of(*id).unwrap().into_iter().map(day_only).collect::<Vec<_>>());
        same!(s, p, |b| b.count_contacts_of(*id).unwrap());
        same!(s, p, |b| b.customer_schedule(*id).unwrap());
    }
    same!(s, p, |b| b.contact(k1).unwrap());
    same!(s, p, |b| b.contact(ContactId(999)).unwrap());
    same!(s, p, |b| b.count_contacts().unwrap());
    for filter in [FollowUpFilter::Open, FollowUpFilter::Overdue, FollowUpFilter::Done] {
        same!(s, p, |b| b
            .follow_up_rows(filter, today(), 50, &Owners::All)
            .unwrap()
            .into_iter()
            .map(|mut r| {
                r.follow_up = day_only(r.follow_up);
                r
            })
            .collect::<Vec<_>>());
    }
    same!(s, p, |b| b
        .follow_up_reschedules(f5)
        .unwrap()
        .into_iter()
        .map(|(old, new, why, _by)| (old, new, why))
        .collect::<Vec<_>>());

    // What is due: the whole list, one customer's, and coverage.
    let rule = AssessmentRule { months: 24, required: true };
    for until in [today(), d("2026-12-10")] {
        let due = same!(s, p, |b| due_shape(b.due_inputs(today(), until, rule, &Owners::All).unwrap()));
        assert_ne!(due, due_shape(DueInputs::default()));
        let mine = same!(s, p, |b| due_shape(b.due_inputs(today(), until, rule, &Owners::one(m1)).unwrap()));
        assert_eq!(mine, due, "every customer is m1's");
        let none = same!(s, p, |b| due_shape(b.due_inputs(today(), until, rule, &Owners::one("nobody")).unwrap()));
        assert_eq!(none, due_shape(DueInputs::default()));
        for id in &ids {
            same!(s, p, |b| due_shape(b.due_inputs_of(*id, today(), until, rule).unwrap()));
        }
    }
    same!(s, p, |b| {
        let mut c = b.coverage(today(), &Owners::All).unwrap();
        c.sort_by(|x, y| x.tier.cmp(&y.tier));
        c
    });

    // Mistakes are named alike.
    let no = |e: StoreError| format!("{e:?}");
    same!(s, p, |b| no(b.update_customer(CustomerId(999), &fields("X", "B", "2026-01-01", None, m1), "").unwrap_err()));
    same!(s, p, |b| no(b.delete_customer(CustomerId(999)).unwrap_err()));
    same!(s, p, |b| no(b.delete_contact(ContactId(999)).unwrap_err()));
    same!(s, p, |b| no(b.update_contact(ContactId(999), &contact(c1, "call", "2026-11-01")).unwrap_err()));
    same!(s, p, |b| no(b.set_follow_up_done(FollowUpId(999), true).unwrap_err()));
    same!(s, p, |b| no(b.reschedule_follow_up(FollowUpId(999), d("2026-12-01"), "x").unwrap_err()));
    same!(s, p, |b| no(b.reschedule_follow_up(f5, today(), "x").unwrap_err()));
    same!(s, p, |b| no(b.snooze(c1, 0, today(), "x").unwrap_err()));
    same!(s, p, |b| no(b.add_contact(&contact(CustomerId(999), "call", "2026-11-01"), None).unwrap_err()));
    same!(s, p, |b| no(b.add_customer(&fields("Dup", "B", "2026-01-01", Some("R1"), m1)).unwrap_err()));
    same!(s, p, |b| no(b.add_customer(&fields("Bad", "Z", "2026-01-01", None, m1)).unwrap_err()));
    same!(s, p, |b| no(b.add_customer(&fields("Old", "B", "1066-01-01", None, m1)).unwrap_err()));
    let batch = [fields("New", "B", "2026-01-01", Some("N1"), m1), fields("Dup", "B", "2026-01-01", Some("R2"), m1)];
    same!(s, p, |b| no(b.add_customers_bulk(&batch).unwrap_err()));
    let twice = [fields("N", "B", "2026-01-01", Some("N2"), m1), fields("N", "B", "2026-01-01", Some("N2"), m1)];
    same!(s, p, |b| no(b.add_customers_bulk(&twice).unwrap_err()));
    same!(s, p, |b| no(b
        .add_contacts_bulk(&[contact(c1, "call", "2026-11-01"), contact(CustomerId(999), "call", "2026-11-01")], &[])
        .unwrap_err()));
    same!(s, p, |b| b.count_contacts().unwrap());
    assert!(
        matches!(p.add_customer(&fields("Dup", "B", "2026-01-01", Some("R2"), m1)), Err(StoreError::DuplicateRef(r)) if r == "R2")
    );

    // A delete takes the customer's contacts and follow-ups with it.
    same!(s, p, |b| b.delete_customer(c5).unwrap());
    same!(s, p, |b| b.count_contacts().unwrap());
    same!(s, p, |b| b.follow_up_rows(FollowUpFilter::Open, today(), 50, &Owners::All).unwrap().len());
    same!(s, p, |b| b.customer(c5).unwrap());
}

#[test]
fn a_manager_sees_and_writes_only_their_own_customers() {
    let Some(pg) = start() else { return };
    let t = team(&pg);
    let mut m1 = open_pg(&pg, &t.m1);
    let mut m2 = open_pg(&pg, &t.m2);
    let mine = m1.add_customer(&fields("Mine", "B", "2026-01-05", Some("M1-1"), "")).unwrap();
    m1.add_contact(&contact(mine, "call", "2026-11-20"), Some(("send it", d("2026-11-24")))).unwrap();
    let theirs = m2.add_customer(&fields("Theirs", "B", "2026-01-05", Some("M2-1"), "")).unwrap();
    m2.add_follow_up(theirs, "their promise", d("2026-11-01")).unwrap();

    // An empty owner is the signed-in person.
    assert_eq!(m1.customer(mine).unwrap().unwrap().fields.owner, t.m1);
    assert_eq!(m2.customer(theirs).unwrap().unwrap().fields.owner, t.m2);

    let q = ListQuery { limit: 50, ..Default::default() };
    let listed: Vec<CustomerId> = m1.customer_rows(&q).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(listed, vec![mine]);
    assert_eq!(m1.count_customers(None, None, &Owners::All).unwrap(), 1);
    assert_eq!(m1.customer(theirs).unwrap(), None);
    assert!(m1.find_customers("M2-1").unwrap().is_empty());
    assert_eq!(m1.follow_up_rows(FollowUpFilter::Open, today(), 50, &Owners::All).unwrap().len(), 1);
    let due = m1.due_inputs(today(), d("2026-12-31"), AssessmentRule::default(), &Owners::All).unwrap();
    assert!(due.cadence.iter().all(|c| c.customer.id == mine), "{:?}", due.cadence);
    assert!(due.follow_ups.iter().all(|f| f.customer.id == mine), "{:?}", due.follow_ups);

    // Writing to another's customer is refused, and nothing of it is written.
    assert!(matches!(
        m1.add_contact(&contact(theirs, "call", "2026-11-20"), None),
        Err(StoreError::NoSuchCustomer(id)) if id == theirs.0
    ));
    assert!(matches!(m1.delete_customer(theirs), Err(StoreError::NoSuchCustomer(_))));
    assert!(m1.update_customer(theirs, &fields("Taken", "B", "2026-01-05", None, ""), "").is_err());
    assert!(matches!(m1.snooze(theirs, 0, d("2026-12-01"), "x"), Err(StoreError::NoSuchCustomer(_))));
    assert!(matches!(m1.add_follow_up(theirs, "x", d("2026-12-01")), Err(StoreError::NoSuchCustomer(_))));
    assert!(m1.add_customer(&fields("For m2", "B", "2026-01-05", None, &t.m2)).is_err());
    assert_eq!(m2.count_contacts_of(theirs).unwrap(), 0);
    assert_eq!(m2.customer(theirs).unwrap().unwrap().fields.name, "Theirs");

    // A reference is unique across the book, seen or not.
    assert!(matches!(
        m1.add_customer(&fields("Again", "B", "2026-01-05", Some("M2-1"), "")),
        Err(StoreError::DuplicateRef(r)) if r == "M2-1"
    ));

    // The lead sees the team's.
    let lead = open_pg(&pg, &t.lead);
    assert_eq!(lead.count_customers(None, None, &Owners::All).unwrap(), 2);
    assert_eq!(
        lead.due_inputs(today(), d("2026-12-31"), AssessmentRule::default(), &Owners::All).unwrap().follow_ups.len(),
        2
    );
}

/// Every page of the customer table walks an index, for every tier, order and direction (as
/// the SQLite book's `every_page_query_walks_an_index`): no sort of the whole table, and the
/// order is SQLite's (names byte by byte, never contacted first).
#[test]
fn every_page_query_walks_an_index() {
    let Some(pg) = start() else { return };
    let t = team(&pg);
    let mut m1 = open_pg(&pg, &t.m1);
    let many: Vec<CustomerFields> =
        (0..3000).map(|i| fields(&format!("Name {i:04}"), ["A", "B"][i % 2], "2026-01-05", None, "")).collect();
    let ids = m1.add_customers_bulk(&many).unwrap();
    let contacts: Vec<NewContact> = ids.iter().step_by(10).map(|id| contact(*id, "call", "2026-11-02")).collect();
    m1.add_contacts_bulk(&contacts, &[]).unwrap();
    TeamBook::connect(&pg.owner_url()).unwrap().client().batch_execute("ANALYZE customers").unwrap();
    for tier in [None, Some("B".to_string())] {
        for sort in [SortKey::Name, SortKey::LastContact, SortKey::NextDue] {
            for dir in [SortDir::Asc, SortDir::Desc] {
                let q = ListQuery {
                    tier: tier.clone(),
                    sort,
                    dir,
                    offset: 0,
                    limit: 50,
                    owners: Owners::All,
                    region: None,
                };
                let plan = m1.explain_customer_rows(&q).unwrap();
                assert!(plan.contains("Index Scan"), "{q:?}: {plan}");
                assert!(!plan.contains("Sort"), "{q:?} sorts: {plan}");
            }
        }
    }
    // Names compare byte by byte (SQLite's BINARY), whatever the server's locale.
    let mut owner = TeamBook::connect(&pg.owner_url()).unwrap();
    let collations = owner
        .client()
        .query(
            "SELECT column_name::text, collation_name::text FROM information_schema.columns
             WHERE table_name = 'customers' AND column_name IN ('name', 'name_key') ORDER BY 1",
            &[],
        )
        .unwrap();
    let collations: Vec<(String, Option<String>)> = collations.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(collations, [("name".into(), Some("C".into())), ("name_key".into(), Some("C".into()))]);
}

/// Two people logging contacts for one customer at the same moment: every contact lands,
/// and the customer's latest contact and next due date count them all (the second writer
/// waits for the first and reads after it).
#[test]
fn contacts_logged_at_once_by_two_people_all_count() {
    let Some(pg) = start() else { return };
    let t = team(&pg);
    let mut m1 = open_pg(&pg, &t.m1);
    let id = m1.add_customer(&fields("Shared", "B", "2026-01-05", None, "")).unwrap();
    let days: Vec<NaiveDate> = (1..=20).map(|n| d("2026-10-01") + chrono::Days::new(n)).collect();
    std::thread::scope(|scope| {
        for (who, mine) in [(&t.m1, 0), (&t.lead, 1)] {
            let days = &days;
            let pg = &pg;
            scope.spawn(move || {
                let mut store = open_pg(pg, who);
                for day in days.iter().skip(mine).step_by(2) {
                    let on = day.format("%Y-%m-%d").to_string();
                    store.add_contact(&contact(id, "call", &on), None).unwrap();
                }
            });
        }
    });
    assert_eq!(m1.count_contacts_of(id).unwrap(), 20);
    let c = m1.customer(id).unwrap().unwrap();
    assert_eq!(c.last_contact_on, days.last().copied());
    assert_eq!(c.next_due_on, d("2026-11-21"), "a month after the latest contact");
}

/// Each write is one change of the audit log (its `changes` row, made by the person), and a
/// lead's edit naming another owner hands the customer over with its contacts.
#[test]
fn each_write_is_one_change_and_an_owner_edit_hands_over() {
    let Some(pg) = start() else { return };
    let t = team(&pg);
    let mut m1 = open_pg(&pg, &t.m1);
    let mut as_m1 = pg.connect_as(&t.m1);
    let changes = |c: &mut postgres::Client| -> i64 {
        c.query_one("SELECT count(*) FROM changes WHERE made_by = session_user", &[]).unwrap().get(0)
    };
    let id = m1.add_customer(&fields("Moving", "B", "2026-01-05", Some("MV"), "")).unwrap();
    assert_eq!(changes(&mut as_m1), 1);
    let k = m1.add_contact(&contact(id, "call", "2026-11-20"), Some(("send it", d("2026-11-30")))).unwrap();
    m1.snooze(id, 0, d("2026-12-30"), "busy").unwrap();
    m1.update_contact(k, &contact(id, "visit", "2026-11-21")).unwrap();
    assert_eq!(changes(&mut as_m1), 4);
    assert!(m1.delete_contact(ContactId(k.0 + 100)).is_err());
    assert_eq!(changes(&mut as_m1), 4, "a refused write leaves no change behind");

    let mut lead = open_pg(&pg, &t.lead);
    let mut f = lead.customer(id).unwrap().unwrap().fields;
    f.owner = t.m2.clone();
    lead.update_customer(id, &f, "handed over").unwrap();
    let m2 = open_pg(&pg, &t.m2);
    assert_eq!(m2.customer(id).unwrap().unwrap().fields.owner, t.m2);
    assert_eq!(m2.contacts_of(id, 10).unwrap().len(), 1);
    assert_eq!(m2.follow_ups_of(id).unwrap().len(), 1);
    assert_eq!(m1.customer(id).unwrap(), None);
    assert_eq!(m1.count_contacts().unwrap(), 0);
}
