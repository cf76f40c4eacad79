//! Customers: the record, the form draft and its validation.

use chrono::NaiveDate;

use super::tier::TierScheme;
use super::validate::{parse_date, plausible_email, plausible_phone};

/// A customer's row id in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CustomerId(pub i64);

impl std::fmt::Display for CustomerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The editable facts about a customer (everything a person types in).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerFields {
    /// A stable external reference (an account number, a CRM id); unique when present.
    pub ext_ref: Option<String>,
    pub name: String,
    pub company: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub region: String,
    pub address: String,
    pub industry: String,
    pub owner: String,
    pub tags: String,
    pub notes: String,
    pub created_on: NaiveDate,
    pub tier: String,
    /// The customer's temperament (顾客类型), by its key in the temperament list; set by a
    /// picker, a flag or an import column, not typed in the form.
    pub temperament: Option<String>,
}

/// A stored customer with its computed schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    pub fields: CustomerFields,
    pub last_contact_on: Option<NaiveDate>,
    pub next_due_on: NaiveDate,
    /// Moved into the top tier and waiting for an approver's sign-off.
    pub signoff_pending: bool,
}

/// One line of the customer table: only what the table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub name: String,
    pub company: String,
    pub tier: String,
    pub owner: String,
    pub last_contact_on: Option<NaiveDate>,
    pub next_due_on: NaiveDate,
    /// The category of the latest risk assessment (a band code), if any.
    pub risk_category: Option<String>,
    /// Moved into the top tier and waiting for an approver's sign-off.
    pub signoff_pending: bool,
}

/// The form's fields, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Tier,
    Company,
    ContactPerson,
    Phone,
    Email,
    Region,
    Address,
    Industry,
    Owner,
    Tags,
    Ref,
    Created,
    Notes,
}

impl Field {
    /// The most characters the field holds.
    pub fn max_chars(self) -> usize {
        if self == Field::Notes { MAX_NOTES_CHARS } else { MAX_FIELD_CHARS }
    }

    pub const ORDER: [Field; 14] = [
        Field::Name,
        Field::Tier,
        Field::Company,
        Field::ContactPerson,
        Field::Phone,
        Field::Email,
        Field::Region,
        Field::Address,
        Field::Industry,
        Field::Owner,
        Field::Tags,
        Field::Ref,
        Field::Created,
        Field::Notes,
    ];
}

/// Why a field's text cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    UnknownTier,
    BadEmail,
    BadPhone,
    BadDate,
    FutureDate,
    TooLong,
}

/// The longest text a single field may hold (notes excepted), in characters.
pub const MAX_FIELD_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 5000;

/// A form's raw text per field, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerDraft {
    values: Vec<String>,
    /// Carried through the form unchanged (the form has no field for it).
    temperament: Option<String>,
}

impl CustomerDraft {
    pub fn empty(default_tier: &str, today: NaiveDate) -> Self {
        let mut d = Self { values: vec![String::new(); Field::ORDER.len()], temperament: None };
        d.set(Field::Tier, default_tier.to_string());
        d.set(Field::Created, crate::dates::iso(today));
        d
    }

    pub fn from_fields(f: &CustomerFields) -> Self {
        let mut d = Self { values: vec![String::new(); Field::ORDER.len()], temperament: f.temperament.clone() };
        for field in Field::ORDER {
            let v = match field {
                Field::Name => f.name.clone(),
                Field::Tier => f.tier.clone(),
                Field::Company => f.company.clone(),
                Field::ContactPerson => f.contact_person.clone(),
                Field::Phone => f.phone.clone(),
                Field::Email => f.email.clone(),
                Field::Region => f.region.clone(),
                Field::Address => f.address.clone(),
                Field::Industry => f.industry.clone(),
                Field::Owner => f.owner.clone(),
                Field::Tags => f.tags.clone(),
                Field::Ref => f.ext_ref.clone().unwrap_or_default(),
                Field::Created => crate::dates::iso(f.created_on),
                Field::Notes => f.notes.clone(),
            };
            d.set(field, v);
        }
        d
    }

    fn index(field: Field) -> usize {
        Field::ORDER.iter().position(|f| *f == field).unwrap_or(0)
    }

    pub fn get(&self, field: Field) -> &str {
        &self.values[Self::index(field)]
    }

    pub fn set(&mut self, field: Field, value: String) {
        let i = Self::index(field);
        self.values[i] = value;
    }

    /// The problem with one field, if any.
    pub fn check(&self, field: Field, scheme: &TierScheme, today: NaiveDate) -> Option<FieldProblem> {
        let v = self.get(field).trim();
        if v.chars().count() > field.max_chars() {
            return Some(FieldProblem::TooLong);
        }
        match field {
            Field::Name if v.is_empty() => Some(FieldProblem::Required),
            Field::Tier if v.is_empty() => Some(FieldProblem::Required),
            Field::Tier if scheme.find(v).is_none() => Some(FieldProblem::UnknownTier),
            Field::Email if !v.is_empty() && !plausible_email(v) => Some(FieldProblem::BadEmail),
            Field::Phone if !v.is_empty() && !plausible_phone(v) => Some(FieldProblem::BadPhone),
            Field::Created => match parse_date(v) {
                None => Some(FieldProblem::BadDate),
                Some(d) if d > today => Some(FieldProblem::FutureDate),
                Some(_) => None,
            },
            _ => None,
        }
    }

    /// Every field's problem, in form order.
    pub fn problems(&self, scheme: &TierScheme, today: NaiveDate) -> Vec<(Field, FieldProblem)> {
        Field::ORDER.iter().filter_map(|f| self.check(*f, scheme, today).map(|p| (*f, p))).collect()
    }

    /// The validated record, or every problem found.
    pub fn validate(
        &self,
        scheme: &TierScheme,
        today: NaiveDate,
    ) -> Result<CustomerFields, Vec<(Field, FieldProblem)>> {
        let problems = self.problems(scheme, today);
        if !problems.is_empty() {
            return Err(problems);
        }
        let t = |f: Field| self.get(f).trim().to_string();
        let tier = scheme.find(self.get(Field::Tier)).map(|t| t.code.clone()).unwrap_or_default();
        let ext_ref = Some(t(Field::Ref)).filter(|r| !r.is_empty());
        Ok(CustomerFields {
            ext_ref,
            name: t(Field::Name),
            company: t(Field::Company),
            contact_person: t(Field::ContactPerson),
            phone: t(Field::Phone),
            email: t(Field::Email),
            region: t(Field::Region),
            address: t(Field::Address),
            industry: t(Field::Industry),
            owner: t(Field::Owner),
            tags: t(Field::Tags),
            notes: self.get(Field::Notes).trim().to_string(),
            created_on: parse_date(self.get(Field::Created)).unwrap_or(today),
            tier,
            temperament: self.temperament.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data as data;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_blank_draft_needs_a_name() {
        let scheme = data::default_scheme();
        let d = CustomerDraft::empty("B", today());
        assert_eq!(d.validate(&scheme, today()).unwrap_err(), vec![(Field::Name, FieldProblem::Required)]);
    }

    #[test]
    fn reports_every_problem_in_form_order() {
        let scheme = data::default_scheme();
        let mut d = CustomerDraft::empty("Z", today());
        d.set(Field::Name, "招商银行".into());
        d.set(Field::Email, "nope".into());
        d.set(Field::Phone, "12".into());
        d.set(Field::Created, "2026-02-30".into());
        let problems = d.validate(&scheme, today()).unwrap_err();
        assert_eq!(
            problems,
            vec![
                (Field::Tier, FieldProblem::UnknownTier),
                (Field::Phone, FieldProblem::BadPhone),
                (Field::Email, FieldProblem::BadEmail),
                (Field::Created, FieldProblem::BadDate),
            ]
        );
    }

    #[test]
    fn normalises_the_tier_code_and_trims() {
        let scheme = data::default_scheme();
        let mut d = CustomerDraft::empty("b", today());
        d.set(Field::Name, "  Acme  ".into());
        let f = d.validate(&scheme, today()).unwrap();
        assert_eq!((f.name.as_str(), f.tier.as_str(), f.ext_ref), ("Acme", "B", None));
    }

    #[test]
    fn round_trips_through_a_draft() {
        let scheme = data::default_scheme();
        let mut d = CustomerDraft::empty("A", today());
        d.set(Field::Name, "王芳".into());
        d.set(Field::Ref, "K-001".into());
        let fields = d.validate(&scheme, today()).unwrap();
        assert_eq!(CustomerDraft::from_fields(&fields), d);
    }

    #[test]
    fn the_temperament_goes_through_the_form_untouched() {
        let scheme = data::default_scheme();
        let mut d = CustomerDraft::empty("A", today());
        d.set(Field::Name, "王芳".into());
        let mut fields = d.validate(&scheme, today()).unwrap();
        assert_eq!(fields.temperament, None);
        fields.temperament = Some("haggler".into());
        let mut d = CustomerDraft::from_fields(&fields);
        d.set(Field::Phone, "13800138000".into());
        assert_eq!(d.validate(&scheme, today()).unwrap().temperament.as_deref(), Some("haggler"));
    }

    #[test]
    fn refuses_a_future_created_date() {
        let scheme = data::default_scheme();
        let mut d = CustomerDraft::empty("A", today());
        d.set(Field::Name, "x".into());
        d.set(Field::Created, "2026-11-24".into());
        assert_eq!(d.check(Field::Created, &scheme, today()), Some(FieldProblem::FutureDate));
    }
}
