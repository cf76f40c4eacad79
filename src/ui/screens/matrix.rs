//! Tier x risk category: how many customers of each tier fall in each category of the risk
//! questionnaire (assessments still current), with a column for expired assessments (whatever
//! their category: due for a new one) and one for those never assessed. Enter on a cell lists
//! them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::domain::customer::CustomerRow;
use crate::i18n::{T, fill};
use crate::store::{RiskCell, RiskCount};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

/// The most customers listed for one cell.
pub const CELL_LIMIT: usize = 5000;

#[derive(Debug, Clone, Default)]
pub struct Matrix {
    /// Category codes in band order; then come "expired" and "not assessed".
    pub categories: Vec<String>,
    /// counts[tier][column]
    counts: Vec<Vec<usize>>,
    row: usize,
    col: usize,
    /// The customers of the opened cell, with the list's selection.
    members: Option<(Vec<CustomerRow>, usize)>,
    stale: bool,
}

impl Matrix {
    pub fn new(categories: Vec<String>) -> Self {
        Self { categories, stale: true, ..Default::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// How many columns of counts: the categories, expired, not assessed.
    fn columns(&self) -> usize {
        self.categories.len() + 2
    }

    /// Fill from (tier, category, expired, count) rows.
    pub fn fill(&mut self, tiers: &[String], rows: Vec<RiskCount>) {
        let cols = self.columns();
        self.counts = vec![vec![0; cols]; tiers.len()];
        for (tier, category, expired, n) in rows {
            let Some(r) = tiers.iter().position(|t| *t == tier) else { continue };
            let c = match category {
                None => cols - 1,
                Some(_) if expired => cols - 2,
                Some(code) => self.categories.iter().position(|x| *x == code).unwrap_or(cols - 1),
            };
            self.counts[r][c] += n;
        }
        self.stale = false;
    }

    /// The cell the app should list (tier index, column).
    pub fn opened_cell(&self) -> (usize, RiskCell) {
        let cell = match self.categories.get(self.col) {
            Some(code) => RiskCell::Current(code.clone()),
            None if self.col == self.categories.len() => RiskCell::Expired,
            None => RiskCell::NotAssessed,
        };
        (self.row, cell)
    }

    pub fn show_members(&mut self, members: Vec<CustomerRow>) {
        self.members = Some((members, 0));
    }

    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        if let Some((list, sel)) = &mut self.members {
            match action {
                Action::Up => *sel = sel.saturating_sub(1),
                Action::Down => *sel = (*sel + 1).min(list.len().saturating_sub(1)),
                Action::Open => {
                    if let Some(r) = list.get(*sel) {
                        return Effect::Open(Route::Customer(r.id));
                    }
                }
                Action::Back => self.members = None,
                _ => {}
            }
            return Effect::None;
        }
        let cols = self.columns();
        match action {
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(self.counts.len().saturating_sub(1)),
            Action::FocusLeft => self.col = self.col.saturating_sub(1),
            Action::FocusRight | Action::SwitchPane => self.col = (self.col + 1) % cols,
            Action::Open => return Effect::Open(Route::MatrixCell),
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Open),
            (Scope::List, Action::FocusRight),
            (Scope::List, Action::Back),
            (Scope::List, Action::ShowToday),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", T::MatrixTitle.get(l)), t.title))
            .border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if let Some((list, sel)) = &self.members {
            let tier = env.scheme.tiers.get(self.row).map(|x| x.code.clone()).unwrap_or_default();
            let cat = match self.opened_cell().1 {
                RiskCell::Current(c) => env.band_name(&c),
                RiskCell::Expired => T::ExpiredAssessment.get(l).to_string(),
                RiskCell::NotAssessed => T::NotAssessed.get(l).to_string(),
            };
            let mut lines = vec![Line::styled(fill(T::MatrixCellTitle.get(l), &[&tier, &cat, &list.len()]), t.header)];
            let visible = inner.height.saturating_sub(1) as usize;
            let first = sel.saturating_sub(visible.saturating_sub(1));
            for (i, r) in list.iter().enumerate().skip(first).take(visible) {
                let text = format!("{}  {}", textwidth::pad(&r.name, 20), r.company);
                let line = Line::styled(
                    textwidth::fit(&text, inner.width as usize),
                    if i == *sel { t.selection } else { t.text },
                );
                lines.push(line);
            }
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let mut header = vec![Cell::from(T::ColTier.get(l))];
        header.extend(self.categories.iter().map(|c| Cell::from(env.band_name(c))));
        header.push(Cell::from(T::ExpiredAssessment.get(l)));
        header.push(Cell::from(T::NotAssessed.get(l)));
        let mut widths = vec![Constraint::Length(16)];
        widths.extend(std::iter::repeat_n(Constraint::Length(12), self.columns()));
        let rows: Vec<Row> = env
            .scheme
            .tiers
            .iter()
            .enumerate()
            .map(|(r, tier)| {
                let mut cells = vec![Cell::from(Line::from(vec![
                    tier_badge(&tier.code, &env.scheme, t),
                    Span::raw(format!(" {}", textwidth::fit(tier.name(l), 10))),
                ]))];
                for c in 0..self.columns() {
                    let n = self.counts.get(r).and_then(|x| x.get(c)).copied().unwrap_or(0);
                    let style = if r == self.row && c == self.col {
                        t.selection
                    } else if n == 0 {
                        t.muted
                    } else {
                        t.text
                    };
                    cells.push(Cell::from(Span::styled(format!("{n:>6}"), style)));
                }
                Row::new(cells).height(2)
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(Row::new(header).style(t.header)).column_spacing(1), inner);
    }
}
