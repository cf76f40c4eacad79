//! One customer: profile, schedule, tier history, contacts and follow-ups. Empty sections
//! say what will appear there. The app loads the records; this screen only shows them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::customer::{Customer, Field};
use crate::domain::history::{Contact, FollowUp, TierChange};
use crate::domain::schedule::{DueStatus, due_status};
use crate::i18n::{T, field_label, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

#[derive(Debug, Clone)]
pub struct CustomerView {
    pub customer: Customer,
    pub history: Vec<TierChange>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
    /// First contact line shown (the contacts pane scrolls).
    scroll: usize,
}

impl CustomerView {
    pub fn new(
        customer: Customer,
        history: Vec<TierChange>,
        contacts: Vec<Contact>,
        follow_ups: Vec<FollowUp>,
    ) -> Self {
        Self { customer, history, contacts, follow_ups, scroll: 0 }
    }

    /// Replace the records after a reload, keeping the scroll position where possible.
    pub fn refresh(&mut self, fresh: CustomerView) {
        let scroll = self.scroll.min(fresh.contacts.len().saturating_sub(1));
        *self = fresh;
        self.scroll = scroll;
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let c = &self.customer;
        match action {
            Action::Back => Effect::Back,
            Action::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                Effect::None
            }
            Action::Down => {
                self.scroll = (self.scroll + 1).min(self.contacts.len().saturating_sub(1));
                Effect::None
            }
            Action::Top => {
                self.scroll = 0;
                Effect::None
            }
            Action::EditCustomer => Effect::Open(Route::EditCustomer(c.id)),
            Action::DeleteCustomer => Effect::Confirm {
                question: fill(T::ConfirmDelete.get(env.lang), &[&c.fields.name]),
                on_yes: Box::new(Effect::Save(Write::DeleteCustomer(c.id, c.fields.name.clone()))),
            },
            _ => Effect::None,
        }
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Back),
            (Scope::List, Action::EditCustomer),
            (Scope::List, Action::DeleteCustomer),
            (Scope::List, Action::Down),
            (Scope::Global, Action::Quit),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let c = &self.customer;
        let title = vec![
            Span::raw(" "),
            tier_badge(&c.fields.tier, &env.scheme, t),
            Span::styled(format!(" {} ", c.fields.name), t.title),
        ];
        let outer = Block::bordered().title(Line::from(title)).border_style(t.border_focus);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);

        let left_w = if inner.width >= 100 { 44 } else { (inner.width / 2).max(30) };
        let [left, right] = Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(inner);
        self.render_profile(frame, left, env);

        let hist_h = (self.history.len() as u16 + 2).clamp(3, 6);
        let fu_h = (self.follow_ups.len() as u16 + 2).clamp(3, 8);
        let [hist, contacts, fus] =
            Layout::vertical([Constraint::Length(hist_h), Constraint::Min(3), Constraint::Length(fu_h)]).areas(right);

        // Tier history, newest last (it reads as a story).
        let w = hist.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.history.is_empty() {
            vec![Line::styled(T::EmptyTierHistory.get(l), t.muted)]
        } else {
            let skip = self.history.len().saturating_sub(hist_h as usize - 2);
            self.history
                .iter()
                .skip(skip)
                .map(|h| {
                    let from = h.from.clone().unwrap_or_else(|| T::Initial.get(l).to_string());
                    let reason = if h.reason.is_empty() { String::new() } else { format!("  {}", h.reason) };
                    let text = format!("{}  {} -> {}  {}{}", h.at.format("%Y-%m-%d %H:%M"), from, h.to, h.by, reason);
                    Line::styled(textwidth::fit(&text, w), t.text)
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines).block(section(T::TierHistory.get(l), env)).wrap(Wrap { trim: true }),
            hist,
        );

        // Contacts, newest first.
        let w = contacts.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.contacts.is_empty() {
            vec![Line::styled(T::EmptyContacts.get(l), t.muted)]
        } else {
            self.contacts
                .iter()
                .skip(self.scroll)
                .map(|x| {
                    let head = format!("{}  {:<8} ", x.on, x.kind);
                    let rest = textwidth::fit(&x.summary, w.saturating_sub(textwidth::width(&head)));
                    Line::from(vec![Span::styled(head, t.accent), Span::styled(rest, t.text)])
                })
                .collect()
        };
        let count = format!("{} ({})", T::Contacts.get(l), self.contacts.len());
        frame.render_widget(Paragraph::new(lines).block(section(&count, env)).wrap(Wrap { trim: true }), contacts);

        // Follow-ups: open ones first; overdue ones in the danger colour.
        let w = fus.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.follow_ups.is_empty() {
            vec![Line::styled(T::EmptyFollowUps.get(l), t.muted)]
        } else {
            self.follow_ups
                .iter()
                .map(|f| {
                    let (state, style) = match f.done_at {
                        Some(_) => (T::DoneFollowUp.get(l).to_string(), t.muted),
                        None => match due_status(f.due_on, env.today, 0) {
                            DueStatus::Overdue(d) => (fill(T::OverdueDays.get(l), &[&d]), t.danger),
                            DueStatus::DueToday => (T::DueToday.get(l).to_string(), t.warn),
                            _ => (T::OpenFollowUp.get(l).to_string(), t.text),
                        },
                    };
                    let text = format!("{}  {}  {}", f.due_on, textwidth::pad(&state, 12), f.what);
                    Line::styled(textwidth::fit(&text, w), style)
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines).block(section(T::FollowUps.get(l), env)).wrap(Wrap { trim: true }),
            fus,
        );
    }

    fn render_profile(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let c = &self.customer;
        let f = &c.fields;
        let label_w = 12;
        let w = area.width.saturating_sub(2) as usize;
        let line = |label: &str, value: String, style| {
            Line::from(vec![
                Span::styled(textwidth::pad(label, label_w), t.muted),
                Span::styled(textwidth::fit(&value, w.saturating_sub(label_w)), style),
            ])
        };
        let tier_text = env
            .scheme
            .tier(&f.tier)
            .map(|x| format!("{} {} ({})", x.code, x.name(l), x.cadence.describe(l)))
            .unwrap_or_else(|| f.tier.clone());
        let (due_style, due_note) = match due_status(c.next_due_on, env.today, 0) {
            DueStatus::Overdue(d) => (t.danger, format!("  {}", fill(T::OverdueDays.get(l), &[&d]))),
            DueStatus::DueToday => (t.warn, format!("  {}", T::DueToday.get(l))),
            _ => (t.text, String::new()),
        };
        let mut lines = vec![
            line(field_label(Field::Tier, l), tier_text, t.text),
            line(
                T::ColLastContact.get(l),
                c.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string()),
                t.text,
            ),
            line(T::ColNextDue.get(l), format!("{}{}", c.next_due_on, due_note), due_style),
            Line::raw(""),
        ];
        let fields = [
            (Field::Ref, f.ext_ref.clone().unwrap_or_default()),
            (Field::Company, f.company.clone()),
            (Field::ContactPerson, f.contact_person.clone()),
            (Field::Phone, f.phone.clone()),
            (Field::Email, f.email.clone()),
            (Field::Region, f.region.clone()),
            (Field::Address, f.address.clone()),
            (Field::Industry, f.industry.clone()),
            (Field::Owner, f.owner.clone()),
            (Field::Tags, f.tags.clone()),
            (Field::Created, f.created_on.to_string()),
        ];
        for (field, value) in fields {
            if !value.is_empty() {
                lines.push(line(field_label(field, l), value, t.text));
            }
        }
        if !f.notes.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(field_label(Field::Notes, l), t.muted));
            lines.push(Line::styled(f.notes.clone(), t.text));
        }
        let p = Paragraph::new(lines).block(section(T::Profile.get(l), env)).wrap(Wrap { trim: false });
        frame.render_widget(p, area);
    }
}

fn section<'a>(title: &str, env: &Env) -> Block<'a> {
    Block::bordered().title(Span::styled(format!(" {title} "), env.theme.header)).border_style(env.theme.border)
}
