//! The indicator values of one customer, as the grading model measures them: one field per
//! indicator (prefilled with the latest value), and the day they were measured. A choice
//! indicator cycles through its choices with Ctrl-N / Ctrl-P. Only the fields changed are
//! written, all under the day given; a value that cannot be read is named and nothing is saved.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::customer::{CustomerId, MAX_FIELD_CHARS};
use crate::domain::grading::{GradingModel, Measured, ValueKind};
use crate::domain::validate::parse_date;
use crate::i18n::{T, fill};
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::FormInput;
use crate::ui::widgets::field::{FieldLayout, FieldRow, field_row};
use crate::ui::widgets::popup::{form_popup, leave_form};
use crate::ui::widgets::text_edit::{self, Lines};

#[derive(Debug, Clone)]
pub struct IndicatorForm {
    pub customer: CustomerId,
    pub name: String,
    pub model: GradingModel,
    /// One text per indicator, then the measurement day.
    texts: Vec<String>,
    original: Vec<String>,
    /// When each indicator was last measured.
    measured: Vec<Option<NaiveDate>>,
    focus: usize,
    cursor: usize,
    tried: bool,
}

impl IndicatorForm {
    /// `latest`: the customer's latest value per indicator code.
    pub fn new(
        customer: CustomerId,
        name: String,
        model: GradingModel,
        latest: &[(String, Measured)],
        today: NaiveDate,
    ) -> Self {
        let find = |code: &str| latest.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map(|(_, m)| m);
        let mut texts: Vec<String> =
            model.indicators.iter().map(|i| find(&i.code).map(|m| m.value.to_string()).unwrap_or_default()).collect();
        let measured = model.indicators.iter().map(|i| find(&i.code).map(|m| m.measured_on)).collect();
        texts.push(today.to_string());
        let original = texts.clone();
        let cursor = texts.first().map(|t| t.chars().count()).unwrap_or(0);
        Self { customer, name, model, texts, original, measured, focus: 0, cursor, tried: false }
    }

    fn date_index(&self) -> usize {
        self.texts.len() - 1
    }

    pub fn is_dirty(&self) -> bool {
        self.texts[..self.date_index()] != self.original[..self.date_index()]
    }

    fn problem(&self, i: usize, env: &Env) -> Option<String> {
        let text = self.texts.get(i)?;
        if i == self.date_index() {
            return match parse_date(text) {
                None => Some(T::ProblemBadDate.get(env.lang).to_string()),
                Some(d) if d > env.today => Some(T::ProblemFutureDate.get(env.lang).to_string()),
                Some(_) => None,
            };
        }
        if text.trim().is_empty() {
            return None;
        }
        self.model.parse_value(i, text).err().map(|p| crate::i18n::value_problems::value_problem(&p, env.lang))
    }

    fn save(&mut self, env: &Env) -> Effect {
        self.tried = true;
        let bad = (0..self.texts.len()).filter(|i| self.problem(*i, env).is_some()).count();
        if bad > 0 {
            return Effect::Warn(fill(T::FormHasProblems.get(env.lang), &[&bad]));
        }
        let Some(day) = parse_date(&self.texts[self.date_index()]) else { return Effect::None };
        let values: Vec<(String, String)> = (0..self.date_index())
            .filter(|i| self.texts[*i] != self.original[*i] && !self.texts[*i].trim().is_empty())
            .map(|i| (self.model.indicators[i].code.clone(), self.texts[i].trim().to_string()))
            .collect();
        if values.is_empty() {
            return Effect::Warn(T::NothingChanged.get(env.lang).to_string());
        }
        Effect::Save(Write::RecordIndicators {
            customer: self.customer,
            name: self.name.clone(),
            measured_on: day,
            values,
        })
    }

    /// Cycle a choice indicator's value.
    fn pick(&mut self, delta: isize) {
        let Some(ind) = self.model.indicators.get(self.focus) else { return };
        let ValueKind::Choice(choices) = &ind.kind else { return };
        if choices.is_empty() {
            return;
        }
        let at = choices.iter().position(|c| *c == self.texts[self.focus].trim());
        let next = match at {
            Some(i) => (i as isize + delta).rem_euclid(choices.len() as isize) as usize,
            None => 0,
        };
        self.texts[self.focus] = choices[next].clone();
        self.cursor = self.texts[self.focus].chars().count();
    }

    fn focus_to(&mut self, i: usize) {
        self.focus = i.min(self.date_index());
        self.cursor = self.texts[self.focus].chars().count();
    }

    /// A paste into the focused value, as one edit.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let Some(text) = self.texts.get_mut(self.focus) else {
            return Effect::None;
        };
        text_edit::paste_effect(text, &mut self.cursor, pasted, MAX_FIELD_CHARS, Lines::One, env.lang)
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let n = self.texts.len();
        match input {
            FormInput::Char(c) => text_edit::insert(&mut self.texts[self.focus], &mut self.cursor, c),
            FormInput::Action(a) => match a {
                Action::NextField => self.focus_to((self.focus + 1) % n),
                Action::PrevField => self.focus_to((self.focus + n - 1) % n),
                Action::Submit if self.focus + 1 < n => self.focus_to(self.focus + 1),
                Action::Submit | Action::Save => return self.save(env),
                Action::PickNext => self.pick(1),
                Action::PickPrev => self.pick(-1),
                Action::Cancel => return leave_form(self.is_dirty(), env),
                other => {
                    text_edit::apply(&mut self.texts[self.focus], &mut self.cursor, other);
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
        let (t, l) = (&env.theme, env.lang);
        let title = fill(T::IndicatorsTitle.get(l), &[&self.name, &self.model.name(l)]);
        let height = (self.texts.len() as u16 + 4).min(area.height);
        let inner = form_popup(frame, area, area.width.min(110), height, &title, env);
        let labels: Vec<String> = self
            .model
            .indicators
            .iter()
            .map(|i| match &i.unit {
                Some(u) => format!("{} ({u})", i.name(l)),
                None => i.name(l).to_string(),
            })
            .chain(std::iter::once(T::FieldMeasuredOn.get(l).to_string()))
            .collect();
        let label_w = labels.iter().map(|x| crate::textwidth::width(x)).max().unwrap_or(10) + 1;
        let layout = FieldLayout::new(inner, label_w);
        for (i, label) in labels.iter().enumerate() {
            let note = match self.problem(i, env) {
                Some(p) if self.tried || i == self.focus => Some((p, t.danger)),
                _ if i == self.focus => self.hint(i, env).map(|h| (h, t.muted)),
                _ => self.measured.get(i).copied().flatten().map(|d| (fill(T::MeasuredOn.get(l), &[&d]), t.muted)),
            };
            let row = FieldRow { label, value: &self.texts[i], focused: i == self.focus, cursor: self.cursor, note };
            field_row(frame, inner, inner.y + 1 + i as u16, layout, row, t);
        }
    }

    /// What the focused field takes.
    fn hint(&self, i: usize, env: &Env) -> Option<String> {
        if i == self.date_index() {
            return Some("YYYY-MM-DD".into());
        }
        match &self.model.indicators.get(i)?.kind {
            ValueKind::Choice(c) => {
                Some(format!("{} ({})", c.join(" / "), env.keymap.first_key(Scope::Form, Action::PickNext)))
            }
            ValueKind::Number => Some(T::NumberHint.get(env.lang).to_string()),
        }
    }
}
