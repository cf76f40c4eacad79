//! Notes search on the team book: row-level security holds (a manager finds only their own
//! customers' notes, a lead their team's), and the database's owner, no superuser, made
//! pg_trgm for its indexes (a trusted extension).
#![allow(clippy::unwrap_used)]

use tierdesk::clock::Clock;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;

use crate::access::{count, team_book};
use crate::common::today;
use crate::pg::start;

#[test]
fn a_person_finds_only_the_notes_of_customers_they_may_see() {
    let Some(pg) = start() else { return };
    let t = team_book(&pg);
    let mut owner = pg.connect_as(&pg.owner);
    owner.batch_execute("UPDATE contacts SET summary = '客户问了债券基金的收益'").unwrap();
    assert_eq!(count(&mut owner, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"), 1);
    let superuser: bool =
        owner.query_one("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", &[]).unwrap().get(0);
    assert!(!superuser, "the book's owner made the extension without being a superuser");

    for (login, expected) in [(&t.b, 6), (&t.c, 4), (&t.d, 2), (&t.lead1, 10), (&t.admin, 12)] {
        let book = PgStore::open(&pg.url_as(login), Clock::Fixed(today())).unwrap();
        for pattern in ["债券基金", "基金"] {
            let hits = book.search_notes(pattern, 100, &Owners::All).unwrap();
            assert_eq!(hits.len(), expected, "{login} looking for {pattern}");
        }
    }
    let b = PgStore::open(&pg.url_as(&t.b), Clock::Fixed(today())).unwrap();
    let theirs = b.search_notes("债券基金", 100, &Owners::one(&t.c)).unwrap();
    assert!(theirs.is_empty(), "asking for a colleague's customers shows none they may not see");
}
