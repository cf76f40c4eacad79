//! Every file shape an import meets (issue 15), through the real binary on real files: what
//! Excel saves as "Unicode Text" (UTF-16LE with a BOM, tabs), `;`-separated files, GBK whose
//! bytes are valid UTF-8, dates and tiers as people write them, and workbooks refused naming
//! what they are.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::PathBuf;

use crate::books::{Engine, TestBook};
use serde_json::Value;

fn book() -> TestBook {
    TestBook::new(Engine::Sqlite).unwrap()
}

fn write(book: &TestBook, name: &str, bytes: &[u8]) -> PathBuf {
    let path = book.dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(book: &TestBook, args: &[&str], file: &PathBuf) -> (i32, String, String) {
    let out = book.cmd().args(args).arg(file).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// (name, tier, created) of every customer, by name.
fn customers(book: &TestBook) -> Vec<(String, String, String)> {
    let out = book.cmd().args(["customer", "list", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("name"), s("tier"), s("created"))
        })
        .collect();
    all.sort();
    all
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn excel_unicode_text_utf16_with_tabs_and_a_chinese_header_imports() {
    let book = book();
    let text = "客户名称\t电话\t等级\t创建日期\r\n卢伟\t13800138000\t重点\t2024-04-20 00:00:00\r\n鲁迅\t13900139000\tMajor\t45402\r\n";
    let file = write(&book, "unicode.txt", &utf16le_with_bom(text));
    let (code, out, err) = run(&book, &["import", "customers", "--dry-run"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("read as UTF-16LE, separated by tabs; first names: 卢伟, 鲁迅"), "{out}");
    assert!(customers(&book).is_empty());
    let (code, out, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(UTF-16LE, 2 rows)"), "{out}");
    assert_eq!(
        customers(&book),
        vec![("卢伟".into(), "A".into(), "2024-04-20".into()), ("鲁迅".into(), "B".into(), "2024-04-20".into())]
    );
}

#[test]
fn a_semicolon_separated_file_imports() {
    let book = book();
    let text = "name;company;tier;created\n王芳;\"华信; 上海\";key;2024年4月20日\n李强;远航;c;2024.4.5\n";
    let file = write(&book, "semi.csv", text.as_bytes());
    let (code, out, err) = run(&book, &["import", "customers", "--dry-run"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("read as UTF-8, separated by semicolons; first names: 王芳, 李强"), "{out}");
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        customers(&book),
        vec![("李强".into(), "C".into(), "2024-04-05".into()), ("王芳".into(), "A".into(), "2024-04-20".into())]
    );
}

#[test]
fn gbk_names_whose_bytes_are_valid_utf8_preview_and_import_as_written() {
    let book = book();
    // 卢伟 and 鲁迅 in GBK (C2 AC CE B0, C2 B3 D1 B8) read as UTF-8 too: ¬ΰ and ³Ѹ.
    let bytes = b"name,company\r\n\xC2\xAC\xCE\xB0,Acme\r\n\xC2\xB3\xD1\xB8,Shaoxing Press\r\n";
    assert!(std::str::from_utf8(bytes).is_ok());
    let file = write(&book, "gbk.csv", bytes);
    let (code, out, err) = run(&book, &["import", "customers", "--dry-run"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("read as GB18030, separated by commas; first names: 卢伟, 鲁迅"), "{out}");
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = customers(&book).into_iter().map(|c| c.0).collect();
    assert_eq!(names, vec!["卢伟".to_string(), "鲁迅".to_string()]);
}

#[test]
fn an_old_xls_is_refused_naming_it_and_what_to_do() {
    let book = book();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 504]);
    let file = write(&book, "old.xls", &bytes);
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("old Excel workbook (.xls") && err.contains("save it as .xlsx or CSV"), "{err}");
    assert!(customers(&book).is_empty());
    let (code, _, err) = run(&book, &["import", "contacts"], &file);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".xls"), "{err}");
}

/// A workbook is known by its bytes, whatever its name: a real one named .csv is read as a
/// workbook; a broken one is named as a workbook that cannot be read, never "no name column".
#[test]
fn an_xlsx_given_to_the_csv_path_is_read_as_a_workbook() {
    let book = book();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "客户名称").unwrap();
    sheet.write_string(0, 1, "等级").unwrap();
    sheet.write_string(1, 0, "卢伟").unwrap();
    sheet.write_string(1, 1, "重点").unwrap();
    let file = write(&book, "saved-from-excel.csv", &wb.save_to_buffer().unwrap());
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 0, "{err}");
    assert_eq!(customers(&book).len(), 1);

    let broken = write(&book, "book.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00rest-of-a-zip");
    let (code, _, err) = run(&book, &["import", "customers"], &broken);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is an Excel workbook"), "{err}");
    assert!(!err.contains("no \"name\" column"), "{err}");
    assert_eq!(customers(&book).len(), 1);
}

#[test]
fn a_missing_name_column_says_how_the_file_was_read_and_the_header_found() {
    let book = book();
    let file = write(&book, "odd.csv", "客户,电话\n卢伟,13800138000\n".as_bytes());
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no \"name\" column"), "{err}");
    assert!(err.contains("the header row it read (this file is UTF-8, separated by commas): 客户 | 电话"), "{err}");
    assert!(err.contains("--encoding"), "{err}");
    let zh = book.cmd().args(["--lang", "zh", "import", "customers"]).arg(&file).output().unwrap();
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(zh.contains("这个文件是 UTF-8，逗号分隔") && zh.contains("客户 | 电话"), "{zh}");
}

#[test]
fn impossible_dates_are_refused_naming_row_and_column() {
    let book = book();
    let file = write(&book, "dates.csv", "name;created\n甲;2024-02-30\n乙;10360-01-01\n".as_bytes());
    let (code, _, err) = run(&book, &["import", "customers"], &file);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 2") && err.contains("line 3") && err.contains("created"), "{err}");
    assert!(customers(&book).is_empty());
}

#[test]
fn a_tab_separated_contacts_file_with_dates_as_spreadsheets_write_them_imports() {
    let book = book();
    let customers = write(&book, "c.csv", "ref;name\nK-1;卢伟\n".as_bytes());
    let (code, _, err) = run(&book, &["import", "customers"], &customers);
    assert_eq!(code, 0, "{err}");
    let text = "客户\t日期\t方式\t内容\t跟进事项\t跟进日期\r\n\
                K-1\t2026年11月2日\tcall\t谈了续约\t寄合同\t46340\r\n\
                K-1\t46330\tcall\t回访\t\t\r\n";
    let file = write(&book, "contacts.txt", &utf16le_with_bom(text));
    let (code, out, err) = run(&book, &["import", "contacts", "--dry-run"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("read as UTF-16LE, separated by tabs; first names: K-1, K-1"), "{out}");
    let (code, out, err) = run(&book, &["import", "contacts"], &file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added, 1 follow-ups"), "{out}");
    let out = book.cmd().args(["export", "contacts", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let days: Vec<&str> = v.as_array().unwrap().iter().map(|c| c["date"].as_str().unwrap()).collect();
    // 46330 is 2026-11-04 (Excel's serials after 60 count one day too many).
    assert_eq!(days, vec!["2026-11-02", "2026-11-04"], "{v}");
    assert!(v.to_string().contains("2026-11-14"), "the follow-up due from serial 46340: {v}");
}
