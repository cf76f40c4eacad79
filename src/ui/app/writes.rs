//! Writing to the book on the user's behalf, then refreshing the screens and saying what
//! happened. A failed write leaves the form open with everything typed, and says why.
//! Each write says what it changed (`Write::changes`); `mark_stale` (fresh.rs) decides
//! which screens that touches. Contacts, follow-ups and assessments are in `writes_contact.rs`.

use super::fresh::{Changed, Reach};
use super::{App, Failure};
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::i18n::{T, fill};
use crate::ui::effect::Write;
use crate::ui::screens::Screen;

impl App {
    pub(super) fn write(&mut self, write: Write) -> Result<(), Failure> {
        let changed = write.changes();
        match write {
            Write::AddCustomer(fields) => self.add_customer(fields, changed),
            Write::UpdateCustomer(id, fields, seen) => self.update_customer(id, fields, &seen, changed),
            Write::DeleteCustomer(id, name) => {
                self.store.delete_customer(id)?;
                self.mark_stale(changed, Reach::Book)?;
                self.notify(fill(T::Deleted.get(self.env.lang), &[&name]));
                Ok(())
            }
            Write::LogContact { entry, closes, advance, name, recommend } => {
                self.log_contact(entry, (closes, advance), name, recommend, changed)
            }
            Write::UpdateContact(id, entry) => self.update_contact(id, entry, changed),
            Write::DeleteContact(id) => self.delete_contact(id, changed),
            Write::MarkDone { follow_up, done, what } => self.mark_done(follow_up, done, what, changed),
            Write::Reschedule { follow_up, to, reason, what } => self.reschedule(follow_up, to, reason, what, changed),
            Write::Snooze { customer, requirement, until, reason, name } => {
                self.snooze(customer, requirement, until, reason, name, changed)
            }
            Write::LatePayment { customer, on, note, name } => self.late_payment(customer, on, &note, &name, changed),
            // Checking and importing run on another connection in the background, so the
            // screen can show how far they are; `tick` picks up the result.
            Write::ImportPreview(req) => {
                self.start_import(req, true);
                Ok(())
            }
            Write::ImportRun(req) => {
                self.start_import(req, false);
                Ok(())
            }
            Write::SaveDraft { customer, questionnaire, answers, at_question } => {
                self.save_draft(customer, &questionnaire, &answers, at_question);
                Ok(())
            }
            Write::DiscardDraft { customer, questionnaire } => {
                self.store.discard_draft(customer, &questionnaire)?;
                self.back();
                self.notify(T::DraftDiscarded.get(self.env.lang).to_string());
                Ok(())
            }
            Write::RecordAssessment { customer, name, questionnaire, answers } => {
                self.record_assessment(customer, name, &questionnaire, &answers, changed)
            }
            Write::ChangeTier { customer, tier, reason, name } => {
                self.change_tier(customer, tier, reason, name, changed)
            }
            Write::Approve { customer, by, name } => self.approve(customer, by, name, changed),
            Write::AcceptSuggestions { model, moves, label } => self.accept_suggestions(model, moves, label, changed),
            Write::RecordIndicators { customer, name, measured_on, values } => {
                self.record_indicators(customer, name, measured_on, values, changed)
            }
            Write::Undo => self.undo(changed),
            Write::HandOver { customer, name, from, to, to_name } => {
                self.hand_over(customer, &name, &from, (&to, &to_name), changed)
            }
            Write::SetTemperament { customer, name, key, seen } => {
                self.set_temperament(customer, &name, key, &seen, changed)
            }
            Write::Pin { customer, name, reason } => self.pin(customer, &name, reason.as_deref(), changed),
            Write::Claim { customer, name } => {
                let claimed = self.store.claim(customer, self.env.today)?;
                self.back();
                self.mark_stale(changed, Reach::Book)?;
                let l = self.env.lang;
                let mut text =
                    fill(crate::i18n::pool_texts::Pool::Claimed.get(l), &[&name, &claimed.today, &claimed.limit]);
                if let Some(note) =
                    crate::i18n::pool_texts::config_limit_note(self.env.claims_per_day, claimed.limit, true, l)
                {
                    text = format!("{text} {note}");
                }
                self.notify(text);
                Ok(())
            }
        }
    }

    fn add_customer(&mut self, fields: CustomerFields, changed: Changed) -> Result<(), Failure> {
        let id = self.store.add_customer(&fields)?;
        self.back();
        // Show the new customer in the list: its tier, selected.
        if let Screen::Customers(list) = &mut self.screen {
            if list.selected_tier().is_some_and(|t| t != fields.tier) {
                list.select_tier_code(Some(&fields.tier));
            }
            list.select_after_load(id);
        }
        self.mark_stale(changed, Reach::Book)?;
        let awaiting = self.store.customer(id)?.is_some_and(|c| c.signoff_pending);
        let text = if awaiting { T::AddedAwaiting } else { T::Added };
        self.notify(fill(text.get(self.env.lang), &[&fields.name]));
        Ok(())
    }

    /// Save the form, unless someone changed the customer since it was opened: then the form
    /// stays open with what was typed and says who and when.
    fn update_customer(
        &mut self,
        id: CustomerId,
        fields: CustomerFields,
        seen: &crate::store::Seen,
        changed: Changed,
    ) -> Result<(), Failure> {
        let l = self.env.lang;
        self.store.update_customer_if_unchanged(id, &fields, T::EditedInForm.get(l), seen)?;
        self.back();
        if let Screen::Customers(list) = &mut self.screen {
            list.select_after_load(id);
        }
        self.mark_stale(changed, Reach::Book)?;
        self.notify(fill(T::Saved.get(l), &[&fields.name]));
        Ok(())
    }

    fn change_tier(
        &mut self,
        customer: CustomerId,
        tier: String,
        reason: String,
        name: String,
        changed: Changed,
    ) -> Result<(), Failure> {
        let change = crate::app::tiers::change(&mut *self.store, customer, &tier, &reason)?.change;
        self.back();
        // The whole book: the customer moves between tiers' counts and lists.
        self.mark_stale(changed, Reach::Book)?;
        let from = change.from.clone().unwrap_or_default();
        let text = if change.awaiting_signoff() { T::TierChangedAwaiting } else { T::TierChanged };
        self.notify(fill(text.get(self.env.lang), &[&name, &from, &change.to]));
        Ok(())
    }

    fn approve(&mut self, customer: CustomerId, by: String, name: String, changed: Changed) -> Result<(), Failure> {
        let change = crate::app::tiers::approve(&mut *self.store, customer, &by)?;
        self.back();
        self.mark_stale(changed, Reach::Book)?;
        let text = if change.approver_verified { T::SignedOff } else { T::SignedOffUnverifiedStatus };
        self.notify(fill(text.get(self.env.lang), &[&name, &change.approved_by.unwrap_or(by)]));
        Ok(())
    }

    fn accept_suggestions(
        &mut self,
        model: String,
        moves: Vec<(CustomerId, String)>,
        label: String,
        changed: Changed,
    ) -> Result<(), Failure> {
        let l = self.env.lang;
        let moved = self.store.apply_review(&moves, &model)?;
        self.mark_stale(changed, Reach::Book)?;
        if moved > 0 {
            let mut text = fill(T::ReviewAccepted.get(l), &[&label, &model]);
            let top = self.env.scheme.tiers.first().map(|t| t.code.clone()).unwrap_or_default();
            let into_top = moves.iter().filter(|(_, to)| *to == top).count();
            if into_top > 0 {
                text.push_str(&fill(T::ReviewAwaitingSignoff.get(l), &[&into_top, &top]));
            }
            self.notify(text);
        }
        Ok(())
    }

    /// The values come as typed; the grading model reads them (a wrong one is named).
    fn record_indicators(
        &mut self,
        customer: CustomerId,
        name: String,
        measured_on: chrono::NaiveDate,
        values: Vec<(String, String)>,
        changed: Changed,
    ) -> Result<(), Failure> {
        let model = crate::app::review::choose_model(&self.env.scheme, None, Some(&self.env.review))
            .map_err(Failure::NoModel)?;
        let values = model.parse_values(values).map_err(indicator_failure)?;
        let m = crate::store::Measurement { customer, measured_on, values };
        let n = self.store.record_indicators(std::slice::from_ref(&m))?;
        self.back();
        self.mark_stale(changed, Reach::Book)?;
        self.notify(fill(T::IndicatorsSaved.get(self.env.lang), &[&name, &n, &measured_on]));
        Ok(())
    }

    fn undo(&mut self, changed: Changed) -> Result<(), Failure> {
        let l = self.env.lang;
        match self.store.undo_last()? {
            None => self.notify(T::NothingToUndo.get(l).to_string()),
            Some(undone) => {
                self.mark_stale(changed, Reach::Book)?;
                self.notify(fill(T::Undid.get(l), &[&describe_undone(&undone, l)]));
            }
        }
        Ok(())
    }
}

fn describe_undone(undone: &crate::store::Undone, lang: crate::i18n::Lang) -> String {
    crate::i18n::audit::describe_undone(undone, lang)
}

/// A value of the indicator form that the grading model does not read, as the app's failure.
fn indicator_failure(problem: crate::domain::grading::IndicatorValueProblem) -> Failure {
    use crate::domain::grading::IndicatorValueProblem as P;
    match problem {
        P::UnknownIndicator(code) => Failure::UnknownIndicator(code),
        P::BadValue { code, problem } => Failure::BadValue { code, problem },
    }
}
