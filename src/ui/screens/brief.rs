//! The visit brief (`b` on a customer row): the sections of `app::brief::outline`, wrapped to
//! the window and scrolled with the list keys, so that it reads at 80x24 as on a big screen.
//! Read-only; the app loads the brief and reloads it when the customer changes.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::brief::Brief;
use crate::app::brief::outline::{Tone, outline, title};
use crate::domain::customer::CustomerId;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::keymap::Scope;
use crate::ui::widgets::wrap::word_rows;

#[derive(Debug, Clone)]
pub struct BriefScreen {
    pub brief: Brief,
    /// The first row shown (of the wrapped rows).
    top: usize,
    /// Wrapped rows and visible rows as of the last draw (drawing takes `&self`), to keep
    /// scrolling inside the text.
    rows: Cell<usize>,
    viewport: Cell<usize>,
}

impl BriefScreen {
    pub fn new(brief: Brief) -> Self {
        Self { brief, top: 0, rows: Cell::new(0), viewport: Cell::new(20) }
    }

    pub fn customer(&self) -> CustomerId {
        self.brief.customer.id
    }

    pub fn refresh(&mut self, brief: Brief) {
        self.brief = brief;
    }

    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        let last = self.rows.get().saturating_sub(self.viewport.get());
        let page = self.viewport.get().saturating_sub(1).max(1);
        match action {
            Action::Back => return Effect::Back,
            Action::Up => self.top = self.top.saturating_sub(1),
            Action::Down => self.top = (self.top + 1).min(last),
            Action::PageUp => self.top = self.top.saturating_sub(page),
            Action::PageDown | Action::LogAndAdvance => self.top = (self.top + page).min(last),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = last,
            Action::Open => return Effect::Open(Route::Customer(self.customer())),
            Action::LogContact => {
                return Effect::Open(Route::LogContact {
                    customer: self.customer(),
                    requirement: None,
                    closes: None,
                    summary: None,
                    advance: false,
                    kind: None,
                });
            }
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Back),
            (Scope::List, Action::Down),
            (Scope::List, Action::PageDown),
            (Scope::List, Action::Open),
            (Scope::List, Action::LogContact),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let title = crate::safe_text::visible(&title(&self.brief, l)).into_owned();
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let scheme = &env.scheme;
        let mut rows: Vec<Line> = Vec::new();
        let key = env.keymap.first_key(Scope::List, Action::SetTemperament);
        let sections = outline(&self.brief, scheme, &crate::data::contact_kinds(), Some(&key), l);
        for (i, section) in sections.into_iter().enumerate() {
            if i > 0 {
                rows.push(Line::raw(""));
            }
            rows.push(Line::styled(section.heading, t.title));
            for line in section.lines {
                let style = match line.tone {
                    Tone::Plain => t.text,
                    Tone::Muted => t.muted,
                    Tone::Warn => t.warn,
                };
                // Two cells of indent; continuation rows line up under the first.
                let shown = crate::safe_text::visible(&line.text).into_owned();
                for row in word_rows(&shown, width.saturating_sub(2).max(2)) {
                    rows.push(Line::styled(format!("  {row}"), style));
                }
            }
        }
        let (total, viewport) = (rows.len(), inner.height as usize);
        self.rows.set(total);
        self.viewport.set(viewport);
        // A window grown since the last key may show more than `top` allows now.
        let top = self.top.min(total.saturating_sub(viewport));
        let shown: Vec<Line> = rows.into_iter().skip(top).take(viewport).collect();
        frame.render_widget(Paragraph::new(shown), inner);
        crate::ui::widgets::scroll_mark::render(frame, area, (top, viewport, total), t.muted);
    }
}
