//! Writing to the book on the user's behalf, then refreshing the screens and saying what
//! happened. A failed write leaves the form open with everything typed, and says why.

use super::{App, Failure};
use crate::agenda::{AgendaQuery, customer_due_items};
use crate::domain::customer::CustomerId;
use crate::i18n::{T, fill};
use crate::store::StoreError;
use crate::ui::effect::Write;
use crate::ui::screens::Screen;

impl App {
    pub(super) fn write(&mut self, write: Write) -> Result<(), Failure> {
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
                let awaiting = self.store.customer(id)?.is_some_and(|c| c.signoff_pending);
                let text = if awaiting { T::AddedAwaiting } else { T::Added };
                self.notify(fill(text.get(l), &[&fields.name]));
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
                let customer = entry.contact.customer;
                let before = self.due_state(customer);
                self.store.log_contact(&entry, closes)?;
                self.back();
                self.after_customer_write(customer, before)?;
                if advance && let Screen::Today(today) = &mut self.screen {
                    today.advance();
                }
                let kind = self.env.kinds.name(&entry.contact.kind, l).to_string();
                self.notify(fill(T::Logged.get(l), &[&name, &kind, &entry.contact.on]));
            }
            Write::UpdateContact(id, entry) => {
                let before = self.due_state(entry.contact.customer);
                self.store.update_contact(id, &entry.contact)?;
                self.back();
                self.after_customer_write(entry.contact.customer, before)?;
                self.notify(T::ContactSaved.get(l).to_string());
            }
            Write::DeleteContact(id) => {
                let customer = self.store.contact(id)?.map(|c| c.customer);
                let before = customer.and_then(|c| self.due_state(c));
                let customer = self.store.delete_contact(id)?;
                self.after_customer_write(customer, before)?;
                self.notify(T::ContactDeleted.get(l).to_string());
            }
            Write::MarkDone { follow_up, done, what } => {
                let customer = self.store.set_follow_up_done(follow_up, done)?;
                self.after_customer_write(customer, None)?;
                self.notify(fill(if done { T::MarkedDone.get(l) } else { T::Reopened.get(l) }, &[&what]));
            }
            Write::Reschedule { follow_up, to, reason, what } => {
                let customer = self.store.reschedule_follow_up(follow_up, to, &reason)?;
                self.back();
                self.after_customer_write(customer, None)?;
                self.notify(fill(T::Rescheduled.get(l), &[&to, &what]));
            }
            // Checking and importing run on another connection in the background, so the
            // screen can show how far they are; `tick` picks up the result.
            Write::ImportPreview(req) => self.start_import(req, true),
            Write::ImportRun(req) => self.start_import(req, false),
            Write::SaveDraft { customer, questionnaire, answers, at_question } => {
                // Kept after every answer; a failure is shown but does not stop the interview.
                if let Some(q) = crate::data::questionnaire(&questionnaire)
                    && let Err(e) = self.store.save_draft(customer, &q, &answers, at_question)
                {
                    let text = self.assessment_failure(e);
                    self.warn(text);
                }
            }
            Write::DiscardDraft { customer, questionnaire } => {
                self.store.discard_draft(customer, &questionnaire)?;
                self.back();
                self.notify(T::DraftDiscarded.get(l).to_string());
            }
            Write::RecordAssessment { customer, name, questionnaire, answers } => {
                let Some(q) = crate::data::questionnaire(&questionnaire) else { return Ok(()) };
                let before = self.due_state(customer);
                match self.store.record_assessment(customer, &q, &answers, self.env.today) {
                    Ok(_) => {
                        self.back();
                        self.after_customer_write(customer, before)?;
                        let score = q.score(&answers).unwrap_or(0);
                        let band = q.band(score).name.get(l).to_string();
                        self.notify(fill(T::AssessmentSaved.get(l), &[&name, &score, &band]));
                    }
                    Err(e) => {
                        let text = self.assessment_failure(e);
                        self.warn(text);
                    }
                }
            }
            Write::ChangeTier { customer, tier, reason, name } => {
                let before = self.due_state(customer);
                let change = self.store.change_tier(customer, &tier, &reason)?;
                self.back();
                self.after_customer_write(customer, before)?;
                self.reload_all()?;
                let from = change.from.clone().unwrap_or_default();
                let text = if change.awaiting_signoff() { T::TierChangedAwaiting } else { T::TierChanged };
                self.notify(fill(text.get(l), &[&name, &from, &change.to]));
            }
            Write::Approve { customer, by, name } => {
                let change = self.store.approve_tier(customer, &by)?;
                self.back();
                self.reload_all()?;
                let text = if change.approver_verified { T::SignedOff } else { T::SignedOffUnverifiedStatus };
                self.notify(fill(text.get(l), &[&name, &change.approved_by.unwrap_or(by)]));
            }
            Write::AcceptSuggestions { model, moves, label } => {
                let moved = self.store.apply_review(&moves, &model)?;
                self.reload_all()?;
                if moved > 0 {
                    let mut text = fill(T::ReviewAccepted.get(l), &[&label, &model]);
                    let top = self.env.scheme.tiers.first().map(|t| t.code.clone()).unwrap_or_default();
                    let into_top = moves.iter().filter(|(_, to)| *to == top).count();
                    if into_top > 0 {
                        text.push_str(&fill(T::ReviewAwaitingSignoff.get(l), &[&into_top, &top]));
                    }
                    self.notify(text);
                }
            }
            Write::RecordIndicators { customer, name, measured_on, values } => {
                let model = crate::regrade::choose_model(&self.env.scheme, None, Some(&self.env.review))
                    .map_err(Failure::NoModel)?;
                let mut typed = Vec::with_capacity(values.len());
                for (code, raw) in values {
                    let i = model.indicator_index(&code).ok_or_else(|| Failure::UnknownIndicator(code.clone()))?;
                    let v = model
                        .parse_value(i, &raw)
                        .map_err(|problem| Failure::BadValue { code: code.clone(), problem })?;
                    typed.push((model.indicators[i].code.clone(), v));
                }
                let m = crate::store::Measurement { customer, measured_on, values: typed };
                let n = self.store.record_indicators(std::slice::from_ref(&m))?;
                self.back();
                self.reload_all()?;
                self.notify(fill(T::IndicatorsSaved.get(l), &[&name, &n, &measured_on]));
            }
            Write::Undo => match self.store.undo_last()? {
                None => self.notify(T::NothingToUndo.get(l).to_string()),
                Some(undone) => {
                    self.reload_all()?;
                    self.notify(fill(T::Undid.get(l), &[&describe_undone(&undone, l)]));
                }
            },
            Write::Snooze { customer, requirement, until, reason, name } => {
                let before = self.due_state(customer);
                self.store.snooze(customer, requirement, until, &reason)?;
                self.back();
                self.after_customer_write(customer, before)?;
                self.notify(fill(T::Snoozed.get(l), &[&until, &name]));
            }
        }
        Ok(())
    }

    /// A failed assessment or draft in words: the book's own problems as every other.
    pub(super) fn assessment_failure(&self, e: crate::store::AssessmentError) -> String {
        match e {
            crate::store::AssessmentError::Store(e) => self.failure_text(&e.into()),
            other => other.to_string(),
        }
    }

    /// A customer's tier and whether it is overdue, for keeping the coverage counts exact
    /// without recounting the book.
    fn due_state(&self, customer: CustomerId) -> Option<(String, bool)> {
        let c = self.store.customer(customer).ok()??;
        Some((c.fields.tier.clone(), c.next_due_on < self.env.today))
    }

    /// After a write that touched one customer only: splice that customer's rows into the
    /// Today list instead of recomputing the whole book, reload the rows of other lists in
    /// view, and the customer's own view.
    fn after_customer_write(&mut self, customer: CustomerId, before: Option<(String, bool)>) -> Result<(), StoreError> {
        let after = self.due_state(customer);
        let q = AgendaQuery {
            today: self.env.today,
            assessments: self.env.assessments,
            within_days: 0,
            include_done: true,
        };
        let fresh = customer_due_items(&self.store, &self.env.scheme, &self.env.kinds, self.env.lang, q, customer)?;
        let view = self.load_view(customer)?;
        let scheme = self.env.scheme.clone();
        let rank = |code: &str| scheme.rank(code);
        let coverage = match (&before, &after) {
            (Some((tier, was)), Some((_, is))) => Some((tier.as_str(), *was, *is)),
            _ => None,
        };
        let screens = std::iter::once(&mut self.screen).chain(self.stack.iter_mut()).chain(self.parked.iter_mut());
        for s in screens {
            match s {
                Screen::Today(today) => today.replace_customer(customer, fresh.clone(), &rank, coverage),
                Screen::Customers(list) => list.mark_rows_stale(),
                Screen::FollowUps(list) => list.mark_stale(),
                Screen::Customer(v) if v.customer.id == customer => {
                    if let Some(fresh_view) = view.clone() {
                        v.refresh(fresh_view);
                    }
                }
                _ => {}
            }
        }
        self.sync_data();
        Ok(())
    }

    /// Start an import (or its dry run) on a thread with its own connection to the book.
    fn start_import(&mut self, req: crate::ui::effect::ImportRequest, dry_run: bool) {
        let Some(path) = self.store.path().map(|p| p.to_path_buf()) else { return };
        let progress = std::sync::Arc::new(crate::importer::Progress::default());
        let report = progress.clone();
        let (clock, user, today, lang) =
            (self.store.clock(), self.store.user().to_string(), self.env.today, self.env.lang);
        let session = self.store.session().to_string();
        let handle = std::thread::spawn(move || -> Result<String, String> {
            let words = |e: crate::store::StoreError| crate::i18n::problems::store_error(&e, lang);
            let mut store = crate::store::Store::open(&path, clock, &user).map_err(words)?;
            // The import is part of this session: `u` can take it back.
            store.join_session(&session).map_err(words)?;
            run_import(&mut store, &req, dry_run, today, report, lang)
        });
        if let Screen::Import(s) = &mut self.screen {
            s.stage = crate::ui::screens::import::Stage::Running { done: 0, total: 0 };
        }
        self.import_job = Some((handle, progress, dry_run));
    }

    /// While an import runs: show its progress; when it ends, its outcome.
    pub fn tick(&mut self) {
        self.watch_book();
        let Some((handle, progress, dry_run)) = self.import_job.take() else { return };
        if !handle.is_finished() {
            let (_, done, total) = progress.get();
            if let Screen::Import(s) = &mut self.screen {
                s.stage = crate::ui::screens::import::Stage::Running { done, total };
            }
            self.import_job = Some((handle, progress, dry_run));
            return;
        }
        let stopped = || Err(crate::i18n::problems::P::ImportStopped.get(self.env.lang).to_string());
        let result = handle.join().unwrap_or_else(|_| stopped());
        use crate::ui::screens::import::Stage;
        let stage = match (&result, dry_run) {
            (Ok(text), false) => Stage::Done(text.clone()),
            (other, _) => Stage::Preview(other.clone()),
        };
        if !dry_run && result.is_ok() {
            if let Err(e) = self.reload_all() {
                let text = self.failure_text(&e.into());
                self.warn(text);
            }
            if let Ok(text) = &result {
                self.notify(text.lines().next().unwrap_or_default().to_string());
            }
        }
        if let Screen::Import(s) = &mut self.screen {
            s.stage = stage;
        }
    }

    /// Whether background work is running (the run loop then redraws more often).
    pub fn busy(&self) -> bool {
        self.import_job.is_some()
    }
}

/// What an undo took back, in a line: its first entries, most telling first (what was
/// added or removed before what was merely changed along with it).
fn describe_undone(undone: &crate::store::Undone, lang: crate::i18n::Lang) -> String {
    use crate::domain::audit::Op;
    let mut entries: Vec<&crate::domain::audit::AuditEntry> = undone.entries.iter().collect();
    entries.sort_by_key(|e| (e.op == Op::Changed) as u8);
    let Some(first) = entries.first() else { return String::new() };
    // One change that touched many records of one kind (an accepted review, an import) reads
    // as their number.
    let alike = entries.iter().filter(|e| e.entity == first.entity && e.op == first.op).count();
    if alike > 1 {
        return fill(T::UndidMany.get(lang), &[&first.op.name(lang), &alike, &first.entity.name(lang)]);
    }
    let parts: Vec<String> = entries.iter().take(2).map(|e| e.describe(lang)).collect();
    let more = entries.len().saturating_sub(2);
    if more > 0 { format!("{} (+{more})", parts.join(" / ")) } else { parts.join(" / ") }
}

/// Run an import (or its dry run) and word the outcome: the summary, or every problem.
fn run_import(
    store: &mut crate::store::Store,
    req: &crate::ui::effect::ImportRequest,
    dry_run: bool,
    today: chrono::NaiveDate,
    report: std::sync::Arc<crate::importer::Progress>,
    lang: crate::i18n::Lang,
) -> Result<String, String> {
    use crate::i18n::import_problems::{Audience, Voice};
    use crate::importer::{ImportOptions, Imported, describe, import_contacts, import_customers};
    use crate::ui::screens::import::ImportKind;
    let opts = ImportOptions {
        dry_run,
        on_duplicate: req.on_duplicate,
        encoding: None,
        progress: false,
        report: Some(report),
        voice: Voice { lang, audience: Audience::App },
    };
    let mut warnings = Vec::new();
    let mut warn = |w: &str| warnings.push(w.to_string());
    let (what, result) = match req.kind {
        ImportKind::Customers => (Imported::Customers, import_customers(store, &req.path, &opts, today, &mut warn)),
        ImportKind::Contacts => (Imported::Contacts, import_contacts(store, &req.path, &opts, today, &mut warn)),
    };
    match result {
        Ok(summary) => {
            let mut text = describe(&req.path, what, &summary, lang);
            for w in warnings {
                text.push_str(&format!("\n{w}"));
            }
            Ok(text)
        }
        Err(e) => Err(e.text(lang)),
    }
}
