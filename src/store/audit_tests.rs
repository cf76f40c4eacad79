//! The audit log's bulk writes: each added row logged once, the row triggers back after.

use crate::domain::customer::CustomerFields;
use crate::domain::import::customers::{Action, CustomerRecord};
use crate::store::Store;
use crate::store::prelude::*;

use crate::store::shared_tests::empty_book as book;

fn fields(name: &str, ext_ref: &str) -> CustomerFields {
    CustomerFields {
        name: name.into(),
        ext_ref: Some(ext_ref.into()),
        tier: "C".into(),
        created_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        ..Default::default()
    }
}

fn added(name: &str, ext_ref: &str) -> Action {
    Action::Add(CustomerRecord { line: 2, uuid: None, fields: fields(name, ext_ref), given: Default::default() })
}

/// The rows of `table` the log says were added, by id.
fn logged(s: &Store, table: &str) -> Vec<i64> {
    let mut st =
        s.conn.prepare("SELECT row_id FROM audit_log WHERE table_name = ?1 AND op = 'insert' ORDER BY row_id").unwrap();
    st.query_map([table], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn triggers(s: &Store, schema: &str) -> Vec<(String, String)> {
    let mut st = s
        .conn
        .prepare(&format!("SELECT name, sql FROM {schema}.sqlite_schema WHERE type = 'trigger' ORDER BY name"))
        .unwrap();
    st.query_map([], |r| Ok((r.get(0).unwrap(), r.get(1).unwrap()))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_bulk_write_logs_each_row_once_and_its_row_triggers_come_back_whether_it_lands_or_not() {
    let mut s = book();
    let first = s.add_customer(&fields("周杰", "R0")).unwrap().0;
    let (temp, main) = (triggers(&s, "temp"), triggers(&s, "main"));
    assert!(temp.iter().any(|(n, _)| n == "audit_customers_insert"), "{temp:?}");

    s.import_customers(&[added("王芳", "R1"), added("李强", "R2")], &mut |_| {}).unwrap();
    assert_eq!(logged(&s, "customers"), [first, first + 1, first + 2]);
    assert_eq!(logged(&s, "tier_changes").len(), 3, "each first tier once");
    assert_eq!((triggers(&s, "temp"), triggers(&s, "main")), (temp.clone(), main.clone()));

    // Refused halfway (one ref twice): rolled back, the triggers with it.
    assert!(s.import_customers(&[added("赵敏", "R3"), added("孙丽", "R3")], &mut |_| {}).is_err());
    assert_eq!((triggers(&s, "temp"), triggers(&s, "main")), (temp, main));

    // A customer added alone afterwards is logged by its row trigger.
    let alone = s.add_customer(&fields("吴静", "R4")).unwrap().0;
    assert_eq!(logged(&s, "customers"), [first, first + 1, first + 2, alone]);
}
