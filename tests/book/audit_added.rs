//! The history tells what happened: an "added" entry shows the record as it was added, not as
//! it is now (for records added one by one and for bulk imports alike), and the delete prompt
//! says that `u` takes a deletion back.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common;

use crate::common::{Harness, fields, fixture, open};
use tierdesk::domain::audit::{AuditEntry, Entity, Op};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;

fn added(entries: &[AuditEntry], entity: Entity) -> Vec<&AuditEntry> {
    entries.iter().filter(|e| e.entity == entity && e.op == Op::Added).collect()
}

fn field<'a>(e: &'a AuditEntry, name: &str) -> Option<&'a str> {
    e.fields.iter().find(|f| f.field == name).and_then(|f| f.new.as_deref().or(f.old.as_deref()))
}

#[test]
fn a_customer_added_as_b_and_moved_to_a_reads_added_as_b_and_the_move_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("book.sqlite"));
    let id = s.add_customer(&fields("华信科技", "华信", "B", "2026-01-05")).unwrap();
    s.change_tier(id, "A", "签了框架协议").unwrap();
    let mut other = tierdesk::store::Store::open(
        &dir.path().join("book.sqlite"),
        tierdesk::clock::Clock::Fixed(common::today()),
        "director",
    )
    .unwrap();
    other.approve_tier(id, "Director Zhou").unwrap();
    let entries = s.audit_of(id, 100).unwrap();
    let customer = added(&entries, Entity::Customer);
    assert_eq!(customer.len(), 1, "{entries:#?}");
    assert_eq!(
        field(customer[0], "tier"),
        Some("B"),
        "added as B: {:?}",
        tierdesk::i18n::audit::describe(customer[0], Lang::En)
    );
    // The move's tier record was added unsigned; the sign-off is a change of its own.
    let moves: Vec<_> =
        added(&entries, Entity::TierChange).into_iter().filter(|e| field(e, "to_tier") == Some("A")).collect();
    assert_eq!(moves.len(), 1, "{entries:#?}");
    assert_eq!(field(moves[0], "approved_by"), None, "{}", tierdesk::i18n::audit::describe(moves[0], Lang::En));
    assert!(
        entries.iter().any(|e| e.entity == Entity::TierChange
            && e.op == Op::Changed
            && e.fields.iter().any(|f| f.field == "approved_by" && f.new.as_deref() == Some("Director Zhou"))),
        "{entries:#?}"
    );
}

on_both_engines! {
fn history_all_on_the_command_line_reads_added_tier_b(book: &TestBook) {
    book.cmd()
        .args(["customer", "add", "--name", "华信科技", "--tier", "B", "--ref", "K-7", "--created", "2026-01-05"])
        .assert()
        .success();
    book.cmd().args(["tier", "K-7", "A", "--reason", "签了框架协议"]).assert().success();
    let out = book.cmd().args(["history", "K-7", "--all"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.contains("added customer")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("tier B") && !line.contains("tier A"), "{text}");
}
}

on_both_engines! {
fn an_imported_customer_changed_later_shows_its_imported_values(book: &TestBook) {
    let file = book.dir().join("in.csv");
    std::fs::write(&file, "name,company,tier\n远航物流,远航,C\n欧阳娜娜,星河,D\n").unwrap();
    book.cmd().args(["import", "customers"]).arg(&file).assert().success();
    let mut s = book.open();
    let id = s.find_customers("远航物流").unwrap()[0].id;
    let mut f = s.customer(id).unwrap().unwrap().fields;
    f.company = "远航物流集团".into();
    s.update_customer(id, &f, "edited").unwrap();
    s.change_tier(id, "B", "订单增加").unwrap();
    let entries = s.audit_of(id, 100).unwrap();
    let customer = added(&entries, Entity::Customer);
    assert_eq!(customer.len(), 1, "{entries:#?}");
    assert_eq!(
        (field(customer[0], "company"), field(customer[0], "tier")),
        (Some("远航"), Some("C")),
        "{}",
        tierdesk::i18n::audit::describe(customer[0], Lang::En)
    );
    // Removed later, it still reads as imported.
    s.delete_customer(id).unwrap();
    let entries = s.audit_of(id, 100).unwrap();
    let customer = added(&entries, Entity::Customer);
    assert_eq!((field(customer[0], "company"), field(customer[0], "tier")), (Some("远航"), Some("C")));
}
}

#[test]
fn the_delete_prompt_says_u_undoes_it_and_counts_the_contacts() {
    for (lang, want) in [
        (Lang::En, "Delete 招商银行 and their 1 contact? (u undoes it in this session)"),
        (Lang::Zh, "删除“招商银行”及其 1 条联系记录吗？（本次会话内可按 u 撤销）"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (_, store, ids) = fixture(dir.path());
        let mut hs = Harness::new(store, lang, 120, 40);
        hs.app.apply(tierdesk::ui::effect::Effect::Open(tierdesk::ui::effect::Route::Customer(ids[0])));
        hs.draw();
        hs.press("x");
        let screen = hs.screen();
        let start: String = want.chars().take(4).collect();
        let asked: String = modal_text(&hs, &start).chars().filter(|c| !c.is_whitespace()).collect();
        let want: String = want.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(asked.starts_with(&want), "{asked}\n{screen}");
        assert!(!screen.contains("cannot be undone") && !screen.contains("无法撤回"), "{screen}");
        hs.press("y");
        assert!(hs.app.store().customer(ids[0]).unwrap().is_none());
        hs.press("u");
        assert!(hs.app.store().customer(ids[0]).unwrap().is_some(), "u brought it back");
    }
}

/// The text of the pop-up whose text starts with `start`: each row between its borders.
fn modal_text(hs: &Harness, start: &str) -> String {
    let Some((y0, x0)) = hs.find(start) else { panic!("no {start}:\n{}", hs.screen()) };
    let buf = &hs.frame;
    let mut out = String::new();
    for y in y0..buf.area.height {
        if buf[(x0 - 1, y)].symbol() != "│" {
            break;
        }
        for x in x0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if sym == "│" {
                break;
            }
            out.push_str(sym);
        }
    }
    out
}
