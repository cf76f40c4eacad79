//! The form's tier is picked, not typed: a letter picks the tier whose code starts with it
//! (again: the next such tier), Left/Right or Ctrl-P/Ctrl-N step through the scheme, a
//! paste must be a tier's code. Anything else is said and changes nothing, so typing "B"
//! over a pre-filled "D" gives B, never "DB". The tier prompt (`T`) picks its tier the same
//! way.

use crate::domain::tier::TierScheme;
use crate::i18n::pick_texts::PK;
use crate::i18n::{Lang, fill};
use crate::ui::action::Action;

/// The tier after typing `c` on `current`; Err: the warning to show.
pub fn typed(scheme: &TierScheme, current: &str, c: char, lang: Lang) -> Result<String, String> {
    let starts = |code: &str| code.chars().next().is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()));
    let matching: Vec<&str> = scheme.tiers.iter().map(|t| t.code.as_str()).filter(|code| starts(code)).collect();
    let at = matching.iter().position(|code| code.eq_ignore_ascii_case(current));
    match (matching.is_empty(), at) {
        (true, _) => Err(refusal(scheme, &c.to_string(), lang)),
        (false, Some(i)) => Ok(matching[(i + 1) % matching.len()].to_string()),
        (false, None) => Ok(matching[0].to_string()),
    }
}

/// The tier after a step action (Left/Right, Ctrl-P/Ctrl-N); None for other actions.
pub fn stepped(scheme: &TierScheme, current: &str, action: Action) -> Option<String> {
    let step: isize = match action {
        Action::CursorLeft | Action::PickPrev => -1,
        Action::CursorRight | Action::PickNext => 1,
        _ => return None,
    };
    let n = scheme.tiers.len() as isize;
    if n == 0 {
        return None;
    }
    let now =
        scheme.tiers.iter().position(|t| t.code.eq_ignore_ascii_case(current)).map_or(-step.max(0), |i| i as isize);
    let next = (now + step).rem_euclid(n) as usize;
    scheme.tiers.get(next).map(|t| t.code.clone())
}

/// A pasted tier: a code of the scheme (any case), else the warning.
pub fn pasted(scheme: &TierScheme, text: &str, lang: Lang) -> Result<String, String> {
    scheme.tier(text.trim()).map(|t| t.code.clone()).ok_or_else(|| refusal(scheme, text.trim(), lang))
}

fn refusal(scheme: &TierScheme, typed: &str, lang: Lang) -> String {
    fill(PK::NotATier.get(lang), &[&crate::safe_text::visible(typed), &scheme.codes().join(" ")])
}

/// What the field shows: the code and the tier's name ("B  Major").
pub fn shown(scheme: &TierScheme, code: &str, lang: Lang) -> String {
    match scheme.tier(code) {
        Some(t) => format!("{}  {}", t.code, t.name(lang)),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_pick_and_cycle_steps_wrap_and_others_are_refused() {
        let abcd = crate::data::default_scheme();
        assert_eq!(typed(&abcd, "D", 'b', Lang::En), Ok("B".into()));
        assert_eq!(typed(&abcd, "B", 'B', Lang::En), Ok("B".into()), "the only B stays B");
        assert!(typed(&abcd, "D", 'x', Lang::En).unwrap_err().contains("A B C D"));
        assert_eq!(stepped(&abcd, "D", Action::CursorRight), Some("A".into()));
        assert_eq!(stepped(&abcd, "A", Action::CursorLeft), Some("D".into()));
        assert_eq!(stepped(&abcd, "B", Action::DeleteBack), None);
        assert_eq!(pasted(&abcd, " c ", Lang::En), Ok("C".into()));
        assert!(pasted(&abcd, "Z", Lang::Zh).is_err());
        let (_, file, text) = crate::data::BUILTIN_SCHEMES.iter().find(|(id, _, _)| *id == "brokerage").unwrap();
        let brokerage = TierScheme::parse(file, text).unwrap();
        assert_eq!(typed(&brokerage, "ORD", 'p', Lang::En), Ok("POT".into()));
        assert_eq!(typed(&brokerage, "ORD", 'v', Lang::En), Ok("VIP".into()));
    }
}
