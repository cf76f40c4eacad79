//! Today's plan mode (`P`): the morning plan from the fixture's list, worked out by hand
//! (score = bonus + tier weight × (days late + 1); A weighs 4, B 3, C 2, D 1):
//! - 招商银行 (A, 深圳): follow-up 发送报价单 3 days late → 20,000 + 4 × 4 = 20,016; also a
//!   contact 6 days late. Best tier: a visit.
//! - 欧阳娜娜 (B): never contacted, 587 days late (366 counted) → 3 × 366 = 1,098: a call.
//! - Zhang Wei (C): 510 days late → 2 × 366 = 732: a call.
//! - 王芳 (A, 上海): due today → 4 × 1 = 4: a visit.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture};
use tierdesk::domain::plan::{Capacity, PlanKind};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn harness(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = fixture(dir.path());
    for (i, region) in [(0, "深圳"), (1, "上海")] {
        let mut f = store.customer(ids[i]).unwrap().unwrap().fields;
        f.region = region.into();
        store.update_customer(ids[i], &f, "").unwrap();
    }
    let hs = Harness::new(store, lang, w, h);
    (dir, hs)
}

fn plan(hs: &Harness) -> Option<Vec<(String, PlanKind, String, bool)>> {
    match hs.app.screen() {
        Screen::Today(t) => t.plan_rows().map(|rows| {
            rows.iter().map(|r| (r.item.customer.name.clone(), r.kind, r.region.clone(), r.done)).collect()
        }),
        _ => panic!("not on Today"),
    }
}

fn row(name: &str, kind: PlanKind, region: &str, done: bool) -> (String, PlanKind, String, bool) {
    (name.to_string(), kind, region.to_string(), done)
}

#[test]
fn p_shows_the_plan_and_p_or_esc_go_back() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    assert_eq!(plan(&hs), None);
    hs.press("P");
    use PlanKind::*;
    assert_eq!(
        plan(&hs).unwrap(),
        [
            row("招商银行", Visit, "深圳", false),
            row("王芳", Visit, "上海", false),
            row("欧阳娜娜", Call, "", false),
            row("Zhang Wei", Call, "", false),
        ]
    );
    let s = hs.screen();
    assert!(s.contains("Plan for 2026-11-23: 2 visits, 2 calls (room for 3 / 15)"), "{s}");
    assert!(s.contains("A, follow-up 3 days late, 发送报价单 (+1 more)"), "{s}");
    assert!(s.contains("B, 587 days late, every 2 weeks"), "{s}");
    hs.press("P");
    assert_eq!(plan(&hs), None);
    assert!(hs.screen().contains("Today 2026-11-23"), "{}", hs.screen());
    hs.press("P esc");
    assert_eq!(plan(&hs), None);
    // A filter narrows the plan, and its title says so.
    hs.press("L P");
    assert_eq!(plan(&hs).unwrap().len(), 2, "only tier A's rows");
    assert!(
        hs.screen().contains("Plan for 2026-11-23: 2 visits, 0 calls (room for 3 / 15) · filter: tier A"),
        "{}",
        hs.screen()
    );
    hs.press("esc L L L L");
    // the help lists the key
    hs.press("?");
    assert!(hs.screen().contains("morning plan"), "{}", hs.screen());
}

#[test]
fn space_logs_the_planned_customer_and_ticks_the_row() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("P space");
    // the follow-up, the row's reason, prefills the form
    assert!(hs.screen().contains("Log a contact: 招商银行"), "{}", hs.screen());
    // the plan's visit, though this customer's last contact kind would say otherwise
    assert!(hs.screen().contains("[visit"), "{}", hs.screen());
    hs.press("ctrl-s");
    use PlanKind::*;
    let rows = plan(&hs).unwrap();
    assert_eq!(rows[0], row("招商银行", Visit, "深圳", true), "both its items are dealt with");
    assert_eq!(rows.len(), 4, "the plan holds all day");
    // the selection moved on to the next open row: Space logs 王芳 now
    hs.press("space");
    assert!(hs.screen().contains("Log a contact: 王芳"), "{}", hs.screen());
    hs.press("esc G space");
    assert!(hs.screen().contains("Log a contact: Zhang Wei"), "{}", hs.screen());
    assert!(hs.screen().contains("[call"), "planned as a call:\n{}", hs.screen());
}

#[test]
fn the_capacity_bounds_the_plan() {
    let (_dir, mut hs) = harness(Lang::Zh, 80, 24);
    hs.app.env.plan = Capacity { visits: 1, calls: 1 };
    hs.press("P");
    use PlanKind::*;
    assert_eq!(plan(&hs).unwrap(), [row("招商银行", Visit, "深圳", false), row("欧阳娜娜", Call, "", false)]);
    assert!(hs.screen().contains("1 次拜访、1 个电话（容量 1 / 1）"), "{}", hs.screen());
}

#[test]
fn plan_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 120, 40)] {
        let (_dir, mut hs) = harness(lang, w, h);
        hs.press("P");
        insta::assert_snapshot!(format!("plan_{}_{w}x{h}", lang.code()), hs.screen());
    }
}
