//! What "today" is: the system clock, or a date fixed by `--today` / `TIERDESK_TODAY`
//! for demos and tests. Only the shell (CLI, UI, store timestamps) reads it; the domain
//! is always handed a date.

use chrono::{Local, NaiveDate, NaiveDateTime};

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

trait ZeroNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl ZeroNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        chrono::Timelike::with_nanosecond(&self, 0).unwrap_or(self)
    }
}
