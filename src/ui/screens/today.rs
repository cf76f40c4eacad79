//! Today: the screen tierdesk opens on. Overdue contacts first, then those due today, then
//! promised follow-ups; each row one keystroke away from done (Space logs a contact and
//! moves to the next row). Rows done today stay, ticked, until tomorrow. Beside the list,
//! a bar per tier shows how many customers are within their cadence.
//! The coverage panel is drawn by `today/coverage.rs`; the morning plan (`P`) is
//! `today/plan.rs` (keys) and `today/plan_view.rs` (its rows).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::domain::due::{DueItem, DueReason, tally};
use crate::i18n::{T, fill};
use crate::store::TierCoverage;
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

mod coverage;
mod plan;
mod plan_view;

#[derive(Debug, Clone, Default)]
pub struct Today {
    items: Vec<DueItem>,
    coverage: Vec<TierCoverage>,
    selected: usize,
    scroll: usize,
    viewport: usize,
    stale: bool,
    /// The morning plan, in plan mode (`P`).
    plan: Option<plan::PlanMode>,
}

impl Today {
    pub fn new() -> Self {
        Self { stale: true, viewport: 20, ..Default::default() }
    }

    pub fn items(&self) -> &[DueItem] {
        &self.items
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn selected_item(&self) -> Option<&DueItem> {
        self.items.get(self.selected)
    }

    /// New data from the book; the selection stays on the same row where it can.
    pub fn fill(&mut self, items: Vec<DueItem>, coverage: Vec<TierCoverage>) {
        let key = self.selected_item().map(row_key);
        self.items = items;
        self.coverage = coverage;
        self.stale = false;
        if let Some(k) = key
            && let Some(i) = self.items.iter().position(|it| row_key(it) == k)
        {
            self.selected = i;
        }
        self.clamp();
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
        if let Some(k) = key
            && let Some(i) = self.items.iter().position(|it| row_key(it) == k)
        {
            self.selected = i;
        }
        self.clamp();
    }

    /// After a row was dealt with: go to the next row still open, after it (else before it).
    pub fn advance(&mut self) {
        if let Some(p) = &mut self.plan {
            return p.advance();
        }
        let from = self.selected;
        let next = (from + 1..self.items.len()).chain(0..from).find(|i| !self.items[*i].done);
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
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = (self.selected as isize + delta).clamp(0, self.items.len().saturating_sub(1) as isize) as usize;
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
            Action::Top => self.move_by(-(self.items.len() as isize)),
            Action::Bottom => self.move_by(self.items.len() as isize),
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
            (Scope::List, Action::Snooze),
            (Scope::List, Action::MarkDone),
            (Scope::List, Action::Search),
            (Scope::List, Action::ShowCustomers),
            (Scope::List, Action::ShowFollowUps),
            (Scope::Global, Action::Quit),
            (Scope::List, Action::ToggleOwners),
            (Scope::List, Action::PlanMode),
            (Scope::Global, Action::Help),
        ]
    }

    /// The list and the coverage panel.
    fn split(area: Rect) -> (Rect, Option<Rect>) {
        if area.width >= 110 {
            let [list, side] = Layout::horizontal([Constraint::Min(60), Constraint::Length(30)]).areas(area);
            (list, Some(side))
        } else {
            (area, None)
        }
    }

    pub fn table_rows_for(body: Rect) -> usize {
        let (list, side) = Self::split(body);
        let bottom = if side.is_none() { 1 } else { 0 };
        list.height.saturating_sub(3 + bottom).max(1) as usize
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        if let Some(p) = &self.plan {
            return p.render(frame, area, env);
        }
        let (list, side) = Self::split(area);
        let (list, strip) = if side.is_none() {
            let [l, s] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(list);
            (l, Some(s))
        } else {
            (list, None)
        };
        self.render_list(frame, list, env);
        if let Some(side) = side {
            self.render_coverage(frame, side, env);
        }
        if let Some(strip) = strip {
            self.render_coverage_strip(frame, strip, env);
        }
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let (all, done, left) = tally(&self.items);
        let whose = crate::i18n::app_texts::whose_text(&env.scope.whose, l);
        let title = format!("{whose} · {}", fill(T::TodayTitle.get(l), &[&env.today, &all, &done, &left]));
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.items.is_empty() {
            let key = env.keymap.first_key(Scope::List, Action::ShowCustomers);
            let p = Paragraph::new(fill(T::TodayEmpty.get(l), &[&key])).style(t.muted).wrap(Wrap { trim: true });
            frame.render_widget(p, inner);
            return;
        }
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let widths = [
            Constraint::Length(3),
            Constraint::Length(badge_w),
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Fill(4),
            Constraint::Length(textwidth::width(T::ColLastContact.get(l)).max(10) as u16),
            Constraint::Length(textwidth::width(T::ColLate.get(l)).max(5) as u16),
        ];
        let cols = Layout::horizontal(widths).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let header = Row::new(
            [
                "",
                T::ColTier.get(l),
                T::ColName.get(l),
                T::ColCompany.get(l),
                T::ColReason.get(l),
                T::ColLastContact.get(l),
                T::ColLate.get(l),
            ]
            .iter()
            .enumerate()
            .map(|(i, h)| Cell::from(textwidth::fit(h, w[i]))),
        )
        .style(t.header);
        let end = (self.scroll + self.viewport).min(self.items.len());
        let rows: Vec<Row> = self.items[self.scroll..end]
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let reason = match it.reason {
                    DueReason::Cadence => T::ReasonCadence.get(l),
                    DueReason::FollowUp => T::ReasonFollowUp.get(l),
                    DueReason::Assessment => T::ReasonAssessment.get(l),
                };
                let reason = if it.detail.is_empty() { reason.to_string() } else { format!("{reason}: {}", it.detail) };
                let late_style = if it.done {
                    t.muted
                } else if it.days_overdue > 0 {
                    t.danger
                } else if it.days_overdue == 0 {
                    t.warn
                } else {
                    t.text
                };
                let last =
                    it.customer.last_contact.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
                let mut row = Row::new(vec![
                    Cell::from(if it.done { "[x]" } else { "[ ]" }),
                    Cell::from(tier_badge(&it.customer.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&it.customer.name, w[2])),
                    Cell::from(Span::styled(textwidth::fit(&it.customer.company, w[3]), t.muted)),
                    Cell::from(textwidth::fit(&reason, w[4])),
                    Cell::from(textwidth::fit(&last, w[5])),
                    Cell::from(Span::styled(format!("{:>width$}", it.days_overdue, width = w[6]), late_style)),
                ]);
                if it.done {
                    row = row.style(t.muted.add_modifier(Modifier::CROSSED_OUT));
                }
                if self.scroll + i == self.selected {
                    row = row.style(t.selection);
                }
                row
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), inner);
    }
}

/// What identifies a row across reloads.
fn row_key(it: &DueItem) -> (i64, DueReason, Option<usize>, Option<i64>) {
    (it.customer.id.0, it.reason, it.requirement, it.follow_up.map(|f| f.0))
}
