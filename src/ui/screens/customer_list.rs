//! The workbench: a tier pane (each tier's count, and "All") beside the customer table of
//! the selected tier, sortable by name, last contact or next due. Holds only the rows in
//! view; the app fetches a new window when the selection leaves the loaded one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use crate::domain::customer::{CustomerId, CustomerRow};
use crate::domain::schedule::{DueStatus, due_status};
use crate::i18n::{T, fill};
use crate::store::{ListQuery, SortDir, SortKey};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

use super::search_bar::SearchBar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tiers,
    Table,
}

/// Rows fetched beyond the visible page on each side, so that scrolling rarely queries.
const WINDOW_MARGIN: usize = 60;

#[derive(Debug, Clone)]
pub struct CustomerList {
    /// Tier codes in scheme order; index 0 of the pane is "All".
    tier_codes: Vec<String>,
    /// Customers per pane entry (All first).
    counts: Vec<usize>,
    tier_sel: usize,
    pub focus: Pane,
    pub sort: SortKey,
    pub dir: SortDir,
    /// Rows in the selected tier.
    total: usize,
    /// The loaded rows start at this position.
    window_start: usize,
    rows: Vec<CustomerRow>,
    /// Selected position (absolute, 0-based).
    selected: usize,
    /// First visible position.
    scroll: usize,
    /// Visible table rows, as of the last layout.
    viewport: usize,
    /// The loaded window no longer matches (tier, sort, or data changed).
    stale: bool,
    /// The book changed: the tier counts must be read again.
    counts_stale: bool,
    /// Select this customer at the next load (after adding one, say).
    pending_select: Option<CustomerId>,
    /// `/`: the search shown instead of the table while it is open.
    pub search: Option<SearchBar>,
}

impl CustomerList {
    pub fn new(tier_codes: Vec<String>) -> Self {
        let n = tier_codes.len() + 1;
        Self {
            tier_codes,
            counts: vec![0; n],
            tier_sel: 0,
            focus: Pane::Table,
            sort: SortKey::NextDue,
            dir: SortDir::Asc,
            total: 0,
            window_start: 0,
            rows: Vec::new(),
            selected: 0,
            scroll: 0,
            viewport: 20,
            stale: true,
            counts_stale: true,
            pending_select: None,
            search: None,
        }
    }

    pub fn selected_tier(&self) -> Option<&str> {
        self.tier_sel.checked_sub(1).and_then(|i| self.tier_codes.get(i)).map(String::as_str)
    }

    pub fn select_tier_code(&mut self, code: Option<&str>) {
        self.tier_sel = match code {
            None => 0,
            Some(c) => self.tier_codes.iter().position(|t| t == c).map(|i| i + 1).unwrap_or(0),
        };
        self.reset_position();
    }

    pub fn selected_row(&self) -> Option<&CustomerRow> {
        self.selected.checked_sub(self.window_start).and_then(|i| self.rows.get(i))
    }

    pub fn rows_loaded(&self) -> &[CustomerRow] {
        &self.rows
    }

    /// Ask for a reload (after a write, or when data may have changed).
    pub fn mark_stale(&mut self) {
        self.stale = true;
        self.counts_stale = true;
    }

    /// Reload the rows in view but not the tier counts (a contact was logged: nobody
    /// changed tier).
    pub fn mark_rows_stale(&mut self) {
        self.stale = true;
    }

    /// Select `id` once the next window is loaded.
    pub fn select_after_load(&mut self, id: CustomerId) {
        self.pending_select = Some(id);
        self.stale = true;
    }

    pub fn take_pending_select(&mut self) -> Option<CustomerId> {
        self.pending_select.take()
    }

    /// Whether the tier counts must be read again (only after the book changed).
    pub fn counts_stale(&self) -> bool {
        self.counts_stale
    }

    pub fn set_counts(&mut self, counts: Vec<usize>) {
        self.counts_stale = false;
        self.counts = counts;
        self.total = self.counts.get(self.tier_sel).copied().unwrap_or(0);
    }

    /// Rows in the selected tier.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
        if let Some(bar) = self.search.as_mut() {
            // the query line takes the header's place
            bar.set_viewport(rows.max(1));
        }
        self.keep_selection_visible();
    }

    pub fn set_selected(&mut self, pos: usize) {
        self.selected = pos;
        self.clamp();
    }

    /// The window of rows the screen needs, if the loaded one does not cover the view.
    pub fn wanted(&self) -> Option<ListQuery> {
        let view_end = (self.scroll + self.viewport).min(self.total);
        let covered = self.window_start <= self.scroll && self.window_start + self.rows.len() >= view_end;
        if !self.stale && covered {
            return None;
        }
        let offset = self.scroll.saturating_sub(WINDOW_MARGIN);
        Some(ListQuery {
            tier: self.selected_tier().map(str::to_string),
            sort: self.sort,
            dir: self.dir,
            offset,
            limit: self.viewport + 2 * WINDOW_MARGIN,
        })
    }

    /// The app hands over the rows it fetched for `query`.
    pub fn fill(&mut self, query: &ListQuery, rows: Vec<CustomerRow>) {
        self.window_start = query.offset;
        self.rows = rows;
        self.stale = false;
    }

    fn reset_position(&mut self) {
        self.selected = 0;
        self.scroll = 0;
        self.total = self.counts.get(self.tier_sel).copied().unwrap_or(0);
        self.stale = true;
    }

    fn clamp(&mut self) {
        if self.total == 0 {
            self.selected = 0;
        } else if self.selected >= self.total {
            self.selected = self.total - 1;
        }
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
        let max_scroll = self.total.saturating_sub(self.viewport);
        self.scroll = self.scroll.min(max_scroll);
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Tiers => {
                let n = self.tier_codes.len() + 1;
                let next = (self.tier_sel as isize + delta).clamp(0, n as isize - 1) as usize;
                if next != self.tier_sel {
                    self.tier_sel = next;
                    self.reset_position();
                }
            }
            Pane::Table => {
                let next = (self.selected as isize + delta).max(0) as usize;
                self.selected = next;
                self.clamp();
            }
        }
    }

    fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.dir = self.dir.flip();
        } else {
            self.sort = key;
            self.dir = SortDir::Asc;
        }
        // Keep the same customer selected under the new order.
        if let Some(id) = self.selected_row().map(|r| r.id) {
            self.pending_select = Some(id);
        }
        self.stale = true;
    }

    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        let page = self.viewport.max(1) as isize;
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(-(self.total.max(self.tier_codes.len() + 1) as isize)),
            Action::Bottom => self.move_by(self.total.max(self.tier_codes.len() + 1) as isize),
            Action::FocusLeft => self.focus = Pane::Tiers,
            Action::FocusRight => self.focus = Pane::Table,
            Action::SwitchPane => {
                self.focus = if self.focus == Pane::Tiers { Pane::Table } else { Pane::Tiers };
            }
            Action::Open => match self.focus {
                Pane::Tiers => self.focus = Pane::Table,
                Pane::Table => {
                    if let Some(r) = self.selected_row() {
                        return Effect::Open(Route::Customer(r.id));
                    }
                }
            },
            Action::Back if self.focus == Pane::Table => self.focus = Pane::Tiers,
            Action::SortByName => self.sort_by(SortKey::Name),
            Action::SortByLastContact => self.sort_by(SortKey::LastContact),
            Action::SortByNextDue => self.sort_by(SortKey::NextDue),
            Action::Search => {
                let mut bar = SearchBar::new();
                bar.set_viewport(self.viewport);
                self.search = Some(bar);
            }
            Action::AddCustomer => {
                return Effect::Open(Route::NewCustomer { tier: self.selected_tier().map(str::to_string) });
            }
            Action::LogContact | Action::LogAndAdvance => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::LogContact {
                        customer: r.id,
                        requirement: None,
                        closes: None,
                        summary: None,
                        advance: false,
                    });
                }
            }
            Action::EditCustomer => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::EditCustomer(r.id));
                }
            }
            Action::Assess => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::Assess(r.id));
                }
            }
            Action::ChangeTier => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::ChangeTier(r.id));
                }
            }
            Action::ApproveTier => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::ApproveTier(r.id));
                }
            }
            Action::DeleteCustomer => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::DeleteCustomer(r.id));
                }
            }
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Open),
            (Scope::List, Action::Search),
            (Scope::List, Action::LogContact),
            (Scope::List, Action::Assess),
            (Scope::List, Action::AddCustomer),
            (Scope::List, Action::EditCustomer),
            (Scope::List, Action::ChangeTier),
            (Scope::List, Action::DeleteCustomer),
            (Scope::List, Action::SwitchPane),
            (Scope::List, Action::SortByName),
            (Scope::List, Action::SortByLastContact),
            (Scope::List, Action::SortByNextDue),
            (Scope::Global, Action::Quit),
            (Scope::Global, Action::Help),
        ]
    }

    /// How many table rows fit in `area` (the app calls this before handling keys).
    pub fn table_rows_for(area: Rect) -> usize {
        area.height.saturating_sub(3).max(1) as usize
    }

    /// The pane widths for a body area.
    fn split(area: Rect) -> [Rect; 2] {
        let tier_w = if area.width >= 100 { 26 } else { 20 };
        Layout::horizontal([Constraint::Length(tier_w), Constraint::Min(20)]).areas(area)
    }

    pub fn table_area(body: Rect) -> Rect {
        Self::split(body)[1]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let [tiers_area, table_area] = Self::split(area);
        self.render_tiers(frame, tiers_area, env);
        match &self.search {
            Some(bar) => bar.render(frame, table_area, env),
            None => self.render_table(frame, table_area, env),
        }
    }

    fn render_tiers(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let focused = self.focus == Pane::Tiers;
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", T::Tiers.get(env.lang)), t.title))
            .border_style(if focused { t.border_focus } else { t.border });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let mut lines = Vec::new();
        let entry = |label: Vec<Span<'static>>, label_w: usize, count: usize, selected: bool| {
            let count_s = count.to_string();
            let gap = w.saturating_sub(label_w + textwidth::width(&count_s) + 1);
            let mut spans = vec![Span::raw(if selected { ">" } else { " " })];
            spans.extend(label);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(count_s, t.muted));
            let line = Line::from(spans);
            if selected {
                line.style(if focused {
                    t.selection
                } else {
                    Style::new().add_modifier(ratatui::style::Modifier::BOLD)
                })
            } else {
                line
            }
        };
        let all = T::All.get(env.lang).to_string();
        let all_w = textwidth::width(&all) + 1;
        lines.push(entry(
            vec![Span::styled(all, t.text)],
            all_w,
            self.counts.first().copied().unwrap_or(0),
            self.tier_sel == 0,
        ));
        let code_w = env.scheme.code_width() + 2;
        for (i, tier) in env.scheme.tiers.iter().enumerate() {
            let room = w.saturating_sub(code_w + 1 + 6);
            let name = textwidth::fit(tier.name(env.lang), room);
            let label_w = code_w + 1 + textwidth::width(&name) + 1;
            let badge = tier_badge(&tier.code, &env.scheme, t);
            let count = self.counts.get(i + 1).copied().unwrap_or(0);
            lines.push(entry(
                vec![badge, Span::raw(" "), Span::styled(name, t.text)],
                label_w,
                count,
                self.tier_sel == i + 1,
            ));
        }
        // The cadence of the selected tier (or all of them), so the due dates make sense.
        lines.push(Line::raw(""));
        lines.push(Line::styled(T::CadenceLabel.get(env.lang).to_string(), t.header));
        for tier in &env.scheme.tiers {
            if self.tier_sel == 0 || self.selected_tier() == Some(tier.code.as_str()) {
                let text = format!(
                    " {} {}",
                    textwidth::pad(&tier.code, env.scheme.code_width()),
                    tier.cadence.describe(env.lang)
                );
                lines.push(Line::styled(textwidth::fit(&text, w), t.muted));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let focused = self.focus == Pane::Table;
        let tier_label = match self.selected_tier() {
            None => T::All.get(l).to_string(),
            Some(code) => env.scheme.tier(code).map(|x| format!("{} {}", x.code, x.name(l))).unwrap_or_default(),
        };
        let sort_name = match self.sort {
            SortKey::Name => T::SortName,
            SortKey::LastContact => T::SortLastContact,
            SortKey::NextDue => T::SortNextDue,
        };
        let arrow = if self.dir == SortDir::Asc { "^" } else { "v" };
        let position = if self.total == 0 { String::new() } else { format!(" {}/{}", self.selected + 1, self.total) };
        let title = format!(
            " {} | {} ({}) | {} {} {} ",
            T::Customers.get(l),
            tier_label,
            self.total,
            T::SortedBy.get(l),
            sort_name.get(l),
            arrow
        );
        let block = Block::bordered()
            .title(Span::styled(title, t.title))
            .title_bottom(Line::styled(position, t.muted).right_aligned())
            .border_style(if focused { t.border_focus } else { t.border });
        let inner = block.inner(area);
        frame.render_widget(block, area);

        if self.total == 0 {
            let key = env.keymap.first_key(Scope::List, Action::AddCustomer);
            let msg =
                if self.counts.first().copied().unwrap_or(0) == 0 { T::NoCustomersAtAll } else { T::NoCustomersInTier };
            let p =
                Paragraph::new(fill(msg.get(l), &[&key])).style(t.muted).wrap(ratatui::widgets::Wrap { trim: true });
            frame.render_widget(p, inner);
            return;
        }

        // Columns by available width: the owner goes first when space is short.
        let wide = inner.width >= 84;
        let status_w: u16 = if inner.width >= 70 { 12 } else { 0 };
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let mut widths = vec![
            Constraint::Length(badge_w),
            Constraint::Fill(3),
            Constraint::Fill(4),
            Constraint::Length(textwidth::width(T::ColLastContact.get(l)).max(10) as u16),
            Constraint::Length(11 + status_w),
        ];
        if wide {
            widths.push(Constraint::Fill(2));
        }
        let mut header = vec![T::ColTier, T::ColName, T::ColCompany, T::ColLastContact, T::ColNextDue];
        if wide {
            header.push(T::ColOwner);
            header.push(T::ColRisk);
            widths.push(Constraint::Length(8));
        }
        let col_rects = Layout::horizontal(widths.clone()).spacing(1).split(inner);
        let col_w: Vec<usize> = col_rects.iter().map(|r| r.width as usize).collect();
        let header_row =
            Row::new(header.iter().enumerate().map(|(i, h)| textwidth::fit(h.get(l), col_w[i]))).style(t.header);

        let visible = self.scroll..(self.scroll + self.viewport).min(self.total);
        let mut rows = Vec::new();
        for pos in visible {
            let Some(r) = pos.checked_sub(self.window_start).and_then(|i| self.rows.get(i)) else {
                continue;
            };
            let due = due_status(r.next_due_on, env.today, 0);
            let (due_style, due_note) = match due {
                DueStatus::Overdue(d) => (t.danger, fill(T::OverdueDays.get(l), &[&d])),
                DueStatus::DueToday => (t.warn, T::DueToday.get(l).to_string()),
                _ => (t.text, String::new()),
            };
            let due_text = if status_w > 0 && !due_note.is_empty() {
                format!("{} {}", r.next_due_on, due_note)
            } else if !due_note.is_empty() {
                format!("{}!", r.next_due_on.format("%Y-%m-%d"))
            } else {
                r.next_due_on.to_string()
            };
            let last = r.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
            let mut cells = vec![
                ratatui::widgets::Cell::from(tier_badge(&r.tier, &env.scheme, t)),
                // A move into the top tier waiting for its sign-off is marked before the name.
                if r.signoff_pending {
                    ratatui::widgets::Cell::from(Line::from(vec![
                        Span::styled("! ", t.warn),
                        Span::raw(textwidth::fit(&r.name, col_w[1].saturating_sub(2))),
                    ]))
                } else {
                    ratatui::widgets::Cell::from(textwidth::fit(&r.name, col_w[1]))
                },
                ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&r.company, col_w[2]), t.muted)),
                ratatui::widgets::Cell::from(textwidth::fit(&last, col_w[3])),
                ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&due_text, col_w[4]), due_style)),
            ];
            if wide {
                cells.push(ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&r.owner, col_w[5]), t.muted)));
                let risk = match r.risk_category.as_deref() {
                    Some(c) => env.band_name(c),
                    None => T::NotAssessed.get(l).to_string(),
                };
                cells.push(ratatui::widgets::Cell::from(textwidth::fit(&risk, col_w[6])));
            }
            let mut row = Row::new(cells);
            if pos == self.selected {
                row = row.style(if focused {
                    t.selection
                } else {
                    Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
                });
            }
            rows.push(row);
        }
        let table = Table::new(rows, widths).header(header_row).column_spacing(1);
        frame.render_widget(table, inner);
    }
}
