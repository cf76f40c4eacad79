//! The audit log: every write path leaves an entry saying who changed what, and the log
//! refuses to be rewritten, even by someone with the engine's own shell.

use tierdesk::data;
use tierdesk::domain::audit::{AuditEntry, Entity, Op};
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::grading::Value;
use tierdesk::store::Measurement;

use crate::due::{STEADY, visit};
use crate::engine::{Engine, USER, d};
use tierdesk::store::prelude::*;

fn history(s: &dyn Book, id: CustomerId) -> Vec<AuditEntry> {
    s.audit_of(id, 1000).unwrap()
}

fn count(entries: &[AuditEntry], entity: Entity, op: Op) -> usize {
    entries.iter().filter(|e| e.entity == entity && e.op == op).count()
}

/// Run `write` and check that it added exactly one entry of `entity` and `op` to the
/// customer's history, made by the book's user, and the newest one.
fn logs(
    (s, by): (&mut dyn Book, &str),
    id: CustomerId,
    entity: Entity,
    op: Op,
    what: &str,
    write: impl FnOnce(&mut dyn Book),
) {
    let before = history(s, id);
    write(s);
    let after = history(s, id);
    assert_eq!(count(&after, entity, op), count(&before, entity, op) + 1, "{what}: {after:#?}");
    let newest = after.iter().find(|e| e.entity == entity && e.op == op).unwrap();
    assert_eq!(newest.by, by, "{what}");
    assert!(before.iter().all(|b| b.change < newest.change), "{what}: a new change");
}

pub fn every_write_path_leaves_an_entry_in_the_audit_log<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    let added = history(&*s, id);
    assert_eq!(count(&added, Entity::Customer, Op::Added), 1, "add customer: {added:#?}");
    let me = e.login(USER);
    assert_eq!(added[0].by, me);
    logs((&mut *s, &me), id, Entity::Customer, Op::Changed, "edit customer", |s| {
        let mut f = s.customer(id).unwrap().unwrap().fields;
        f.phone = "13800138000".into();
        s.update_customer(id, &f, "").unwrap();
    });
    let mut contact = None;
    logs((&mut *s, &me), id, Entity::Contact, Op::Added, "add contact", |s| {
        contact = Some(s.add_contact(&visit(id, "2026-11-20"), None).unwrap());
    });
    let contact = contact.unwrap();
    logs((&mut *s, &me), id, Entity::Contact, Op::Changed, "edit contact", |s| {
        let mut c = visit(id, "2026-11-20");
        c.summary = "signed the order".into();
        s.update_contact(contact, &c).unwrap();
    });
    logs((&mut *s, &me), id, Entity::Contact, Op::Removed, "delete contact", |s| {
        s.delete_contact(contact).unwrap();
    });
    let mut follow_up = None;
    logs((&mut *s, &me), id, Entity::FollowUp, Op::Added, "add follow-up", |s| {
        follow_up = Some(s.add_follow_up(id, "send the quote", d("2026-11-30")).unwrap());
    });
    let follow_up = follow_up.unwrap();
    logs((&mut *s, &me), id, Entity::Reschedule, Op::Added, "reschedule follow-up", |s| {
        s.reschedule_follow_up(follow_up, d("2026-12-04"), "waiting for prices").unwrap();
    });
    logs((&mut *s, &me), id, Entity::FollowUp, Op::Changed, "close follow-up", |s| {
        s.set_follow_up_done(follow_up, true).unwrap();
    });
    logs((&mut *s, &me), id, Entity::TierChange, Op::Added, "tier change", |s| {
        s.change_tier(id, "A", "three-year contract").unwrap();
    });
    let mut director = e.second_connection("director");
    let before = count(&history(&*s, id), Entity::TierChange, Op::Changed);
    director.approve_tier(id, &e.approver("director", "Director Zhou")).unwrap();
    assert_eq!(count(&history(&*s, id), Entity::TierChange, Op::Changed), before + 1, "sign-off");
    logs((&mut *s, &me), id, Entity::Snooze, Op::Added, "snooze", |s| {
        s.snooze(id, 0, d("2026-12-01"), "on leave").unwrap();
    });
    logs((&mut *s, &me), id, Entity::Assessment, Op::Added, "assessment", |s| {
        let q = data::questionnaire("risk_tolerance").unwrap();
        s.record_assessment(id, &q, &q.parse_letters(STEADY).unwrap(), d("2026-11-20")).unwrap();
    });
    logs((&mut *s, &me), id, Entity::Indicator, Op::Added, "indicator value", |s| {
        let m = Measurement {
            customer: id,
            measured_on: d("2026-11-20"),
            values: vec![("aum".into(), Value::Number(5e6))],
        };
        assert_eq!(s.record_indicators(&[m]).unwrap(), 1);
    });
    logs((&mut *s, &me), id, Entity::Customer, Op::Removed, "delete customer", |s| {
        s.delete_customer(id).unwrap();
    });
}

/// Neither the log nor its list of changes takes an UPDATE or a DELETE, and a refused
/// statement leaves both as they were.
pub fn the_audit_log_refuses_update_and_delete<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    s.change_tier(id, "C", "smaller orders").unwrap();
    let (log, changes) = (e.count("audit_log"), e.count("changes"));
    assert!(log >= 2 && changes >= 2, "{log} log rows, {changes} changes");
    let before = history(&*s, id);
    for sql in [
        "UPDATE audit_log SET new_row = NULL",
        "UPDATE audit_log SET customer_id = NULL",
        "DELETE FROM audit_log",
        "UPDATE changes SET made_by = 'someone else'",
        "DELETE FROM changes",
    ] {
        let refused = e.sql(sql);
        assert!(refused.is_err(), "{sql} was carried out");
    }
    assert_eq!((e.count("audit_log"), e.count("changes")), (log, changes));
    assert_eq!(history(&*s, id), before);
}
