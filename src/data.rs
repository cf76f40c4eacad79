//! The files shipped in `data/`, embedded at build time so the binary runs anywhere.

use std::sync::LazyLock;

use crate::domain::contact_kind::ContactKinds;
use crate::domain::grading::GradingModel;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::suitability::ProductCatalogue;
use crate::domain::temperament::Temperaments;
use crate::domain::terms::{Terms, TermsFile};
use crate::domain::tier::TierScheme;

pub const DEFAULT_SCHEME: &str = include_str!("../data/tiers/default.toml");
pub const BROKERAGE_SCHEME: &str = include_str!("../data/tiers/brokerage.toml");
pub const LEADS_SCHEME: &str = include_str!("../data/tiers/leads.toml");
/// The default tiers with a team's rules for neglected customers (the pool, 公海).
pub const TEAM_SCHEME: &str = include_str!("../data/tiers/team.toml");
pub const KEYMAP: &str = include_str!("../data/keymap.toml");
pub const CONTACT_KINDS: &str = include_str!("../data/contact_kinds.toml");
pub const TEMPERAMENTS: &str = include_str!("../data/temperaments.toml");
pub const RISK_TOLERANCE: &str = include_str!("../data/questionnaires/risk_tolerance.toml");
pub const RISK_TOLERANCE_C5: &str = include_str!("../data/questionnaires/risk_tolerance_c5.toml");
pub const PRODUCTS: &str = include_str!("../data/products.toml");

/// The questionnaires shipped with tierdesk: (file name, text). The first is the default.
pub const BUILTIN_QUESTIONNAIRES: [(&str, &str); 2] = [
    ("data/questionnaires/risk_tolerance.toml", RISK_TOLERANCE),
    ("data/questionnaires/risk_tolerance_c5.toml", RISK_TOLERANCE_C5),
];

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
pub const BUILTIN_SCHEMES: [(&str, &str, &str); 4] = [
    ("default", "data/tiers/default.toml", DEFAULT_SCHEME),
    ("brokerage", "data/tiers/brokerage.toml", BROKERAGE_SCHEME),
    ("leads", "data/tiers/leads.toml", LEADS_SCHEME),
    ("team", "data/tiers/team.toml", TEAM_SCHEME),
];

/// The terms by tier shipped for each shipped scheme: (scheme, file name, text).
pub const BUILTIN_TERMS: [(&str, &str, &str); 4] = [
    ("default", "data/terms/default.toml", include_str!("../data/terms/default.toml")),
    ("brokerage", "data/terms/brokerage.toml", include_str!("../data/terms/brokerage.toml")),
    ("leads", "data/terms/leads.toml", include_str!("../data/terms/leads.toml")),
    ("team", "data/terms/team.toml", include_str!("../data/terms/team.toml")),
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

static PARSED_PRODUCTS: LazyLock<ProductCatalogue> = LazyLock::new(|| {
    ProductCatalogue::parse("data/products.toml", PRODUCTS).expect("the shipped products are valid (tested)")
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

static PARSED_TERMS: LazyLock<Vec<TermsFile>> = LazyLock::new(|| {
    BUILTIN_TERMS
        .iter()
        .map(|(scheme, file, text)| {
            let (scheme_file, scheme_text) =
                builtin_scheme_source(scheme).expect("every shipped terms file is for a shipped scheme (tested)");
            let scheme = TierScheme::parse(scheme_file, scheme_text).expect("the shipped schemes are valid (tested)");
            TermsFile::parse(file, text, &scheme).expect("the shipped terms are valid (tested)")
        })
        .collect()
});

/// The shipped terms by tier of a scheme, by its id: None for a scheme that has none (leads)
/// or that tierdesk does not ship (a scheme file of one's own).
pub fn terms(scheme_id: &str) -> Option<&'static Terms> {
    PARSED_TERMS.iter().find(|t| t.scheme() == scheme_id).and_then(TermsFile::terms)
}

/// The contact kinds. The shipped file is checked by tests.
pub fn contact_kinds() -> ContactKinds {
    PARSED_CONTACT_KINDS.clone()
}

/// The shipped product catalogue (a book without products of its own offers these).
pub fn products() -> &'static ProductCatalogue {
    &PARSED_PRODUCTS
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
    fn every_shipped_scheme_has_terms_that_cover_it() {
        for (name, file, text) in BUILTIN_SCHEMES {
            let (_, terms_file, terms_text) = BUILTIN_TERMS.iter().find(|(s, _, _)| *s == name).unwrap();
            let scheme = TierScheme::parse(file, text).unwrap();
            let t = TermsFile::parse(terms_file, terms_text, &scheme).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.scheme(), name);
        }
        assert_eq!(terms("default").and_then(|t| t.tier("D")).map(|t| t.price_pct), Some(5));
        assert_eq!(terms("brokerage").map(|t| t.tiers.len()), Some(4));
        assert!(terms("leads").is_none(), "leads have no terms");
        assert!(terms("mine").is_none());
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
        assert_eq!(ids, ["risk_tolerance", "risk_tolerance_c5"]);
        assert_eq!(questionnaire("risk_tolerance").map(|q| q.version), Some(1));
        assert!(questionnaire("nope").is_none());
    }

    fn bands_of(id: &str) -> Vec<(String, u32, u32, Option<String>)> {
        let q = questionnaire(id).unwrap();
        q.bands.iter().map(|b| (b.code.clone(), b.min, b.max, b.category.map(|c| c.to_string()))).collect()
    }

    fn band(code: &str, min: u32, max: u32, category: &str) -> (String, u32, u32, Option<String>) {
        (code.to_string(), min, max, Some(category.to_string()))
    }

    #[test]
    fn the_three_band_questionnaire_maps_each_band_to_its_lowest_five_band_category() {
        assert_eq!(
            bands_of("risk_tolerance"),
            [band("conservative", 9, 40, "C1"), band("steady", 41, 71, "C3"), band("aggressive", 72, 100, "C4")]
        );
        let five = questionnaire("risk_tolerance_c5").unwrap();
        for b in questionnaire("risk_tolerance").unwrap().bands {
            let lowest = (b.min..=b.max).map(|s| five.band(s).category.unwrap()).min();
            assert_eq!(lowest, b.category, "{}", b.code);
        }
    }

    #[test]
    fn the_five_band_questionnaire_has_the_same_questions_and_c1_to_c5() {
        assert_eq!(
            bands_of("risk_tolerance_c5"),
            [
                band("conservative", 9, 24, "C1"),
                band("cautious", 25, 40, "C2"),
                band("steady", 41, 71, "C3"),
                band("active", 72, 86, "C4"),
                band("aggressive", 87, 100, "C5"),
            ]
        );
        let (three, five) = (questionnaire("risk_tolerance").unwrap(), questionnaire("risk_tolerance_c5").unwrap());
        assert_eq!(three.questions, five.questions);
        assert_eq!((five.min_total(), five.max_total(), five.version), (9, 100, 1));
        let names: Vec<_> = five.bands.iter().map(|b| b.name.zh.as_str()).collect();
        assert_eq!(names, ["保守型", "谨慎型", "稳健型", "积极型", "激进型"]);
    }

    #[test]
    fn the_shipped_products_cover_every_risk_level() {
        let p = products();
        assert!(p.products.len() >= 12, "a dozen products");
        for level in crate::domain::suitability::RiskLevel::ALL {
            assert!(p.products.iter().any(|x| x.level == level), "no {level} product");
        }
        assert_eq!(p.find("MMF001").map(|x| x.level.to_string()).as_deref(), Some("R1"));
        assert_eq!(p.find("PE0001").map(|x| x.level.to_string()).as_deref(), Some("R5"));
    }

    #[test]
    fn recommendation_is_a_contact_kind() {
        assert_eq!(contact_kinds().get("recommendation").map(|k| k.name_zh.as_str()), Some("产品推荐"));
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
    fn only_the_team_scheme_ships_with_pool_rules() {
        for (name, file, text) in BUILTIN_SCHEMES {
            let s = TierScheme::parse(file, text).unwrap();
            let rules: Vec<_> =
                s.tiers.iter().map(|t| (t.rules.escalate_after_days, t.rules.release_after_days)).collect();
            if name == "team" {
                let on = |e, r| (Some(e), Some(r));
                assert_eq!(rules, vec![on(3, 14), on(7, 30), on(14, 60), on(60, 180)]);
                let default = builtin_scheme_source("default").unwrap();
                let default = TierScheme::parse(default.0, default.1).unwrap();
                let cadences = |s: &TierScheme| s.tiers.iter().map(|t| (t.code.clone(), t.cadence)).collect::<Vec<_>>();
                assert_eq!(cadences(&s), cadences(&default), "the team scheme is the default one with rules");
            } else {
                assert!(s.tiers.iter().all(|t| !t.rules.any()), "{name} ships with its rules off");
            }
        }
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
