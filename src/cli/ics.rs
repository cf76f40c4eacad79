//! The due list as an iCalendar file (RFC 5545), as to-dos (VTODO, `DUE;VALUE=DATE`) or as
//! all-day events (VEVENT, `DTSTART;VALUE=DATE` and `DTEND` the day after: what Google
//! Calendar, Outlook and khal take). Each item: a one-line SUMMARY, the full text and the
//! customer's last contact in DESCRIPTION, PRIORITY from the tier, CATEGORIES tier and
//! reason, an optional alarm. Items closed in the last days (a contact that met a cadence,
//! a follow-up ticked off, an assessment renewed) go out again as COMPLETED to-dos or
//! CANCELLED events under the UID they had while open, so a re-import closes them.
//!
//! UIDs come from uuids, never a row id, so they survive a move to another book:
//! a follow-up's own uuid; a cadence item's customer uuid, requirement and cycle (the day
//! of the contact it counts from), so the next contact starts a new item; an assessment's
//! customer uuid and the last assessment's day.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::ics_text::{Lines, escape, one_line};
use super::{CliError, Context};
use crate::clock::Clock;
use crate::domain::due::{DueItem, DueReason};
use crate::domain::due_closed::{ClosedItem, closed_assessment_item, closed_cadence_items, closed_follow_up_item};
use crate::domain::tier::TierScheme;
use crate::i18n::cli_texts::C;
use crate::i18n::{Lang, T, fill};
use crate::store::prelude::*;

/// What the file holds and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarOptions {
    /// Also the items falling due in the next this-many days.
    pub within: u32,
    /// All-day events instead of to-dos.
    pub events: bool,
    /// A reminder at this time of the item's day.
    pub alarm: Option<NaiveTime>,
    /// Items closed in the last this-many days (and today) go out closed.
    pub done_within: u32,
}

/// SUMMARY is one line of at most this many characters (the full text is in DESCRIPTION).
const SUMMARY_CHARS: usize = 80;

/// The calendar of what is due today and in the next `within` days, and of what closed
/// in the last `done_within` days, in the context's language.
pub fn due_calendar(ctx: &Context, store: &dyn Book, o: CalendarOptions) -> Result<String, CliError> {
    let today = ctx.today();
    let owners = crate::store::Owners::All;
    let open = super::due::items(store, ctx.lang, today, o.within, ctx.config.require_assessment, &owners)?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let since = today.checked_sub_days(Days::new(u64::from(o.done_within))).unwrap_or(NaiveDate::MIN);
    let rule = crate::app::agenda::assessment_rule(&scheme, ctx.config.require_assessment);
    let closed = closed_items(store, &scheme, ctx.lang, rule, since, today)?;
    let mut facts = Facts::default();
    let all = open.iter().chain(closed.iter().map(|c| &c.item));
    for it in all.clone() {
        let id = it.customer.id;
        if let std::collections::hash_map::Entry::Vacant(e) = facts.customers.entry(id.0) {
            let uuid = store.customer_uuid(id)?.unwrap_or_default();
            let last = store.contacts_of(id, 1)?.into_iter().next().map(|c| last_contact_text(&c, ctx.lang));
            e.insert((uuid, last));
        }
    }
    let follow_ups: Vec<_> = all.filter_map(|it| it.follow_up).collect();
    facts.follow_ups = store.follow_up_uuids(&follow_ups)?.into_iter().map(|(id, u)| (id.0, u)).collect();
    let mut cal =
        Writer { lines: Lines::default(), facts, scheme: &scheme, lang: ctx.lang, stamp: stamp(ctx.clock), today, o };
    Ok(cal.write(&open, &closed))
}

/// The items closed from `since` through `today`, as they were while open.
fn closed_items(
    store: &dyn Book,
    scheme: &TierScheme,
    lang: Lang,
    rule: crate::domain::due::AssessmentRule,
    since: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ClosedItem>, CliError> {
    let inputs = store.closed_since(since, today, &crate::store::Owners::All)?;
    let kinds = crate::data::contact_kinds();
    let describe = |r: &crate::domain::tier::Requirement| crate::app::agenda::describe_requirement(r, &kinds, lang);
    let mut out: Vec<ClosedItem> = Vec::new();
    for h in &inputs.contacts {
        if let Some(tier) = scheme.tier(&h.customer.tier) {
            out.extend(closed_cadence_items(h, tier, today, &describe));
        }
    }
    out.extend(inputs.follow_ups.iter().map(|f| closed_follow_up_item(f, today)));
    let describe =
        |last: Option<&(NaiveDate, String)>| crate::app::agenda::describe_assessment(last, rule, today, lang);
    out.extend(inputs.assessments.iter().filter_map(|a| closed_assessment_item(a, rule, today, &describe)));
    out.sort_by(|a, b| a.closed_at.cmp(&b.closed_at).then_with(|| a.item.customer.id.cmp(&b.item.customer.id)));
    Ok(out)
}

/// "2026-11-20 call (Ms Li): asked about the fund → will think it over".
fn last_contact_text(c: &crate::domain::history::Contact, lang: Lang) -> String {
    let kinds = crate::data::contact_kinds();
    let mut s = format!("{} {}", c.on, kinds.name(&c.kind, lang));
    if !c.person.trim().is_empty() {
        s.push_str(&format!(" ({})", c.person.trim()));
    }
    if !c.summary.trim().is_empty() {
        s.push_str(&format!(": {}", c.summary.trim()));
    }
    if !c.outcome.trim().is_empty() {
        s.push_str(&format!(" → {}", c.outcome.trim()));
    }
    s
}

/// DTSTAMP: now, or — with a fixed today (demos, tests) — that day's midnight UTC, so that
/// two exports of the same book are the same file.
fn stamp(clock: Clock) -> DateTime<Utc> {
    match clock {
        Clock::Fixed(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now),
        Clock::System => Utc::now(),
    }
}

/// Per customer (by row id) its uuid and last contact; per follow-up its uuid.
#[derive(Default)]
struct Facts {
    customers: HashMap<i64, (String, Option<String>)>,
    follow_ups: HashMap<i64, String>,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A local moment in UTC, as COMPLETED wants it.
fn local_utc(t: NaiveDateTime) -> String {
    use chrono::TimeZone;
    let at =
        chrono::Local.from_local_datetime(&t).earliest().map(|l| l.with_timezone(&Utc)).unwrap_or_else(|| t.and_utc());
    utc(at)
}

/// An item's UID: stable for as long as it is the same item, in this book or a moved one.
pub fn uid(item: &DueItem, customer_uuid: &str, follow_up_uuid: Option<&str>) -> String {
    let cycle = |d: Option<NaiveDate>| d.map(ymd).unwrap_or_else(|| "new".into());
    match item.reason {
        DueReason::FollowUp => match follow_up_uuid {
            Some(u) => format!("follow-up-{u}@tierdesk"),
            None => format!("{customer_uuid}-follow-up-{}@tierdesk", ymd(item.due_date)),
        },
        DueReason::Cadence => {
            format!("{customer_uuid}-cadence-{}-{}@tierdesk", item.requirement.unwrap_or(0), cycle(item.since))
        }
        DueReason::Assessment => format!("{customer_uuid}-assessment-{}@tierdesk", cycle(item.since)),
    }
}

/// PRIORITY from the tier's place in the scheme: the first tier 1 (highest), the last 9,
/// the others evenly between (A B C D: 1 3 6 9).
pub fn priority(scheme: &TierScheme, tier: &str) -> usize {
    let n = scheme.tiers.len();
    let at = scheme.rank(tier).min(n.saturating_sub(1));
    if n <= 1 { 1 } else { 1 + 8 * at / (n - 1) }
}

fn reason_text(r: DueReason, lang: Lang) -> &'static str {
    match r {
        DueReason::Cadence => T::ReasonCadence.get(lang),
        DueReason::FollowUp => T::ReasonFollowUp.get(lang),
        DueReason::Assessment => T::ReasonAssessment.get(lang),
    }
}

struct Writer<'a> {
    lines: Lines,
    facts: Facts,
    scheme: &'a TierScheme,
    lang: Lang,
    stamp: DateTime<Utc>,
    today: NaiveDate,
    o: CalendarOptions,
}

impl Writer<'_> {
    fn write(&mut self, open: &[DueItem], closed: &[ClosedItem]) -> String {
        let l = &mut self.lines;
        l.raw("BEGIN", "VCALENDAR");
        l.raw("VERSION", "2.0");
        l.raw("PRODID", concat!("-//tierdesk//tierdesk ", env!("CARGO_PKG_VERSION"), "//EN"));
        l.raw("CALSCALE", "GREGORIAN");
        l.raw("METHOD", "PUBLISH");
        l.raw("X-WR-CALNAME", "tierdesk");
        let mut seen = std::collections::HashSet::new();
        for it in open {
            self.item(it, None, &mut seen);
        }
        for c in closed {
            self.item(&c.item, Some(c.closed_at), &mut seen);
        }
        self.lines.raw("END", "VCALENDAR");
        std::mem::take(&mut self.lines).finish()
    }

    fn item(&mut self, it: &DueItem, closed: Option<NaiveDateTime>, seen: &mut std::collections::HashSet<String>) {
        let c = &it.customer;
        let (cuuid, last) = self.facts.customers.get(&c.id.0).cloned().unwrap_or_default();
        let fuuid = it.follow_up.and_then(|f| self.facts.follow_ups.get(&f.0)).map(String::as_str);
        let uid = uid(it, &cuuid, fuuid);
        if !seen.insert(uid.clone()) {
            return;
        }
        let reason = reason_text(it.reason, self.lang);
        let summary = if it.detail.trim().is_empty() {
            format!("{} · {reason}", c.name)
        } else {
            format!("{} · {reason}: {}", c.name, it.detail)
        };
        let mut description = Vec::new();
        if !it.detail.trim().is_empty() {
            description.push(it.detail.replace("\r\n", "\n"));
        }
        let lang = self.lang;
        let late = if it.days_overdue > 0 && closed.is_none() {
            fill(C::IcsLate.get(lang), &[&it.days_overdue])
        } else {
            String::new()
        };
        description.push(format!("{}{late}", fill(C::IcsDue.get(lang), &[&it.due_date])));
        let mut who = vec![c.name.clone()];
        if !c.company.is_empty() {
            who.push(c.company.clone());
        }
        if let Some(r) = c.ext_ref.as_deref().filter(|r| !r.is_empty()) {
            who.push(format!("ref {r}"));
        }
        who.push(fill(C::IcsTier.get(lang), &[&c.tier]));
        description.push(who.join(" · "));
        if let Some(last) = last {
            description.push(fill(C::IcsLastContact.get(lang), &[&last]));
        }
        // An overdue event goes on today, where it is seen; a closed one where it was left.
        let on = match closed {
            Some(at) => it.due_date.max(at.date()),
            None => it.due_date.max(self.today),
        };
        let kind = if self.o.events { "VEVENT" } else { "VTODO" };
        let l = &mut self.lines;
        l.raw("BEGIN", kind);
        l.text("UID", &uid);
        l.raw("DTSTAMP", &utc(self.stamp));
        if self.o.events {
            l.raw("DTSTART;VALUE=DATE", &ymd(on));
            l.raw("DTEND;VALUE=DATE", &ymd(on.succ_opt().unwrap_or(on)));
            l.raw("TRANSP", "TRANSPARENT");
            // A re-import replaces the open event with the cancelled one: a later sequence.
            l.raw("SEQUENCE", if closed.is_some() { "1" } else { "0" });
            l.raw("STATUS", if closed.is_some() { "CANCELLED" } else { "CONFIRMED" });
        } else {
            if self.o.alarm.is_some() {
                l.raw("DTSTART;VALUE=DATE", &ymd(it.due_date));
            }
            l.raw("DUE;VALUE=DATE", &ymd(it.due_date));
            match closed {
                Some(at) => {
                    l.raw("STATUS", "COMPLETED");
                    l.raw("COMPLETED", &local_utc(at));
                    l.raw("PERCENT-COMPLETE", "100");
                }
                None => l.raw("STATUS", "NEEDS-ACTION"),
            }
        }
        l.text("SUMMARY", &one_line(&summary, SUMMARY_CHARS));
        l.text("DESCRIPTION", &description.join("\n"));
        l.raw("PRIORITY", &priority(self.scheme, &c.tier).to_string());
        l.raw("CATEGORIES", &format!("{},{}", escape(&c.tier), escape(reason)));
        if let (Some(at), None) = (self.o.alarm, closed) {
            // Relative to the start of the item's day (local midnight): no time zone needed.
            let secs = at.signed_duration_since(NaiveTime::MIN).num_seconds();
            let (h, m) = (secs / 3600, secs % 3600 / 60);
            l.raw("BEGIN", "VALARM");
            l.raw("ACTION", "DISPLAY");
            l.text("DESCRIPTION", &one_line(&summary, SUMMARY_CHARS));
            l.raw("TRIGGER;RELATED=START", &if secs == 0 { "PT0S".to_string() } else { format!("PT{h}H{m}M") });
            l.raw("END", "VALARM");
        }
        l.raw("END", kind);
    }
}
