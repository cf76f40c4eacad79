//! Input beside single keys: a paste, the quit keys over typed text, and a window too small
//! to show anything (where only the quit keys act).

use super::{App, MIN_HEIGHT, MIN_WIDTH, Modal};
use crate::i18n::{T, fill};
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::keymap::{KeyChord, Scope};
use crate::ui::screens::Screen;

impl App {
    /// A paste (bracketed paste: the whole text in one event). It goes to the focused text
    /// field as one edit, never key by key: pasted letters are no commands and a question on
    /// screen is not answered by them.
    pub fn handle_paste(&mut self, text: &str) {
        self.quit_armed = false;
        if self.too_small || self.modal.is_some() || !self.screen.takes_text() {
            return;
        }
        self.status = None;
        let effect = self.screen.paste(text, &self.env);
        self.apply(effect);
    }

    /// The window changed size: until the next draw, keys are judged by the new size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
    }

    /// Whether quitting now would throw away typed text, in this screen or one below it.
    fn holds_typed_text(&self) -> bool {
        std::iter::once(&self.screen).chain(self.stack.iter()).any(Screen::holds_typed_text)
    }

    /// Ctrl-C (and q on a window too small): quit at once, unless that throws typed text
    /// away; then ask first, and quit on a second press.
    pub(super) fn quit_now_or_ask(&mut self) {
        if self.quit_armed || !self.holds_typed_text() {
            self.quit = true;
            return;
        }
        self.quit_armed = true;
        let key = self.env.keymap.first_key(Scope::Global, Action::ForceQuit);
        let question = fill(T::QuitLosesTyped.get(self.env.lang), &[&key]);
        self.modal = Some(Modal::Confirm { question, on_yes: Effect::Quit, on_no: None });
    }

    /// A window too small shows only its note: every key but quit is ignored, so that
    /// nothing happens out of sight.
    pub(super) fn handle_key_too_small(&mut self, chord: &KeyChord) {
        if let Some(Action::Quit | Action::ForceQuit) = self.env.keymap.resolve(&[Scope::Global], chord) {
            self.quit_now_or_ask();
        }
    }
}
