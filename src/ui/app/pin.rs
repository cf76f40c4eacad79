//! A lead's pin from the TUI (the team pool, issue 17): `K` on a customer asks for the reason
//! to pin it, or whether to unpin a pinned one, then makes the same store call as `tierdesk
//! team pin`. A book file has no pool (said as `7` says it); a manager is told at once that
//! pinning is a lead's, in the book's own words, and the book refuses them anyway.

use super::fresh::{Changed, Reach};
use super::{App, Failure};
use crate::domain::customer::CustomerId;
use crate::domain::people::Role;
use crate::domain::pool::PoolProblem;
use crate::i18n::fill;
use crate::i18n::pool_texts::{Pool as P, problem};
use crate::store::StoreError;
use crate::ui::effect::{Effect, Write};
use crate::ui::screens::Screen;
use crate::ui::screens::prompt::{Prompt, PromptPurpose};

impl App {
    pub(super) fn open_pin(&mut self, id: CustomerId) -> Result<(), Failure> {
        let l = self.env.lang;
        let Some(c) = self.store.customer(id)? else { return Ok(()) };
        let name = c.fields.name;
        let Some(row) = self.store.ownership_rows(&[id])?.into_iter().next() else {
            // No owner's rules: a book file (no pool at all), or a customer in the pool.
            match self.store.claims_per_day() {
                Err(StoreError::Pool(p @ PoolProblem::TeamBookOnly)) => self.notify(problem(&p, l)),
                Err(e) => return Err(e.into()),
                Ok(_) => self.warn(fill(P::PinInPool.get(l), &[&name])),
            }
            return Ok(());
        };
        if self.store.me()?.role == Role::Manager {
            self.warn(problem(&PoolProblem::PinNeedsLead, l));
            return Ok(());
        }
        if row.pinned {
            let question = fill(P::ConfirmUnpin.get(l), &[&name]);
            let on_yes = Effect::Save(Write::Pin { customer: id, name, reason: None });
            self.apply(Effect::Confirm { question, on_yes: Box::new(on_yes) });
        } else {
            let purpose = PromptPurpose::Pin { customer: id, name };
            self.push(Screen::Prompt(Prompt::new(purpose, self.env.today, self.env.today)));
        }
        Ok(())
    }

    /// Pin or unpin; the prompt closes once the book has answered yes.
    pub(super) fn pin(
        &mut self,
        customer: CustomerId,
        name: &str,
        reason: Option<&str>,
        changed: Changed,
    ) -> Result<(), Failure> {
        self.store.pin(customer, reason)?;
        if matches!(self.screen, Screen::Prompt(_)) {
            self.back();
        }
        self.mark_stale(changed, Reach::Book)?;
        let l = self.env.lang;
        let text = match reason {
            Some(r) => fill(P::Pinned.get(l), &[&name, &r.trim()]),
            None => fill(P::Unpinned.get(l), &[&name]),
        };
        self.notify(text);
        Ok(())
    }
}
