//! The audit log and undo on real book files: every kind of change is logged with who and
//! what, undo puts back exactly what a change replaced (cascades included), refuses when
//! another program changed the rows since, and the log itself cannot be rewritten.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{d, fixture, open};
use tierdesk::domain::audit::{Entity, Op};
use tierdesk::domain::history::NewContact;
use tierdesk::store::StoreError;
use tierdesk::store::prelude::*;

fn visit(customer: tierdesk::domain::customer::CustomerId, on: &str) -> NewContact {
    NewContact {
        customer,
        kind: "call".into(),
        on: d(on),
        person: String::new(),
        summary: "回访".into(),
        outcome: String::new(),
    }
}

#[test]
fn undoing_a_logged_contact_restores_the_schedule_and_says_what_it_undid() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let before = s.customer(ids[0]).unwrap().unwrap();
    s.add_contact(&visit(ids[0], "2026-11-22"), Some(("寄样品", d("2026-11-30")))).unwrap();
    let after = s.customer(ids[0]).unwrap().unwrap();
    assert_ne!(after.next_due_on, before.next_due_on);

    let undone = s.undo_last().unwrap().expect("something to undo");
    let kinds: Vec<_> = undone.entries.iter().map(|e| (e.entity, e.op)).collect();
    assert!(kinds.contains(&(Entity::Contact, Op::Added)), "{kinds:?}");
    assert!(kinds.contains(&(Entity::FollowUp, Op::Added)), "{kinds:?}");
    assert_eq!(undone.customers, vec![ids[0]]);

    let back = s.customer(ids[0]).unwrap().unwrap();
    assert_eq!(back, before, "fields and schedule as before the contact");
    assert!(s.contacts_of(ids[0], 10).unwrap().iter().all(|c| c.on != d("2026-11-22")));
    assert!(s.follow_ups_of(ids[0]).unwrap().iter().all(|f| f.what != "寄样品"));
}

#[test]
fn undo_takes_back_one_change_at_a_time_newest_first_and_never_an_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (_, s, ids) = fixture(dir.path());
    // The fixture's own writes were made in this session too: start from a fresh one.
    let path = s.path().unwrap().to_path_buf();
    drop(s);
    let mut s = open(&path);
    assert_eq!(s.undo_last().unwrap(), None, "a new session has nothing to undo");
    s.change_tier(ids[4], "B", "大额订单").unwrap();
    s.add_contact(&visit(ids[4], "2026-11-22"), None).unwrap();
    let first = s.undo_last().unwrap().unwrap();
    assert!(first.entries.iter().any(|e| e.entity == Entity::Contact));
    assert_eq!(s.customer(ids[4]).unwrap().unwrap().fields.tier, "B", "the tier change stays");
    let second = s.undo_last().unwrap().unwrap();
    assert!(second.entries.iter().any(|e| e.entity == Entity::TierChange && e.op == Op::Added));
    assert_eq!(s.customer(ids[4]).unwrap().unwrap().fields.tier, "C");
    assert_eq!(s.tier_history(ids[4]).unwrap().len(), 1, "only the initial tier is left");
    assert_eq!(s.undo_last().unwrap(), None);
}

#[test]
fn undoing_a_deleted_customer_brings_back_its_contacts_follow_ups_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let customer = s.customer(ids[0]).unwrap().unwrap();
    let contacts = s.contacts_of(ids[0], 100).unwrap();
    let follow_ups = s.follow_ups_of(ids[0]).unwrap();
    let history = s.tier_history(ids[0]).unwrap();
    assert!(!contacts.is_empty() && !follow_ups.is_empty());
    s.delete_customer(ids[0]).unwrap();
    assert!(s.customer(ids[0]).unwrap().is_none());
    let undone = s.undo_last().unwrap().unwrap();
    assert!(undone.entries.iter().any(|e| e.entity == Entity::Customer && e.op == Op::Removed));
    assert_eq!(s.customer(ids[0]).unwrap().unwrap(), customer);
    assert_eq!(s.contacts_of(ids[0], 100).unwrap(), contacts);
    assert_eq!(s.follow_ups_of(ids[0]).unwrap(), follow_ups);
    assert_eq!(s.tier_history(ids[0]).unwrap(), history);
}

#[test]
fn undo_is_refused_untouched_when_another_program_changed_the_row_since() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    s.change_tier(ids[2], "A", "战略客户").unwrap();
    let mut other = open(&path);
    other.change_tier(ids[2], "C", "另一台电脑上的调整").unwrap();
    let err = s.undo_last().unwrap_err();
    assert!(matches!(err, StoreError::UndoConflict(_)), "{err}");
    assert!(err.to_string().contains("changed since"), "{err}");
    assert_eq!(s.customer(ids[2]).unwrap().unwrap().fields.tier, "C", "nothing was put back");
    assert_eq!(s.tier_history(ids[2]).unwrap().len(), 3);
}

#[test]
fn the_history_names_who_changed_what_from_what_to_what() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    s.change_tier(ids[5], "B", "年度采购额上升").unwrap();
    let mut f = s.customer(ids[5]).unwrap().unwrap().fields;
    f.phone = "13800138000".into();
    s.update_customer(ids[5], &f, "").unwrap();
    let h = s.audit_of(ids[5], 50).unwrap();
    assert!(h.windows(2).all(|w| w[0].change >= w[1].change), "newest first");
    let phone = h.iter().find(|e| e.fields.iter().any(|f| f.field == "phone")).unwrap();
    assert_eq!(phone.by, "tester");
    assert_eq!(phone.op, Op::Changed);
    let tier = h.iter().find(|e| e.entity == Entity::Customer && e.fields.iter().any(|f| f.field == "tier")).unwrap();
    let field = tier.fields.iter().find(|f| f.field == "tier").unwrap();
    assert_eq!((field.old.as_deref(), field.new.as_deref()), (Some("C"), Some("B")));
    assert!(
        tierdesk::i18n::audit::describe(tier, tierdesk::i18n::Lang::En).contains("tier C -> B"),
        "{}",
        tierdesk::i18n::audit::describe(tier, tierdesk::i18n::Lang::En)
    );
    // an undo is marked on the entry it undid, and is itself in the history
    s.undo_last().unwrap().unwrap();
    let h = s.audit_of(ids[5], 50).unwrap();
    assert!(h.iter().any(|e| e.undoes.is_some()));
    assert!(h.iter().any(|e| e.undone_by.is_some() && e.fields.iter().any(|f| f.field == "phone")));
}

#[test]
fn the_log_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _s, _) = fixture(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert!(n > 0);
    for sql in ["UPDATE audit_log SET new_row = NULL", "DELETE FROM audit_log", "DELETE FROM changes"] {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
}

#[test]
fn a_change_into_the_top_tier_waits_for_someone_elses_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    let change = s.change_tier(ids[2], "a", "签约三年框架协议").unwrap();
    assert_eq!(change.to, "A", "codes match in any case");
    assert!(change.awaiting_signoff());
    assert_eq!(s.count_awaiting_signoff().unwrap(), 1);
    assert!(s.customer_rows_by_ids(&[ids[2]]).unwrap()[0].signoff_pending);

    let e = s.approve_tier(ids[2], "Tester").unwrap_err();
    assert!(matches!(e, StoreError::SelfApproval(_)), "{e}");
    let e = s.approve_tier(ids[3], "张经理").unwrap_err();
    assert!(matches!(e, StoreError::NothingToApprove), "{e}");
    let signed = s.approve_tier(ids[2], "张经理").unwrap();
    assert_eq!(signed.approved_by.as_deref(), Some("张经理"));
    assert!(!signed.awaiting_signoff());
    assert!(!s.customer_rows_by_ids(&[ids[2]]).unwrap()[0].signoff_pending);
    assert_eq!(s.count_awaiting_signoff().unwrap(), 0);

    // moves that are not into the top tier wait for nobody; a reason is required
    assert!(!s.change_tier(ids[4], "B", "x").unwrap().needs_signoff);
    assert!(matches!(s.change_tier(ids[4], "D", "  ").unwrap_err(), StoreError::ReasonRequired));
    assert!(matches!(s.change_tier(ids[4], "B", "again").unwrap_err(), StoreError::SameTier(_)));
    assert!(matches!(s.change_tier(ids[4], "Z", "x").unwrap_err(), StoreError::UnknownTier(_)));
}

#[test]
fn a_new_tier_moves_the_due_date_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    // 李强, C, last contact 2026-10-31: due 11-30 monthly; as A weekly, due 11-07
    s.change_tier(ids[4], "A", "重点扶持").unwrap();
    assert_eq!(s.customer(ids[4]).unwrap().unwrap().next_due_on, d("2026-11-07"));
    let h = s.tier_history(ids[4]).unwrap();
    let last = h.last().unwrap();
    assert_eq!((last.from.as_deref(), last.to.as_str(), last.by.as_str()), (Some("C"), "A", "tester"));
    assert_eq!(last.reason, "重点扶持");
}

#[test]
fn undoing_twice_walks_back_through_changes_to_the_same_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, s, ids) = fixture(dir.path());
    drop(s);
    let mut s = open(&path);
    s.change_tier(ids[4], "B", "first").unwrap();
    s.change_tier(ids[4], "A", "second").unwrap();
    // someone else works on another customer meanwhile: that does not stand in the way
    let mut other = open(&path);
    other.change_tier(ids[5], "D", "elsewhere").unwrap();
    s.undo_last().unwrap().unwrap();
    assert_eq!(s.customer(ids[4]).unwrap().unwrap().fields.tier, "B");
    s.undo_last().unwrap().unwrap();
    let c = s.customer(ids[4]).unwrap().unwrap();
    assert_eq!((c.fields.tier.as_str(), c.signoff_pending), ("C", false));
    assert_eq!(s.customer(ids[5]).unwrap().unwrap().fields.tier, "D", "the other change stands");
    assert_eq!(s.tier_history(ids[4]).unwrap().len(), 1);
}

#[test]
fn the_history_of_an_added_contact_shows_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s, ids) = fixture(dir.path());
    s.add_contact(&visit(ids[3], "2026-11-21"), None).unwrap();
    let h = s.audit_of(ids[3], 10).unwrap();
    let added = h.iter().find(|e| e.entity == Entity::Contact && e.op == Op::Added).unwrap();
    assert_eq!(
        tierdesk::i18n::audit::describe(added, tierdesk::i18n::Lang::En),
        "added contact: kind call; on 2026-11-21; summary 回访"
    );
    let undone = s.undo_last().unwrap().unwrap();
    let text: Vec<String> =
        undone.entries.iter().map(|e| tierdesk::i18n::audit::describe(e, tierdesk::i18n::Lang::En)).collect();
    assert!(text.iter().any(|t| t == "added contact: kind call; on 2026-11-21; summary 回访"), "{text:?}");
    // once taken back, the history still says what it was
    let h = s.audit_of(ids[3], 10).unwrap();
    let added = h.iter().find(|e| e.entity == Entity::Contact && e.op == Op::Added && e.undone_by.is_some()).unwrap();
    assert_eq!(
        tierdesk::i18n::audit::describe(added, tierdesk::i18n::Lang::En),
        "added contact: kind call; on 2026-11-21; summary 回访"
    );
}

#[test]
fn a_bulk_write_is_logged_row_by_row_and_undone_as_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, s, ids) = fixture(dir.path());
    drop(s);
    let mut s = open(&path);
    let before = s.customer(ids[0]).unwrap().unwrap();
    let new = s
        .add_customers_bulk(&[
            common::fields("新甲", "", "B", "2026-11-01"),
            common::fields("新乙", "", "C", "2026-11-02"),
        ])
        .unwrap();
    s.undo_last().unwrap().unwrap();
    assert!(
        new.iter().all(|id| s.customer(*id).unwrap().is_none()),
        "both added customers gone, their tier rows first"
    );
    s.add_contacts_bulk(
        &[visit(ids[0], "2026-11-21"), visit(ids[0], "2026-11-22"), visit(ids[2], "2026-11-22")],
        &[(ids[0], "回电".into(), d("2026-11-30"))],
    )
    .unwrap();
    let h = s.audit_of(ids[0], 50).unwrap();
    assert_eq!(
        h.iter().filter(|e| e.entity == Entity::Contact && e.op == Op::Added).count(),
        3,
        "one entry per contact: the fixture's and these two"
    );
    assert!(h.iter().any(|e| e.entity == Entity::FollowUp && e.op == Op::Added));
    let undone = s.undo_last().unwrap().unwrap();
    assert_eq!(undone.entries.iter().filter(|e| e.entity == Entity::Contact).count(), 3);
    assert_eq!(s.customer(ids[0]).unwrap().unwrap(), before, "schedule as before");
    assert!(s.contacts_of(ids[2], 10).unwrap().iter().all(|c| c.on != d("2026-11-22")));
}
