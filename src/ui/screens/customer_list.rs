//! The workbench: a tier pane (each tier's count, and "All") beside the customer table of
//! the selected tier, sortable by name, last contact, next due or (the team pool) days left. Holds only the rows in
//! view; the app fetches a new window when the selection leaves the loaded one.

use crate::domain::customer::{CustomerId, CustomerRow};
use crate::store::{ListQuery, SortDir, SortKey};
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::keymap::Scope;

use super::search_bar::SearchBar;

mod draw;
mod region;

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
    /// The region the list is narrowed to (None: every region); kept for the session.
    region: Option<String>,
    /// The book's regions for `Z` to step through, read when first needed (None: not read
    /// since the book last changed).
    regions: Option<Vec<String>>,
    /// `Z` was pressed before the regions were read: step once they arrive.
    region_step_pending: bool,
    /// The team pool's rules on the loaded rows: days of ownership left (issue 17).
    ownership: std::collections::HashMap<CustomerId, crate::app::pool::Ownership>,
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
            region: None,
            regions: None,
            region_step_pending: false,
            ownership: Default::default(),
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
        self.regions = None;
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
            // The app puts in whose customers the list shows.
            owners: Default::default(),
            region: self.region.clone(),
        })
    }

    /// The app hands over the rows it fetched for `query`.
    pub fn fill(&mut self, query: &ListQuery, rows: Vec<CustomerRow>) {
        self.window_start = query.offset;
        self.rows = rows;
        self.stale = false;
    }

    /// The loaded rows' customers.
    pub fn row_ids(&self) -> Vec<CustomerId> {
        self.rows.iter().map(|r| r.id).collect()
    }

    /// The pool's rules on the loaded rows (days left within a week of release).
    pub fn set_ownership(&mut self, ownership: std::collections::HashMap<CustomerId, crate::app::pool::Ownership>) {
        self.ownership = ownership;
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

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
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
            // L steps the tier pane as it steps Today's tier filter: All, each tier, All.
            Action::FilterTier => {
                self.tier_sel = (self.tier_sel + 1) % (self.tier_codes.len() + 1);
                self.reset_position();
            }
            Action::FilterRegion => return self.step_region(env),
            Action::FilterReason => {
                let key = |a| env.keymap.first_key(Scope::List, a);
                let keys = [key(Action::ShowToday), key(Action::FilterTier), key(Action::FilterRegion)];
                return Effect::Warn(crate::i18n::fill(
                    crate::i18n::day_texts::D::FiltersOnToday.get(env.lang),
                    &[&keys[0], &keys[1], &keys[2]],
                ));
            }
            Action::SortByName => self.sort_by(SortKey::Name),
            Action::SortByLastContact => self.sort_by(SortKey::LastContact),
            Action::SortByNextDue => self.sort_by(SortKey::NextDue),
            Action::SortByDaysLeft => self.sort_by(SortKey::DaysLeft),
            Action::PinCustomer => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::Pin(r.id));
                }
            }
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
                        kind: None,
                    });
                }
            }
            Action::EditCustomer => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::EditCustomer(r.id));
                }
            }
            Action::ShowBrief => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::Brief(r.id));
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
            Action::HandOver => {
                if let Some(r) = self.selected_row() {
                    return Effect::Open(Route::HandOver(r.id));
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
            (Scope::List, Action::ShowBrief),
            (Scope::List, Action::Assess),
            (Scope::List, Action::AddCustomer),
            (Scope::List, Action::EditCustomer),
            (Scope::List, Action::ChangeTier),
            (Scope::List, Action::DeleteCustomer),
            (Scope::List, Action::HandOver),
            (Scope::List, Action::PinCustomer),
            (Scope::List, Action::SwitchPane),
            (Scope::List, Action::FilterTier),
            (Scope::List, Action::FilterRegion),
            (Scope::List, Action::SortByName),
            (Scope::List, Action::SortByLastContact),
            (Scope::List, Action::SortByNextDue),
            (Scope::List, Action::SortByDaysLeft),
            // Last: the `?` overlay lists it on every screen; the bar shows it where it fits.
            (Scope::List, Action::SearchNotes),
            (Scope::Global, Action::Quit),
            (Scope::List, Action::ToggleOwners),
            (Scope::Global, Action::Help),
        ]
    }
}
