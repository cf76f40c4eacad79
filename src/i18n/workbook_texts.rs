//! Excel workbooks' words, in both languages: a workbook that cannot be read, a sheet that
//! is not in it, and a workbook sent to a terminal.

use super::Lang;

texts! { W:
    Workbook => "Excel 工作簿", "Excel workbook";
    Unreadable => "{} 是 Excel 工作簿（.xlsx），但无法读取（{}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。", "{} is an Excel workbook (.xlsx) but cannot be read ({}); open it in Excel or WPS, save it as .xlsx again, and retry";
    NoSheets => "{} 是 Excel 工作簿，但里面没有工作表。", "{} is an Excel workbook without any sheet";
    UnknownSheet => "{} 里没有名为“{}”的工作表；它的工作表有：{}。请用 --sheet 指定其中之一。", "{} has no sheet named \"{}\"; its sheets are: {}; name one of them with --sheet";
    NotTheSheet => "--sheet 只用于 Excel 工作簿，{} 不是工作簿。", "--sheet is for Excel workbooks, and {} is not one";
    ToTerminal => "xlsx 是二进制文件，不能显示在终端上；请用 -o 文件.xlsx 写入文件。", "xlsx is binary and is not shown on a terminal; use -o FILE.xlsx";
}
