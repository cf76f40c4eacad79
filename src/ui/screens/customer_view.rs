//! One customer: profile, schedule, tier history, contacts and follow-ups. Empty sections
//! say what will appear there. The app loads the records; this screen only shows them.
//! Tab moves the focus: contacts, follow-ups, then the profile, which the list keys scroll
//! when it is taller than its box (at 80x24 it is).

use std::cell::Cell;

use crate::domain::customer::Customer;
use crate::domain::due::RequirementDue;
use crate::domain::history::{Contact, FollowUp, TierChange};
use crate::domain::questionnaire::Assessment;
use crate::i18n::{T, fill};
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;

mod draw;

/// Which pane in the view the selection keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewPane {
    #[default]
    Contacts,
    FollowUps,
    /// The profile: the keys scroll it.
    Profile,
}

impl ViewPane {
    /// The next pane for Tab: contacts, follow-ups, profile, and round again.
    fn next(self) -> Self {
        match self {
            ViewPane::Contacts => ViewPane::FollowUps,
            ViewPane::FollowUps => ViewPane::Profile,
            ViewPane::Profile => ViewPane::Contacts,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CustomerView {
    pub customer: Customer,
    pub history: Vec<TierChange>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
    /// Each requirement of the tier with its due date.
    pub dues: Vec<RequirementDue>,
    /// Risk assessments, newest first.
    pub assessments: Vec<Assessment>,
    /// The terms the tier earns and the payment terms in force (None: the scheme has none).
    pub terms: Option<crate::app::terms::CustomerTerms>,
    pub pane: ViewPane,
    /// Selected contact (the contacts pane scrolls to keep it in view).
    contact_sel: usize,
    follow_up_sel: usize,
    /// The profile's first row shown (of the wrapped rows).
    profile_top: usize,
    /// The profile's wrapped rows and visible rows as of the last draw (drawing takes
    /// `&self`), to keep scrolling inside the text.
    profile_rows: Cell<usize>,
    profile_viewport: Cell<usize>,
}

impl CustomerView {
    pub fn new(
        customer: Customer,
        history: Vec<TierChange>,
        contacts: Vec<Contact>,
        follow_ups: Vec<FollowUp>,
        dues: Vec<RequirementDue>,
        assessments: Vec<Assessment>,
    ) -> Self {
        Self {
            customer,
            history,
            contacts,
            follow_ups,
            dues,
            assessments,
            terms: None,
            pane: ViewPane::Contacts,
            contact_sel: 0,
            follow_up_sel: 0,
            profile_top: 0,
            profile_rows: Cell::new(0),
            profile_viewport: Cell::new(20),
        }
    }

    /// Replace the records after a reload, keeping the selection where possible.
    pub fn refresh(&mut self, fresh: CustomerView) {
        let (c, f, pane, top) = (self.contact_sel, self.follow_up_sel, self.pane, self.profile_top);
        let (rows, viewport) = (self.profile_rows.get(), self.profile_viewport.get());
        *self = fresh;
        (self.profile_top, self.profile_rows, self.profile_viewport) = (top, Cell::new(rows), Cell::new(viewport));
        self.contact_sel = c.min(self.contacts.len().saturating_sub(1));
        self.follow_up_sel = f.min(self.follow_ups.len().saturating_sub(1));
        self.pane = pane;
    }

    pub fn selected_contact(&self) -> Option<&Contact> {
        self.contacts.get(self.contact_sel)
    }

    pub fn selected_follow_up(&self) -> Option<&FollowUp> {
        self.follow_ups.get(self.follow_up_sel)
    }

    /// One page of the profile: its visible rows but one.
    fn profile_page(&self) -> isize {
        self.profile_viewport.get().saturating_sub(1).max(1) as isize
    }

    fn move_by(&mut self, delta: isize) {
        let (sel, len) = match self.pane {
            ViewPane::Contacts => (&mut self.contact_sel, self.contacts.len()),
            ViewPane::FollowUps => (&mut self.follow_up_sel, self.follow_ups.len()),
            ViewPane::Profile => {
                let last = self.profile_rows.get().saturating_sub(self.profile_viewport.get());
                (&mut self.profile_top, last + 1)
            }
        };
        *sel = (*sel as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize;
    }

    /// More than any pane's rows: a move by this goes to an end.
    fn longest(&self) -> usize {
        self.contacts.len().max(self.follow_ups.len()).max(self.profile_rows.get())
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let c = &self.customer;
        match action {
            Action::Back => return Effect::Back,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp if self.pane == ViewPane::Profile => self.move_by(-self.profile_page()),
            Action::PageDown if self.pane == ViewPane::Profile => self.move_by(self.profile_page()),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::Top => self.move_by(-(self.longest() as isize)),
            Action::Bottom => self.move_by(self.longest() as isize),
            Action::SwitchPane => self.pane = self.pane.next(),
            // Left: the profile; right: from the profile to the contacts, else between the
            // two lists on the right as before.
            Action::FocusLeft => self.pane = ViewPane::Profile,
            Action::FocusRight => {
                self.pane = if self.pane == ViewPane::Contacts { ViewPane::FollowUps } else { ViewPane::Contacts };
            }
            Action::EditCustomer => return Effect::Open(Route::EditCustomer(c.id)),
            Action::Assess => return Effect::Open(Route::Assess(c.id)),
            Action::ChangeTier => return Effect::Open(Route::ChangeTier(c.id)),
            Action::ApproveTier => return Effect::Open(Route::ApproveTier(c.id)),
            Action::ShowHistory => return Effect::Open(Route::History(c.id)),
            Action::ShowBrief => return Effect::Open(Route::Brief(c.id)),
            Action::EditIndicators => return Effect::Open(Route::Indicators(c.id)),
            Action::DeleteCustomer => return Effect::Open(Route::DeleteCustomer(c.id)),
            Action::HandOver => return Effect::Open(Route::HandOver(c.id)),
            Action::RecordLatePayment => return Effect::Open(Route::LatePayment(c.id)),
            Action::SetTemperament => return Effect::Open(Route::SetTemperament(c.id)),
            Action::PinCustomer => return Effect::Open(Route::Pin(c.id)),
            Action::LogContact | Action::LogAndAdvance => {
                return Effect::Open(Route::LogContact {
                    customer: c.id,
                    requirement: None,
                    closes: None,
                    summary: None,
                    advance: false,
                    kind: None,
                });
            }
            Action::Open if self.pane == ViewPane::Contacts => {
                if let Some(x) = self.selected_contact() {
                    return Effect::Open(Route::EditContact(x.id));
                }
            }
            Action::DeleteItem if self.pane == ViewPane::Contacts => {
                if let Some(x) = self.selected_contact() {
                    return Effect::Confirm {
                        question: fill(T::ConfirmDeleteContact.get(env.lang), &[&x.on, &c.fields.name]),
                        on_yes: Box::new(Effect::Save(Write::DeleteContact(x.id))),
                    };
                }
            }
            Action::MarkDone => {
                if let Some(f) = self.selected_follow_up() {
                    return Effect::Save(Write::MarkDone {
                        follow_up: f.id,
                        done: f.done_at.is_none(),
                        what: f.what.clone(),
                    });
                }
            }
            Action::Reschedule => {
                if let Some(f) = self.selected_follow_up().filter(|f| f.done_at.is_none()) {
                    return Effect::Open(Route::Reschedule { follow_up: f.id, what: f.what.clone() });
                }
            }
            Action::Snooze => {
                // The most urgent requirement is the one to push back.
                if let Some(r) = self.dues.iter().min_by_key(|r| r.due) {
                    return Effect::Open(Route::Snooze {
                        customer: c.id,
                        requirement: r.requirement,
                        name: c.fields.name.clone(),
                        due: r.due,
                    });
                }
            }
            _ => {}
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Back),
            (Scope::List, Action::LogContact),
            (Scope::List, Action::ShowBrief),
            (Scope::List, Action::Assess),
            (Scope::List, Action::EditCustomer),
            (Scope::List, Action::ChangeTier),
            (Scope::List, Action::ShowHistory),
            (Scope::List, Action::EditIndicators),
            (Scope::List, Action::HandOver),
            (Scope::List, Action::RecordLatePayment),
            (Scope::List, Action::SetTemperament),
            (Scope::List, Action::PinCustomer),
            (Scope::List, Action::SwitchPane),
            (Scope::List, Action::Open),
            (Scope::List, Action::MarkDone),
            (Scope::List, Action::Snooze),
            (Scope::List, Action::DeleteItem),
            (Scope::Global, Action::Help),
        ]
    }
}
