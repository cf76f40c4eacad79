//! Handing a customer over to a colleague from the TUI: the picker of the book's other
//! people, then the same store call as `tierdesk person handover FROM TO --customer ID`
//! (one change in the audit log: undo takes it back).

use super::fresh::{Changed, Reach};
use super::{App, Failure};
use crate::domain::customer::CustomerId;
use crate::i18n::fill;
use crate::i18n::lead_texts::Lead;
use crate::store::StoreError;
use crate::ui::screens::{PersonPicker, Screen};

impl App {
    /// "To whom?": everyone of the book but the customer's owner.
    pub(super) fn open_hand_over(&mut self, id: CustomerId) -> Result<(), Failure> {
        let Some(c) = self.store.customer(id)? else { return Ok(()) };
        let people = self.store.people()?;
        let owner = c.fields.owner;
        let owner_name = people.iter().find(|p| p.login == owner).map_or_else(|| owner.clone(), |p| p.name.clone());
        let others: Vec<_> = people.into_iter().filter(|p| p.login != owner).collect();
        if others.is_empty() {
            self.notify(fill(Lead::NobodyElse.get(self.env.lang), &[&c.fields.name]));
            return Ok(());
        }
        self.push(Screen::Picker(PersonPicker::new(id, c.fields.name, (owner, owner_name), others)));
        Ok(())
    }

    /// Hand over; the picker closes whatever the answer, so that the screen below shows
    /// how things are. A customer someone else handed over (or deleted) meanwhile is said
    /// so, and the lists are read again.
    pub(super) fn hand_over(
        &mut self,
        customer: CustomerId,
        name: &str,
        from: &str,
        (to, to_name): (&str, &str),
        changed: Changed,
    ) -> Result<(), Failure> {
        if matches!(self.screen, Screen::Picker(_)) {
            self.back();
        }
        let l = self.env.lang;
        match self.store.hand_over(from, to, Some(&[customer])) {
            Ok(_) => {
                self.mark_stale(changed, Reach::Book)?;
                self.notify(fill(Lead::HandedOver.get(l), &[&name, &to_name]));
                Ok(())
            }
            Err(StoreError::NoSuchCustomer(_)) => {
                self.mark_stale(changed, Reach::Book)?;
                self.warn(fill(Lead::NoLongerTheirs.get(l), &[&name, &from]));
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }
}
