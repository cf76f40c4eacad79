//! The app: owns the book, the screen stack, a modal and the status line. Keys become
//! actions (keymap), screens turn actions into effects, and `apply` carries the effects out:
//! the only place where the UI reads from or writes to the book. Errors become status-line
//! messages, never crashes.

use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Env;
use super::action::Action;
use super::effect::{Effect, Route, Write};
use super::keymap::{KeyChord, Scope};
use super::screens::{CustomerForm, CustomerList, CustomerView, Screen};
use super::widgets::{centered, confirm::confirm_box, help};
use crate::domain::customer::CustomerId;
use crate::i18n::{T, fill};
use crate::store::{Store, StoreError};
use crate::textwidth;

/// The smallest window the layout works in.
pub const MIN_WIDTH: u16 = 64;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Modal {
    Help { scroll: usize },
    Confirm { question: String, on_yes: Effect },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusKind {
    Info,
    Problem,
}

pub struct App {
    store: Store,
    pub env: Env,
    screen: Screen,
    /// Screens below the current one; Esc returns to the last.
    stack: Vec<Screen>,
    modal: Option<Modal>,
    status: Option<(String, StatusKind)>,
    quit: bool,
}

impl App {
    pub fn new(store: Store, env: Env) -> Self {
        let list = CustomerList::new(env.scheme.tiers.iter().map(|t| t.code.clone()).collect());
        let mut app = Self {
            store,
            env,
            screen: Screen::Customers(list),
            stack: Vec::new(),
            modal: None,
            status: None,
            quit: false,
        };
        app.sync_data();
        app
    }

    pub fn store(&self) -> &Store {
        &self.store
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
        let body = Self::body_area(area);
        if let Screen::Customers(list) = &mut self.screen {
            list.set_viewport(CustomerList::table_rows_for(CustomerList::table_area(body)));
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

    /// Fill the list screen's window (and select a pending customer) from the book.
    fn sync_data(&mut self) {
        if let Err(e) = self.try_sync() {
            self.warn(e.to_string());
        }
    }

    fn try_sync(&mut self) -> Result<(), StoreError> {
        let Screen::Customers(list) = &mut self.screen else {
            return Ok(());
        };
        let pending = list.take_pending_select();
        if list.wanted().is_none() && pending.is_none() {
            return Ok(());
        }
        if list.counts_stale() {
            let by_tier = self.store.tier_counts()?;
            let mut counts = vec![by_tier.iter().map(|(_, n)| n).sum()];
            for tier in &self.env.scheme.tiers {
                counts.push(by_tier.iter().find(|(c, _)| *c == tier.code).map(|(_, n)| *n).unwrap_or(0));
            }
            list.set_counts(counts);
        }
        if let Some(id) = pending {
            let probe = list.wanted().unwrap_or_default();
            if let Some(pos) = self.store.position_of(&probe, id)? {
                list.set_selected(pos);
            }
        }
        if let Some(q) = list.wanted() {
            let rows = self.store.customer_window(&q, list.total())?;
            list.fill(&q, rows);
        }
        Ok(())
    }

    fn load_view(&self, id: CustomerId) -> Result<Option<CustomerView>, StoreError> {
        let Some(customer) = self.store.customer(id)? else {
            return Ok(None);
        };
        Ok(Some(CustomerView::new(
            customer,
            self.store.tier_history(id)?,
            self.store.contacts_of(id, 500)?,
            self.store.follow_ups_of(id)?,
        )))
    }

    /// After a write: every screen's data may be out of date.
    fn reload_all(&mut self) -> Result<(), StoreError> {
        let mut screens: Vec<Screen> = std::mem::take(&mut self.stack);
        screens.push(self.screen.clone());
        let mut kept = Vec::with_capacity(screens.len());
        for mut s in screens {
            match &mut s {
                Screen::Customers(list) => list.mark_stale(),
                Screen::Customer(view) => match self.load_view(view.customer.id)? {
                    Some(fresh) => view.refresh(fresh),
                    None => continue, // deleted: the view goes away
                },
                Screen::Form(_) => {}
            }
            kept.push(s);
        }
        self.screen = kept.pop().unwrap_or_else(|| {
            Screen::Customers(CustomerList::new(self.env.scheme.codes().iter().map(|c| c.to_string()).collect()))
        });
        self.stack = kept;
        self.sync_data();
        Ok(())
    }

    /// One key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let Some(chord) = KeyChord::from_event(&key) else {
            return;
        };
        if self.env.keymap.resolve(&[Scope::Global], &chord) == Some(Action::ForceQuit) {
            self.quit = true;
            return;
        }
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
            Modal::Confirm { question, on_yes } => {
                match self.env.keymap.resolve(&[Scope::Confirm], chord) {
                    Some(Action::Yes) => self.apply(on_yes),
                    Some(Action::No) => {}
                    // Anything else leaves the question open.
                    _ => self.modal = Some(Modal::Confirm { question, on_yes }),
                }
            }
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
                self.modal = Some(Modal::Confirm { question, on_yes: *on_yes });
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
            self.warn(fill(T::ErrorPrefix.get(self.env.lang), &[&describe(&e, self.env.lang)]));
        }
    }

    fn push(&mut self, screen: Screen) {
        let below = std::mem::replace(&mut self.screen, screen);
        self.stack.push(below);
    }

    fn back(&mut self) {
        if let Some(prev) = self.stack.pop() {
            self.screen = prev;
            self.sync_data();
        }
    }

    fn open(&mut self, route: Route) -> Result<(), StoreError> {
        match route {
            Route::Customer(id) => {
                if let Some(view) = self.load_view(id)? {
                    self.push(Screen::Customer(view));
                }
            }
            Route::NewCustomer { tier } => {
                let default = tier.or_else(|| self.env.scheme.tiers.last().map(|t| t.code.clone())).unwrap_or_default();
                self.push(Screen::Form(CustomerForm::add(&default, self.env.today, &self.env.user)));
            }
            Route::EditCustomer(id) => {
                if let Some(c) = self.store.customer(id)? {
                    self.push(Screen::Form(CustomerForm::edit(c)));
                }
            }
        }
        Ok(())
    }

    fn write(&mut self, write: Write) -> Result<(), StoreError> {
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
                let reason = T::EditedInForm.get(l);
                self.store.update_customer(id, &fields, reason)?;
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
        }
        Ok(())
    }

    /// Draw everything. Changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let t = &self.env.theme;
        let l = self.env.lang;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = fill(T::TooSmall.get(l), &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height]);
            let h = (textwidth::width(&msg) as u16 / area.width.max(1)) + 1;
            let rect = centered(area, area.width, h.min(area.height));
            frame.render_widget(Paragraph::new(msg).style(t.warn).wrap(Wrap { trim: true }).centered(), rect);
            return;
        }
        let [top, body, status, keys] = Self::layout(area);
        self.draw_top_bar(frame, top);
        self.screen.render(frame, body, &self.env);
        if let Some((text, kind)) = &self.status {
            let style = match kind {
                StatusKind::Info => t.ok,
                StatusKind::Problem => t.danger,
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", textwidth::fit(text, status.width as usize - 1)), style)),
                status,
            );
        }
        let items: &[(Scope, Action)] = match &self.modal {
            Some(Modal::Confirm { .. }) => &[(Scope::Confirm, Action::Yes), (Scope::Confirm, Action::No)],
            _ => self.screen.help_items(),
        };
        help::help_bar(frame, keys, items, &self.env.keymap, t, l);
        match &self.modal {
            Some(Modal::Help { scroll }) => help::help_overlay(frame, body, &self.env.keymap, t, l, *scroll),
            Some(Modal::Confirm { question, .. }) => confirm_box(frame, body, question, &self.env.keymap, t, l),
            None => {}
        }
    }

    fn draw_top_bar(&self, frame: &mut Frame, area: Rect) {
        let t = &self.env.theme;
        let l = self.env.lang;
        let weekday = match l {
            crate::i18n::Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                [self.env.today.weekday().num_days_from_monday() as usize]
                .to_string(),
            crate::i18n::Lang::En => self.env.today.format("%a").to_string(),
        };
        let right = format!("{} {} ", self.env.today, weekday);
        let left = format!(" {} | {} | {}", T::AppName.get(l), self.env.book_label, self.env.scheme.name(l));
        let room = (area.width as usize).saturating_sub(textwidth::width(&right) + 1);
        let left = textwidth::fit(&left, room);
        let gap = (area.width as usize).saturating_sub(textwidth::width(&left) + textwidth::width(&right));
        let line =
            Line::from(vec![Span::styled(left, t.title), Span::raw(" ".repeat(gap)), Span::styled(right, t.muted)]);
        frame.render_widget(Paragraph::new(line), area);
    }
}

/// A store error in the user's language where it matters (busy), else its own words.
fn describe(e: &StoreError, lang: crate::i18n::Lang) -> String {
    match e {
        StoreError::Busy => T::BookBusy.get(lang).to_string(),
        other => other.to_string(),
    }
}
