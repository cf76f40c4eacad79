//! The `/` bar's notes query (`#...`, or `N`): the query line, then one row per note that
//! holds the text: date, customer, where it was written, and the snippet with the match lit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::search_bar::lit;
use crate::app::search::NoteFound;
use crate::i18n::fill;
use crate::i18n::notes_texts::N;
use crate::textwidth;
use crate::ui::Env;
use crate::ui::widgets::text_edit;

/// What the bar shows of a notes query, borrowed for one draw.
pub struct NotesView<'a> {
    pub query: &'a str,
    pub cursor: usize,
    /// The text looked for (the query without its prefix).
    pub pattern: &'a str,
    /// Whether `found` is the answer to a search already run.
    pub searched: bool,
    pub found: &'a [NoteFound],
    pub selected: usize,
    pub scroll: usize,
    pub viewport: usize,
}

impl NotesView<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let (t, l) = (&env.theme, env.lang);
        let title = if self.pattern.is_empty() {
            N::Title.get(l).to_string()
        } else {
            fill(N::TitleHits.get(l), &[&self.pattern, &self.found.len()])
        };
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [line, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let (shown, col) = text_edit::visible(self.query, self.cursor, line.width.saturating_sub(2) as usize);
        frame.render_widget(Paragraph::new(Line::from(vec![Span::styled("/", t.accent), Span::raw(shown)])), line);
        frame.set_cursor_position((line.x + 1 + col as u16, line.y));
        if self.found.is_empty() {
            let msg = if self.pattern.is_empty() || !self.searched {
                N::Hint.get(l).to_string()
            } else {
                fill(N::NoHits.get(l), &[&self.pattern])
            };
            frame.render_widget(Paragraph::new(textwidth::fit(&msg, table.width as usize)).style(t.muted), table);
            return;
        }
        let where_w = [N::SourceSummary, N::SourceOutcome, N::SourceFollowUp]
            .iter()
            .map(|s| textwidth::width(s.get(l)))
            .max()
            .unwrap_or(8) as u16;
        let widths = [Constraint::Length(10), Constraint::Fill(2), Constraint::Length(where_w), Constraint::Fill(5)];
        let cols = Layout::horizontal(widths).spacing(1).split(table);
        let end = (self.scroll + self.viewport).min(self.found.len());
        let rows: Vec<Row> = self.found[self.scroll..end]
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let s = &f.snippet;
                let from = s.before.chars().count();
                let lit_chars: Vec<usize> = (from..from + s.matched.chars().count()).collect();
                let mut row = Row::new(vec![
                    Cell::from(f.hit.on.to_string()),
                    Cell::from(textwidth::fit(&f.hit.customer.name, cols[1].width as usize)),
                    Cell::from(N::source(f.hit.source).get(l)),
                    Cell::from(lit(&s.line(), &lit_chars, cols[3].width as usize, t)),
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
