//! The morning plan, put together: the day's list (items done that day kept, so the plan
//! holds all day and done rows show ticked), the domain's score and capacity
//! (`domain::plan`), and each planned customer's region read from the book for the few
//! customers planned. Shared by Today's plan mode and `tierdesk plan`.

use chrono::NaiveDate;

use super::agenda::{AgendaQuery, due_items};
use crate::domain::contact_kind::ContactKinds;
use crate::domain::due::{AssessmentRule, DueItem};
use crate::domain::plan::{Capacity, PlanRow, group_visits_by_region, propose};
use crate::domain::tier::TierScheme;
use crate::i18n::Lang;
use crate::store::Result;
use crate::store::prelude::*;

/// What a plan is made for.
#[derive(Debug, Clone, Copy)]
pub struct PlanQuery {
    pub day: NaiveDate,
    pub assessments: AssessmentRule,
    pub capacity: Capacity,
}

/// The plan of the customers of `owners` for `q.day`.
pub fn plan(
    store: &dyn Book,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    lang: Lang,
    q: PlanQuery,
    owners: &Owners,
) -> Result<Vec<PlanRow>> {
    let agenda = AgendaQuery { today: q.day, assessments: q.assessments, within_days: 0, include_done: true };
    let items = due_items(store, scheme, kinds, lang, agenda, owners)?;
    plan_of_items(store, &items, scheme, q.capacity)
}

/// The plan from a day's list already read (Today's), with the regions from the book.
pub fn plan_of_items(store: &dyn Book, items: &[DueItem], scheme: &TierScheme, cap: Capacity) -> Result<Vec<PlanRow>> {
    let mut rows = propose(items, scheme, cap);
    for row in &mut rows {
        row.region = store.customer(row.item.customer.id)?.map(|c| c.fields.region).unwrap_or_default();
    }
    group_visits_by_region(&mut rows);
    Ok(rows)
}
