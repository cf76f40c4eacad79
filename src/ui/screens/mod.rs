//! The screens, one active at a time (`enum Screen`), each in its own file.

pub mod brief;
pub mod change_log;
pub mod contact_form;
pub mod customer_form;
pub mod customer_list;
pub mod customer_view;
pub mod follow_ups;
pub mod import;
pub mod indicator_form;
pub mod interview;
pub mod matrix;
pub mod notes_results;
pub mod person_picker;
pub mod pool;
pub mod prompt;
pub mod report;
pub mod review;
pub mod search_bar;
pub mod temperament_picker;
pub mod tier_prompt;
pub mod today;
pub mod week;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use brief::BriefScreen;
pub use change_log::ChangeLog;
pub use contact_form::ContactForm;
pub use customer_form::{CustomerForm, FormInput};
pub use customer_list::CustomerList;
pub use customer_view::CustomerView;
pub use follow_ups::FollowUps;
pub use import::ImportScreen;
pub use indicator_form::IndicatorForm;
pub use interview::Interview;
pub use matrix::Matrix;
pub use person_picker::PersonPicker;
pub use pool::PoolScreen;
pub use prompt::Prompt;
pub use report::Report;
pub use review::{NoReview, ReviewScreen};
pub use temperament_picker::TemperamentPicker;
pub use tier_prompt::TierPrompt;
pub use today::Today;
pub use week::Week;

use super::Env;
use super::action::Action;
use super::effect::Effect;
use super::keymap::Scope;

#[derive(Debug, Clone)]
pub enum Screen {
    Today(Today),
    Customers(CustomerList),
    FollowUps(FollowUps),
    Customer(CustomerView),
    Form(CustomerForm),
    ContactForm(ContactForm),
    Prompt(Prompt),
    Interview(Interview),
    Matrix(Matrix),
    Report(Report),
    Import(ImportScreen),
    TierPrompt(TierPrompt),
    ChangeLog(ChangeLog),
    Review(ReviewScreen),
    Indicators(IndicatorForm),
    Picker(PersonPicker),
    /// The customer's temperament, picked from the list.
    Temperament(TemperamentPicker),
    Week(Week),
    Brief(BriefScreen),
    /// The team's pool, stacked over the screen it was opened from.
    Pool(PoolScreen),
}

impl Screen {
    /// Where keys are looked up, most specific first.
    pub fn scopes(&self) -> &'static [Scope] {
        match self {
            Screen::Customers(l) if l.search.is_some() => &[Scope::Text, Scope::Form, Scope::Global],
            Screen::Today(_)
            | Screen::Customers(_)
            | Screen::FollowUps(_)
            | Screen::Customer(_)
            | Screen::Matrix(_)
            | Screen::ChangeLog(_)
            | Screen::Brief(_)
            | Screen::Week(_)
            | Screen::Pool(_)
            | Screen::Report(_) => &[Scope::List, Scope::Global],
            Screen::Review(_) => &[Scope::Review, Scope::List, Scope::Global],
            Screen::Form(_)
            | Screen::ContactForm(_)
            | Screen::Prompt(_)
            | Screen::Import(_)
            | Screen::TierPrompt(_)
            | Screen::Indicators(_) => &[Scope::Text, Scope::Form, Scope::Global],
            Screen::Interview(_) => &[Scope::Interview, Scope::Global],
            // Picking someone: the questionnaire's keys to pick, the list's to leave.
            Screen::Picker(_) | Screen::Temperament(_) => &[Scope::Interview, Scope::List, Scope::Global],
        }
    }

    /// Whether the screen lists someone's customers (mine or everyone's: the toggle's key).
    pub fn shows_owners(&self) -> bool {
        matches!(self, Screen::Today(_) | Screen::Customers(_) | Screen::FollowUps(_))
    }

    /// Whether typed characters are text (then no single-letter command applies).
    pub fn takes_text(&self) -> bool {
        match self {
            Screen::Customers(l) => l.search.is_some(),
            _ => matches!(
                self,
                Screen::Form(_)
                    | Screen::ContactForm(_)
                    | Screen::Prompt(_)
                    | Screen::Interview(_)
                    | Screen::Import(_)
                    | Screen::TierPrompt(_)
                    | Screen::Indicators(_)
            ),
        }
    }

    pub fn help_items(&self) -> &'static [(Scope, Action)] {
        match self {
            Screen::Today(_) => Today::help_items(),
            Screen::Customers(l) if l.search.is_some() => &[
                (Scope::Form, Action::Submit),
                (Scope::Form, Action::NextField),
                (Scope::Form, Action::PrevField),
                (Scope::Form, Action::Cancel),
            ],
            Screen::Customers(_) => CustomerList::help_items(),
            Screen::FollowUps(_) => FollowUps::help_items(),
            Screen::Customer(_) => CustomerView::help_items(),
            Screen::Form(_) => CustomerForm::help_items(),
            Screen::ContactForm(_) => ContactForm::help_items(),
            Screen::Prompt(p) => p.help_items(),
            Screen::Interview(s) => s.help_items(),
            Screen::Matrix(_) => Matrix::help_items(),
            Screen::Report(_) => Report::help_items(),
            Screen::Import(s) => s.help_items(),
            Screen::TierPrompt(_) => TierPrompt::help_items(),
            Screen::ChangeLog(_) => ChangeLog::help_items(),
            Screen::Brief(_) => BriefScreen::help_items(),
            Screen::Review(_) => ReviewScreen::help_items(),
            Screen::Indicators(_) => IndicatorForm::help_items(),
            Screen::Picker(_) => PersonPicker::help_items(),
            Screen::Temperament(_) => TemperamentPicker::help_items(),
            Screen::Week(_) => Week::help_items(),
            Screen::Pool(_) => PoolScreen::help_items(),
        }
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        match self {
            Screen::Today(s) => s.update(action, env),
            Screen::Customers(s) if s.search.is_some() => {
                let outcome = s.search.as_mut().map(|b| b.update(action));
                match outcome {
                    Some(search_bar::SearchOutcome::Close) => {
                        s.search = None;
                        Effect::None
                    }
                    Some(search_bar::SearchOutcome::Stay(e)) => e,
                    None => Effect::None,
                }
            }
            Screen::Customers(s) => s.update(action, env),
            Screen::FollowUps(s) => s.update(action, env),
            Screen::Customer(s) => s.update(action, env),
            Screen::Form(s) => s.update(FormInput::Action(action), env),
            Screen::ContactForm(s) => s.update(FormInput::Action(action), env),
            Screen::Prompt(s) => s.update(FormInput::Action(action), env),
            Screen::Interview(s) => s.update(action, env),
            Screen::Matrix(s) => s.update(action, env),
            Screen::Report(s) => s.update(action, env),
            Screen::Import(s) => s.update(FormInput::Action(action), env),
            Screen::TierPrompt(s) => s.update(FormInput::Action(action), env),
            Screen::ChangeLog(s) => s.update(action, env),
            Screen::Brief(s) => s.update(action, env),
            Screen::Review(s) => s.update(action, env),
            Screen::Indicators(s) => s.update(FormInput::Action(action), env),
            Screen::Picker(s) => s.update(action, env),
            Screen::Temperament(s) => s.update(action, env),
            Screen::Week(s) => s.update(action, env),
            Screen::Pool(s) => s.update(action, env),
        }
    }

    pub fn type_char(&mut self, c: char, env: &Env) -> Effect {
        match self {
            Screen::Customers(l) => {
                if let Some(bar) = l.search.as_mut() {
                    bar.type_char(c);
                }
                Effect::None
            }
            Screen::Form(s) => s.update(FormInput::Char(c), env),
            Screen::ContactForm(s) => s.update(FormInput::Char(c), env),
            Screen::Prompt(s) => s.update(FormInput::Char(c), env),
            Screen::Interview(s) => s.type_char(c, env),
            Screen::Import(s) => s.update(FormInput::Char(c), env),
            Screen::TierPrompt(s) => s.update(FormInput::Char(c), env),
            Screen::Indicators(s) => s.update(FormInput::Char(c), env),
            _ => Effect::None,
        }
    }

    /// A paste: the focused text field takes it as one edit. Elsewhere it is ignored, so
    /// that pasted letters are never taken for commands.
    pub fn paste(&mut self, text: &str, env: &Env) -> Effect {
        match self {
            Screen::Customers(l) => match l.search.as_mut() {
                Some(bar) => bar.paste(text, env.lang),
                None => Effect::None,
            },
            Screen::Form(s) => s.paste(text, env),
            Screen::ContactForm(s) => s.paste(text, env),
            Screen::Prompt(s) => s.paste(text, env),
            Screen::Import(s) => s.paste(text, env),
            Screen::TierPrompt(s) => s.paste(text, env),
            Screen::Indicators(s) => s.paste(text, env),
            // The questionnaire's answers are picked, not typed.
            Screen::Interview(_) => Effect::Warn(crate::i18n::T::PasteNotHere.get(env.lang).to_string()),
            _ => Effect::None,
        }
    }

    /// Whether quitting now would throw away text typed into this screen. An interview
    /// keeps its draft after every answer: quitting loses nothing.
    pub fn holds_typed_text(&self) -> bool {
        match self {
            Screen::Form(f) => f.is_dirty(),
            Screen::ContactForm(f) => f.is_dirty(),
            Screen::Prompt(f) => f.is_dirty(),
            Screen::TierPrompt(f) => f.is_dirty(),
            Screen::Indicators(f) => f.is_dirty(),
            Screen::Import(f) => f.is_dirty(),
            _ => false,
        }
    }

    /// What leaving this screen by "quit" should do: forms with typed text ask first.
    pub fn on_quit(&self, env: &Env) -> Effect {
        if self.holds_typed_text() { Self::ask_then_quit(env) } else { Effect::Quit }
    }

    fn ask_then_quit(env: &Env) -> Effect {
        Effect::Confirm {
            question: crate::i18n::T::DiscardChanges.get(env.lang).to_string(),
            on_yes: Box::new(Effect::Quit),
        }
    }

    /// Top-level screens are switched between with one key; the others sit on top of one.
    pub fn is_top_level(&self) -> bool {
        matches!(
            self,
            Screen::Today(_)
                | Screen::Customers(_)
                | Screen::FollowUps(_)
                | Screen::Matrix(_)
                | Screen::Report(_)
                | Screen::Review(_)
        )
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        match self {
            Screen::Today(s) => s.render(frame, area, env),
            Screen::Customers(s) => s.render(frame, area, env),
            Screen::FollowUps(s) => s.render(frame, area, env),
            Screen::Customer(s) => s.render(frame, area, env),
            Screen::Form(s) => s.render(frame, area, env),
            Screen::ContactForm(s) => s.render(frame, area, env),
            Screen::Prompt(s) => s.render(frame, area, env),
            Screen::Interview(s) => s.render(frame, area, env),
            Screen::Matrix(s) => s.render(frame, area, env),
            Screen::Report(s) => s.render(frame, area, env),
            Screen::Import(s) => s.render(frame, area, env),
            Screen::TierPrompt(s) => s.render(frame, area, env),
            Screen::ChangeLog(s) => s.render(frame, area, env),
            Screen::Brief(s) => s.render(frame, area, env),
            Screen::Review(s) => s.render(frame, area, env),
            Screen::Indicators(s) => s.render(frame, area, env),
            Screen::Picker(s) => s.render(frame, area, env),
            Screen::Temperament(s) => s.render(frame, area, env),
            Screen::Week(s) => s.render(frame, area, env),
            Screen::Pool(s) => s.render(frame, area, env),
        }
    }
}
