//! Imports are all-or-nothing, and an import's duplicate check reads the book it writes to:
//! the file is checked and planned in the domain, the rows written by the engine.

use std::time::Duration;

use tierdesk::data;
use tierdesk::domain::import::CustomerIndex;
use tierdesk::domain::import::OnDuplicate;
use tierdesk::domain::import::contacts::ContactRows;
use tierdesk::domain::import::customers::{Action, CustomerImport, CustomerPlan, plan};
use tierdesk::domain::tier::TierScheme;
use tierdesk::store::StoreError;

use crate::due::small_book;
use crate::engine::{Engine, TODAY, d};
use tierdesk::store::prelude::*;

/// A customers file without refs or uuids: name and company are how a duplicate is found.
fn customers_file(rows: usize) -> String {
    let mut csv = String::from("name,company,tier\n");
    for i in 0..rows {
        csv.push_str(&format!("客户{i},公司{},{}\n", i % 7, ["B", "C", "D"][i % 3]));
    }
    csv
}

fn plan_of(text: &str, scheme: &TierScheme, book: &CustomerIndex) -> CustomerPlan {
    let temperaments = tierdesk::data::temperaments();
    let with =
        CustomerImport { scheme, today: d(TODAY), book, on_duplicate: OnDuplicate::Skip, temperaments: &temperaments };
    let planned = plan(text, &with, &mut |_| {}).unwrap();
    assert!(planned.is_clean(), "{:?}", planned.bad);
    planned
}

/// A contacts file whose second row names a customer the book does not have: nothing of
/// the file is written, not even the good rows before it, and no schedule moves.
pub fn a_contacts_import_with_one_bad_row_writes_nothing<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    let text = "customer,date,kind,note,follow_up,follow_up_due\n\
                Ann,2026-11-22,visit,signed,send the contract,2026-11-30\n\
                Nobody,2026-11-22,visit,who?,,\n\
                Bob,2026-11-22,call,fine,,\n";
    let (contacts, follow_ups, log) = (e.count("contacts"), e.count("follow_ups"), e.count("audit_log"));
    let ann = s.customer(book.ids[0]).unwrap();
    let index = s.customer_index().unwrap();
    let kinds = data::contact_kinds();
    let rows: Vec<_> = ContactRows::read(text, &index, &kinds, d(TODAY)).unwrap().map(|r| r.ok()).collect();
    assert_eq!(rows.iter().map(Option::is_some).collect::<Vec<_>>(), [true, false, true], "{rows:#?}");
    let written = s.import_contacts(&mut rows.into_iter(), &mut |_| {}).unwrap();
    assert_eq!(written, None, "refused");
    assert_eq!((e.count("contacts"), e.count("follow_ups"), e.count("audit_log")), (contacts, follow_ups, log));
    assert_eq!(s.customer(book.ids[0]).unwrap(), ann, "Ann's schedule did not move");
    assert_eq!(s.undo_last().unwrap().map(|u| u.customers), Some(vec![book.ids[5]]), "the last change is the book's");
}

/// A customers import whose last row fails in the store (its ref is already taken by an
/// earlier row of the same write): the rows before it are not kept either.
pub fn a_customers_import_failing_on_its_last_row_writes_nothing<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let scheme = s.scheme().unwrap().clone();
    let text = "ref,name,company,tier\nK-1,Ann,Ann Ltd,B\nK-2,Bob,Bob Ltd,C\n";
    let mut planned = plan_of(text, &scheme, &s.customer_index().unwrap());
    assert_eq!(planned.added, 2);
    let Action::Add(first) = planned.actions[0].clone() else { panic!("{:?}", planned.actions) };
    let mut clash = first;
    clash.fields.name = "Ann's namesake".into();
    planned.actions.push(Action::Add(clash));
    let counts = || (e.count("customers"), e.count("tier_changes"), e.count("audit_log"), e.count("changes"));
    let before = counts();
    let err = s.import_customers(&planned.actions, &mut |_| {}).unwrap_err();
    assert!(matches!(&err, StoreError::DuplicateRef(r) if r == "K-1"), "{err}");
    assert_eq!(counts(), before);
    assert_eq!(before.0, 0);
    // The book is as good as new: the clean part of the file goes in afterwards.
    planned.actions.pop();
    assert_eq!(s.import_customers(&planned.actions, &mut |_| {}).unwrap().added, 2);
    assert_eq!(e.count("customers"), 2);
}

/// Two imports of one file at once (two programs): the second to take the write lock plans
/// against the book the first wrote, so every row is added once.
pub fn two_imports_of_one_file_at_once_do_not_duplicate<E: Engine>() {
    const ROWS: usize = 300;
    let Some(e) = E::new() else { return };
    let mut a = e.fresh();
    let b = e.second_connection("colleague");
    let scheme = a.scheme().unwrap().clone();
    let text = customers_file(ROWS);
    let first = a.begin_customers_import().unwrap();
    let first_plan = plan_of(&text, &scheme, &first.customer_index().unwrap());
    assert_eq!(first_plan.added, ROWS);
    let second = std::thread::spawn({
        let (text, scheme) = (text.clone(), scheme.clone());
        move || {
            let mut b: Box<dyn Book> = b;
            let import = b.begin_customers_import().unwrap();
            let planned = plan_of(&text, &scheme, &import.customer_index().unwrap());
            (planned.skipped, import.write(&planned.actions, &mut |_| {}).unwrap())
        }
    });
    // Not a timed assertion: the pause only gives the second import every chance to read
    // the book before the first writes, were it able to (then the count below would fail).
    std::thread::sleep(Duration::from_millis(300));
    let written = first.write(&first_plan.actions, &mut |_| {}).unwrap();
    let (skipped, second) = second.join().unwrap();
    assert_eq!(written.added, ROWS as u64);
    assert_eq!((second.added, skipped), (0, ROWS), "the second import found every row in the book");
    assert_eq!(e.count("customers"), ROWS as i64);
}
