//! The morning plan: which of today's due customers to visit and which to call, within the
//! day's capacity (`[plan] visits_per_day`, `calls_per_day`), best first.
//!
//! **The score** of a due item (only items due by the plan's day count):
//!
//! ```text
//! score = bonus + tier weight × days counted
//!   tier weight  = number of tiers − the tier's rank (best tier of four: 4, worst: 1),
//!                  at least 1 (an unknown tier), at most 20
//!   days counted = days late + 1 (due today counts 1), at most 366
//!   bonus        = 20,000 for a promised follow-up, 10,000 for an expiring (or missing)
//!                  risk assessment, 0 for a contact due by the tier's cadence
//! ```
//!
//! Tier weight × days counted is at most 20 × 366 = 7,320, below the 10,000 step between
//! bonuses, so promised follow-ups always come first, expiring assessments next, then
//! contacts by tier weight × days late. A customer with several due items is one row,
//! scored by its best item (the one its "why" names).
//!
//! **Visit or call.** An item whose requirement counts only in-person kinds (its `kinds`
//! name "visit" and not "call") needs a visit. Otherwise a customer of the best tier
//! is visited while visits are left, else called; every other customer is called. A
//! customer that needs a visit when the day's visits are taken waits for another day (a
//! call would not meet the requirement). Visits are listed first, grouped by region (the
//! group of the best-scored visit first), then calls; both best score first.

use std::collections::HashMap;

use super::customer::CustomerId;
use super::due::{DueItem, DueReason};
use super::tier::TierScheme;

/// The bonus of a promised follow-up: above every other item.
pub const FOLLOW_UP_BONUS: u32 = 20_000;
/// The bonus of an expiring (or missing) risk assessment: above every cadence contact.
pub const ASSESSMENT_BONUS: u32 = 10_000;
/// The largest tier weight (schemes with more tiers weigh their best ones the same).
pub const MAX_TIER_WEIGHT: u32 = 20;
/// The most days counted: a year late ranks as late as it gets.
pub const MAX_DAYS_COUNTED: u32 = 366;

/// How many visits and calls fit one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub visits: u32,
    pub calls: u32,
}

impl Default for Capacity {
    fn default() -> Self {
        Self { visits: 3, calls: 15 }
    }
}

/// How a planned customer is contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanKind {
    Visit,
    Call,
}

impl PlanKind {
    /// The word in JSON: `visit` or `call`.
    pub fn code(self) -> &'static str {
        match self {
            PlanKind::Visit => "visit",
            PlanKind::Call => "call",
        }
    }
}

/// How much an item wants a visit, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Want {
    Call,
    /// A visit while visits are left, else a call (best tier, any kind counts).
    Prefers,
    /// Only a visit meets it.
    Needs,
}

/// One row of the plan: a customer, its best-scored item (what the row says), the kind of
/// contact, the score. `region` is filled by the caller (the store reads it for the few
/// customers planned), before `group_visits_by_region`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub item: DueItem,
    pub kind: PlanKind,
    pub score: u32,
    /// How many other items of this customer are due by the day.
    pub others: usize,
    /// Every due item of the customer was dealt with today.
    pub done: bool,
    pub region: String,
}

/// The weight of the tier at `rank` (0 = best) in a scheme of `tiers` tiers.
pub fn tier_weight(rank: usize, tiers: usize) -> u32 {
    let w = tiers.saturating_sub(rank);
    u32::try_from(w).unwrap_or(MAX_TIER_WEIGHT).clamp(1, MAX_TIER_WEIGHT)
}

/// The score of one due item (see the module's comment); None when it is not due by the day.
pub fn score(reason: DueReason, weight: u32, days_overdue: i64) -> Option<u32> {
    if days_overdue < 0 {
        return None;
    }
    let days = u32::try_from(days_overdue.saturating_add(1)).unwrap_or(MAX_DAYS_COUNTED).min(MAX_DAYS_COUNTED);
    let bonus = match reason {
        DueReason::FollowUp => FOLLOW_UP_BONUS,
        DueReason::Assessment => ASSESSMENT_BONUS,
        DueReason::Cadence => 0,
    };
    Some(bonus + weight.min(MAX_TIER_WEIGHT) * days)
}

fn want(item: &DueItem, scheme: &TierScheme) -> Want {
    let rank = scheme.rank(&item.customer.tier);
    let kinds = item
        .requirement
        .filter(|_| item.reason == DueReason::Cadence)
        .and_then(|i| scheme.tier(&item.customer.tier)?.requirements.get(i)?.kinds.as_ref());
    match kinds {
        Some(k) if k.iter().any(|x| x == "visit") && !k.iter().any(|x| x == "call") => Want::Needs,
        Some(_) => Want::Call,
        None if rank == 0 => Want::Prefers,
        None => Want::Call,
    }
}

/// One customer's items, gathered.
struct Candidate<'a> {
    lead: &'a DueItem,
    score: u32,
    /// The tier's rank (0 = best), kept for the order.
    rank: usize,
    want: Want,
    items: usize,
    open: usize,
}

impl Candidate<'_> {
    /// The plan's order: best score first, then the better tier, the name, the id.
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        other
            .score
            .cmp(&self.score)
            .then_with(|| self.rank.cmp(&other.rank))
            .then_with(|| self.lead.customer.name.cmp(&other.lead.customer.name))
            .then_with(|| self.lead.customer.id.cmp(&other.lead.customer.id))
    }
}

/// A max-heap entry: the candidate that comes first in the plan's order is the greatest.
struct First<'a>(Candidate<'a>);

impl PartialEq for First<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for First<'_> {}
impl PartialOrd for First<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for First<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.order(&self.0)
    }
}

/// The plan for the day of `items` (the daily list, items done today included so the plan
/// stays the same all day): at most `cap.visits` visits and `cap.calls` calls, best first.
/// Regions are empty: fill them, then call `group_visits_by_region`.
pub fn propose(items: &[DueItem], scheme: &TierScheme, cap: Capacity) -> Vec<PlanRow> {
    let tiers = scheme.tiers.len();
    let mut by_customer: HashMap<CustomerId, Candidate> = HashMap::with_capacity(items.len());
    for item in items {
        let rank = scheme.rank(&item.customer.tier);
        let weight = tier_weight(rank, tiers);
        let Some(s) = score(item.reason, weight, item.days_overdue) else { continue };
        let w = want(item, scheme);
        let open = usize::from(!item.done);
        by_customer
            .entry(item.customer.id)
            .and_modify(|c| {
                if s > c.score {
                    c.lead = item;
                    c.score = s;
                }
                c.want = c.want.max(w);
                c.items += 1;
                c.open += open;
            })
            .or_insert(Candidate { lead: item, score: s, rank, want: w, items: 1, open });
    }
    // A heap, not a sort: a big book has tens of thousands of candidates and the day's
    // capacity takes a few dozen of them.
    let mut ranked: std::collections::BinaryHeap<First> = by_customer.into_values().map(First).collect();
    let (mut visits, mut calls) = (0u32, 0u32);
    let mut rows = Vec::new();
    while let Some(First(c)) = ranked.pop() {
        if visits >= cap.visits && calls >= cap.calls {
            break;
        }
        let kind = match c.want {
            Want::Needs if visits < cap.visits => PlanKind::Visit,
            Want::Needs => continue,
            Want::Prefers if visits < cap.visits => PlanKind::Visit,
            Want::Prefers | Want::Call if calls < cap.calls => PlanKind::Call,
            Want::Prefers | Want::Call => continue,
        };
        match kind {
            PlanKind::Visit => visits += 1,
            PlanKind::Call => calls += 1,
        }
        rows.push(PlanRow {
            item: c.lead.clone(),
            kind,
            score: c.score,
            others: c.items - 1,
            done: c.open == 0,
            region: String::new(),
        });
    }
    group_visits_by_region(&mut rows);
    rows
}

/// Visits first, grouped by region (the region of the best visit first, and so on), then
/// calls; within each, the order given (best score first).
pub fn group_visits_by_region(rows: &mut [PlanRow]) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.kind == PlanKind::Visit) {
        first_seen.entry(r.region.clone()).or_insert(i);
    }
    // A stable sort: equal keys keep the score order.
    rows.sort_by_key(|r| match r.kind {
        PlanKind::Visit => (0, first_seen.get(&r.region).copied().unwrap_or(0)),
        PlanKind::Call => (1, 0),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::due::CustomerRef;
    use crate::tier::{Cadence, Requirement, Tier, TierColor};
    use chrono::NaiveDate;

    fn tier(code: &str, kinds: Option<Vec<&str>>) -> Tier {
        let req = Requirement {
            cadence: Cadence::weeks(1),
            kinds: kinds.map(|k| k.iter().map(|s| s.to_string()).collect()),
            line: 0,
        };
        Tier {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            color: TierColor::Tier1,
            cadence: req.cadence,
            requirements: vec![req],
            rules: crate::pool::OwnershipRules::OFF,
        }
    }

    fn scheme(first_kinds: Option<Vec<&str>>) -> TierScheme {
        TierScheme {
            id: "t".into(),
            name_zh: "t".into(),
            name_en: "t".into(),
            tiers: vec![tier("A", first_kinds), tier("B", None), tier("C", None), tier("D", None)],
            assessment_required: false,
        }
    }

    fn item(id: i64, tier: &str, reason: DueReason, late: i64) -> DueItem {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        DueItem {
            customer: CustomerRef {
                id: CustomerId(id),
                ext_ref: None,
                name: format!("c{id:03}"),
                company: String::new(),
                tier: tier.into(),
                last_contact: None,
                region: String::new(),
            },
            reason,
            due_date: today - chrono::Days::new(late.max(0) as u64),
            days_overdue: late,
            detail: String::new(),
            requirement: (reason == DueReason::Cadence).then_some(0),
            follow_up: None,
            done: false,
            since: None,
        }
    }

    #[test]
    fn tier_weights_count_down_from_the_best_tier() {
        assert_eq!([0, 1, 2, 3].map(|r| tier_weight(r, 4)), [4, 3, 2, 1]);
        assert_eq!(tier_weight(4, 4), 1, "an unknown tier weighs the least");
        assert_eq!(tier_weight(0, 50), MAX_TIER_WEIGHT);
    }

    #[test]
    fn the_score_is_the_documented_formula() {
        use DueReason::*;
        for (reason, weight, late, want) in [
            (Cadence, 4, 9, Some(40)),
            (Cadence, 1, 0, Some(1)),
            (Cadence, 3, -1, None),
            (FollowUp, 1, 0, Some(20_001)),
            (Assessment, 2, 4, Some(10_010)),
            (Cadence, 20, 5000, Some(20 * 366)),
        ] {
            assert_eq!(score(reason, weight, late), want, "{reason:?} w{weight} {late} days");
        }
        // the largest cadence score stays below every assessment, and those below follow-ups
        let top = score(Cadence, MAX_TIER_WEIGHT, i64::MAX).unwrap_or_default();
        assert!(top < score(Assessment, 1, 0).unwrap_or_default());
        let top = score(Assessment, MAX_TIER_WEIGHT, i64::MAX).unwrap_or_default();
        assert!(top < score(FollowUp, 1, 0).unwrap_or_default());
    }

    #[test]
    fn follow_ups_come_first_then_assessments_then_tier_times_lateness() {
        use DueReason::*;
        let items = [
            item(1, "A", Cadence, 9),    // 4 × 10 = 40
            item(2, "D", FollowUp, 0),   // 20,001
            item(3, "C", Assessment, 2), // 10,006
            item(4, "B", Cadence, 20),   // 3 × 21 = 63
            item(5, "A", Cadence, -2),   // not due: left out
        ];
        let rows = propose(&items, &scheme(None), Capacity { visits: 0, calls: 10 });
        let ids: Vec<i64> = rows.iter().map(|r| r.item.customer.id.0).collect();
        assert_eq!(ids, [2, 3, 4, 1]);
        assert_eq!(rows.iter().map(|r| r.score).collect::<Vec<_>>(), [20_001, 10_006, 63, 40]);
    }

    #[test]
    fn capacity_bounds_visits_and_calls_and_the_best_tier_visits() {
        use DueReason::*;
        let items: Vec<DueItem> =
            (1..=5).map(|i| item(i, "A", Cadence, i)).chain((6..=9).map(|i| item(i, "C", Cadence, i))).collect();
        let rows = propose(&items, &scheme(None), Capacity { visits: 2, calls: 3 });
        let kinds: Vec<(i64, PlanKind)> = rows.iter().map(|r| (r.item.customer.id.0, r.kind)).collect();
        // scores: A 5..1 late = 24, 20, 16, 12, 8; C 9..6 late = 20, 18, 16, 14. The two best A
        // customers are visited; the third A customer, visits taken, is called.
        use PlanKind::*;
        assert_eq!(kinds, [(5, Visit), (4, Visit), (9, Call), (8, Call), (3, Call)]);
    }

    #[test]
    fn a_requirement_of_visits_only_waits_rather_than_become_a_call() {
        use DueReason::*;
        let items = [item(1, "A", Cadence, 5), item(2, "A", Cadence, 3), item(3, "B", Cadence, 1)];
        let rows = propose(&items, &scheme(Some(vec!["visit", "meal"])), Capacity { visits: 1, calls: 5 });
        let kinds: Vec<(i64, PlanKind)> = rows.iter().map(|r| (r.item.customer.id.0, r.kind)).collect();
        assert_eq!(kinds, [(1, PlanKind::Visit), (3, PlanKind::Call)]);
        // a requirement that a call meets is a call, even for the best tier
        let rows = propose(&items, &scheme(Some(vec!["call", "visit"])), Capacity { visits: 1, calls: 5 });
        assert!(rows.iter().all(|r| r.kind == PlanKind::Call));
    }

    #[test]
    fn one_row_per_customer_named_by_its_best_item() {
        use DueReason::*;
        let mut done = item(1, "B", Cadence, 3);
        done.done = true;
        let items = [done, item(1, "B", FollowUp, 1), item(2, "B", Cadence, 1)];
        let rows = propose(&items, &scheme(None), Capacity::default());
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].item.reason, rows[0].others, rows[0].done), (FollowUp, 1, false));
        let mut all_done = items.clone();
        all_done.iter_mut().for_each(|i| i.done = true);
        assert!(propose(&all_done, &scheme(None), Capacity::default()).iter().all(|r| r.done), "ticked, kept");
    }

    #[test]
    fn visits_are_grouped_by_region_best_group_first() {
        use DueReason::*;
        let items: Vec<DueItem> =
            (1..=4).map(|i| item(i, "A", Cadence, 10 - i)).chain([item(9, "B", Cadence, 0)]).collect();
        let mut rows = propose(&items, &scheme(None), Capacity { visits: 4, calls: 1 });
        for (r, region) in rows.iter_mut().zip(["东区", "西区", "东区", "北区", ""]) {
            r.region = region.into();
        }
        group_visits_by_region(&mut rows);
        let got: Vec<(i64, &str)> = rows.iter().map(|r| (r.item.customer.id.0, r.region.as_str())).collect();
        assert_eq!(got, [(1, "东区"), (3, "东区"), (2, "西区"), (4, "北区"), (9, "")]);
    }
}
