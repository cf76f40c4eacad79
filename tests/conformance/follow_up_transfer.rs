//! Follow-ups in and out, on every engine: the export hands over every follow-up (with or
//! without a contact) in id order with its uuid and an RFC 3339 done time; the import writes
//! every row or none, keeps the file's uuids and skips a uuid the book already has, so a
//! file imported twice adds nothing the second time.

use std::ops::ControlFlow;

use tierdesk::domain::import::follow_ups::FollowUpRows;
use tierdesk::store::ExportedFollowUp;
use tierdesk::store::prelude::*;

use crate::due::small_book;
use crate::engine::Engine;

fn exported(s: &dyn Book) -> Vec<ExportedFollowUp> {
    let mut out = Vec::new();
    s.export_follow_ups(&mut |f| {
        out.push(f.clone());
        ControlFlow::Continue(())
    })
    .unwrap();
    out
}

pub fn follow_ups_go_out_and_come_back_once<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    let before = exported(&*s);
    assert_eq!(before.len(), 1, "the small book's one follow-up, without a contact");
    assert_eq!((before[0].customer, before[0].due.as_str()), (book.ids[3], "2026-11-21"));
    let text = "customer,due,what,done_at,uuid\n\
                Ann,2026-11-30,send the contract,2026-11-20T09:30:00+08:00,67e55044-10b1-426f-9247-bb680e5fe0c8\n\
                Bob,2026-12-01,=call back,,\n";
    let index = s.customer_index().unwrap();
    let rows: Vec<_> = FollowUpRows::read(text, &index).unwrap().map(|r| r.ok()).collect();
    let count = e.count("follow_ups");
    let written = s.import_follow_ups(&mut rows.clone().into_iter(), &mut |_| {}).unwrap().unwrap();
    assert_eq!(written.added, 2);
    assert_eq!(e.count("follow_ups"), count + 2);
    let after = exported(&*s);
    let ann = &after[1];
    assert_eq!(
        (ann.uuid.as_str(), ann.customer, ann.what.as_str(), ann.due.as_str()),
        ("67e55044-10b1-426f-9247-bb680e5fe0c8", book.ids[0], "send the contract", "2026-11-30")
    );
    let done = ann.done_at.as_deref().unwrap();
    assert!(done.starts_with("2026-11-20T09:30:00") && done.len() > 19, "RFC 3339 with an offset: {done}");
    assert_eq!(
        (after[2].customer, after[2].what.as_str(), after[2].done_at.as_deref()),
        (book.ids[1], "=call back", None)
    );

    // The same uuid again: skipped; the row without a uuid is a new follow-up.
    let again = s.import_follow_ups(&mut rows.into_iter(), &mut |_| {}).unwrap().unwrap();
    assert_eq!(again.added, 1);
    assert_eq!(e.count("follow_ups"), count + 3);
}

pub fn a_follow_ups_import_with_one_bad_row_writes_nothing<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    small_book(&e, &mut *s);
    let text = "customer,due,what\nAnn,2026-11-30,send the contract\nNobody,2026-11-30,who?\nBob,2026-12-01,x\n";
    let index = s.customer_index().unwrap();
    let rows: Vec<_> = FollowUpRows::read(text, &index).unwrap().map(|r| r.ok()).collect();
    assert_eq!(rows.iter().map(Option::is_some).collect::<Vec<_>>(), [true, false, true]);
    let (count, log) = (e.count("follow_ups"), e.count("audit_log"));
    assert_eq!(s.import_follow_ups(&mut rows.into_iter(), &mut |_| {}).unwrap(), None);
    assert_eq!((e.count("follow_ups"), e.count("audit_log")), (count, log));
}
