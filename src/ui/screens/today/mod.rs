//! Today: the screen tierdesk opens on. Overdue contacts first, then those due today, then
//! promised follow-ups; each row one keystroke away from done (Space logs a contact and
//! moves to the next row). Rows done today stay, ticked, until tomorrow. Beside the list,
//! a bar per tier shows how many customers are within their cadence. R, L and Z narrow the
//! list by reason, tier and region; the filter stays while the session lasts. Today holds
//! the rows of the coming week too (not shown), so that the week ahead opens without a read.

mod draw;
mod escalated;
mod head;
mod plan;
mod plan_view;

pub(crate) use draw::{filter_text, reason_text};

use crate::domain::due::{DueItem, DueReason};
use crate::domain::due_filter::{DueFilter, regions_of, step};
use crate::i18n::T;
use crate::store::TierCoverage;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;

#[derive(Debug, Clone, Default)]
pub struct Today {
    /// Every row of the day and of the coming week, ranked.
    items: Vec<DueItem>,
    /// The rows shown: due by `today` and kept by the filter, as positions in `items`.
    shown: Vec<usize>,
    today: chrono::NaiveDate,
    filter: DueFilter,
    /// The regions of the day's customers, for the region key to step through.
    regions: Vec<String>,
    coverage: Vec<TierCoverage>,
    /// `coverage` holds the counts (false on a first frame that left them for later).
    coverage_counted: bool,
    /// A position in `shown`.
    selected: usize,
    scroll: usize,
    viewport: usize,
    stale: bool,
    /// The morning plan, in plan mode (`P`).
    plan: Option<plan::PlanMode>,
    /// The team pool's rules on the rows' customers: days of ownership left (issue 17).
    ownership: std::collections::HashMap<crate::domain::customer::CustomerId, crate::app::pool::Ownership>,
    /// A lead's: the team's customers past their tier's escalation, longest overdue first.
    escalated: Vec<crate::store::EscalatedRow>,
    /// Only the start of the day's list is held (the first frame): the whole day's counts
    /// (all, done, left). The whole list replaces it before any key acts.
    head: Option<(usize, usize, usize)>,
    /// Filled at least once (the first fill may be the list's start).
    filled: bool,
}

impl Today {
    pub fn new() -> Self {
        Self { stale: true, viewport: 20, ..Default::default() }
    }

    /// The rows shown (those the filter keeps), in order.
    pub fn items(&self) -> Vec<&DueItem> {
        self.shown.iter().map(|i| &self.items[*i]).collect()
    }

    pub fn filter(&self) -> &DueFilter {
        &self.filter
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn selected_item(&self) -> Option<&DueItem> {
        self.shown.get(self.selected).map(|i| &self.items[*i])
    }

    fn row(&self, at: usize) -> &DueItem {
        &self.items[self.shown[at]]
    }

    /// The rows shown, as the morning plan is worked out from them.
    pub fn day_items(&self) -> Vec<DueItem> {
        self.shown.iter().map(|i| self.items[*i].clone()).collect()
    }

    /// The open rows of the week from `today` on (as `Today` read them), for the week ahead.
    pub fn week_items(&self) -> Vec<DueItem> {
        self.items.iter().filter(|it| !it.done).cloned().collect()
    }

    /// New data from the book: the rows due by `today` and in the days after (hidden until
    /// their day); the selection stays on the same row where it can.
    pub fn fill(&mut self, items: Vec<DueItem>, coverage: Vec<TierCoverage>, today: chrono::NaiveDate) {
        let key = self.selected_item().map(row_key);
        self.today = today;
        self.items = items;
        self.regions = regions_of(self.items.iter().filter(|it| it.due_date <= today));
        self.coverage = coverage;
        self.coverage_counted = true;
        self.stale = false;
        self.head = None;
        self.filled = true;
        self.refilter(key);
    }

    /// The pool's rules on the rows (days left) and, for a lead, the escalated group.
    pub fn set_pool(
        &mut self,
        ownership: std::collections::HashMap<crate::domain::customer::CustomerId, crate::app::pool::Ownership>,
        escalated: Vec<crate::store::EscalatedRow>,
    ) {
        self.ownership = ownership;
        self.escalated = escalated;
    }

    /// The rows' customers that may be near their release under `scheme`'s rules: late on
    /// their cadence by enough (`pool::may_show_days_left`). Only theirs are asked for.
    pub fn customers_near_release(
        &self,
        scheme: &crate::domain::tier::TierScheme,
    ) -> Vec<crate::domain::customer::CustomerId> {
        use crate::domain::due::DueReason;
        self.items
            .iter()
            .filter(|it| it.reason == DueReason::Cadence)
            .filter(|it| {
                scheme
                    .tier(&it.customer.tier)
                    .is_some_and(|t| crate::domain::pool::may_show_days_left(t.rules, it.days_overdue))
            })
            .map(|it| it.customer.id)
            .collect()
    }

    /// Replace one customer's rows (after a write that touched only them), keeping the
    /// list's order and the selection on the same row; the coverage moves a customer from
    /// late to on time (or back) when its status changed.
    pub fn replace_customer(
        &mut self,
        customer: crate::domain::customer::CustomerId,
        fresh: Vec<DueItem>,
        tier_rank: &impl Fn(&str) -> usize,
        coverage_change: Option<(&str, bool, bool)>,
    ) {
        let key = self.selected_item().map(row_key);
        self.items.retain(|it| it.customer.id != customer);
        for item in fresh {
            let region = item.customer.region.trim();
            if item.due_date <= self.today
                && !region.is_empty()
                && !self.regions.iter().any(|r| crate::domain::due_filter::same_region(r, region))
            {
                self.regions.push(region.to_string());
                self.regions.sort();
            }
            let at = self.items.partition_point(|x| crate::domain::due::compare(x, &item, tier_rank).is_lt());
            self.items.insert(at, item);
        }
        if let Some((tier, was_late, is_late)) = coverage_change
            && was_late != is_late
            && let Some(c) = self.coverage.iter_mut().find(|c| c.tier == tier)
        {
            if is_late {
                c.late += 1;
                c.on_time = c.on_time.saturating_sub(1);
            } else {
                c.on_time += 1;
                c.late = c.late.saturating_sub(1);
            }
        }
        self.refilter(key);
    }

    /// Recompute the rows shown; the selection stays on the row `key` names where it is
    /// still shown.
    fn refilter(&mut self, key: Option<RowKey>) {
        let (filter, today) = (&self.filter, self.today);
        self.shown = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.due_date <= today && filter.matches(it))
            .map(|(i, _)| i)
            .collect();
        if let Some(k) = key
            && let Some(i) = self.shown.iter().position(|i| row_key(&self.items[*i]) == k)
        {
            self.selected = i;
        }
        self.clamp();
    }

    /// A filter key: step its dimension to the next value and show what it keeps.
    fn step_filter(&mut self, action: Action, env: &Env) -> Effect {
        let key = self.selected_item().map(row_key);
        match action {
            Action::FilterReason => self.filter.reasons = step(&self.filter.reasons, &DueReason::ALL),
            Action::FilterTier => {
                let codes: Vec<String> = env.scheme.tiers.iter().map(|t| t.code.clone()).collect();
                self.filter.tiers = step(&self.filter.tiers, &codes);
            }
            Action::FilterRegion => {
                if self.regions.is_empty() && self.filter.regions.is_empty() {
                    return Effect::Warn(crate::i18n::day_texts::D::NoRegions.get(env.lang).to_string());
                }
                self.filter.regions = step(&self.filter.regions, &self.regions);
            }
            _ => return Effect::None,
        }
        self.refilter(key);
        Effect::None
    }

    /// After a row was dealt with: go to the next row still open, after it (else before it).
    pub fn advance(&mut self) {
        if let Some(p) = &mut self.plan {
            return p.advance();
        }
        let from = self.selected;
        let next = (from + 1..self.shown.len()).chain(0..from).find(|i| !self.row(*i).done);
        if let Some(i) = next {
            self.selected = i;
        }
        self.clamp();
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
        if let Some(p) = &mut self.plan {
            p.set_viewport(self.viewport);
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        // A shorter list (a filter, a reload) is shown from its top, not scrolled past it.
        self.scroll = self.scroll.min(self.shown.len().saturating_sub(self.viewport));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = (self.selected as isize + delta).clamp(0, self.shown.len().saturating_sub(1) as isize) as usize;
        self.clamp();
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        if let Some(effect) = self.plan_update(action, env) {
            return effect;
        }
        let page = self.viewport as isize;
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(-(self.shown.len() as isize)),
            Action::Bottom => self.move_by(self.shown.len() as isize),
            Action::FilterReason | Action::FilterTier | Action::FilterRegion => return self.step_filter(action, env),
            Action::ShowWeek => return Effect::Open(Route::Week(self.filter.clone())),
            // The customer's own screens, from its row as from the customer view.
            Action::ChangeTier | Action::ShowHistory | Action::EditIndicators | Action::ShowBrief => {
                if let Some(it) = self.selected_item() {
                    let id = it.customer.id;
                    return Effect::Open(match action {
                        Action::ChangeTier => Route::ChangeTier(id),
                        Action::ShowHistory => Route::History(id),
                        Action::ShowBrief => Route::Brief(id),
                        _ => Route::Indicators(id),
                    });
                }
            }
            Action::Open => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Customer(it.customer.id));
                }
            }
            Action::Assess => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Assess(it.customer.id));
                }
            }
            // An assessment row is dealt with by taking the questionnaire.
            Action::LogContact | Action::LogAndAdvance
                if self.selected_item().is_some_and(|it| it.reason == DueReason::Assessment && !it.done) =>
            {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Assess(it.customer.id));
                }
            }
            Action::LogContact | Action::LogAndAdvance => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::LogContact {
                        customer: it.customer.id,
                        requirement: it.requirement,
                        closes: it.follow_up.filter(|_| !it.done),
                        summary: (it.reason == DueReason::FollowUp).then(|| it.detail.clone()),
                        advance: action == Action::LogAndAdvance,
                        kind: None,
                    });
                }
            }
            Action::Snooze => match self.selected_item() {
                Some(it) if it.reason == DueReason::Cadence && !it.done => {
                    return Effect::Open(Route::Snooze {
                        customer: it.customer.id,
                        requirement: it.requirement.unwrap_or(0),
                        name: it.customer.name.clone(),
                        due: it.due_date,
                    });
                }
                Some(it) if it.reason == DueReason::FollowUp => {
                    return Effect::Open(Route::Reschedule {
                        follow_up: it.follow_up.unwrap_or(crate::domain::history::FollowUpId(0)),
                        what: it.detail.clone(),
                    });
                }
                Some(_) => return Effect::Warn(T::NotForThisRow.get(env.lang).to_string()),
                None => {}
            },
            Action::Reschedule => match self.selected_item() {
                Some(it) if it.reason == DueReason::FollowUp => {
                    return Effect::Open(Route::Reschedule {
                        follow_up: it.follow_up.unwrap_or(crate::domain::history::FollowUpId(0)),
                        what: it.detail.clone(),
                    });
                }
                Some(_) => return Effect::Warn(T::NotForThisRow.get(env.lang).to_string()),
                None => {}
            },
            Action::MarkDone => match self.selected_item() {
                Some(it) if it.reason == DueReason::FollowUp => {
                    if let Some(id) = it.follow_up {
                        return Effect::Save(Write::MarkDone {
                            follow_up: id,
                            done: !it.done,
                            what: it.detail.clone(),
                        });
                    }
                }
                Some(_) => return Effect::Warn(T::NotForThisRow.get(env.lang).to_string()),
                None => {}
            },
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::LogAndAdvance),
            (Scope::List, Action::Open),
            (Scope::List, Action::ShowBrief),
            (Scope::List, Action::Snooze),
            (Scope::List, Action::MarkDone),
            (Scope::List, Action::ShowWeek),
            (Scope::List, Action::FilterReason),
            (Scope::List, Action::Search),
            (Scope::List, Action::ShowCustomers),
            (Scope::List, Action::ShowFollowUps),
            (Scope::Global, Action::Quit),
            (Scope::List, Action::ToggleOwners),
            (Scope::List, Action::PlanMode),
            (Scope::List, Action::FilterTier),
            (Scope::List, Action::FilterRegion),
            (Scope::List, Action::ChangeTier),
            (Scope::List, Action::ShowHistory),
            (Scope::List, Action::EditIndicators),
            (Scope::Global, Action::Help),
        ]
    }
}

type RowKey = (i64, DueReason, Option<usize>, Option<i64>);

/// What identifies a row across reloads.
fn row_key(it: &DueItem) -> RowKey {
    (it.customer.id.0, it.reason, it.requirement, it.follow_up.map(|f| f.0))
}
