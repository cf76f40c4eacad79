//! A salesperson's day (issue 13): Today's filters by reason, tier and region, the week
//! ahead and moving an item from it, and the friction met on Today's rows. Today is Monday
//! 2026-11-23; the default scheme (A weekly, B every 2 weeks, C monthly, D yearly).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fields, open};
use tierdesk::data;
use tierdesk::domain::due::DueReason;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

/// | customer | tier | region | what is due                                  |
/// |----------|------|--------|----------------------------------------------|
/// | 招商银行 | A    | 华南   | contact 6 days late; follow-up 发送报价单 11-20 |
/// | 王芳     | A    | 华东   | contact today; follow-up 安排样品寄送 11-25     |
/// | 欧阳娜娜 | B    | 华南   | contact, never contacted (587 days late)     |
/// | Zhang Wei| C    | East   | contact, never contacted                     |
/// | Delta    | C    | east   | contact due 11-26 (in the week, not today)   |
/// | Echo     | D    |        | assessment expiring 11-25 (in the week)      |
fn book(dir: &std::path::Path) -> tierdesk::store::Store {
    let mut s = open(&dir.join("book.sqlite"));
    let rows = [
        ("招商银行", "A", "华南", "2025-01-06"),
        ("王芳", "A", "华东", "2025-02-01"),
        ("欧阳娜娜", "B", "华南", "2025-04-01"),
        ("Zhang Wei", "C", "East", "2025-06-01"),
        ("Delta", "C", "east", "2025-06-01"),
        ("Echo", "D", "", "2024-01-01"),
    ];
    let mut ids = Vec::new();
    for (name, tier, region, created) in rows {
        let mut f = fields(name, "", tier, created);
        f.region = region.into();
        let id = s.add_customer(&f).unwrap();
        if tier == "A" {
            s.approve_tier(id, "Director Zhou").unwrap();
        }
        ids.push(id);
    }
    let contact = |i: usize, on: &str| NewContact {
        customer: ids[i],
        kind: "visit".into(),
        on: d(on),
        person: String::new(),
        summary: String::new(),
        outcome: String::new(),
    };
    let contacts =
        [contact(0, "2026-11-10"), contact(1, "2026-11-16"), contact(4, "2026-10-26"), contact(5, "2026-06-01")];
    s.add_contacts_bulk(
        &contacts,
        &[(ids[0], "发送报价单".into(), d("2026-11-20")), (ids[1], "安排样品寄送".into(), d("2026-11-25"))],
    )
    .unwrap();
    let q = data::questionnaire("risk_tolerance").unwrap();
    let answers = q.parse_letters("B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C").unwrap();
    s.record_assessment(ids[5], &q, &answers, d("2024-11-25")).unwrap();
    s
}

fn harness(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let store = book(dir.path());
    (dir, Harness::new(store, lang, w, h))
}

fn rows(hs: &Harness) -> Vec<(String, DueReason)> {
    match hs.app.screen() {
        Screen::Today(t) => t.items().iter().map(|i| (i.customer.name.clone(), i.reason)).collect(),
        Screen::Week(w) => w.items().iter().map(|i| (i.customer.name.clone(), i.reason)).collect(),
        _ => panic!("not on Today or the week:\n{}", hs.screen()),
    }
}

fn names(hs: &Harness) -> Vec<String> {
    rows(hs).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn r_steps_through_the_reasons_and_the_title_says_so() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    assert_eq!(rows(&hs).len(), 5, "{}", hs.screen());
    hs.press("R");
    assert!(rows(&hs).iter().all(|(_, r)| *r == DueReason::Cadence), "{}", hs.screen());
    assert!(hs.screen().contains("filter: contact"), "{}", hs.screen());
    hs.press("R");
    assert_eq!(rows(&hs), [("招商银行".to_string(), DueReason::FollowUp)]);
    assert!(hs.screen().contains("Today 2026-11-23: 1 items, 0 done, 1 left · filter: follow-up"), "{}", hs.screen());
    hs.press("R");
    // Nothing expires today: an empty list says what filter hides everything and how out.
    assert!(rows(&hs).is_empty());
    assert!(hs.screen().contains("Nothing matches \"assessment\". R, L and Z change the filter"), "{}", hs.screen());
    hs.press("R");
    assert_eq!(rows(&hs).len(), 5);
    assert!(!hs.screen().contains("filter:"), "{}", hs.screen());
}

#[test]
fn l_steps_through_the_tiers_and_combines_with_the_reason() {
    let (_dir, mut hs) = harness(Lang::Zh, 80, 24);
    hs.press("L");
    assert_eq!(names(&hs), ["招商银行", "王芳", "招商银行"]);
    assert!(hs.screen().contains("筛选：A 级"), "{}", hs.screen());
    hs.press("R");
    assert_eq!(names(&hs), ["招商银行", "王芳"]);
    assert!(hs.screen().contains("筛选：例行联系 · A 级"), "{}", hs.screen());
    hs.press("L");
    assert_eq!(names(&hs), ["欧阳娜娜"]);
    // Past the last tier: all tiers again, the reason stays.
    hs.press("L L L");
    assert_eq!(names(&hs), ["招商银行", "欧阳娜娜", "Zhang Wei", "王芳"]);
}

#[test]
fn z_steps_through_the_regions_ignoring_case_and_is_kept_for_the_session() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("Z");
    // Regions sorted: East (east is the same one), 华东, 华南.
    assert_eq!(names(&hs), ["Zhang Wei"]);
    assert!(hs.screen().contains("filter: region East"), "{}", hs.screen());
    hs.press("Z Z");
    assert_eq!(names(&hs), ["招商银行", "欧阳娜娜", "招商银行"]);
    // Away to the customer list and back: the filter is still there.
    hs.press("2 1");
    assert_eq!(names(&hs), ["招商银行", "欧阳娜娜", "招商银行"]);
    assert!(hs.screen().contains("filter: region 华南"), "{}", hs.screen());
    // Each key is in the help.
    hs.press("?");
    let s = hs.screen();
    for label in ["filter by reason", "filter by tier", "filter by region", "week ahead"] {
        assert!(s.contains(label), "{label}:\n{s}");
    }
}

#[test]
fn the_week_ahead_groups_days_with_counts_overdue_first() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("w");
    let s = hs.screen();
    assert!(s.contains("The week ahead, 2026-11-23 to 2026-11-29: 8 items"), "{s}");
    assert_eq!(
        names(&hs),
        ["招商银行", "欧阳娜娜", "Zhang Wei", "招商银行", "王芳", "王芳", "Echo", "Delta"],
        "overdue (contacts, then the late follow-up), today, then the days"
    );
    let line = |text: &str| hs.find(text).map(|(y, _)| y).unwrap_or_else(|| panic!("{text}:\n{s}"));
    assert!(line("Overdue · 4 items") < line("Mon 2026-11-23 · 1 item"));
    assert!(line("Mon 2026-11-23 · 1 item") < line("Tue 2026-11-24 · (nothing)"));
    assert!(line("Wed 2026-11-25 · 2 items") < line("Thu 2026-11-26 · 1 item"));
    assert!(line("Thu 2026-11-26 · 1 item") < line("Sun 2026-11-29 · (nothing)"));
    assert!(s.contains("follow-up: 安排样品寄送"), "{s}");
    assert!(s.contains("last assessed 2024-11-25"), "{s}");
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Today(_)));
}

#[test]
fn the_week_keeps_todays_filter_in_both_languages() {
    let (_dir, mut hs) = harness(Lang::Zh, 80, 24);
    hs.press("R R w");
    assert_eq!(names(&hs), ["招商银行", "王芳"]);
    let s = hs.screen();
    assert!(s.contains("未来一周 2026-11-23 至 2026-11-29：共 2 项 · 筛选：跟进"), "{s}");
    assert!(s.contains("已逾期 · 1 项") && s.contains("周三 2026-11-25 · 1 项"), "{s}");
}

#[test]
fn moving_items_from_the_week_snoozes_reschedules_or_says_why_not() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("w");
    // Down to Delta (contact due Thursday, last) and snooze it to the Saturday.
    hs.press("G s");
    assert!(hs.screen().contains("Snooze: Delta"), "{}", hs.screen());
    hs.press("ctrl-u");
    hs.type_text("2026-11-28");
    hs.press("tab");
    hs.type_text("on holiday");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(s.contains("Sat 2026-11-28 · 1 item"), "{s}");
    assert!(s.contains("Thu 2026-11-26 · (nothing)"), "{s}");
    // 王芳's follow-up (Wednesday) to Friday: `p` reschedules, with its reason.
    let at = names(&hs).iter().rposition(|n| n == "王芳").unwrap();
    hs.press("g");
    for _ in 0..at {
        hs.press("j");
    }
    hs.press("p");
    hs.press("ctrl-u");
    hs.type_text("2026-11-27");
    hs.press("tab");
    hs.type_text("client away");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(s.contains("Fri 2026-11-27 · 1 item"), "{s}");
    assert!(s.contains("Wed 2026-11-25 · 1 item"), "only Echo's assessment is left on Wednesday:\n{s}");
    // The assessment cannot be put off: a message says what to do instead.
    let at = names(&hs).iter().position(|n| n == "Echo").unwrap();
    hs.press("g");
    for _ in 0..at {
        hs.press("j");
    }
    hs.press("s");
    assert!(
        hs.screen().contains("An expired assessment cannot be moved: i takes the questionnaire"),
        "{}",
        hs.screen()
    );
    let store = hs.app.store();
    let delta = store.customer_schedule(tierdesk::domain::customer::CustomerId(5)).unwrap();
    assert_eq!(delta[0].due, d("2026-11-28"));
}

#[test]
fn ticked_rows_say_done_instead_of_their_lateness() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    // Row 1 (招商银行, 6 days late): log it.
    hs.press("space ctrl-s");
    let (y, _) = hs.find("[x]").unwrap();
    let s = hs.screen();
    let row: &str = s.lines().nth(y as usize).unwrap();
    assert!(row.trim_end().ends_with("done│"), "{row}");
    assert!(!row.contains("  6│"), "{row}");
}

#[test]
fn marking_a_follow_up_done_says_for_whom() {
    let (_dir, mut hs) = harness(Lang::Zh, 120, 40);
    hs.press("R R t");
    assert!(hs.screen().contains("已完成：发送报价单（招商银行）"), "{}", hs.screen());
    hs.press("t");
    assert!(hs.screen().contains("已重新打开：发送报价单（招商银行）"), "{}", hs.screen());
}

#[test]
fn tier_history_and_values_keys_work_on_a_today_row() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("T");
    assert!(matches!(hs.app.screen(), Screen::TierPrompt(_)), "{}", hs.screen());
    hs.press("esc H");
    assert!(matches!(hs.app.screen(), Screen::ChangeLog(_)), "{}", hs.screen());
    assert!(hs.screen().contains("招商银行"), "{}", hs.screen());
    hs.press("esc v");
    assert!(matches!(hs.app.screen(), Screen::Indicators(_)), "{}", hs.screen());
}

#[test]
fn an_empty_book_hints_at_adding_importing_and_browsing() {
    for (lang, want) in [
        (Lang::En, "Nothing is due today. a adds a customer, I imports a spreadsheet, 2 browses all customers."),
        (Lang::Zh, "今天没有待办事项。按 a 新增客户，按 I 导入表格，按 2 浏览全部客户。"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let hs = Harness::new(open(&dir.path().join("empty.sqlite")), lang, 120, 40);
        assert!(hs.screen().contains(want), "{}", hs.screen());
    }
}

#[test]
fn at_120_columns_the_list_takes_the_width_and_reasons_fit_at_80() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    let s = hs.screen();
    // No half-empty coverage panel beside the list: its numbers are on one line below.
    assert!(s.contains("Coverage (on time/late)"), "{s}");
    let (_dir, mut hs) = harness(Lang::En, 80, 24);
    hs.press("w");
    assert!(hs.screen().contains("last assessed 2024-11-25"), "{}", hs.screen());
}

#[test]
fn region_key_without_regions_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = crate::common::fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("Z");
    assert!(hs.screen().contains("No customer here has a region: nothing to filter by"), "{}", hs.screen());
}

#[test]
fn on_the_customer_list_l_steps_the_tier_pane_z_the_regions_and_r_points_to_today() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("2");
    let list = |hs: &Harness| match hs.app.screen() {
        Screen::Customers(l) => (l.selected_tier().map(str::to_string), l.region().map(str::to_string), l.total()),
        _ => panic!("not on the customer list"),
    };
    assert_eq!(list(&hs), (None, None, 6));
    hs.press("L");
    assert_eq!(list(&hs), (Some("A".into()), None, 2));
    hs.press("L L L L");
    assert_eq!(list(&hs).0, None, "past the last tier: All again");
    // Z steps through the book's regions as written (trimmed, in byte order), then All.
    hs.press("Z");
    assert_eq!(list(&hs), (None, Some("East".into()), 1));
    let s = hs.screen();
    assert!(s.contains("region East"), "{s}");
    assert!(s.contains("Zhang Wei") && !s.contains("Delta") && !s.contains("王芳"), "{s}");
    hs.press("Z");
    assert_eq!(list(&hs), (None, Some("east".into()), 1), "regions are matched as written: East and east are two");
    hs.press("Z Z");
    assert_eq!(list(&hs), (None, Some("华南".into()), 2));
    let s = hs.screen();
    assert!(s.contains("招商银行") && s.contains("欧阳娜娜") && !s.contains("Zhang Wei"), "{s}");
    // The tier pane counts the region's customers; tier and region combine.
    hs.press("L");
    assert_eq!(list(&hs), (Some("A".into()), Some("华南".into()), 1));
    hs.press("Z");
    assert_eq!(list(&hs), (Some("A".into()), None, 2), "past the last region: every region again");
    hs.press("R");
    assert!(
        hs.screen().contains("The reason filter works on Today (1); here L filters by tier and Z by region"),
        "{}",
        hs.screen()
    );
}

#[test]
fn a_filter_on_a_scrolled_list_shows_what_it_keeps_from_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("book.sqlite"));
    // Twelve customers never contacted, three of them with a follow-up due today.
    for i in 0..12 {
        let id = s.add_customer(&fields(&format!("Cust {i:02}"), "", "B", "2025-01-01")).unwrap();
        if i < 3 {
            s.add_follow_up(id, &format!("promise {i}"), d("2026-11-23")).unwrap();
        }
    }
    let mut hs = Harness::new(s, Lang::En, 80, 16);
    // Nine table rows: the last row (a follow-up) scrolls the list; then only follow-ups.
    hs.press("G R R");
    assert_eq!(rows(&hs).len(), 3);
    let screen = hs.screen();
    for i in 0..3 {
        assert!(screen.contains(&format!("follow-up: promise {i}")), "all three in view:\n{screen}");
    }
}

#[test]
fn week_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 120, 40), (Lang::En, 120, 40)] {
        let (_dir, mut hs) = harness(lang, w, h);
        hs.press("w");
        insta::assert_snapshot!(format!("week_{}_{w}x{h}", lang.code()), hs.screen());
    }
}
