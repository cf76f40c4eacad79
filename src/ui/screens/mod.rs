//! The screens, one active at a time (`enum Screen`), each in its own file.

pub mod customer_form;
pub mod customer_list;
pub mod customer_view;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use customer_form::{CustomerForm, FormInput};
pub use customer_list::CustomerList;
pub use customer_view::CustomerView;

use super::Env;
use super::action::Action;
use super::effect::Effect;
use super::keymap::Scope;

#[derive(Debug, Clone)]
pub enum Screen {
    Customers(CustomerList),
    Customer(CustomerView),
    Form(CustomerForm),
}

impl Screen {
    /// Where keys are looked up, most specific first.
    pub fn scopes(&self) -> &'static [Scope] {
        match self {
            Screen::Customers(_) | Screen::Customer(_) => &[Scope::List, Scope::Global],
            Screen::Form(_) => &[Scope::Text, Scope::Form, Scope::Global],
        }
    }

    /// Whether typed characters are text (then no single-letter command applies).
    pub fn takes_text(&self) -> bool {
        matches!(self, Screen::Form(_))
    }

    pub fn help_items(&self) -> &'static [(Scope, Action)] {
        match self {
            Screen::Customers(_) => CustomerList::help_items(),
            Screen::Customer(_) => CustomerView::help_items(),
            Screen::Form(_) => CustomerForm::help_items(),
        }
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        match self {
            Screen::Customers(s) => s.update(action, env),
            Screen::Customer(s) => s.update(action, env),
            Screen::Form(s) => s.update(FormInput::Action(action), env),
        }
    }

    pub fn type_char(&mut self, c: char, env: &Env) -> Effect {
        match self {
            Screen::Form(s) => s.update(FormInput::Char(c), env),
            _ => Effect::None,
        }
    }

    /// What leaving this screen by "quit" should do: forms with typed text ask first.
    pub fn on_quit(&self, env: &Env) -> Effect {
        match self {
            Screen::Form(f) if f.is_dirty() => match f.cancel(env) {
                Effect::Confirm { question, .. } => Effect::Confirm { question, on_yes: Box::new(Effect::Quit) },
                other => other,
            },
            _ => Effect::Quit,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        match self {
            Screen::Customers(s) => s.render(frame, area, env),
            Screen::Customer(s) => s.render(frame, area, env),
            Screen::Form(s) => s.render(frame, area, env),
        }
    }
}
