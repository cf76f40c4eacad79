//! The app's import preview says how a file was read (issue 15): its encoding, its separator
//! and the first names as decoded, so a wrong guess is seen before anything is written; a
//! workbook is named, not misread.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, open};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;

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

fn customers(path: &std::path::Path) -> u64 {
    open(path).count_customers(None, None, &tierdesk::store::Owners::All).unwrap() as u64
}

#[test]
fn the_preview_shows_encoding_separator_and_first_names_of_a_gbk_file_valid_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let before = customers(&path);
    // 卢伟 and 鲁迅 in GBK, separated by semicolons; the bytes are valid UTF-8 too (¬ΰ, ³Ѹ).
    let file = dir.path().join("gbk.csv");
    std::fs::write(&file, b"name;company\r\n\xC2\xAC\xCE\xB0;Acme\r\n\xC2\xB3\xD1\xB8;Shaoxing\r\n").unwrap();
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("2 I");
    hs.type_text(file.to_str().unwrap());
    hs.press("enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("按 GB18030 读取，分号分隔；前几个名称：卢伟、鲁迅"), "{s}");
    assert!(!s.contains('¬'), "{s}");
    assert_eq!(customers(&path), before, "the preview writes nothing");
}

#[test]
fn a_workbook_is_named_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let before = customers(&path);
    let file = dir.path().join("book.xls");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 64]);
    std::fs::write(&file, bytes).unwrap();
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2 I");
    hs.type_text(file.to_str().unwrap());
    hs.press("enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("old Excel workbook (.xls"), "{s}");
    assert_eq!(customers(&path), before);
}
