//! Writes that touch one customer's records: contacts, follow-ups, snoozes, assessments.
//! Only that customer's rows are spliced into Today (`Reach::Customer`), so that logging a
//! contact stays quick on a big book.

use chrono::NaiveDate;

use super::fresh::{Changed, Reach};
use super::{App, Failure};
use crate::domain::contact_draft::ContactEntry;
use crate::domain::customer::CustomerId;
use crate::domain::history::{ContactId, FollowUpId};
use crate::domain::questionnaire::Answers;
use crate::i18n::day_texts::D;
use crate::i18n::{T, fill};
use crate::ui::effect::Recommend;
use crate::ui::screens::Screen;

impl App {
    /// The reach of a write to one customer, measured before it.
    fn reach_of(&self, customer: CustomerId) -> Reach {
        Reach::Customer { id: customer, before: self.due_state(customer) }
    }

    /// A new contact. A recommendation goes through the one rule (`app::suitability`) on
    /// the book as it is now; a refusal leaves the form open and says which field it needs.
    pub(super) fn log_contact(
        &mut self,
        mut entry: ContactEntry,
        (closes, advance): (Option<FollowUpId>, bool),
        name: String,
        recommend: Option<Recommend>,
        changed: Changed,
    ) -> Result<(), Failure> {
        let l = self.env.lang;
        let c = &entry.contact;
        let code = recommend.as_ref().map(|r| r.product.as_str());
        let confirmation = recommend.as_ref().map(|r| r.confirmation.as_str());
        match crate::app::suitability::recommend(&*self.store, c.customer, &c.kind, code, confirmation, self.env.today)
        {
            Ok(r) => entry.recommendation = r,
            Err(crate::app::AppError::Suitability(refusal)) => {
                self.warn(crate::i18n::suit_texts::form_refusal(&refusal, l));
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
        let reach = self.reach_of(entry.contact.customer);
        self.store.log_contact(&entry, closes)?;
        self.back();
        self.mark_stale(changed, reach)?;
        if advance && let Screen::Today(today) = &mut self.screen {
            today.advance();
        }
        let kind = self.env.kinds.name(&entry.contact.kind, l).to_string();
        let mut said = fill(T::Logged.get(l), &[&name, &kind, &entry.contact.on]);
        if let Some(r) = &entry.recommendation {
            said.push_str(&fill(crate::i18n::suit_texts::S::FormRecommended.get(l), &[&r.product]));
        }
        self.notify(said);
        Ok(())
    }

    pub(super) fn update_contact(
        &mut self,
        id: ContactId,
        entry: ContactEntry,
        changed: Changed,
    ) -> Result<(), Failure> {
        let reach = self.reach_of(entry.contact.customer);
        self.store.update_contact(id, &entry.contact)?;
        self.back();
        self.mark_stale(changed, reach)?;
        self.notify(T::ContactSaved.get(self.env.lang).to_string());
        Ok(())
    }

    pub(super) fn delete_contact(&mut self, id: ContactId, changed: Changed) -> Result<(), Failure> {
        let reach = self.store.contact(id)?.map(|c| self.reach_of(c.customer));
        let customer = self.store.delete_contact(id)?;
        let reach = reach.unwrap_or(Reach::Customer { id: customer, before: None });
        self.mark_stale(changed, reach)?;
        self.notify(T::ContactDeleted.get(self.env.lang).to_string());
        Ok(())
    }

    pub(super) fn mark_done(
        &mut self,
        follow_up: FollowUpId,
        done: bool,
        what: String,
        changed: Changed,
    ) -> Result<(), Failure> {
        let customer = self.store.set_follow_up_done(follow_up, done)?;
        // A follow-up moves no customer between late and on time: no coverage to keep.
        self.mark_stale(changed, Reach::Customer { id: customer, before: None })?;
        // Whose promise it was: a follow-up's text alone ("send samples") does not say.
        let name = self.store.customer(customer)?.map(|c| c.fields.name).unwrap_or_default();
        let text = if done { D::MarkedDone } else { D::Reopened };
        self.notify(fill(text.get(self.env.lang), &[&what, &name]));
        Ok(())
    }

    pub(super) fn reschedule(
        &mut self,
        follow_up: FollowUpId,
        to: NaiveDate,
        reason: String,
        what: String,
        changed: Changed,
    ) -> Result<(), Failure> {
        let customer = self.store.reschedule_follow_up(follow_up, to, &reason)?;
        self.back();
        self.mark_stale(changed, Reach::Customer { id: customer, before: None })?;
        self.notify(fill(T::Rescheduled.get(self.env.lang), &[&to, &what]));
        Ok(())
    }

    pub(super) fn snooze(
        &mut self,
        customer: CustomerId,
        requirement: usize,
        until: NaiveDate,
        reason: String,
        name: String,
        changed: Changed,
    ) -> Result<(), Failure> {
        let reach = self.reach_of(customer);
        self.store.snooze(customer, requirement, until, &reason)?;
        self.back();
        self.mark_stale(changed, reach)?;
        self.notify(fill(T::Snoozed.get(self.env.lang), &[&until, &name]));
        Ok(())
    }

    /// A late payment; the status line says the payment terms after it, and a drop.
    pub(super) fn late_payment(
        &mut self,
        customer: CustomerId,
        on: NaiveDate,
        note: &str,
        name: &str,
        changed: Changed,
    ) -> Result<(), Failure> {
        use crate::i18n::terms_texts::{self, Tm};
        let reach = self.reach_of(customer);
        let Some(c) = self.store.customer(customer)? else {
            return Err(crate::store::StoreError::NoSuchCustomer(customer.0).into());
        };
        let (today, rule, l) = (self.env.today, self.env.late_rule, self.env.lang);
        let done = crate::app::terms::record_late(&mut *self.store, &c, on, note, today, rule)?;
        self.back();
        self.mark_stale(changed, reach)?;
        let mut text = fill(Tm::LateRecorded.get(l), &[&name, &on]);
        if let Some(after) = done.after.as_ref().filter(|_| done.dropped()) {
            let why = terms_texts::why(after, l).into_iter().next().unwrap_or_default();
            text = format!("{text} {}", fill(Tm::NowDropped.get(l), &[&why]));
        }
        self.notify(text);
        Ok(())
    }

    /// Kept after every answer; a failure is shown but does not stop the interview.
    pub(super) fn save_draft(&mut self, customer: CustomerId, questionnaire: &str, answers: &Answers, at: usize) {
        if let Some(q) = crate::data::shipped_questionnaire(questionnaire)
            && let Err(e) = self.store.save_draft(customer, q, answers, at)
        {
            let text = self.assessment_failure(e);
            self.warn(text);
        }
    }

    /// A finished interview. A refused one (incomplete, say) leaves the interview open.
    pub(super) fn record_assessment(
        &mut self,
        customer: CustomerId,
        name: String,
        questionnaire: &str,
        answers: &Answers,
        changed: Changed,
    ) -> Result<(), Failure> {
        let l = self.env.lang;
        let Some(q) = crate::data::shipped_questionnaire(questionnaire) else { return Ok(()) };
        let reach = self.reach_of(customer);
        if let Err(e) = self.store.record_assessment(customer, q, answers, self.env.today) {
            let text = self.assessment_failure(e);
            self.warn(text);
            return Ok(());
        }
        self.back();
        self.mark_stale(changed, reach)?;
        let score = q.score(answers).unwrap_or(0);
        let band = q.band(score).name.get(l).to_string();
        self.notify(fill(T::AssessmentSaved.get(l), &[&name, &score, &band]));
        Ok(())
    }

    /// A failed assessment or draft in words: the book's own problems as every other.
    pub(super) fn assessment_failure(&self, e: crate::store::AssessmentError) -> String {
        match e {
            crate::store::AssessmentError::Store(e) => self.failure_text(&e.into()),
            other => crate::i18n::answer_problems::assessment_error(&other, self.env.lang),
        }
    }
}
