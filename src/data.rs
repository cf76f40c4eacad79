//! The files shipped in `data/`, embedded at build time so the binary runs anywhere.

use std::sync::LazyLock;

use crate::domain::contact_kind::ContactKinds;
use crate::domain::grading::GradingModel;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::temperament::Temperaments;
use crate::domain::tier::TierScheme;

pub const DEFAULT_SCHEME: &str = include_str!("../data/tiers/default.toml");
pub const BROKERAGE_SCHEME: &str = include_str!("../data/tiers/brokerage.toml");
pub const LEADS_SCHEME: &str = include_str!("../data/tiers/leads.toml");
pub const KEYMAP: &str = include_str!("../data/keymap.toml");
pub const CONTACT_KINDS: &str = include_str!("../data/contact_kinds.toml");
pub const TEMPERAMENTS: &str = include_str!("../data/temperaments.toml");
pub const RISK_TOLERANCE: &str = include_str!("../data/questionnaires/risk_tolerance.toml");

/// The questionnaires shipped with tierdesk: (file name, text). The first is the default.
pub const BUILTIN_QUESTIONNAIRES: [(&str, &str); 1] = [("data/questionnaires/risk_tolerance.toml", RISK_TOLERANCE)];

/// The grading models shipped with tierdesk: (file name, text). Each names the scheme it
/// grades for; the tests check that its tiers are that scheme's.
pub const BUILTIN_GRADING: [(&str, &str); 3] = [
    ("data/grading/distributor.toml", include_str!("../data/grading/distributor.toml")),
    ("data/grading/brokerage.toml", include_str!("../data/grading/brokerage.toml")),
    ("data/grading/ranked.toml", include_str!("../data/grading/ranked.toml")),
];

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

// Each shipped file is parsed once, on first use, and kept: screens ask for them while
// drawing (a questionnaire once per table row), and parsing TOML there is wasted work.
// The `expect`s cannot fire in a released binary: the tests below parse every shipped file.

static PARSED_CONTACT_KINDS: LazyLock<ContactKinds> = LazyLock::new(|| {
    ContactKinds::parse("data/contact_kinds.toml", CONTACT_KINDS).expect("the shipped contact kinds are valid (tested)")
});

static PARSED_TEMPERAMENTS: LazyLock<Temperaments> = LazyLock::new(|| {
    Temperaments::parse("data/temperaments.toml", TEMPERAMENTS).expect("the shipped temperaments are valid (tested)")
});

static PARSED_QUESTIONNAIRES: LazyLock<Vec<Questionnaire>> = LazyLock::new(|| {
    BUILTIN_QUESTIONNAIRES
        .iter()
        .map(|(file, text)| Questionnaire::parse(file, text).expect("the shipped questionnaires are valid (tested)"))
        .collect()
});

static PARSED_GRADING: LazyLock<Vec<GradingModel>> = LazyLock::new(|| {
    BUILTIN_GRADING
        .iter()
        .map(|(file, text)| GradingModel::parse(file, text).expect("the shipped grading models are valid (tested)"))
        .collect()
});

static PARSED_DEFAULT_SCHEME: LazyLock<TierScheme> = LazyLock::new(|| {
    TierScheme::parse("data/tiers/default.toml", DEFAULT_SCHEME).expect("the shipped default scheme is valid (tested)")
});

/// The contact kinds. The shipped file is checked by tests.
pub fn contact_kinds() -> ContactKinds {
    PARSED_CONTACT_KINDS.clone()
}

/// The shipped customer temperaments (a config folder's own file replaces them:
/// `app::temperaments`). The shipped file is checked by tests.
pub fn temperaments() -> Temperaments {
    PARSED_TEMPERAMENTS.clone()
}

/// The shipped questionnaires, the default first. The shipped files are checked by tests.
pub fn questionnaires() -> Vec<Questionnaire> {
    PARSED_QUESTIONNAIRES.clone()
}

/// A shipped questionnaire by id, without copying it.
pub fn shipped_questionnaire(id: &str) -> Option<&'static Questionnaire> {
    PARSED_QUESTIONNAIRES.iter().find(|q| q.id == id)
}

/// A shipped questionnaire by id.
pub fn questionnaire(id: &str) -> Option<Questionnaire> {
    shipped_questionnaire(id).cloned()
}

/// The shipped grading models, in `BUILTIN_GRADING` order. The shipped files are checked by
/// tests.
pub fn grading_models() -> Vec<GradingModel> {
    PARSED_GRADING.clone()
}

/// A shipped grading model by id (its file's name, which the tests check is its id).
pub fn grading_model(id: &str) -> Option<GradingModel> {
    let i = BUILTIN_GRADING.iter().position(|(file, _)| file.ends_with(&format!("/{id}.toml")))?;
    PARSED_GRADING.get(i).cloned()
}

/// The default ABCD scheme. The shipped file is checked by tests, so this cannot fail
/// in a released binary.
pub fn default_scheme() -> TierScheme {
    PARSED_DEFAULT_SCHEME.clone()
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
    fn the_shipped_temperaments_load_all_ten() {
        let t = Temperaments::parse("data/temperaments.toml", TEMPERAMENTS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.len(), 10);
        assert_eq!(temperaments(), t);
        assert_eq!(t.find("暴躁型").map(|x| x.key.as_str()), Some("short_tempered"));
    }

    #[test]
    fn every_shipped_questionnaire_loads_with_a_unique_id() {
        let mut ids = Vec::new();
        for (file, text) in BUILTIN_QUESTIONNAIRES {
            let q = Questionnaire::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(file.ends_with(&format!("/{}.toml", q.id)), "{file} holds {}", q.id);
            ids.push(q.id);
        }
        assert_eq!(questionnaires().iter().map(|q| q.id.clone()).collect::<Vec<_>>(), ids);
        assert_eq!(questionnaire("risk_tolerance").map(|q| q.version), Some(1));
        assert!(questionnaire("nope").is_none());
    }

    #[test]
    fn a_shipped_questionnaire_is_read_once_and_lent() {
        let (a, b) =
            (shipped_questionnaire("risk_tolerance").unwrap(), shipped_questionnaire("risk_tolerance").unwrap());
        assert!(std::ptr::eq(a, b), "both are the one kept copy");
        assert_eq!(questionnaire("risk_tolerance").as_ref(), Some(a));
        assert!(shipped_questionnaire("nope").is_none());
    }

    #[test]
    fn every_shipped_grading_model_loads_and_fits_its_scheme() {
        let mut ids = Vec::new();
        for (file, text) in BUILTIN_GRADING {
            let m = GradingModel::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(file.ends_with(&format!("/{}.toml", m.id)), "{file} holds {}", m.id);
            let (scheme_file, scheme_text) =
                builtin_scheme_source(&m.scheme).unwrap_or_else(|| panic!("{file}: no shipped scheme {}", m.scheme));
            let scheme = TierScheme::parse(scheme_file, scheme_text).unwrap();
            m.check_scheme(file, &scheme).unwrap_or_else(|e| panic!("{e}"));
            ids.push(m.id);
        }
        assert_eq!(grading_models().into_iter().map(|m| m.id).collect::<Vec<_>>(), ids);
        assert_eq!(ids, ["distributor", "brokerage", "ranked"]);
        assert_eq!(grading_model("brokerage").map(|m| m.provisional_months), Some(Some(12)));
        assert!(grading_model("nope").is_none());
    }

    #[test]
    fn only_the_distributor_model_warns_and_it_says_it_scales() {
        for m in grading_models() {
            if m.id == "distributor" {
                assert_eq!(m.warnings, ["weights sum to 90, not 100; scores are scaled to 100"]);
            } else {
                assert!(m.warnings.is_empty(), "{}: {:?}", m.id, m.warnings);
            }
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
