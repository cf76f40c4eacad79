//! A customer form's fields in words: their labels and what is wrong with a value.

use super::{Lang, T, fill};
use crate::domain::customer::{Field, FieldProblem};
use crate::domain::tier::TierScheme;

/// A form field's label.
pub fn field_label(f: Field, lang: Lang) -> &'static str {
    match f {
        Field::Name => T::FieldName,
        Field::Tier => T::FieldTier,
        Field::Company => T::FieldCompany,
        Field::ContactPerson => T::FieldContactPerson,
        Field::Phone => T::FieldPhone,
        Field::Email => T::FieldEmail,
        Field::Region => T::FieldRegion,
        Field::Address => T::FieldAddress,
        Field::Industry => T::FieldIndustry,
        Field::Owner => T::FieldOwner,
        Field::Tags => T::FieldTags,
        Field::Ref => T::FieldRef,
        Field::Created => T::FieldCreated,
        Field::Notes => T::FieldNotes,
    }
    .get(lang)
}

/// What is wrong with a field, in words.
pub fn problem_text(p: FieldProblem, scheme: &TierScheme, lang: Lang) -> String {
    match p {
        FieldProblem::Required => T::ProblemRequired.get(lang).to_string(),
        FieldProblem::UnknownTier => fill(T::ProblemUnknownTier.get(lang), &[&scheme.codes().join(" ")]),
        FieldProblem::BadEmail => T::ProblemBadEmail.get(lang).to_string(),
        FieldProblem::BadPhone => T::ProblemBadPhone.get(lang).to_string(),
        FieldProblem::BadDate => T::ProblemBadDate.get(lang).to_string(),
        FieldProblem::FutureDate => T::ProblemFutureDate.get(lang).to_string(),
        FieldProblem::TooLong => T::ProblemTooLong.get(lang).to_string(),
    }
}
