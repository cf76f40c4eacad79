//! The demo book: a few hundred customers with a year of contacts, generated from the word
//! lists in `data/demo/` and a seed derived from `today`, so the same day gives the same book.
//! Each account manager's book has a shape (`shape::Shape`): the person signed in has a
//! believable day on Today, one colleague is diligent, one behind. Every tier still has
//! customers overdue, due today and due later, and open follow-ups. Most customers have a
//! temperament, and a few have late payments and recommendations (`brief_parts`), so that
//! every part of the visit brief shows something.
//! Not business rules, so not in the domain: it only calls the domain to place the dates.

mod brief_parts;
pub mod indicators;
mod shape;
mod tasks;
mod words;

use chrono::{Datelike, NaiveDate};

pub use brief_parts::{DemoLatePayment, DemoRecommendation};

use crate::domain::customer::CustomerFields;
use crate::domain::tier::{Cadence, TierScheme};
pub use shape::Shape;
use words::{Rng, lines, section, section_lines};

/// The word lists, as text (sections start with `## name`, `#` lines are comments).
pub struct DemoSources<'a> {
    pub companies: &'a str,
    pub people: &'a str,
    pub places: &'a str,
    pub notes: &'a str,
    /// The temperament keys in use (most customers get one).
    pub temperaments: &'a [&'a str],
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

/// A risk assessment taken on a day (its answers are drawn when the book is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAssessment {
    pub customer: usize,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBook {
    pub customers: Vec<CustomerFields>,
    pub contacts: Vec<DemoContact>,
    pub follow_ups: Vec<DemoFollowUp>,
    pub assessments: Vec<DemoAssessment>,
    /// Late payments in the current and the last calendar quarter, by date.
    pub late_payments: Vec<DemoLatePayment>,
    /// Recommendations of products, by date (the products are chosen as the book is written).
    pub recommendations: Vec<DemoRecommendation>,
}

pub const DEMO_KINDS: [&str; 7] = ["visit", "call", "message", "email", "meal", "gift", "event"];

/// The demo's account managers, in their file's order.
pub fn owners(places: &str) -> Vec<&str> {
    section_lines(places, "owners")
}

/// The words a customer is made of.
struct Words<'a> {
    companies: Vec<&'a str>,
    zh: (Vec<&'a str>, Vec<&'a str>),
    en: (Vec<&'a str>, Vec<&'a str>),
    regions: Vec<&'a str>,
    industries: Vec<&'a str>,
    summaries: Vec<&'a str>,
    /// Why a badly late customer is late, as its latest contact note says.
    late_reasons: Vec<&'a str>,
}

impl<'a> Words<'a> {
    fn new(src: &DemoSources<'a>) -> Self {
        Self {
            companies: lines(src.companies),
            zh: (section(src.people, "zh-surnames"), section(src.people, "zh-given")),
            en: (section(src.people, "en-first"), section(src.people, "en-last")),
            regions: section(src.places, "regions"),
            industries: section(src.places, "industries"),
            summaries: section_lines(src.notes, "summaries"),
            late_reasons: section_lines(src.notes, "late-reasons"),
        }
    }
}

/// The tier (index into the scheme) of the `i`-th of `count` customers: fewer at the top,
/// as in every rulebook (80/20), by position so the counts are stable for a given `count`.
fn tier_of(i: usize, count: usize, n_tiers: usize) -> usize {
    let weights: Vec<usize> = (0..n_tiers).map(|t| 1 + t * 2).collect();
    let slot = (i * weights.iter().sum::<usize>()) / count.max(1);
    let mut acc = 0;
    weights
        .iter()
        .position(|w| {
            acc += w;
            slot < acc
        })
        .unwrap_or(n_tiers.saturating_sub(1))
}

/// Build the demo book for `today`. `count` customers (at least one per tier per status).
pub fn generate(src: &DemoSources, scheme: &TierScheme, today: NaiveDate, count: usize) -> DemoBook {
    let mut rng = Rng(0xD1CE_5EED ^ (today.num_days_from_ce() as u64).wrapping_mul(0x1000_0001));
    let words = Words::new(src);
    let owners = section_lines(src.places, "owners");
    let n_tiers = scheme.tiers.len().max(1);
    let tiers: Vec<usize> = (0..count).map(|i| tier_of(i, count, n_tiers)).collect();
    let holders: Vec<usize> = (0..count).map(|i| shape::owner_of(i, owners.len())).collect();
    let group_size = |t: usize, o: usize| (0..count).filter(|k| tiers[*k] == t && holders[*k] == o).count();
    let mut seen = std::collections::HashMap::new();

    let mut book = DemoBook {
        customers: Vec::new(),
        contacts: Vec::new(),
        follow_ups: Vec::new(),
        assessments: Vec::new(),
        late_payments: Vec::new(),
        recommendations: Vec::new(),
    };
    let mut used_names = std::collections::HashSet::new();
    for i in 0..count {
        let (t, o) = (tiers[i], holders[i]);
        let Some(tier) = scheme.tiers.get(t) else { break };
        let j = seen.entry((t, o)).or_insert(0usize);
        let place = shape::place(Shape::of(o), t, tier.cadence, *j, group_size(t, o), &mut rng);
        *j += 1;
        let last = shape::contact_for_due(shape::shifted(today, place.offset), tier.cadence).min(today);
        let owner = owners.get(o).copied().unwrap_or_default();
        let fields = customer(&words, &mut rng, &mut used_names, i, owner, last, today);
        book.customers.push(CustomerFields { tier: tier.code.clone(), ..fields });
        let story = if place.badly_late { Some(rng.pick(&words.late_reasons)) } else { None };
        history(&mut book, &words, &mut rng, i, (last, story), tier.cadence, today);
    }
    for o in 0..owners.len() {
        let held: Vec<usize> = (0..book.customers.len()).filter(|k| holders[*k] == o).collect();
        tasks::follow_ups(&mut book, src.notes, &held, Shape::of(o), today, &mut rng);
        tasks::assessments(&mut book, &held, Shape::of(o), today, &mut rng);
    }
    brief_parts::add(&mut book, src, &owners, scheme, today);
    // Chronological order reads more naturally in the book.
    book.contacts.sort_by_key(|c| (c.on, c.customer));
    book.follow_ups.sort_by_key(|f| (f.due, f.customer));
    book.assessments.sort_by_key(|a| a.customer);
    book
}

/// The `i`-th customer (its tier left to the caller), held by `owner`, latest contact `last`.
fn customer(
    w: &Words,
    rng: &mut Rng,
    used_names: &mut std::collections::HashSet<String>,
    i: usize,
    owner: &str,
    last: NaiveDate,
    today: NaiveDate,
) -> CustomerFields {
    let chinese = rng.below(10) < 7;
    let name = loop {
        let candidate = if chinese {
            format!("{}{}", rng.pick(&w.zh.0), rng.pick(&w.zh.1))
        } else {
            format!("{} {}", rng.pick(&w.en.0), rng.pick(&w.en.1))
        };
        if used_names.insert(candidate.clone()) || used_names.len() > 5000 {
            break candidate;
        }
    };
    let company = rng.pick(&w.companies).to_string();
    let company = if company.is_ascii() { company } else { format!("{}{}", rng.pick(&w.regions), company) };
    let phone = format!("13{}{:08}", rng.below(10), rng.below(100_000_000));
    // Taken on well before the first contact of the year shown.
    let created = shape::shifted(last.min(shape::shifted(today, -365)), -(30 + rng.below(1000) as i64));
    CustomerFields {
        ext_ref: Some(format!("C{:05}", i + 1)),
        name,
        company,
        contact_person: String::new(),
        phone,
        email: format!("contact{}@example.com", i + 1),
        region: rng.pick(&w.regions).to_string(),
        address: String::new(),
        industry: rng.pick(&w.industries).to_string(),
        owner: owner.to_string(),
        tags: if rng.below(4) == 0 { "重点跟进".into() } else { String::new() },
        notes: String::new(),
        created_on: created,
        tier: String::new(),
        temperament: None,
    }
}

/// A year of contacts back from the latest (`latest.0`, whose note is `latest.1` when it
/// tells why the customer is late), one per cadence with some jitter.
fn history(
    book: &mut DemoBook,
    w: &Words,
    rng: &mut Rng,
    i: usize,
    latest: (NaiveDate, Option<&str>),
    cadence: Cadence,
    today: NaiveDate,
) {
    let created = book.customers[i].created_on;
    let step = approx_days(cadence).max(1);
    let year_ago = shape::shifted(today, -365);
    let (mut on, mut note) = latest;
    let mut first = true;
    // The latest contact is always recorded, even when it is more than a year old.
    while (first || on >= year_ago) && on > created {
        let summary = note.take().unwrap_or_else(|| rng.pick(&w.summaries));
        book.contacts.push(DemoContact {
            customer: i,
            kind: DEMO_KINDS[rng.below(DEMO_KINDS.len())],
            on,
            summary: summary.to_string(),
        });
        if !first && step >= 365 {
            break;
        }
        first = false;
        let jitter = if step >= 7 { rng.below(step as usize / 3 + 1) as i64 } else { 0 };
        on = shape::shifted(on, -(step + jitter));
    }
}

/// Rough length of a cadence in days, for spacing the history.
fn approx_days(c: Cadence) -> i64 {
    use crate::domain::tier::CadenceUnit::*;
    let unit = match c.unit {
        Day => 1,
        Week => 7,
        Month => 30,
        Year => 365,
    };
    i64::from(c.every) * unit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::domain::schedule::{DueStatus, add_cadence, due_status, next_due};

    pub(super) fn sources() -> DemoSources<'static> {
        DemoSources {
            companies: data::demo::COMPANIES,
            people: data::demo::PEOPLE,
            places: data::demo::PLACES,
            notes: data::demo::NOTES,
            temperaments: &KEYS,
        }
    }

    pub(super) const KEYS: [&str; 10] = [
        "silent",
        "talkative",
        "amiable",
        "proud",
        "contrary",
        "nit_picking",
        "short_tempered",
        "refuser",
        "haggler",
        "hard_up",
    ];

    pub(super) fn today() -> NaiveDate {
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
                    let reachable = (0..800).any(|n| add_cadence(shape::shifted(day, -n), tier.cadence) == day);
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

    #[test]
    fn the_signed_in_persons_badly_late_customers_say_why_in_their_latest_note() {
        let scheme = data::default_scheme();
        let book = generate(&sources(), &scheme, today(), 320);
        let reasons = section_lines(data::demo::NOTES, "late-reasons");
        let me = owners(data::demo::PLACES)[0];
        let mut late = 0;
        for (i, c) in book.customers.iter().enumerate().filter(|(_, c)| c.owner == me) {
            let latest = book.contacts.iter().filter(|x| x.customer == i).max_by_key(|x| x.on).unwrap();
            let cadence = scheme.tier(&c.tier).unwrap().cadence;
            if (today() - next_due(Some(latest.on), c.created_on, cadence)).num_days() > 7 {
                late += 1;
                assert!(reasons.contains(&latest.summary.as_str()), "{}: {}", c.name, latest.summary);
            }
        }
        assert!((3..=6).contains(&late), "{late}");
    }
}
