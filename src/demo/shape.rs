//! The shape of each demo person's book: how many of their customers are due today or a
//! little late, how many badly late, their open promises and expired assessments.
//!
//! Dates are planned, not drawn: each customer gets the due date wanted for it (an offset
//! from today), and its latest contact is found backwards from that date with the domain's
//! cadence rule, so the counts hold on any day (a Monday, a month end, 29 February).

use chrono::{Days, NaiveDate};

use super::words::Rng;
use crate::domain::schedule::add_cadence;
use crate::domain::tier::{Cadence, CadenceUnit};

/// How a demo person keeps up with their customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The person signed in: a believable day (a few dozen items, mostly due today or a
    /// day or three late, a handful badly late with a reason in the notes).
    Steady,
    /// Everything on time: the colleague whose report is all green.
    Diligent,
    /// Fallen behind: a third of the customers overdue, some by weeks.
    Behind,
    /// In between.
    Average,
}

impl Shape {
    /// The shape of the demo's `owner`-th account manager (`## owners` order): the first is
    /// the person signed in.
    pub fn of(owner: usize) -> Shape {
        [Shape::Steady, Shape::Diligent, Shape::Behind].get(owner).copied().unwrap_or(Shape::Average)
    }

    /// Share of the book, in turns of the round robin: the person signed in holds more.
    fn weight(self) -> usize {
        if self == Shape::Steady { 3 } else { 2 }
    }

    /// Lateness in days of the customers on today's list, in turn: mostly due today or a
    /// day or three late.
    fn lateness(self) -> &'static [i64] {
        match self {
            Shape::Diligent => &[0, 0, 1, 0],
            Shape::Behind => &[1, 3, 0, 2, 3, 1],
            Shape::Steady | Shape::Average => &[0, 1, 0, 2, 0, 3, 1, 0, 2],
        }
    }

    /// How many of a group of `n` customers of the `tier`-th tier, contacted every
    /// `period` days, are badly late and how many on today's list (due today or a little
    /// late). At least one is left to fall due later.
    fn counts(self, tier: usize, period: i64, n: usize) -> (usize, usize) {
        let today_share = match self {
            Shape::Steady => 5,
            Shape::Diligent => 2,
            Shape::Behind | Shape::Average => 4,
        };
        let on_today = (n * today_share).div_ceil(period.max(1) as usize);
        let bad = match self {
            // One or two a tier below the top: a believable handful, each with its reason.
            Shape::Steady => [0, 1, 2, 1].get(tier).copied().unwrap_or(0),
            Shape::Diligent => 0,
            Shape::Behind => n * 35 / 100,
            Shape::Average => n / 10,
        };
        let room = n.saturating_sub(1);
        let on_today = on_today.min(room);
        (bad.min(room - on_today), on_today)
    }

    /// Promises still open: (overdue, due today, ahead).
    pub fn follow_ups(self) -> (usize, usize, usize) {
        match self {
            Shape::Steady => (2, 5, 4),
            Shape::Diligent => (0, 1, 4),
            Shape::Behind => (6, 2, 2),
            Shape::Average => (1, 2, 3),
        }
    }

    /// How many of `assessed` customers' risk assessments have expired (two years old).
    pub fn expired_assessments(self, assessed: usize) -> usize {
        match self {
            Shape::Steady => 3,
            Shape::Diligent => 0,
            Shape::Behind => assessed / 6,
            Shape::Average => 2,
        }
        .min(assessed)
    }
}

/// Which of `owners` account managers holds the `i`-th customer: a round robin in which
/// each takes as many turns as their shape's weight, so every tier is shared alike.
pub fn owner_of(i: usize, owners: usize) -> usize {
    let turns: Vec<usize> =
        (0..3).flat_map(|round| (0..owners).filter(move |o| Shape::of(*o).weight() > round)).collect();
    if turns.is_empty() { 0 } else { turns[i % turns.len()] }
}

/// Where a customer's due date is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Days from today: negative when late, 0 due today.
    pub offset: i64,
    /// Badly late: its latest contact note says why.
    pub badly_late: bool,
}

/// The placement of the `j`-th of `n` customers that one person holds in the `tier`-th
/// tier (cadence `cadence`): first those on today's list, then the badly late, then the
/// rest spread evenly over one cadence ahead (a yearly tier: about one in twelve a month).
pub fn place(shape: Shape, tier: usize, cadence: Cadence, j: usize, n: usize, rng: &mut Rng) -> Placement {
    let period = shortest_days(cadence);
    let (bad, on_today) = shape.counts(tier, period, n);
    if j < on_today {
        let late = shape.lateness();
        return Placement { offset: -late[j % late.len()], badly_late: false };
    }
    if j < on_today + bad {
        let offset = match shape {
            Shape::Behind => -(4 + rng.below((period + 30) as usize) as i64),
            _ => -(8 + rng.below(period.clamp(1, 21) as usize) as i64),
        };
        return Placement { offset, badly_late: true };
    }
    // Ahead: slot r of m over days 1 ..= period - 1, a little jitter inside the slot.
    let (r, m) = ((j - on_today - bad) as i64, (n - on_today - bad).max(1) as i64);
    let span = (period - 1).max(1);
    let from = r * span / m;
    let width = ((r + 1) * span / m - from).max(1);
    Placement { offset: 1 + from + rng.below(width as usize) as i64, badly_late: false }
}

/// The fewest days one cadence can last (a month can be 28 days): any offset below it has
/// its latest contact before today.
fn shortest_days(c: Cadence) -> i64 {
    let unit = match c.unit {
        CadenceUnit::Day => 1,
        CadenceUnit::Week => 7,
        CadenceUnit::Month => 28,
        CadenceUnit::Year => 365,
    };
    i64::from(c.every) * unit
}

/// `today` moved by `offset` days (either way).
pub fn shifted(today: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    let moved = if offset < 0 { today.checked_sub_days(days) } else { today.checked_add_days(days) };
    moved.unwrap_or(today)
}

/// The latest day whose next due date (one cadence later) is `wanted`. Month ends can make
/// `wanted` unreachable (nothing + 1 month is 30 March in a common year, nothing + 1 year
/// is 29 February): then the latest day due before it, so the customer stays on the list.
pub fn contact_for_due(wanted: NaiveDate, cadence: Cadence) -> NaiveDate {
    (1..=1200).map(|n| shifted(wanted, -n)).find(|d| add_cadence(*d, cadence) <= wanted).unwrap_or(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_contact_found_backwards_gives_the_wanted_due_date() {
        for (wanted, c, last) in [
            ("2026-11-23", Cadence::weeks(1), "2026-11-16"),
            ("2026-11-30", Cadence::months(1), "2026-10-31"),
            ("2027-02-28", Cadence::months(1), "2027-01-31"),
            ("2028-02-29", Cadence::years(1), "2027-02-28"), // unreachable: due a day early
            ("2027-03-30", Cadence::months(1), "2027-02-28"), // unreachable: due two days early
            ("2028-02-29", Cadence::months(24), "2026-02-28"),
        ] {
            assert_eq!(contact_for_due(d(wanted), c), d(last), "{wanted} {c:?}");
        }
    }

    #[test]
    fn the_signed_in_person_has_a_day_not_a_backlog() {
        let mut rng = Rng(7);
        // 王芳's share of the default scheme's tiers in a 320-customer book.
        let groups =
            [(Cadence::weeks(1), 5), (Cadence::weeks(2), 16), (Cadence::months(1), 27), (Cadence::years(1), 38)];
        let mut today = 0;
        let mut bad = 0;
        for (tier, (c, n)) in groups.iter().enumerate() {
            for j in 0..*n {
                let p = place(Shape::Steady, tier, *c, j, *n, &mut rng);
                assert!(p.offset < shortest_days(*c), "{p:?}");
                today += usize::from(p.offset <= 0 && !p.badly_late);
                bad += usize::from(p.badly_late);
            }
        }
        assert_eq!((today, bad), (16, 4));
    }

    #[test]
    fn the_round_robin_gives_the_first_person_the_most() {
        let held: Vec<usize> = (0..5).map(|o| (0..320).filter(|i| owner_of(*i, 5) == o).count()).collect();
        assert_eq!(held.iter().sum::<usize>(), 320);
        assert!(held[0] > held[1] && held[1..].iter().all(|h| *h >= 58), "{held:?}");
        assert_eq!(owner_of(3, 0), 0);
    }
}
