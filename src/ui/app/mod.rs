//! The app: owns the book, the screen stack, a modal and the status line. Keys become
//! actions (keymap), screens turn actions into effects, and `apply` carries the effects out:
//! the only place where the UI reads from or writes to the book. Errors become status-line
//! messages, never crashes. Reading for the screens is in `sync.rs`, opening screens in
//! `routes.rs` and `views.rs`, writing in `writes.rs` and `writes_contact.rs`, keeping
//! screens fresh after a change in `fresh.rs`.

mod draw;
mod failure;
mod fresh;
mod handover;
mod import_job;
mod input;
mod pin;
mod plan;
mod routes;
pub use failure::Failure;
pub use routes::RISK_QUESTIONNAIRE;
mod sync;
mod temperament;
mod views;
mod writes;
mod writes_contact;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};

use super::Env;
use super::action::Action;
use super::effect::{Effect, Route};
use super::keymap::{KeyChord, Scope};
use super::screens::{CustomerList, FollowUps, Report, Screen, Today};
use crate::i18n::{T, fill};
use crate::store::StoreError;
use crate::store::prelude::*;

type ImportJob = (
    std::thread::JoinHandle<Result<import_job::ImportDone, crate::app::AppError>>,
    std::sync::Arc<crate::app::import::Progress>,
    bool,
);

/// How long a write waits for another program's write lock before the app says the book
/// is busy: short enough that a key press never seems to hang.
const TUI_BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(200);

/// The smallest window the layout works in.
pub const MIN_WIDTH: u16 = 64;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Modal {
    Help {
        scroll: usize,
    },
    /// `on_no` None: a yes/no question (no and Esc both close it); Some: three ways out,
    /// where Esc closes without doing either.
    Confirm {
        question: String,
        on_yes: Effect,
        on_no: Option<Effect>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusKind {
    Info,
    Problem,
}

pub struct App {
    store: Box<dyn Book>,
    pub env: Env,
    screen: Screen,
    /// Screens below the current one; Esc returns to the last.
    stack: Vec<Screen>,
    /// Top-level views not shown right now, kept with their selection.
    parked: Vec<Screen>,
    /// The customer search, built on the first `/` and dropped when customers change.
    search_index: Option<crate::domain::search::SearchIndex>,
    /// The index being built in the background after the first screen was drawn.
    search_building: Option<std::thread::JoinHandle<crate::domain::search::SearchIndex>>,
    /// An import running in the background: its thread, its progress, whether it is a dry run.
    import_job: Option<ImportJob>,
    modal: Option<Modal>,
    status: Option<(String, StatusKind)>,
    quit: bool,
    /// Ctrl-C was pressed over typed text and asked: the next Ctrl-C quits.
    quit_armed: bool,
    /// The window is below the smallest size: only its note shows, only quit keys act.
    too_small: bool,
    /// Noticing other programs' writes: the book's data version when last looked at, when
    /// that was, and how often to look.
    watch: sync::Watch,
}

impl App {
    pub fn new(mut store: Box<dyn Book>, env: Env) -> Self {
        // A write lock held by another program must not freeze the screen: give up after a
        // moment and say so (the form stays open), instead of the CLI's patient wait.
        // (Setting it cannot fail on an open connection; if it did, the long wait stays.)
        store.set_busy_timeout(TUI_BUSY_WAIT).ok();
        // A session of small reads here and there (cannot fail either; if it did, reads
        // would only be slower).
        store.read_for_browsing().ok();
        let watch = sync::Watch::new(&*store);
        let mut env = env;
        env.scope = crate::app::scope::Scope::first(&*store);
        let mut app = Self {
            store,
            env,
            // tierdesk opens on Today: who to contact now.
            screen: Screen::Today(Today::new()),
            stack: Vec::new(),
            parked: Vec::new(),
            search_index: None,
            search_building: None,
            import_job: None,
            modal: None,
            status: None,
            quit: false,
            quit_armed: false,
            too_small: false,
            watch,
        };
        app.sync_data();
        app
    }

    /// Start building the search index on another thread, so that the first `/` answers at
    /// once (called by the run loop after the first draw; building takes a moment on a big book).
    pub fn prebuild_search(&mut self) {
        if self.search_index.is_some() || self.search_building.is_some() {
            return;
        }
        if let Ok(keyed) = self.store.search_candidates(&[], &self.env.scope.owners) {
            self.search_building =
                Some(std::thread::spawn(move || crate::domain::search::SearchIndex::from_keyed(keyed)));
        }
    }

    /// The search index: the one kept, else the one built in the background if it is ready,
    /// else built now. Only reading the book can fail.
    fn search_index(&mut self) -> Result<&mut crate::domain::search::SearchIndex, StoreError> {
        let index = match self.search_index.take() {
            Some(index) => index,
            None => match self.search_building.take().and_then(|h| h.join().ok()) {
                Some(index) => index,
                None => crate::app::search::index(&*self.store, &self.env.scope.owners)?,
            },
        };
        Ok(self.search_index.insert(index))
    }

    pub fn store(&self) -> &dyn Book {
        &*self.store
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|(s, _)| s.as_str())
    }

    pub fn warn(&mut self, text: String) {
        self.status = Some((text, StatusKind::Problem));
    }

    fn notify(&mut self, text: String) {
        self.status = Some((text, StatusKind::Info));
    }

    /// Lay out for a window of this size and fetch whatever the screens need to draw.
    /// Called before every draw (the run loop) and by tests.
    pub fn prepare(&mut self, area: Rect) {
        self.resize(area.width, area.height);
        self.tick();
        let body = Self::body_area(area);
        match &mut self.screen {
            Screen::Customers(list) => list.set_viewport(CustomerList::table_rows_for(CustomerList::table_area(body))),
            Screen::Today(today) => {
                today.set_viewport(today.rows_in(body));
                // A window taller than the list's start held: the rest is needed to draw it.
                if !today.head_fills_window() {
                    self.read_rest();
                }
            }
            Screen::Week(week) => week.set_viewport(crate::ui::screens::Week::table_rows_for(body)),
            Screen::FollowUps(list) => list.set_viewport(FollowUps::table_rows_for(body)),
            Screen::Report(report) => report.set_viewport(Report::rows_for(body)),
            _ => {}
        }
        self.sync_data();
    }

    fn body_area(area: Rect) -> Rect {
        let [_, body, _, _] = Self::layout(area);
        body
    }

    fn layout(area: Rect) -> [Rect; 4] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area)
    }

    /// One key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let Some(chord) = KeyChord::from_event(&key) else {
            return;
        };
        if self.too_small {
            return self.handle_key_too_small(&chord);
        }
        if self.env.keymap.resolve(&[Scope::Global], &chord) == Some(Action::ForceQuit) {
            return self.quit_now_or_ask();
        }
        // Every key acts on the whole list (the first frame may hold only its start).
        self.read_rest();
        // Any other key disarms: Ctrl-C quits on a second press only when pressed twice in a row.
        self.quit_armed = false;
        self.status = None;
        if let Some(modal) = self.modal.take() {
            self.handle_modal(modal, &chord);
            return;
        }
        let plain_char = match key.code {
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
            _ => None,
        };
        let effect = if let (true, Some(c)) = (self.screen.takes_text(), plain_char) {
            self.screen.type_char(c, &self.env)
        } else {
            match self.env.keymap.resolve(self.screen.scopes(), &chord) {
                Some(Action::Quit) => self.screen.on_quit(&self.env),
                Some(Action::Help) => {
                    self.modal = Some(Modal::Help { scroll: 0 });
                    Effect::None
                }
                Some(Action::Refresh) => {
                    self.refresh();
                    Effect::None
                }
                // Switching views works from any list, not from a half-filled form.
                Some(Action::ShowToday) => Effect::Open(Route::Today),
                Some(Action::ShowCustomers) => Effect::Open(Route::Customers),
                Some(Action::ShowFollowUps) => Effect::Open(Route::FollowUps),
                Some(Action::ShowMatrix) => Effect::Open(Route::Matrix),
                Some(Action::ShowReview) => Effect::Open(Route::Review),
                Some(Action::ShowReport) => Effect::Open(Route::Report),
                Some(Action::ShowPool) if !matches!(self.screen, Screen::Pool(_)) => Effect::Open(Route::Pool),
                Some(Action::Import) => Effect::Open(Route::Import),
                Some(Action::ToggleOwners) if self.screen.shows_owners() => {
                    self.toggle_owners();
                    Effect::None
                }
                // Undo works from every list and view (never while typing).
                Some(Action::Undo) => Effect::Save(crate::ui::effect::Write::Undo),
                // `/` finds anyone from every list; the customer list runs the search.
                Some(Action::Search) if !matches!(self.screen, Screen::Customers(_)) => Effect::Open(Route::Search),
                Some(Action::SearchNotes) if self.screen.scopes().contains(&Scope::List) => {
                    Effect::Open(Route::SearchNotes)
                }
                Some(action) => self.screen.update(action, &self.env),
                None => Effect::None,
            }
        };
        self.apply(effect);
    }

    fn handle_modal(&mut self, modal: Modal, chord: &KeyChord) {
        match modal {
            Modal::Help { scroll } => {
                let action = self.env.keymap.resolve(&[Scope::List, Scope::Global, Scope::Form], chord);
                match action {
                    Some(Action::Down) => self.modal = Some(Modal::Help { scroll: scroll + 1 }),
                    Some(Action::Up) => self.modal = Some(Modal::Help { scroll: scroll.saturating_sub(1) }),
                    Some(Action::PageDown) => self.modal = Some(Modal::Help { scroll: scroll + 10 }),
                    Some(Action::PageUp) => self.modal = Some(Modal::Help { scroll: scroll.saturating_sub(10) }),
                    // Any other key closes the overlay (Esc, ?, q ...).
                    _ => {}
                }
            }
            Modal::Confirm { question, on_yes, on_no } => match self.env.keymap.resolve(&[Scope::Confirm], chord) {
                Some(Action::Yes) => self.apply(on_yes),
                Some(Action::No) => {
                    if let Some(no) = on_no {
                        self.apply(no);
                    }
                }
                Some(Action::Dismiss) => {}
                // Anything else leaves the question open.
                _ => self.modal = Some(Modal::Confirm { question, on_yes, on_no }),
            },
        }
    }

    /// Carry out an effect.
    pub fn apply(&mut self, effect: Effect) {
        let result = match effect {
            Effect::None => Ok(()),
            Effect::Open(route) => self.open(route),
            Effect::Back => {
                self.back();
                Ok(())
            }
            Effect::Save(write) => self.write(write),
            Effect::Confirm { question, on_yes } => {
                self.modal = Some(Modal::Confirm { question, on_yes: *on_yes, on_no: None });
                Ok(())
            }
            Effect::Choose { question, on_yes, on_no } => {
                self.modal = Some(Modal::Confirm { question, on_yes: *on_yes, on_no: Some(*on_no) });
                Ok(())
            }
            Effect::Notify(text) => {
                self.notify(text);
                Ok(())
            }
            Effect::Warn(text) => {
                self.warn(text);
                Ok(())
            }
            Effect::Quit => {
                self.quit = true;
                Ok(())
            }
        };
        if let Err(e) = result {
            let text = self.failure_text(&e);
            self.warn(text);
        }
    }

    /// A failed action in words. A busy book is not the user's error: a form they were
    /// saving stays open with everything typed, and they are told to save again.
    pub(super) fn failure_text(&self, e: &Failure) -> String {
        let l = self.env.lang;
        if e.is_busy() && self.screen.takes_text() {
            let save = self.env.keymap.first_key(Scope::Form, Action::Save);
            return fill(T::BookBusyFormKept.get(l), &[&save]);
        }
        // The pool's refusals (the day's limit, a pin that is a lead's, taken first) are the
        // team's rules speaking, said as they are: not "Error:".
        if let Failure::Store(crate::store::StoreError::Pool(p)) = e {
            return crate::i18n::pool_texts::problem(p, l);
        }
        fill(T::ErrorPrefix.get(l), &[&e.text(l)])
    }
}

#[cfg(test)]
mod fresh_tests;
