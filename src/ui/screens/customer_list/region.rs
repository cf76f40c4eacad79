//! `Z` on the customer list: the book's regions, read when first asked for, stepped through
//! (every region, each in turn, every region again); the tier pane then counts the region's.

use super::CustomerList;
use crate::ui::Env;
use crate::ui::effect::Effect;

impl CustomerList {
    /// The region the list is narrowed to, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether the app should read the book's regions (`Z` is waiting for them).
    pub fn wants_regions(&self) -> bool {
        self.region_step_pending && self.regions.is_none()
    }

    /// The app hands over the book's regions; a waiting `Z` then steps.
    pub fn set_regions(&mut self, regions: Vec<String>, env: &Env) -> Effect {
        self.regions = Some(regions);
        if std::mem::take(&mut self.region_step_pending) {
            return self.step_region(env);
        }
        Effect::None
    }

    /// `Z`: every region, then each region of the book in turn, then every region again.
    pub(super) fn step_region(&mut self, env: &Env) -> Effect {
        let Some(regions) = self.regions.as_ref() else {
            self.region_step_pending = true;
            return Effect::None;
        };
        if regions.is_empty() && self.region.is_none() {
            return Effect::Warn(crate::i18n::day_texts::D::NoRegions.get(env.lang).to_string());
        }
        let current: Vec<String> = self.region.iter().cloned().collect();
        self.region = crate::domain::due_filter::step(&current, regions).into_iter().next();
        // The tier pane counts the region's customers.
        self.counts_stale = true;
        self.reset_position();
        Effect::None
    }
}
