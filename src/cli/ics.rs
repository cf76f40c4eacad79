//! The due list as an iCalendar file (RFC 5545): one all-day VTODO per item with
//! `DUE;VALUE=DATE`, a SUMMARY naming the customer and the reason, and a UID made from the
//! customer's uuid, the reason and the requirement or follow-up, so that a calendar
//! importing a later export updates its to-dos instead of adding them twice. Lines end in
//! CRLF and are folded at 75 octets (the `icalendar` crate does both).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Property, Todo, TodoStatus};

use super::{CliError, Context};
use crate::clock::Clock;
use crate::domain::due::{DueItem, DueReason};
use crate::i18n::{Lang, T};
use crate::store::prelude::*;

/// The calendar of what is due today and in the next `within` days, in the context's
/// language.
pub fn due_calendar(ctx: &Context, store: &dyn Book, within: u32) -> Result<String, CliError> {
    let today = ctx.today();
    let items =
        super::due::items(store, ctx.lang, today, within, ctx.config.require_assessment, &crate::store::Owners::All)?;
    let mut uuids: HashMap<i64, String> = HashMap::new();
    for it in &items {
        let id = it.customer.id;
        if let std::collections::hash_map::Entry::Vacant(e) = uuids.entry(id.0) {
            e.insert(store.customer_uuid(id)?.unwrap_or_else(|| format!("customer-{}", id.0)));
        }
    }
    Ok(calendar(&items, &uuids, ctx.lang, stamp(ctx.clock)))
}

/// DTSTAMP: now, or — with a fixed today (demos, tests) — that day's midnight UTC, so that
/// two exports of the same book are the same file.
fn stamp(clock: Clock) -> DateTime<Utc> {
    match clock {
        Clock::Fixed(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now),
        Clock::System => Utc::now(),
    }
}

/// A to-do's UID: stable for as long as the item is the same item.
pub fn uid(item: &DueItem, customer_uuid: &str) -> String {
    let which = match item.reason {
        DueReason::Cadence => item.requirement.unwrap_or(0).to_string(),
        DueReason::FollowUp => item.follow_up.map(|f| f.0).unwrap_or(0).to_string(),
        DueReason::Assessment => "risk".to_string(),
    };
    format!("{customer_uuid}-{}-{which}@tierdesk", item.reason.code())
}

fn reason_text(r: DueReason, lang: Lang) -> &'static str {
    match r {
        DueReason::Cadence => T::ReasonCadence.get(lang),
        DueReason::FollowUp => T::ReasonFollowUp.get(lang),
        DueReason::Assessment => T::ReasonAssessment.get(lang),
    }
}

/// Calendar text has no carriage returns of its own: the lines end in CRLF.
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn calendar(items: &[DueItem], uuids: &HashMap<i64, String>, lang: Lang, stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", concat!("-//tierdesk//tierdesk ", env!("CARGO_PKG_VERSION"), "//EN")));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("X-WR-CALNAME", "tierdesk"));
    for it in items {
        let c = &it.customer;
        let uuid = uuids.get(&c.id.0).map(String::as_str).unwrap_or("");
        let reason = reason_text(it.reason, lang);
        let summary = if it.detail.is_empty() {
            format!("{} · {reason}", c.name)
        } else {
            format!("{} · {reason}: {}", c.name, it.detail)
        };
        let mut description = Vec::new();
        if !c.company.is_empty() {
            description.push(c.company.clone());
        }
        if let Some(r) = c.ext_ref.as_deref().filter(|r| !r.is_empty()) {
            description.push(format!("ref {r}"));
        }
        description.push(format!("tier {}", c.tier));
        if let Some(last) = c.last_contact {
            description.push(format!("last contact {last}"));
        }
        description.push(format!("tierdesk #{}", c.id.0));
        let todo = Todo::new()
            .uid(&uid(it, uuid))
            .timestamp(stamp)
            .summary(&clean(&summary))
            .description(&clean(&description.join("\n")))
            .due(it.due_date)
            .status(TodoStatus::NeedsAction)
            .done();
        cal.push(todo);
    }
    refold(&cal.to_string())
}

/// Fold every content line at 75 octets, between characters (RFC 5545 3.1). The crate folds
/// too, but lets a last continuation reach 76 octets; text values never hold a raw line
/// break (they are escaped as `\n`), so its folds can be undone safely first.
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in text.replace("\r\n ", "").split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters_and_unfold_to_the_same() {
        for n in [10, 74, 75, 76, 149, 150, 151, 300] {
            for fill in ["a", "招", "ab招"] {
                let value: String = fill.repeat(n).chars().take(n).collect();
                let text = format!("BEGIN:VCALENDAR\r\nSUMMARY:{value}\r\nEND:VCALENDAR\r\n");
                let folded = refold(&text);
                assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
                assert_eq!(folded.replace("\r\n ", ""), text);
            }
        }
    }
}
