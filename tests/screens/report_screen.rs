//! The coverage report screen through the whole app: key 5 opens it from Today and 1 goes
//! back; snapshots at 80x24 and 120x40 in both languages; colours where they carry meaning;
//! what an empty book shows.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, open};
use tierdesk::i18n::Lang;
use tierdesk::ui::screens::Screen;

/// The shared fixture on 2026-11-23: A 招商银行 late (last 11-10), 王芳 in cadence; B Acme in
/// cadence, 欧阳娜娜 never contacted; C 李强 in cadence, Zhang Wei never; D 赵敏 in cadence.
fn harness(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, lang, w, h);
    hs.press("5");
    (dir, hs)
}

#[test]
fn report_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::En, 120, 40), (Lang::Zh, 120, 40)] {
        let (_dir, hs) = harness(lang, w, h);
        insta::assert_snapshot!(format!("report_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn five_opens_the_report_from_today_and_one_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 80, 24);
    assert!(matches!(hs.app.screen(), Screen::Today(_)));
    hs.press("5");
    let Screen::Report(r) = hs.app.screen() else { panic!("not on the report:\n{}", hs.screen()) };
    let r = r.report().expect("loaded by the app");
    assert_eq!(r.total_customers, 7);
    assert_eq!(r.total_contacts_in_period, 4);
    assert!(hs.screen().contains("Coverage report as of 2026-11-23"), "{}", hs.screen());
    // Esc and r change nothing here, as on the matrix.
    hs.press("esc r");
    assert!(matches!(hs.app.screen(), Screen::Report(_)));
    hs.press("1");
    assert!(matches!(hs.app.screen(), Screen::Today(_)));
    hs.press("4 5");
    assert!(matches!(hs.app.screen(), Screen::Report(_)));
}

/// The cell at the right end of `column`'s heading, in the row that starts with `row`.
fn cell_under(hs: &Harness, column: &str, row: &str) -> (u16, u16) {
    let (_, hx) = hs.find(column).unwrap_or_else(|| panic!("no {column}:\n{}", hs.screen()));
    let (y, _) = hs.find(row).unwrap_or_else(|| panic!("no {row}:\n{}", hs.screen()));
    (hx + column.len() as u16 - 1, y)
}

#[test]
fn overdue_counts_above_zero_are_in_the_danger_style() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    let theme = &hs.app.env.theme;
    // A: 招商银行 is six days late.
    let (x, y) = cell_under(&hs, "Overdue", " A  Key");
    assert_eq!(hs.frame[(x, y)].symbol(), "1");
    assert_eq!(hs.style_at(x, y).fg, theme.danger.fg);
    // D: 赵敏 is within the year: 0, muted.
    let (x, y) = cell_under(&hs, "Overdue", " D  Occasional");
    assert_eq!(hs.frame[(x, y)].symbol(), "0");
    assert_eq!(hs.style_at(x, y).fg, theme.muted.fg);
    // D's share is 100 %: the ok colour; A's 50 %: warn.
    let (y, x) = hs.find("100%").unwrap();
    assert_eq!(hs.find(" D  Occasional").map(|(row, _)| row), Some(y));
    assert_eq!(hs.style_at(x, y).fg, theme.ok.fg);
    let (_, share_x) = hs.find("Share").unwrap();
    let (y, _) = hs.find(" A  Key").unwrap();
    assert_eq!(hs.frame[(share_x + 3, y)].symbol(), "%", "{}", hs.screen());
    assert_eq!(hs.style_at(share_x + 3, y).fg, theme.warn.fg, "the % sign of 50%");
}

#[test]
fn the_bars_are_in_the_tier_colours() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    let theme = &hs.app.env.theme;
    let scheme = &hs.app.env.scheme;
    let (title_y, _) = hs.find("Customers per tier (7)").unwrap();
    // Under each bar, its code in the label style; the cell above it is the bar.
    for tier in &scheme.tiers {
        let label = (title_y + 1..hs.frame.area.height)
            .flat_map(|y| (1..48).map(move |x| (x, y)))
            .find(|(x, y)| hs.frame[(*x, *y)].symbol() == tier.code && hs.style_at(*x, *y).fg == theme.header.fg);
        let (x, y) = label.unwrap_or_else(|| panic!("no label {}:\n{}", tier.code, hs.screen()));
        // Right above: the count on the bar (on the tier's colour); above that, the bar.
        assert_eq!(hs.style_at(x, y - 1).bg, Some(theme.tier_color(tier.color)), "tier {}", tier.code);
        assert_eq!(hs.style_at(x, y - 2).fg, Some(theme.tier_color(tier.color)), "tier {}", tier.code);
    }
}

#[test]
fn an_empty_book_says_what_will_appear() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("empty.sqlite"));
    for lang in [Lang::En, Lang::Zh] {
        let mut hs = Harness::new(open(&dir.path().join("empty.sqlite")), lang, 80, 24);
        hs.press("5");
        let s = hs.screen();
        match lang {
            Lang::En => {
                assert!(s.contains("No customers yet"), "{s}");
                assert!(s.contains("No contacts in the last 12"), "{s}");
            }
            Lang::Zh => assert!(s.contains("账本里还没有客户"), "{s}"),
        }
        assert!(s.contains('–'), "no share on an empty book:\n{s}");
        insta::assert_snapshot!(format!("report_empty_{}_80x24", lang.code()), s);
    }
    drop(store);
}
