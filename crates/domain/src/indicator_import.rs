//! Indicator values from a CSV file, checked before anything is written: one row per customer
//! (found by ref) and measurement, one column per indicator of the grading model (headed by
//! its code, or its Chinese or English name), and an optional date column (default: the day
//! given). Every problem of every row is listed, by line and column; an empty cell is no value.

use chrono::NaiveDate;

use super::customer::CustomerId;
use super::grading::{GradingModel, Value, ValueProblem};
use super::import::FileProblem;
use super::validate::parse_date;

/// One row, ready to write: the customer, the day, and (indicator index, value) pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub line: u64,
    pub customer: CustomerId,
    pub measured_on: NaiveDate,
    pub values: Vec<(usize, Value)>,
}

/// One problem: the line of the file, the column as the file heads it, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub column: Option<String>,
    pub problem: RowReason,
}

/// Why a row or the file is refused: a value that does not read (typed, worded by the text
/// layer), or the file's shape, said in English (this file's other problems are not typed yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowReason {
    Value(ValueProblem),
    /// The file cannot be read as CSV from here on (a broken quote).
    File(FileProblem),
    Said(String),
}

impl From<String> for RowReason {
    fn from(s: String) -> Self {
        RowReason::Said(s)
    }
}

impl From<&str> for RowReason {
    fn from(s: &str) -> Self {
        RowReason::Said(s.to_string())
    }
}

/// The file, read: its rows, and the columns it has that mean nothing to the model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorFile {
    pub rows: Vec<IndicatorRow>,
    pub ignored_columns: Vec<String>,
}

const REF_NAMES: [&str; 4] = ["ref", "编号", "客户编号", "customer_ref"];
const DATE_NAMES: [&str; 6] = ["measured_on", "date", "日期", "测量日期", "统计日期", "measured"];

fn normalise(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

enum Col {
    Ref,
    Date,
    Indicator(usize),
    Ignored,
}

/// Read `text` against `model`. `customer_by_ref` finds the customers with a ref; `default_day`
/// is the measurement day of rows without a date; no day may be after `today`.
pub fn read_indicator_file(
    text: &str,
    model: &GradingModel,
    default_day: NaiveDate,
    today: NaiveDate,
    customer_by_ref: impl Fn(&str) -> Vec<CustomerId>,
) -> Result<IndicatorFile, Vec<RowProblem>> {
    let whole = |problem: String| vec![RowProblem { line: 1, column: None, problem: problem.into() }];
    let delimiter = super::import::sniff::delimiter(text).byte();
    if let Err(e) = super::import::check_quotes_with(text.strip_prefix('\u{feff}').unwrap_or(text), delimiter) {
        let line = match e {
            FileProblem::UnclosedQuote { line } | FileProblem::TextAfterQuote { line } => line,
            _ => 1,
        };
        return Err(vec![RowProblem { line, column: None, problem: RowReason::File(e) }]);
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(whole("the file is empty: the first row must name the columns".into())),
        Some(Err(e)) => return Err(whole(format!("not a readable CSV file: {e}"))),
        Some(Ok(h)) => h,
    };
    let titles: Vec<String> = header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
    let mut cols = Vec::with_capacity(titles.len());
    let mut ignored = Vec::new();
    for title in &titles {
        let n = normalise(title);
        let col = if REF_NAMES.iter().any(|r| normalise(r) == n) {
            Col::Ref
        } else if DATE_NAMES.iter().any(|d| normalise(d) == n) {
            Col::Date
        } else if let Some(i) = model
            .indicators
            .iter()
            .position(|ind| [&ind.code, &ind.name_zh, &ind.name_en].iter().any(|name| normalise(name) == n))
        {
            Col::Indicator(i)
        } else {
            if !title.is_empty() {
                ignored.push(title.clone());
            }
            Col::Ignored
        };
        cols.push(col);
    }
    let count = |pred: &dyn Fn(&Col) -> bool| cols.iter().filter(|c| pred(c)).count();
    if count(&|c| matches!(c, Col::Ref)) != 1 {
        return Err(whole(format!("the file needs exactly one customer column, headed {}", REF_NAMES.join(" or "))));
    }
    if count(&|c| matches!(c, Col::Date)) > 1 {
        return Err(whole("two date columns; keep one".into()));
    }
    for i in 0..model.indicators.len() {
        if count(&|c| matches!(c, Col::Indicator(x) if *x == i)) > 1 {
            return Err(whole(format!("two columns mean indicator \"{}\"; keep one", model.indicators[i].code)));
        }
    }
    if count(&|c| matches!(c, Col::Indicator(_))) == 0 {
        let known: Vec<&str> = model.indicators.iter().map(|i| i.code.as_str()).collect();
        return Err(whole(format!("no column names an indicator of model \"{}\" ({})", model.id, known.join(", "))));
    }

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<(CustomerId, NaiveDate), u64> = std::collections::HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(RowProblem { line, column: None, problem: format!("not readable CSV: {e}").into() });
                break;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut bad = |column: &str, problem: RowReason| {
            problems.push(RowProblem { line, column: Some(column.to_string()), problem })
        };
        if record.len() > cols.len() {
            problems.push(RowProblem {
                line,
                column: None,
                problem: format!("{} cells, but the header names {} columns", record.len(), cols.len()).into(),
            });
            continue;
        }
        let (mut customer, mut day, mut values) = (None, Some(default_day), Vec::new());
        for (cell, (col, title)) in record.iter().zip(cols.iter().zip(&titles)) {
            let cell = cell.trim();
            if cell.contains('\u{fffd}') {
                bad(title, "holds characters that are not text in the file's encoding".into());
                continue;
            }
            match col {
                Col::Ref if cell.is_empty() => bad(title, "required: the customer's ref".into()),
                Col::Ref => match customer_by_ref(cell).as_slice() {
                    [] => bad(title, format!("no customer has the ref \"{cell}\"").into()),
                    [one] => customer = Some(*one),
                    many => bad(title, format!("{} customers have the ref \"{cell}\"", many.len()).into()),
                },
                Col::Date if cell.is_empty() => {}
                Col::Date => match parse_date(&crate::dates::import_cell(cell)) {
                    None => {
                        day = None;
                        bad(title, format!("\"{cell}\" is not a real date (YYYY-MM-DD)").into());
                    }
                    Some(d) if d > today => {
                        day = None;
                        bad(title, format!("{d} is in the future (today is {today})").into());
                    }
                    Some(d) => day = Some(d),
                },
                Col::Indicator(_) if cell.is_empty() => {}
                Col::Indicator(i) => match model.parse_value(*i, cell) {
                    Ok(v) => values.push((*i, v)),
                    Err(e) => bad(title, RowReason::Value(e)),
                },
                Col::Ignored => {}
            }
        }
        let (Some(customer), Some(measured_on)) = (customer, day) else { continue };
        if let Some(first) = seen.get(&(customer, measured_on)) {
            problems.push(RowProblem {
                line,
                column: None,
                problem: format!("the same customer and day as line {first}; keep one").into(),
            });
            continue;
        }
        seen.insert((customer, measured_on), line);
        if !values.is_empty() {
            rows.push(IndicatorRow { line, customer, measured_on, values });
        }
    }
    if problems.is_empty() { Ok(IndicatorFile { rows, ignored_columns: ignored }) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl RowProblem {
        fn said(&self) -> String {
            match &self.problem {
                RowReason::Said(s) => s.clone(),
                RowReason::Value(v) => format!("{v:?}"),
                RowReason::File(f) => format!("{f:?}"),
            }
        }
    }

    fn shown(p: &RowProblem) -> String {
        match &p.column {
            Some(c) => format!("line {}, column \"{c}\": {}", p.line, p.said()),
            None => format!("line {}: {}", p.line, p.said()),
        }
    }

    fn model() -> GradingModel {
        crate::test_data::grading_model("brokerage").expect("shipped")
    }

    fn day(s: &str) -> NaiveDate {
        parse_date(s).expect("a date")
    }

    fn read(text: &str) -> Result<IndicatorFile, Vec<RowProblem>> {
        let refs = |r: &str| match r {
            "K-1" => vec![CustomerId(1)],
            "K-2" => vec![CustomerId(2)],
            _ => vec![],
        };
        read_indicator_file(text, &model(), day("2026-11-01"), day("2026-11-23"), refs)
    }

    #[test]
    fn broken_quotes_are_refused_naming_the_line() {
        let err = read("\u{feff}ref,净佣金\r\nK-1,\"8000\r\nK-2,9000\r\n").unwrap_err();
        assert_eq!(err[0].line, 2, "{err:?}");
        let err = read("ref,净佣金\nK-1,8000\nK-2,\"9000\"0\n").unwrap_err();
        assert_eq!(err[0].line, 3, "{err:?}");
        assert!(matches!(err[0].problem, RowReason::File(FileProblem::TextAfterQuote { line: 3 })), "{err:?}");
    }

    #[test]
    fn headers_by_code_or_name_in_either_language_with_a_bom() {
        let f = read("\u{feff}客户编号,Average daily assets,净佣金,备注\nK-1,\"5,000,000\",,VIP?\nK-2,300万,8000,\n\n")
            .unwrap();
        assert_eq!(f.ignored_columns, ["备注"]);
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].values, [(0, Value::Number(5_000_000.0))], "an empty cell is no value");
        assert_eq!(f.rows[0].measured_on, day("2026-11-01"), "the default day");
        assert_eq!(f.rows[1].values, [(0, Value::Number(3_000_000.0)), (1, Value::Number(8000.0))]);
        assert_eq!(f.rows[1].line, 3);
    }

    #[test]
    fn the_file_must_name_its_customers_and_an_indicator() {
        let e = read("name,avg_daily_assets\nx,1\n").unwrap_err();
        assert!(e[0].said().contains("customer column"), "{e:?}");
        let e = read("ref,备注\nK-1,x\n").unwrap_err();
        assert!(e[0].said().contains("no column names an indicator"), "{e:?}");
        let e = read("ref,avg_daily_assets,日均资产\nK-1,1,2\n").unwrap_err();
        assert!(e[0].said().contains("two columns mean indicator \"avg_daily_assets\""), "{e:?}");
        assert!(read("").is_err());
    }

    #[test]
    fn every_bad_row_is_listed_with_its_line_and_column() {
        let e = read(
            "ref,date,avg_daily_assets,net_commission\n\
             K-1,2026-06-30,1000,5\n\
             K-1,2026-06-30,2000,5\n\
             ,2026-06-30,1,1\n\
             K-2,2026-13-01,1,1\n\
             K-2,2026-06-30,lots,1,extra\n",
        )
        .unwrap_err();
        let got: Vec<String> = e.iter().map(shown).collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[0].starts_with("line 3: the same customer and day as line 2"), "{got:#?}");
        assert!(got[1].starts_with("line 4, column \"ref\": required"), "{got:#?}");
        assert!(got[2].starts_with("line 5, column \"date\": \"2026-13-01\" is not a real date"), "{got:#?}");
        assert!(got[3].starts_with("line 6: 5 cells, but the header names 4 columns"), "{got:#?}");
    }
}
