//! Who may sign off a move into the top tier. In a solo book the product cannot know who is
//! typing: the approver's name is taken as typed and recorded as not verified (real
//! identities come with a team book). The one rule it can hold is that the approver is not,
//! by name, the person who made the move, however the name is spaced, cased or typed
//! (half- or full-width).

use super::tier::TierScheme;

/// Whether a customer's tier going from `from` (None: the customer is new) to `to` waits for
/// a sign-off: a move into the top tier from below, or a customer started in it (else adding
/// a customer would be a way round the sign-off).
pub fn awaits_signoff(scheme: &TierScheme, from: Option<&str>, to: &str) -> bool {
    scheme.rank(to) == 0 && from.is_none_or(|f| scheme.rank(f) > 0)
}

/// Why a sign-off is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No approver's name (blank).
    NoName,
    /// The approver's name is the mover's.
    SamePerson,
}

/// Whether `approver` may sign off a move made by `mover`.
pub fn check_approver(mover: &str, approver: &str) -> Result<(), Refusal> {
    if approver.trim().is_empty() {
        return Err(Refusal::NoName);
    }
    if same_person(mover, approver) {
        return Err(Refusal::SamePerson);
    }
    Ok(())
}

/// Whether two typed names are the same name.
pub fn same_person(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A name as compared: invisible characters dropped, full-width letters, digits and spaces
/// read as their half-width selves, runs of spaces as one, ends trimmed, and case folded
/// (upper then lower, so that "ß" and "SS" meet, as full case folding has them).
fn name_key(name: &str) -> String {
    let narrowed: String = name.chars().filter(|c| !invisible(*c)).map(half_width).collect();
    let spaced = narrowed.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.to_uppercase().to_lowercase()
}

/// Zero-width characters a pasted name may carry unseen.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// The half-width form of a full-width ASCII character (Ａ, ｚ, ０, the ideographic space).
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_in_or_a_move_into_the_top_tier_awaits_sign_off() {
        let scheme = crate::test_data::default_scheme();
        let cases = [
            (None, "A", true),
            (Some("B"), "A", true),
            (Some("D"), "A", true),
            (None, "B", false),
            (Some("A"), "B", false),
            (Some("C"), "B", false),
            (Some("A"), "A", false),
        ];
        for (from, to, want) in cases {
            assert_eq!(awaits_signoff(&scheme, from, to), want, "{from:?} -> {to}");
        }
    }

    #[test]
    fn names_that_are_the_same_name_are_refused() {
        let same = [
            ("Zhang", "Zhang"),
            ("Zhang", " zhang "),
            ("zhang", "ZHANG"),
            ("张伟", "张伟"),
            ("张伟", "\u{3000}张伟\u{3000}"),
            ("Zhang Wei", "zhang  wei"),
            ("Zhang Wei", "Zhang\u{3000}Wei"),
            ("Zhang", "Ｚｈａｎｇ"),
            ("zhang", "ＺＨＡＮＧ"),
            ("Émile", "ÉMILE"),
            ("Ólafur", "ólafur"),
            ("Strauß", "STRAUSS"),
            ("Οδυσσέας", "ΟΔΥΣΣΈΑΣ"),
            ("Lin\u{200B}", "lin"),
        ];
        for (mover, approver) in same {
            assert_eq!(check_approver(mover, approver), Err(Refusal::SamePerson), "{mover:?} / {approver:?}");
        }
    }

    #[test]
    fn other_names_may_sign_off_and_a_blank_one_is_no_name() {
        let others =
            [("Zhang", "Zhou"), ("张伟", "张伟伟"), ("Zhang Wei", "ZhangWei2"), ("Lin", "Lin Xiao"), ("李", "季")];
        for (mover, approver) in others {
            assert_eq!(check_approver(mover, approver), Ok(()), "{mover:?} / {approver:?}");
        }
        for blank in ["", "   ", "\u{3000}", "\t"] {
            assert_eq!(check_approver("Zhang", blank), Err(Refusal::NoName), "{blank:?}");
        }
    }
}
