//! Values as people type and read them: parsing a form field or CSV cell into a [`Value`],
//! showing a value, and turning a value into a fraction of an indicator's weight.

use std::fmt;

use super::{GradingModel, Indicator, Points, Value, ValueKind};

impl fmt::Display for Value {
    /// Numbers as plain as they round-trip (5000000, 12.5; never "5000000.0"), so that an
    /// export can be read back; texts as they are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // `+ 0.0` turns -0 into 0: nobody wants to read "-0".
            Value::Number(n) => write!(f, "{}", n + 0.0),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// A number for reading: thousands grouped, at most two decimals, no trailing zeros
/// ("5,000,000", "49,999.99", "86.5").
pub fn format_number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0 + 0.0;
    let plain = format!("{:.2}", rounded.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

impl Indicator {
    /// The fraction of the weight a value earns (0 to 1); None when the value is of the wrong
    /// kind or not a listed choice (the grade then counts the indicator as missing).
    pub fn fraction(&self, value: &Value) -> Option<f64> {
        match (&self.points, value) {
            (Points::Linear { lo, hi }, Value::Number(v)) => Some(((v - lo) / (hi - lo)).clamp(0.0, 1.0)),
            (Points::Bands(bands), Value::Number(v)) => {
                // Few bands (a handful): a scan from the top beats a binary search here.
                let band = bands.iter().rev().find(|b| *v >= b.from);
                Some(band.map_or(0.0, |b| b.percent / 100.0))
            }
            (Points::Lookup(percents), Value::Text(t)) => {
                let i = self.choices().iter().position(|c| c == t)?;
                percents.get(i).map(|p| p / 100.0)
            }
            _ => None,
        }
    }

    /// A typed value for this indicator; see [`GradingModel::parse_value`].
    pub fn parse_value(&self, raw: &str) -> Result<Value, ValueProblem> {
        let raw = raw.trim();
        match &self.kind {
            ValueKind::Choice(choices) => match choices.iter().find(|c| c.as_str() == raw) {
                Some(c) => Ok(Value::Text(c.clone())),
                None => Err(ValueProblem::NotAChoice { raw: raw.to_string(), choices: choices.clone() }),
            },
            ValueKind::Number => parse_number(raw, self.unit.as_deref() == Some("%")).map(Value::Number),
        }
    }
}

impl GradingModel {
    /// A typed value for indicator `index` from a form or a CSV cell, trimmed.
    ///
    /// Numbers accept "5000000", "5,000,000" (commas only between groups of three, so the
    /// European "1,5" is refused rather than read as 15), "1.5e6", "-3", a 万 (10,000) or 亿
    /// (100,000,000) suffix as Chinese amounts are often written ("500万"), and a trailing "%"
    /// when the indicator is measured in % ("12.5%" is 12.5). Choices must match a listed choice
    /// exactly. The error says what is wrong; the text layer words it with what is allowed.
    pub fn parse_value(&self, index: usize, raw: &str) -> Result<Value, ValueProblem> {
        match self.indicators.get(index) {
            Some(indicator) => indicator.parse_value(raw),
            None => Err(ValueProblem::NoIndicator(index + 1)),
        }
    }
}

/// Why a typed text is no value of its indicator. `raw` is the text as typed, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// The model has no indicator with this number (from 1).
    NoIndicator(usize),
    /// Not one of the indicator's listed choices.
    NotAChoice {
        raw: String,
        choices: Vec<String>,
    },
    /// Nothing typed where a number is wanted.
    EmptyNumber,
    /// A percentage for an indicator not measured in %.
    PercentNotMeasured {
        raw: String,
    },
    /// Commas that are not between groups of three digits.
    MisplacedComma {
        raw: String,
    },
    NotANumber {
        raw: String,
    },
}

/// Why typed indicator values cannot be recorded: the first value that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorValueProblem {
    /// The model has no indicator with this code.
    UnknownIndicator(String),
    /// The value does not read as its indicator's kind.
    BadValue { code: String, problem: ValueProblem },
}

impl GradingModel {
    /// Typed values from (indicator code, text as typed) pairs, as a form hands them over:
    /// each code is matched to the model's indicator (any case) and the value parsed for it
    /// (see [`GradingModel::parse_value`]). The codes come back as the model spells them.
    pub fn parse_values(&self, values: Vec<(String, String)>) -> Result<Vec<(String, Value)>, IndicatorValueProblem> {
        values
            .into_iter()
            .map(|(code, raw)| {
                let i =
                    self.indicator_index(&code).ok_or_else(|| IndicatorValueProblem::UnknownIndicator(code.clone()))?;
                let value =
                    self.parse_value(i, &raw).map_err(|problem| IndicatorValueProblem::BadValue { code, problem })?;
                Ok((self.indicators[i].code.clone(), value))
            })
            .collect()
    }
}

fn parse_number(raw: &str, percent_unit: bool) -> Result<f64, ValueProblem> {
    if raw.is_empty() {
        return Err(ValueProblem::EmptyNumber);
    }
    let (body, factor) = if let Some(b) = raw.strip_suffix(['%', '％']) {
        if !percent_unit {
            return Err(ValueProblem::PercentNotMeasured { raw: raw.to_string() });
        }
        (b, 1.0)
    } else if let Some(b) = raw.strip_suffix('万') {
        (b, 1e4)
    } else if let Some(b) = raw.strip_suffix('亿') {
        (b, 1e8)
    } else {
        (raw, 1.0)
    };
    let body = body.trim_end();
    let digits = ungroup(body).ok_or_else(|| ValueProblem::MisplacedComma { raw: raw.to_string() })?;
    // `f64::from_str` also takes "inf", "nan" and "infinity": only digits, a sign, a point and
    // an exponent are numbers here.
    let plain = digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match digits.parse::<f64>() {
        Ok(n) if plain && digits.contains(|c: char| c.is_ascii_digit()) && (n * factor).is_finite() => Ok(n * factor),
        _ => Err(ValueProblem::NotANumber { raw: raw.to_string() }),
    }
}

/// The number without its thousands commas, or None when the commas are not between groups
/// of three digits in the integer part.
fn ungroup(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let (int, rest) = match text.find(['.', 'e', 'E']) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    if rest.contains(',') {
        return None;
    }
    let unsigned = int.strip_prefix(['-', '+']).unwrap_or(int);
    let mut groups = unsigned.split(',');
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_digit());
    let rest_ok = groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok).then(|| format!("{}{rest}", int.replace(',', "")))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("5000000", false, Ok(5_000_000.0))]
    #[case(" 5,000,000 ", false, Ok(5_000_000.0))]
    #[case("-1,234.5", false, Ok(-1234.5))]
    #[case("1.5e6", false, Ok(1_500_000.0))]
    #[case("500万", false, Ok(5_000_000.0))]
    #[case("1.2亿", false, Ok(120_000_000.0))]
    #[case("12.5%", true, Ok(12.5))]
    #[case("12.5", true, Ok(12.5))]
    #[case("12.5%", false, Err(ValueProblem::PercentNotMeasured { raw: "12.5%".into() }))]
    #[case("1,5", false, Err(ValueProblem::MisplacedComma { raw: "1,5".into() }))]
    #[case("1,0000", false, Err(ValueProblem::MisplacedComma { raw: "1,0000".into() }))]
    #[case("nan", false, Err(ValueProblem::NotANumber { raw: "nan".into() }))]
    #[case("inf", false, Err(ValueProblem::NotANumber { raw: "inf".into() }))]
    #[case("abc", false, Err(ValueProblem::NotANumber { raw: "abc".into() }))]
    #[case("万", false, Err(ValueProblem::NotANumber { raw: "万".into() }))]
    #[case("", false, Err(ValueProblem::EmptyNumber))]
    fn parses_numbers(#[case] raw: &str, #[case] percent: bool, #[case] want: Result<f64, ValueProblem>) {
        match (parse_number(raw.trim(), percent), want) {
            (Ok(got), Ok(want)) => assert!((got - want).abs() < 1e-6, "{raw}: {got}"),
            (Err(got), Err(want)) => assert_eq!(got, want, "{raw}"),
            (got, want) => panic!("{raw}: got {got:?}, want {want:?}"),
        }
    }

    #[rstest]
    #[case(5_000_000.0, "5000000")]
    #[case(12.5, "12.5")]
    #[case(-0.0, "0")]
    fn shows_values_plainly(#[case] n: f64, #[case] want: &str) {
        assert_eq!(Value::Number(n).to_string(), want);
        assert_eq!(Value::Text("好".into()).to_string(), "好");
    }

    #[rstest]
    #[case(5_000_000.0, "5,000,000")]
    #[case(49_999.99, "49,999.99")]
    #[case(86.5, "86.5")]
    #[case(999.0, "999")]
    #[case(-1234.567, "-1,234.57")]
    #[case(-0.001, "0")]
    fn formats_numbers_for_reading(#[case] n: f64, #[case] want: &str) {
        assert_eq!(format_number(n), want);
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(c, v)| (c.to_string(), v.to_string())).collect()
    }

    #[test]
    fn form_values_parse_into_the_models_codes() {
        let m = crate::test_data::grading_model("distributor").unwrap();
        let got = m.parse_values(pairs(&[("GROSS_MARGIN", "12.5%"), ("ordering_method", " edi ")])).unwrap();
        assert_eq!(
            got,
            vec![
                ("gross_margin".to_string(), Value::Number(12.5)),
                ("ordering_method".to_string(), Value::Text("edi".into()))
            ]
        );
    }

    #[test]
    fn form_values_name_the_first_wrong_one() {
        let m = crate::test_data::grading_model("distributor").unwrap();
        let unknown = m.parse_values(pairs(&[("gross_margin", "1"), ("shoe_size", "42")])).unwrap_err();
        assert_eq!(unknown, IndicatorValueProblem::UnknownIndicator("shoe_size".into()));
        let bad = m.parse_values(pairs(&[("purchase_amount", "lots")])).unwrap_err();
        assert!(matches!(&bad, IndicatorValueProblem::BadValue { code, .. } if code == "purchase_amount"), "{bad:?}");
        let lots = ValueProblem::NotANumber { raw: "lots".into() };
        assert_eq!(bad, IndicatorValueProblem::BadValue { code: "purchase_amount".into(), problem: lots });
    }
}
