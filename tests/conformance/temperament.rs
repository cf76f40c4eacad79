//! A customer's temperament (顾客类型): every engine writes it on add (one and many),
//! reads it back, changes and clears it, exports it, and logs the change as an edit.

use tierdesk::domain::audit::{Entity, Op};

use crate::engine::Engine;
use tierdesk::store::prelude::*;

pub fn a_temperament_is_written_read_changed_cleared_and_logged<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let mut f = e.fields("Ann", "B", "2026-01-05");
    f.temperament = Some("haggler".into());
    let ann = s.add_customer(&f).unwrap();
    let mut g = e.fields("Bo", "C", "2026-01-05");
    g.temperament = Some("silent".into());
    let bulk = s.add_customers_bulk(&[g, e.fields("Cy", "C", "2026-01-05")]).unwrap();
    let read = |s: &dyn Book, id| s.customer(id).unwrap().unwrap().fields.temperament;
    assert_eq!(read(&*s, ann).as_deref(), Some("haggler"));
    assert_eq!(read(&*s, bulk[0]).as_deref(), Some("silent"));
    assert_eq!(read(&*s, bulk[1]), None);

    let mut f = s.customer(ann).unwrap().unwrap().fields;
    f.temperament = Some("proud".into());
    s.update_customer(ann, &f, "").unwrap();
    assert_eq!(read(&*s, ann).as_deref(), Some("proud"));
    let log = s.audit_of(ann, 100).unwrap();
    let edit = log.iter().find(|x| x.entity == Entity::Customer && x.op == Op::Changed).unwrap();
    let change: Vec<_> = edit.fields.iter().map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
    assert_eq!(change, [("temperament", Some("haggler"), Some("proud"))]);

    f.temperament = None;
    s.update_customer(ann, &f, "").unwrap();
    assert_eq!(read(&*s, ann), None);
    let listed: Vec<_> =
        s.customers_by_name(None).unwrap().into_iter().map(|c| (c.fields.name, c.fields.temperament)).collect();
    assert_eq!(listed, [("Ann".into(), None), ("Bo".into(), Some("silent".into())), ("Cy".into(), None)]);
    let exported: Vec<_> = s.export_customers().unwrap().into_iter().map(|c| c.fields.temperament).collect();
    assert_eq!(exported, [None, Some("silent".to_string()), None]);
}

/// Someone set the temperament since an edit began: the edit is refused, not overwritten.
pub fn a_temperament_set_since_an_edit_began_refuses_the_edit<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("Ann", "B", "2026-01-05")).unwrap();
    let seen = s.customer_seen(id).unwrap();
    let mut f = s.customer(id).unwrap().unwrap().fields;
    f.temperament = Some("amiable".into());
    s.update_customer(id, &f, "").unwrap();
    f.temperament = None;
    f.phone = "13800138000".into();
    assert!(s.update_customer_if_unchanged(id, &f, "", &seen).is_err());
    assert_eq!(s.customer(id).unwrap().unwrap().fields.temperament.as_deref(), Some("amiable"));
}
