//! A move that loses nothing (issue 15): contacts named by uuid are not imported twice, and
//! `export all` writes the same document shape on every engine.

use tierdesk::data;
use tierdesk::domain::import::contacts::ContactRows;

use crate::due::small_book;
use crate::engine::{Engine, TODAY, d};

/// Rows naming their contact's uuid: the second import of them adds nothing and says so.
pub fn contacts_with_a_known_uuid_are_skipped<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    small_book(&e, &mut *s);
    let text = "customer,date,kind,note,uuid\n\
                Ann,2026-11-22,visit,signed,0190a1b2-0000-7000-8000-000000000001\n\
                Bob,2026-11-22,call,fine,0190a1b2-0000-7000-8000-000000000002\n";
    let index = s.customer_index().unwrap();
    let kinds = data::contact_kinds();
    let rows = || -> Vec<_> { ContactRows::read(text, &index, &kinds, d(TODAY)).unwrap().map(|r| r.ok()).collect() };
    let uuids = vec!["0190a1b2-0000-7000-8000-000000000001".to_string(), "elsewhere".to_string()];
    assert_eq!(s.contacts_already_there(&uuids).unwrap(), 0);
    let before = e.count("contacts");
    let first = s.import_contacts(&mut rows().into_iter(), &mut |_| {}).unwrap().unwrap();
    assert_eq!((first.added, first.already_there), (2, 0));
    assert_eq!(s.contacts_already_there(&uuids).unwrap(), 1);
    let second = s.import_contacts(&mut rows().into_iter(), &mut |_| {}).unwrap().unwrap();
    assert_eq!((second.added, second.already_there), (0, 2));
    assert_eq!(e.count("contacts"), before + 2);
}

/// `export all`: the header, then every section, references by uuid and no local ids.
pub fn export_all_writes_every_section_with_references_by_uuid<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    small_book(&e, &mut *s);
    let mut out = Vec::new();
    s.export_all(&mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((v["format"].as_str(), v["version"].as_u64()), (Some("tierdesk-book"), Some(1)));
    for section in tierdesk::store::move_book::SECTIONS {
        assert!(v[section.name].is_array(), "{} missing", section.name);
    }
    let customers = v["customers"].as_array().unwrap();
    assert!(!customers.is_empty());
    assert!(customers.iter().all(|c| c.get("id").is_none() && c["uuid"].is_string()));
    let uuids: Vec<&serde_json::Value> = customers.iter().map(|c| &c["uuid"]).collect();
    for contact in v["contacts"].as_array().unwrap() {
        assert!(contact.get("customer_id").is_none());
        assert!(uuids.contains(&&contact["customer_uuid"]), "{contact}");
    }
    assert!(v["changes"].as_array().unwrap().iter().all(|c| c["uuid"].is_string()));
}
