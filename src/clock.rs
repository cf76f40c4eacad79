//! What "today" is: the system clock, or a date fixed by `--today` / `TIERDESK_TODAY`
//! for demos and tests. Only the shell (CLI, UI, store timestamps) reads it; the domain
//! is always handed a date.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// Today is fixed; the time of day still comes from the system clock so that
    /// timestamps written in one session keep their order.
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Local::now().date_naive(),
            Clock::Fixed(d) => *d,
        }
    }

    /// The current moment, on `today()`'s date, to the second.
    pub fn now(&self) -> NaiveDateTime {
        let now = Local::now().naive_local();
        let now = now.with_nanosecond_zero();
        match self {
            Clock::System => now,
            Clock::Fixed(d) => d.and_time(now.time()),
        }
    }
}

/// A moment the book holds as local wall time (its `YYYY-MM-DD HH:MM:SS` text), written for
/// other programs as RFC 3339 with this machine's UTC offset at that moment:
/// `2026-11-23T09:15:02+08:00`. Every timestamp in JSON and in the exports goes through here,
/// so scripts read one form. A wall time that does not exist locally (skipped by a daylight
/// saving change) takes the offset in force just after it; an ambiguous one the earlier.
pub fn rfc3339(t: NaiveDateTime) -> String {
    let local = match Local.from_local_datetime(&t) {
        chrono::LocalResult::Single(d) | chrono::LocalResult::Ambiguous(d, _) => d,
        chrono::LocalResult::None => {
            let later = t + chrono::Duration::hours(1);
            match Local.from_local_datetime(&later).earliest() {
                Some(d) => d - chrono::Duration::hours(1),
                None => return t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            }
        }
    };
    local.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

trait ZeroNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl ZeroNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        chrono::Timelike::with_nanosecond(&self, 0).unwrap_or(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_has_the_date_the_time_and_an_offset() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 15, 2)).unwrap();
        let text = rfc3339(t);
        let parsed = chrono::DateTime::parse_from_rfc3339(&text).unwrap();
        assert_eq!(parsed.naive_local(), t, "{text}");
        assert!(text.starts_with("2026-11-23T09:15:02"), "{text}");
        assert!(text.ends_with('Z') || text[19..].starts_with(['+', '-']), "an offset: {text}");
    }
}
