//! Bringing a spreadsheet in from the app: choose what (customers or contacts), the file and
//! what to do with duplicates; see a preview (what would be added, updated, skipped, or every
//! bad row with its line, column and reason) before anything is written; then import.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::import::OnDuplicate;
use crate::i18n::pick_texts::PK;
use crate::i18n::{Lang, T, fill};
use crate::safe_text::visible;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, ImportRequest, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::FormInput;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::text_edit::{self, Lines};

/// The longest file path the form takes (the usual PATH_MAX).
const MAX_PATH_CHARS: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Customers,
    Contacts,
}

/// What a dry run found, in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    /// The file reads: what the import would do.
    Ready(String),
    /// The problems found, every one.
    Refused(String),
}

/// Where the import stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Choosing the file.
    Input,
    /// A dry run's result, worded (nothing written).
    Preview(Preview),
    /// Running (the app shows progress while a background import works).
    Running { done: u64, total: u64 },
    /// Written.
    Done(String),
}

#[derive(Debug, Clone)]
pub struct ImportScreen {
    pub kind: ImportKind,
    pub path: String,
    cursor: usize,
    pub on_duplicate: OnDuplicate,
    /// 0: kind, 1: file, 2: duplicates.
    focus: usize,
    pub stage: Stage,
    scroll: usize,
}

impl Default for ImportScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl ImportScreen {
    pub fn new() -> Self {
        Self {
            kind: ImportKind::Customers,
            path: String::new(),
            cursor: 0,
            on_duplicate: OnDuplicate::Fail,
            focus: 1,
            stage: Stage::Input,
            scroll: 0,
        }
    }

    pub fn request(&self) -> ImportRequest {
        ImportRequest { kind: self.kind, path: self.path.trim().into(), on_duplicate: self.on_duplicate }
    }

    fn cycle(&mut self, step: isize) {
        match self.focus {
            0 => {
                self.kind =
                    if self.kind == ImportKind::Customers { ImportKind::Contacts } else { ImportKind::Customers };
            }
            2 => {
                let all = [OnDuplicate::Fail, OnDuplicate::Skip, OnDuplicate::Update];
                let i = all.iter().position(|d| *d == self.on_duplicate).unwrap_or(0) as isize;
                self.on_duplicate = all[(i + step).rem_euclid(3) as usize];
            }
            _ => {}
        }
    }

    pub fn is_dirty(&self) -> bool {
        !self.path.is_empty() && !matches!(self.stage, Stage::Done(_))
    }

    /// A paste into the file path, as one edit; the other rows are picked, not typed.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        match (&self.stage, self.focus) {
            (Stage::Input, 1) => {
                text_edit::paste_effect(&mut self.path, &mut self.cursor, pasted, MAX_PATH_CHARS, Lines::One, env.lang)
            }
            (Stage::Input, _) => Effect::Warn(T::PasteNotHere.get(env.lang).to_string()),
            _ => Effect::None,
        }
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        match (&self.stage, input) {
            (Stage::Input, FormInput::Char(c)) if self.focus == 1 => {
                text_edit::insert(&mut self.path, &mut self.cursor, c)
            }
            (Stage::Input, FormInput::Char(' ')) => self.cycle(1),
            // The kind and the duplicates choice are picked: a typed key says so, or a path
            // typed one Tab too far would vanish without a word.
            (Stage::Input, FormInput::Char(c)) => {
                return Effect::Warn(fill(PK::NotTyped.get(env.lang), &[&visible(&c.to_string())]));
            }
            (Stage::Input, FormInput::Action(a)) => match a {
                Action::NextField => self.focus = (self.focus + 1) % 3,
                Action::PrevField => self.focus = (self.focus + 2) % 3,
                Action::CursorLeft | Action::PickPrev if self.focus != 1 => self.cycle(-1),
                Action::CursorRight | Action::PickNext if self.focus != 1 => self.cycle(1),
                Action::Submit | Action::Save if !self.path.trim().is_empty() => {
                    return Effect::Save(Write::ImportPreview(self.request()));
                }
                Action::Cancel => return Effect::Back,
                other if self.focus == 1 => {
                    text_edit::apply(&mut self.path, &mut self.cursor, other);
                }
                _ => {}
            },
            (Stage::Preview(Preview::Ready(summary)), FormInput::Action(Action::Save | Action::Submit)) => {
                return Effect::Confirm {
                    question: fill(T::ImportConfirm.get(env.lang), &[summary]),
                    on_yes: Box::new(Effect::Save(Write::ImportRun(self.request()))),
                };
            }
            (Stage::Preview(_), FormInput::Action(Action::NextField)) => self.scroll += 1,
            (Stage::Preview(_), FormInput::Action(Action::PrevField)) => self.scroll = self.scroll.saturating_sub(1),
            (Stage::Preview(_), FormInput::Action(Action::Cancel)) => {
                // back to the file, to fix it and try again
                self.stage = Stage::Input;
                self.scroll = 0;
            }
            (Stage::Done(_), FormInput::Action(_)) => return Effect::Back,
            _ => {}
        }
        Effect::None
    }

    pub fn help_items(&self) -> &'static [(Scope, Action)] {
        match self.stage {
            Stage::Input => {
                &[(Scope::Form, Action::Submit), (Scope::Form, Action::NextField), (Scope::Form, Action::Cancel)]
            }
            Stage::Preview(_) => {
                &[(Scope::Form, Action::Save), (Scope::Form, Action::NextField), (Scope::Form, Action::Cancel)]
            }
            _ => &[(Scope::Form, Action::Cancel)],
        }
    }

    fn kind_name(&self, lang: Lang) -> &'static str {
        match self.kind {
            ImportKind::Customers => T::Customers.get(lang),
            ImportKind::Contacts => T::Contacts.get(lang),
        }
    }

    fn duplicate_name(&self, lang: Lang) -> &'static str {
        match self.on_duplicate {
            OnDuplicate::Fail => T::DupFail,
            OnDuplicate::Skip => T::DupSkip,
            OnDuplicate::Update => T::DupUpdate,
        }
        .get(lang)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", T::ImportTitle.get(l)), t.title))
            .border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [fields, body] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(inner);
        let layout = FieldLayout::new(fields, if l == Lang::Zh { 10 } else { 14 });
        let input = self.stage == Stage::Input;
        let rows = [
            (T::ImportWhat.get(l), self.kind_name(l).to_string(), Some((T::ImportToggle.get(l).to_string(), t.muted))),
            (T::ImportFile.get(l), self.path.clone(), Some((T::ImportFileHint.get(l).to_string(), t.muted))),
            (
                T::ImportDuplicates.get(l),
                self.duplicate_name(l).to_string(),
                Some((T::ImportToggle.get(l).to_string(), t.muted)),
            ),
        ];
        for (i, (label, value, note)) in rows.into_iter().enumerate() {
            if i == 2 && self.kind == ImportKind::Contacts {
                continue;
            }
            let focused = input && i == self.focus;
            let row = FieldRow {
                label,
                value: &value,
                focused,
                cursor: if i == 1 { self.cursor } else { 0 },
                note: if focused { note } else { None },
            };
            field_row(frame, fields, fields.y + i as u16, layout, row, t);
        }
        let (text, style): (String, Style) = match &self.stage {
            Stage::Input => (T::ImportIntro.get(l).to_string(), t.muted),
            Stage::Preview(Preview::Ready(s)) => (format!("{s}\n\n{}", T::ImportPreviewOk.get(l)), t.ok),
            Stage::Preview(Preview::Refused(e)) => (format!("{e}\n\n{}", T::ImportPreviewBad.get(l)), t.danger),
            Stage::Running { done, total } => {
                let w = body.width.saturating_sub(2) as usize;
                let filled = (*done as usize * w).checked_div(*total as usize).unwrap_or(0).min(w);
                let bar = Line::from(vec![
                    Span::styled(" ".repeat(filled), Style::new().bg(t.accent.fg.unwrap_or_default())),
                    Span::styled(" ".repeat(w - filled), Style::new().bg(t.border.fg.unwrap_or_default())),
                ]);
                let percent = (done * 100).checked_div(*total).unwrap_or(0).min(100);
                let label = Line::styled(fill(T::ImportRunning.get(l), &[&percent]), t.text);
                frame.render_widget(Paragraph::new(vec![label, bar]), body);
                return;
            }
            Stage::Done(s) => (s.clone(), t.ok),
        };
        frame.render_widget(
            // Problems quote the file's cells and headers: shown, never obeyed.
            Paragraph::new(crate::safe_text::visible(&text).into_owned())
                .style(style)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll as u16, 0)),
            body,
        );
    }
}
