//! Today in plan mode: `P` asks the App for the plan (read from the book), `P` again or
//! Esc go back to the list. The keys that act on a row (Space, r, Enter, s, t, i) act on
//! the planned customer's item, through Today's own handling, so the plan works the day
//! exactly as the list does.

use super::{Today, row_key};
use crate::domain::plan::PlanRow;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};

pub use super::plan_view::PlanMode;

impl Today {
    pub fn in_plan(&self) -> bool {
        self.plan.is_some()
    }

    /// The plan's rows, in plan mode.
    pub fn plan_rows(&self) -> Option<&[PlanRow]> {
        self.plan.as_ref().map(|p| p.rows())
    }

    /// Show the plan (entering plan mode), or fresh rows of the plan shown.
    pub fn set_plan(&mut self, rows: Vec<PlanRow>) {
        match &mut self.plan {
            Some(p) => p.refill(rows),
            None => self.plan = Some(PlanMode::new(rows, self.viewport)),
        }
    }

    /// A key in plan mode, or the key that enters it. None: Today's own handling applies,
    /// with the selection moved to the planned customer's item.
    pub(super) fn plan_update(&mut self, action: Action, env: &Env) -> Option<Effect> {
        let Some(plan) = &mut self.plan else {
            return (action == Action::PlanMode).then_some(Effect::Open(Route::Plan));
        };
        if matches!(action, Action::PlanMode | Action::Back) {
            self.plan = None;
            return Some(Effect::None);
        }
        if plan.navigate(action) {
            return Some(Effect::None);
        }
        let Some((key, kind)) = plan.selected_row().map(|r| (row_key(&r.item), r.kind)) else {
            return Some(Effect::None);
        };
        let at = self.shown.iter().position(|&i| row_key(&self.items[i]) == key);
        let Some(at) = at else { return Some(Effect::None) };
        self.selected = at;
        if !matches!(action, Action::LogContact | Action::LogAndAdvance) {
            return None;
        }
        // Logged from the plan, the contact starts as the plan's visit or call: Today's own
        // handling (the plan set aside meanwhile), with the kind filled in.
        let plan = self.plan.take();
        let mut effect = self.update(action, env);
        self.plan = plan;
        if let Effect::Open(Route::LogContact { kind: planned, .. }) = &mut effect {
            *planned = Some(kind.code().to_string());
        }
        Some(effect)
    }
}
