//! The TUI through ratatui's TestBackend: snapshots of the main screen and the customer
//! form in both languages at 80×24 and 120×40, colour checks where colour carries meaning,
//! and whole flows driven by key presses against a real book file.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, fixture, open};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn harness(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut h = Harness::new(store, lang, w, h);
    h.press("2"); // the customer list
    (dir, h)
}

#[test]
fn customer_list_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 120, 40), (Lang::En, 120, 40)] {
        let (_dir, hs) = harness(lang, w, h);
        insta::assert_snapshot!(format!("customers_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn customer_form_snapshots() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 120, 40), (Lang::En, 120, 40)] {
        let (_dir, mut hs) = harness(lang, w, h);
        hs.press("a");
        hs.type_text("欧阳建华");
        // leave the phone field with a bad number so its problem shows inline
        hs.press("tab tab tab tab");
        hs.type_text("12");
        hs.press("tab");
        insta::assert_snapshot!(format!("form_{}_{w}x{h}", lang.code()), hs.screen());
    }
}

#[test]
fn cjk_cells_line_up_and_are_cut_with_an_ellipsis() {
    let (_dir, hs) = harness(Lang::Zh, 80, 24);
    let screen = hs.screen();
    // The long branch name is cut, not spilled into the next column.
    assert!(screen.contains("招商银行股份有.."), "{screen}");
    // Every table row has its right border at the same column.
    let (_, right_border) = hs.find("1/7").unwrap();
    for y in 2..10 {
        let sym = hs.frame[(79, y)].symbol().to_string();
        assert_eq!(sym, "│", "row {y} border shifted; right border expected at 79 ({right_border})");
    }
}

#[test]
fn overdue_dates_stand_out_in_the_danger_colour() {
    let (_dir, hs) = harness(Lang::En, 120, 40);
    let theme = &hs.app.env.theme;
    // 招商银行 was due 2026-11-17: six days late.
    let (y, x) = hs.find("2026-11-17 6d late").expect("overdue date shown with its lateness");
    assert_eq!(hs.style_at(x, y).fg, theme.danger.fg);
    // 王芳 is due today.
    let (y, x) = hs.find("2026-11-23 due today").expect("due today shown");
    assert_eq!(hs.style_at(x, y).fg, theme.warn.fg);
    // Acme is due later: plain text colour.
    let (y, x) = hs.find("2026-12-04").unwrap();
    assert_eq!(hs.style_at(x, y).fg, theme.text.fg);
}

#[test]
fn tier_pane_counts_and_selecting_tier_b() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    let s = hs.screen();
    let counts: Vec<_> = ["All", "A", "B", "C", "D"].iter().map(|t| tier_pane_count(&s, t)).collect();
    assert_eq!(counts, [Some(7), Some(2), Some(2), Some(2), Some(1)], "{s}");
    // Focus the tier pane, go down twice (All → A → B).
    hs.press("h j j");
    let s = hs.screen();
    assert!(s.contains("B Major (2)"), "{s}");
    assert!(s.contains("Acme Trading") && s.contains("欧阳娜娜"), "{s}");
    assert!(!s.contains("王芳"), "{s}");
}

/// The count the tier pane (left of the table) shows on the row of `tier` ("All" or a code).
fn tier_pane_count(screen: &str, tier: &str) -> Option<usize> {
    screen.lines().find_map(|line| {
        let pane = line.split("││").next()?.trim_start_matches('│');
        let words: Vec<&str> = pane.trim_start_matches('>').split_whitespace().collect();
        (words.first() == Some(&tier)).then(|| words.last()?.parse().ok()).flatten()
    })
}

#[test]
fn sorting_by_name_puts_pinyin_order_first() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("n");
    let s = hs.screen();
    let pos = |name: &str| s.find(name).unwrap_or_else(|| panic!("{name} missing:\n{s}"));
    // Acme < 李强 (li) < 欧阳娜娜 (ou) < 王芳 (wang) < Zhang Wei < 招商银行 (zhao) < 赵敏 (zhao min)
    assert!(pos("Acme") < pos("李强"));
    assert!(pos("李强") < pos("欧阳娜娜"));
    assert!(pos("欧阳娜娜") < pos("王芳"));
    assert!(pos("王芳") < pos("Zhang Wei"));
    assert!(pos("Zhang Wei") < pos("招商银行"));
    assert!(s.contains("sorted by name ^"));
    hs.press("n");
    assert!(hs.screen().contains("sorted by name v"));
}

#[test]
fn customer_view_opens_with_enter_and_closes_with_esc() {
    let (_dir, mut hs) = harness(Lang::Zh, 120, 40);
    // first row by next due is 欧阳娜娜 (never contacted, due 2025-04-15)
    hs.press("enter");
    let s = hs.screen();
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    assert!(s.contains("欧阳娜娜"));
    assert!(s.contains("还没有联系记录"), "empty contacts say what will appear:\n{s}");
    assert!(s.contains("没有跟进事项"), "{s}");
    assert!(s.contains("建档 -> B"), "tier history shows the first tier:\n{s}");
    hs.press("esc");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)));
}

#[test]
fn flow_add_a_customer_see_it_listed_and_find_it_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2");
    // select tier B, open a customer, come back
    hs.press("h j j l enter");
    assert!(hs.screen().contains("欧阳娜娜"));
    hs.press("esc");
    // add one: the form starts on the selected tier
    hs.press("a");
    assert!(hs.screen().contains("New customer"));
    hs.type_text("司马光");
    hs.press("tab");
    assert!(hs.screen().contains("[B"), "tier prefilled with the selected tier");
    hs.press("tab");
    hs.type_text("宋代史馆");
    hs.press("tab tab");
    hs.type_text("138 0013 8000");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(matches!(hs.app.screen(), Screen::Customers(_)), "{s}");
    assert!(s.contains("Added: 司马光"), "{s}");
    assert!(s.contains("司马光") && s.contains("B Major (3)"), "{s}");
    drop(hs);

    // reopen the book: the customer is there, with its tier history
    let store = open(&path);
    let found = store.find_customers("司马光").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].tier, "B");
    let c = store.customer(found[0].id).unwrap().unwrap();
    assert_eq!(c.fields.phone, "138 0013 8000");
    assert_eq!(c.next_due_on, common::d("2026-12-07"));
    let history = store.tier_history(found[0].id).unwrap();
    assert_eq!((history[0].from.clone(), history[0].to.as_str(), history[0].by.as_str()), (None, "B", "tester"));
}

#[test]
fn form_validates_inline_and_refuses_to_save() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("a");
    // blank name, bad e-mail, impossible date (the tier is picked: it cannot be wrong)
    hs.press("tab ctrl-u");
    hs.type_text("Z");
    assert!(hs.screen().contains("\"Z\" is not a tier"), "{}", hs.screen());
    hs.press("tab tab tab tab");
    hs.type_text("not-an-email");
    for _ in 0..7 {
        hs.press("tab");
    }
    hs.press("ctrl-u");
    hs.type_text("2026-02-30");
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(matches!(hs.app.screen(), Screen::Form(_)), "still on the form");
    assert!(s.contains("3 field(s) need fixing"), "{s}");
    assert!(s.contains("required"), "{s}");
    assert!(s.contains("not a valid e-mail address"), "{s}");
    assert!(s.contains("not a real date"), "{s}");
    drop(hs);
    assert_eq!(
        open(&dir.path().join("book.sqlite")).count_customers(None, None, &tierdesk::store::Owners::All).unwrap(),
        7,
        "nothing saved"
    );
}

#[test]
fn esc_on_a_changed_form_asks_before_discarding() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("a");
    hs.type_text("Half typed");
    hs.press("esc");
    assert!(hs.screen().contains("Discard unsaved changes?"));
    hs.press("n");
    assert!(matches!(hs.app.screen(), Screen::Form(_)));
    assert!(hs.screen().contains("Half typed"), "the text is still there");
    hs.press("esc y");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)));
    // an untouched form closes at once
    hs.press("a esc");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)));
}

#[test]
fn the_tier_changes_with_t_and_a_reason_not_in_the_edit_form() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("n g"); // by name, top row: Acme
    hs.press("e tab ctrl-u");
    hs.type_text("A");
    hs.press("ctrl-s");
    assert!(hs.screen().contains("Change the tier with T"), "{}", hs.screen());
    hs.press("esc y T a tab");
    hs.type_text("strategic account");
    hs.press("enter");
    assert!(hs.screen().contains("Acme Trading: B -> A"), "{}", hs.screen());
    drop(hs);
    let store = open(&dir.path().join("book.sqlite"));
    let id = store.find_customers("Acme Trading").unwrap()[0].id;
    let c = store.customer(id).unwrap().unwrap();
    assert_eq!(c.fields.tier, "A");
    // A is weekly from the last contact (2026-11-20)
    assert_eq!(c.next_due_on, common::d("2026-11-27"));
    let h = store.tier_history(id).unwrap();
    assert_eq!((h[1].from.as_deref(), h[1].to.as_str(), h[1].reason.as_str()), (Some("B"), "A", "strategic account"));
}

#[test]
fn delete_asks_first() {
    let (dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("n g x");
    assert!(hs.screen().contains("Delete Acme Trading and their 1 contact?"), "{}", hs.screen());
    hs.press("n");
    assert!(hs.screen().contains("Acme Trading"));
    hs.press("x y");
    assert!(hs.screen().contains("Deleted: Acme Trading"));
    drop(hs);
    assert!(open(&dir.path().join("book.sqlite")).find_customers("Acme Trading").unwrap().is_empty());
}

#[test]
fn help_overlay_lists_the_keymap_and_closes() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("?");
    let s = hs.screen();
    assert!(s.contains("Keys"), "{s}");
    // Generated from the keymap: a few bindings with their keys.
    assert!(s.contains("sort by last contact"), "{s}");
    assert!(s.contains("Ctrl-S"), "{s}");
    assert!(s.contains("Shift-Tab"), "{s}");
    hs.press("esc");
    assert!(!hs.screen().contains("sort by last contact"));
}

#[test]
fn help_bar_follows_a_user_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let scheme = store.scheme().unwrap().clone();
    let mut env = common::env(Lang::En, scheme);
    let (keymap, warnings) = tierdesk::ui::keymap::Keymap::load(
        tierdesk::data::KEYMAP,
        Some(("user.toml", "[list]\nadd_customer = [\"+\"]\n")),
    );
    assert!(warnings.is_empty());
    env.keymap = keymap;
    let app = tierdesk::ui::App::new(Box::new(store), env);
    let mut hs = Harness {
        app,
        terminal: ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap(),
        frame: ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 40)),
    };
    hs.draw();
    hs.press("2");
    assert!(hs.screen().contains("+ add customer"), "{}", hs.screen());
    hs.press("a");
    assert!(matches!(hs.app.screen(), Screen::Customers(_)), "a no longer adds");
    hs.press("+");
    assert!(matches!(hs.app.screen(), Screen::Form(_)));
}

#[test]
fn a_tiny_window_asks_to_be_larger_and_resizing_redraws() {
    let (_dir, mut hs) = harness(Lang::En, 40, 10);
    assert!(hs.screen().contains("Please make the window larger"), "{}", hs.screen());
    hs.terminal.backend_mut().resize(120, 40);
    hs.draw();
    // the "2" pressed while the window was too small did nothing (keys then act only on quit)
    assert!(hs.screen().contains("Today"), "{}", hs.screen());
    hs.press("2");
    assert!(hs.screen().contains("Customers"), "{}", hs.screen());
}

#[test]
fn paging_through_many_customers_loads_windows_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("book.sqlite"));
    let many: Vec<_> = (0..500).map(|i| common::fields(&format!("Customer {i:03}"), "", "C", "2026-01-01")).collect();
    store.add_customers_bulk(&many).unwrap();
    let mut hs = Harness::new(store, Lang::En, 100, 30);
    hs.press("2 n G");
    let s = hs.screen();
    assert!(s.contains("Customer 499") && s.contains("500/500"), "{s}");
    hs.press("g");
    assert!(hs.screen().contains("Customer 000"));
    hs.press("pagedown pagedown");
    let s = hs.screen();
    // Two pages on, the selected row lies past the first window, and is the one shown.
    let at = selected_of_500(&s);
    assert!(at > 24, "two pages down (24 rows fit at this size), at row {at}:\n{s}");
    assert!(s.contains(&format!("Customer {:03}", at - 1)), "row {at} not shown:\n{s}");
    assert!(!s.contains("Customer 000"), "the first window is no longer shown:\n{s}");
}

/// N of the table's "N/500" position counter.
fn selected_of_500(screen: &str) -> usize {
    let before = screen.rsplit_once("/500").unwrap_or_else(|| panic!("no position counter:\n{screen}")).0;
    let digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[test]
fn slash_finds_by_pinyin_initials_lights_the_match_and_opens() {
    let (_dir, mut hs) = harness(Lang::En, 120, 40);
    hs.press("/");
    assert!(hs.screen().contains("zsyh"), "the hint shows an example:\n{}", hs.screen());
    hs.type_text("zsyh");
    let s = hs.screen();
    // best first: 招商银行 on the first result row
    let first_row = s.lines().nth(3).unwrap_or_default();
    assert!(first_row.contains("招商银行"), "{s}");
    // the matched characters are lit
    // (zsyh are the initials of the name and of the start of the company: one of them is lit)
    let (y, x) = hs.find("招商银行").unwrap();
    let (y2, x2) = hs.find("招商银行股份").unwrap();
    let lit = |x, y| hs.style_at(x, y).add_modifier.contains(ratatui::style::Modifier::UNDERLINED);
    assert!(lit(x, y) || lit(x2, y2), "{:?} {:?}", hs.style_at(x, y), hs.style_at(x2, y2));
    hs.press("enter");
    assert!(matches!(hs.app.screen(), Screen::Customer(_)));
    assert!(hs.screen().contains("招商银行"));
    // back to the results, then Esc clears the search
    hs.press("esc");
    assert!(hs.screen().contains("/zsyh"));
    hs.press("esc");
    assert!(hs.screen().contains("Customers | All (7)"), "{}", hs.screen());
}

#[test]
fn slash_search_narrows_as_you_type_and_widens_on_backspace() {
    let (_dir, mut hs) = harness(Lang::Zh, 120, 40);
    hs.press("/");
    hs.type_text("w");
    let wide = found_count(&hs.screen());
    assert!(wide > 1, "one letter finds several customers:\n{}", hs.screen());
    hs.type_text("angfang");
    assert!(hs.screen().contains("王芳"), "{}", hs.screen());
    assert_eq!(found_count(&hs.screen()), 1, "{}", hs.screen());
    for _ in 0..7 {
        hs.press("backspace");
    }
    assert_eq!(found_count(&hs.screen()), wide, "back to one letter, the same customers:\n{}", hs.screen());
}

/// The number of customers found, as the Chinese search title says it: "查找 (N)".
fn found_count(screen: &str) -> usize {
    let after = screen.split("查找 (").nth(1).unwrap_or_else(|| panic!("no search title:\n{screen}"));
    after.split(')').next().unwrap().parse().unwrap()
}
