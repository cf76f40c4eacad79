//! Today's plan mode from the App's side: the plan is worked out from Today's list and the
//! regions in the book (`app::plan`) when the mode opens, and again whenever Today's rows
//! change (a reload, or one customer's rows spliced in after a write), so a row dealt with
//! shows ticked.

use super::{App, Failure};
use crate::store::StoreError;
use crate::store::prelude::*;
use crate::ui::Env;
use crate::ui::screens::{Screen, Today};

/// Fresh plan rows for Today in plan mode; nothing otherwise.
pub(super) fn refresh_plan(store: &dyn Book, env: &Env, today: &mut Today) -> Result<(), StoreError> {
    if today.in_plan() {
        let rows = crate::app::plan::plan_of_items(store, &today.day_items(), &env.scheme, env.plan)?;
        today.set_plan(rows);
    }
    Ok(())
}

impl App {
    /// `P` on Today: the plan of Today's list (already read; read now if not yet).
    pub(super) fn open_plan(&mut self) -> Result<(), Failure> {
        if !matches!(self.screen, Screen::Today(_)) {
            return Ok(());
        }
        self.sync_data();
        if let Screen::Today(today) = &mut self.screen {
            let rows =
                crate::app::plan::plan_of_items(&*self.store, &today.day_items(), &self.env.scheme, self.env.plan)?;
            today.set_plan(rows);
        }
        Ok(())
    }
}
