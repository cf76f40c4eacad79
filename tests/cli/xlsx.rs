//! Excel workbooks in and out (issue 15 point 1), through the real binary: an export read
//! back with calamine (the sheet's name, a bold frozen header, text cells that keep leading
//! zeros and a `+`, date cells), a round trip into a fresh book, `--sheet`, and refusals (an
//! unknown sheet, a bad row naming its row and column with nothing written, a workbook to a
//! terminal). Workbooks to import are made with rust_xlsxwriter, as a spreadsheet saves
//! them: numbers as numbers, dates as date cells.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::books::{Engine, TestBook};

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A command refused with exit code 2: its message.
fn refused(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

fn book() -> TestBook {
    TestBook::new(Engine::Sqlite).unwrap()
}

/// Customers whose refs and phones a spreadsheet would spoil, one of them with a formula-like
/// name and notes on two lines.
fn with_customers(b: &TestBook) {
    let csv = b.dir().join("in.csv");
    std::fs::write(
        &csv,
        "ref,name,company,tier,phone,notes,created\n\
         00123,张三,北京甲公司,A,01012345678,,2024-04-20\n\
         A-7,\"=HYPERLINK(\"\"x\"\")\",乙公司,B,+8613800138000,\"第一行\n第二行\",2024-05-01\n",
    )
    .unwrap();
    ok(b, &["import", "customers", csv.to_str().unwrap()]);
}

fn cell<'a>(sheet: &'a calamine::Range<Data>, row: u32, col: &str) -> &'a Data {
    let header = sheet.rows().next().unwrap();
    let c = header.iter().position(|h| h == &Data::String(col.into())).unwrap_or_else(|| panic!("no {col}"));
    sheet.get_value((row, c as u32)).unwrap_or(&Data::Empty)
}

/// The named part of the workbook's zip, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn exported_customers_read_back_with_text_kept_as_text_and_dates_as_dates() {
    let b = book();
    with_customers(&b);
    let file = b.dir().join("out.xlsx");
    ok(&b, &["export", "customers", "--format", "xlsx", "-o", file.to_str().unwrap()]);
    let mut wb: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(wb.sheet_names(), vec!["customers".to_string()]);
    let sheet = wb.worksheet_range("customers").unwrap();
    assert_eq!(cell(&sheet, 1, "ref"), &Data::String("00123".into()));
    assert_eq!(cell(&sheet, 1, "phone"), &Data::String("01012345678".into()));
    assert_eq!(cell(&sheet, 2, "phone"), &Data::String("+8613800138000".into()));
    // A formula-like name is a text cell, not a formula.
    assert_eq!(cell(&sheet, 2, "name"), &Data::String("=HYPERLINK(\"x\")".into()));
    assert!(wb.worksheet_formula("customers").unwrap().used_cells().next().is_none());
    assert_eq!(cell(&sheet, 2, "notes"), &Data::String("第一行\n第二行".into()));
    match cell(&sheet, 1, "created") {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            assert_eq!(d.as_datetime().unwrap().date().to_string(), "2024-04-20");
        }
        other => panic!("created is not a date cell: {other:?}"),
    }
    assert!(matches!(cell(&sheet, 1, "uuid"), Data::String(_)));
    // The header is bold and frozen; the name column is wide enough for its Chinese text.
    let styles = wb.worksheet_style("customers").unwrap();
    let header_style = styles.get((0, 0)).unwrap();
    assert!(header_style.font.as_ref().is_some_and(|f| f.is_bold()), "{header_style:?}");
    let xml = part(&file, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"state="frozen""#) && xml.contains(r#"ySplit="1""#), "{xml}");
    assert!(xml.contains("<cols>"), "no column widths: {xml}");
}

#[test]
fn export_then_import_into_a_fresh_book_gives_the_same_customers_contacts_and_follow_ups() {
    let b = book();
    with_customers(&b);
    ok(
        &b,
        &[
            "log",
            "00123",
            "--kind",
            "call",
            "--date",
            "2026-11-20",
            "--note",
            "谈了报价",
            "--follow-up",
            "发报价单",
            "--follow-up-due",
            "2026-11-30",
        ],
    );
    let customers = b.dir().join("c.xlsx");
    let contacts = b.dir().join("k.xlsx");
    ok(&b, &["export", "customers", "--format", "xlsx", "-o", customers.to_str().unwrap()]);
    ok(&b, &["export", "contacts", "--format", "xlsx", "-o", contacts.to_str().unwrap()]);
    let fresh = b.sibling();
    let said = ok(&fresh, &["import", "customers", customers.to_str().unwrap()]);
    assert!(said.contains("Excel workbook, 2 rows"), "{said}");
    ok(&fresh, &["import", "contacts", contacts.to_str().unwrap()]);
    for what in ["customers", "contacts"] {
        assert_eq!(ok(&fresh, &["export", what]), ok(&b, &["export", what]), "{what}");
    }

    // The follow-ups on their own sheet, its due day a date cell, into another fresh book.
    let follow_ups = b.dir().join("f.xlsx");
    ok(&b, &["export", "follow-ups", "--format", "xlsx", "-o", follow_ups.to_str().unwrap()]);
    let mut wb: Xlsx<_> = calamine::open_workbook(&follow_ups).unwrap();
    assert_eq!(wb.sheet_names(), vec!["follow-ups".to_string()]);
    let range = wb.worksheet_range("follow-ups").unwrap();
    let due_col = range.rows().next().unwrap().iter().position(|c| *c == "due").unwrap();
    assert!(matches!(range.get((1, due_col)), Some(Data::DateTime(_))), "{:?}", range.get((1, due_col)));
    let other = b.sibling();
    ok(&other, &["import", "customers", customers.to_str().unwrap()]);
    let said = ok(&other, &["import", "follow-ups", follow_ups.to_str().unwrap()]);
    assert!(said.contains("Excel workbook"), "{said}");
    assert_eq!(ok(&other, &["export", "follow-ups"]), ok(&b, &["export", "follow-ups"]));
}

/// A workbook as a person saves one: a cover sheet first, then the customers with a phone
/// stored as a number and a date cell.
fn two_sheets(path: &Path, bad_tier: bool) {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "客户名单").unwrap();
    let s = wb.add_worksheet().set_name("客户").unwrap();
    let date = Format::new().set_num_format("yyyy/m/d");
    for (c, h) in ["客户名称", "公司", "级别", "电话", "创建日期"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "王五").unwrap().write_string(1, 1, "丙公司").unwrap();
    s.write_string(1, 2, "A").unwrap().write_number(1, 3, 13800138000.0).unwrap();
    s.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2024, 4, 20).unwrap(), &date).unwrap();
    s.write_string(2, 0, "赵六").unwrap().write_string(2, 1, "丁公司").unwrap();
    s.write_string(2, 2, if bad_tier { "Z" } else { "B" }).unwrap().write_number(2, 3, 88886666.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_named_sheet_is_read_with_numbers_whole_and_date_cells_as_dates() {
    let b = book();
    let file = b.dir().join("名单.xlsx");
    two_sheets(&file, false);
    let f = file.to_str().unwrap();
    // The first sheet is read by default: it has no name column.
    let err = refused(&b, &["import", "customers", f]);
    assert!(err.contains("name"), "{err}");
    let err = refused(&b, &["import", "customers", f, "--sheet", "Customers"]);
    assert!(err.contains("no sheet named \"Customers\"") && err.contains("说明, 客户"), "{err}");
    let said = ok(&b, &["import", "customers", f, "--sheet", "客户", "--dry-run"]);
    assert!(said.contains("2 added"), "{said}");
    assert_eq!(ok(&b, &["customer", "list", "--all", "--format", "json"]).trim(), "[]");
    ok(&b, &["import", "customers", f, "--sheet", "客户"]);
    let list = ok(&b, &["export", "customers", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(all[0]["phone"], "13800138000", "{list}");
    assert_eq!(all[0]["created"], "2024-04-20", "{list}");
    assert_eq!(all[1]["phone"], "88886666", "{list}");

    // Contacts with a date cell and a time-of-day cell.
    let contacts = b.dir().join("联系.xlsx");
    let mut wb = Workbook::new();
    let s = wb.add_worksheet();
    for (c, h) in ["客户", "日期", "时间", "方式"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "王五").unwrap();
    s.write_datetime_with_format(
        1,
        1,
        ExcelDateTime::from_ymd(2026, 11, 20).unwrap(),
        &Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\""),
    )
    .unwrap();
    s.write_datetime_with_format(
        1,
        2,
        ExcelDateTime::from_hms(9, 30, 0).unwrap(),
        &Format::new().set_num_format("hh:mm"),
    )
    .unwrap();
    s.write_string(1, 3, "call").unwrap();
    wb.save(&contacts).unwrap();
    ok(&b, &["import", "contacts", contacts.to_str().unwrap()]);
    let exported = ok(&b, &["export", "contacts"]);
    assert!(exported.contains("2026-11-20,09:30,call"), "{exported}");
}

#[test]
fn a_workbook_with_a_bad_row_is_refused_whole_naming_its_row_and_column() {
    let b = book();
    let file = b.dir().join("bad.xlsx");
    two_sheets(&file, true);
    let err = refused(&b, &["import", "customers", file.to_str().unwrap(), "--sheet", "客户"]);
    assert!(err.contains("line 3") || err.contains("row 3"), "{err}");
    assert!(err.contains("级别"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(ok(&b, &["customer", "list", "--all", "--format", "json"]).trim(), "[]");
}

#[test]
fn a_workbook_goes_to_a_file_or_a_pipe_but_not_to_a_terminal() {
    let b = book();
    with_customers(&b);
    // Standard output is a pipe here: the workbook's bytes.
    let out = b.cmd().args(["export", "due", "--format", "xlsx", "--within", "30", "-o", "-"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let mut wb = Xlsx::new(std::io::Cursor::new(out.stdout)).unwrap();
    let due = wb.worksheet_range("due").unwrap();
    assert!(matches!(cell(&due, 1, "due_date"), Data::DateTime(_)), "{due:?}");
    assert!(matches!(cell(&due, 1, "customer_id"), Data::String(_)), "{due:?}");
    // On a terminal (util-linux `script` gives the command one): refused, nothing written.
    let cmd = b.cmd();
    let std = cmd.get_program().to_owned();
    let mut shell = String::new();
    for (k, v) in cmd.get_envs() {
        if let (k, Some(v)) = (k.to_str().unwrap(), v) {
            shell.push_str(&format!("{k}='{}' ", v.to_str().unwrap()));
        }
    }
    let args: Vec<String> = cmd.get_args().map(|a| format!("'{}'", a.to_str().unwrap())).collect();
    let line = format!("env {shell} '{}' {} export customers --format xlsx", std.to_str().unwrap(), args.join(" "));
    let Ok(out) = std::process::Command::new("script").args(["-qec", &line, "/dev/null"]).output() else {
        eprintln!("skipped the terminal case: util-linux `script` is not installed");
        return;
    };
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("use -o FILE.xlsx"), "{said}");
    assert!(!said.contains("PK"), "{said}");
}
