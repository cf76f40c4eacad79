//! Notes search: every engine finds the same notes for a pattern (Chinese of two and four
//! characters, English in either case, LIKE's `%` and `_` taken literally), newest first,
//! within the limit and the owners asked for, and keeps its index in step with every write
//! (edit, delete, undo) without logging the index itself.

use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::history::{ContactId, NewContact};
use tierdesk::domain::notes::{NoteHit, NoteSource, snippet};
use tierdesk::domain::people::Role;
use tierdesk::store::prelude::*;

use crate::engine::{Engine, USER, d};

fn note(customer: CustomerId, on: &str, summary: &str, outcome: &str) -> NewContact {
    NewContact {
        customer,
        kind: "call".into(),
        on: d(on),
        person: String::new(),
        summary: summary.into(),
        outcome: outcome.into(),
    }
}

/// (customer name, date, source kind, text) of each hit, in order.
fn seen(hits: &[NoteHit]) -> Vec<(String, String, &'static str, String)> {
    hits.iter()
        .map(|h| {
            let kind = match h.source {
                NoteSource::Summary(_) => "summary",
                NoteSource::Outcome(_) => "outcome",
                NoteSource::FollowUp(_) => "follow-up",
            };
            (h.customer.name.clone(), h.on.to_string(), kind, h.text.clone())
        })
        .collect()
}

fn hit(name: &str, on: &str, kind: &'static str, text: &str) -> (String, String, &'static str, String) {
    (name.into(), on.into(), kind, text.into())
}

pub fn notes_search_finds_substrings_newest_first<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let (me, lin) = (e.login(USER), e.login("lin"));
    e.add_colleague(&mut *s, &lin, "林小姐", Role::Manager, None);
    let mut ann = e.fields("Ann", "A", "2024-01-05");
    ann.owner = me.clone();
    let ann = s.add_customer(&ann).unwrap();
    let mut bob = e.fields("Bob", "B", "2024-01-05");
    bob.owner = lin.clone();
    let bob = s.add_customer(&bob).unwrap();
    s.add_contact(&note(ann, "2026-11-10", "客户上次来电问了债券基金的收益和风险", ""), None).unwrap();
    s.add_contact(&note(ann, "2026-11-20", "call back", "wants the Bond Fund brochure"), None).unwrap();
    s.add_contact(&note(bob, "2026-11-15", "基金经理来电", ""), None).unwrap();
    s.add_contact(&note(ann, "2026-11-01", "rate 5% agreed, code a_b", ""), None).unwrap();
    s.add_contact(&note(ann, "2026-11-02", "rate 50 agreed, code axb", ""), None).unwrap();
    s.add_follow_up(ann, "寄债券基金资料", d("2026-11-25")).unwrap();

    let all = Owners::All;
    assert_eq!(
        seen(&s.search_notes("债券基金", 10, &all).unwrap()),
        [
            hit("Ann", "2026-11-25", "follow-up", "寄债券基金资料"),
            hit("Ann", "2026-11-10", "summary", "客户上次来电问了债券基金的收益和风险"),
        ]
    );
    // Two characters: no trigram index can answer, the rows are read instead.
    assert_eq!(
        seen(&s.search_notes("基金", 10, &all).unwrap()),
        [
            hit("Ann", "2026-11-25", "follow-up", "寄债券基金资料"),
            hit("Bob", "2026-11-15", "summary", "基金经理来电"),
            hit("Ann", "2026-11-10", "summary", "客户上次来电问了债券基金的收益和风险"),
        ]
    );
    assert_eq!(s.search_notes("基金", 2, &all).unwrap().len(), 2, "the limit holds");
    let mine: Vec<String> =
        s.search_notes("基金", 10, &Owners::one(&me)).unwrap().into_iter().map(|h| h.customer.name).collect();
    assert_eq!(mine, ["Ann", "Ann"], "only the owners asked for");
    assert_eq!(
        seen(&s.search_notes("bond FUND", 10, &all).unwrap()),
        [hit("Ann", "2026-11-20", "outcome", "wants the Bond Fund brochure")]
    );
    for pattern in ["5%", "a_b", "_b"] {
        assert_eq!(
            seen(&s.search_notes(pattern, 10, &all).unwrap()),
            [hit("Ann", "2026-11-01", "summary", "rate 5% agreed, code a_b")],
            "{pattern} taken literally"
        );
    }
    assert!(s.search_notes("", 10, &all).unwrap().is_empty());
    assert!(s.search_notes("nowhere", 10, &all).unwrap().is_empty());

    let first = &s.search_notes("债券基金", 1, &all).unwrap()[0];
    assert_eq!(snippet(&first.text, "债券基金", 2).line(), "寄债券基金资料");
    let second = &s.search_notes("债券基金", 2, &all).unwrap()[1];
    assert_eq!(snippet(&second.text, "债券基金", 4).line(), "…来电问了债券基金的收益和…");
}

pub fn the_notes_index_follows_every_write_and_is_not_logged<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let mut ann = e.fields("Ann", "A", "2024-01-05");
    ann.owner = e.login(USER);
    let ann = s.add_customer(&ann).unwrap();
    let id = s.add_contact(&note(ann, "2026-11-10", "问了债券基金", ""), None).unwrap();
    let found = |s: &dyn Book, p: &str| -> Vec<NoteSource> {
        s.search_notes(p, 10, &Owners::All).unwrap().into_iter().map(|h| h.source).collect()
    };
    assert_eq!(found(&*s, "债券基金"), [NoteSource::Summary(id)]);

    s.update_contact(id, &note(ann, "2026-11-10", "问了货币基金", "")).unwrap();
    assert!(found(&*s, "债券基金").is_empty(), "the old text is gone from the index");
    assert_eq!(found(&*s, "货币基金"), [NoteSource::Summary(id)]);

    s.delete_contact(id).unwrap();
    assert!(found(&*s, "货币基金").is_empty());
    s.undo_last().unwrap();
    let back: Vec<ContactId> = s
        .search_notes("货币基金", 10, &Owners::All)
        .unwrap()
        .into_iter()
        .filter_map(|h| match h.source {
            NoteSource::Summary(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(back.len(), 1, "undo puts the contact and its note back");

    // A note as short as the pattern, and a pattern of one character.
    let short = s.add_contact(&note(ann, "2026-11-11", "回访", "OK"), None).unwrap();
    assert_eq!(found(&*s, "回访"), [NoteSource::Summary(short)]);
    assert_eq!(found(&*s, "访"), [NoteSource::Summary(short)]);
    assert_eq!(found(&*s, "ok"), [NoteSource::Outcome(short)]);

    s.delete_customer(ann).unwrap();
    assert!(found(&*s, "货币基金").is_empty(), "a deleted customer's notes go with them");
    assert_eq!(e.count("audit_log WHERE table_name LIKE '%notes%'"), 0, "the index is not in the audit log");
}
