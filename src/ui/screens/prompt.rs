//! A two-field form for pushing something to a later date with a reason: snoozing a cadence
//! item, rescheduling a follow-up. Both the date and the reason are required. A late payment
//! asks for a past day and an optional note; a lead's pin (the team pool) for the reason alone.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::contact_draft::MAX_TEXT_CHARS;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, DateProblem};
use crate::domain::history::FollowUpId;
use crate::i18n::terms_texts::Tm;
use crate::i18n::{Lang, T, fill};
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::FormInput;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::popup::{form_popup, leave_form};
use crate::ui::widgets::text_edit::{self, Lines};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    Snooze {
        customer: CustomerId,
        requirement: usize,
        name: String,
    },
    Reschedule {
        follow_up: FollowUpId,
        what: String,
    },
    /// A late payment: a day up to today (today proposed) and an optional note.
    LatePayment {
        customer: CustomerId,
        name: String,
    },
    /// A lead pins a customer (never released to the team's pool): the reason only, required.
    Pin {
        customer: CustomerId,
        name: String,
    },
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    /// The new date must be after this one (the current due date, or yesterday) and after
    /// today, which relative dates count from.
    after: NaiveDate,
    today: NaiveDate,
    date: String,
    reason: String,
    focus: usize,
    cursor: usize,
    tried: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Date(DateProblem),
    NotAfter,
    Required,
    InFuture,
}

impl Prompt {
    /// `after`: the date the new one must be later than; the form proposes a week later.
    pub fn new(purpose: PromptPurpose, after: NaiveDate, today: NaiveDate) -> Self {
        let base = after.max(today);
        let proposal = match purpose {
            PromptPurpose::LatePayment { .. } => today,
            _ => base.checked_add_days(Days::new(7)).unwrap_or(base),
        };
        let date = proposal.format("%Y-%m-%d").to_string();
        // A pin has no date: the reason is the only field.
        let (focus, cursor) =
            if matches!(purpose, PromptPurpose::Pin { .. }) { (1, 0) } else { (0, date.chars().count()) };
        Self { purpose, after, today, date, reason: String::new(), focus, cursor, tried: false }
    }

    fn has_date(&self) -> bool {
        !matches!(self.purpose, PromptPurpose::Pin { .. })
    }

    fn field(&self) -> DateField {
        match self.purpose {
            PromptPurpose::Snooze { .. } => DateField::SnoozeUntil,
            PromptPurpose::Reschedule { .. } => DateField::RescheduleTo,
            PromptPurpose::LatePayment { .. } | PromptPurpose::Pin { .. } => DateField::LatePayment,
        }
    }

    /// The date typed, by the one rule for dates: `+1d` counts from today (not from the
    /// item's old date), and today or earlier is refused.
    fn parsed(&self) -> Result<NaiveDate, Problem> {
        if !self.has_date() {
            return Ok(self.today);
        }
        if let PromptPurpose::LatePayment { .. } = self.purpose {
            // A day that has been: up to today, `+1d` would be tomorrow.
            let d = dates::read(self.field(), &self.date, self.today).map_err(Problem::Date)?;
            return if d > self.today { Err(Problem::InFuture) } else { Ok(d) };
        }
        let d = dates::read_later(self.field(), &self.date, self.today).map_err(Problem::Date)?;
        if d <= self.after {
            return Err(Problem::NotAfter);
        }
        Ok(d)
    }

    fn date_problem(&self) -> Option<Problem> {
        self.parsed().err()
    }

    fn reason_problem(&self) -> Option<Problem> {
        let optional = matches!(self.purpose, PromptPurpose::LatePayment { .. });
        (self.reason.trim().is_empty() && !optional).then_some(Problem::Required)
    }

    pub fn is_dirty(&self) -> bool {
        !self.reason.is_empty()
    }

    fn save(&mut self, env: &Env) -> Effect {
        self.tried = true;
        let (Ok(date), None) = (self.parsed(), self.reason_problem()) else {
            let n = usize::from(self.date_problem().is_some()) + usize::from(self.reason_problem().is_some());
            return Effect::Warn(fill(T::FormHasProblems.get(env.lang), &[&n]));
        };
        let reason = self.reason.trim().to_string();
        match &self.purpose {
            PromptPurpose::Snooze { customer, requirement, name } => Effect::Save(Write::Snooze {
                customer: *customer,
                requirement: *requirement,
                until: date,
                reason,
                name: name.clone(),
            }),
            PromptPurpose::Reschedule { follow_up, what } => {
                Effect::Save(Write::Reschedule { follow_up: *follow_up, to: date, reason, what: what.clone() })
            }
            PromptPurpose::LatePayment { customer, name } => {
                Effect::Save(Write::LatePayment { customer: *customer, on: date, note: reason, name: name.clone() })
            }
            PromptPurpose::Pin { customer, name } => {
                Effect::Save(Write::Pin { customer: *customer, name: name.clone(), reason: Some(reason) })
            }
        }
    }

    /// A paste into the date or the reason, as one edit.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let text = if self.focus == 0 { &mut self.date } else { &mut self.reason };
        text_edit::paste_effect(text, &mut self.cursor, pasted, MAX_TEXT_CHARS, Lines::One, env.lang)
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let has_date = self.has_date();
        let (text, cursor) =
            if self.focus == 0 { (&mut self.date, &mut self.cursor) } else { (&mut self.reason, &mut self.cursor) };
        match input {
            FormInput::Char(c) => text_edit::insert(text, cursor, c),
            FormInput::Action(a) => match a {
                Action::NextField | Action::PrevField if !has_date => {}
                Action::NextField | Action::PrevField => {
                    self.focus = 1 - self.focus;
                    self.cursor = if self.focus == 0 { self.date.chars().count() } else { self.reason.chars().count() };
                }
                Action::Submit if self.focus == 0 => {
                    self.focus = 1;
                    self.cursor = self.reason.chars().count();
                }
                Action::Submit | Action::Save => return self.save(env),
                Action::Cancel => return leave_form(self.is_dirty(), env),
                other => {
                    text_edit::apply(text, cursor, other);
                }
            },
        }
        Effect::None
    }

    /// A pin's prompt has one field: no key to move between fields.
    pub fn help_items(&self) -> &'static [(Scope, Action)] {
        if !self.has_date() {
            return &[(Scope::Form, Action::Save), (Scope::Form, Action::Cancel), (Scope::Global, Action::Help)];
        }
        &[
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::Save),
            (Scope::Form, Action::Cancel),
            (Scope::Global, Action::Help),
        ]
    }

    fn problem_text(&self, p: Problem, lang: Lang) -> String {
        match p {
            Problem::Date(DateProblem::Unreadable { .. }) => T::ProblemBadDate.get(lang).to_string(),
            Problem::Date(DateProblem::OutOfRange { .. }) => T::ProblemDateRange.get(lang).to_string(),
            Problem::Date(DateProblem::NotAfterToday { .. }) => T::ProblemNotAfterToday.get(lang).to_string(),
            Problem::NotAfter => fill(T::ProblemNotAfter.get(lang), &[&self.after]),
            Problem::Required => T::ProblemRequired.get(lang).to_string(),
            Problem::InFuture => Tm::ProblemFuture.get(lang).to_string(),
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let mut reason_label = T::FieldReason.get(l);
        let (title, date_label) = match &self.purpose {
            PromptPurpose::Snooze { name, .. } => (fill(T::SnoozeTitle.get(l), &[name]), T::FieldUntil.get(l)),
            PromptPurpose::Reschedule { what, .. } => {
                (fill(T::RescheduleTitle.get(l), &[what]), T::FieldNewDate.get(l))
            }
            PromptPurpose::LatePayment { name, .. } => {
                reason_label = Tm::FieldNote.get(l);
                (fill(Tm::LateTitle.get(l), &[name]), Tm::FieldLateOn.get(l))
            }
            PromptPurpose::Pin { name, .. } => {
                let title = fill(crate::i18n::pool_texts::Pool::PinTitle.get(l), &[name]);
                let inner = form_popup(frame, area, area.width.min(90), 5, &title, env);
                let layout = FieldLayout::new(inner, if l == Lang::Zh { 8 } else { 10 });
                let note = match self.reason_problem() {
                    Some(p) if self.tried => Some((self.problem_text(p, l), t.danger)),
                    _ => Some((crate::i18n::pool_texts::Pool::PinHint.get(l).to_string(), t.muted)),
                };
                let row =
                    FieldRow { label: reason_label, value: &self.reason, focused: true, cursor: self.cursor, note };
                field_row(frame, inner, inner.y + 1, layout, row, t);
                return;
            }
        };
        let inner = form_popup(frame, area, area.width.min(90), 6, &title, env);
        let layout = FieldLayout::new(inner, if l == Lang::Zh { 8 } else { 10 });
        // The date the text stands for, live, so that "+1d" is seen to mean tomorrow.
        let date_note = match self.parsed() {
            Ok(d) => Some((format!("-> {}", crate::i18n::dates::with_weekday(d, l)), t.ok)),
            Err(p) if self.tried || self.focus == 1 => Some((self.problem_text(p, l), t.danger)),
            Err(_) => Some((format!("YYYY-MM-DD {}", T::RelativeHint.get(l)), t.muted)),
        };
        let reason_note = match self.reason_problem() {
            Some(p) if self.tried => Some((self.problem_text(p, l), t.danger)),
            _ => None,
        };
        let rows = [(date_label, &self.date, date_note), (reason_label, &self.reason, reason_note)];
        for (i, (label, value, note)) in rows.into_iter().enumerate() {
            let row = FieldRow { label, value, focused: self.focus == i, cursor: self.cursor, note };
            field_row(frame, inner, inner.y + 1 + i as u16, layout, row, t);
        }
    }
}
