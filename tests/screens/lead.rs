//! A lead's two screens of issue 12 on a real SQLite book: the report per person and tier
//! (key b on the report, the figures of `tierdesk report --by owner`), and handing a customer
//! over to a colleague from the customer list (key O, a picker of the book's people, a
//! question, the store's hand-over; undo takes it back).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fields, fixture, open};
use tierdesk::domain::people::Role;
use tierdesk::i18n::Lang;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;
use tierdesk::ui::screens::report::ReportMode;

/// The fixture (7 customers of Lin) where the signed-in "tester" owns two, both overdue:
/// 招商银行 (A, last contact 11-10) and 欧阳娜娜 (B, never contacted); "wang" is a colleague
/// with no customers.
fn book(dir: &std::path::Path) -> (Store, Vec<tierdesk::domain::customer::CustomerId>) {
    let (_, mut store, ids) = fixture(dir);
    for id in [ids[0], ids[3]] {
        let mut f = store.customer(id).unwrap().unwrap().fields;
        f.owner = "tester".into();
        store.update_customer(id, &f, "").unwrap();
    }
    store.add_person("wang", "Wang Fang", Role::Manager, None).unwrap();
    (store, ids)
}

fn owner_of(hs: &Harness, id: tierdesk::domain::customer::CustomerId) -> String {
    hs.app.store().customer(id).unwrap().unwrap().fields.owner
}

/// The screen's line that holds `text`.
fn line_with(hs: &Harness, text: &str) -> String {
    let s = hs.screen();
    s.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text}:\n{s}")).to_string()
}

#[test]
fn b_on_the_report_shows_each_persons_tiers_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = book(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("5");
    assert!(hs.screen().contains(" B per person / tier "), "the hint line names the key:\n{}", hs.screen());
    hs.press("B");
    let Screen::Report(r) = hs.app.screen() else { panic!("not on the report") };
    assert_eq!(r.mode(), ReportMode::People);
    let p = r.people().expect("loaded by the app");
    let logins: Vec<&str> = p.owners.iter().map(|o| o.owner.as_str()).collect();
    assert_eq!(logins, ["Lin", "tester"], "by login; wang owns nothing");
    let s = hs.screen();
    assert!(s.contains("Coverage per person as of 2026-11-23, people: 2"), "{s}");
    // Columns: person, tier, customers, in cadence, not yet due, share, overdue, never, per week.
    let words = |line: String| line.replace('│', " ").split_whitespace().map(str::to_string).collect::<Vec<_>>();
    // tester: A (招商银行, late) and B (欧阳娜娜, never contacted), then both: one contact in 12 weeks.
    let tester = words(line_with(&hs, "│tester"));
    assert_eq!(tester[1..], ["A", "Key", "1", "0", "0", "0%", "1", "0"], "{s}");
    let (y, _) = hs.find("│tester").unwrap();
    let rows: Vec<String> = s.lines().skip(y as usize).take(3).map(str::to_string).collect();
    // The name on a person's first row only.
    assert_eq!(words(rows[1].clone()), ["B", "Major", "1", "0", "0", "0%", "1", "1"], "{s}");
    assert_eq!(words(rows[2].clone()), ["All", "2", "0", "0", "0%", "2", "1", "0.1"], "{s}");
    // Lin: the other five, four in cadence, Zhang Wei late and never contacted.
    let (y, _) = hs.find("│Lin").unwrap();
    let lin_all = s.lines().skip(y as usize).find(|l| l.contains("All")).unwrap().to_string();
    assert_eq!(words(lin_all)[..6], ["All", "5", "4", "0", "80%", "1"], "{s}");
    // b again: per tier, as before.
    hs.press("B");
    assert!(hs.screen().contains("Coverage report as of 2026-11-23"), "{}", hs.screen());
}

#[test]
fn the_per_person_report_in_chinese_fits_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = book(dir.path());
    let mut hs = Harness::new(store, Lang::Zh, 80, 24);
    hs.press("5 B");
    let s = hs.screen();
    assert!(s.contains("按人员的联系覆盖（截至 2026-11-23）：2 人"), "{s}");
    assert!(s.contains("负责人") && s.contains("每周联系"), "{s}");
    assert!(line_with(&hs, "│tester").ends_with('│'), "the row fits the frame:\n{s}");
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::En, 120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = book(dir.path());
        let mut hs = Harness::new(store, lang, w, h);
        hs.press("5 B");
        insta::assert_snapshot!(format!("report_people_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn many_people_scroll_at_80x24_and_say_which_rows_show() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut store = open(&path);
    // Nine people with a customer in A and one in C each: three rows apiece, 27 in all.
    for i in 1..=9 {
        let owner = format!("m{i}");
        for tier in ["A", "C"] {
            let mut f = fields(&format!("{owner}-{tier}"), "Co", tier, "2026-01-05");
            f.owner = owner.clone();
            let id = store.add_customer(&f).unwrap();
            if tier == "A" {
                store.approve_tier(id, "Director Zhou").unwrap();
            }
        }
    }
    let mut hs = Harness::new(store, Lang::En, 80, 24);
    hs.press("5 B");
    let s = hs.screen();
    assert!(s.contains("rows 1-17 of 27"), "{s}");
    assert!(s.contains("│m1") && !s.contains("│m9"), "{s}");
    hs.press("G");
    let s = hs.screen();
    assert!(s.contains("rows 11-27 of 27"), "{s}");
    assert!(s.contains("│m9") && !s.contains("│m1 "), "{s}");
    // The top row names whose it is even when scrolled into the middle of a person.
    let top = s.lines().nth(3).unwrap();
    assert!(top.starts_with("│m4"), "{s}");
    hs.press("k g");
    assert!(hs.screen().contains("rows 1-17 of 27"), "{}", hs.screen());
}

#[test]
fn shift_o_hands_the_selected_customer_over_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = book(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2");
    assert!(hs.screen().contains("Mine · Customers | All (2)"), "{}", hs.screen());
    // By next due: 欧阳娜娜 (due since 2025) first.
    let Screen::Customers(list) = hs.app.screen() else { panic!() };
    assert_eq!(list.selected_row().unwrap().id, ids[3]);
    hs.press("O");
    let Screen::Picker(p) = hs.app.screen() else { panic!("no picker:\n{}", hs.screen()) };
    let logins: Vec<&str> = p.people().iter().map(|p| p.login.as_str()).collect();
    assert_eq!(logins, ["Lin", "wang"], "everyone but the owner");
    let s = hs.screen();
    assert!(s.contains("Hand 欧阳娜娜 over to whom?"), "{s}");
    assert!(s.contains("Wang Fang  wang  manager"), "{s}");
    hs.press("j enter");
    assert!(hs.screen().contains("Hand 欧阳娜娜 over from tester to Wang Fang?"), "{}", hs.screen());
    hs.press("y");
    let s = hs.screen();
    assert!(s.contains("欧阳娜娜 handed over to Wang Fang"), "{s}");
    assert_eq!(owner_of(&hs, ids[3]), "wang");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)));
    // Mine: she has left the list.
    assert!(s.contains("Mine · Customers | All (1)") && !s.contains("欧阳娜娜  "), "{s}");
    hs.press("u");
    assert_eq!(owner_of(&hs, ids[3]), "tester", "undo takes the hand-over back");
    assert!(hs.screen().contains("Mine · Customers | All (2)"), "{}", hs.screen());
}

#[test]
fn no_or_esc_hand_nothing_over() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = book(dir.path());
    let mut hs = Harness::new(store, Lang::Zh, 80, 24);
    hs.press("2 O");
    insta::assert_snapshot!("picker_zh_80x24", hs.screen());
    hs.press("enter");
    assert!(hs.screen().contains("把“欧阳娜娜”从 tester 移交给 Lin 吗？"), "{}", hs.screen());
    hs.press("n");
    assert!(matches!(hs.app.screen(), Screen::Picker(_)), "no keeps the picker");
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)));
    assert_eq!(owner_of(&hs, ids[3]), "tester");
}

#[test]
fn a_customer_handed_over_meanwhile_is_refused_in_one_line_and_the_list_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = book(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2 O j enter");
    // Another program gives her to Lin before the answer.
    let mut other = open(&dir.path().join("book.sqlite"));
    assert_eq!(other.hand_over("tester", "Lin", Some(&[ids[3]])).unwrap(), 1);
    hs.press("y");
    let s = hs.screen();
    let said = "Nothing handed over: 欧阳娜娜 is no longer tester's (changed by another program meanwhile)";
    assert!(s.contains(said), "{s}");
    assert_eq!(owner_of(&hs, ids[3]), "Lin", "not wang's");
    assert!(s.contains("Mine · Customers | All (1)"), "{s}");
    let style = hs.style_at(1, hs.find(said).unwrap().0);
    assert_eq!(style.fg, hs.app.env.theme.danger.fg);
}

#[test]
fn the_key_works_on_a_customers_page_too() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = book(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2 enter O enter y");
    assert!(hs.screen().contains("欧阳娜娜 handed over to Lin"), "{}", hs.screen());
    assert_eq!(owner_of(&hs, ids[3]), "Lin");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)), "her page stays open");
}
