//! The contact log form's fields and their validation: a date that happened (not in the
//! future), an optional time, and a follow-up that is either complete or absent.

use chrono::{NaiveDate, NaiveTime};

use super::customer::CustomerId;
use super::dates::{self, DateField, DateProblem};
use super::history::NewContact;
use super::validate::parse_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Kind,
    Date,
    Time,
    Person,
    Summary,
    Outcome,
    FollowUp,
    FollowUpDue,
}

impl ContactField {
    pub const ORDER: [ContactField; 8] = [
        ContactField::Kind,
        ContactField::Date,
        ContactField::Time,
        ContactField::Person,
        ContactField::Summary,
        ContactField::Outcome,
        ContactField::FollowUp,
        ContactField::FollowUpDue,
    ];

    fn index(self) -> usize {
        Self::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The most characters the field holds: the summary is the note of the contact.
    pub fn max_chars(self) -> usize {
        if self == ContactField::Summary { MAX_SUMMARY_CHARS } else { MAX_TEXT_CHARS }
    }
}

/// A contact's summary (its note).
pub const MAX_SUMMARY_CHARS: usize = 5000;
/// Every other short text: the person met, the outcome, a follow-up, a reason.
pub const MAX_TEXT_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    BadDate,
    FutureDate,
    BadTime,
    FollowUpNeedsDue,
    FollowUpNeedsWhat,
    DueBeforeContact,
    TooLong,
    /// A date (typed or relative) outside the years the book accepts.
    OutOfRange,
}

/// A follow-up due date typed relative to the contact: "+1d", "+3d", "+1w", "+2m"; None when
/// it is not one or lands outside the years the book accepts.
pub fn relative_date(from: NaiveDate, text: &str) -> Option<NaiveDate> {
    dates::add_relative(from, text).filter(|d| dates::in_range(*d))
}

/// The form's text, field by field; `kind` is the chosen kind's code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactDraft {
    values: [String; 8],
}

/// A checked contact, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEntry {
    pub contact: NewContact,
    pub time: Option<NaiveTime>,
    pub follow_up: Option<(String, NaiveDate)>,
    /// The product a recommendation names (set by the use case that checked it).
    pub recommendation: Option<Recommendation>,
}

/// A product recommended in a contact: its code, and, when it did not suit the customer or
/// that was unknown, what was judged and the customer's confirmation, as the book keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub product: String,
    pub acknowledged_mismatch: Option<String>,
}

impl ContactDraft {
    pub fn new(kind: &str, today: NaiveDate) -> Self {
        let mut d = Self::default();
        d.set(ContactField::Kind, kind.to_string());
        d.set(ContactField::Date, today.format("%Y-%m-%d").to_string());
        d
    }

    pub fn from_contact(c: &NewContact) -> Self {
        let mut d = Self::new(&c.kind, c.on);
        d.set(ContactField::Person, c.person.clone());
        d.set(ContactField::Summary, c.summary.clone());
        d.set(ContactField::Outcome, c.outcome.clone());
        d
    }

    pub fn get(&self, f: ContactField) -> &str {
        &self.values[f.index()]
    }

    pub fn set(&mut self, f: ContactField, value: String) {
        self.values[f.index()] = value;
    }

    /// The contact's date, if the date field holds a real one.
    pub fn date(&self) -> Option<NaiveDate> {
        parse_date(self.get(ContactField::Date))
    }

    /// The follow-up due date: a date, or relative to the contact's date ("+1w").
    pub fn follow_up_due(&self, today: NaiveDate) -> Option<NaiveDate> {
        let text = self.get(ContactField::FollowUpDue);
        parse_date(text).or_else(|| relative_date(self.date().unwrap_or(today), text))
    }

    /// Whether the follow-up due date is a date, just outside the accepted years.
    fn due_out_of_range(&self, today: NaiveDate) -> bool {
        let base = self.date().unwrap_or(today);
        dates::read(DateField::FollowUpDue, self.get(ContactField::FollowUpDue), base).is_err_and(is_out_of_range)
    }

    pub fn check(&self, f: ContactField, today: NaiveDate) -> Option<ContactProblem> {
        let v = self.get(f).trim();
        if v.chars().count() > f.max_chars() {
            return Some(ContactProblem::TooLong);
        }
        match f {
            ContactField::Date => match parse_date(v) {
                None if dates::read(DateField::ContactDate, v, today).is_err_and(is_out_of_range) => {
                    Some(ContactProblem::OutOfRange)
                }
                None => Some(ContactProblem::BadDate),
                Some(d) if d > today => Some(ContactProblem::FutureDate),
                Some(_) => None,
            },
            ContactField::Time if !v.is_empty() && NaiveTime::parse_from_str(v, "%H:%M").is_err() => {
                Some(ContactProblem::BadTime)
            }
            ContactField::FollowUp if v.is_empty() && !self.get(ContactField::FollowUpDue).trim().is_empty() => {
                Some(ContactProblem::FollowUpNeedsWhat)
            }
            ContactField::FollowUpDue if !self.get(ContactField::FollowUp).trim().is_empty() || !v.is_empty() => {
                match self.follow_up_due(today) {
                    None if v.is_empty() => Some(ContactProblem::FollowUpNeedsDue),
                    None if self.due_out_of_range(today) => Some(ContactProblem::OutOfRange),
                    None => Some(ContactProblem::BadDate),
                    Some(due) if self.date().is_some_and(|d| due < d) => Some(ContactProblem::DueBeforeContact),
                    Some(_) => None,
                }
            }
            _ => None,
        }
    }

    pub fn problems(&self, today: NaiveDate) -> Vec<(ContactField, ContactProblem)> {
        ContactField::ORDER.iter().filter_map(|f| self.check(*f, today).map(|p| (*f, p))).collect()
    }

    pub fn validate(
        &self,
        customer: CustomerId,
        today: NaiveDate,
    ) -> Result<ContactEntry, Vec<(ContactField, ContactProblem)>> {
        let problems = self.problems(today);
        if !problems.is_empty() {
            return Err(problems);
        }
        let t = |f| self.get(f).trim().to_string();
        let what = t(ContactField::FollowUp);
        let follow_up = (!what.is_empty()).then(|| self.follow_up_due(today).map(|d| (what, d))).flatten();
        Ok(ContactEntry {
            contact: NewContact {
                customer,
                kind: t(ContactField::Kind),
                on: self.date().unwrap_or(today),
                person: t(ContactField::Person),
                summary: self.get(ContactField::Summary).trim_end().to_string(),
                outcome: t(ContactField::Outcome),
            },
            time: NaiveTime::parse_from_str(self.get(ContactField::Time).trim(), "%H:%M").ok(),
            follow_up,
            recommendation: None,
        })
    }
}

fn is_out_of_range(p: DateProblem) -> bool {
    matches!(p, DateProblem::OutOfRange { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[rstest]
    #[case("+1d", Some("2026-01-31"))]
    #[case("+3天", Some("2026-02-02"))]
    #[case("+1w", Some("2026-02-06"))]
    #[case("+1m", Some("2026-02-28"))]
    #[case("1w", None)]
    #[case("+x", None)]
    #[case("+99999m", None)]
    #[case("+99999d", None)]
    fn relative_dates(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(relative_date(d("2026-01-30"), text), want.map(d));
    }

    #[test]
    fn a_future_contact_is_refused() {
        let mut draft = ContactDraft::new("visit", d("2026-11-23"));
        draft.set(ContactField::Date, "2026-11-24".into());
        assert_eq!(
            draft.validate(CustomerId(1), d("2026-11-23")).unwrap_err(),
            vec![(ContactField::Date, ContactProblem::FutureDate)]
        );
    }

    #[test]
    fn a_follow_up_needs_both_parts_and_may_be_relative() {
        let today = d("2026-11-23");
        let mut draft = ContactDraft::new("call", today);
        draft.set(ContactField::FollowUp, "发送报价单".into());
        assert_eq!(draft.problems(today), vec![(ContactField::FollowUpDue, ContactProblem::FollowUpNeedsDue)]);
        draft.set(ContactField::FollowUpDue, "+1w".into());
        let entry = draft.validate(CustomerId(7), today).unwrap();
        assert_eq!(entry.follow_up, Some(("发送报价单".to_string(), d("2026-11-30"))));
        assert_eq!(entry.contact.on, today);
        draft.set(ContactField::FollowUp, String::new());
        assert_eq!(draft.problems(today), vec![(ContactField::FollowUp, ContactProblem::FollowUpNeedsWhat)]);
    }

    #[rstest]
    #[case("+99999m")]
    #[case("+99999d")]
    #[case("2201-01-01")]
    fn a_follow_up_outside_the_accepted_years_is_refused(#[case] due: &str) {
        let today = d("2026-11-23");
        let mut draft = ContactDraft::new("call", today);
        draft.set(ContactField::FollowUp, "zz".into());
        draft.set(ContactField::FollowUpDue, due.into());
        assert_eq!(draft.problems(today), vec![(ContactField::FollowUpDue, ContactProblem::OutOfRange)], "{due}");
    }

    #[test]
    fn time_is_optional_but_must_be_a_time() {
        let today = d("2026-11-23");
        let mut draft = ContactDraft::new("visit", today);
        draft.set(ContactField::Time, "25:00".into());
        assert_eq!(draft.problems(today), vec![(ContactField::Time, ContactProblem::BadTime)]);
        draft.set(ContactField::Time, "09:30".into());
        assert_eq!(draft.validate(CustomerId(1), today).unwrap().time, NaiveTime::from_hms_opt(9, 30, 0));
    }

    #[test]
    fn a_backdated_contact_is_fine_and_its_follow_up_counts_from_it() {
        let today = d("2026-11-23");
        let mut draft = ContactDraft::new("visit", today);
        draft.set(ContactField::Date, "2026-11-01".into());
        draft.set(ContactField::FollowUp, "回电".into());
        draft.set(ContactField::FollowUpDue, "+3d".into());
        let e = draft.validate(CustomerId(1), today).unwrap();
        assert_eq!(e.follow_up.unwrap().1, d("2026-11-04"));
    }
}
