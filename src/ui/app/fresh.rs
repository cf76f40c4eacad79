//! Keeping screens fresh, decided in one place: every write says what it changed in the
//! book (`Write::changes`), every screen says what it shows (`Screen::shows`), and
//! `App::mark_screen` marks (or reloads) a screen whose data a change touched. After a
//! write, an import, another program's write or the refresh key, `App::mark_stale` runs it
//! over every screen: the one shown, those stacked below it and the parked views.

use super::{App, Failure};
use crate::app::agenda::{AgendaQuery, customer_due_items};
use crate::domain::customer::CustomerId;
use crate::domain::due::DueItem;
use crate::store::StoreError;
use crate::ui::effect::Write;
use crate::ui::screens::change_log::HISTORY_LIMIT;
use crate::ui::screens::{Screen, Today};

/// Kinds of data in the book, as a set: what a write changed, or what a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Changed {
    /// Customers themselves: added, removed, names, companies, owners.
    pub customers: bool,
    pub contacts: bool,
    pub follow_ups: bool,
    /// Postponed requirements: they move what is due.
    pub snoozes: bool,
    /// Tiers and their sign-offs.
    pub tiers: bool,
    pub assessments: bool,
    pub indicators: bool,
    /// Late payments: they move a customer's payment terms.
    pub payments: bool,
}

impl Changed {
    pub const NOTHING: Changed = Changed {
        customers: false,
        contacts: false,
        follow_ups: false,
        snoozes: false,
        tiers: false,
        assessments: false,
        indicators: false,
        payments: false,
    };
    pub const EVERYTHING: Changed = Changed {
        customers: true,
        contacts: true,
        follow_ups: true,
        snoozes: true,
        tiers: true,
        assessments: true,
        indicators: true,
        payments: true,
    };
    /// Everything a customer's due dates and tier counts come from (all but indicators).
    const DUE: Changed = Changed { indicators: false, payments: false, ..Changed::EVERYTHING };

    /// Whether the two sets have a kind in common.
    pub fn meets(self, other: Changed) -> bool {
        (self.customers && other.customers)
            || (self.contacts && other.contacts)
            || (self.follow_ups && other.follow_ups)
            || (self.snoozes && other.snoozes)
            || (self.tiers && other.tiers)
            || (self.assessments && other.assessments)
            || (self.indicators && other.indicators)
            || (self.payments && other.payments)
    }
}

impl Write {
    /// What this write changes in the book (when it succeeds).
    pub(crate) fn changes(&self) -> Changed {
        let none = Changed::NOTHING;
        match self {
            // A new customer starts with a tier (and maybe a pending sign-off); an edit may
            // change the tier.
            Write::AddCustomer(_) | Write::UpdateCustomer(..) => Changed { customers: true, tiers: true, ..none },
            // Their contacts, follow-ups and the rest go with them.
            Write::DeleteCustomer(..) => Changed::EVERYTHING,
            // A contact may close a follow-up or set a new one.
            Write::LogContact { .. } | Write::UpdateContact(..) | Write::DeleteContact(_) => {
                Changed { contacts: true, follow_ups: true, ..none }
            }
            Write::MarkDone { .. } | Write::Reschedule { .. } => Changed { follow_ups: true, ..none },
            Write::Snooze { .. } => Changed { snoozes: true, ..none },
            Write::LatePayment { .. } => Changed { payments: true, ..none },
            Write::RecordAssessment { .. } => Changed { assessments: true, ..none },
            Write::ChangeTier { .. } | Write::Approve { .. } | Write::AcceptSuggestions { .. } => {
                Changed { tiers: true, ..none }
            }
            Write::RecordIndicators { .. } => Changed { indicators: true, ..none },
            // Only the owner changes; what hangs on the customer goes with them.
            Write::HandOver { .. } | Write::Claim { .. } | Write::Pin { .. } => Changed { customers: true, ..none },
            Write::SetTemperament { .. } => Changed { customers: true, ..none },
            // An undo can take back any of the above.
            Write::Undo => Changed::EVERYTHING,
            // A draft is the interview's own; the import says what it changed when it ends
            // (it runs in the background).
            Write::SaveDraft { .. } | Write::DiscardDraft { .. } | Write::ImportPreview(_) | Write::ImportRun(_) => {
                none
            }
        }
    }
}

impl Screen {
    /// What this screen shows from the book: a change that meets it makes it stale.
    pub(crate) fn shows(&self) -> Changed {
        let none = Changed::NOTHING;
        match self {
            Screen::Today(_) | Screen::Customers(_) | Screen::Report(_) | Screen::Week(_) => Changed::DUE,
            Screen::FollowUps(_) => Changed { customers: true, follow_ups: true, ..none },
            Screen::Matrix(_) => Changed { customers: true, tiers: true, assessments: true, ..none },
            Screen::Review(_) => Changed { customers: true, tiers: true, indicators: true, ..none },
            // A customer's page and the change log show all there is about one customer.
            Screen::Customer(_) | Screen::ChangeLog(_) | Screen::Brief(_) => Changed::EVERYTHING,
            // Forms and prompts hold what is being typed, not what the book says.
            Screen::Form(_)
            | Screen::ContactForm(_)
            | Screen::Prompt(_)
            | Screen::Interview(_)
            | Screen::Import(_)
            | Screen::TierPrompt(_)
            | Screen::Indicators(_)
            | Screen::Picker(_)
            | Screen::Temperament(_) => none,
            // Read as it opens; a claim closes it.
            Screen::Pool(_) => none,
        }
    }
}

/// How far a change reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reach {
    /// Anything in the book may have changed.
    Book,
    /// Only this customer's records changed; `before` is its tier and whether it was overdue
    /// before the write, which keeps Today's coverage counts exact without a recount.
    Customer { id: CustomerId, before: Option<(String, bool)> },
}

/// One customer's fresh Today rows, and how its coverage moved (its tier before, whether it
/// was late, whether it is).
struct Spliced {
    rows: Vec<DueItem>,
    coverage: Option<(String, bool, bool)>,
}

/// One customer's fresh Today rows, read once for all screens that need them.
#[derive(Default)]
struct Splice {
    read: Option<Spliced>,
}

impl App {
    /// After a change: mark every screen whose data it touched, then fetch what the shown
    /// screen needs. Customer pages of a deleted customer close.
    pub(super) fn mark_stale(&mut self, changed: Changed, reach: Reach) -> Result<(), Failure> {
        if changed.customers || changed.tiers {
            // The search index holds names, companies and tiers: rebuilt on the next search.
            self.search_index = None;
            self.search_building = None;
        }
        let mut screens = std::mem::take(&mut self.stack);
        screens.push(std::mem::replace(&mut self.screen, Screen::Today(Today::new())));
        let mut parked = std::mem::take(&mut self.parked);
        let mut splice = Splice::default();
        let marked = self
            .mark_each(&mut screens, changed, &reach, &mut splice)
            .and_then(|kept| self.mark_each(&mut parked, changed, &reach, &mut splice).map(|_| kept));
        // Put the screens back even after a failure, so that nothing open is lost.
        let kept = marked.as_ref().map_or_else(|_| vec![true; screens.len()], Clone::clone);
        let mut kept: Vec<Screen> = screens.into_iter().zip(kept).filter_map(|(s, k)| k.then_some(s)).collect();
        self.parked = parked;
        self.screen = kept.pop().unwrap_or_else(|| Screen::Today(Today::new()));
        self.stack = kept;
        marked?;
        self.sync_data();
        Ok(())
    }

    /// A view shown again reads afresh: another program may have written meanwhile.
    pub(super) fn mark_shown_stale(&mut self) {
        let mut shown = std::mem::replace(&mut self.screen, Screen::Today(Today::new()));
        let marked = self.mark_screen(&mut shown, Changed::EVERYTHING, &Reach::Book, &mut Splice::default());
        self.screen = shown;
        if let Err(e) = marked {
            let text = self.failure_text(&e);
            self.warn(text);
        }
    }

    /// `mark_screen` over each screen: whether each is still there.
    fn mark_each(
        &self,
        screens: &mut [Screen],
        changed: Changed,
        reach: &Reach,
        splice: &mut Splice,
    ) -> Result<Vec<bool>, Failure> {
        screens.iter_mut().map(|s| self.mark_screen(s, changed, reach, splice)).collect()
    }

    /// The one place that decides how a change reaches a screen: untouched, marked stale
    /// (it reloads when next shown), or reloaded now. False when the screen's customer is gone.
    fn mark_screen(
        &self,
        screen: &mut Screen,
        changed: Changed,
        reach: &Reach,
        splice: &mut Splice,
    ) -> Result<bool, Failure> {
        if !screen.shows().meets(changed) {
            return Ok(true);
        }
        let elsewhere = |customer: CustomerId| matches!(reach, Reach::Customer { id, .. } if *id != customer);
        match screen {
            Screen::Today(today) => match reach {
                Reach::Book => today.mark_stale(),
                // One customer's rows are spliced in: recomputing a big book's Today is slow.
                Reach::Customer { id, before } => {
                    let Spliced { rows, coverage } = self.spliced(*id, before, splice)?;
                    let scheme = &self.env.scheme;
                    let coverage = coverage.as_ref().map(|(tier, was, is)| (tier.as_str(), *was, *is));
                    today.replace_customer(*id, rows.clone(), &|code: &str| scheme.rank(code), coverage);
                    super::plan::refresh_plan(&*self.store, &self.env, today)?;
                }
            },
            Screen::Customers(list) => {
                // Tier counts move only when customers or tiers do.
                if changed.customers || changed.tiers {
                    list.mark_stale();
                } else {
                    list.mark_rows_stale();
                }
                if let Some(bar) = list.search.as_mut() {
                    bar.mark_stale();
                }
            }
            Screen::FollowUps(list) => list.mark_stale(),
            // A week is read whole (well under a tenth of a second on a big book).
            Screen::Week(w) => w.mark_stale(),
            Screen::Matrix(m) => m.mark_stale(),
            Screen::Review(r) => r.mark_stale(),
            Screen::Report(r) => r.mark_stale(),
            Screen::Customer(view) if elsewhere(view.customer.id) => {}
            Screen::Customer(view) => match self.load_view(view.customer.id)? {
                Some(fresh) => view.refresh(fresh),
                None => return Ok(false),
            },
            Screen::ChangeLog(log) if elsewhere(log.customer) => {}
            Screen::ChangeLog(log) => log.refresh(self.store.audit_of(log.customer, HISTORY_LIMIT)?),
            Screen::Brief(b) if elsewhere(b.customer()) => {}
            Screen::Brief(b) => match self.load_brief(b.customer())? {
                Some(fresh) => b.refresh(fresh),
                None => return Ok(false),
            },
            Screen::Form(_)
            | Screen::ContactForm(_)
            | Screen::Prompt(_)
            | Screen::Interview(_)
            | Screen::Import(_)
            | Screen::TierPrompt(_)
            | Screen::Indicators(_)
            | Screen::Picker(_)
            | Screen::Pool(_)
            | Screen::Temperament(_) => {}
        }
        Ok(true)
    }

    /// A customer's Today rows and how its coverage moved, read on first use.
    fn spliced<'s>(
        &self,
        customer: CustomerId,
        before: &Option<(String, bool)>,
        splice: &'s mut Splice,
    ) -> Result<&'s Spliced, StoreError> {
        let read = match splice.read.take() {
            Some(read) => read,
            None => {
                let q = AgendaQuery {
                    today: self.env.today,
                    assessments: self.env.assessments,
                    // Today holds the coming week's rows too (for the week ahead).
                    within_days: crate::ui::screens::week::WEEK_DAYS - 1,
                    include_done: true,
                };
                let (scheme, kinds, lang) = (&self.env.scheme, &self.env.kinds, self.env.lang);
                // A customer outside the lists' scope (another's, while showing mine) has no rows.
                let owner = self.store.customer(customer)?.map(|c| c.fields.owner).unwrap_or_default();
                let rows = if self.env.scope.owners.includes(&owner) {
                    customer_due_items(&*self.store, scheme, kinds, lang, q, customer)?
                } else {
                    Vec::new()
                };
                let coverage = match (before, self.due_state(customer)) {
                    (Some((tier, was)), Some((_, is))) => Some((tier.clone(), *was, is)),
                    _ => None,
                };
                Spliced { rows, coverage }
            }
        };
        Ok(splice.read.insert(read))
    }

    /// A customer's tier and whether it is overdue, for keeping the coverage counts exact
    /// without recounting the book.
    pub(super) fn due_state(&self, customer: CustomerId) -> Option<(String, bool)> {
        let c = self.store.customer(customer).ok()??;
        Some((c.fields.tier.clone(), c.next_due_on < self.env.today))
    }
}
