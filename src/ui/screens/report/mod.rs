//! The coverage report screen (key 5): per tier, the customers, how many were contacted
//! within their cadence and the share, the overdue count (table.rs); the tier distribution as
//! a bar chart and contacts per week over 12 weeks as a sparkline (charts.rs). It shows what
//! the app loaded (`Store::coverage_report`, the numbers of `tierdesk report`); it reads
//! nothing itself, and, like the matrix, it has no keys of its own beyond switching views.

mod charts;
mod table;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::domain::report::CoverageReport;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::keymap::Scope;

#[derive(Debug, Clone, Default)]
pub struct Report {
    report: Option<CoverageReport>,
    stale: bool,
}

impl Report {
    pub fn new() -> Self {
        Self { report: None, stale: true }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn fill(&mut self, report: CoverageReport) {
        self.report = Some(report);
        self.stale = false;
    }

    pub fn report(&self) -> Option<&CoverageReport> {
        self.report.as_ref()
    }

    /// Nothing to select or open: the view keys (1-5), help and quit are the app's.
    pub fn update(&mut self, _action: Action, _env: &Env) -> Effect {
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::ShowToday),
            (Scope::List, Action::ShowCustomers),
            (Scope::List, Action::ShowFollowUps),
            (Scope::List, Action::ShowMatrix),
            (Scope::Global, Action::Quit),
            (Scope::Global, Action::Help),
        ]
    }

    /// The table on top (as tall as its rows), the two charts side by side below it.
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let Some(r) = &self.report else { return };
        let rows = r.tiers.len() as u16 + 2; // header, tiers, all
        // The two lines saying what the numbers mean, when the charts keep room to breathe.
        let notes = if area.height >= rows + 2 + 2 + 8 { 2 } else { 0 };
        let [top, bottom] = Layout::vertical([Constraint::Length(rows + 2 + notes), Constraint::Min(0)]).areas(area);
        table::render(frame, top, env, r, notes);
        let [left, right] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(bottom);
        charts::distribution(frame, left, env, r);
        charts::weekly(frame, right, env, r);
    }
}
