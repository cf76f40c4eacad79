//! Today's plan mode (`P`): Today's list becomes the morning plan, the visits and calls
//! that fit the day (`[plan]` in the config), visits first grouped by region, each row with
//! why it is there. The rows are worked out by `app::plan` (the App fills them); Today
//! keeps acting on the underlying item, so Space logs a contact as on the plain list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::domain::plan::{PlanKind, PlanRow};
use crate::i18n::T;
use crate::i18n::fill;
use crate::i18n::plan_texts::{PlanText, kind, title, why};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

#[derive(Debug, Clone, Default)]
pub struct PlanMode {
    rows: Vec<PlanRow>,
    selected: usize,
    scroll: usize,
    viewport: usize,
}

impl PlanMode {
    pub fn new(rows: Vec<PlanRow>, viewport: usize) -> Self {
        let mut p = Self { rows, viewport: viewport.max(1), ..Default::default() };
        p.clamp();
        p
    }

    pub fn rows(&self) -> &[PlanRow] {
        &self.rows
    }

    pub fn selected_row(&self) -> Option<&PlanRow> {
        self.rows.get(self.selected)
    }

    /// Fresh rows (after a write); the selection stays on the same customer where it can.
    pub fn refill(&mut self, rows: Vec<PlanRow>) {
        let at = self.selected_row().map(|r| r.item.customer.id);
        self.rows = rows;
        if let Some(id) = at
            && let Some(i) = self.rows.iter().position(|r| r.item.customer.id == id)
        {
            self.selected = i;
        }
        self.clamp();
    }

    /// After a row was dealt with: the next row still open, after it (else before it).
    pub fn advance(&mut self) {
        let from = self.selected;
        let next = (from + 1..self.rows.len()).chain(0..from).find(|i| !self.rows[*i].done);
        if let Some(i) = next {
            self.selected = i;
        }
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

    /// Moves the selection; true when the action was a move.
    pub fn navigate(&mut self, action: Action) -> bool {
        let n = self.rows.len() as isize;
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -(self.viewport as isize),
            Action::PageDown => self.viewport as isize,
            Action::Top => -n,
            Action::Bottom => n,
            _ => return false,
        };
        self.selected = (self.selected as isize + delta).clamp(0, (n - 1).max(0)) as usize;
        self.clamp();
        true
    }

    /// `filter`: Today's filter in words, when one narrows the rows the plan is made from.
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env, filter: Option<&str>) {
        let t = &env.theme;
        let l = env.lang;
        let whose = crate::i18n::app_texts::whose_text(&env.scope.whose, l);
        let mut title = format!("{whose} · {}", title(&env.today, &self.rows, env.plan, l));
        if let Some(filter) = filter {
            title = format!("{title} · {filter}");
        }
        let title = crate::textwidth::fit(&title, area.width.saturating_sub(4) as usize);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.rows.is_empty() {
            let key = env.keymap.first_key(Scope::List, Action::PlanMode);
            let p = Paragraph::new(fill(PlanText::Empty.get(l), &[&key])).style(t.muted).wrap(Wrap { trim: true });
            frame.render_widget(p, inner);
            return;
        }
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let kind_w = [PlanKind::Visit, PlanKind::Call].map(|k| textwidth::width(kind(k, l))).into_iter().max();
        let kind_w = kind_w.unwrap_or(5).max(textwidth::width(PlanText::ColKind.get(l))) as u16;
        let widths = [
            Constraint::Length(3),
            Constraint::Length(kind_w),
            Constraint::Length(badge_w),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Fill(7),
        ];
        let cols = Layout::horizontal(widths).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let heads = [
            "",
            PlanText::ColKind.get(l),
            T::ColTier.get(l),
            T::ColName.get(l),
            PlanText::ColRegion.get(l),
            PlanText::ColWhy.get(l),
        ];
        let header =
            Row::new(heads.iter().enumerate().map(|(i, h)| Cell::from(textwidth::fit(h, w[i])))).style(t.header);
        let end = (self.scroll + self.viewport).min(self.rows.len());
        let rows: Vec<Row> = self.rows[self.scroll..end]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let region = if r.region.is_empty() { PlanText::NoRegion.get(l) } else { r.region.as_str() };
                let kind_style = if r.kind == PlanKind::Visit { t.warn } else { t.text };
                let mut row = Row::new(vec![
                    Cell::from(if r.done { "[x]" } else { "[ ]" }),
                    Cell::from(Span::styled(textwidth::fit(kind(r.kind, l), w[1]), kind_style)),
                    Cell::from(tier_badge(&r.item.customer.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&r.item.customer.name, w[3])),
                    Cell::from(Span::styled(textwidth::fit(region, w[4]), t.muted)),
                    Cell::from(textwidth::fit(&why(r, l), w[5])),
                ]);
                if r.done {
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
