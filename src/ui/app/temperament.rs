//! A customer's temperament from the TUI: the picker over the customer's page, then the
//! same write as `tierdesk customer edit CUSTOMER --temperament KEY` (an edit of the
//! customer in the audit log; undo takes it back).

use super::fresh::{Changed, Reach};
use super::{App, Failure};
use crate::domain::customer::CustomerId;
use crate::i18n::temperament_texts::M;
use crate::i18n::{T, fill};
use crate::store::Seen;
use crate::ui::screens::{Screen, TemperamentPicker};

impl App {
    /// The picker, the customer's temperament selected. What the edit is based on is read
    /// first, as the edit form does.
    pub(super) fn open_temperament(&mut self, id: CustomerId) -> Result<(), Failure> {
        let seen = self.store.customer_seen(id)?;
        let Some(c) = self.store.customer(id)? else { return Ok(()) };
        let picker = TemperamentPicker::new(id, c.fields.name, c.fields.temperament, seen, &self.env.temperaments);
        self.push(Screen::Temperament(picker));
        Ok(())
    }

    /// Save the picked temperament (None clears it); the picker closes whatever happens, so
    /// that the page below shows how things are. Someone's edit of the customer since the
    /// picker opened refuses the save, naming who and when.
    pub(super) fn set_temperament(
        &mut self,
        id: CustomerId,
        name: &str,
        key: Option<String>,
        seen: &Seen,
        changed: Changed,
    ) -> Result<(), Failure> {
        if matches!(self.screen, Screen::Temperament(_)) {
            self.back();
        }
        let l = self.env.lang;
        let Some(c) = self.store.customer(id)? else {
            self.mark_stale(changed, Reach::Book)?;
            return Ok(());
        };
        if c.fields.temperament == key {
            self.notify(fill(M::Unchanged.get(l), &[&name]));
            return Ok(());
        }
        let mut fields = c.fields;
        fields.temperament = key.clone();
        self.store.update_customer_if_unchanged(id, &fields, T::EditedInForm.get(l), seen)?;
        self.mark_stale(changed, Reach::Book)?;
        let text = match key.as_deref() {
            Some(k) => {
                let shown = self.env.temperaments.get(k).map_or(k, |t| t.name(l));
                fill(M::Set.get(l), &[&name, &shown])
            }
            None => fill(M::Cleared.get(l), &[&name]),
        };
        self.notify(text);
        Ok(())
    }
}
