//! Drawing the contact form: its rows in order (the product's under the kind on a new
//! recommendation), the summary's box, and the focused field's hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{ContactForm, ContactFormMode, SUMMARY_ROWS, Slot};
use crate::domain::contact_draft::{ContactField, ContactProblem};
use crate::i18n::suit_texts::S;
use crate::i18n::{Lang, T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};

impl ContactForm {
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

    /// The hint beside a focused field: kinds or products to pick from, the quick picks,
    /// formats.
    fn hint(&self, slot: Slot, env: &Env) -> Option<String> {
        let l = env.lang;
        let km = &env.keymap;
        let field = match slot {
            Slot::Field(f) => f,
            Slot::Product => return Some(self.product.hint(env)),
            Slot::Confirmation => return Some(S::FormConfirmationHint.get(l).to_string()),
        };
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
        for (idx, slot) in self.slots().into_iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let focused = idx == self.focus;
            let field = match slot {
                Slot::Field(f) => f,
                Slot::Product | Slot::Confirmation => {
                    y = self.render_product_row(frame, inner, y, layout, slot, focused, env);
                    continue;
                }
            };
            let visited = ContactField::ORDER.iter().position(|f| *f == field).is_some_and(|i| self.visited[i]);
            let problem = if visited { self.draft.check(field, env.today) } else { None };
            let note = match problem {
                Some(p) => Some((Self::problem_text(p, l).to_string(), t.danger)),
                None if focused => self.hint(slot, env).map(|h| (h, t.muted)),
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
        if let Some(hint) = self.hint(self.slot(), env)
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

    /// The product (with whether it suits, and why, below it) or the customer's
    /// confirmation; returns the next free row.
    #[allow(clippy::too_many_arguments)]
    fn render_product_row(
        &self,
        frame: &mut Frame,
        inner: Rect,
        y: u16,
        layout: FieldLayout,
        slot: Slot,
        focused: bool,
        env: &Env,
    ) -> u16 {
        let (t, l) = (&env.theme, env.lang);
        let (label, value, missing) = match slot {
            Slot::Product => (S::FormProduct, self.product.value(l), self.product.picked().is_none()),
            _ => (S::FormConfirmation, self.product.confirmation.clone(), self.product.confirmation.trim().is_empty()),
        };
        let note = match (focused, self.tried && missing) {
            (true, _) => self.hint(slot, env).map(|h| (h, t.muted)),
            (false, true) if slot == Slot::Product => {
                Some((fill(S::FormNeedsProduct.get(l), &[&S::FormProduct.get(l)]), t.danger))
            }
            (false, true) => Some((S::FormConfirmation.get(l).to_string(), t.danger)),
            (false, false) => None,
        };
        let cursor = if slot == Slot::Product { 0 } else { self.cursor };
        let row = FieldRow { label: label.get(l), value: &value, focused, cursor, note };
        field_row(frame, inner, y, layout, row, t);
        match slot {
            Slot::Product => self.product.render_verdict(frame, inner, y + 1, layout, env),
            _ => y + 1,
        }
    }
}
