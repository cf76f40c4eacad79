//! Issue 17's follow-ups on the TUI and the store, on a team book connected as its people:
//! the days of ownership left as a sort key of the customer list (both engines accept it;
//! customers without a release date come last either way), and a lead's pin key (`K`) on the
//! customer page and the list, with a reason prompt; a manager is told it is a lead's, a
//! book file that it has no pool, neither as an error; in English and Chinese.
#![allow(clippy::unwrap_used)]

use tierdesk::clock::Clock;
use tierdesk::i18n::Lang;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;
use tierdesk::store::{ListQuery, Pool, SortDir, SortKey};

use crate::common::Harness;
use crate::pg::{PgRun, start};
use crate::pool::pool_book;
use crate::tui_pool::called;

fn pin_of(pg: &PgRun, name: &str) -> Option<String> {
    pg.connect_as(&pg.owner).query_one("SELECT pin_reason FROM customers WHERE name = $1", &[&name]).unwrap().get(0)
}

/// Today is 2026-11-23. A: released after 14 days overdue, B after 30.
fn sort_book(pg: &PgRun, owner: &str) {
    called(pg, owner, "Chen Paper", "B", "2026-10-20", "2026-11-03"); // release 12-04: 11 left
    called(pg, owner, "Pinned Co", "A", "2026-10-29", "2026-11-05"); // pinned: no release
    called(pg, owner, "Wang Trading", "A", "2026-11-03", "2026-11-10"); // release 11-25: 2 left
    called(pg, owner, "Li Foods", "A", "2026-11-06", "2026-11-13"); // release 11-28: 5 left
    called(pg, owner, "Zhao Steel", "A", "2026-11-18", "2026-11-25"); // release 12-10: 17 left
    pg.connect_as(&pg.owner).execute("UPDATE customers SET pin_reason = 'key' WHERE name = 'Pinned Co'", &[]).unwrap();
}

const BY_DAYS_LEFT: [&str; 5] = ["Wang Trading", "Li Foods", "Chen Paper", "Zhao Steel", "Pinned Co"];
const BY_DAYS_LEFT_DESC: [&str; 5] = ["Zhao Steel", "Chen Paper", "Li Foods", "Wang Trading", "Pinned Co"];

fn names(book: &dyn Book, dir: SortDir) -> Vec<String> {
    let q = ListQuery { sort: SortKey::DaysLeft, dir, limit: 50, ..Default::default() };
    let rows = book.customer_rows(&q).unwrap();
    // Every row's position is where the page has it.
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(book.position_of(&q, r.id).unwrap(), Some(i), "{dir:?} {}", r.name);
    }
    rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn days_left_sorts_the_customer_list_on_both_engines_without_a_release_date_last() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    sort_book(&pg, &t.b);
    let clock = Clock::Fixed(crate::common::today());
    let b = PgStore::open(&pg.url_as(&t.b), clock).unwrap();
    assert_eq!(names(&b, SortDir::Asc), BY_DAYS_LEFT);
    assert_eq!(names(&b, SortDir::Desc), BY_DAYS_LEFT_DESC);
    // A page further on starts where the first stopped.
    let q = ListQuery { sort: SortKey::DaysLeft, offset: 2, limit: 2, ..Default::default() };
    let page: Vec<String> = b.customer_rows(&q).unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(page, BY_DAYS_LEFT[2..4]);
    // A book file has no pool: nobody has a release date; the key works, in next-due order.
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = crate::common::fixture(dir.path());
    let by_due = |dir: SortDir| {
        let q = ListQuery { sort: SortKey::NextDue, dir, limit: 50, ..Default::default() };
        store.customer_rows(&q).unwrap().into_iter().map(|r| r.name).collect::<Vec<_>>()
    };
    assert_eq!(names(&store, SortDir::Asc), by_due(SortDir::Asc));
    assert_eq!(names(&store, SortDir::Desc), by_due(SortDir::Desc));

    // On the screen: E sorts by days left, again reverses; the undated stay last.
    for (lang, label) in [(Lang::En, "sorted by days left"), (Lang::Zh, "排序 剩余天数")] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut hs = Harness::on_book(Box::new(PgStore::open(&pg.url_as(&t.b), clock).unwrap()), lang, w, h);
            hs.press("2 E");
            let order = |hs: &Harness| {
                let mut at: Vec<(u16, &str)> =
                    BY_DAYS_LEFT.iter().map(|n| (hs.find(&n[..6]).unwrap_or_else(|| panic!("{n}")).0, *n)).collect();
                at.sort();
                at.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
            };
            let s = hs.screen();
            assert!(s.contains(&format!("{label} ^")), "{w}x{h}:\n{s}");
            assert_eq!(order(&hs), BY_DAYS_LEFT, "{w}x{h}:\n{s}");
            hs.press("E");
            let s = hs.screen();
            assert!(s.contains(&format!("{label} v")), "{w}x{h}:\n{s}");
            assert_eq!(order(&hs), BY_DAYS_LEFT_DESC, "{w}x{h}:\n{s}");
        }
    }
}

#[test]
fn a_lead_pins_and_unpins_with_k_and_a_manager_is_told_it_is_a_leads() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    called(&pg, &t.b, "Wang Trading", "A", "2026-11-03", "2026-11-10");
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    let texts = [
        (
            Lang::En,
            "Pin Wang Trading (never back to the pool)",
            "Wang Trading pinned: it never goes back to the pool (reason: key account).",
            "Unpin Wang Trading?",
            "Wang Trading unpinned.",
            "Only a lead or an admin pins a customer",
            "Error",
        ),
        (
            Lang::Zh,
            "锁定“Wang Trading”（不会退回公海）",
            "已锁定“Wang Trading”：不会退回公海（原因：key account）。",
            "解除锁定“Wang",
            "已解除锁定“Wang Trading”。",
            "只有主管或管理员可以锁定客户",
            "出错了",
        ),
    ];
    for (lang, title, pinned, ask, unpinned, lead_only, error) in texts {
        // The lead, from the list: the reason is required.
        let mut hs = Harness::on_book(open(&t.lead1), lang, 120, 40);
        hs.press("2 K");
        assert!(hs.screen().contains(title), "{}", hs.screen());
        // One field: the bar offers no key to move between fields.
        assert!(!hs.screen().contains("Tab next field") && !hs.screen().contains("Tab 下一项"), "{}", hs.screen());
        hs.press("enter");
        assert!(hs.screen().contains(title), "an empty reason is refused:\n{}", hs.screen());
        assert_eq!(pin_of(&pg, "Wang Trading"), None);
        hs.type_text("key account");
        hs.press("enter");
        let s = hs.screen();
        assert!(s.contains(pinned) && !s.contains(title), "{s}");
        assert_eq!(pin_of(&pg, "Wang Trading").as_deref(), Some("key account"));
        // From the customer page: pinned, so K asks to unpin.
        hs.press("enter K");
        assert!(hs.screen().contains(ask), "{}", hs.screen());
        hs.press("y");
        assert!(hs.screen().contains(unpinned), "{}", hs.screen());
        assert_eq!(pin_of(&pg, "Wang Trading"), None);

        // A manager, on the list and the page: told, not an error, and nothing is asked.
        let mut hs = Harness::on_book(open(&t.b), lang, 120, 40);
        for keys in ["2 K", "enter K"] {
            hs.press(keys);
            let s = hs.screen();
            assert!(s.contains(lead_only) && !s.contains(error) && !s.contains(title), "{keys}:\n{s}");
        }
        // The help lists the key on the customer page.
        hs.press("?");
        let (label, k) =
            if lang == Lang::En { ("pin / unpin (a lead)", "K") } else { ("锁定/解除锁定（主管）", "K") };
        let s = hs.screen();
        assert!(s.lines().any(|l| l.contains(label) && l.contains(k)), "{s}");
    }
    // A book file has no pool: K says so, as 7 does, not as an error.
    for (lang, said, error) in
        [(Lang::En, "The pool is a team book's", "Error"), (Lang::Zh, "公海属于团队账本", "出错了")]
    {
        let dir = tempfile::tempdir().unwrap();
        let (_, store, _) = crate::common::fixture(dir.path());
        let mut hs = Harness::new(store, lang, 120, 40);
        for keys in ["2 K", "enter K"] {
            hs.press(keys);
            let s = hs.screen();
            assert!(s.contains(said) && !s.contains(error), "{keys}:\n{s}");
        }
    }
}

#[test]
fn a_claim_in_the_tui_says_the_books_limit_applies_when_the_config_names_another() {
    let Some(pg) = start() else { return };
    let t = pool_book(&pg);
    for name in ["Sun Logistics", "Ma Textiles", "He Foods"] {
        called(&pg, &t.b, name, "A", "2026-10-25", "2026-11-01"); // 22 late: released
    }
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    assert_eq!(Pool::sweep(open(&t.c).as_mut(), crate::common::today()).unwrap().released, 3);
    // c's config says 9, the book 5: the book's applies, and c is told.
    let cases = [
        (Lang::En, Some(9), "(1 claimed today, at most 5 a day). The book's limit, not your config's 9."),
        (Lang::Zh, Some(9), "按账本的上限，不是你配置的 9。"),
        (Lang::En, Some(5), "(3 claimed today, at most 5 a day)."),
    ];
    for (lang, configured, said) in cases {
        let mut hs = Harness::on_book(open(&t.c), lang, 120, 40);
        hs.app.env.claims_per_day = configured;
        hs.press("7 C y");
        let s = hs.screen();
        assert!(s.contains(said), "{s}");
        if configured == Some(5) {
            assert!(!s.contains("config"), "{s}");
        }
    }
}
