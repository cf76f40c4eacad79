//! A customer's full history from the audit log: every change to them, their contacts,
//! follow-ups, tiers, indicator values and assessments, newest first, with who made it and
//! whether it was undone. Read-only; the app loads the entries.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::audit::AuditEntry;
use crate::domain::customer::CustomerId;
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::keymap::Scope;

/// How many entries the screen loads (the CLI's `history --all` has them all).
pub const HISTORY_LIMIT: usize = 500;

#[derive(Debug, Clone)]
pub struct ChangeLog {
    pub customer: CustomerId,
    pub name: String,
    pub entries: Vec<AuditEntry>,
    top: usize,
}

impl ChangeLog {
    pub fn new(customer: CustomerId, name: String, entries: Vec<AuditEntry>) -> Self {
        Self { customer, name, entries, top: 0 }
    }

    pub fn refresh(&mut self, entries: Vec<AuditEntry>) {
        self.entries = entries;
        self.top = self.top.min(self.entries.len().saturating_sub(1));
    }

    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        let last = self.entries.len().saturating_sub(1);
        match action {
            Action::Back => return Effect::Back,
            Action::Up => self.top = self.top.saturating_sub(1),
            Action::Down => self.top = (self.top + 1).min(last),
            Action::PageUp => self.top = self.top.saturating_sub(10),
            Action::PageDown => self.top = (self.top + 10).min(last),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = last,
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Back),
            (Scope::List, Action::Down),
            (Scope::List, Action::Undo),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let title = fill(T::ChangeLogTitle.get(l), &[&crate::safe_text::visible(&self.name), &self.entries.len()]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        if self.entries.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(T::EmptyChangeLog.get(l), t.muted)), inner);
            return;
        }
        let mut lines = Vec::new();
        for e in self.entries.iter().skip(self.top).take(inner.height as usize) {
            let head = format!("{}  {}  ", e.at.format("%Y-%m-%d %H:%M"), textwidth::pad(&e.by, 8));
            let mut rest = crate::i18n::audit::describe(e, l);
            let style = if e.undone_by.is_some() {
                rest = format!("{} {rest}", T::UndoneMark.get(l));
                t.muted
            } else if e.undoes.is_some() {
                rest = format!("{} {rest}", T::UndoMark.get(l));
                t.warn
            } else {
                t.text
            };
            let rest = textwidth::fit(&rest, w.saturating_sub(textwidth::width(&head)));
            lines.push(Line::from(vec![Span::styled(head, t.muted), Span::styled(rest, style)]));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
