//! Pop-ups over Chinese text: every pop-up keeps its whole frame where a double-width
//! character of the screen behind lies across its edge. Snapshots of each pop-up over a
//! crowded Chinese book at 80x24 and 120x40, and a check, row by row, that both border
//! columns are what a terminal shows.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fields, fixture};
use ratatui::buffer::Buffer;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::{Lang, T};
use tierdesk::store::prelude::*;
use tierdesk::ui::effect::{Effect, Route};

/// Forty different Chinese characters, one per added customer.
const MARKS: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川江河湖海风云雷电霜";

/// The fixture plus 40 customers never contacted (so every list is full) with Chinese names
/// and companies, follow-ups and contacts in Chinese. Every other one has a letter after its
/// first characters, which shifts the rest by one column; the character before it differs
/// from row to row, so lists sorted by name mix both. Whatever column a pop-up's edge falls
/// on, some row has a double-width character across it.
fn crowded(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness, CustomerId) {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store, ids) = fixture(dir.path());
    let shift = |i: usize| if i % 2 == 1 { "A" } else { "" };
    let mark = |i: usize| MARKS.chars().nth(i % 40).unwrap();
    let tiers = ["A", "B", "C", "D"];
    let more: Vec<_> = (0..40)
        .map(|i| {
            let name = format!("华东{}{}重点客户", mark(i), shift(i));
            let company = format!("{}{}招商银行股份有限公司深圳分行", mark(i), shift(i / 2));
            fields(&name, &company, tiers[i % 4], "2025-01-01")
        })
        .collect();
    let all = store.add_customers_bulk(&more).unwrap();
    let contacts: Vec<NewContact> = (0..30)
        .map(|i| NewContact {
            customer: ids[0],
            kind: "visit".into(),
            on: d("2026-06-01") + chrono::Days::new(i as u64 * 3),
            person: format!("{}王经理", shift(i)),
            summary: format!("{}季度回访，讨论明年授信额度与结算方式的调整安排", shift(i)),
            outcome: String::new(),
        })
        .collect();
    let follow_ups: Vec<_> = all
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, format!("{}{}寄送第四季度报价单并确认交货日期与数量", mark(i), shift(i)), d("2026-11-10")))
        .collect();
    store.add_contacts_bulk(&contacts, &follow_ups).unwrap();
    // a long Chinese note fills the customer view's profile pane, under the pop-ups there
    let mut first = store.customer(ids[0]).unwrap().unwrap().fields;
    first.address = "深圳市福田区深南大道7088号招商银行大厦".into();
    first.notes = "重要客户，年度授信额度需在第四季度末前续签；对接人偏好电话沟通，周五下午不便。".repeat(6);
    store.update_customer(ids[0], &first, "备注").unwrap();
    let hs = Harness::new(store, lang, w, h);
    (dir, hs, ids[0])
}

/// The symbol a terminal shows at (x, y): none where the cell is covered by a double-width
/// character starting one column to the left (ratatui then never writes that cell).
fn shown(buf: &Buffer, x: u16, y: u16) -> Option<&str> {
    let covered = x > 0 && unicode_width::UnicodeWidthStr::width(buf[(x - 1, y)].symbol()) > 1;
    (!covered).then(|| buf[(x, y)].symbol())
}

/// The pop-up's rectangle (left, top, right, bottom, inclusive), found from text on its top
/// border (a title) or on its first line inside (a question).
fn popup_rect(hs: &Harness, anchor: &str) -> (u16, u16, u16, u16) {
    let buf = &hs.frame;
    let (mut y, x) = hs.find(anchor).unwrap_or_else(|| panic!("{anchor:?} not on screen:\n{}", hs.screen()));
    let mut left = x;
    loop {
        match buf[(left, y)].symbol() {
            "┌" => break,
            "│" => {
                y -= 1; // on the first line inside: the top border is above
                break;
            }
            _ if left == 0 => panic!("no frame left of {anchor:?}"),
            _ => left -= 1,
        }
    }
    let right = (left + 1..buf.area.width).find(|x| buf[(*x, y)].symbol() == "┐").unwrap();
    let bottom = (y + 1..buf.area.height).find(|yy| buf[(left, *yy)].symbol() == "└").unwrap();
    (left, y, right, bottom)
}

/// Both border columns of the pop-up are seen whole on every row; else what is broken.
fn frame_problem(hs: &Harness, anchor: &str) -> Option<String> {
    let (left, top, right, bottom) = popup_rect(hs, anchor);
    for y in top..=bottom {
        for x in [left, right] {
            let seen = shown(&hs.frame, x, y);
            if !matches!(seen, Some("│" | "┌" | "┐" | "└" | "┘")) {
                return Some(format!("the border at column {x}, row {y} shows as {seen:?}"));
            }
        }
    }
    None
}

/// The first literal part of a text template: what a pop-up's title or question begins with.
fn anchor(t: T, lang: Lang) -> String {
    t.get(lang).split("{}").find(|p| !p.trim().is_empty()).unwrap().to_string()
}

/// (name, how to open it, the text to find it by).
fn popups(lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("snooze", "1 s", anchor(T::SnoozeTitle, lang)),
        ("reschedule", "3 p", anchor(T::RescheduleTitle, lang)),
        ("tier_prompt", "view T", anchor(T::ChangeTierTitle, lang)),
        ("indicators", "view v", anchor(T::IndicatorsTitle, lang)),
        ("confirm_delete", "2 x", anchor(T::ConfirmDelete, lang)),
        ("help", "2 ?", format!(" {} ", T::Help.get(lang))),
    ]
}

fn open_popup(hs: &mut Harness, keys: &str, customer: CustomerId) {
    match keys.strip_prefix("view ") {
        Some(rest) => {
            hs.app.apply(Effect::Open(Route::Customer(customer)));
            hs.draw();
            hs.press(rest);
        }
        None => hs.press(keys),
    }
}

#[test]
fn every_pop_up_keeps_its_frame_over_chinese_text() {
    let mut broken = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (120, 40), (101, 33)] {
            for (name, keys, anchor) in popups(lang) {
                let (_dir, mut hs, customer) = crowded(lang, w, h);
                open_popup(&mut hs, keys, customer);
                if let Some(problem) = frame_problem(&hs, &anchor) {
                    broken.push(format!("{name} {lang:?} {w}x{h}: {problem}\n{}", hs.screen()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{} broken:\n{}", broken.len(), broken.join("\n"));
}

#[test]
fn pop_up_snapshots_over_chinese_text() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, keys, _) in popups(Lang::Zh) {
            let (_dir, mut hs, customer) = crowded(Lang::Zh, w, h);
            open_popup(&mut hs, keys, customer);
            insta::assert_snapshot!(format!("popup_{name}_zh_{w}x{h}"), hs.screen());
        }
    }
}
