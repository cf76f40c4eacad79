//! A small form over the customer: move them to another tier (pick the tier, give the
//! required reason), or sign off a move into the top tier (the approver's name).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::contact_draft::MAX_TEXT_CHARS;
use crate::domain::customer::{CustomerId, MAX_FIELD_CHARS};
use crate::domain::signoff::{Refusal, check_approver};
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::{FormInput, tier_pick};
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::popup::{form_popup, leave_form};
use crate::ui::widgets::text_edit::{self, Lines};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierPromptMode {
    /// Move from `current` to the picked tier.
    Change { current: String },
    /// Sign off the move `from` -> `to` made by `by`.
    Approve { from: String, to: String, by: String },
}

#[derive(Debug, Clone)]
pub struct TierPrompt {
    pub customer: CustomerId,
    pub name: String,
    pub mode: TierPromptMode,
    /// The picked tier (index in the scheme), for a change.
    picked: usize,
    /// The reason (change) or the approver's name (sign-off).
    text: String,
    cursor: usize,
    /// 0: the tier row, 1: the text (a sign-off has only the text).
    focus: usize,
    tried: bool,
}

impl TierPrompt {
    pub fn change(customer: CustomerId, name: String, current: &str, env: &Env) -> Self {
        // Propose the next tier up (the usual reason to re-tier by hand), else the one below.
        let rank = env.scheme.rank(current);
        let picked = if rank > 0 { rank - 1 } else { (rank + 1).min(env.scheme.tiers.len().saturating_sub(1)) };
        let mode = TierPromptMode::Change { current: current.to_string() };
        Self { customer, name, mode, picked, text: String::new(), cursor: 0, focus: 0, tried: false }
    }

    pub fn approve(customer: CustomerId, name: String, from: String, to: String, by: String) -> Self {
        let mode = TierPromptMode::Approve { from, to, by };
        Self { customer, name, mode, picked: 0, text: String::new(), cursor: 0, focus: 1, tried: false }
    }

    pub fn is_dirty(&self) -> bool {
        !self.text.is_empty()
    }

    fn picked_code<'a>(&self, env: &'a Env) -> Option<&'a str> {
        env.scheme.tiers.get(self.picked).map(|t| t.code.as_str())
    }

    fn problem(&self, env: &Env) -> Option<&'static str> {
        let l = env.lang;
        match &self.mode {
            TierPromptMode::Change { current } if self.picked_code(env) == Some(current.as_str()) => {
                Some(T::ProblemSameTier.get(l))
            }
            _ if self.text.trim().is_empty() => Some(T::ProblemRequired.get(l)),
            // Said in the form, before saving: the rule is the store's too.
            TierPromptMode::Approve { by, .. } if check_approver(by, &self.text) == Err(Refusal::SamePerson) => {
                Some(T::ProblemSameApprover.get(l))
            }
            _ => None,
        }
    }

    fn save(&mut self, env: &Env) -> Effect {
        self.tried = true;
        if let Some(p) = self.problem(env) {
            return Effect::Warn(p.to_string());
        }
        let text = self.text.trim().to_string();
        match &self.mode {
            TierPromptMode::Change { .. } => Effect::Save(Write::ChangeTier {
                customer: self.customer,
                tier: self.picked_code(env).unwrap_or_default().to_string(),
                reason: text,
                name: self.name.clone(),
            }),
            TierPromptMode::Approve { .. } => {
                Effect::Save(Write::Approve { customer: self.customer, by: text, name: self.name.clone() })
            }
        }
    }

    fn pick_by(&mut self, delta: isize, env: &Env) {
        let n = env.scheme.tiers.len() as isize;
        if n > 0 {
            self.picked = (self.picked as isize + delta).rem_euclid(n) as usize;
        }
    }

    /// A paste into the reason or the approver's name, as one edit; the tier is picked.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let limit = match self.mode {
            TierPromptMode::Change { .. } if self.focus == 0 => {
                return Effect::Warn(T::PasteNotHere.get(env.lang).to_string());
            }
            TierPromptMode::Change { .. } => MAX_TEXT_CHARS,
            TierPromptMode::Approve { .. } => MAX_FIELD_CHARS,
        };
        text_edit::paste_effect(&mut self.text, &mut self.cursor, pasted, limit, Lines::One, env.lang)
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let on_tiers = self.focus == 0 && matches!(self.mode, TierPromptMode::Change { .. });
        match input {
            // On the tier row a letter picks a tier as on the customer form (`tier_pick`);
            // any other key says so, or a reason typed before Tab would vanish without a word.
            FormInput::Char(c) if on_tiers => {
                let tiers = &env.scheme.tiers;
                let current = tiers.get(self.picked).map_or("", |t| t.code.as_str());
                match tier_pick::typed(&env.scheme, current, c, env.lang) {
                    Ok(code) => self.picked = tiers.iter().position(|t| t.code == code).unwrap_or(self.picked),
                    Err(warning) => return Effect::Warn(warning),
                }
            }
            FormInput::Char(c) => text_edit::insert(&mut self.text, &mut self.cursor, c),
            FormInput::Action(a) => match a {
                Action::CursorLeft | Action::PickPrev if on_tiers => self.pick_by(-1, env),
                Action::CursorRight | Action::PickNext if on_tiers => self.pick_by(1, env),
                Action::NextField | Action::PrevField if matches!(self.mode, TierPromptMode::Change { .. }) => {
                    self.focus = 1 - self.focus;
                    self.cursor = self.text.chars().count();
                }
                Action::Submit if on_tiers => {
                    self.focus = 1;
                    self.cursor = self.text.chars().count();
                }
                Action::Submit | Action::Save => return self.save(env),
                Action::Cancel => return leave_form(self.is_dirty(), env),
                other => {
                    if !on_tiers {
                        text_edit::apply(&mut self.text, &mut self.cursor, other);
                    }
                }
            },
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::PickNext),
            (Scope::Form, Action::Save),
            (Scope::Form, Action::Cancel),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let (title, note) = match &self.mode {
            TierPromptMode::Change { current } => {
                (fill(T::ChangeTierTitle.get(l), &[&self.name, current]), T::ChangeTierNote.get(l).to_string())
            }
            TierPromptMode::Approve { from, to, by } => {
                (fill(T::ApproveTitle.get(l), &[&self.name]), fill(T::ApproveNote.get(l), &[from, to, by]))
            }
        };
        let inner = form_popup(frame, area, area.width.min(90), 7, &title, env);
        let label_w = if l == crate::i18n::Lang::Zh { 8 } else { 10 };
        let w = inner.width as usize;
        frame.render_widget(
            Paragraph::new(Line::styled(textwidth::fit(&format!(" {note}"), w), t.muted)),
            Rect { height: 1, ..inner },
        );
        let problem = self.problem(env).filter(|_| self.tried).map(|p| (p.to_string(), t.danger));
        let layout = FieldLayout::new(inner, label_w);
        match &self.mode {
            TierPromptMode::Change { current } => {
                let mut spans = vec![Span::styled(
                    textwidth::pad(T::ColTier.get(l), label_w),
                    if self.focus == 0 { t.accent } else { t.muted },
                )];
                spans.push(Span::raw(" "));
                for (i, tier) in env.scheme.tiers.iter().enumerate() {
                    let label = format!(" {} {} ", tier.code, tier.name(l));
                    let style = if i == self.picked {
                        if self.focus == 0 { t.selection } else { t.accent }
                    } else if tier.code == *current {
                        t.muted
                    } else {
                        t.text
                    };
                    spans.push(Span::styled(label, style));
                    spans.push(Span::raw(" "));
                }
                let y = inner.y + 2;
                frame.render_widget(Paragraph::new(Line::from(spans)), Rect { y, height: 1, ..inner });
                let row = FieldRow {
                    label: T::FieldReason.get(l),
                    value: &self.text,
                    focused: self.focus == 1,
                    cursor: self.cursor,
                    note: problem,
                };
                field_row(frame, inner, inner.y + 3, layout, row, t);
            }
            TierPromptMode::Approve { .. } => {
                let row = FieldRow {
                    label: T::FieldApprover.get(l),
                    value: &self.text,
                    focused: true,
                    cursor: self.cursor,
                    note: problem,
                };
                field_row(frame, inner, inner.y + 2, layout, row, t);
                let said = textwidth::fit(&format!(" {}", T::ApproverNotVerified.get(l)), w);
                frame.render_widget(
                    Paragraph::new(Line::styled(said, t.muted)),
                    Rect { y: inner.y + 3, height: 1, ..inner },
                );
            }
        }
    }
}
