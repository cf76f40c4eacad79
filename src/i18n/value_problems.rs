//! An indicator value that does not read, worded in the interface language: the domain says
//! what is wrong (`ValueProblem`), this says it with what is allowed.

use super::problems::P;
use super::{Lang, fill};
use crate::domain::grading::ValueProblem;
use crate::domain::indicator_import::{RowProblem, RowReason};

/// "\"lots\" is not a number; write a number such as 5000000, ...".
pub fn value_problem(p: &ValueProblem, lang: Lang) -> String {
    let hint = P::NumberHint.get(lang);
    match p {
        ValueProblem::NoIndicator(no) => fill(P::NoIndicatorNo.get(lang), &[no]),
        ValueProblem::NotAChoice { raw, choices } => fill(P::NotAChoice.get(lang), &[raw, &choices.join(", ")]),
        ValueProblem::EmptyNumber => fill(P::EmptyNumber.get(lang), &[&hint]),
        ValueProblem::PercentNotMeasured { raw } => fill(P::PercentNotMeasured.get(lang), &[raw]),
        ValueProblem::MisplacedComma { raw } => fill(P::MisplacedComma.get(lang), &[raw, &hint]),
        ValueProblem::NotANumber { raw } => fill(P::NotANumber.get(lang), &[raw, &hint]),
    }
}

/// One problem of an indicator file: "line 4, column \"ref\": required: the customer's ref".
/// The file's shape problems are still said in English by the domain; a value's in `lang`.
pub fn indicator_row(p: &RowProblem, lang: Lang) -> String {
    let reason = match &p.problem {
        RowReason::Said(s) => s.clone(),
        RowReason::Value(v) => value_problem(v, lang),
        RowReason::File(f) => super::import_problems::file_problem(f, lang),
    };
    match &p.column {
        Some(c) => format!("line {}, column \"{c}\": {reason}", p.line),
        None => format!("line {}: {reason}", p.line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_problems_read_in_both_languages() {
        let p = ValueProblem::NotANumber { raw: "lots".into() };
        assert_eq!(
            value_problem(&p, Lang::En),
            "\"lots\" is not a number; write a number such as 5000000, 5,000,000, 1.5e6 or 500万"
        );
        assert!(value_problem(&p, Lang::Zh).starts_with("“lots”不是数字；"));
        let p = ValueProblem::NotAChoice { raw: "EDI".into(), choices: vec!["edi".into(), "online".into()] };
        assert_eq!(value_problem(&p, Lang::En), "\"EDI\" is not one of: edi, online");
    }
}
