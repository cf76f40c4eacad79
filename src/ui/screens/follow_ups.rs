//! Follow-ups across the book: open, overdue or done (one key cycles), with mark done,
//! reschedule and open customer in place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use chrono::Days;

use crate::domain::schedule::{DueStatus, due_status};
use crate::i18n::{T, fill};
use crate::store::{FollowUpFilter, FollowUpRow};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

/// The most rows a follow-up list loads (they are a person's promises, not a data set).
pub const FOLLOW_UP_LIMIT: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct FollowUps {
    pub filter: FollowUpFilter,
    rows: Vec<FollowUpRow>,
    selected: usize,
    scroll: usize,
    viewport: usize,
    stale: bool,
}

impl FollowUps {
    pub fn new() -> Self {
        Self { stale: true, viewport: 20, ..Default::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn fill(&mut self, rows: Vec<FollowUpRow>) {
        self.rows = rows;
        self.stale = false;
        self.clamp();
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = (self.selected as isize + delta).clamp(0, self.rows.len().saturating_sub(1) as isize) as usize;
        self.clamp();
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let page = self.viewport as isize;
        let sel = self.rows.get(self.selected);
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(-(self.rows.len() as isize)),
            Action::Bottom => self.move_by(self.rows.len() as isize),
            Action::CycleFilter => {
                self.filter = self.filter.next();
                self.selected = 0;
                self.scroll = 0;
                self.stale = true;
            }
            Action::Open => {
                if let Some(r) = sel {
                    return Effect::Open(Route::Customer(r.customer.id));
                }
            }
            Action::ShowBrief => {
                if let Some(r) = sel {
                    return Effect::Open(Route::Brief(r.customer.id));
                }
            }
            Action::MarkDone => {
                if let Some(r) = sel {
                    let done = r.follow_up.done_at.is_none();
                    return Effect::Save(Write::MarkDone {
                        follow_up: r.follow_up.id,
                        done,
                        what: r.follow_up.what.clone(),
                    });
                }
            }
            Action::Reschedule | Action::Snooze => {
                if let Some(r) = sel.filter(|r| r.follow_up.done_at.is_none()) {
                    return Effect::Open(Route::Reschedule {
                        follow_up: r.follow_up.id,
                        what: r.follow_up.what.clone(),
                    });
                }
            }
            Action::LogContact => {
                if let Some(r) = sel {
                    return Effect::Open(Route::LogContact {
                        customer: r.customer.id,
                        requirement: None,
                        closes: r.follow_up.done_at.is_none().then_some(r.follow_up.id),
                        summary: Some(r.follow_up.what.clone()),
                        advance: false,
                        kind: None,
                    });
                }
            }
            _ => {}
        }
        let _ = env;
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::CycleFilter),
            (Scope::List, Action::MarkDone),
            (Scope::List, Action::Reschedule),
            (Scope::List, Action::LogContact),
            (Scope::List, Action::Open),
            (Scope::List, Action::ShowBrief),
            (Scope::List, Action::ShowToday),
            (Scope::List, Action::ToggleOwners),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn table_rows_for(body: Rect) -> usize {
        body.height.saturating_sub(3).max(1) as usize
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let filter = match self.filter {
            FollowUpFilter::Open => T::FilterOpen,
            FollowUpFilter::Overdue => T::FilterOverdue,
            FollowUpFilter::Done => T::FilterDone,
        };
        let key = env.keymap.first_key(Scope::List, Action::CycleFilter);
        let title = format!(
            " {} · {} [{} {}] ",
            crate::i18n::app_texts::whose_text(&env.scope.whose, l),
            fill(T::FollowUpsTitle.get(l), &[&filter.get(l), &self.rows.len()]),
            key,
            Action::CycleFilter.label(l)
        );
        let block = Block::bordered().title(Span::styled(title, t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(T::FollowUpsEmpty.get(l)).style(t.muted).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let widths = [
            Constraint::Length(10),
            Constraint::Length(12),
            Constraint::Length(badge_w),
            Constraint::Fill(2),
            Constraint::Fill(4),
        ];
        let cols = Layout::horizontal(widths).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let header = Row::new(
            [T::ColDue, T::ColStatus, T::ColTier, T::ColCustomer, T::ColWhat]
                .iter()
                .enumerate()
                .map(|(i, h)| Cell::from(textwidth::fit(h.get(l), w[i]))),
        )
        .style(t.header);
        let end = (self.scroll + self.viewport).min(self.rows.len());
        let rows: Vec<Row> = self.rows[self.scroll..end]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let f = &r.follow_up;
                let (status, style) = match f.done_at {
                    Some(at) => (format!("{} {}", T::FilterDone.get(l), at.format("%m-%d")), t.muted),
                    None => match due_status(f.due_on, env.today, 0) {
                        DueStatus::Overdue(d) => (fill(T::OverdueDays.get(l), &[&d]), t.danger),
                        DueStatus::DueToday => (T::DueToday.get(l).to_string(), t.warn),
                        _ => (T::OpenFollowUp.get(l).to_string(), t.text),
                    },
                };
                let mut row = Row::new(vec![
                    Cell::from(f.due_on.to_string()),
                    Cell::from(Span::styled(textwidth::fit(&status, w[1]), style)),
                    Cell::from(tier_badge(&r.customer.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&r.customer.name, w[3])),
                    Cell::from(textwidth::fit(&f.what, w[4])),
                ]);
                if self.scroll + i == self.selected {
                    row = row.style(t.selection);
                }
                row
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), inner);
    }
}

/// Yesterday relative to `today`: a rescheduled follow-up must land today or later.
pub fn reschedule_floor(today: chrono::NaiveDate) -> chrono::NaiveDate {
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}
