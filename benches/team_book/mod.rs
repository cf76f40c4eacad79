//! A big team book on the local PostgreSQL for `benches/team.rs`: 20 managers on one lead's
//! team, 100,000 customers (5,000 each), 1,000,000 contacts and 10,000 follow-ups. Built once
//! into the database `tierdesk_bench_team_v1` and reused by later runs while its marker says
//! it is complete; otherwise dropped (with its roles) and built again.
//!
//! Set up as a branch would: a database owner with CREATEROLE runs `team init` and adds the
//! people (`TeamBook`), then loads the rows in SQL as the table owner. While loading, the
//! audit triggers on the loaded tables are disabled (a generated book has no history to
//! keep: as `Store::set_audit(false)` for the SQLite big book) together with the triggers
//! that copy a customer's owner into its rows (the load writes that copy itself, and the
//! foreign key `(customer_id, customer_owner)` checks it); all of them are enabled again
//! in the same transaction, so a later write by a person is logged as usual.
//!
//! Roles are cluster-wide: every name here carries `bench_team_v1`, which no test run's
//! names (`t<pid>_<nanos>_<n>`) contain, so neither drops the other's roles.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // bench code: a panic is the failure report

mod schedule;

use chrono::Days;
use postgres::types::Type;
use postgres::{Client, NoTls};
use tierdesk::domain::names::sort_key;
use tierdesk::store::postgres::team::{Role, TeamBook};

pub use schedule::{reset_to_generated, today};

pub const STEM: &str = "bench_team_v1";
pub const DB: &str = "tierdesk_bench_team_v1";
pub const MANAGERS: usize = 20;
pub const CUSTOMERS: usize = 100_000;
pub const CONTACTS: usize = 1_000_000;
pub const FOLLOW_UPS: usize = 10_000;
/// Written last, after the load's transaction and the vacuum: the book is complete.
const MARKER: (&str, &str) = ("bench.team_book", "complete v1");

/// The admin URL of the server: `TIERDESK_BENCH_PG`, default the local one as `postgres`.
pub fn server_url() -> String {
    std::env::var("TIERDESK_BENCH_PG")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub fn owner() -> String {
    format!("{STEM}_owner")
}

pub fn lead() -> String {
    format!("{STEM}_lead")
}

/// The login of manager `n` (0-based).
pub fn manager(n: usize) -> String {
    format!("{STEM}_m{:02}", n + 1)
}

/// The book's URL as `login`.
pub fn url_as(login: &str) -> String {
    let admin: postgres::Config = server_url().parse().unwrap();
    let host = match admin.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".into(),
    };
    let port = admin.get_ports().first().copied().unwrap_or(5432);
    format!("postgres://{login}@{host}:{port}/{DB}")
}

/// The admin's connection, or None (said) where no server answers.
pub fn admin() -> Option<Client> {
    match Client::connect(&server_url(), NoTls) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("*** team bench skipped: no PostgreSQL at {} ({e}) ***", server_url());
            None
        }
    }
}

/// Make sure the book is there and complete, building it if not. False: no server.
pub fn ensure() -> bool {
    let Some(mut admin) = admin() else { return false };
    let exists = admin.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&DB]).unwrap().is_some();
    if exists && complete() {
        // A book built by an older tierdesk is brought up to this one's schema, as a
        // branch's owner would with `team init`, and vacuumed after.
        let mut book = TeamBook::connect(&url_as(&owner())).unwrap();
        let done = book.init().unwrap();
        drop(book);
        if done.from < done.to {
            let mut owner = Client::connect(&url_as(&owner()), NoTls).unwrap();
            schedule::vacuum(&mut owner);
            eprintln!("upgraded the team book {DB} from schema {} to {}", done.from, done.to);
        }
        return true;
    }
    let started = std::time::Instant::now();
    drop_all(&mut admin);
    admin.batch_execute(&format!("CREATE ROLE \"{}\" LOGIN CREATEROLE", owner())).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE \"{DB}\" OWNER \"{}\"", owner())).unwrap();
    let mut book = TeamBook::connect(&url_as(&owner())).unwrap();
    book.init().unwrap();
    book.add_person(&lead(), "Lead", Role::Lead, None).unwrap();
    for m in 0..MANAGERS {
        book.add_person(&manager(m), &format!("经理{:02}", m + 1), Role::Manager, Some(&lead())).unwrap();
    }
    drop(book);
    let mut owner = Client::connect(&url_as(&owner()), NoTls).unwrap();
    load(&mut owner);
    schedule::vacuum(&mut owner);
    // Last: the book is complete (a build stopped before this is built again next time).
    owner.execute("INSERT INTO book_meta (key, value) VALUES ($1, $2)", &[&MARKER.0, &MARKER.1]).unwrap();
    eprintln!("built the team book {DB} in {:.1} s", started.elapsed().as_secs_f64());
    true
}

fn complete() -> bool {
    let Ok(mut c) = Client::connect(&url_as(&owner()), NoTls) else { return false };
    c.query_opt("SELECT 1 FROM book_meta WHERE key = $1 AND value = $2", &[&MARKER.0, &MARKER.1])
        .is_ok_and(|r| r.is_some())
}

/// The database and every role of this bench, gone.
fn drop_all(admin: &mut Client) {
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{DB}\" WITH (FORCE)")).unwrap();
    let roles = admin.query("SELECT rolname::text FROM pg_roles WHERE strpos(rolname, $1) > 0", &[&STEM]).unwrap();
    // Members before their groups does not matter to DROP ROLE; the owner owns nothing now.
    for r in roles {
        let name: String = r.get(0);
        admin.batch_execute(&format!("DROP ROLE IF EXISTS \"{name}\"")).unwrap();
    }
}

/// The triggers disabled while loading: (table, trigger).
const QUIET: [(&str, &str); 7] = [
    ("customers", "audit_insert"),
    ("customers", "audit_update"),
    ("tier_changes", "audit_insert"),
    ("contacts", "audit_insert"),
    ("contacts", "contacts_owner"),
    ("follow_ups", "audit_insert"),
    ("follow_ups", "follow_ups_owner"),
];

fn load(owner: &mut Client) {
    let mut tx = owner.transaction().unwrap();
    for (t, trg) in QUIET {
        tx.batch_execute(&format!("ALTER TABLE {t} DISABLE TRIGGER {trg}")).unwrap();
    }
    insert_customers(&mut tx);
    let today = today();
    // Each customer's first tier, as the engine writes it on adding one.
    tx.execute(
        "INSERT INTO tier_changes (uuid, customer_id, customer_owner, to_tier, changed_at, changed_by, reason, updated_at)
         SELECT gen_random_uuid()::text, id, owner, tier, created_on::timestamp, owner, '', created_on::timestamp
         FROM customers",
        &[],
    )
    .unwrap();
    // Contacts spaced by tier, the latest `phase` days ago (1 to P): a customer is due when
    // the phase reaches its cadence, about one in ten (A 1/7, B 2/15, C 3/33, D 16/380), a
    // few hundred items per manager. Counts by tier (A 30, B 20, C 10, D 2 or 3) make
    // 80 per 8 customers: 1,000,000 in all.
    let n = tx
        .execute(
            "INSERT INTO contacts (uuid, customer_id, customer_owner, kind, happened_on, summary, created_at, created_by,
                updated_at)
             SELECT gen_random_uuid()::text, c.id, c.owner,
                    (ARRAY['visit', 'call', 'message', 'email'])[1 + abs(hashint8(c.id * 64 + k)) % 4],
                    $1::date - (p.phase + k * p.spacing)::int, 'quarterly review',
                    ($1::date - (p.phase + k * p.spacing)::int)::timestamp + interval '10 hours', c.owner,
                    ($1::date - (p.phase + k * p.spacing)::int)::timestamp + interval '10 hours'
             FROM customers c
             CROSS JOIN LATERAL (SELECT CASE c.tier WHEN 'A' THEN 30 WHEN 'B' THEN 20 WHEN 'C' THEN 10
                                                    ELSE 2 + (c.id % 2)::int END AS n,
                                        CASE c.tier WHEN 'A' THEN 6 WHEN 'B' THEN 12 WHEN 'C' THEN 27 ELSE 300 END
                                            AS spacing,
                                        1 + abs(hashint8(c.id)) % CASE c.tier WHEN 'A' THEN 7 WHEN 'B' THEN 15
                                            WHEN 'C' THEN 33 ELSE 380 END AS phase) p
             CROSS JOIN LATERAL generate_series(0, p.n - 1) k",
            &[&today],
        )
        .unwrap();
    assert_eq!(n as usize, CONTACTS);
    // Open follow-ups due from a month ago to five months ahead: a sixth of them due.
    tx.execute(
        "INSERT INTO follow_ups (uuid, customer_id, customer_owner, what, due_on, owner, created_at, updated_at)
         SELECT gen_random_uuid()::text, c.id, c.owner, 'send the renewal offer',
                $1::date - 30 + (abs(hashint8(c.id + 7)) % 180)::int, c.owner,
                ($1::date - 40)::timestamp, ($1::date - 40)::timestamp
         FROM customers c WHERE c.id % ($2::bigint) = 3",
        &[&today, &((CUSTOMERS / FOLLOW_UPS) as i64)],
    )
    .unwrap();
    schedule::refresh(&mut tx, None);
    for (t, trg) in QUIET {
        tx.batch_execute(&format!("ALTER TABLE {t} ENABLE TRIGGER {trg}")).unwrap();
    }
    tx.commit().unwrap();
}

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗",
];
const GIVEN: [&str; 16] =
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"];
const FIRMS: [&str; 8] = ["华信科技", "远航物流", "恒泰投资", "Northwind", "Bluehill", "金桥贸易", "Atlas", "嘉禾食品"];
const TIERS: [&str; 8] = ["A", "B", "C", "C", "D", "D", "D", "D"];

/// Customers 1..=100,000 with names as the SQLite big book's (their sort keys made by the
/// domain, as the engine makes them): tiers repeat every 8 ids, and a manager has blocks of
/// 8, so that each has 625 A, 625 B, 1,250 C and 2,500 D.
fn insert_customers(tx: &mut postgres::Transaction) {
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let today = today();
    let chunk = 10_000;
    for start in (0..CUSTOMERS).step_by(chunk) {
        let (mut ids, mut refs, mut names, mut keys, mut firms) = (vec![], vec![], vec![], vec![], vec![]);
        let (mut owners, mut tiers, mut created, mut uuids) = (vec![], vec![], vec![], vec![]);
        for i in start..start + chunk {
            let r = next();
            let name = if i % 3 == 0 {
                format!("Customer {i}")
            } else {
                let (s, g1, g2) = (r % 20, (r >> 8) % 16, (r >> 16) % 16);
                format!("{}{}{}", SURNAMES[s as usize], GIVEN[g1 as usize], GIVEN[g2 as usize])
            };
            ids.push(i as i64 + 1);
            refs.push(format!("R{i:06}"));
            keys.push(sort_key(&name));
            names.push(name);
            firms.push(FIRMS[((r >> 24) % 8) as usize]);
            owners.push(manager((i / 8) % MANAGERS));
            tiers.push(TIERS[i % 8]);
            created.push(today.checked_sub_days(Days::new(700 + (r >> 40) % 1000)).unwrap());
            uuids.push(format!("bench-{i:06}"));
        }
        tx.execute_typed(
            "INSERT INTO customers (id, uuid, ext_ref, name, name_key, company, owner, tier, created_on, next_due_on,
                updated_at)
             SELECT u.id, u.uuid, u.ref, u.name, u.key, u.firm, u.owner, u.tier, u.created, u.created,
                    u.created::timestamp
             FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::date[]) AS u (id, uuid, ref, name, key, firm, owner, tier, created)",
            &[
                (&ids, Type::INT8_ARRAY),
                (&uuids, Type::TEXT_ARRAY),
                (&refs, Type::TEXT_ARRAY),
                (&names, Type::TEXT_ARRAY),
                (&keys, Type::TEXT_ARRAY),
                (&firms, Type::TEXT_ARRAY),
                (&owners, Type::TEXT_ARRAY),
                (&tiers, Type::TEXT_ARRAY),
                (&created, Type::DATE_ARRAY),
            ],
        )
        .unwrap();
    }
    tx.batch_execute(&format!("SELECT setval(pg_get_serial_sequence('customers', 'id'), {CUSTOMERS})")).unwrap();
}
