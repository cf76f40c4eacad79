//! Add or edit a customer: Tab/Shift-Tab between fields, problems shown beside each field
//! once it has been visited, Ctrl-S (or Enter on the last field) saves, Esc asks before
//! throwing typed text away.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::domain::customer::{Customer, CustomerDraft, Field};
use crate::domain::tier::TierScheme;
use crate::i18n::pick_texts::PK;
use crate::i18n::{T, field_label, fill, problem_text};
use crate::store::Seen;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::text_edit::{self, Lines};

pub(crate) mod tier_pick;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormMode {
    Add,
    Edit(Customer),
}

#[derive(Debug, Clone)]
pub struct CustomerForm {
    pub mode: FormMode,
    pub draft: CustomerDraft,
    original: CustomerDraft,
    focus: usize,
    cursor: usize,
    /// Fields the user has left at least once: their problems are shown.
    visited: [bool; Field::ORDER.len()],
    /// What the edit is based on: a save over someone else's newer change is refused.
    seen: Seen,
}

/// What the form reacts to: an action or a typed character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormInput {
    Action(Action),
    Char(char),
}

impl CustomerForm {
    /// A new customer: `ext_ref` is the reference proposed from the config's pattern.
    pub fn add(default_tier: &str, today: NaiveDate, owner: &str, ext_ref: Option<String>) -> Self {
        let mut draft = CustomerDraft::empty(default_tier, today);
        draft.set(Field::Owner, owner.to_string());
        if let Some(r) = ext_ref {
            draft.set(Field::Ref, r);
        }
        Self::with(FormMode::Add, draft)
    }

    /// Edit `customer`, as read after `seen` (`Customers::customer_seen`).
    pub fn edit(customer: Customer, seen: Seen) -> Self {
        let draft = CustomerDraft::from_fields(&customer.fields);
        Self { seen, ..Self::with(FormMode::Edit(customer), draft) }
    }

    fn with(mode: FormMode, draft: CustomerDraft) -> Self {
        let cursor = draft.get(Field::ORDER[0]).chars().count();
        Self {
            mode,
            original: draft.clone(),
            draft,
            focus: 0,
            cursor,
            visited: [false; Field::ORDER.len()],
            seen: Seen::default(),
        }
    }

    pub fn focused_field(&self) -> Field {
        Field::ORDER[self.focus]
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.original
    }

    fn focus_on(&mut self, idx: usize) {
        self.visited[self.focus] = true;
        self.focus = idx.min(Field::ORDER.len() - 1);
        self.cursor = self.draft.get(self.focused_field()).chars().count();
    }

    /// Validate and, if clean, the write that saves the form.
    fn save(&mut self, env: &Env) -> Effect {
        match self.draft.validate(&env.scheme, env.today) {
            Ok(fields) => match &self.mode {
                FormMode::Add => Effect::Save(Write::AddCustomer(fields)),
                // A tier change needs its reason, which this form does not ask for: it is made
                // with the tier key, and the form keeps the tier as it was.
                FormMode::Edit(c) if !fields.tier.eq_ignore_ascii_case(&c.fields.tier) => {
                    self.focus = Field::ORDER.iter().position(|f| *f == Field::Tier).unwrap_or(0);
                    self.cursor = self.draft.get(self.focused_field()).chars().count();
                    let key =
                        env.keymap.first_key(crate::ui::keymap::Scope::List, crate::ui::action::Action::ChangeTier);
                    Effect::Warn(fill(T::TierInFormRefused.get(env.lang), &[&key, &c.fields.tier]))
                }
                FormMode::Edit(c) => Effect::Save(Write::UpdateCustomer(c.id, fields, self.seen)),
            },
            Err(problems) => {
                self.visited = [true; Field::ORDER.len()];
                if let Some(first) = problems.first().and_then(|(f, _)| Field::ORDER.iter().position(|x| x == f)) {
                    self.focus = first;
                    self.cursor = self.draft.get(self.focused_field()).chars().count();
                }
                Effect::Warn(fill(T::FormHasProblems.get(env.lang), &[&problems.len()]))
            }
        }
    }

    /// Leave the form, asking first if anything was typed.
    pub fn cancel(&self, env: &Env) -> Effect {
        if self.is_dirty() {
            Effect::Confirm { question: T::DiscardChanges.get(env.lang).to_string(), on_yes: Box::new(Effect::Back) }
        } else {
            Effect::Back
        }
    }

    /// A paste into the focused field, as one edit. Every field here is edited as one line
    /// (the notes too: Enter moves on), so pasted line breaks become spaces.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let field = self.focused_field();
        if field == Field::Tier {
            return match tier_pick::pasted(&env.scheme, pasted, env.lang) {
                Ok(code) => {
                    self.draft.set(Field::Tier, code);
                    Effect::None
                }
                Err(warning) => Effect::Warn(warning),
            };
        }
        let mut text = self.draft.get(field).to_string();
        let effect =
            text_edit::paste_effect(&mut text, &mut self.cursor, pasted, field.max_chars(), Lines::One, env.lang);
        self.draft.set(field, text);
        effect
    }

    /// Keys on the tier field: picked, never typed (see `tier_pick`). None: not for it.
    fn update_tier(&mut self, input: FormInput, env: &Env) -> Option<Effect> {
        let current = self.draft.get(Field::Tier).to_string();
        let picked = match input {
            FormInput::Char(c) => tier_pick::typed(&env.scheme, &current, c, env.lang),
            FormInput::Action(a) => match tier_pick::stepped(&env.scheme, &current, a) {
                Some(code) => Ok(code),
                // Editing keys have nothing to edit here; the form's own keys go on.
                None if text_edit::is_edit(a) => return Some(Effect::None),
                None => return None,
            },
        };
        Some(match picked {
            Ok(code) => {
                self.draft.set(Field::Tier, code);
                Effect::None
            }
            Err(warning) => Effect::Warn(warning),
        })
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let field = self.focused_field();
        if field == Field::Tier
            && let Some(effect) = self.update_tier(input, env)
        {
            return effect;
        }
        match input {
            FormInput::Char(c) => {
                let mut text = self.draft.get(field).to_string();
                text_edit::insert(&mut text, &mut self.cursor, c);
                self.draft.set(field, text);
            }
            FormInput::Action(action) => match action {
                Action::NextField => self.focus_on((self.focus + 1) % Field::ORDER.len()),
                Action::PrevField => self.focus_on((self.focus + Field::ORDER.len() - 1) % Field::ORDER.len()),
                Action::Submit => {
                    if self.focus + 1 == Field::ORDER.len() {
                        return self.save(env);
                    }
                    self.focus_on(self.focus + 1);
                }
                Action::Save => return self.save(env),
                Action::Cancel => return self.cancel(env),
                other => {
                    let mut text = self.draft.get(field).to_string();
                    if text_edit::apply(&mut text, &mut self.cursor, other) {
                        self.draft.set(field, text);
                    }
                }
            },
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::PrevField),
            (Scope::Form, Action::Save),
            (Scope::Form, Action::Cancel),
            (Scope::Global, Action::Help),
        ]
    }

    fn problem(
        &self,
        field: Field,
        scheme: &TierScheme,
        today: NaiveDate,
        idx: usize,
    ) -> Option<crate::domain::customer::FieldProblem> {
        if !self.visited[idx] {
            return None;
        }
        self.draft.check(field, scheme, today)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let title = match &self.mode {
            FormMode::Add => T::NewCustomer.get(l).to_string(),
            FormMode::Edit(c) => format!("{}: {}", T::EditCustomer.get(l), crate::safe_text::visible(&c.fields.name)),
        };
        let block = Block::bordered()
            .title(Span::styled(format!(" {title} "), t.title))
            .title_bottom(Line::styled(format!(" {} ", T::SaveHint.get(l)), t.muted).right_aligned())
            .border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);

        let layout = FieldLayout::new(inner, if l == crate::i18n::Lang::Zh { 10 } else { 16 });
        // Scroll the field list so that the focused field is visible on short windows.
        let rows = inner.height as usize;
        let first = self.focus.saturating_sub(rows.saturating_sub(1));
        for (row, idx) in (first..Field::ORDER.len()).enumerate().take(rows) {
            let field = Field::ORDER[idx];
            let focused = idx == self.focus;
            let required = matches!(field, Field::Name | Field::Tier);
            let label = format!("{}{}", field_label(field, l), if required { " *" } else { "" });
            let note = match self.problem(field, &env.scheme, env.today, idx) {
                Some(p) => Some((problem_text(p, &env.scheme, l), t.danger)),
                None if focused && field == Field::Tier => {
                    Some((fill(PK::TierPickHint.get(l), &[&env.scheme.codes().join(" ")]), t.muted))
                }
                None if focused && field == Field::Created => Some(("YYYY-MM-DD".to_string(), t.muted)),
                None => None,
            };
            let tier_shown;
            let (value, cursor) = if field == Field::Tier {
                tier_shown = tier_pick::shown(&env.scheme, self.draft.get(field), l);
                (tier_shown.as_str(), 0)
            } else {
                (self.draft.get(field), self.cursor)
            };
            field_row(
                frame,
                inner,
                inner.y + row as u16,
                layout,
                FieldRow { label: &label, value, focused, cursor, note },
                t,
            );
        }
    }
}
