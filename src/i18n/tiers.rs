//! A tier's contact rules in words: "every 2 weeks" / "每 2 周", "visit every 2 weeks".
//! The domain (`domain::tier`) holds the cadences and requirements; this says them.

use super::{Lang, fill};
use crate::domain::tier::{Cadence, CadenceUnit, Requirement};

texts! { K:
    EveryOne => "每{}", "every {}";
    EveryN => "每 {} {}", "every {} {}s";
    Day => "天", "day";
    Week => "周", "week";
    Month => "个月", "month";
    MonthOne => "月", "month";
    Year => "年", "year";
    KindsSep => "/", " or ";
}

/// "every 2 weeks" / "每 2 周", "every month" / "每月".
pub fn cadence(c: &Cadence, lang: Lang) -> String {
    let unit = match c.unit {
        CadenceUnit::Day => K::Day,
        CadenceUnit::Week => K::Week,
        CadenceUnit::Month if c.every == 1 => K::MonthOne,
        CadenceUnit::Month => K::Month,
        CadenceUnit::Year => K::Year,
    };
    let unit = unit.get(lang);
    if c.every == 1 { fill(K::EveryOne.get(lang), &[&unit]) } else { fill(K::EveryN.get(lang), &[&c.every, &unit]) }
}

/// "visit every 2 weeks", "每 2 周拜访", "every week" (the kind names are resolved by the caller).
pub fn requirement(r: &Requirement, lang: Lang, kind_name: impl Fn(&str) -> String) -> String {
    let every = cadence(&r.cadence, lang);
    match &r.kinds {
        None => every,
        Some(kinds) => {
            let names = kinds.iter().map(|k| kind_name(k)).collect::<Vec<_>>().join(K::KindsSep.get(lang));
            match lang {
                Lang::Zh => format!("{every}{names}"),
                Lang::En => format!("{names} {every}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_cadences_in_both_languages() {
        assert_eq!(cadence(&Cadence::weeks(2), Lang::En), "every 2 weeks");
        assert_eq!(cadence(&Cadence::weeks(1), Lang::En), "every week");
        assert_eq!(cadence(&Cadence::months(1), Lang::Zh), "每月");
        assert_eq!(cadence(&Cadence::months(3), Lang::Zh), "每 3 个月");
        assert_eq!(cadence(&Cadence::weeks(2), Lang::Zh), "每 2 周");
        assert_eq!(cadence(&Cadence::years(1), Lang::Zh), "每年");
    }

    #[test]
    fn a_requirement_names_its_kinds() {
        let mut r = Requirement::any(Cadence::weeks(2));
        assert_eq!(requirement(&r, Lang::En, |k| k.to_string()), "every 2 weeks");
        r.kinds = Some(vec!["visit".into(), "call".into()]);
        assert_eq!(requirement(&r, Lang::En, |k| k.to_string()), "visit or call every 2 weeks");
        assert_eq!(requirement(&r, Lang::Zh, |k| k.to_uppercase()), "每 2 周VISIT/CALL");
    }
}
