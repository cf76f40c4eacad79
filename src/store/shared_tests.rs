//! The book most store tests start from: in memory, on a fixed Monday (2026-11-23), with
//! the default tier scheme, written by user "t".

use super::Store;
use super::prelude::*;
use crate::clock::Clock;

pub(crate) fn empty_book() -> Store {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut s = Store::open_in_memory(Clock::Fixed(today), "t").unwrap();
    s.init_scheme("data/tiers/default.toml", crate::data::DEFAULT_SCHEME).unwrap();
    s
}
