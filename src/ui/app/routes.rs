//! Opening screens: the top-level views (Today, customers, follow-ups, the tier x risk
//! matrix, the coverage report), which keep their
//! state while another is shown, and the screens stacked on them.

use super::{App, Failure};
use crate::domain::contact_draft::{ContactDraft, ContactField};
use crate::i18n::{T, fill};
use crate::ui::effect::Route;
use crate::ui::screens::change_log::HISTORY_LIMIT;
use crate::ui::screens::contact_form::ContactFormMode;
use crate::ui::screens::follow_ups::reschedule_floor;
use crate::ui::screens::prompt::PromptPurpose;
use crate::ui::screens::{
    ChangeLog, ContactForm, CustomerForm, CustomerList, FollowUps, IndicatorForm, Interview, Matrix, Prompt, Report,
    ReviewScreen, Screen, TierPrompt, Today,
};

/// The questionnaire a customer's risk category comes from.
pub const RISK_QUESTIONNAIRE: &str = "risk_tolerance";

/// Which top-level view a screen is.
fn top_kind(s: &Screen) -> Option<u8> {
    match s {
        Screen::Today(_) => Some(0),
        Screen::Customers(_) => Some(1),
        Screen::FollowUps(_) => Some(2),
        Screen::Matrix(_) => Some(3),
        Screen::Review(_) => Some(5),
        Screen::Report(_) => Some(4),
        _ => None,
    }
}

impl App {
    pub(super) fn push(&mut self, screen: Screen) {
        let below = std::mem::replace(&mut self.screen, screen);
        self.stack.push(below);
    }

    pub(super) fn back(&mut self) {
        if let Some(prev) = self.stack.pop() {
            self.screen = prev;
            self.sync_data();
        }
    }

    /// Show a top-level view, closing whatever was stacked on the current one; the view
    /// left behind is kept (parked) with its selection.
    fn switch_to(&mut self, kind: u8) {
        let mut base = if self.stack.is_empty() { self.screen.clone() } else { self.stack.remove(0) };
        self.stack.clear();
        if top_kind(&base) == Some(kind) {
            self.screen = base;
        } else {
            let target = match self.parked.iter().position(|s| top_kind(s) == Some(kind)) {
                Some(i) => self.parked.remove(i),
                None => match kind {
                    0 => Screen::Today(Today::new()),
                    1 => Screen::Customers(CustomerList::new(
                        self.env.scheme.tiers.iter().map(|t| t.code.clone()).collect(),
                    )),
                    2 => Screen::FollowUps(FollowUps::new()),
                    5 => Screen::Review(ReviewScreen::new()),
                    4 => Screen::Report(Report::new()),
                    _ => {
                        let bands = crate::data::questionnaire(RISK_QUESTIONNAIRE)
                            .map(|q| q.bands.iter().map(|b| b.code.clone()).collect())
                            .unwrap_or_default();
                        Screen::Matrix(Matrix::new(bands))
                    }
                },
            };
            if top_kind(&base).is_some() {
                std::mem::swap(&mut base, &mut self.screen);
                self.parked.push(base);
            }
            self.screen = target;
        }
        // Another window may have written meanwhile: a view shown again reads afresh.
        match &mut self.screen {
            Screen::Today(t) => t.mark_stale(),
            Screen::Customers(l) => l.mark_stale(),
            Screen::FollowUps(f) => f.mark_stale(),
            Screen::Matrix(m) => m.mark_stale(),
            Screen::Review(r) => r.mark_stale(),
            Screen::Report(r) => r.mark_stale(),
            _ => {}
        }
        self.sync_data();
    }

    pub(super) fn open(&mut self, route: Route) -> Result<(), Failure> {
        match route {
            Route::Today => self.switch_to(0),
            Route::Customers => self.switch_to(1),
            Route::FollowUps => self.switch_to(2),
            Route::Customer(id) => {
                if let Some(view) = self.load_view(id)? {
                    self.push(Screen::Customer(view));
                }
            }
            Route::NewCustomer { tier } => {
                let default = tier.or_else(|| self.env.scheme.tiers.last().map(|t| t.code.clone())).unwrap_or_default();
                self.push(Screen::Form(CustomerForm::add(&default, self.env.today, &self.env.user)));
            }
            Route::EditCustomer(id) => {
                if let Some(c) = self.store.customer(id)? {
                    self.push(Screen::Form(CustomerForm::edit(c)));
                }
            }
            Route::LogContact { customer, requirement, closes, summary, advance } => {
                let Some(c) = self.store.customer(customer)? else { return Ok(()) };
                // A requirement that wants a visit gets a visit; otherwise the first kind.
                let kind = requirement
                    .and_then(|i| {
                        self.env.scheme.tier(&c.fields.tier)?.requirements.get(i)?.kinds.as_ref()?.first().cloned()
                    })
                    .or_else(|| self.env.kinds.codes().first().map(|k| k.to_string()))
                    .unwrap_or_default();
                let mut draft = ContactDraft::new(&kind, self.env.today);
                if let Some(text) = summary {
                    draft.set(ContactField::Summary, text);
                }
                let form = ContactForm::new(customer, c.fields.name, ContactFormMode::New { closes, advance }, draft);
                self.push(Screen::ContactForm(form));
            }
            Route::EditContact(id) => {
                if let Some(x) = self.store.contact(id)? {
                    let name = self.store.customer(x.customer)?.map(|c| c.fields.name).unwrap_or_default();
                    let draft = ContactDraft::from_contact(&crate::domain::history::NewContact {
                        customer: x.customer,
                        kind: x.kind.clone(),
                        on: x.on,
                        person: x.person.clone(),
                        summary: x.summary.clone(),
                        outcome: x.outcome.clone(),
                    });
                    self.push(Screen::ContactForm(ContactForm::new(
                        x.customer,
                        name,
                        ContactFormMode::Edit(id),
                        draft,
                    )));
                }
            }
            Route::Snooze { customer, requirement, name, due } => {
                let purpose = PromptPurpose::Snooze { customer, requirement, name };
                self.push(Screen::Prompt(Prompt::new(purpose, due, self.env.today)));
            }
            Route::Assess(customer) => {
                let Some(c) = self.store.customer(customer)? else { return Ok(()) };
                let q = crate::data::questionnaire(RISK_QUESTIONNAIRE)
                    .ok_or_else(|| Failure::NoQuestionnaire(RISK_QUESTIONNAIRE.into()))?;
                // A kept draft (or one left by a closed terminal) resumes where it stopped.
                let (answers, at) = match self.store.load_draft(customer, &q) {
                    Ok(Some(d)) => (d.answers, d.at_question),
                    Ok(None) => (crate::domain::questionnaire::Answers::empty(&q), 0),
                    Err(e) => {
                        let text = self.assessment_failure(e);
                        self.warn(text);
                        (crate::domain::questionnaire::Answers::empty(&q), 0)
                    }
                };
                self.push(Screen::Interview(Interview::new(customer, c.fields.name, q, answers, at)));
            }
            Route::Matrix => self.switch_to(3),
            Route::Report => self.switch_to(4),
            Route::Import => self.push(Screen::Import(crate::ui::screens::ImportScreen::new())),
            Route::Search => {
                self.switch_to(1);
                if let Screen::Customers(list) = &mut self.screen
                    && list.search.is_none()
                {
                    list.update(crate::ui::action::Action::Search, &self.env);
                }
            }
            Route::MatrixCell => {
                if let Screen::Matrix(m) = &self.screen {
                    let (row, cell) = m.opened_cell();
                    let Some(tier) = self.env.scheme.tiers.get(row).map(|t| t.code.clone()) else { return Ok(()) };
                    let expired_through = self.env.assessments.expired_through(self.env.today);
                    let limit = crate::ui::screens::matrix::CELL_LIMIT;
                    let members = self.store.customers_in_cell(&tier, &cell, expired_through, limit)?;
                    if let Screen::Matrix(m) = &mut self.screen {
                        m.show_members(members);
                    }
                }
            }
            Route::ChangeTier(id) => {
                if let Some(c) = self.store.customer(id)? {
                    let prompt = TierPrompt::change(id, c.fields.name, &c.fields.tier, &self.env);
                    self.push(Screen::TierPrompt(prompt));
                }
            }
            Route::ApproveTier(id) => {
                let Some(c) = self.store.customer(id)? else { return Ok(()) };
                let pending = self.store.tier_history(id)?.into_iter().rev().find(|h| h.awaiting_signoff());
                match pending.filter(|_| c.signoff_pending) {
                    Some(h) => {
                        // A customer started in the top tier: "initial -> A".
                        let from = h.from.unwrap_or_else(|| T::Initial.get(self.env.lang).to_string());
                        self.push(Screen::TierPrompt(TierPrompt::approve(id, c.fields.name, from, h.to, h.by)));
                    }
                    None => self.notify(fill(T::NothingToSignOff.get(self.env.lang), &[&c.fields.name])),
                }
            }
            Route::DeleteCustomer(id) => {
                let Some(c) = self.store.customer(id)? else { return Ok(()) };
                let contacts = self.store.count_contacts_of(id)?;
                let undo = self.env.keymap.first_key(crate::ui::keymap::Scope::List, crate::ui::action::Action::Undo);
                let text = if contacts == 1 { T::ConfirmDeleteOne } else { T::ConfirmDelete };
                let question = fill(text.get(self.env.lang), &[&c.fields.name, &contacts, &undo]);
                let on_yes = Box::new(crate::ui::effect::Effect::Save(crate::ui::effect::Write::DeleteCustomer(
                    id,
                    c.fields.name,
                )));
                self.apply(crate::ui::effect::Effect::Confirm { question, on_yes });
            }
            Route::History(id) => {
                if let Some(c) = self.store.customer(id)? {
                    let entries = self.store.audit_of(id, HISTORY_LIMIT)?;
                    self.push(Screen::ChangeLog(ChangeLog::new(id, c.fields.name, entries)));
                }
            }
            Route::Review => self.switch_to(5),
            Route::Indicators(id) => {
                let Some(c) = self.store.customer(id)? else { return Ok(()) };
                match crate::regrade::choose_model(&self.env.scheme, None, Some(&self.env.review)) {
                    Ok(model) => {
                        let latest = self.store.latest_indicators(id)?;
                        let form = IndicatorForm::new(id, c.fields.name, model, &latest, self.env.today);
                        self.push(Screen::Indicators(form));
                    }
                    Err(e) => self.warn(fill(T::NoGradingModel.get(self.env.lang), &[&e])),
                }
            }
            Route::Reschedule { follow_up, what } => {
                let purpose = PromptPurpose::Reschedule { follow_up, what };
                self.push(Screen::Prompt(Prompt::new(purpose, reschedule_floor(self.env.today), self.env.today)));
            }
        }
        Ok(())
    }
}
