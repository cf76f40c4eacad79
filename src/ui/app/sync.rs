//! Reading from the book for the screens: the window of the customer table, the Today
//! list, the follow-ups list, a customer's records, the coverage report. Only reads; writes
//! are in `writes.rs`.

use std::time::{Duration, Instant};

use super::App;
use super::fresh::{Changed, Reach};
use crate::app::agenda::{AgendaQuery, due_head, due_items};
use crate::domain::customer::CustomerId;
use crate::i18n::{Lang, T, fill};
use crate::store::prelude::*;
use crate::store::{ListQuery, StoreError};
use crate::ui::screens::follow_ups::FOLLOW_UP_LIMIT;
use crate::ui::screens::report::{PeopleReport, ReportMode};
use crate::ui::screens::week::WEEK_DAYS;
use crate::ui::screens::{CustomerView, NoReview, Screen, Today};

impl App {
    /// Fill whatever the current screen lacks from the book; problems go to the status line.
    pub(super) fn sync_data(&mut self) {
        if let Err(e) = self.try_sync() {
            let text = self.failure_text(&e.into());
            self.warn(text);
        }
        self.report_unreadable();
    }

    /// Rows left out of what was just read because their date cannot be read: named on the
    /// status line, unless something more pressing (an error, a saved write) is there.
    fn report_unreadable(&mut self) {
        let found = self.store.take_unreadable();
        if found.is_empty() || self.status_text().is_some() {
            return;
        }
        let l = self.env.lang;
        // The first few in full: the status line is one line (the CLI lists them all).
        let texts: Vec<String> = found.iter().take(3).map(|u| crate::i18n::dates::unreadable(u, l)).collect();
        let text = match texts.as_slice() {
            [one] => one.clone(),
            many => {
                fill(T::UnreadableDates.get(l), &[&many.len(), &many.join(if l == Lang::Zh { "；" } else { "; " })])
            }
        };
        self.warn(text);
    }

    fn try_sync(&mut self) -> Result<(), StoreError> {
        // The customer search first: it needs the index, which is the app's own.
        let wanted = match &self.screen {
            Screen::Customers(list) => list.search.as_ref().and_then(|b| b.wanted()).map(str::to_string),
            _ => None,
        };
        if let Some(query) = wanted {
            if let Some(pattern) = crate::ui::screens::search_bar::notes_pattern(&query) {
                let limit = crate::ui::screens::search_bar::SEARCH_LIMIT;
                let found = crate::app::search::find_notes(&*self.store, pattern, limit, &self.env.scope.owners)?;
                if let Screen::Customers(list) = &mut self.screen
                    && let Some(bar) = list.search.as_mut()
                {
                    bar.fill_notes(query, found);
                }
                return Ok(());
            }
            let hits = self.search_index()?.search(&query, crate::ui::screens::search_bar::SEARCH_LIMIT);
            let ids: Vec<_> = hits.iter().map(|h| h.id).collect();
            let rows = self.store.customer_rows_by_ids(&ids)?;
            let results = hits.into_iter().zip(rows).filter(|(h, r)| h.id == r.id).collect();
            if let Screen::Customers(list) = &mut self.screen
                && let Some(bar) = list.search.as_mut()
            {
                bar.fill(query, results);
            }
            return Ok(());
        }
        // `Z` on the customer list waits for the book's regions (read only when asked for).
        if let Screen::Customers(list) = &self.screen
            && list.wants_regions()
        {
            let regions = self.store.regions(&self.env.scope.owners)?;
            if let Screen::Customers(list) = &mut self.screen {
                let effect = list.set_regions(regions, &self.env);
                self.apply(effect);
            }
        }
        match &mut self.screen {
            Screen::Customers(list) => {
                let pending = list.take_pending_select();
                if list.wanted().is_none() && pending.is_none() {
                    return Ok(());
                }
                if list.counts_stale() {
                    let by_tier = tier_counts(&*self.store, &self.env, list.region())?;
                    let mut counts = vec![by_tier.iter().map(|(_, n)| n).sum()];
                    for tier in &self.env.scheme.tiers {
                        counts.push(by_tier.iter().find(|(c, _)| *c == tier.code).map(|(_, n)| *n).unwrap_or(0));
                    }
                    list.set_counts(counts);
                }
                if let Some(id) = pending {
                    let probe =
                        ListQuery { owners: self.env.scope.owners.clone(), ..list.wanted().unwrap_or_default() };
                    if let Some(pos) = self.store.position_of(&probe, id)? {
                        list.set_selected(pos);
                    }
                }
                if let Some(q) = list.wanted().map(|q| ListQuery { owners: self.env.scope.owners.clone(), ..q }) {
                    let rows = self.store.customer_window(&q, list.total())?;
                    list.fill(&q, rows);
                    let ids = list.row_ids();
                    list.set_ownership(crate::app::pool::ownership(
                        &*self.store,
                        &self.env.scheme,
                        self.env.today,
                        &ids,
                    )?);
                }
            }
            // Today reads the coming week with it (shown from their day on): the week ahead
            // then opens from memory, and one read serves both.
            Screen::Today(today) if today.is_stale() => {
                let q = AgendaQuery {
                    today: self.env.today,
                    assessments: self.env.assessments,
                    within_days: WEEK_DAYS - 1,
                    include_done: true,
                };
                let owners = &self.env.scope.owners;
                // The first frame: the list's start and the day's counts, read through the
                // index; the run loop reads the rest right after drawing it (`read_rest`).
                // A filter or the plan need every row: those read the whole list.
                if today.never_filled() && today.filter().is_empty() && !today.in_plan() {
                    let (scheme, kinds, lang) = (&self.env.scheme, &self.env.kinds, self.env.lang);
                    let start = due_head(&*self.store, scheme, kinds, lang, q, owners, HEAD_ROWS)?;
                    // Fewer rows in place than the day has and than a window shows: read it all.
                    if start.whole || start.items.len() >= HEAD_ROWS || start.items.len() == start.tally.0 {
                        // The coverage passes over every customer's index entry (a quarter of
                        // the 100,000-customer book's first frame): counted with the rest,
                        // right after this frame, when the day's list is more than was read.
                        let all_read = start.whole || start.items.len() == start.tally.0;
                        let coverage = if all_read { Some(self.store.coverage(self.env.today, owners)?) } else { None };
                        today.fill_head(start, coverage, self.env.today);
                        return pool_on_today(&*self.store, &self.env, today);
                    }
                }
                let items = due_items(&*self.store, &self.env.scheme, &self.env.kinds, self.env.lang, q, owners)?;
                let coverage = self.store.coverage(self.env.today, owners)?;
                today.fill(items, coverage, self.env.today);
                pool_on_today(&*self.store, &self.env, today)?;
                super::plan::refresh_plan(&*self.store, &self.env, today)?;
            }
            Screen::Week(week) if week.is_stale() => {
                let below = self.stack.iter().find_map(|s| match s {
                    Screen::Today(t) if !t.is_stale() => Some(t.week_items()),
                    _ => None,
                });
                let items = match below {
                    Some(items) => items,
                    None => {
                        let q = AgendaQuery {
                            today: self.env.today,
                            assessments: self.env.assessments,
                            within_days: WEEK_DAYS - 1,
                            include_done: false,
                        };
                        let owners = &self.env.scope.owners;
                        due_items(&*self.store, &self.env.scheme, &self.env.kinds, self.env.lang, q, owners)?
                    }
                };
                week.fill(items, self.env.today);
            }
            Screen::Review(r) if r.is_stale() => {
                let config = Some(&self.env.review);
                let run = match crate::app::review::choose_model(&self.env.scheme, None, config) {
                    Ok(model) => {
                        let policy = crate::app::review::policy(&model, config);
                        crate::app::review::run_review(&*self.store, model, policy, self.env.today)
                            .map_err(NoReview::Book)
                    }
                    Err(e) => Err(NoReview::Model(e)),
                };
                r.fill(run, self.env.lang);
            }
            Screen::Matrix(m) if m.is_stale() => {
                let tiers: Vec<String> = self.env.scheme.tiers.iter().map(|t| t.code.clone()).collect();
                let expired_through = self.env.assessments.expired_through(self.env.today);
                m.fill(&tiers, self.store.risk_matrix(expired_through)?);
            }
            Screen::Report(r) if r.is_stale() => match r.mode() {
                ReportMode::Tiers => r.fill(self.store.coverage_report(self.env.today)?),
                ReportMode::People => {
                    let owners = self.store.coverage_report_by_owner(self.env.today)?;
                    // Only names: a book that cannot list its people shows logins instead.
                    let people = self.store.people().unwrap_or_default();
                    r.fill_people(PeopleReport::new(self.env.today, owners, &people));
                }
            },
            Screen::FollowUps(list) if list.is_stale() => {
                let rows =
                    self.store.follow_up_rows(list.filter, self.env.today, FOLLOW_UP_LIMIT, &self.env.scope.owners)?;
                list.fill(rows);
            }
            _ => {}
        }
        Ok(())
    }

    /// The first frame showed the start of Today's list: read the whole list now, keeping
    /// the selection and the scroll (the rows shown are the same). The run loop calls it
    /// after drawing; a key, a paste or a draw that needs more rows call it first. True when
    /// it read the rest (then the loop draws again before anything else).
    pub fn read_rest(&mut self) -> bool {
        if let Screen::Today(today) = &mut self.screen
            && today.is_head()
        {
            today.mark_stale();
            self.sync_data();
            return true;
        }
        false
    }

    /// Whether another program changed the book since the last look; if so, reload what
    /// is shown (keeping each list's selection). `tick` calls it about once a second.
    pub fn check_book(&mut self) -> bool {
        let Some(changed) = self.watch.look(&*self.store) else { return false };
        if changed {
            self.reload_or_warn();
        }
        changed
    }

    /// The refresh key: reload everything from the book now, whoever changed it.
    pub(super) fn refresh(&mut self) {
        self.watch.look(&*self.store);
        if self.reload_or_warn() {
            self.notify(T::Reloaded.get(self.env.lang).to_string());
        }
    }

    /// The toggle's key: my customers, or everyone's, on Today, the customer list and the
    /// follow-ups (one scope for the three; the search follows it).
    pub(super) fn toggle_owners(&mut self) {
        let owners = crate::app::scope::toggled(&self.env.scope.owners, &self.env.user);
        self.env.scope = crate::app::scope::Scope::of(&*self.store, owners);
        self.reload_or_warn();
    }

    /// Look for other programs' writes if it is time to (called on every turn of the loop).
    pub(super) fn watch_book(&mut self) {
        if self.watch.due() {
            self.check_book();
        }
    }

    /// Someone else may have changed anything: every screen reads afresh.
    fn reload_or_warn(&mut self) -> bool {
        match self.mark_stale(Changed::EVERYTHING, Reach::Book) {
            Ok(()) => true,
            Err(e) => {
                let text = self.failure_text(&e);
                self.warn(text);
                false
            }
        }
    }

    pub(super) fn load_brief(&self, id: CustomerId) -> Result<Option<crate::app::brief::Brief>, crate::app::AppError> {
        let settings = crate::app::brief::BriefSettings {
            assessments: self.env.assessments,
            review: Some(self.env.review.clone()),
            late_rule: self.env.late_rule,
            temperaments: self.env.temperaments.clone(),
        };
        crate::app::brief::gather(&*self.store, id, self.env.today, &settings)
    }

    pub(super) fn load_view(&self, id: CustomerId) -> Result<Option<CustomerView>, StoreError> {
        let Some(customer) = self.store.customer(id)? else {
            return Ok(None);
        };
        let terms = crate::app::terms::for_customer(&*self.store, &customer, self.env.today, self.env.late_rule)?;
        let mut view = CustomerView::new(
            customer,
            self.store.tier_history(id)?,
            self.store.contacts_of(id, 500)?,
            self.store.follow_ups_of(id)?,
            self.store.customer_schedule(id)?,
            self.store.assessments_of(id)?,
        );
        view.terms = terms;
        Ok(Some(view))
    }
}

/// The rows of the list's start read for the first frame: more than any window shows.
const HEAD_ROWS: usize = 200;

/// How often the app looks whether another program wrote to the book.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The book's data version as last seen, and when it was last looked at.
pub(super) struct Watch {
    version: Option<i64>,
    checked: Instant,
}

impl Watch {
    pub(super) fn new(store: &dyn Book) -> Self {
        Self { version: store.data_version().ok(), checked: Instant::now() }
    }

    pub(super) fn due(&self) -> bool {
        self.checked.elapsed() >= WATCH_EVERY
    }

    /// Look now: Some(true) if someone else committed since the last look, None if the
    /// version cannot be read (the next look tries again).
    pub(super) fn look(&mut self, store: &dyn Book) -> Option<bool> {
        self.checked = Instant::now();
        let now = store.data_version().ok()?;
        let changed = self.version.is_some_and(|v| v != now);
        self.version = Some(now);
        Some(changed)
    }
}

/// Customers per tier code, of the scope's owners (and of one region, if given).
fn tier_counts(
    store: &dyn Book,
    env: &crate::ui::Env,
    region: Option<&str>,
) -> Result<Vec<(String, usize)>, StoreError> {
    let owners = &env.scope.owners;
    if *owners == crate::store::Owners::All && region.is_none() {
        return store.tier_counts();
    }
    let mut counts = Vec::new();
    for tier in &env.scheme.tiers {
        counts.push((tier.code.clone(), store.count_customers(Some(&tier.code), region, owners)?));
    }
    Ok(counts)
}

/// The pool's rules on Today (issue 17): days left on the rows held, a lead's escalated
/// group.
fn pool_on_today(store: &dyn Book, env: &crate::ui::Env, today: &mut Today) -> Result<(), StoreError> {
    if !crate::app::pool::has_rules(&env.scheme) {
        today.set_pool(Default::default(), Vec::new());
        return Ok(());
    }
    // The start of the list: the book says who may show days left in the whole list (the
    // column is drawn for them, before the rest is read).
    let near = if today.is_head() {
        crate::app::pool::may_show_days_left(store, &env.scheme, env.today, &env.scope.owners)?
    } else {
        today.customers_near_release(&env.scheme)
    };
    let ownership = crate::app::pool::ownership(store, &env.scheme, env.today, &near)?;
    today.set_pool(ownership, store.escalated(env.today)?);
    Ok(())
}
