//! Narrowing the daily list to what one person wants to see now: by reason (contact due,
//! follow-up, assessment), tier and region, combinable. And the week ahead: the list cut
//! into days, overdue first.

use chrono::{Days, NaiveDate};

use crate::due::{DueItem, DueReason};

impl DueReason {
    pub const ALL: [DueReason; 3] = [DueReason::Cadence, DueReason::FollowUp, DueReason::Assessment];

    /// The reason named by its code (`cadence`, `follow_up`, `assessment`).
    pub fn from_code(code: &str) -> Option<DueReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Which items to keep. Within one dimension any listed value matches; the dimensions
/// combine (an item must match each one that lists something). Empty keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueFilter {
    pub reasons: Vec<DueReason>,
    pub tiers: Vec<String>,
    /// Regions as written on the customers; compared ignoring case and surrounding blanks,
    /// since regions are free text typed by hand ("East" and "east " are one region).
    pub regions: Vec<String>,
}

impl DueFilter {
    pub fn is_empty(&self) -> bool {
        self.reasons.is_empty() && self.tiers.is_empty() && self.regions.is_empty()
    }

    pub fn matches(&self, item: &DueItem) -> bool {
        (self.reasons.is_empty() || self.reasons.contains(&item.reason))
            && (self.tiers.is_empty() || self.tiers.contains(&item.customer.tier))
            && (self.regions.is_empty() || self.regions.iter().any(|r| same_region(r, &item.customer.region)))
    }
}

/// Whether two region texts name the same region.
pub fn same_region(a: &str, b: &str) -> bool {
    // Compared char by char, without lowering copies: Today filters every row by it.
    let (a, b) = (a.trim(), b.trim());
    a == b || a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// The next value of a dimension a key steps through: nothing (all) -> the first option ->
/// ... -> the last -> nothing again. A selection not among the options starts over.
pub fn step<T: Clone + PartialEq>(current: &[T], options: &[T]) -> Vec<T> {
    match current {
        [] => options.first().cloned().into_iter().collect(),
        [one] => match options.iter().position(|o| o == one) {
            Some(i) => options.get(i + 1).cloned().into_iter().collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The distinct regions of the items, sorted (the first spelling met stands for its region); the empty
/// region (none given) is left out, as there is nothing to name it by.
pub fn regions_of<'a>(items: impl IntoIterator<Item = &'a DueItem>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for it in items {
        let r = it.customer.region.trim();
        if !r.is_empty() && !out.iter().any(|o| same_region(o, r)) {
            out.push(r.to_string());
        }
    }
    out.sort();
    out
}

/// One group of the week ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Day {
    /// Due before the first day shown.
    Overdue,
    On(NaiveDate),
}

/// The group of an item due on `due` in a week of `days` days from `today`: 0 overdue, 1
/// today, 2 tomorrow, ...; None after the last day.
pub fn day_index(due: NaiveDate, today: NaiveDate, days: u32) -> Option<usize> {
    if due < today {
        return Some(0);
    }
    let n = usize::try_from((due - today).num_days()).ok()?;
    (n < days as usize).then_some(n + 1)
}

/// The week ahead: the overdue items, then one group per day from `today` for `days` days
/// (every day present, even an empty one). Items keep their order within a group; items
/// after the last day are left out.
pub fn by_day<'a>(
    items: impl IntoIterator<Item = &'a DueItem>,
    today: NaiveDate,
    days: u32,
) -> Vec<(Day, Vec<&'a DueItem>)> {
    let mut groups: Vec<(Day, Vec<&DueItem>)> = vec![(Day::Overdue, Vec::new())];
    groups.extend(
        (0..days).filter_map(|n| today.checked_add_days(Days::new(u64::from(n)))).map(|d| (Day::On(d), Vec::new())),
    );
    for it in items {
        if let Some(group) = day_index(it.due_date, today, days).and_then(|i| groups.get_mut(i)) {
            group.1.push(it);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::CustomerId;
    use crate::due::CustomerRef;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn item(id: i64, tier: &str, region: &str, reason: DueReason, due: &str) -> DueItem {
        DueItem {
            customer: CustomerRef {
                id: CustomerId(id),
                ext_ref: None,
                name: format!("c{id}"),
                company: String::new(),
                tier: tier.into(),
                last_contact: None,
                region: region.into(),
            },
            reason,
            due_date: d(due),
            days_overdue: (d("2026-11-23") - d(due)).num_days(),
            detail: String::new(),
            requirement: None,
            follow_up: None,
            done: false,
            since: None,
        }
    }

    #[test]
    fn dimensions_combine_and_values_within_one_widen() {
        let a = item(1, "A", "East", DueReason::Cadence, "2026-11-20");
        let b = item(2, "B", "west", DueReason::FollowUp, "2026-11-23");
        let c = item(3, "A", "", DueReason::Assessment, "2026-11-23");
        let keep =
            |f: &DueFilter| [&a, &b, &c].iter().filter(|i| f.matches(i)).map(|i| i.customer.id.0).collect::<Vec<_>>();
        assert_eq!(keep(&DueFilter::default()), [1, 2, 3]);
        let reason = DueFilter { reasons: vec![DueReason::FollowUp], ..Default::default() };
        assert_eq!(keep(&reason), [2]);
        let tier = DueFilter { tiers: vec!["A".into()], ..Default::default() };
        assert_eq!(keep(&tier), [1, 3]);
        let both = DueFilter {
            reasons: vec![DueReason::Cadence, DueReason::FollowUp],
            tiers: vec!["A".into()],
            ..Default::default()
        };
        assert_eq!(keep(&both), [1]);
        let region = DueFilter { regions: vec![" WEST".into()], ..Default::default() };
        assert_eq!(keep(&region), [2]);
        let none = DueFilter { regions: vec!["West".into()], tiers: vec!["A".into()], ..Default::default() };
        assert!(keep(&none).is_empty());
    }

    #[test]
    fn a_key_steps_through_the_options_and_back_to_all() {
        let opts = ["A", "B"];
        assert_eq!(step::<&str>(&[], &opts), ["A"]);
        assert_eq!(step(&["A"], &opts), ["B"]);
        assert!(step(&["B"], &opts).is_empty());
        assert!(step(&["Z"], &opts).is_empty());
        assert!(step::<&str>(&[], &[]).is_empty());
    }

    #[test]
    fn regions_are_distinct_sorted_and_skip_blanks() {
        let items = [
            item(1, "A", "West", DueReason::Cadence, "2026-11-20"),
            item(2, "A", "east", DueReason::Cadence, "2026-11-20"),
            item(3, "A", " west ", DueReason::Cadence, "2026-11-20"),
            item(4, "A", "", DueReason::Cadence, "2026-11-20"),
        ];
        assert_eq!(regions_of(&items), ["West", "east"]);
    }

    #[test]
    fn the_week_has_overdue_first_then_every_day() {
        let items = [
            item(1, "A", "", DueReason::Cadence, "2026-11-20"),
            item(2, "A", "", DueReason::FollowUp, "2026-11-23"),
            item(3, "A", "", DueReason::Assessment, "2026-11-25"),
            item(4, "A", "", DueReason::Cadence, "2026-11-29"),
            item(5, "A", "", DueReason::Cadence, "2026-11-30"),
        ];
        let week = by_day(&items, d("2026-11-23"), 7);
        assert_eq!(week.len(), 8);
        let ids = |i: usize| week[i].1.iter().map(|x| x.customer.id.0).collect::<Vec<_>>();
        assert_eq!(week[0].0, Day::Overdue);
        assert_eq!(ids(0), [1]);
        assert_eq!((week[1].0, ids(1)), (Day::On(d("2026-11-23")), vec![2]));
        assert_eq!((week[3].0, ids(3)), (Day::On(d("2026-11-25")), vec![3]));
        assert_eq!((week[7].0, ids(7)), (Day::On(d("2026-11-29")), vec![4]));
        assert!(ids(2).is_empty());
    }
}
