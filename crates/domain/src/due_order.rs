//! The order of the daily list (`rank`, `compare`) and how much of a list read only in
//! part is surely its start (`head_in_place`).

use chrono::NaiveDate;

use crate::due::{DueItem, DueReason};

/// The group an item belongs to on the daily list, in display order.
fn group(item: &DueItem) -> u8 {
    match (item.reason, item.days_overdue) {
        (DueReason::Cadence, d) if d > 0 => 0,
        (DueReason::Cadence, 0) => 1,
        (DueReason::FollowUp, d) if d >= 0 => 2,
        (DueReason::Assessment, d) if d >= 0 => 3,
        _ => 4, // coming up (with a look-ahead window)
    }
}

/// Order the daily list: overdue cadence items, then due today, then follow-ups due or late,
/// then assessments, then what is coming up; within a group best tier first, then most days
/// overdue, then name. `tier_rank` gives a tier's position in the scheme (0 = best).
///
/// Each item's group and tier rank are worked out once, not at every comparison (measured on
/// a list of 90,000 items: looking the tier up per comparison was a tenth of `due`'s time).
pub fn rank(items: &mut [DueItem], tier_rank: impl Fn(&str) -> usize) {
    // Each item's key beside its position, sorted as one list: comparisons read the keys in
    // sequence, not looked up by position at random (on 90,000 items those look-ups missed
    // the cache and were most of the sort).
    let mut keyed: Vec<(u128, u128, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, it)| {
            (order_key(group(it), tier_rank(&it.customer.tier), it.days_overdue), head(&it.customer.name), at)
        })
        .collect();
    // The order is total (`after_tier` ends with the customer, the requirement and the
    // follow-up, which no two items share): an unstable sort gives the same list, faster.
    keyed.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| after_tier(&items[a.2], &items[b.2])));
    let order: Vec<usize> = keyed.into_iter().map(|(_, _, at)| at).collect();
    put_in_order(items, &order);
}

/// Group, then tier rank, then most days overdue first, as one number that orders as they
/// do: the group in the top byte, the rank (at most `u32::MAX`, more than any scheme has
/// tiers) below it, and the days overdue, reversed, in the low 64 bits.
fn order_key(group: u8, tier_rank: usize, days_overdue: i64) -> u128 {
    let rank = u32::try_from(tier_rank).unwrap_or(u32::MAX);
    // Flipping the sign bit orders an i64 as unsigned; inverting all bits reverses it.
    let later_first = !((days_overdue as u64) ^ (1 << 63));
    (u128::from(group) << 120) | (u128::from(rank) << 64) | u128::from(later_first)
}

/// The first sixteen bytes of a name as a number that orders as the bytes do (shorter names
/// padded with zeros): most names differ there (five Chinese characters, or "Customer 12345"
/// whole, where eight bytes left most of a big book's names tied), so most comparisons need
/// no string compare, and equal heads fall through to the whole names.
fn head(name: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = name.len().min(16);
    bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// Rearrange `items` so that position `i` holds the item that was at `order[i]`, by
/// following each cycle of the permutation with swaps.
pub(crate) fn put_in_order<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The daily list's order between two items (see `rank`).
pub fn compare(a: &DueItem, b: &DueItem, tier_rank: &impl Fn(&str) -> usize) -> std::cmp::Ordering {
    group(a)
        .cmp(&group(b))
        .then_with(|| tier_rank(&a.customer.tier).cmp(&tier_rank(&b.customer.tier)))
        .then_with(|| after_tier(a, b))
}

/// The daily list's order between two items of one group and tier.
fn after_tier(a: &DueItem, b: &DueItem) -> std::cmp::Ordering {
    b.days_overdue
        .cmp(&a.days_overdue)
        .then_with(|| a.customer.name.cmp(&b.customer.name))
        .then_with(|| a.customer.id.cmp(&b.customer.id))
        .then_with(|| a.requirement.cmp(&b.requirement))
        .then_with(|| a.follow_up.map(|f| f.0).cmp(&b.follow_up.map(|f| f.0)))
}

/// How many of `items`, ranked, are surely the start of the whole ranked list when only part
/// of the list was read: each cut (a tier's rank, a day) says that the overdue cadence items
/// of that tier due after that day may be missing, and nothing after today was read (the
/// coming-up group). An item is in place if it ranks before every item that may be missing:
/// in an earlier group or tier than a cut's, or in its tier's overdue group due by the cut's
/// day (more days overdue than any missing one), and due by today.
pub fn head_in_place(items: &[DueItem], cuts: &[(usize, NaiveDate)], tier_rank: impl Fn(&str) -> usize) -> usize {
    items
        .iter()
        .take_while(|it| {
            let key = (group(it), tier_rank(&it.customer.tier));
            key.0 < 4 && cuts.iter().all(|&(rank, day)| key < (0, rank) || (key == (0, rank) && it.due_date <= day))
        })
        .count()
}
