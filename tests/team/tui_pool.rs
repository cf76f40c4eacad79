//! The pool's rules on the TUI's Today (issue 17), on a team book connected as its people:
//! the owner sees the days of ownership left for customers within a week of the pool (in
//! the warning colour under 3), the lead an "escalated" group with each customer's owner and
//! how late it is; at 80x24 and 120x40, in English and Chinese.
#![allow(clippy::unwrap_used)]

use tierdesk::clock::Clock;
use tierdesk::i18n::Lang;
use tierdesk::store::postgres::PgStore;
use tierdesk::ui::theme::Theme;

use crate::common::Harness;
use crate::pg::{PgRun, start};
use crate::pool::pool_book;

/// A customer of `owner` last called on `last`, so next due a cadence later.
pub fn called(pg: &PgRun, owner: &str, name: &str, tier: &str, last: &str, due: &str) {
    let mut c = pg.connect_as(&pg.owner);
    let id: i64 = c
        .query_one(
            "INSERT INTO customers (uuid, name, name_key, owner, created_on, tier, last_contact_on, next_due_on, updated_at)
             VALUES (gen_random_uuid()::text, $1, lower($1), $2, '2025-01-05', $3, $4::text::date, $5::text::date, localtimestamp(0))
             RETURNING id",
            &[&name, &owner, &tier, &last, &due],
        )
        .unwrap()
        .get(0);
    c.execute(
        "INSERT INTO contacts (uuid, customer_id, kind, happened_on, created_at, created_by, updated_at)
         VALUES (gen_random_uuid()::text, $1, 'call', $2::text::date, localtimestamp(0), 'x', localtimestamp(0))",
        &[&id, &last],
    )
    .unwrap();
}

#[test]
fn the_owner_sees_days_left_and_the_lead_the_escalated_group() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    // Today is 2026-11-23. A: escalated after 3 days overdue, released after 14.
    called(&pg, &t.b, "Wang Trading", "A", "2026-11-03", "2026-11-10"); // 13 late, 2 days left
    called(&pg, &t.b, "Li Foods", "A", "2026-11-06", "2026-11-13"); // 10 late, 5 days left
    called(&pg, &t.b, "Zhao Steel", "A", "2026-11-18", "2026-11-25"); // not due
    called(&pg, &t.c, "Chen Paper", "B", "2026-10-20", "2026-11-03"); // 20 late, escalated
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    let warn = Theme::dark().warn;
    for (lang, head, escalated) in [(Lang::En, "Days left", "Escalated (3)"), (Lang::Zh, "剩余天数", "已升级（3）")]
    {
        for (w, h) in [(80, 24), (120, 40)] {
            let hs = Harness::on_book(open(&t.b), lang, w, h);
            let s = hs.screen();
            assert!(s.contains(head), "{w}x{h}:\n{s}");
            assert!(!s.contains(escalated), "a manager has no escalated group:\n{s}");
            let (y, _) = hs.find("Wang").unwrap_or_else(|| panic!("{s}"));
            let line = s.lines().nth(y as usize).unwrap();
            assert!(line.trim_end_matches('│').trim_end().ends_with(" 2"), "{line}");
            // The count sits at the row's end, inside the border: in the warning colour.
            let x = (0..w).rev().find(|x| hs.frame[(*x, y)].symbol() == "2").unwrap();
            assert_eq!(hs.style_at(x, y).fg, warn.fg, "{w}x{h} {lang:?}");
            let (y, _) = hs.find("Li Foo").unwrap();
            let x = (0..w).rev().find(|x| hs.frame[(*x, y)].symbol() == "5").unwrap();
            assert_ne!(hs.style_at(x, y).fg, warn.fg, "5 days left: not a warning");

            // The customer list says it too, in the next-due column.
            let mut list = Harness::on_book(open(&t.b), lang, w, h);
            list.press("2");
            let s = list.screen();
            let (left2, left5) = if lang == Lang::En { ("2d left", "5d left") } else { ("剩 2 天", "剩 5 天") };
            if w >= 120 {
                assert!(s.contains(left2) && s.contains(left5), "{w}x{h}:\n{s}");
                let (y, x) = list.find(left2).unwrap();
                assert_eq!(list.style_at(x, y).fg, warn.fg);
            }

            let hs = Harness::on_book(open(&t.lead1), lang, w, h);
            let s = hs.screen();
            assert!(s.contains(escalated), "{w}x{h}:\n{s}");
            let (y0, _) = hs.find(escalated).unwrap();
            let below: Vec<&str> = s.lines().skip(y0 as usize + 2).take(3).collect();
            assert!(below[0].contains("Chen Paper") && below[0].contains("Chen") && below[0].contains("20"), "{s}");
            assert!(below[1].contains("Wang Trading") && below[1].contains("Bai") && below[1].contains("13"), "{s}");
            assert!(below[2].contains("Li Foods") && below[2].contains("10"), "{s}");
        }
    }
}

#[test]
fn the_pool_view_lists_the_released_and_a_key_claims_one() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    called(&pg, &t.b, "Sun Logistics", "A", "2026-10-25", "2026-11-01"); // 22 late: released
    called(&pg, &t.b, "Ma Textiles", "A", "2026-11-18", "2026-11-25");
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    let swept = tierdesk::store::prelude::Pool::sweep(open(&t.c).as_mut(), crate::common::today()).unwrap();
    assert_eq!(swept.released, 1);
    for (lang, title, from) in
        [(Lang::En, "The team's pool: 1 customers", "Was"), (Lang::Zh, "团队公海：1 位客户", "原负责人")]
    {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut hs = Harness::on_book(open(&t.c), lang, w, h);
            hs.press("7");
            let s = hs.screen();
            assert!(s.contains(title) && s.contains(from) && s.contains("Sun Logis"), "{w}x{h}:\n{s}");
            assert!(!s.contains("Ma Textiles"), "{s}");
            hs.press("esc");
            assert!(!hs.screen().contains(title));
        }
    }
    let mut hs = Harness::on_book(open(&t.c), Lang::En, 120, 40);
    hs.press("7 C");
    assert!(hs.screen().contains("Claim Sun Logistics? It becomes yours, due today."), "{}", hs.screen());
    hs.press("y");
    let s = hs.screen();
    assert!(s.contains("Claimed Sun Logistics: yours now, due today (1 claimed today, at most 5 a day)"), "{s}");
    // On c's Today now, due at once.
    assert!(s.contains("Sun Logistics"), "{s}");
    // Gone from the pool for b, who may no longer claim it.
    let mut hs = Harness::on_book(open(&t.b), Lang::En, 120, 40);
    hs.press("7");
    assert!(hs.screen().contains("The pool is empty."), "{}", hs.screen());
}

/// The first frame holds the start of a long list (more A customers late than it reads):
/// none of them is near release, but a B customer further down is. The days-left column is
/// the whole list's from the first frame on, so the rest read after it moves nothing.
#[test]
fn the_first_frame_has_the_days_left_column_of_the_whole_list() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    // Today is 2026-11-23. A: released after 14 days late, so 2 days late shows nothing.
    {
        let mut c = pg.connect_as(&pg.owner);
        c.execute(
            "INSERT INTO customers (uuid, name, name_key, owner, created_on, tier, last_contact_on, next_due_on, updated_at)
             SELECT gen_random_uuid()::text, 'Key ' || n, 'key ' || n, $1, '2025-01-05', 'A', '2026-11-14',
                    '2026-11-21', localtimestamp(0)
             FROM generate_series(1, 260) AS n",
            &[&t.b],
        )
        .unwrap();
    }
    // B: released after 30 days late; 26 late leaves 4 days.
    called(&pg, &t.b, "Far Behind", "B", "2026-10-14", "2026-10-28");
    let clock = Clock::Fixed(crate::common::today());
    let mut hs = Harness::on_book(Box::new(PgStore::open(&pg.url_as(&t.b), clock).unwrap()), Lang::En, 120, 40);
    let head = matches!(hs.app.screen(), tierdesk::ui::screens::Screen::Today(t) if t.is_head());
    assert!(head, "the first frame holds the list's start");
    let first = hs.screen();
    assert!(!first.contains("Far Behind"), "B is past the start:\n{first}");
    assert!(first.contains("Days left"), "{first}");
    assert!(first.contains("counting…"), "the coverage comes with the rest:\n{first}");
    hs.app.read_rest();
    hs.draw();
    let rest = hs.screen();
    assert!(rest.contains("A  0/260  B  0/1"), "{rest}");
    // The whole list draws the same rows: only the coverage line changes.
    let differ: Vec<(&str, &str)> = first.lines().zip(rest.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(differ.len(), 1, "{differ:?}");
}
