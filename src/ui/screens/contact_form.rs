//! Log (or edit) a contact: kind, date (today by default; never in the future), optional
//! time, person met, a multi-line summary, outcome, and an optional follow-up whose due date
//! has quick picks. Ctrl-S saves in one transaction; Esc asks before dropping typed text.

use chrono::{Days, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::contact_draft::{ContactDraft, ContactField, ContactProblem};
use crate::domain::customer::CustomerId;
use crate::domain::history::{ContactId, FollowUpId};
use crate::i18n::{Lang, T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::FormInput;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::text_edit::{self, Lines};

/// Where the form came from, which decides what saving does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFormMode {
    /// A new contact; `closes` marks a follow-up done with it; `advance` moves the Today
    /// list on to the next row afterwards.
    New {
        closes: Option<FollowUpId>,
        advance: bool,
    },
    Edit(ContactId),
}

#[derive(Debug, Clone)]
pub struct ContactForm {
    pub customer: CustomerId,
    pub customer_name: String,
    pub mode: ContactFormMode,
    pub draft: ContactDraft,
    original: ContactDraft,
    focus: usize,
    cursor: usize,
    visited: [bool; 8],
}

const SUMMARY_ROWS: usize = 4;

impl ContactForm {
    pub fn new(customer: CustomerId, customer_name: String, mode: ContactFormMode, draft: ContactDraft) -> Self {
        let original = draft.clone();
        Self { customer, customer_name, mode, original, draft, focus: 0, cursor: 0, visited: [false; 8] }
    }

    fn field(&self) -> ContactField {
        ContactField::ORDER[self.focus]
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.original
    }

    fn focus_on(&mut self, idx: usize) {
        self.visited[self.focus] = true;
        self.focus = idx % ContactField::ORDER.len();
        self.cursor = self.draft.get(self.field()).chars().count();
    }

    fn cycle_kind(&mut self, env: &Env, step: isize) {
        let codes = env.kinds.codes();
        let now = codes.iter().position(|c| *c == self.draft.get(ContactField::Kind)).unwrap_or(0) as isize;
        let n = codes.len() as isize;
        let next = (now + step).rem_euclid(n.max(1)) as usize;
        if let Some(code) = codes.get(next) {
            self.draft.set(ContactField::Kind, code.to_string());
        }
    }

    fn quick_due(&mut self, env: &Env, action: Action) {
        let from = self.draft.date().unwrap_or(env.today);
        let due = match action {
            Action::PlusDay => from.checked_add_days(Days::new(1)),
            Action::PlusThreeDays => from.checked_add_days(Days::new(3)),
            Action::PlusWeek => from.checked_add_days(Days::new(7)),
            _ => from.checked_add_months(Months::new(1)),
        };
        if let Some(d) = due {
            self.draft.set(ContactField::FollowUpDue, d.format("%Y-%m-%d").to_string());
            self.focus = ContactField::ORDER.iter().position(|f| *f == ContactField::FollowUpDue).unwrap_or(7);
            self.cursor = 10;
        }
    }

    fn save(&mut self, env: &Env) -> Effect {
        match self.draft.validate(self.customer, env.today) {
            Ok(entry) => match &self.mode {
                ContactFormMode::New { closes, advance } => Effect::Save(Write::LogContact {
                    entry,
                    closes: *closes,
                    advance: *advance,
                    name: self.customer_name.clone(),
                }),
                ContactFormMode::Edit(id) => Effect::Save(Write::UpdateContact(*id, entry)),
            },
            Err(problems) => {
                self.visited = [true; 8];
                if let Some(i) = problems.first().and_then(|(f, _)| ContactField::ORDER.iter().position(|x| x == f)) {
                    self.focus = i;
                    self.cursor = self.draft.get(self.field()).chars().count();
                }
                Effect::Warn(fill(T::FormHasProblems.get(env.lang), &[&problems.len()]))
            }
        }
    }

    pub fn cancel(&self, env: &Env) -> Effect {
        if self.is_dirty() {
            Effect::Confirm { question: T::DiscardChanges.get(env.lang).to_string(), on_yes: Box::new(Effect::Back) }
        } else {
            Effect::Back
        }
    }

    /// A paste into the focused field, as one edit; the kind is picked, not typed.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let field = self.field();
        if field == ContactField::Kind {
            return Effect::Warn(T::PasteNotHere.get(env.lang).to_string());
        }
        // Only the summary is edited as several lines.
        let lines = if field == ContactField::Summary { Lines::Many } else { Lines::One };
        let mut text = self.draft.get(field).to_string();
        let effect = text_edit::paste_effect(&mut text, &mut self.cursor, pasted, field.max_chars(), lines, env.lang);
        self.draft.set(field, text);
        effect
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let field = self.field();
        match input {
            // The kind is chosen, not typed: a digit picks the n-th kind.
            FormInput::Char(c) if field == ContactField::Kind => {
                if let Some(n) = c.to_digit(10).filter(|n| *n >= 1) {
                    if let Some(code) = env.kinds.codes().get(n as usize - 1) {
                        self.draft.set(ContactField::Kind, code.to_string());
                    }
                } else if c == ' ' {
                    self.cycle_kind(env, 1);
                }
            }
            FormInput::Char(c) => {
                let mut text = self.draft.get(field).to_string();
                text_edit::insert(&mut text, &mut self.cursor, c);
                self.draft.set(field, text);
            }
            FormInput::Action(action) => match action {
                Action::NextField => self.focus_on(self.focus + 1),
                Action::PrevField => self.focus_on(self.focus + ContactField::ORDER.len() - 1),
                // Enter makes a new line in the summary, moves on elsewhere, saves on the last.
                Action::Submit if field == ContactField::Summary => {
                    let mut text = self.draft.get(field).to_string();
                    text_edit::insert(&mut text, &mut self.cursor, '\n');
                    self.draft.set(field, text);
                }
                Action::Submit if self.focus + 1 == ContactField::ORDER.len() => return self.save(env),
                Action::Submit => self.focus_on(self.focus + 1),
                Action::Save => return self.save(env),
                Action::Cancel => return self.cancel(env),
                Action::PickNext => self.cycle_kind(env, 1),
                Action::PickPrev => self.cycle_kind(env, -1),
                Action::CursorRight if field == ContactField::Kind => self.cycle_kind(env, 1),
                Action::CursorLeft if field == ContactField::Kind => self.cycle_kind(env, -1),
                Action::PlusDay | Action::PlusThreeDays | Action::PlusWeek | Action::PlusMonth => {
                    self.quick_due(env, action)
                }
                other if field != ContactField::Kind => {
                    let mut text = self.draft.get(field).to_string();
                    if text_edit::apply(&mut text, &mut self.cursor, other) {
                        self.draft.set(field, text);
                    }
                }
                _ => {}
            },
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::Save),
            (Scope::Form, Action::Cancel),
            (Scope::Form, Action::PlusWeek),
            (Scope::Global, Action::Help),
        ]
    }

    fn label(field: ContactField, lang: Lang) -> &'static str {
        match field {
            ContactField::Kind => T::FieldKind,
            ContactField::Date => T::FieldDate,
            ContactField::Time => T::FieldTime,
            ContactField::Person => T::FieldPerson,
            ContactField::Summary => T::FieldSummary,
            ContactField::Outcome => T::FieldOutcome,
            ContactField::FollowUp => T::FieldFollowUp,
            ContactField::FollowUpDue => T::FieldFollowUpDue,
        }
        .get(lang)
    }

    fn problem_text(p: ContactProblem, lang: Lang) -> &'static str {
        crate::i18n::import_problems::contact_problem(p).get(lang)
    }

    /// The hint beside a focused field: kinds to pick from, the quick picks, formats.
    fn hint(&self, field: ContactField, env: &Env) -> Option<String> {
        let l = env.lang;
        let km = &env.keymap;
        match field {
            ContactField::Kind => Some(
                env.kinds
                    .kinds
                    .iter()
                    .enumerate()
                    .map(|(i, k)| format!("{} {}", i + 1, k.name(l)))
                    .collect::<Vec<_>>()
                    .join("  "),
            ),
            ContactField::Date => Some("YYYY-MM-DD".into()),
            ContactField::Time => Some(format!("HH:MM, {}", T::OptionalHint.get(l))),
            ContactField::FollowUpDue => Some(format!(
                "{}  {}",
                [Action::PlusDay, Action::PlusThreeDays, Action::PlusWeek, Action::PlusMonth]
                    .iter()
                    .map(|a| format!("{} {}", km.first_key(Scope::Form, *a), a.label(l)))
                    .collect::<Vec<_>>()
                    .join("  "),
                T::RelativeHint.get(l)
            )),
            _ => None,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let name = crate::safe_text::visible(&self.customer_name);
        let title = match self.mode {
            ContactFormMode::New { .. } => fill(T::LogContactTitle.get(l), &[&name]),
            ContactFormMode::Edit(_) => fill(T::EditContactTitle.get(l), &[&name]),
        };
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), t.title))
            .title_bottom(Line::styled(format!(" {} ", T::SaveHint.get(l)), t.muted).right_aligned())
            .border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let layout = FieldLayout::new(inner, if l == Lang::Zh { 10 } else { 15 });
        let mut y = inner.y;
        for (idx, field) in ContactField::ORDER.iter().copied().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let focused = idx == self.focus;
            let problem = if self.visited[idx] { self.draft.check(field, env.today) } else { None };
            let note = match problem {
                Some(p) => Some((Self::problem_text(p, l).to_string(), t.danger)),
                None if focused => self.hint(field, env).map(|h| (h, t.muted)),
                None if field == ContactField::FollowUpDue => {
                    // Show what a relative date resolves to.
                    self.draft.follow_up_due(env.today).map(|d| (d.to_string(), t.muted))
                }
                None => None,
            };
            let value = match field {
                ContactField::Kind => env.kinds.name(self.draft.get(field), l).to_string(),
                _ => self.draft.get(field).to_string(),
            };
            if field == ContactField::Summary {
                y = self.render_summary(frame, inner, y, layout, focused, note, env);
                continue;
            }
            let label = Self::label(field, l);
            let row = FieldRow {
                label,
                value: &value,
                focused,
                cursor: if field == ContactField::Kind { 0 } else { self.cursor },
                note,
            };
            field_row(frame, inner, y, layout, row, t);
            y += 1;
        }
        // The focused field's hint in full below the fields, for windows too narrow for it.
        if let Some(hint) = self.hint(self.field(), env)
            && textwidth::width(&hint) > layout.note_w
            && y + 1 < inner.bottom()
        {
            let area = Rect { x: inner.x, y: y + 1, width: inner.width, height: inner.bottom() - y - 1 };
            frame.render_widget(Paragraph::new(hint).style(t.muted).wrap(ratatui::widgets::Wrap { trim: true }), area);
        }
    }

    /// The summary: several rows, long lines wrapped, the cursor on its row. Returns the
    /// next free row.
    #[allow(clippy::too_many_arguments)]
    fn render_summary(
        &self,
        frame: &mut Frame,
        inner: Rect,
        y: u16,
        layout: FieldLayout,
        focused: bool,
        note: Option<(String, ratatui::style::Style)>,
        env: &Env,
    ) -> u16 {
        let t = &env.theme;
        let text = self.draft.get(ContactField::Summary);
        // Wrapped to the box (one cell kept free for the cursor at a row's end).
        let rows = crate::ui::widgets::wrap::wrap(text, layout.input_w.saturating_sub(1));
        let (cur_line, left) = crate::ui::widgets::wrap::cursor_at(&rows, self.cursor);
        let first = cur_line.saturating_sub(SUMMARY_ROWS - 1);
        let label = Self::label(ContactField::Summary, env.lang);
        for r in 0..SUMMARY_ROWS {
            let yy = y + r as u16;
            if yy >= inner.bottom() {
                return yy;
            }
            let line = rows.get(first + r).map_or("", |row| row.text.as_str());
            let is_cursor_line = focused && first + r == cur_line;
            let row = FieldRow {
                label: if r == 0 { label } else { "" },
                value: line,
                focused: is_cursor_line,
                cursor: left,
                note: if r == 0 { note.clone() } else { None },
            };
            field_row(frame, inner, yy, layout, row, t);
            if focused && !is_cursor_line {
                // keep the whole box marked as the focused field
                let x = inner.x + layout.label_w as u16 + 2;
                let shown = textwidth::fit(line, layout.input_w);
                frame.render_widget(
                    Paragraph::new(Span::styled(textwidth::pad(&shown, layout.input_w), t.selection)),
                    Rect { x, y: yy, width: layout.input_w as u16, height: 1 },
                );
            }
        }
        y + SUMMARY_ROWS as u16
    }

    /// The date the contact happened, for messages.
    pub fn date(&self) -> Option<NaiveDate> {
        self.draft.date()
    }
}
