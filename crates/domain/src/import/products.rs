//! Importing products: each row a product's `name`, `code` and `risk_level` (R1 to R5, or
//! 1 to 5, as a spreadsheet may write it). A code may appear once in a file; the book
//! upserts by code. A products file is small, so it is checked whole before anything is
//! written.

use super::table::{Column, FileProblem, Table};
use super::{BadRow, Problem};
use crate::customer::FieldProblem;
use crate::suitability::RiskLevel;
use crate::suitability::product::{MAX_NAME_CHARS, Product, code_problem};

/// The columns of a products file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductColumn {
    Name,
    Code,
    RiskLevel,
}

impl Column for ProductColumn {
    const ALL: &'static [Self] = &[ProductColumn::Name, ProductColumn::Code, ProductColumn::RiskLevel];

    fn names(self) -> &'static [&'static str] {
        match self {
            ProductColumn::Name => &["name", "名称", "产品名称"],
            ProductColumn::Code => &["code", "代码", "产品代码"],
            ProductColumn::RiskLevel => &["risk_level", "level", "风险等级"],
        }
    }

    fn required(self) -> bool {
        true
    }
}

/// What checking a products file found: the good rows (with their lines) and every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductCheck {
    pub rows: u64,
    pub products: Vec<(u64, Product)>,
    pub bad: Vec<BadRow>,
    pub unknown_columns: Vec<String>,
}

/// Check every row of a products file.
pub fn check(text: &str) -> Result<ProductCheck, FileProblem> {
    let mut table = Table::<ProductColumn>::read(text)?;
    let mut out = ProductCheck { unknown_columns: table.unknown.clone(), ..Default::default() };
    loop {
        let row = match table.next_row() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                out.bad.push(BadRow { line: 0, column: None, problem: Problem::Broken(e) });
                break;
            }
        };
        let at = |c: ProductColumn, problem| BadRow { line: row.line, column: row.title(c), problem };
        let mut bad = Vec::new();
        if let Some(found) = row.extra_cells() {
            bad.push(BadRow {
                line: row.line,
                column: None,
                problem: Problem::ExtraCells { found, expected: row.columns() },
            });
        }
        let unreadable = row.unreadable();
        bad.extend(unreadable.iter().map(|c| at(*c, Problem::Unreadable)));
        bad.extend(row.controls().into_iter().map(|(c, ch)| at(c, Problem::ControlCharacter(ch))));
        let cell = |c: ProductColumn| (!unreadable.contains(&c)).then(|| row.cell(c).unwrap_or("").trim());
        let name = cell(ProductColumn::Name);
        match name {
            Some("") => bad.push(at(ProductColumn::Name, Problem::Field(FieldProblem::Required))),
            Some(n) if n.chars().count() > MAX_NAME_CHARS => {
                bad.push(at(ProductColumn::Name, Problem::Field(FieldProblem::TooLong)))
            }
            _ => {}
        }
        let code = cell(ProductColumn::Code);
        match code {
            Some("") => bad.push(at(ProductColumn::Code, Problem::Field(FieldProblem::Required))),
            Some(c) if code_problem(c).is_some() => bad.push(at(ProductColumn::Code, Problem::ProductCode(c.into()))),
            Some(c) => {
                if let Some((line, _)) = out.products.iter().find(|(_, p)| p.code == c) {
                    bad.push(at(ProductColumn::Code, Problem::RepeatedCode { code: c.into(), line: *line }));
                }
            }
            None => {}
        }
        let level = cell(ProductColumn::RiskLevel);
        let parsed = level.and_then(RiskLevel::parse);
        match level {
            Some("") => bad.push(at(ProductColumn::RiskLevel, Problem::Field(FieldProblem::Required))),
            Some(l) if parsed.is_none() => bad.push(at(ProductColumn::RiskLevel, Problem::RiskLevel(l.into()))),
            _ => {}
        }
        match (bad.is_empty(), name, code, parsed) {
            (true, Some(name), Some(code), Some(level)) => {
                out.products.push((row.line, Product::named(code, name, level)))
            }
            _ => out.bad.extend(bad),
        }
    }
    out.rows = table.rows();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rows_are_read_with_r_levels_or_numbers_and_any_column_order() {
        let c = check("代码,风险等级,名称\nMMF001,R1,货币基金\nEQ1,4,股票型基金\n").unwrap();
        let got: Vec<_> =
            c.products.iter().map(|(l, p)| (*l, p.code.as_str(), p.level.number(), p.name_zh.as_str())).collect();
        assert_eq!(got, [(2, "MMF001", 1, "货币基金"), (3, "EQ1", 4, "股票型基金")]);
        assert!(c.bad.is_empty());
        assert_eq!(c.rows, 2);
    }

    #[test]
    fn each_bad_row_is_named_with_its_line_and_column() {
        let text = "name,code,risk_level\nA,A1,R6\n,B1,R2\nC,C 1,R3\nD,A1,2\nE,E1,\n";
        let c = check(text).unwrap();
        let bad: Vec<_> =
            c.bad.iter().map(|b| (b.line, b.column.clone().unwrap_or_default(), b.problem.clone())).collect();
        assert_eq!(
            bad,
            [
                (2, "risk_level".into(), Problem::RiskLevel("R6".into())),
                (3, "name".into(), Problem::Field(FieldProblem::Required)),
                (4, "code".into(), Problem::ProductCode("C 1".into())),
                (6, "risk_level".into(), Problem::Field(FieldProblem::Required)),
            ]
        );
        // A1 on line 2 was bad, so line 5's A1 is its first good use.
        assert_eq!(c.products.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [5]);
        let twice = check("name,code,risk_level\nA,X,1\nB,X,2\n").unwrap();
        assert_eq!(twice.bad[0].problem, Problem::RepeatedCode { code: "X".into(), line: 2 });
    }

    #[test]
    fn a_file_without_a_level_column_is_refused() {
        assert!(matches!(check("name,code\nA,B\n"), Err(FileProblem::MissingColumn { column: "risk_level", .. })));
    }
}
