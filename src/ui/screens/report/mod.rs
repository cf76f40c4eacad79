//! The coverage report screen (key 5): per tier, the customers, how many were contacted
//! within their cadence and the share, the overdue count (table.rs); the tier distribution as
//! a bar chart and contacts per week over 12 weeks as a sparkline (charts.rs). One key
//! (`report_by_person`) turns it into the lead's team view: the same figures per person and
//! tier, with their contacts per week (people.rs, the numbers of `tierdesk report --by
//! owner`), scrolled with the list keys. It shows what the app loaded
//! (`Book::coverage_report`, `Book::coverage_report_by_owner`); it reads nothing itself.

mod charts;
mod people;
mod table;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use people::PeopleReport;

use crate::domain::report::CoverageReport;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::keymap::Scope;

/// What the report is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportMode {
    #[default]
    Tiers,
    /// Per person and tier: a lead's view of their team.
    People,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    report: Option<CoverageReport>,
    people: Option<PeopleReport>,
    mode: ReportMode,
    stale: bool,
    /// The per-person table's first shown row, and how many rows it shows (last layout).
    scroll: usize,
    viewport: usize,
}

impl Report {
    pub fn new() -> Self {
        Self { stale: true, viewport: 10, ..Self::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn mode(&self) -> ReportMode {
        self.mode
    }

    pub fn fill(&mut self, report: CoverageReport) {
        self.report = Some(report);
        self.stale = false;
    }

    pub fn fill_people(&mut self, people: PeopleReport) {
        self.people = Some(people);
        self.stale = false;
        self.scroll_by(0);
    }

    pub fn report(&self) -> Option<&CoverageReport> {
        self.report.as_ref()
    }

    pub fn people(&self) -> Option<&PeopleReport> {
        self.people.as_ref()
    }

    /// The per-person table's rows that fit in `body` (the screen's area).
    pub fn rows_for(body: Rect) -> usize {
        people::rows_for(body)
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
        self.scroll_by(0);
    }

    fn scroll_by(&mut self, delta: isize) {
        let rows = self.people.as_ref().map_or(0, PeopleReport::row_count);
        let max = rows.saturating_sub(self.viewport) as isize;
        self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
    }

    /// The per-person key switches the grouping (and reads it afresh); in the per-person
    /// table the list keys scroll. The view keys (1-6), help and quit are the app's.
    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        let page = self.viewport as isize;
        match (action, self.mode) {
            (Action::ReportByPerson, ReportMode::Tiers) => {
                self.mode = ReportMode::People;
                self.scroll = 0;
                self.stale = true;
            }
            (Action::ReportByPerson | Action::Back, ReportMode::People) => {
                self.mode = ReportMode::Tiers;
                self.stale = true;
            }
            (Action::Down, ReportMode::People) => self.scroll_by(1),
            (Action::Up, ReportMode::People) => self.scroll_by(-1),
            (Action::PageDown, ReportMode::People) => self.scroll_by(page),
            (Action::PageUp, ReportMode::People) => self.scroll_by(-page),
            (Action::Bottom, ReportMode::People) => self.scroll_by(isize::MAX / 2),
            (Action::Top, ReportMode::People) => self.scroll_by(-(isize::MAX / 2)),
            _ => {}
        }
        Effect::None
    }

    /// The same keys either way; the per-person table scrolls with the list keys (the help
    /// lists them) and says which rows show when they do not all fit.
    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::ReportByPerson),
            (Scope::List, Action::ShowToday),
            (Scope::List, Action::ShowCustomers),
            (Scope::List, Action::ShowFollowUps),
            (Scope::List, Action::ShowMatrix),
            (Scope::Global, Action::Quit),
            (Scope::Global, Action::Help),
        ]
    }

    /// Per tier: the table on top (as tall as its rows), the two charts side by side below.
    /// Per person: the one table, scrolled.
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        if self.mode == ReportMode::People {
            if let Some(p) = &self.people {
                people::render(frame, area, env, p, self.scroll);
            }
            return;
        }
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
