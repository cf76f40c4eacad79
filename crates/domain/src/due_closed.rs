//! Which due items closed since a day: the requirements met by a contact and the follow-ups
//! ticked off, each named as it was while open (the same requirement and cycle, the same
//! follow-up), so that a calendar given them again closes what it holds. No clock, no SQL.

use chrono::{NaiveDate, NaiveDateTime};

use super::due::{AssessmentRule, CustomerRef, DescribeAssessment, DueItem, DueReason};
use super::history::FollowUpId;
use super::schedule::next_due;
use super::tier::{Requirement, Tier};

/// A customer's contacts around a window, as the store reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactHistory {
    pub customer: CustomerRef,
    pub created_on: NaiveDate,
    /// The latest contact per kind before the window.
    pub before: Vec<(String, NaiveDate)>,
    /// The contacts in the window, (kind, day), in any order.
    pub within: Vec<(String, NaiveDate)>,
}

/// A follow-up ticked off in the window, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneFollowUp {
    pub customer: CustomerRef,
    pub id: FollowUpId,
    pub uuid: String,
    pub what: String,
    pub due_on: NaiveDate,
    pub done_at: NaiveDateTime,
}

/// An assessment taken in the window, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenAssessment {
    pub customer: CustomerRef,
    pub created_on: NaiveDate,
    pub taken_on: NaiveDate,
    /// The assessment before it, if any: its day and category.
    pub before: Option<(NaiveDate, String)>,
}

/// An item that was open and is closed now, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedItem {
    /// As it was while open (`done` set); a cadence item's due date leaves snoozes aside.
    pub item: DueItem,
    /// The day of the contact that met it (cadence) or the moment it was ticked off.
    pub closed_at: NaiveDateTime,
}

/// The cadence items of one customer that contacts in the window closed: for each
/// requirement, every day in the window with a contact that counts closes the cycle that
/// ran since the counting contact before it (or since the customer was taken on).
pub fn closed_cadence_items(
    h: &ContactHistory,
    tier: &Tier,
    today: NaiveDate,
    describe: &dyn Fn(&Requirement) -> String,
) -> Vec<ClosedItem> {
    let mut out = Vec::new();
    for (i, req) in tier.requirements.iter().enumerate() {
        let mut last = h.before.iter().filter(|(k, _)| req.counts(k)).map(|(_, d)| *d).max();
        let mut days: Vec<NaiveDate> = h.within.iter().filter(|(k, _)| req.counts(k)).map(|(_, d)| *d).collect();
        days.sort();
        days.dedup();
        for day in days {
            let due = next_due(last, h.created_on, req.cadence);
            out.push(ClosedItem {
                item: DueItem {
                    customer: h.customer.clone(),
                    reason: DueReason::Cadence,
                    due_date: due,
                    days_overdue: (today - due).num_days(),
                    detail: describe(req),
                    requirement: Some(i),
                    follow_up: None,
                    done: true,
                    since: last,
                },
                closed_at: day.and_time(chrono::NaiveTime::MIN),
            });
            last = Some(day);
        }
    }
    out
}

/// A follow-up ticked off, as the item it was.
pub fn closed_follow_up_item(f: &DoneFollowUp, today: NaiveDate) -> ClosedItem {
    ClosedItem {
        item: DueItem {
            customer: f.customer.clone(),
            reason: DueReason::FollowUp,
            due_date: f.due_on,
            days_overdue: (today - f.due_on).num_days(),
            detail: f.what.clone(),
            requirement: None,
            follow_up: Some(f.id),
            done: true,
            since: None,
        },
        closed_at: f.done_at,
    }
}

/// The assessment item an assessment taken in the window closed: the one that ran since the
/// assessment before it (or, where every customer must be assessed, since the customer was
/// taken on), as `due::assessment_item` made it while open. None where no item ran (never
/// assessed, and nobody has to be).
pub fn closed_assessment_item(
    a: &TakenAssessment,
    rule: AssessmentRule,
    today: NaiveDate,
    describe: DescribeAssessment,
) -> Option<ClosedItem> {
    let due = match &a.before {
        Some((on, _)) => rule.expires_on(*on),
        None if rule.required => a.created_on,
        None => return None,
    };
    Some(ClosedItem {
        item: DueItem {
            customer: a.customer.clone(),
            reason: DueReason::Assessment,
            due_date: due,
            days_overdue: (today - due).num_days(),
            detail: describe(a.before.as_ref()),
            requirement: None,
            follow_up: None,
            done: true,
            since: a.before.as_ref().map(|(on, _)| *on),
        },
        closed_at: a.taken_on.and_time(chrono::NaiveTime::MIN),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerId;
    use crate::due::{CadenceInput, cadence_items};
    use crate::tier::{Cadence, TierColor};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cref() -> CustomerRef {
        CustomerRef {
            id: CustomerId(1),
            ext_ref: None,
            name: "王芳".into(),
            company: String::new(),
            tier: "A".into(),
            last_contact: None,
            region: String::new(),
        }
    }

    fn weekly_visits_and_any_monthly() -> Tier {
        let visit = Requirement { cadence: Cadence::weeks(1), kinds: Some(vec!["visit".into()]), line: 0 };
        let any = Requirement::any(Cadence::months(1));
        Tier {
            code: "A".into(),
            name_zh: "A".into(),
            name_en: "A".into(),
            color: TierColor::Tier1,
            cadence: visit.cadence,
            requirements: vec![visit, any],
            rules: crate::pool::OwnershipRules::OFF,
        }
    }

    #[test]
    fn an_assessment_taken_closes_the_item_that_ran_since_the_one_before_it() {
        use crate::due::{AssessmentInput, assessment_item};
        let rule = AssessmentRule { months: 24, required: false };
        let describe = |last: Option<&(NaiveDate, String)>| format!("{last:?}");
        let before = Some((d("2024-10-01"), "C3".to_string()));
        // While open (on 11-20, before it was taken), the item was this one.
        let open = AssessmentInput {
            customer: cref(),
            created_on: d("2020-01-01"),
            before_today: before.clone(),
            done_today: false,
        };
        let was = assessment_item(&open, rule, d("2026-11-20"), d("2026-11-20"), &describe).unwrap();
        let taken =
            TakenAssessment { customer: cref(), created_on: d("2020-01-01"), taken_on: d("2026-11-21"), before };
        let closed = closed_assessment_item(&taken, rule, d("2026-11-23"), &describe).unwrap();
        assert_eq!((closed.item.since, closed.item.due_date), (was.since, was.due_date));
        assert_eq!((closed.item.reason, closed.item.done), (DueReason::Assessment, true));
        assert_eq!(closed.closed_at.date(), d("2026-11-21"));
        // A first assessment closes an item only where every customer must be assessed.
        let first = TakenAssessment { before: None, ..taken };
        assert!(closed_assessment_item(&first, rule, d("2026-11-23"), &describe).is_none());
        let required = AssessmentRule { required: true, ..rule };
        let c = closed_assessment_item(&first, required, d("2026-11-23"), &describe).unwrap();
        assert_eq!((c.item.due_date, c.item.since), (d("2020-01-01"), None));
    }

    #[test]
    fn each_counting_contact_closes_the_cycle_before_it() {
        let t = weekly_visits_and_any_monthly();
        let h = ContactHistory {
            customer: cref(),
            created_on: d("2026-01-01"),
            before: vec![("visit".into(), d("2026-11-02")), ("call".into(), d("2026-11-10"))],
            within: vec![
                ("call".into(), d("2026-11-20")),
                ("visit".into(), d("2026-11-18")),
                ("visit".into(), d("2026-11-18")),
            ],
        };
        let got: Vec<_> = closed_cadence_items(&h, &t, d("2026-11-23"), &|_| String::new())
            .iter()
            .map(|c| (c.item.requirement, c.item.since, c.item.due_date, c.closed_at.date()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(0), Some(d("2026-11-02")), d("2026-11-09"), d("2026-11-18")),
                (Some(1), Some(d("2026-11-10")), d("2026-12-10"), d("2026-11-18")),
                (Some(1), Some(d("2026-11-18")), d("2026-12-18"), d("2026-11-20")),
            ]
        );
    }

    #[test]
    fn a_closed_item_is_named_as_it_was_while_open() {
        // this morning, looking a month ahead: the visit requirement late, counted since 11-02,
        // the monthly one coming up; a visit today closes both
        let t = weekly_visits_and_any_monthly();
        let open = CadenceInput {
            customer: cref(),
            created_on: d("2026-01-01"),
            last_before_today: vec![("visit".into(), d("2026-11-02"))],
            kinds_today: vec![],
            snoozes: vec![],
        };
        let before = cadence_items(&open, &t, d("2026-11-23"), d("2026-12-23"), &|_| String::new());
        assert_eq!(before.len(), 2);
        let h = ContactHistory {
            customer: cref(),
            created_on: d("2026-01-01"),
            before: open.last_before_today.clone(),
            within: vec![("visit".into(), d("2026-11-23"))],
        };
        let closed = closed_cadence_items(&h, &t, d("2026-11-23"), &|_| String::new());
        let key = |i: &DueItem| (i.requirement, i.since, i.due_date);
        assert_eq!(before.iter().map(key).collect::<Vec<_>>(), closed.iter().map(|c| key(&c.item)).collect::<Vec<_>>());
    }
}
