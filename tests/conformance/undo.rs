//! Undo of a session's last change: it puts back exactly the records the change replaced,
//! and is refused, with nothing written, when another program changed them since.

use tierdesk::store::StoreError;

use crate::due::{small_book, visit};
use crate::engine::{Engine, d};

/// A contact with a follow-up, undone: the customer (schedule included), the contacts and
/// the follow-ups are as before; then a deleted customer comes back with all it had.
pub fn undo_of_the_last_change_restores_the_records<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    let ann = book.ids[0];
    let before = (s.customer(ann).unwrap(), s.contacts_of(ann, 100).unwrap(), s.follow_ups_of(ann).unwrap());
    s.add_contact(&visit(ann, "2026-11-22"), Some(("send samples", d("2026-11-30")))).unwrap();
    assert_ne!(s.customer(ann).unwrap().unwrap().next_due_on, before.0.as_ref().unwrap().next_due_on);
    let undone = s.undo_last().unwrap().expect("something to undo");
    assert_eq!(undone.customers, vec![ann]);
    let after = (s.customer(ann).unwrap(), s.contacts_of(ann, 100).unwrap(), s.follow_ups_of(ann).unwrap());
    assert_eq!(after, before);

    let dan = book.ids[3];
    let before = (
        s.customer(dan).unwrap(),
        s.contacts_of(dan, 100).unwrap(),
        s.follow_ups_of(dan).unwrap(),
        s.tier_history(dan).unwrap(),
    );
    assert!(!before.1.is_empty() && !before.2.is_empty());
    s.delete_customer(dan).unwrap();
    assert_eq!(s.customer(dan).unwrap(), None);
    s.undo_last().unwrap().expect("the deletion to undo");
    let after = (
        s.customer(dan).unwrap(),
        s.contacts_of(dan, 100).unwrap(),
        s.follow_ups_of(dan).unwrap(),
        s.tier_history(dan).unwrap(),
    );
    assert_eq!(after, before);
}

/// Undo takes this session's changes back newest first, and a new connection (a new
/// session) has nothing to undo of another's.
pub fn undo_walks_back_this_sessions_changes_only<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Cat", "C", "2026-01-05")).unwrap();
    s.change_tier(id, "B", "bigger orders").unwrap();
    s.change_tier(id, "D", "moved away").unwrap();
    let mut other = e.second_connection("colleague");
    assert_eq!(other.undo_last().unwrap(), None, "a new session has nothing to undo");
    s.undo_last().unwrap().unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().fields.tier, "B");
    s.undo_last().unwrap().unwrap();
    assert_eq!(s.customer(id).unwrap().unwrap().fields.tier, "C");
    assert_eq!(s.tier_history(id).unwrap().len(), 1, "only the tier it was added with");
}

/// Someone else changed the record after our change: our undo is refused and their change
/// stands.
pub fn undo_is_refused_when_someone_changed_the_records_since<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Cat", "C", "2026-01-05")).unwrap();
    s.change_tier(id, "B", "bigger orders").unwrap();
    let mut other = e.second_connection("colleague");
    other.change_tier(id, "D", "moved away").unwrap();
    let (log, history) = (e.count("audit_log"), s.tier_history(id).unwrap());
    let err = s.undo_last().unwrap_err();
    assert!(matches!(err, StoreError::UndoConflict(_)), "{err}");
    assert_eq!(s.customer(id).unwrap().unwrap().fields.tier, "D", "their change stands");
    assert_eq!(s.tier_history(id).unwrap(), history);
    assert_eq!(e.count("audit_log"), log, "nothing written");
}
