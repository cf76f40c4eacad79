//! A team's rules for a neglected customer (公海): by tier, how many days overdue a customer
//! may be before it also shows on its owner's lead's Today (escalated), and before it goes
//! back to the team's pool (released) for a colleague to claim. Pure: dates in, dates out.
//!
//! "After N days" is strict: with `release_after_days = 30` a customer 30 days overdue is
//! still its owner's (their last day), and is released on the 31st day overdue. A contact
//! logged on that last day moves the due date and keeps the customer. A pinned customer is
//! never released. A customer taken from the pool counts its days from when it was taken
//! (`held_since`), not from a due date that had already passed.

use chrono::{Days, NaiveDate};

/// A tier's rules; both optional (off: the solo schemes ship without them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OwnershipRules {
    pub escalate_after_days: Option<u32>,
    pub release_after_days: Option<u32>,
}

/// The most days a rule may name (ten years).
pub const MAX_RULE_DAYS: u32 = 3650;
/// Days of ownership left are shown from this many days before release.
pub const SHOW_DAYS_LEFT: i64 = 7;
/// Under this many days left, the count is drawn in the warning colour.
pub const WARN_DAYS_LEFT: i64 = 3;
/// How many customers one person may claim from the pool in a day until the team sets it.
pub const DEFAULT_CLAIMS_PER_DAY: u32 = 5;
/// The most a team's daily claim limit may be (the book refuses more).
pub const MAX_CLAIMS_PER_DAY: u32 = 1000;

impl OwnershipRules {
    pub const OFF: Self = Self { escalate_after_days: None, release_after_days: None };

    /// Whether the rules say anything at all.
    pub fn any(&self) -> bool {
        self.escalate_after_days.is_some() || self.release_after_days.is_some()
    }

    /// A problem with the two numbers together (each is checked for range when read).
    pub fn check(&self) -> Result<(), RuleProblem> {
        for days in [self.escalate_after_days, self.release_after_days].into_iter().flatten() {
            if days > MAX_RULE_DAYS {
                return Err(RuleProblem::TooLong(days));
            }
        }
        match (self.escalate_after_days, self.release_after_days) {
            (Some(e), Some(r)) if e >= r => Err(RuleProblem::ReleaseBeforeEscalation { escalate: e, release: r }),
            _ => Ok(()),
        }
    }
}

/// Why a tier's rules cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleProblem {
    TooLong(u32),
    ReleaseBeforeEscalation { escalate: u32, release: u32 },
}

/// The date the rules count from: the due date, or the day the owner took the customer
/// from the pool when that is later.
pub fn counted_from(due_on: NaiveDate, held_since: Option<NaiveDate>) -> NaiveDate {
    held_since.map_or(due_on, |h| h.max(due_on))
}

/// Days overdue as the rules count them (0 when not overdue).
pub fn days_overdue(due_on: NaiveDate, held_since: Option<NaiveDate>, today: NaiveDate) -> i64 {
    (today - counted_from(due_on, held_since)).num_days().max(0)
}

fn after(from: NaiveDate, days: Option<u32>) -> Option<NaiveDate> {
    days.and_then(|d| from.checked_add_days(Days::new(u64::from(d) + 1)))
}

/// The first day the customer shows on the lead's Today, if the tier escalates at all.
pub fn escalate_on(due_on: NaiveDate, held_since: Option<NaiveDate>, rules: OwnershipRules) -> Option<NaiveDate> {
    after(counted_from(due_on, held_since), rules.escalate_after_days)
}

/// The day the customer goes back to the pool, if the tier releases at all and it is not
/// pinned.
pub fn release_on(
    due_on: NaiveDate,
    held_since: Option<NaiveDate>,
    rules: OwnershipRules,
    pinned: bool,
) -> Option<NaiveDate> {
    if pinned {
        return None;
    }
    after(counted_from(due_on, held_since), rules.release_after_days)
}

/// Where an owned customer stands today under its tier's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Nothing to say, or `days_left` of ownership (shown from `SHOW_DAYS_LEFT` days on).
    Kept { days_left: Option<i64> },
    /// On the lead's Today, `days_late` overdue; `days_left` before release, if it releases.
    Escalated { days_late: i64, days_left: Option<i64> },
    /// Back to the pool today (or earlier), `days_late` overdue.
    Released { days_late: i64 },
}

/// The customer's standing as of `today`.
pub fn standing(
    due_on: NaiveDate,
    held_since: Option<NaiveDate>,
    today: NaiveDate,
    rules: OwnershipRules,
    pinned: bool,
) -> Standing {
    let late = days_overdue(due_on, held_since, today);
    let release = release_on(due_on, held_since, rules, pinned);
    if release.is_some_and(|r| today >= r) {
        return Standing::Released { days_late: late };
    }
    let days_left = release.map(|r| (r - today).num_days());
    if escalate_on(due_on, held_since, rules).is_some_and(|e| today >= e) {
        Standing::Escalated { days_late: late, days_left }
    } else {
        Standing::Kept { days_left }
    }
}

/// The days of ownership left worth showing the owner: within `SHOW_DAYS_LEFT` of release.
pub fn days_left_shown(release_on: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
    let left = (release_on? - today).num_days();
    (0..=SHOW_DAYS_LEFT).contains(&left).then_some(left)
}

/// Whether a customer `days_late` past its earliest requirement may have days of ownership
/// left worth showing under `rules`: lateness as the rules count it is never more (a claim
/// counts from its day), and days left show only from `SHOW_DAYS_LEFT` before release. A
/// list asks the book for the ownership of these customers only (a lead's Today of 32,000
/// rows asked for every one). False only where none can show.
pub fn may_show_days_left(rules: OwnershipRules, days_late: i64) -> bool {
    least_late_showing_days_left(rules).is_some_and(|least| days_late >= least)
}

/// The fewest days late at which a customer under `rules` may show days left (None: its
/// tier never releases): released on day r + 1 of lateness, shown from `SHOW_DAYS_LEFT`
/// days before that.
pub fn least_late_showing_days_left(rules: OwnershipRules) -> Option<i64> {
    rules.release_after_days.map(|r| i64::from(r) + 1 - SHOW_DAYS_LEFT)
}

/// Whether a count of days left is drawn in the warning colour.
pub fn days_left_warns(left: i64) -> bool {
    left < WARN_DAYS_LEFT
}

/// Whether a sweep as of `today` may release anything: not while the book's clock is behind
/// a day already swept (a clock set back must not release by an older reckoning, and a day
/// swept again releases nothing new).
pub fn may_sweep(today: NaiveDate, last_swept: Option<NaiveDate>) -> bool {
    last_swept.is_none_or(|last| today >= last)
}

/// The last day a snooze set on `today` may end on a customer whose tier releases: one
/// release window ahead. A snooze holds off escalation and release (they count the lateness
/// the due list shows, and a snoozed requirement is not late until its snooze ends), so an
/// owner could otherwise park a neglected customer for years with one snooze; a longer hold
/// is a lead's pin. None: no limit (the tier never releases, or the customer is pinned).
pub fn latest_snooze(today: NaiveDate, rules: OwnershipRules, pinned: bool) -> Option<NaiveDate> {
    if pinned {
        return None;
    }
    rules.release_after_days.and_then(|d| today.checked_add_days(Days::new(u64::from(d))))
}

/// Whether `n` may be the team's daily claim limit.
pub fn check_claims_per_day(n: u32) -> Result<(), PoolProblem> {
    if n > MAX_CLAIMS_PER_DAY { Err(PoolProblem::LimitTooHigh(n)) } else { Ok(()) }
}

/// Whether one more claim today is allowed: `claimed_today` already made, `limit` a day.
pub fn may_claim(claimed_today: u32, limit: u32) -> bool {
    claimed_today < limit
}

/// What the pool refuses, typed (worded by the text layer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolProblem {
    /// The pool is a team's: a book file (one person's) has none.
    TeamBookOnly,
    /// The customer is not in the pool of the person's team.
    NotInPool,
    /// Someone has the customer (claimed first, or never released).
    TakenBy(String),
    /// The person claimed `claimed` today already, `limit` a day.
    ClaimLimit { claimed: u32, limit: u32 },
    /// Assigning from the pool is a lead's (within their team) or an admin's.
    AssignRefused(String),
    /// Pinning is a lead's or an admin's.
    PinNeedsLead,
    /// A pin needs a reason.
    PinReasonRequired,
    /// The team's daily claim limit is set by a lead or an admin.
    LimitNeedsLead,
    /// A daily claim limit above `MAX_CLAIMS_PER_DAY`.
    LimitTooHigh(u32),
    /// A snooze may end by this day at the latest (`latest_snooze`).
    SnoozePastRelease(NaiveDate),
}

/// The day a rule's count passes `days` as of `today`: a customer counted from before this
/// day is past it (escalated, or released). None for a rule that is off.
pub fn cutoff(today: NaiveDate, days: Option<u32>) -> Option<NaiveDate> {
    days.and_then(|d| today.checked_sub_days(Days::new(u64::from(d))))
}

#[cfg(test)]
#[path = "pool_tests.rs"]
mod tests;
