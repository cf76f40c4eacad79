//! The data files shipped in `data/`, for this crate's tests only: the domain reads no
//! files, so the main crate embeds them for the program (src/data.rs) and the tests here
//! embed the same files to check the rules against what users get.

use crate::contact_kind::ContactKinds;
use crate::grading::GradingModel;
use crate::questionnaire::Questionnaire;
use crate::tier::TierScheme;

pub const DEFAULT_SCHEME: &str = include_str!("../../../data/tiers/default.toml");

/// The shipped grading models: (file name, text), as src/data.rs lists them.
pub const BUILTIN_GRADING: [(&str, &str); 3] = [
    ("data/grading/distributor.toml", include_str!("../../../data/grading/distributor.toml")),
    ("data/grading/brokerage.toml", include_str!("../../../data/grading/brokerage.toml")),
    ("data/grading/ranked.toml", include_str!("../../../data/grading/ranked.toml")),
];

pub fn default_scheme() -> TierScheme {
    TierScheme::parse("data/tiers/default.toml", DEFAULT_SCHEME).expect("the shipped default scheme is valid")
}

pub fn contact_kinds() -> ContactKinds {
    ContactKinds::parse("data/contact_kinds.toml", include_str!("../../../data/contact_kinds.toml"))
        .expect("the shipped contact kinds are valid")
}

pub fn questionnaire(id: &str) -> Option<Questionnaire> {
    let text = include_str!("../../../data/questionnaires/risk_tolerance.toml");
    let q = Questionnaire::parse("data/questionnaires/risk_tolerance.toml", text)
        .expect("the shipped questionnaire is valid");
    (q.id == id).then_some(q)
}

pub fn grading_models() -> Vec<GradingModel> {
    BUILTIN_GRADING
        .iter()
        .map(|(file, text)| GradingModel::parse(file, text).expect("shipped models are valid"))
        .collect()
}

pub fn grading_model(id: &str) -> Option<GradingModel> {
    grading_models().into_iter().find(|m| m.id == id)
}

pub fn temperaments() -> crate::temperament::Temperaments {
    crate::temperament::Temperaments::parse("data/temperaments.toml", include_str!("../../../data/temperaments.toml"))
        .expect("the shipped temperaments are valid")
}
