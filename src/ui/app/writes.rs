//! Writing to the book on the user's behalf, then refreshing the screens and saying what
//! happened. A failed write leaves the form open with everything typed, and says why.

use super::App;
use crate::i18n::{T, fill};
use crate::store::StoreError;
use crate::ui::effect::Write;
use crate::ui::screens::Screen;

impl App {
    pub(super) fn write(&mut self, write: Write) -> Result<(), StoreError> {
        let l = self.env.lang;
        match write {
            Write::AddCustomer(fields) => {
                let id = self.store.add_customer(&fields)?;
                self.back();
                // Show the new customer in the list: its tier, selected.
                if let Screen::Customers(list) = &mut self.screen {
                    if list.selected_tier().is_some_and(|t| t != fields.tier) {
                        list.select_tier_code(Some(&fields.tier));
                    }
                    list.select_after_load(id);
                }
                self.reload_all()?;
                self.notify(fill(T::Added.get(l), &[&fields.name]));
            }
            Write::UpdateCustomer(id, fields) => {
                self.store.update_customer(id, &fields, T::EditedInForm.get(l))?;
                self.back();
                if let Screen::Customers(list) = &mut self.screen {
                    list.select_after_load(id);
                }
                self.reload_all()?;
                self.notify(fill(T::Saved.get(l), &[&fields.name]));
            }
            Write::DeleteCustomer(id, name) => {
                self.store.delete_customer(id)?;
                self.reload_all()?;
                self.notify(fill(T::Deleted.get(l), &[&name]));
            }
            Write::LogContact { entry, closes, advance, name } => {
                self.store.log_contact(&entry, closes)?;
                self.back();
                self.reload_all()?;
                if advance && let Screen::Today(today) = &mut self.screen {
                    today.advance();
                }
                let kind = self.env.kinds.name(&entry.contact.kind, l).to_string();
                self.notify(fill(T::Logged.get(l), &[&name, &kind, &entry.contact.on]));
            }
            Write::UpdateContact(id, entry) => {
                self.store.update_contact(id, &entry.contact)?;
                self.back();
                self.reload_all()?;
                self.notify(T::ContactSaved.get(l).to_string());
            }
            Write::DeleteContact(id) => {
                self.store.delete_contact(id)?;
                self.reload_all()?;
                self.notify(T::ContactDeleted.get(l).to_string());
            }
            Write::MarkDone { follow_up, done, what } => {
                self.store.set_follow_up_done(follow_up, done)?;
                self.reload_all()?;
                self.notify(fill(if done { T::MarkedDone.get(l) } else { T::Reopened.get(l) }, &[&what]));
            }
            Write::Reschedule { follow_up, to, reason, what } => {
                self.store.reschedule_follow_up(follow_up, to, &reason)?;
                self.back();
                self.reload_all()?;
                self.notify(fill(T::Rescheduled.get(l), &[&to, &what]));
            }
            Write::Snooze { customer, requirement, until, reason, name } => {
                self.store.snooze(customer, requirement, until, &reason)?;
                self.back();
                self.reload_all()?;
                self.notify(fill(T::Snoozed.get(l), &[&until, &name]));
            }
        }
        Ok(())
    }
}
