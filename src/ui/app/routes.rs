//! Opening screens on the user's behalf: a route becomes a top-level view (`views.rs`) or a
//! screen stacked on the current one, read from the book as it opens.

use super::views::View;
use super::{App, Failure};
use crate::domain::contact_draft::{ContactDraft, ContactField};
use crate::domain::customer::CustomerId;
use crate::domain::history::{ContactId, FollowUpId};
use crate::i18n::{T, fill};
use crate::ui::effect::Route;
use crate::ui::screens::change_log::HISTORY_LIMIT;
use crate::ui::screens::contact_form::{ContactFormMode, ProductPick};
use crate::ui::screens::follow_ups::reschedule_floor;
use crate::ui::screens::prompt::PromptPurpose;
use crate::ui::screens::{ChangeLog, ContactForm, CustomerForm, IndicatorForm, Interview, Prompt, Screen, TierPrompt};

/// The questionnaire a customer's risk category comes from.
pub const RISK_QUESTIONNAIRE: &str = "risk_tolerance";

impl App {
    pub(super) fn open(&mut self, route: Route) -> Result<(), Failure> {
        match route {
            Route::Today => self.switch_to(View::Today),
            Route::Pool => match self.store.pool() {
                Ok(entries) => self.push(Screen::Pool(crate::ui::screens::PoolScreen::new(entries))),
                // A book file has no pool: a fact about the book, said as one, not a failure.
                Err(crate::store::StoreError::Pool(p @ crate::domain::pool::PoolProblem::TeamBookOnly)) => {
                    self.notify(crate::i18n::pool_texts::problem(&p, self.env.lang));
                }
                Err(e) => return Err(e.into()),
            },
            Route::Week(filter) => self.push(Screen::Week(crate::ui::screens::Week::new(filter))),
            Route::Plan => return self.open_plan(),
            Route::Customers => self.switch_to(View::Customers),
            Route::FollowUps => self.switch_to(View::FollowUps),
            Route::Matrix => self.switch_to(View::Matrix),
            Route::Report => self.switch_to(View::Report),
            Route::Review => self.switch_to(View::Review),
            Route::Search => self.open_search(),
            Route::SearchNotes => {
                self.open_search();
                if let Screen::Customers(list) = &mut self.screen
                    && let Some(bar) = list.search.as_mut()
                {
                    bar.start_notes();
                }
            }
            Route::MatrixCell => return self.open_matrix_cell(),
            Route::Import => self.push(Screen::Import(crate::ui::screens::ImportScreen::new())),
            Route::Customer(id) => {
                if let Some(view) = self.load_view(id)? {
                    self.push(Screen::Customer(view));
                }
            }
            Route::NewCustomer { tier } => {
                let default = tier.or_else(|| self.env.scheme.tiers.last().map(|t| t.code.clone())).unwrap_or_default();
                let next_ref = crate::app::customers::next_ref(&*self.store, &self.env.ref_pattern)?;
                self.push(Screen::Form(CustomerForm::add(&default, self.env.today, &self.env.user, Some(next_ref))));
            }
            Route::EditCustomer(id) => {
                // What the edit is based on, read first: a change in between refuses the save.
                let seen = self.store.customer_seen(id)?;
                if let Some(c) = self.store.customer(id)? {
                    self.push(Screen::Form(CustomerForm::edit(c, seen)));
                }
            }
            Route::DeleteCustomer(id) => return self.ask_delete_customer(id),
            Route::History(id) => {
                if let Some(c) = self.store.customer(id)? {
                    let entries = self.store.audit_of(id, HISTORY_LIMIT)?;
                    self.push(Screen::ChangeLog(ChangeLog::new(id, c.fields.name, entries)));
                }
            }
            Route::Brief(id) => {
                if let Some(brief) = self.load_brief(id)? {
                    self.push(Screen::Brief(crate::ui::screens::BriefScreen::new(brief)));
                }
            }
            Route::LogContact { customer, requirement, closes, summary, advance, kind } => {
                let mode = ContactFormMode::New { closes, advance };
                return self.open_contact_form(customer, (requirement, kind), mode, summary);
            }
            Route::EditContact(id) => return self.open_contact_edit(id),
            Route::Snooze { customer, requirement, name, due } => {
                let purpose = PromptPurpose::Snooze { customer, requirement, name };
                self.push(Screen::Prompt(Prompt::new(purpose, due, self.env.today)));
            }
            Route::Reschedule { follow_up, what } => self.open_reschedule(follow_up, what),
            Route::LatePayment(customer) => {
                if let Some(c) = self.store.customer(customer)? {
                    let purpose = PromptPurpose::LatePayment { customer, name: c.fields.name };
                    self.push(Screen::Prompt(Prompt::new(purpose, self.env.today, self.env.today)));
                }
            }
            Route::Assess(customer) => return self.open_interview(customer),
            Route::ChangeTier(id) => {
                if let Some(c) = self.store.customer(id)? {
                    let prompt = TierPrompt::change(id, c.fields.name, &c.fields.tier, &self.env);
                    self.push(Screen::TierPrompt(prompt));
                }
            }
            Route::ApproveTier(id) => return self.open_signoff(id),
            Route::Indicators(id) => return self.open_indicators(id),
            Route::HandOver(id) => return self.open_hand_over(id),
            Route::SetTemperament(id) => return self.open_temperament(id),
            Route::Pin(id) => return self.open_pin(id),
        }
        Ok(())
    }

    /// `/` from anywhere: the customer list with its search bar open.
    fn open_search(&mut self) {
        self.switch_to(View::Customers);
        if let Screen::Customers(list) = &mut self.screen
            && list.search.is_none()
        {
            list.update(crate::ui::action::Action::Search, &self.env);
        }
    }

    /// The customers in the matrix cell under the cursor.
    fn open_matrix_cell(&mut self) -> Result<(), Failure> {
        let Screen::Matrix(m) = &self.screen else { return Ok(()) };
        let (row, cell) = m.opened_cell();
        let Some(tier) = self.env.scheme.tiers.get(row).map(|t| t.code.clone()) else { return Ok(()) };
        let expired_through = self.env.assessments.expired_through(self.env.today);
        let limit = crate::ui::screens::matrix::CELL_LIMIT;
        let members = self.store.customers_in_cell(&tier, &cell, expired_through, limit)?;
        if let Screen::Matrix(m) = &mut self.screen {
            m.show_members(members);
        }
        Ok(())
    }

    /// Deleting asks first, saying how many contacts go with the customer.
    fn ask_delete_customer(&mut self, id: CustomerId) -> Result<(), Failure> {
        let Some(c) = self.store.customer(id)? else { return Ok(()) };
        let contacts = self.store.count_contacts_of(id)?;
        let undo = self.env.keymap.first_key(crate::ui::keymap::Scope::List, crate::ui::action::Action::Undo);
        let text = if contacts == 1 { T::ConfirmDeleteOne } else { T::ConfirmDelete };
        let question = fill(text.get(self.env.lang), &[&c.fields.name, &contacts, &undo]);
        let on_yes =
            Box::new(crate::ui::effect::Effect::Save(crate::ui::effect::Write::DeleteCustomer(id, c.fields.name)));
        self.apply(crate::ui::effect::Effect::Confirm { question, on_yes });
        Ok(())
    }

    /// A new contact's kind: the morning plan's (visit or call) when logged from it; else
    /// what the requirement being met asks for (a visit for "visit
    /// every 2 weeks"); else the kind of the customer's last contact (people keep to their
    /// habit with a customer); else a call, the most common contact; else the first kind.
    fn open_contact_form(
        &mut self,
        customer: CustomerId,
        (requirement, planned): (Option<usize>, Option<String>),
        mode: ContactFormMode,
        summary: Option<String>,
    ) -> Result<(), Failure> {
        let Some(c) = self.store.customer(customer)? else { return Ok(()) };
        let last_kind = self.last_kind_of(customer)?;
        let kind = planned
            .filter(|k| self.env.kinds.get(k).is_some())
            .or_else(|| {
                requirement.and_then(|i| {
                    self.env.scheme.tier(&c.fields.tier)?.requirements.get(i)?.kinds.as_ref()?.first().cloned()
                })
            })
            .or(last_kind)
            .or_else(|| self.env.kinds.get("call").map(|k| k.code.clone()))
            .or_else(|| self.env.kinds.codes().first().map(|k| k.to_string()))
            .unwrap_or_default();
        let mut draft = ContactDraft::new(&kind, self.env.today);
        if let Some(text) = summary {
            draft.set(ContactField::Summary, text);
        }
        // The catalogue judged for this customer, offered when the kind is a recommendation.
        let judged = crate::app::suitability::for_customer(&*self.store, customer, self.env.today)?.products;
        let product = ProductPick::new(judged);
        self.push(Screen::ContactForm(ContactForm::new(customer, c.fields.name, mode, draft, product)));
        Ok(())
    }

    /// The kind of the customer's latest contact, if it is still a kind the form offers.
    fn last_kind_of(&self, customer: CustomerId) -> Result<Option<String>, Failure> {
        let last = self.store.contacts_of(customer, 1)?.into_iter().next();
        Ok(last.and_then(|c| self.env.kinds.get(&c.kind).map(|k| k.code.clone())))
    }

    /// A logged contact, in the form to correct it.
    fn open_contact_edit(&mut self, id: ContactId) -> Result<(), Failure> {
        let Some(x) = self.store.contact(id)? else { return Ok(()) };
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
            ProductPick::default(),
        )));
        Ok(())
    }

    fn open_reschedule(&mut self, follow_up: FollowUpId, what: String) {
        let purpose = PromptPurpose::Reschedule { follow_up, what };
        self.push(Screen::Prompt(Prompt::new(purpose, reschedule_floor(self.env.today), self.env.today)));
    }

    /// The risk interview. A kept draft (or one left by a closed terminal) resumes where it
    /// stopped.
    fn open_interview(&mut self, customer: CustomerId) -> Result<(), Failure> {
        let Some(c) = self.store.customer(customer)? else { return Ok(()) };
        let q = crate::data::questionnaire(RISK_QUESTIONNAIRE)
            .ok_or_else(|| Failure::NoQuestionnaire(RISK_QUESTIONNAIRE.into()))?;
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
        Ok(())
    }

    /// The sign-off prompt for a move into the top tier, if one waits.
    fn open_signoff(&mut self, id: CustomerId) -> Result<(), Failure> {
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
        Ok(())
    }

    /// The form for a customer's indicator values, filled with the latest.
    fn open_indicators(&mut self, id: CustomerId) -> Result<(), Failure> {
        let Some(c) = self.store.customer(id)? else { return Ok(()) };
        match crate::app::review::choose_model(&self.env.scheme, None, Some(&self.env.review)) {
            Ok(model) => {
                let latest = self.store.latest_indicators(id)?;
                let form = IndicatorForm::new(id, c.fields.name, model, &latest, self.env.today);
                self.push(Screen::Indicators(form));
            }
            Err(e) => self.warn(fill(T::NoGradingModel.get(self.env.lang), &[&e])),
        }
        Ok(())
    }
}
