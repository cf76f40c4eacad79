//! "Which temperament?": a small box over a customer's page listing the temperament list
//! (顾客类型) and "none", the current one selected, with the selected one's advice below.
//! Enter saves it as an edit of the customer (audited, refused if someone changed the
//! customer since the box opened); Esc closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::customer::CustomerId;
use crate::domain::temperament::Temperaments;
use crate::i18n::fill;
use crate::i18n::temperament_texts::M;
use crate::safe_text::visible;
use crate::store::Seen;
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::popup::clear_popup;

#[derive(Debug, Clone)]
pub struct TemperamentPicker {
    pub customer: CustomerId,
    /// The customer's name, for the title and the message.
    pub name: String,
    /// The temperament when the box opened (a key).
    pub current: Option<String>,
    /// What the customer's fields were when the box opened: the save is refused if someone
    /// changed them since.
    seen: Seen,
    /// The choices in order: each key of the list, then None ("none").
    choices: Vec<Option<String>>,
    selected: usize,
}

impl TemperamentPicker {
    pub fn new(customer: CustomerId, name: String, current: Option<String>, seen: Seen, list: &Temperaments) -> Self {
        let choices: Vec<Option<String>> = list.iter().map(|t| Some(t.key.clone())).chain([None]).collect();
        // The current one selected; a key the list no longer holds: "none".
        let selected = choices.iter().position(|c| *c == current).unwrap_or(choices.len() - 1);
        Self { customer, name, current, seen, choices, selected }
    }

    /// The key selected (None: "none").
    pub fn selected(&self) -> Option<&str> {
        self.choices.get(self.selected).and_then(|c| c.as_deref())
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.choices.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    fn save(&self) -> Effect {
        Effect::Save(Write::SetTemperament {
            customer: self.customer,
            name: self.name.clone(),
            key: self.selected().map(str::to_string),
            seen: self.seen,
        })
    }

    pub fn update(&mut self, action: Action, _env: &Env) -> Effect {
        match action {
            Action::OptionUp | Action::Up => self.move_by(-1),
            Action::OptionDown | Action::Down => self.move_by(1),
            Action::Top => self.move_by(-(self.choices.len() as isize)),
            Action::Bottom => self.move_by(self.choices.len() as isize),
            Action::Choose | Action::Open => return self.save(),
            Action::LeaveInterview | Action::Back => return Effect::Back,
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Interview, Action::OptionDown),
            (Scope::Interview, Action::OptionUp),
            (Scope::Interview, Action::Choose),
            (Scope::List, Action::Back),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let (t, l) = (&env.theme, env.lang);
        let label = |c: &Option<String>| match c {
            Some(key) => env.temperaments.get(key).map_or_else(|| key.clone(), |x| x.name(l).to_string()),
            None => M::NoneChoice.get(l).to_string(),
        };
        let title = fill(M::PickerTitle.get(l), &[&visible(&self.name)]);
        let widest = self.choices.iter().map(|c| textwidth::width(&label(c))).max().unwrap_or(0);
        let want = [widest + 6, textwidth::width(&title) + 4, 48].into_iter().max().unwrap_or(48);
        let width = (want as u16).clamp(30, area.width.saturating_sub(4).max(30));
        // The list, a blank line, the advice (up to 4 lines), the hint.
        let height = (self.choices.len() as u16 + 8).min(area.height.saturating_sub(2)).max(6);
        let popup = crate::ui::widgets::centered(area, width, height);
        clear_popup(frame, popup);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let w = inner.width as usize;
        let below = 6.min(inner.height.saturating_sub(1));
        let room = inner.height.saturating_sub(below).max(1) as usize;
        let start = self.selected.saturating_sub(room - 1);
        let shown: Vec<Line> = self
            .choices
            .iter()
            .enumerate()
            .skip(start)
            .take(room)
            .map(|(i, c)| {
                let mark = if *c == self.current { "*" } else { " " };
                let style = if i == self.selected { t.selection } else { t.text };
                Line::styled(textwidth::pad(&format!("{mark} {}", label(c)), w), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(shown), Rect { height: room as u16, ..inner });
        let advice = self.selected().and_then(|k| env.temperaments.get(k)).map(|x| x.advice(l)).unwrap_or("");
        let bottom = Rect { y: inner.y + room as u16, height: below, ..inner };
        let lines = vec![Line::raw(""), Line::styled(visible(advice).into_owned(), t.text)];
        let hint_h = u16::from(bottom.height > 1);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }),
            Rect { height: bottom.height.saturating_sub(hint_h), ..bottom },
        );
        if hint_h == 1 {
            let hint = Line::styled(textwidth::fit(M::PickerHint.get(l), w), t.muted);
            frame.render_widget(Paragraph::new(hint), Rect { y: bottom.y + bottom.height - 1, height: 1, ..bottom });
        }
    }
}
