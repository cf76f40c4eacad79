//! "Hand over to whom?": a small box over the customer list or a customer's page that lists
//! the book's other people; Enter asks to confirm, and the app hands the customer over with
//! their contacts, follow-ups, drafts and history (`Book::hand_over`, as `tierdesk person
//! handover` does). Esc closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::customer::CustomerId;
use crate::domain::people::{Person, Role};
use crate::i18n::lead_texts::Lead;
use crate::i18n::{Lang, fill};
use crate::safe_text::visible;
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::popup::clear_popup;

#[derive(Debug, Clone)]
pub struct PersonPicker {
    pub customer: CustomerId,
    /// The customer's name, for the title and the question.
    pub name: String,
    /// The current owner: login and name.
    pub from: (String, String),
    /// Everyone the customer may go to (the owner left out), by login.
    people: Vec<Person>,
    selected: usize,
}

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Manager => Lead::RoleManager.get(lang),
        Role::Lead => Lead::RoleLead.get(lang),
        Role::Admin => Lead::RoleAdmin.get(lang),
    }
}

impl PersonPicker {
    pub fn new(customer: CustomerId, name: String, from: (String, String), people: Vec<Person>) -> Self {
        Self { customer, name, from, people, selected: 0 }
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn selected(&self) -> Option<&Person> {
        self.people.get(self.selected)
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.people.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    /// Ask before handing over: the question names the customer, both people and undo.
    fn ask(&self, env: &Env) -> Effect {
        let Some(to) = self.selected() else { return Effect::None };
        let undo = env.keymap.first_key(Scope::List, Action::Undo);
        let question = fill(Lead::ConfirmHandOver.get(env.lang), &[&self.name, &self.from.1, &to.name, &undo]);
        let write = Write::HandOver {
            customer: self.customer,
            name: self.name.clone(),
            from: self.from.0.clone(),
            to: to.login.clone(),
            to_name: to.name.clone(),
        };
        Effect::Confirm { question, on_yes: Box::new(Effect::Save(write)) }
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        match action {
            Action::OptionUp | Action::Up => self.move_by(-1),
            Action::OptionDown | Action::Down => self.move_by(1),
            Action::Top => self.move_by(-(self.people.len() as isize)),
            Action::Bottom => self.move_by(self.people.len() as isize),
            Action::Choose | Action::Open => return self.ask(env),
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
        // Name, login (when it says more than the name), role: in columns.
        let login = |p: &Person| if p.login == p.name { String::new() } else { visible(&p.login).into_owned() };
        let name_w = self.people.iter().map(|p| textwidth::width(&p.name)).max().unwrap_or(0).min(24);
        let login_w = self.people.iter().map(|p| textwidth::width(&login(p))).max().unwrap_or(0).min(24);
        let lines = |p: &Person| {
            let login = if login_w == 0 { String::new() } else { textwidth::pad(&login(p), login_w + 2) };
            format!("{}  {login}{}", textwidth::pad(&p.name, name_w), role_name(p.role, l))
        };
        let widest = self.people.iter().map(|p| textwidth::width(&lines(p))).max().unwrap_or(0);
        let title = fill(Lead::PickTitle.get(l), &[&visible(&self.name)]);
        let note = fill(Lead::PickNote.get(l), &[&visible(&self.from.1)]);
        let want_w = [widest + 4, textwidth::width(&title) + 4, textwidth::width(&note) + 2].into_iter().max();
        let width = (want_w.unwrap_or(40) as u16).clamp(30, area.width.saturating_sub(4).max(30));
        let height = (self.people.len() as u16 + 4).min(area.height.saturating_sub(2)).max(5);
        let popup = crate::ui::widgets::centered(area, width, height);
        clear_popup(frame, popup);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let w = inner.width as usize;
        frame.render_widget(
            Paragraph::new(Line::styled(textwidth::fit(&note, w), t.muted)),
            Rect { height: 1, ..inner },
        );
        // The list below a blank line, scrolled so that the selected person shows.
        let room = inner.height.saturating_sub(2).max(1) as usize;
        let start = self.selected.saturating_sub(room - 1);
        let shown: Vec<Line> = self
            .people
            .iter()
            .enumerate()
            .skip(start)
            .take(room)
            .map(|(i, p)| {
                let style = if i == self.selected { t.selection } else { t.text };
                Line::styled(textwidth::pad(&format!(" {}", lines(p)), w), style)
            })
            .collect();
        let list = Rect { y: inner.y + 2, height: inner.height.saturating_sub(2), ..inner };
        frame.render_widget(Paragraph::new(shown), list);
    }
}
