//! A customer's temperament on the command line: `--temperament` of `customer add` and
//! `customer edit` (a key or a zh/en name; "" or none clears it), and the temperament as
//! `customer show` prints it, its advice included.

use serde::Serialize;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::domain::temperament::{TemperamentChoice, Temperaments};
use crate::i18n::Lang;
use crate::i18n::temperament_texts::M;

/// The key `--temperament TEXT` sets (None: it clears), or a refusal listing the keys.
pub(super) fn chosen(ctx: &Context, text: &str) -> Result<Option<String>, CliError> {
    let list = ctx.temperaments()?;
    match list.choice(text) {
        Some(TemperamentChoice::Clear) => Ok(None),
        Some(TemperamentChoice::Set(key)) => Ok(Some(key)),
        None => Err(Refusal::UnknownTemperament {
            flag: "--temperament",
            text: text.to_string(),
            known: list.keys().join(", "),
        }
        .into()),
    }
}

/// `temperament` in `customer show --format json`: null when none is set.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(super) struct TemperamentOut {
    key: String,
    name: String,
    advice: String,
}

/// The stored key with its name and advice in `lang`; a key the list does not hold (the
/// list was replaced since) is shown as it is, with no advice.
pub(super) fn out(list: &Temperaments, key: &str, lang: Lang) -> TemperamentOut {
    match list.get(key) {
        Some(t) => {
            TemperamentOut { key: key.to_string(), name: t.name(lang).to_string(), advice: t.advice(lang).to_string() }
        }
        None => TemperamentOut { key: key.to_string(), name: key.to_string(), advice: String::new() },
    }
}

/// The temperament's lines of `customer show`: its name, then its advice (none: "not set").
pub(super) fn text_lines(list: &Temperaments, key: Option<&str>, lang: Lang) -> String {
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let Some(key) = key else {
        return format!("{}{colon}{}\n", M::Label.get(lang), M::NoneSet.get(lang));
    };
    let t = out(list, key, lang);
    let name = if list.get(key).is_some() { t.name } else { crate::i18n::fill(M::UnknownKey.get(lang), &[&key]) };
    let mut text = format!("{}{colon}{name}\n", M::Label.get(lang));
    if !t.advice.is_empty() {
        text.push_str(&format!("{}{colon}{}\n", M::Advice.get(lang), t.advice));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_prints_the_name_and_the_advice_or_says_none_is_set() {
        let list = crate::data::temperaments();
        let zh = text_lines(&list, Some("haggler"), Lang::Zh);
        assert!(zh.starts_with("顾客类型：杀价型\n应对建议：守住价格"), "{zh}");
        assert_eq!(text_lines(&list, None, Lang::En), "Temperament: (not set)\n");
        assert_eq!(text_lines(&list, Some("gone"), Lang::En), "Temperament: \"gone\" (not in the temperament list)\n");
        assert_eq!(
            out(&list, "gone", Lang::En),
            TemperamentOut { key: "gone".into(), name: "gone".into(), advice: "".into() }
        );
    }
}
