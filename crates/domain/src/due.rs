//! What is due, and in what order: the rules behind the Today screen and `tierdesk due`.
//!
//! A tier's requirement is due on the date of the latest contact that counts for it (by the
//! date the contact happened) plus its cadence; never contacted, the created date plus the
//! cadence. A snooze pushes one requirement to a later date until the next contact. Dates
//! only ever come from contacts, so a backdated contact cannot move anything backwards.

use chrono::NaiveDate;

use super::customer::CustomerId;
use super::history::FollowUpId;
use super::schedule::next_due;
use super::tier::Tier;
pub use crate::due_order::{compare, head_in_place, rank};

/// A snooze on one requirement of a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    /// Index into the tier's requirements.
    pub requirement: usize,
    pub until: NaiveDate,
    /// The day the snooze was set; a contact on or after it ends the snooze.
    pub set_on: NaiveDate,
}

/// The latest contact date per contact kind, from contacts in any order.
pub fn last_by_kind<'a>(contacts: impl IntoIterator<Item = (&'a str, NaiveDate)>) -> Vec<(String, NaiveDate)> {
    let mut out: Vec<(String, NaiveDate)> = Vec::new();
    for (kind, on) in contacts {
        match out.iter_mut().find(|(k, _)| k == kind) {
            Some((_, d)) => *d = (*d).max(on),
            None => out.push((kind.to_string(), on)),
        }
    }
    out.sort();
    out
}

/// One requirement's state for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementDue {
    pub requirement: usize,
    /// The latest contact that counts for this requirement.
    pub last: Option<NaiveDate>,
    /// When it is due, snooze applied.
    pub due: NaiveDate,
    pub snoozed_until: Option<NaiveDate>,
}

/// Every requirement's due date for a customer of `tier`.
pub fn requirement_dues(
    tier: &Tier,
    created_on: NaiveDate,
    last_by_kind: &[(String, NaiveDate)],
    snoozes: &[Snooze],
) -> Vec<RequirementDue> {
    tier.requirements
        .iter()
        .enumerate()
        .map(|(i, req)| {
            let last = last_by_kind.iter().filter(|(k, _)| req.counts(k)).map(|(_, d)| *d).max();
            let base = next_due(last, created_on, req.cadence);
            // The latest snooze still in force: set after the last counting contact.
            let snooze = snoozes
                .iter()
                .filter(|s| s.requirement == i && last.is_none_or(|l| l < s.set_on) && s.until > base)
                .map(|s| s.until)
                .max();
            RequirementDue { requirement: i, last, due: snooze.unwrap_or(base), snoozed_until: snooze }
        })
        .collect()
}

/// The earliest due date over a customer's requirements: what the customer table shows.
pub fn next_due_of(
    tier: &Tier,
    created_on: NaiveDate,
    last_by_kind: &[(String, NaiveDate)],
    snoozes: &[Snooze],
) -> NaiveDate {
    requirement_dues(tier, created_on, last_by_kind, snoozes).iter().map(|r| r.due).min().unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueReason {
    Cadence,
    FollowUp,
    Assessment,
}

impl DueReason {
    pub fn code(self) -> &'static str {
        match self {
            DueReason::Cadence => "cadence",
            DueReason::FollowUp => "follow_up",
            DueReason::Assessment => "assessment",
        }
    }
}

/// The customer facts every due row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRef {
    pub id: CustomerId,
    pub ext_ref: Option<String>,
    pub name: String,
    pub company: String,
    pub tier: String,
    /// Latest contact of any kind.
    pub last_contact: Option<NaiveDate>,
    /// The customer's region (free text; empty when none), for the region filter.
    pub region: String,
}

/// One line of the daily list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub customer: CustomerRef,
    pub reason: DueReason,
    pub due_date: NaiveDate,
    /// today − due date: positive when late, 0 on the day, negative ahead.
    pub days_overdue: i64,
    /// The requirement (cadence) or the promise (follow-up).
    pub detail: String,
    pub requirement: Option<usize>,
    pub follow_up: Option<FollowUpId>,
    /// Done today: still shown on the Today screen, ticked, until tomorrow.
    pub done: bool,
    /// A cadence item's cycle: the latest counting contact it is due after (None: counted
    /// from the day the customer was taken on; an assessment's: the last assessment). With
    /// the requirement it names the item for as long as it is the same item, snoozed or not
    /// (a calendar's UID); the next contact starts the next one.
    pub since: Option<NaiveDate>,
}

/// What the due rules need about one customer, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceInput {
    pub customer: CustomerRef,
    pub created_on: NaiveDate,
    /// Latest contact per kind, counting only contacts dated before today.
    pub last_before_today: Vec<(String, NaiveDate)>,
    /// Kinds of the contacts dated today.
    pub kinds_today: Vec<String>,
    pub snoozes: Vec<Snooze>,
}

/// An open (or done today) follow-up, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpInput {
    pub customer: CustomerRef,
    pub id: FollowUpId,
    pub what: String,
    pub due_on: NaiveDate,
    pub done_today: bool,
}

/// The cadence items of one customer falling due on or before `until`, as of the start of
/// `today`: a requirement met by a contact today is kept, ticked (`done`), and the next one
/// that contact starts is listed too when it falls due by `until` (looking ahead, a customer
/// contacted today shows their next due date instead of dropping out until tomorrow).
pub fn cadence_items(
    input: &CadenceInput,
    tier: &Tier,
    today: NaiveDate,
    until: NaiveDate,
    describe: &dyn Fn(&super::tier::Requirement) -> String,
) -> Vec<DueItem> {
    let mut out = Vec::new();
    push_cadence_items(input.clone(), tier, today, until, describe, &mut out);
    out
}

/// `cadence_items` of `input`, pushed onto `out`. The customer is moved into its last item,
/// cloned only for the others: on a list of 90,000 customers each clone was five strings
/// allocated and freed again.
pub fn push_cadence_items(
    input: CadenceInput,
    tier: &Tier,
    today: NaiveDate,
    until: NaiveDate,
    describe: &dyn Fn(&super::tier::Requirement) -> String,
    out: &mut Vec<DueItem>,
) {
    let dues = requirement_dues(tier, input.created_on, &input.last_before_today, &input.snoozes);
    let done_by = |req: &super::tier::Requirement| input.kinds_today.iter().any(|k| req.counts(k));
    // As of tonight, today's contacts counted (they end the snoozes set up to today): only
    // asked about a requirement met today, so worked out only when one was.
    let tonight = if dues.iter().any(|r| tier.requirements.get(r.requirement).is_some_and(done_by)) {
        let mut with_today = input.last_before_today.clone();
        with_today.extend(input.kinds_today.iter().map(|k| (k.clone(), today)));
        requirement_dues(
            tier,
            input.created_on,
            &last_by_kind(with_today.iter().map(|(k, d)| (k.as_str(), *d))),
            &input.snoozes,
        )
    } else {
        Vec::new()
    };
    // Each item as (its requirement's due state, the requirement, done), made as they come
    // (no list of them: one allocation fewer per customer of a 90,000-item list).
    let mut picked = dues
        .iter()
        .filter_map(|r| tier.requirements.get(r.requirement).map(|req| (r, req, done_by(req))))
        .flat_map(|(r, req, done)| {
            // Met today but not due by today: it was never on today's list.
            let this = (r.due <= until && !(done && r.due > today)).then_some((r, req, done));
            let next = done
                .then(|| tonight.iter().find(|n| n.requirement == r.requirement && n.due <= until))
                .flatten()
                .map(|n| (n, req, false));
            this.into_iter().chain(next)
        })
        .peekable();
    let mut customer = Some(input.customer);
    while let Some((r, req, done)) = picked.next() {
        let customer = if picked.peek().is_none() { customer.take() } else { customer.clone() };
        let Some(customer) = customer else { continue };
        out.push(DueItem {
            customer,
            reason: DueReason::Cadence,
            due_date: r.due,
            days_overdue: (today - r.due).num_days(),
            detail: describe(req),
            requirement: Some(r.requirement),
            follow_up: None,
            done,
            since: r.last,
        });
    }
}

pub fn follow_up_item(f: &FollowUpInput, today: NaiveDate) -> DueItem {
    DueItem {
        customer: f.customer.clone(),
        reason: DueReason::FollowUp,
        due_date: f.due_on,
        days_overdue: (today - f.due_on).num_days(),
        detail: f.what.clone(),
        requirement: None,
        follow_up: Some(f.id),
        done: f.done_today,
        since: None,
    }
}

/// A customer's risk assessment state, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentInput {
    pub customer: CustomerRef,
    pub created_on: NaiveDate,
    /// The latest assessment before today, if any, with its category.
    pub before_today: Option<(NaiveDate, String)>,
    /// An assessment was recorded today.
    pub done_today: bool,
}

/// When assessments fall due: `months` after the last one; a customer never assessed is
/// due from the day it was taken on, but only where every customer must be assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentRule {
    pub months: u32,
    pub required: bool,
}

impl Default for AssessmentRule {
    fn default() -> Self {
        Self { months: 24, required: false }
    }
}

impl AssessmentRule {
    /// The day an assessment taken on `on` falls due again: from then on it has expired.
    pub fn expires_on(&self, on: NaiveDate) -> NaiveDate {
        super::schedule::add_cadence(on, super::tier::Cadence::months(self.months))
    }

    /// Whether an assessment taken on `on` has expired by `today` (its re-assessment is due).
    pub fn is_expired(&self, on: NaiveDate, today: NaiveDate) -> bool {
        self.expires_on(on) <= today
    }

    /// The last day an assessment may have been taken on and be expired by `today`; every
    /// earlier day is too (month ends clamp, so this is found, not computed backwards).
    pub fn expired_through(&self, today: NaiveDate) -> NaiveDate {
        let mut day = today.checked_sub_months(chrono::Months::new(self.months)).unwrap_or(NaiveDate::MIN);
        while !self.is_expired(day, today) && day > NaiveDate::MIN {
            day = day.pred_opt().unwrap_or(NaiveDate::MIN);
        }
        while day.succ_opt().is_some_and(|next| self.is_expired(next, today)) {
            day = day.succ_opt().unwrap_or(day);
        }
        day
    }
}

/// Words the detail of an assessment row from the last assessment (None: never assessed).
pub type DescribeAssessment<'a> = &'a dyn Fn(Option<&(NaiveDate, String)>) -> String;

/// The assessment item of a customer falling due on or before `until`, if any. `describe`
/// words the detail from the last assessment (None: never assessed).
pub fn assessment_item(
    a: &AssessmentInput,
    rule: AssessmentRule,
    today: NaiveDate,
    until: NaiveDate,
    describe: DescribeAssessment,
) -> Option<DueItem> {
    let due = match &a.before_today {
        Some((on, _)) => rule.expires_on(*on),
        None if rule.required => a.created_on,
        None => return None,
    };
    if due > until || (a.done_today && due > today) {
        return None;
    }
    Some(DueItem {
        customer: a.customer.clone(),
        reason: DueReason::Assessment,
        due_date: due,
        days_overdue: (today - due).num_days(),
        detail: describe(a.before_today.as_ref()),
        requirement: None,
        follow_up: None,
        done: a.done_today,
        since: a.before_today.as_ref().map(|(on, _)| *on),
    })
}

/// Counts for the Today title: all items, done, left.
pub fn tally(items: &[DueItem]) -> (usize, usize, usize) {
    let done = items.iter().filter(|i| i.done).count();
    (items.len(), done, items.len() - done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::due_order::put_in_order;
    use crate::tier::{Cadence, Requirement, TierColor};
    use proptest::prelude::*;

    #[test]
    fn putting_in_order_follows_every_cycle() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // position i gets what was at order[i]: two cycles (0 2 4) and (1 5), 3 stays
        put_in_order(&mut items, &[2, 5, 4, 3, 0, 1]);
        assert_eq!(items, ['c', 'f', 'e', 'd', 'a', 'b']);
        let mut none: Vec<char> = vec![];
        put_in_order(&mut none, &[]);
        assert!(none.is_empty());
    }
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tier(code: &str, reqs: Vec<Requirement>) -> Tier {
        Tier {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            color: TierColor::Tier1,
            cadence: reqs[0].cadence,
            requirements: reqs,
            rules: crate::pool::OwnershipRules::OFF,
        }
    }

    fn visit_every(c: Cadence) -> Requirement {
        Requirement { cadence: c, kinds: Some(vec!["visit".into()]), line: 0 }
    }

    fn lasts(list: &[(&str, &str)]) -> Vec<(String, NaiveDate)> {
        last_by_kind(list.iter().map(|(k, s)| (*k, d(s))))
    }

    #[rstest]
    // month ends, leap years, year boundaries
    #[case(Cadence::months(1), &[("call", "2026-01-31")], "2025-01-01", "2026-02-28")]
    #[case(Cadence::months(1), &[("call", "2028-01-31")], "2025-01-01", "2028-02-29")]
    #[case(Cadence::years(1), &[("visit", "2028-02-29")], "2025-01-01", "2029-02-28")]
    #[case(Cadence::weeks(1), &[("call", "2026-12-29")], "2025-01-01", "2027-01-05")]
    // never contacted: from the created date
    #[case(Cadence::weeks(2), &[], "2026-12-25", "2027-01-08")]
    #[case(Cadence::months(1), &[], "2026-10-31", "2026-11-30")]
    // the latest contact counts, whatever the order given
    #[case(Cadence::weeks(1), &[("call", "2026-11-10"), ("visit", "2026-11-01"), ("call", "2026-11-03")], "2025-01-01", "2026-11-17")]
    fn one_requirement_any_kind(
        #[case] c: Cadence,
        #[case] contacts: &[(&str, &str)],
        #[case] created: &str,
        #[case] due: &str,
    ) {
        let t = tier("A", vec![Requirement::any(c)]);
        assert_eq!(next_due_of(&t, d(created), &lasts(contacts), &[]), d(due));
    }

    #[test]
    fn kinds_that_do_not_count_are_ignored() {
        let t = tier("A", vec![visit_every(Cadence::weeks(2))]);
        let l = lasts(&[("call", "2026-11-20"), ("visit", "2026-11-01")]);
        assert_eq!(next_due_of(&t, d("2025-01-01"), &l, &[]), d("2026-11-15"));
        // only calls: counts from the created date
        let l = lasts(&[("call", "2026-11-20")]);
        assert_eq!(next_due_of(&t, d("2026-11-02"), &l, &[]), d("2026-11-16"));
    }

    #[test]
    fn each_unmet_requirement_is_its_own_item() {
        // "a visit every 2 weeks and any contact every week"
        let t = tier("A", vec![Requirement::any(Cadence::weeks(1)), visit_every(Cadence::weeks(2))]);
        let input = CadenceInput {
            customer: cref(1, "王芳", "A"),
            created_on: d("2025-01-01"),
            last_before_today: lasts(&[("call", "2026-11-10"), ("visit", "2026-11-02")]),
            kinds_today: vec![],
            snoozes: vec![],
        };
        let items = cadence_items(&input, &t, d("2026-11-23"), d("2026-11-23"), &|r| format!("{:?}", r.kinds));
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].due_date, items[0].days_overdue), (d("2026-11-17"), 6));
        assert_eq!((items[1].due_date, items[1].days_overdue), (d("2026-11-16"), 7));
        // a call today meets the weekly one only: it is ticked, the visit stays open
        let input = CadenceInput { kinds_today: vec!["call".into()], ..input };
        let items = cadence_items(&input, &t, d("2026-11-23"), d("2026-11-23"), &|_| String::new());
        assert_eq!(items.iter().map(|i| i.done).collect::<Vec<_>>(), [true, false]);
    }

    #[test]
    fn a_customer_contacted_today_shows_their_next_due_date() {
        // weekly, last called 11-10: due 11-17, late on 11-23; called today, 11-23
        let t = tier("A", vec![Requirement::any(Cadence::weeks(1))]);
        let input = CadenceInput {
            customer: cref(1, "王芳", "A"),
            created_on: d("2025-01-01"),
            last_before_today: lasts(&[("call", "2026-11-10")]),
            kinds_today: vec!["call".into()],
            snoozes: vec![],
        };
        let items = cadence_items(&input, &t, d("2026-11-23"), d("2026-12-07"), &|_| String::new());
        let got: Vec<_> = items.iter().map(|i| (i.due_date, i.done, i.since)).collect();
        assert_eq!(
            got,
            [(d("2026-11-17"), true, Some(d("2026-11-10"))), (d("2026-11-30"), false, Some(d("2026-11-23")))]
        );
        // not due yet before the call (last 11-20: due 11-27): only the next one, from today
        let input = CadenceInput { last_before_today: lasts(&[("call", "2026-11-20")]), ..input };
        let items = cadence_items(&input, &t, d("2026-11-23"), d("2026-12-07"), &|_| String::new());
        let got: Vec<_> = items.iter().map(|i| (i.due_date, i.done)).collect();
        assert_eq!(got, [(d("2026-11-30"), false)]);
        // beyond the window: nothing new
        let items = cadence_items(&input, &t, d("2026-11-23"), d("2026-11-29"), &|_| String::new());
        assert!(items.is_empty());
    }

    #[test]
    fn a_snooze_pushes_the_date_until_the_next_contact() {
        let t = tier("A", vec![Requirement::any(Cadence::weeks(1))]);
        let snooze = Snooze { requirement: 0, until: d("2026-11-30"), set_on: d("2026-11-23") };
        let l = lasts(&[("call", "2026-11-10")]);
        assert_eq!(next_due_of(&t, d("2025-01-01"), &l, std::slice::from_ref(&snooze)), d("2026-11-30"));
        // the next contact ends it: due counts from that contact again
        let l = lasts(&[("call", "2026-11-10"), ("visit", "2026-11-24")]);
        assert_eq!(next_due_of(&t, d("2025-01-01"), &l, std::slice::from_ref(&snooze)), d("2026-12-01"));
        // a backdated contact (before the snooze was set) does not end it
        let l = lasts(&[("call", "2026-11-12")]);
        assert_eq!(next_due_of(&t, d("2025-01-01"), &l, &[snooze]), d("2026-11-30"));
    }

    #[test]
    fn a_tier_change_applies_the_new_cadence_from_the_last_contact() {
        let l = lasts(&[("call", "2026-11-01")]);
        let a = tier("A", vec![Requirement::any(Cadence::weeks(1))]);
        let d_ = tier("D", vec![Requirement::any(Cadence::years(1))]);
        assert_eq!(next_due_of(&d_, d("2025-01-01"), &l, &[]), d("2027-11-01"));
        assert_eq!(next_due_of(&a, d("2025-01-01"), &l, &[]), d("2026-11-08"));
    }

    fn cref(id: i64, name: &str, tier: &str) -> CustomerRef {
        CustomerRef {
            id: CustomerId(id),
            ext_ref: None,
            name: name.into(),
            company: String::new(),
            tier: tier.into(),
            last_contact: None,
            region: String::new(),
        }
    }

    fn item(id: i64, name: &str, tier: &str, reason: DueReason, late: i64) -> DueItem {
        DueItem {
            customer: cref(id, name, tier),
            reason,
            due_date: chrono::TimeDelta::try_days(late)
                .and_then(|t| d("2026-11-23").checked_sub_signed(t))
                .unwrap_or(NaiveDate::MIN),
            days_overdue: late,
            detail: String::new(),
            requirement: None,
            follow_up: None,
            done: false,
            since: None,
        }
    }

    #[rstest]
    // 24 months: taken on or before the same day two years ago
    #[case(24, "2026-11-23", "2024-11-23")]
    // a month end clamps: 2024-02-29 + 12 months = 2025-02-28, expired on 02-28
    #[case(12, "2025-02-28", "2024-02-29")]
    #[case(12, "2025-03-01", "2024-03-01")]
    #[case(1, "2026-03-31", "2026-02-28")]
    #[case(1, "2026-03-28", "2026-02-28")]
    #[case(1, "2026-03-27", "2026-02-27")]
    fn expired_through_is_the_last_expired_day(#[case] months: u32, #[case] today: &str, #[case] want: &str) {
        let rule = AssessmentRule { months, required: false };
        let last = rule.expired_through(d(today));
        assert_eq!(last, d(want));
        assert!(rule.is_expired(last, d(today)));
        assert!(!rule.is_expired(last.succ_opt().unwrap(), d(today)));
    }

    #[rstest]
    // two years after the last one, month ends clamped
    #[case(Some("2024-11-23"), false, false, "2026-11-23", Some(("2026-11-23", 0)))]
    #[case(Some("2024-02-29"), false, false, "2026-11-23", Some(("2026-02-28", 268)))]
    #[case(Some("2025-01-10"), false, false, "2026-11-23", None)]
    // never assessed: only where every customer must be
    #[case(None, true, false, "2026-11-23", Some(("2025-06-01", 540)))]
    #[case(None, false, false, "2026-11-23", None)]
    // assessed today: ticked
    #[case(Some("2024-11-20"), false, true, "2026-11-23", Some(("2026-11-20", 3)))]
    fn assessments_fall_due(
        #[case] last: Option<&str>,
        #[case] required: bool,
        #[case] done_today: bool,
        #[case] today: &str,
        #[case] want: Option<(&str, i64)>,
    ) {
        let a = AssessmentInput {
            customer: cref(1, "A", "VIP"),
            created_on: d("2025-06-01"),
            before_today: last.map(|l| (d(l), "steady".to_string())),
            done_today,
        };
        let item = assessment_item(&a, AssessmentRule { months: 24, required }, d(today), d(today), &|_| String::new());
        assert_eq!(item.as_ref().map(|i| (i.due_date, i.days_overdue)), want.map(|(due, late)| (d(due), late)));
        if let Some(i) = item {
            assert_eq!((i.reason, i.done), (DueReason::Assessment, done_today));
        }
    }

    #[test]
    fn ranking_groups_then_tier_then_lateness_then_name() {
        let mut items = vec![
            item(1, "upcoming", "A", DueReason::Cadence, -2),
            item(2, "fu late", "A", DueReason::FollowUp, 3),
            item(3, "today B", "B", DueReason::Cadence, 0),
            item(4, "late C 9", "C", DueReason::Cadence, 9),
            item(5, "late A 1", "A", DueReason::Cadence, 1),
            item(6, "late A 5", "A", DueReason::Cadence, 5),
            item(7, "today A", "A", DueReason::Cadence, 0),
            item(8, "Bob", "C", DueReason::Cadence, 9),
            item(9, "fu upcoming", "A", DueReason::FollowUp, -1),
        ];
        rank(&mut items, |t| ["A", "B", "C", "D"].iter().position(|x| *x == t).unwrap_or(9));
        let names: Vec<_> = items.iter().map(|i| i.customer.name.as_str()).collect();
        assert_eq!(
            names,
            ["late A 5", "late A 1", "Bob", "late C 9", "today A", "today B", "fu late", "fu upcoming", "upcoming"]
        );
        assert_eq!(tally(&items), (9, 0, 9));
    }

    fn kind() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("visit"), Just("call"), Just("email")]
    }

    fn contacts() -> impl Strategy<Value = Vec<(&'static str, i64)>> {
        prop::collection::vec((kind(), 0i64..800), 0..12)
    }

    fn scheme_tier() -> Tier {
        tier("A", vec![Requirement::any(Cadence::weeks(1)), visit_every(Cadence::months(1))])
    }

    fn base() -> NaiveDate {
        d("2025-01-01")
    }

    proptest! {
        /// No requirement is due before its latest counting contact plus its cadence.
        #[test]
        fn never_due_before_latest_contact_plus_cadence(cs in contacts()) {
            let t = scheme_tier();
            let l = last_by_kind(cs.iter().map(|(k, n)| (*k, base() + chrono::Duration::days(*n))));
            for r in requirement_dues(&t, base(), &l, &[]) {
                let req = &t.requirements[r.requirement];
                if let Some(last) = cs.iter().filter(|(k, _)| req.counts(k)).map(|(_, n)| base() + chrono::Duration::days(*n)).max() {
                    prop_assert!(r.due >= crate::schedule::add_cadence(last, req.cadence));
                }
            }
        }

        /// Adding a contact older than the latest one of its kind changes no due date.
        #[test]
        fn an_older_contact_changes_nothing(cs in contacts(), k in kind(), back in 1i64..400) {
            prop_assume!(cs.iter().any(|(x, _)| *x == k));
            let t = scheme_tier();
            let dated: Vec<_> = cs.iter().map(|(k, n)| (*k, base() + chrono::Duration::days(*n))).collect();
            let latest_of_k = dated.iter().filter(|(x, _)| *x == k).map(|(_, d)| *d).max().unwrap();
            let before = requirement_dues(&t, base(), &last_by_kind(dated.clone()), &[]);
            let mut more = dated.clone();
            more.push((k, latest_of_k - chrono::Duration::days(back)));
            let after = requirement_dues(&t, base(), &last_by_kind(more), &[]);
            prop_assert_eq!(before, after);
        }

        /// Ranking with keys worked out once orders exactly as sorting by `compare` does.
        #[test]
        fn rank_orders_as_compare_does(
            rows in prop::collection::vec(
                (0i64..40, 0usize..6, 0usize..3, prop_oneof![-3i64..4, Just(i64::MIN), Just(i64::MAX), any::<i64>()]),
                0..60,
            )
        ) {
            let reasons = [DueReason::Cadence, DueReason::FollowUp, DueReason::Assessment];
            let tiers = ["A", "B", "C", "D", "X", "Y"];
            // Names alike in their first sixteen bytes and after, and one ending in NUL.
            let names = [
                "王芳", "Bob", "李伟", "alice", "Bob", "欧阳王芳丽明", "欧阳王芳丽明华", "Customer 1234567890",
                "Customer 1234567891", "Bob\0",
            ];
            let mut items: Vec<DueItem> = rows
                .iter()
                .map(|&(id, t, r, late)| {
                    let mut it = item(id, names[id as usize % names.len()], tiers[t], reasons[r], late);
                    // As the store makes them: a cadence item names its requirement, a
                    // follow-up item its follow-up (no two items of a list are alike).
                    match it.reason {
                        DueReason::Cadence => it.requirement = Some(0),
                        DueReason::FollowUp => it.follow_up = Some(FollowUpId(id)),
                        DueReason::Assessment => {}
                    }
                    it
                })
                .collect();
            // An unknown tier ranks last, at the largest rank there is.
            let order =
                |t: &str| ["A", "B", "C", "D", "X"].iter().position(|x| *x == t).map_or(usize::MAX, |p| if p == 4 { 9 } else { p });
            let mut want = items.clone();
            want.sort_by(|a, b| compare(a, b, &order));
            rank(&mut items, order);
            prop_assert_eq!(items, want);
        }

        /// The order contacts are logged in does not matter, only their dates.
        #[test]
        fn logging_order_does_not_matter(cs in contacts()) {
            let t = scheme_tier();
            let dated: Vec<_> = cs.iter().map(|(k, n)| (*k, base() + chrono::Duration::days(*n))).collect();
            let mut reversed = dated.clone();
            reversed.reverse();
            prop_assert_eq!(
                requirement_dues(&t, base(), &last_by_kind(dated), &[]),
                requirement_dues(&t, base(), &last_by_kind(reversed), &[])
            );
        }
    }
}
