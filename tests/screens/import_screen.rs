//! Importing from the app: a preview before anything is written, every bad row listed, then
//! the import after confirmation.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, open};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

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

#[test]
fn preview_lists_bad_rows_writes_nothing_then_imports_the_fixed_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let csv = dir.path().join("客户.csv");
    std::fs::write(
        &csv,
        "名称,等级,公司,创建日期\n新客户甲,B,甲公司,2026-01-05\n,C,无名公司,2026-01-05\n新客户乙,Z,乙公司,2026-02-30\n",
    )
    .unwrap();
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("2 I");
    assert!(matches!(hs.app.screen(), Screen::Import(_)), "{}", hs.screen());
    hs.type_text(csv.to_str().unwrap());
    hs.press("enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("没有写入任何内容"), "{s}");
    // Every bad row named with its line, its field and its problem; the good line 2 is not.
    for problem in ["第 3 行，名称: 必填", "第 4 行，等级: 没有这个级别", "第 4 行，创建日期: 日期无效"]
    {
        assert!(s.contains(problem), "\"{problem}\" missing:\n{s}");
    }
    assert!(s.contains("有 2 行有问题") && !s.contains("第 2 行"), "{s}");
    // In Chinese, all of it: no English from the command line.
    for english in ["line", "bad row", "nothing was imported", "required"] {
        assert!(!s.contains(english), "\"{english}\" on the Chinese screen:\n{s}");
    }
    assert_eq!(open(&path).count_customers(None, None, &tierdesk::store::Owners::All).unwrap(), 7, "nothing written");

    // fix the file, check again, import
    std::fs::write(&csv, "名称,等级,公司,创建日期\n新客户甲,B,甲公司,2026-01-05\n新客户乙,C,乙公司,2026-02-28\n")
        .unwrap();
    hs.press("esc enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("新增 2"), "{s}");
    assert!(!s.contains("added") && !s.contains("dry run"), "{s}");
    assert_eq!(
        open(&path).count_customers(None, None, &tierdesk::store::Owners::All).unwrap(),
        7,
        "the preview writes nothing"
    );
    hs.press("ctrl-s");
    let s = hs.screen();
    assert!(s.contains("现在导入吗"), "{s}");
    // The check's summary and how the file was read, each on lines of its own inside the box.
    let in_box: Vec<&str> =
        s.lines().filter_map(|l| l.split('│').nth(2)).map(str::trim_end).filter(|l| !l.is_empty()).collect();
    assert!(in_box.iter().any(|l| l.starts_with("按 UTF-8 读取")), "{s}");
    assert!(in_box.iter().all(|l| !l.contains("跳过 0按")), "{s}");
    // Nothing runs into the box's border: each row of the box has both its sides.
    let lines: Vec<&str> = s.lines().collect();
    let top = lines.iter().position(|l| l.contains("现在导入吗")).unwrap();
    let end = lines.iter().position(|l| l.contains("y/Enter")).unwrap();
    assert!(lines[top..=end].iter().all(|l| l.matches('│').count() == 4), "{s}");
    hs.press("y");
    settle(&mut hs);
    assert!(hs.screen().contains("已导入"), "{}", hs.screen());
    assert!(!hs.screen().contains("imported"), "{}", hs.screen());
    assert_eq!(open(&path).count_customers(None, None, &tierdesk::store::Owners::All).unwrap(), 9);
    assert!(!open(&path).find_customers("新客户乙").unwrap().is_empty());
}

#[test]
fn duplicates_and_unreadable_bytes_are_explained_in_chinese_with_the_screen_s_own_choices() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, store, _) = fixture(dir.path());
    let csv = dir.path().join("dup.csv");
    std::fs::write(&csv, "名称,等级,公司\n李强,C,远航物流\n").unwrap();
    let mut hs = Harness::new(store, Lang::Zh, 120, 40);
    hs.press("2 I");
    hs.type_text(csv.to_str().unwrap());
    hs.press("enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("重复"), "{s}");
    // The screen has no command-line flags: it points at its own "重复时" choice.
    assert!(!s.contains("--on-duplicate") && !s.contains("already in the book"), "{s}");
    assert!(s.contains("重复时"), "{s}");
    assert!(s.contains("第 2 行：名称“李强”，公司“远航物流”：与账本中的客户 #5 相同"), "{s}");

    let mut bytes = "名称,等级,公司\n王小明,C,远航物流有限公司\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe,C,x\n");
    std::fs::write(&csv, bytes).unwrap();
    hs.press("esc enter");
    settle(&mut hs);
    let s = hs.screen();
    assert!(s.contains("第 3 行，名称: 有无法识别的字节"), "{s}");
    assert!(!s.contains("--encoding") && !s.contains("unreadable"), "{s}");
    assert!(s.contains("UTF-8"), "{s}");
}

/// The import's kind and its duplicates choice are picked, not typed: a path typed there
/// (one Tab too many) is not dropped without a word, and the choice stays as it was.
#[test]
fn a_path_typed_into_a_picked_field_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, _) = fixture(dir.path());
    let mut hs = Harness::new(store, Lang::En, 120, 40);
    hs.press("2 I tab");
    assert!(hs.screen().contains("[refuse the import, list them"), "{}", hs.screen());
    hs.type_text("/tmp/x.csv");
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("\"v\" cannot be typed here: Space or ←/→ changes this field"), "{said}");
    assert!(hs.screen().contains("[refuse the import, list them"), "{}", hs.screen());
    assert!(hs.screen().contains("File           [  "), "the path is still empty:\n{}", hs.screen());
    hs.press("tab tab");
    hs.type_text("x");
    assert!(hs.screen().contains("File           [x "), "typed on the path field:\n{}", hs.screen());
}
