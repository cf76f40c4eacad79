//! `/` in the customer list: a query line that filters as you type, the best matches first
//! with the matched characters lit, Enter to open, Esc to clear. The app runs the search
//! (it owns the index); this holds the query, the results and the selection. A query
//! starting with `#` looks in the notes instead (contact summaries and outcomes,
//! follow-ups; `N` opens the bar that way): each hit with its date, customer and snippet.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::app::search::NoteFound;
use crate::domain::customer::{CustomerId, CustomerRow};
use crate::domain::search::Hit;
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::theme::Theme;
use crate::ui::widgets::badge::tier_badge;
use crate::ui::widgets::text_edit;

/// The most results shown for one query.
pub const SEARCH_LIMIT: usize = 200;

/// What starts a notes query in the bar.
pub const NOTES_PREFIX: char = '#';

/// The text to look for in the notes, when `query` is a notes query.
pub fn notes_pattern(query: &str) -> Option<&str> {
    query.strip_prefix(NOTES_PREFIX)
}

#[derive(Debug, Clone, Default)]
pub struct SearchBar {
    pub query: String,
    cursor: usize,
    /// The query the results are for (None: a search is wanted).
    searched: Option<String>,
    results: Vec<(Hit, CustomerRow)>,
    /// The hits of a notes query (`#...`).
    notes: Vec<NoteFound>,
    selected: usize,
    scroll: usize,
    viewport: usize,
}

/// What a key did to the search.
pub enum SearchOutcome {
    Stay(Effect),
    /// Esc: leave the search and show the list again.
    Close,
}

impl SearchBar {
    pub fn new() -> Self {
        Self { viewport: 20, ..Default::default() }
    }

    /// The query to run, if the results are not for the current one.
    pub fn wanted(&self) -> Option<&str> {
        (self.searched.as_deref() != Some(self.query.as_str())).then_some(self.query.as_str())
    }

    pub fn fill(&mut self, query: String, results: Vec<(Hit, CustomerRow)>) {
        self.searched = Some(query);
        self.results = results;
        self.notes.clear();
        self.selected = 0;
        self.scroll = 0;
    }

    /// The results of a notes query.
    pub fn fill_notes(&mut self, query: String, found: Vec<NoteFound>) {
        self.searched = Some(query);
        self.results.clear();
        self.notes = found;
        self.selected = 0;
        self.scroll = 0;
    }

    /// Start a notes query: the prefix typed already.
    pub fn start_notes(&mut self) {
        if notes_pattern(&self.query).is_none() {
            self.query.insert(0, NOTES_PREFIX);
            self.cursor += 1;
        }
    }

    fn in_notes(&self) -> bool {
        notes_pattern(&self.query).is_some()
    }

    fn len(&self) -> usize {
        if self.in_notes() { self.notes.len() } else { self.results.len() }
    }

    /// The customer of the selected result.
    fn selected_customer(&self) -> Option<CustomerId> {
        if self.in_notes() {
            self.notes.get(self.selected).map(|f| f.hit.customer.id)
        } else {
            self.selected().map(|r| r.id)
        }
    }

    /// Results are stale after a write: search again.
    pub fn mark_stale(&mut self) {
        self.searched = None;
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
    }

    pub fn selected(&self) -> Option<&CustomerRow> {
        self.results.get(self.selected).map(|(_, r)| r)
    }

    pub fn type_char(&mut self, c: char) {
        text_edit::insert(&mut self.query, &mut self.cursor, c);
    }

    /// A paste into the query, as one edit.
    pub fn paste(&mut self, pasted: &str, lang: crate::i18n::Lang) -> Effect {
        let max = crate::domain::customer::MAX_FIELD_CHARS;
        text_edit::paste_effect(&mut self.query, &mut self.cursor, pasted, max, text_edit::Lines::One, lang)
    }

    pub fn update(&mut self, action: Action) -> SearchOutcome {
        match action {
            Action::Cancel => return SearchOutcome::Close,
            Action::PrevField => self.selected = self.selected.saturating_sub(1),
            Action::NextField => self.selected = (self.selected + 1).min(self.len().saturating_sub(1)),
            Action::Submit => {
                if let Some(id) = self.selected_customer() {
                    return SearchOutcome::Stay(Effect::Open(Route::Customer(id)));
                }
            }
            other => {
                text_edit::apply(&mut self.query, &mut self.cursor, other);
            }
        }
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
        SearchOutcome::Stay(Effect::None)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        if let Some(pattern) = notes_pattern(&self.query) {
            let view = super::notes_results::NotesView {
                query: &self.query,
                cursor: self.cursor,
                pattern: pattern.trim(),
                searched: self.searched.is_some(),
                found: &self.notes,
                selected: self.selected,
                scroll: self.scroll,
                viewport: self.viewport,
            };
            return view.render(frame, area, env);
        }
        let title = fill(T::SearchTitle.get(l), &[&self.results.len()]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [line, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let (shown, col) = text_edit::visible(&self.query, self.cursor, line.width.saturating_sub(2) as usize);
        frame.render_widget(Paragraph::new(Line::from(vec![Span::styled("/", t.accent), Span::raw(shown)])), line);
        frame.set_cursor_position((line.x + 1 + col as u16, line.y));
        if self.results.is_empty() {
            let msg = if self.query.trim().is_empty() { T::SearchHint.get(l) } else { T::SearchNothing.get(l) };
            frame.render_widget(Paragraph::new(msg).style(t.muted), table);
            return;
        }
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let widths = [Constraint::Length(badge_w), Constraint::Fill(3), Constraint::Fill(4), Constraint::Length(10)];
        let cols = Layout::horizontal(widths).spacing(1).split(table);
        let end = (self.scroll + self.viewport).min(self.results.len());
        let rows: Vec<Row> = self.results[self.scroll..end]
            .iter()
            .enumerate()
            .map(|(i, (hit, r))| {
                let last = r.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
                let mut row = Row::new(vec![
                    Cell::from(tier_badge(&r.tier, &env.scheme, t)),
                    Cell::from(lit(&r.name, &hit.name_chars, cols[1].width as usize, t)),
                    Cell::from(lit(&r.company, &hit.company_chars, cols[2].width as usize, t)),
                    Cell::from(last),
                ]);
                if self.scroll + i == self.selected {
                    row = row.style(t.selection);
                }
                row
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).column_spacing(1), table);
    }
}

/// `text` fitted to `width` cells, with the characters at `chars` (char indices) lit.
pub(super) fn lit<'a>(text: &str, chars: &[usize], width: usize, theme: &Theme) -> Line<'a> {
    let fitted = textwidth::fit(text, width);
    let cut = fitted.ends_with(textwidth::ELLIPSIS) && fitted != text;
    let keep = if cut { fitted.chars().count() - textwidth::ELLIPSIS.chars().count() } else { fitted.chars().count() };
    let hl = theme.accent.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans: Vec<Span> = fitted
        .chars()
        .take(keep)
        .enumerate()
        .map(|(i, c)| if chars.contains(&i) { Span::styled(c.to_string(), hl) } else { Span::raw(c.to_string()) })
        .collect();
    if cut {
        spans.push(Span::raw(textwidth::ELLIPSIS));
    }
    Line::from(spans)
}
