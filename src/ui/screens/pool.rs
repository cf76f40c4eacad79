//! The team's pool (公海, issue 17): the customers released by the rules, which the team
//! reads and anyone may claim (`C`, within the day's limit). Stacked over the screen it was
//! opened from (`7`), read from the book as it opens; Enter opens a customer's page, Esc
//! goes back. A book file has no pool: the key says so on the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::i18n::pool_texts::Pool as P;
use crate::i18n::{T, fill};
use crate::store::PoolEntry;
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

#[derive(Debug, Clone)]
pub struct PoolScreen {
    entries: Vec<PoolEntry>,
    selected: usize,
}

impl PoolScreen {
    pub fn new(entries: Vec<PoolEntry>) -> Self {
        Self { entries, selected: 0 }
    }

    pub fn entries(&self) -> &[PoolEntry] {
        &self.entries
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::Top => self.move_by(-(self.entries.len() as isize)),
            Action::Bottom => self.move_by(self.entries.len() as isize),
            Action::Back => return Effect::Back,
            Action::Open => {
                if let Some(e) = self.entries.get(self.selected) {
                    return Effect::Open(Route::Customer(e.id));
                }
            }
            Action::ClaimCustomer => {
                if let Some(e) = self.entries.get(self.selected) {
                    let question = fill(P::ConfirmClaim.get(env.lang), &[&e.name]);
                    let write = Write::Claim { customer: e.id, name: e.name.clone() };
                    return Effect::Confirm { question, on_yes: Box::new(Effect::Save(write)) };
                }
            }
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::ClaimCustomer),
            (Scope::List, Action::Open),
            (Scope::List, Action::Down),
            (Scope::List, Action::Up),
            (Scope::List, Action::Back),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let (t, l) = (&env.theme, env.lang);
        let title = fill(P::PoolTitle.get(l), &[&self.entries.len()]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.entries.is_empty() {
            frame.render_widget(Paragraph::new(P::PoolEmpty.get(l)).style(t.muted).wrap(Wrap { trim: true }), inner);
            return;
        }
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let date_w = textwidth::width(P::ColReleasedOn.get(l)).max(10) as u16;
        let late_w = textwidth::width(P::ColDaysLate.get(l)).max(4) as u16;
        let widths = [
            Constraint::Length(badge_w),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(date_w),
            Constraint::Length(late_w),
        ];
        let cols = Layout::horizontal(widths).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let heads = [
            T::ColTier.get(l),
            T::ColName.get(l),
            P::ColReleasedFrom.get(l),
            P::ColReleasedOn.get(l),
            P::ColDaysLate.get(l),
        ];
        let header =
            Row::new(heads.iter().enumerate().map(|(i, h)| Cell::from(textwidth::fit(h, w[i])))).style(t.header);
        let room = inner.height.saturating_sub(1).max(1) as usize;
        let start = self.selected.saturating_sub(room - 1);
        let rows: Vec<Row> = self
            .entries
            .iter()
            .enumerate()
            .skip(start)
            .take(room)
            .map(|(i, e)| {
                let on = e.released_on.map(|d| d.to_string()).unwrap_or_default();
                let late = e.released_days.map(|d| d.to_string()).unwrap_or_default();
                let row = Row::new(vec![
                    Cell::from(tier_badge(&e.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&e.name, w[1])),
                    Cell::from(Span::styled(textwidth::fit(&e.released_from_name, w[2]), t.muted)),
                    Cell::from(textwidth::fit(&on, w[3])),
                    Cell::from(Span::styled(format!("{late:>width$}", width = w[4]), t.danger)),
                ]);
                if i == self.selected { row.style(t.selection) } else { row }
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), inner);
    }
}
