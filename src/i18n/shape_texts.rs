//! What an import file is, in words (issue 15): workbooks refused with what to do, the
//! encoding and separator a file was read with, and the first names it gave, so that a
//! wrong guess shows before anything is written.

use super::{Lang, fill};
use crate::domain::import::sniff::Delimiter;

texts! { SH:
    Workbook => "{}：这是一个 Excel 工作簿（.xlsx）；这项导入只读 CSV 文本，请在 Excel 或 WPS 中把这张表另存为 CSV（UTF-8）后再导入", "{}: this file is an Excel workbook (.xlsx); this import reads CSV text only: save the sheet as CSV (UTF-8) in Excel or WPS and import that file";
    OldWorkbook => "{}：这是旧版 Excel 工作簿（.xls，Excel 97–2003 格式），tierdesk 不读这种格式；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入", "{}: this file is an old Excel workbook (.xls, the Excel 97-2003 format), which tierdesk does not read; save it as .xlsx or CSV in Excel or WPS and import that file";
    Comma => "逗号分隔", "separated by commas";
    Semicolon => "分号分隔", "separated by semicolons";
    Tab => "制表符分隔", "separated by tabs";
    ReadAs => "按 {} 读取，{}", "read as {}, {}";
    ReadAsSheet => "按 {} 读取", "read as {}";
    HeaderRead => "读到的表头（{}）：{}", "the header row it read ({}): {}";
    FileIs => "这个文件是 {}，{}", "this file is {}, {}";
    GarbledHint => "如果表头看起来是乱码，请用 --encoding utf-8 或 --encoding gbk 指明编码", "if the header looks garbled, name the encoding with --encoding utf-8 or --encoding gbk";
    FirstNames => "前几个名称：{}", "first names: {}";
    NoNames => "（没有读到名称）", "(no names read)";
}

/// `separated by semicolons`.
pub fn separator(d: Delimiter, lang: Lang) -> &'static str {
    match d {
        Delimiter::Comma => SH::Comma,
        Delimiter::Semicolon => SH::Semicolon,
        Delimiter::Tab => SH::Tab,
    }
    .get(lang)
}

/// `read as UTF-16LE, separated by tabs; first names: 卢伟, 鲁迅`.
pub fn read_as(encoding: &str, d: Option<Delimiter>, sample: &[String], lang: Lang) -> String {
    let names = if sample.is_empty() {
        SH::NoNames.get(lang).to_string()
    } else {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        crate::safe_text::visible(&sample.join(sep)).into_owned()
    };
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    format!(
        "{}{sep}{}",
        match d {
            Some(d) => fill(SH::ReadAs.get(lang), &[&encoding, &separator(d, lang)]),
            None => fill(SH::ReadAsSheet.get(lang), &[&encoding]),
        },
        fill(SH::FirstNames.get(lang), &[&names])
    )
}
