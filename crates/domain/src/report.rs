//! The coverage report (tier management): per tier, the share of customers contacted within
//! their cadence, the overdue count and the distribution over the tiers, plus contacts per
//! week over the last 12 weeks. Pure: built from per-tier counts and per-day contact counts
//! (read by the store) and `today`; nothing here reads the clock or the book.
//!
//! The definitions, the same in the CLI, the screen and the README:
//!
//! - **The tier's period** is its own main cadence ending today. Its first day, `since`, is the
//!   earliest date a customer's latest contact can have and still be on time today, i.e. the
//!   smallest date `L` with `L + cadence >= today` (the calendar rules of `schedule`). For a
//!   weekly tier on Monday 2026-11-23 that is 2026-11-16: a customer seen on the 16th is due
//!   today, not late. A monthly tier on 2026-03-30 starts on 2026-03-01, because 28 February
//!   + 1 month is 28 March, already past.
//! - **Contacted within cadence**: the latest contact (any kind) is on or after `since`.
//! - **Not yet due**: a customer still in its first cadence after being taken on (created on
//!   or after `since`) and not contacted since `since`. Nobody could be late with them yet,
//!   so they are left out of the share; a new customer who has been contacted counts as
//!   within cadence like anyone else.
//! - **Share** = within cadence / (customers - not yet due); `None` (shown "–") when that
//!   is zero: an empty tier, or one with only new customers.
//! - **Overdue**: the next due date is before today, the number Today's coverage panel shows
//!   (every contact rule of the tier, snoozes applied). It can differ from "due minus within
//!   cadence" for a snoozed customer or a tier with extra rules (`also`).
//! - **Never contacted**: no contact at all, new customers included.
//! - **Weeks**: the 12 calendar weeks starting on Mondays that end with the current week
//!   (which is partial: up to today), oldest first, weeks without contacts as 0.
//!
//! Customers of a tier the scheme does not know (only in a book edited by hand) get a line of
//! their own without a cadence or share; in the all-tiers line they count as due, never as
//! within cadence.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::schedule::add_cadence;
use super::tier::{Cadence, CadenceUnit, TierScheme};

/// How many weeks of contacts the report shows.
pub const WEEKS: usize = 12;

/// The earliest latest-contact date that is still within `cadence` on `today`: the smallest
/// `L` with `add_cadence(L, cadence) >= today`.
pub fn window_start(today: NaiveDate, cadence: Cadence) -> NaiveDate {
    let n = cadence.every;
    let guess = match cadence.unit {
        CadenceUnit::Day => today.checked_sub_days(Days::new(u64::from(n))),
        CadenceUnit::Week => today.checked_sub_days(Days::new(7 * u64::from(n))),
        CadenceUnit::Month => today.checked_sub_months(Months::new(n)),
        CadenceUnit::Year => n.checked_mul(12).and_then(|m| today.checked_sub_months(Months::new(m))),
    };
    let mut since = guess.unwrap_or(NaiveDate::MIN);
    // Month ends clamp, so the guess may be a few days off either way (at most 3); adding a
    // cadence is monotone, so a short walk finds the exact first day.
    for _ in 0..8 {
        match since.pred_opt().filter(|d| add_cadence(*d, cadence) >= today) {
            Some(before) => since = before,
            None => break,
        }
    }
    for _ in 0..8 {
        match since.succ_opt().filter(|_| add_cadence(since, cadence) < today) {
            Some(next) => since = next,
            None => break,
        }
    }
    since
}

/// Each tier's code and the first day of its period, in the scheme's order.
pub fn windows(scheme: &TierScheme, today: NaiveDate) -> Vec<(String, NaiveDate)> {
    scheme.tiers.iter().map(|t| (t.code.clone(), window_start(today, t.cadence))).collect()
}

/// The Monday that starts the oldest of the report's weeks.
pub fn weeks_from(today: NaiveDate) -> NaiveDate {
    let back = u64::from(today.weekday().num_days_from_monday());
    let monday = today.checked_sub_days(Days::new(back)).unwrap_or(NaiveDate::MIN);
    monday.checked_sub_days(Days::new(7 * (WEEKS as u64 - 1))).unwrap_or(NaiveDate::MIN)
}

/// What is counted per tier (the store counts these in one pass over the customers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub customers: usize,
    pub contacted_within_cadence: usize,
    pub not_yet_due: usize,
    pub overdue: usize,
    pub never_contacted: usize,
}

impl Counts {
    /// The customers the share is taken over: all but those not yet due.
    pub fn due(&self) -> usize {
        self.customers.saturating_sub(self.not_yet_due)
    }

    /// Within cadence / due, from 0 to 1; None when nobody is due.
    pub fn share(&self) -> Option<f64> {
        let due = self.due();
        (due > 0).then(|| self.contacted_within_cadence.min(due) as f64 / due as f64)
    }

    /// The share as a whole percent, never rounded to 100 while someone is missing nor to
    /// 0 while someone was reached.
    pub fn percent(&self) -> Option<u32> {
        let share = self.share()?;
        let p = (share * 100.0).round() as u32;
        let p = if self.contacted_within_cadence < self.due() { p.min(99) } else { p };
        Some(if self.contacted_within_cadence > 0 { p.max(1) } else { p })
    }

    fn add(&mut self, other: &Counts) {
        self.customers += other.customers;
        self.contacted_within_cadence += other.contacted_within_cadence;
        self.not_yet_due += other.not_yet_due;
        self.overdue += other.overdue;
        self.never_contacted += other.never_contacted;
    }
}

/// One tier's counts as the store read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierTally {
    pub tier: String,
    pub counts: Counts,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct TierLine {
    /// The tier's code ("" for the line over all tiers).
    pub tier: String,
    /// The tier's main cadence; None for the all-tiers line and unknown tiers.
    pub cadence: Option<Cadence>,
    /// The first day of the tier's period.
    pub since: Option<NaiveDate>,
    pub counts: Counts,
    /// `counts.share()`, kept with the line (None: nobody due, or no cadence).
    pub share: Option<f64>,
}

impl TierLine {
    /// The share as a whole percent (see `Counts::percent`); None when there is no share.
    pub fn percent(&self) -> Option<u32> {
        self.share.and(self.counts.percent())
    }
}

/// Contacts in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCount {
    /// The week's Monday.
    pub week_start: NaiveDate,
    pub contacts: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoverageReport {
    pub as_of: NaiveDate,
    /// The span of the weeks: the first week's Monday to today.
    pub period: (NaiveDate, NaiveDate),
    /// The scheme's tiers, best first (empty ones too), then any unknown tier.
    pub tiers: Vec<TierLine>,
    /// All tiers together.
    pub all: TierLine,
    /// `WEEKS` weeks, oldest first.
    pub weeks: Vec<WeekCount>,
    pub total_customers: usize,
    pub total_contacts_in_period: usize,
}

impl CoverageReport {
    /// The report from the store's per-tier tallies and per-day contact counts (days
    /// outside the period are ignored).
    pub fn build(scheme: &TierScheme, today: NaiveDate, tallies: &[TierTally], days: &[(NaiveDate, usize)]) -> Self {
        let mut tiers: Vec<TierLine> = scheme
            .tiers
            .iter()
            .map(|t| {
                let counts = tallies.iter().find(|x| x.tier == t.code).map(|x| x.counts).unwrap_or_default();
                TierLine {
                    tier: t.code.clone(),
                    cadence: Some(t.cadence),
                    since: Some(window_start(today, t.cadence)),
                    counts,
                    share: counts.share(),
                }
            })
            .collect();
        let mut all = Counts::default();
        for line in &tiers {
            all.add(&line.counts);
        }
        for x in tallies.iter().filter(|x| scheme.tiers.iter().all(|t| t.code != x.tier)) {
            all.add(&x.counts);
            tiers.push(TierLine { tier: x.tier.clone(), cadence: None, since: None, counts: x.counts, share: None });
        }
        let from = weeks_from(today);
        let mut weeks: Vec<WeekCount> = (0..WEEKS as u64)
            .map(|i| WeekCount {
                week_start: from.checked_add_days(Days::new(7 * i)).unwrap_or(NaiveDate::MAX),
                contacts: 0,
            })
            .collect();
        for (day, n) in days {
            if *day < from || *day > today {
                continue;
            }
            let i = ((*day - from).num_days() / 7) as usize;
            if let Some(w) = weeks.get_mut(i) {
                w.contacts += n;
            }
        }
        CoverageReport {
            as_of: today,
            period: (from, today),
            all: TierLine { tier: String::new(), cadence: None, since: None, counts: all, share: all.share() },
            total_customers: all.customers,
            total_contacts_in_period: weeks.iter().map(|w| w.contacts).sum(),
            tiers,
            weeks,
        }
    }

    /// The week with the most contacts (the latest of equals); None when there were none.
    pub fn busiest_week(&self) -> Option<&WeekCount> {
        self.weeks.iter().filter(|w| w.contacts > 0).max_by_key(|w| (w.contacts, w.week_start))
    }
}

/// One person's coverage (a lead's team view): the report over the customers they own, and
/// the contacts logged with those customers (whoever logged them).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerReport {
    pub owner: String,
    pub report: CoverageReport,
}

impl OwnerReport {
    /// Contacts per week over the report's weeks (the current one counted as a whole week).
    pub fn contacts_per_week(&self) -> f64 {
        self.report.total_contacts_in_period as f64 / WEEKS as f64
    }
}

/// The report per owner, by login, from the store's per-owner tallies and per-owner, per-day
/// contact counts: the same definitions as the whole book's report. An owner with contacts
/// in the period but no customer left (all handed over since) has no line.
pub fn by_owner(
    scheme: &TierScheme,
    today: NaiveDate,
    tallies: &[(String, TierTally)],
    days: &[(String, NaiveDate, usize)],
) -> Vec<OwnerReport> {
    let mut owners: Vec<&str> = tallies.iter().map(|(o, _)| o.as_str()).collect();
    owners.sort_unstable();
    owners.dedup();
    owners
        .into_iter()
        .map(|owner| {
            let mine: Vec<TierTally> = tallies.iter().filter(|(o, _)| o == owner).map(|(_, t)| t.clone()).collect();
            let per_day: Vec<(NaiveDate, usize)> =
                days.iter().filter(|(o, _, _)| o == owner).map(|(_, d, n)| (*d, *n)).collect();
            OwnerReport { owner: owner.to_string(), report: CoverageReport::build(scheme, today, &mine, &per_day) }
        })
        .collect()
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
