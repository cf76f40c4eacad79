//! The files shipped in `data/`, embedded at build time so the binary runs anywhere.

use crate::domain::tier::TierScheme;

pub const DEFAULT_SCHEME: &str = include_str!("../data/tiers/default.toml");
pub const BROKERAGE_SCHEME: &str = include_str!("../data/tiers/brokerage.toml");
pub const LEADS_SCHEME: &str = include_str!("../data/tiers/leads.toml");
pub const KEYMAP: &str = include_str!("../data/keymap.toml");
pub const CONTACT_KINDS: &str = include_str!("../data/contact_kinds.toml");

pub mod demo {
    pub const COMPANIES: &str = include_str!("../data/demo/companies.txt");
    pub const PEOPLE: &str = include_str!("../data/demo/people.txt");
    pub const PLACES: &str = include_str!("../data/demo/places.txt");
    pub const NOTES: &str = include_str!("../data/demo/notes.txt");
}

pub mod themes {
    pub const DARK: &str = include_str!("../themes/dark.toml");
    pub const LIGHT: &str = include_str!("../themes/light.toml");
    pub const HIGH_CONTRAST: &str = include_str!("../themes/high-contrast.toml");
}

/// The schemes shipped with tierdesk, by name: (name, file name, text).
pub const BUILTIN_SCHEMES: [(&str, &str, &str); 3] = [
    ("default", "data/tiers/default.toml", DEFAULT_SCHEME),
    ("brokerage", "data/tiers/brokerage.toml", BROKERAGE_SCHEME),
    ("leads", "data/tiers/leads.toml", LEADS_SCHEME),
];

/// A shipped scheme's source, by name.
pub fn builtin_scheme_source(name: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN_SCHEMES.iter().find(|(n, _, _)| *n == name).map(|(_, file, text)| (*file, *text))
}

/// The contact kinds. The shipped file is checked by tests.
pub fn contact_kinds() -> crate::domain::contact_kind::ContactKinds {
    crate::domain::contact_kind::ContactKinds::parse("data/contact_kinds.toml", CONTACT_KINDS)
        .expect("the shipped contact kinds are valid (tested)")
}

/// The default ABCD scheme. The shipped file is checked by tests, so this cannot fail
/// in a released binary.
pub fn default_scheme() -> TierScheme {
    TierScheme::parse("data/tiers/default.toml", DEFAULT_SCHEME).expect("the shipped default scheme is valid (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tier::Cadence;

    #[test]
    fn every_shipped_scheme_loads() {
        for (name, file, text) in BUILTIN_SCHEMES {
            let s = TierScheme::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(s.id, name);
        }
    }

    #[test]
    fn default_cadences_are_the_briefs() {
        let s = default_scheme();
        let cadences: Vec<_> = s.tiers.iter().map(|t| (t.code.as_str(), t.cadence)).collect();
        assert_eq!(
            cadences,
            vec![
                ("A", Cadence::weeks(1)),
                ("B", Cadence::weeks(2)),
                ("C", Cadence::months(1)),
                ("D", Cadence::years(1)),
            ]
        );
    }

    #[test]
    fn only_the_brokerage_scheme_requires_an_assessment() {
        for (name, file, text) in BUILTIN_SCHEMES {
            let s = TierScheme::parse(file, text).unwrap();
            assert_eq!(s.assessment_required, name == "brokerage", "{name}");
        }
    }

    #[test]
    fn leads_cadences_follow_the_domain() {
        let (file, text) = builtin_scheme_source("leads").unwrap();
        let s = TierScheme::parse(file, text).unwrap();
        let c: Vec<_> = s.tiers.iter().map(|t| t.cadence).collect();
        assert_eq!(
            c,
            vec![Cadence::days(1), Cadence::weeks(1), Cadence::days(15), Cadence::months(1), Cadence::years(1)]
        );
    }
}
