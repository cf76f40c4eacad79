//! The demo book: a few hundred customers with a year of contacts, generated from the word
//! lists in `data/demo/` and a seed derived from `today`, so the same day gives the same book.
//! Every tier gets customers that are overdue, due today and due later, and some open
//! follow-ups (overdue, due today and ahead).
//! Not business rules, so not in the domain: it only calls the domain to place the dates.

pub mod indicators;

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::customer::CustomerFields;
use crate::domain::schedule::add_cadence;
use crate::domain::tier::{Cadence, TierScheme};

/// The word lists, as text (sections start with `## name`, `#` lines are comments).
pub struct DemoSources<'a> {
    pub companies: &'a str,
    pub people: &'a str,
    pub places: &'a str,
    pub notes: &'a str,
}

/// A contact in the demo book; `customer` indexes `DemoBook::customers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoContact {
    pub customer: usize,
    pub kind: &'static str,
    pub on: NaiveDate,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFollowUp {
    pub customer: usize,
    pub what: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBook {
    pub customers: Vec<CustomerFields>,
    pub contacts: Vec<DemoContact>,
    pub follow_ups: Vec<DemoFollowUp>,
}

pub const DEMO_KINDS: [&str; 7] = ["visit", "call", "message", "email", "meal", "gift", "event"];

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Lines of a plain list, skipping comments and blanks.
fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Words of `## name` section (whitespace separated).
fn section<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim() == name;
        } else if inside && !line.starts_with('#') {
            out.extend(line.split_whitespace());
        }
    }
    out
}

/// Lines of a `## name` section.
/// The demo's account managers, in their file's order.
pub fn owners(places: &str) -> Vec<&str> {
    section_lines(places, "owners")
}

fn section_lines<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim() == name;
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            out.push(line);
        }
    }
    out
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

/// The latest date whose next due date (one cadence later) is exactly `today`.
fn last_contact_due_on(today: NaiveDate, cadence: Cadence) -> NaiveDate {
    (0..800u64)
        .map(|n| minus_days(today, n))
        .find(|d| add_cadence(*d, cadence) <= today)
        // Month-end clamping can make a day unreachable (no date + 1 month is 30 March in a
        // common year); then the closest contact that is due by today is used.
        .unwrap_or_else(|| minus_days(today, 800))
}

/// Rough length of a cadence in days, for spacing the history.
fn approx_days(c: Cadence) -> u64 {
    use crate::domain::tier::CadenceUnit::*;
    let unit = match c.unit {
        Day => 1,
        Week => 7,
        Month => 30,
        Year => 365,
    };
    u64::from(c.every) * unit
}

/// Build the demo book for `today`. `count` customers (at least one per tier per status).
pub fn generate(src: &DemoSources, scheme: &TierScheme, today: NaiveDate, count: usize) -> DemoBook {
    let mut rng = Rng(0xD1CE_5EED ^ (today.num_days_from_ce() as u64).wrapping_mul(0x1000_0001));
    let companies = lines(src.companies);
    let (zh_s, zh_g) = (section(src.people, "zh-surnames"), section(src.people, "zh-given"));
    let (en_f, en_l) = (section(src.people, "en-first"), section(src.people, "en-last"));
    let regions = section(src.places, "regions");
    let industries = section(src.places, "industries");
    let owners = section_lines(src.places, "owners");
    let summaries = section_lines(src.notes, "summaries");
    let promises = section_lines(src.notes, "follow-ups");

    // Share of customers per tier: fewer at the top, as in every rulebook (80/20).
    let n_tiers = scheme.tiers.len().max(1);
    let weights: Vec<usize> = (0..n_tiers).map(|i| 1 + i * 2).collect();
    let total_w: usize = weights.iter().sum();

    let mut book = DemoBook { customers: Vec::new(), contacts: Vec::new(), follow_ups: Vec::new() };
    let mut used_names = std::collections::HashSet::new();
    for i in 0..count {
        // tier by weighted position, so counts are stable for a given `count`
        let slot = (i * total_w) / count.max(1);
        let mut acc = 0;
        let tier_idx = weights
            .iter()
            .position(|w| {
                acc += w;
                slot < acc
            })
            .unwrap_or(n_tiers - 1);
        let tier = &scheme.tiers[tier_idx];
        let chinese = rng.below(10) < 7;
        let name = loop {
            let candidate = if chinese {
                format!("{}{}", rng.pick(&zh_s), rng.pick(&zh_g))
            } else {
                format!("{} {}", rng.pick(&en_f), rng.pick(&en_l))
            };
            if used_names.insert(candidate.clone()) || used_names.len() > 5000 {
                break candidate;
            }
        };
        let company = rng.pick(&companies).to_string();
        let company = if company.is_ascii() { company } else { format!("{}{}", rng.pick(&regions), company) };
        let phone = format!("13{}{:08}", rng.below(10), rng.below(100_000_000));
        let email = format!("contact{}@example.com", i + 1);
        // The latest contact decides the status: overdue, due today or due later.
        let cadence = tier.cadence;
        let due_today = last_contact_due_on(today, cadence);
        let last = match i % 5 {
            0 | 1 => minus_days(due_today, 1 + rng.below(20) as u64), // overdue
            2 => due_today,
            _ => {
                let span = (today - due_today).num_days().max(1) as usize;
                minus_days(today, rng.below(span) as u64) // within cadence: due later
            }
        };
        // Taken on well before the first contact of the year shown.
        let created = minus_days(last.min(minus_days(today, 365)), 30 + rng.below(1000) as u64);
        let fields = CustomerFields {
            ext_ref: Some(format!("C{:05}", i + 1)),
            name,
            company,
            contact_person: String::new(),
            phone,
            email,
            region: rng.pick(&regions).to_string(),
            address: String::new(),
            industry: rng.pick(&industries).to_string(),
            owner: rng.pick(&owners).to_string(),
            tags: if rng.below(4) == 0 { "重点跟进".into() } else { String::new() },
            notes: String::new(),
            created_on: created,
            tier: tier.code.clone(),
        };
        book.customers.push(fields);

        // Walk back a year from the latest contact, one contact per cadence, with jitter.
        let step = approx_days(cadence).max(1);
        let year_ago = minus_days(today, 365);
        let mut on = last;
        let mut first = true;
        // The latest contact is always recorded, even when it is more than a year old.
        while (first || on >= year_ago) && on > created {
            book.contacts.push(DemoContact {
                customer: i,
                kind: DEMO_KINDS[rng.below(DEMO_KINDS.len())],
                on,
                summary: rng.pick(&summaries).to_string(),
            });
            if !first && step >= 365 {
                break;
            }
            first = false;
            let jitter = if step >= 7 { rng.below((step / 3) as usize + 1) as u64 } else { 0 };
            on = minus_days(on, step + jitter);
        }
        // One customer in four made a promise still open: overdue, today or ahead.
        if i % 4 == 1 {
            let offset = rng.below(21) as i64 - 10;
            let due = if offset < 0 {
                minus_days(today, offset.unsigned_abs())
            } else {
                today.checked_add_days(Days::new(offset as u64)).unwrap_or(today)
            };
            book.follow_ups.push(DemoFollowUp { customer: i, what: rng.pick(&promises).to_string(), due });
        }
    }
    // Chronological order reads more naturally in the book.
    book.contacts.sort_by_key(|c| (c.on, c.customer));
    book
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::domain::schedule::{DueStatus, due_status, next_due};

    fn sources() -> DemoSources<'static> {
        DemoSources {
            companies: data::demo::COMPANIES,
            people: data::demo::PEOPLE,
            places: data::demo::PLACES,
            notes: data::demo::NOTES,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn is_deterministic_for_a_day() {
        let s = data::default_scheme();
        assert_eq!(generate(&sources(), &s, today(), 320), generate(&sources(), &s, today(), 320));
        assert_ne!(
            generate(&sources(), &s, today(), 50).customers,
            generate(&sources(), &s, today().succ_opt().unwrap(), 50).customers
        );
    }

    #[test]
    fn every_tier_has_overdue_due_today_and_later_in_every_scheme() {
        for (_, file, text) in data::BUILTIN_SCHEMES {
            let scheme = TierScheme::parse(file, text).unwrap();
            for day in [
                today(),
                NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
                NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
                NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            ] {
                let book = generate(&sources(), &scheme, day, 320);
                assert!(book.customers.len() >= 300);
                for tier in &scheme.tiers {
                    let mut seen = [false; 3];
                    for (i, c) in book.customers.iter().enumerate().filter(|(_, c)| c.tier == tier.code) {
                        let last = book.contacts.iter().filter(|x| x.customer == i).map(|x| x.on).max();
                        assert!(last.is_none_or(|l| l <= day), "no contact after today");
                        match due_status(next_due(last, c.created_on, tier.cadence), day, 0) {
                            DueStatus::Overdue(_) => seen[0] = true,
                            DueStatus::DueToday => seen[1] = true,
                            _ => seen[2] = true,
                        }
                    }
                    // Clamping makes some days unreachable (nothing + 1 year lands on 29 Feb):
                    // then nobody can be due exactly today, and that is right.
                    let reachable = (0..800u64).any(|n| add_cadence(minus_days(day, n), tier.cadence) == day);
                    assert_eq!(seen, [true, reachable, true], "{} tier {} on {day}", scheme.id, tier.code);
                }
                assert!(book.follow_ups.iter().any(|f| f.due < day));
                assert!(book.follow_ups.iter().any(|f| f.due >= day));
            }
        }
    }

    #[test]
    fn has_a_year_of_history_and_mixed_names() {
        let book = generate(&sources(), &data::default_scheme(), today(), 320);
        let first = book.contacts.first().unwrap().on;
        assert!((today() - first).num_days() >= 300, "history starts {first}");
        assert!(book.customers.iter().any(|c| !c.name.is_ascii()));
        assert!(book.customers.iter().any(|c| c.name.is_ascii()));
    }
}
