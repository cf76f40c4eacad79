//! Next due, the core rule: latest contact (or created date) plus the tier's cadence,
//! with calendar arithmetic that clamps month ends and 29 February.

use chrono::{Days, Months, NaiveDate};

use super::tier::{Cadence, CadenceUnit};

/// `date` moved forward by one cadence interval.
///
/// Weeks add 7 × n days; months keep the day of month and clamp to the month's last day
/// (31 Jan + 1 month = 28 or 29 Feb); years are 12 months, so 29 Feb + 1 year = 28 Feb.
/// Saturates at the last representable date instead of overflowing.
pub fn add_cadence(date: NaiveDate, cadence: Cadence) -> NaiveDate {
    let n = cadence.every;
    let moved = match cadence.unit {
        CadenceUnit::Day => date.checked_add_days(Days::new(u64::from(n))),
        CadenceUnit::Week => date.checked_add_days(Days::new(7 * u64::from(n))),
        // chrono clamps to the end of the target month, which is the rule we want.
        CadenceUnit::Month => date.checked_add_months(Months::new(n)),
        CadenceUnit::Year => n.checked_mul(12).and_then(|m| date.checked_add_months(Months::new(m))),
    };
    moved.unwrap_or(NaiveDate::MAX)
}

/// When a customer is next due: its latest contact plus the cadence, or, never contacted,
/// its created date plus the cadence.
pub fn next_due(last_contact: Option<NaiveDate>, created: NaiveDate, cadence: Cadence) -> NaiveDate {
    add_cadence(last_contact.unwrap_or(created), cadence)
}

/// Where a due date stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueStatus {
    /// Due before today, by this many days (> 0).
    Overdue(i64),
    DueToday,
    /// Falls due within the look-ahead window, in this many days (> 0).
    Upcoming(i64),
    Later,
}

/// Classify `due` against `today`; `window_days` is the look-ahead for "upcoming".
pub fn due_status(due: NaiveDate, today: NaiveDate, window_days: i64) -> DueStatus {
    let days = (today - due).num_days();
    if days > 0 {
        DueStatus::Overdue(days)
    } else if days == 0 {
        DueStatus::DueToday
    } else if -days <= window_days {
        DueStatus::Upcoming(-days)
    } else {
        DueStatus::Later
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[rstest]
    // weeks: plain days, across month and year ends
    #[case("2026-11-23", Cadence::weeks(1), "2026-11-30")]
    #[case("2026-12-28", Cadence::weeks(1), "2027-01-04")]
    #[case("2026-12-20", Cadence::weeks(2), "2027-01-03")]
    #[case("2028-02-22", Cadence::weeks(1), "2028-02-29")]
    // months: keep the day, clamp to the month's end
    #[case("2026-01-31", Cadence::months(1), "2026-02-28")]
    #[case("2028-01-31", Cadence::months(1), "2028-02-29")]
    #[case("2026-03-31", Cadence::months(1), "2026-04-30")]
    #[case("2026-08-31", Cadence::months(3), "2026-11-30")]
    #[case("2026-12-15", Cadence::months(1), "2027-01-15")]
    #[case("2026-11-30", Cadence::months(3), "2027-02-28")]
    #[case("2026-02-28", Cadence::months(1), "2026-03-28")]
    // years: 29 Feb clamps to 28 Feb, leap to leap keeps it
    #[case("2028-02-29", Cadence::years(1), "2029-02-28")]
    #[case("2028-02-29", Cadence::years(4), "2032-02-29")]
    #[case("2026-12-31", Cadence::years(1), "2027-12-31")]
    // days (leads scheme)
    #[case("2026-12-31", Cadence::days(1), "2027-01-01")]
    #[case("2026-02-20", Cadence::days(15), "2026-03-07")]
    fn cadence_arithmetic(#[case] from: &str, #[case] cadence: Cadence, #[case] due: &str) {
        assert_eq!(add_cadence(d(from), cadence), d(due));
    }

    #[rstest]
    #[case(Some("2026-11-01"), "2025-01-01", Cadence::weeks(1), "2026-11-08")]
    #[case(None, "2026-10-31", Cadence::months(1), "2026-11-30")]
    #[case(None, "2024-02-29", Cadence::years(1), "2025-02-28")]
    #[case(Some("2027-01-31"), "2020-01-01", Cadence::months(1), "2027-02-28")]
    fn next_due_counts_from_last_contact_else_created(
        #[case] last: Option<&str>,
        #[case] created: &str,
        #[case] cadence: Cadence,
        #[case] due: &str,
    ) {
        assert_eq!(next_due(last.map(d), d(created), cadence), d(due));
    }

    #[rstest]
    #[case("2026-11-20", "2026-11-23", DueStatus::Overdue(3))]
    #[case("2026-11-23", "2026-11-23", DueStatus::DueToday)]
    #[case("2026-11-30", "2026-11-23", DueStatus::Upcoming(7))]
    #[case("2026-12-01", "2026-11-23", DueStatus::Later)]
    #[case("2026-12-31", "2027-01-01", DueStatus::Overdue(1))]
    fn status_against_today(#[case] due: &str, #[case] today: &str, #[case] want: DueStatus) {
        assert_eq!(due_status(d(due), d(today), 7), want);
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        assert_eq!(add_cadence(NaiveDate::MAX, Cadence::years(1000)), NaiveDate::MAX);
    }

    fn cadence_strategy() -> impl Strategy<Value = Cadence> {
        (1u32..30, 0..4).prop_map(|(n, u)| Cadence {
            every: n,
            unit: [CadenceUnit::Day, CadenceUnit::Week, CadenceUnit::Month, CadenceUnit::Year][u as usize],
        })
    }

    proptest! {
        /// A customer is never due before (or on the day of) its last contact.
        #[test]
        fn never_due_before_the_last_contact(days in 0i64..40000, c in cadence_strategy()) {
            let last = d("1990-01-01") + chrono::Duration::days(days);
            prop_assert!(next_due(Some(last), d("1980-01-01"), c) > last);
        }

        /// A later contact never gives an earlier due date.
        #[test]
        fn due_is_monotone_in_the_last_contact(a in 0i64..40000, b in 0i64..40000, c in cadence_strategy()) {
            let (lo, hi) = (a.min(b), a.max(b));
            let base = d("1990-01-01");
            prop_assert!(add_cadence(base + chrono::Duration::days(lo), c)
                <= add_cadence(base + chrono::Duration::days(hi), c));
        }
    }
}
