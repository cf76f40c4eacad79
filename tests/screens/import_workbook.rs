//! The app's import screen takes an Excel workbook as it takes a CSV file: the same preview,
//! then the import after confirmation.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, open};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;

#[test]
fn a_workbook_is_previewed_then_imported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let file = dir.path().join("客户.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let s = wb.add_worksheet();
    for (c, h) in ["名称", "等级", "公司", "电话"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, firm)) in [("新客户甲", "甲公司"), ("新客户乙", "乙公司")].iter().enumerate() {
        let r = r as u32 + 1;
        s.write_string(r, 0, *name).unwrap().write_string(r, 1, "B").unwrap().write_string(r, 2, *firm).unwrap();
        s.write_number(r, 3, 13800138000.0).unwrap();
    }
    wb.save(&file).unwrap();
    let count = || open(&path).count_customers(None, None, &tierdesk::store::Owners::All).unwrap();
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("2 I");
    hs.type_text(file.to_str().unwrap());
    hs.press("enter");
    settle(&mut hs);
    let shown = hs.screen();
    assert!(shown.contains("新增 2") && shown.contains("Excel 工作簿"), "{shown}");
    assert_eq!(count(), 7, "the preview writes nothing");
    hs.press("ctrl-s");
    hs.press("y");
    settle(&mut hs);
    assert!(hs.screen().contains("已导入"), "{}", hs.screen());
    assert_eq!(count(), 9);
    let found = open(&path).find_customers("新客户乙").unwrap();
    assert!(!found.is_empty());
}

/// Background work (the import) ends: redraw until it has.
fn settle(hs: &mut Harness) {
    for _ in 0..500 {
        if !hs.app.busy() {
            hs.draw();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        hs.draw();
    }
    panic!("the import did not finish");
}
