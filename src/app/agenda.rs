//! The daily list, put together: reads what the store has on due customers and follow-ups,
//! applies the domain's due rules and ranking. Shared by the Today screen and `tierdesk due`.

use chrono::{Days, NaiveDate};

use crate::domain::contact_kind::ContactKinds;
use crate::domain::customer::CustomerId;
use crate::domain::due::{
    AssessmentRule, DueItem, assessment_item, follow_up_item, head_in_place, push_cadence_items, rank,
};
use crate::domain::tier::{Requirement, TierScheme};
use crate::i18n::Lang;
use crate::i18n::day_texts::D;
use crate::i18n::{T, fill};
use crate::store::prelude::*;
use crate::store::{DueInputs, Result};

/// How the list is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaQuery {
    pub today: NaiveDate,
    /// When risk assessments fall due (and whether a missing one is due).
    pub assessments: AssessmentRule,
    /// Also the items falling due in the next this-many days.
    pub within_days: u32,
    /// Keep items done today (ticked), as the Today screen does; `tierdesk due` does not.
    pub include_done: bool,
}

/// The assessment rule of a book: the questionnaire's re-assessment interval, and whether
/// every customer must be assessed (the scheme says so, or the config overrides it).
pub fn assessment_rule(scheme: &TierScheme, required_by_config: Option<bool>) -> AssessmentRule {
    let months = crate::data::shipped_questionnaire("risk_tolerance").map(|q| q.reassess_after_months).unwrap_or(24);
    AssessmentRule { months, required: required_by_config.unwrap_or(scheme.assessment_required) }
}

/// "visit every 2 weeks" in the given language, with the kinds' names.
pub fn describe_requirement(req: &Requirement, kinds: &ContactKinds, lang: Lang) -> String {
    crate::i18n::tiers::requirement(req, lang, |code| kinds.name(code, lang).to_string())
}

/// The words of an assessment item: never assessed, or the last assessment, its category and
/// (looking ahead) when it expires.
pub fn describe_assessment(
    last: Option<&(NaiveDate, String)>,
    rule: AssessmentRule,
    today: NaiveDate,
    lang: Lang,
) -> String {
    match last {
        None => T::NeverAssessed.get(lang).to_string(),
        Some((on, category)) => {
            let name = crate::data::shipped_questionnaire("risk_tolerance")
                .and_then(|qn| qn.band_by_code(category).map(|b| b.name.get(lang).to_string()))
                .unwrap_or_else(|| category.clone());
            // Looking ahead (the week, `due --within`), an assessment may not have expired yet.
            let expires = rule.expires_on(*on);
            if expires > today {
                fill(D::LastAssessedExpires.get(lang), &[on, &name, &expires])
            } else {
                fill(T::LastAssessed.get(lang), &[on, &name])
            }
        }
    }
}

/// The ranked list of due items of the customers of `owners`.
pub fn due_items(
    store: &dyn Book,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    lang: Lang,
    q: AgendaQuery,
    owners: &Owners,
) -> Result<Vec<DueItem>> {
    let until = until(q);
    let inputs = store.due_inputs(q.today, until, q.assessments, owners)?;
    Ok(items_from(inputs, scheme, kinds, lang, q, until))
}

/// The start of the ranked list, for a first frame that does not wait for the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueStart {
    /// The first items of `due_items`' list, the same items in the same order (all due by
    /// `today`); the whole list when `whole`.
    pub items: Vec<DueItem>,
    /// Today's list in full, counted (as the Today title counts it: items due by `today`):
    /// all, done, left.
    pub tally: (usize, usize, usize),
    /// The book read everything: `items` is `due_items`' whole list.
    pub whole: bool,
}

/// The start of `due_items`' list (at least `rows` items, or all of today's), and the whole
/// day's counts, from the store's `due_head`: the items of what was read, ranked, up to the
/// first place where an unread item could come (`domain::due::head_in_place`). The unread
/// customers are each one open item due by today, those contacted today and left unread
/// one done item each, which the counts add.
pub fn due_head(
    store: &dyn Book,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    lang: Lang,
    q: AgendaQuery,
    owners: &Owners,
    rows: usize,
) -> Result<DueStart> {
    let until = until(q);
    let head = store.due_head(q.today, until, q.assessments, owners, rows)?;
    let (cut, unread, done_unread, whole) = (head.cut, head.unread, head.done_unread, head.whole);
    let mut items = items_from(head.inputs, scheme, kinds, lang, q, until);
    let day = || items.iter().filter(|it| it.due_date <= q.today);
    let all = day().count() + unread + done_unread;
    let done = day().filter(|it| it.done).count() + done_unread;
    if !whole {
        let cuts: Vec<(usize, NaiveDate)> = cut.iter().map(|(code, day)| (scheme.rank(code), *day)).collect();
        items.truncate(head_in_place(&items, &cuts, |code| scheme.rank(code)));
    }
    Ok(DueStart { items, tally: (all, done, all - done), whole })
}

/// One customer's items (after a write that touched only them), ranked among themselves.
pub fn customer_due_items(
    store: &dyn Book,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    lang: Lang,
    q: AgendaQuery,
    customer: CustomerId,
) -> Result<Vec<DueItem>> {
    let until = until(q);
    let inputs = store.due_inputs_of(customer, q.today, until, q.assessments)?;
    Ok(items_from(inputs, scheme, kinds, lang, q, until))
}

fn until(q: AgendaQuery) -> NaiveDate {
    q.today.checked_add_days(Days::new(u64::from(q.within_days))).unwrap_or(q.today)
}

/// Takes the inputs whole: each customer's input is let go once its items are made, so a
/// long list is not held twice (measured at 90,000 items: the peak of `due` fell by ~15 MB).
fn items_from(
    inputs: DueInputs,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    lang: Lang,
    q: AgendaQuery,
    until: NaiveDate,
) -> Vec<DueItem> {
    // A requirement is worded once, not once per customer due for it (a list of 90,000).
    let worded: std::cell::RefCell<Vec<(*const Requirement, String)>> = Default::default();
    let describe = |r: &Requirement| {
        let mut worded = worded.borrow_mut();
        if let Some((_, text)) = worded.iter().find(|(at, _)| std::ptr::eq(*at, r)) {
            return text.clone();
        }
        let text = describe_requirement(r, kinds, lang);
        worded.push((r, text.clone()));
        text
    };
    let mut items: Vec<DueItem> = Vec::with_capacity(inputs.cadence.len() + inputs.follow_ups.len());
    for input in inputs.cadence {
        if let Some(tier) = scheme.tier(&input.customer.tier) {
            push_cadence_items(input, tier, q.today, until, &describe, &mut items);
        }
    }
    items.extend(inputs.follow_ups.iter().map(|f| follow_up_item(f, q.today)));
    let describe_assessment =
        |last: Option<&(NaiveDate, String)>| describe_assessment(last, q.assessments, q.today, lang);
    items.extend(
        inputs
            .assessments
            .iter()
            .filter_map(|a| assessment_item(a, q.assessments, q.today, until, &describe_assessment)),
    );
    if !q.include_done {
        items.retain(|i| !i.done);
    }
    rank(&mut items, |code| scheme.rank(code));
    items
}
