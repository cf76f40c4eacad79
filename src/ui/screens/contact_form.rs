//! Log (or edit) a contact: kind, date (today by default; never in the future), optional
//! time, person met, a multi-line summary, outcome, and an optional follow-up whose due date
//! has quick picks. A new recommendation also names a product (`product.rs`) and, when it
//! does not suit the customer, the customer's confirmation. Ctrl-S saves in one
//! transaction; Esc asks before dropping typed text. Drawing is in `view.rs`.

mod product;
mod view;

use chrono::{Days, Months, NaiveDate};

pub use product::ProductPick;

use crate::app::suitability::{RECOMMENDATION, Refusal};
use crate::domain::contact_draft::{ContactDraft, ContactField, MAX_TEXT_CHARS};
use crate::domain::customer::CustomerId;
use crate::domain::history::{ContactId, FollowUpId};
use crate::i18n::pick_texts::PK;
use crate::i18n::suit_texts::{S, form_refusal};
use crate::i18n::{T, fill};
use crate::safe_text::visible;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;
use crate::ui::screens::customer_form::FormInput;
use crate::ui::widgets::text_edit::{self, Lines};

/// Where the form came from, which decides what saving does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFormMode {
    /// A new contact; `closes` marks a follow-up done with it; `advance` moves the Today
    /// list on to the next row afterwards.
    New {
        closes: Option<FollowUpId>,
        advance: bool,
    },
    Edit(ContactId),
}

#[derive(Debug, Clone)]
pub struct ContactForm {
    pub customer: CustomerId,
    pub customer_name: String,
    pub mode: ContactFormMode,
    pub draft: ContactDraft,
    original: ContactDraft,
    /// The product of a new recommendation, and the customer's confirmation.
    pub product: ProductPick,
    /// An index into `slots()`.
    focus: usize,
    cursor: usize,
    visited: [bool; 8],
    /// A save was tried: the product's fields show what they lack.
    tried: bool,
}

/// One focusable row of the form: a field of the draft, or the product's two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Field(ContactField),
    Product,
    Confirmation,
}

const SUMMARY_ROWS: usize = 4;

impl ContactForm {
    /// `product`: the catalogue judged for this customer (offered on a new recommendation).
    pub fn new(
        customer: CustomerId,
        customer_name: String,
        mode: ContactFormMode,
        draft: ContactDraft,
        product: ProductPick,
    ) -> Self {
        let original = draft.clone();
        let (focus, cursor, visited, tried) = (0, 0, [false; 8], false);
        Self { customer, customer_name, mode, original, draft, product, focus, cursor, visited, tried }
    }

    /// A new recommendation names its product; an edit keeps the one it was logged with.
    fn offers_product(&self) -> bool {
        matches!(self.mode, ContactFormMode::New { .. }) && self.draft.get(ContactField::Kind) == RECOMMENDATION
    }

    /// The rows in order: the product (and the confirmation when it does not suit) under
    /// the kind, on a new recommendation only.
    fn slots(&self) -> Vec<Slot> {
        let mut all = Vec::with_capacity(10);
        for f in ContactField::ORDER {
            all.push(Slot::Field(f));
            if f == ContactField::Kind && self.offers_product() {
                all.push(Slot::Product);
                if self.product.needs_confirmation() {
                    all.push(Slot::Confirmation);
                }
            }
        }
        all
    }

    fn slot(&self) -> Slot {
        let slots = self.slots();
        slots.get(self.focus).or(slots.first()).copied().unwrap_or(Slot::Field(ContactField::Kind))
    }

    fn position(&self, slot: Slot) -> usize {
        self.slots().iter().position(|s| *s == slot).unwrap_or(0)
    }

    fn text(&self, slot: Slot) -> &str {
        match slot {
            Slot::Field(f) => self.draft.get(f),
            Slot::Product => "",
            Slot::Confirmation => &self.product.confirmation,
        }
    }

    fn set_text(&mut self, slot: Slot, text: String) {
        match slot {
            Slot::Field(f) => self.draft.set(f, text),
            Slot::Product => {}
            Slot::Confirmation => self.product.confirmation = text,
        }
    }

    fn max_chars(slot: Slot) -> usize {
        match slot {
            Slot::Field(f) => f.max_chars(),
            _ => MAX_TEXT_CHARS,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.original || self.product.picked().is_some() || !self.product.confirmation.is_empty()
    }

    fn focus_on(&mut self, idx: usize) {
        if let Slot::Field(f) = self.slot()
            && let Some(i) = ContactField::ORDER.iter().position(|x| *x == f)
        {
            self.visited[i] = true;
        }
        self.focus = idx % self.slots().len().max(1);
        self.cursor = self.text(self.slot()).chars().count();
    }

    fn focus_slot(&mut self, slot: Slot) {
        self.focus = self.position(slot);
        self.cursor = self.text(slot).chars().count();
    }

    fn cycle_kind(&mut self, env: &Env, step: isize) {
        let codes = env.kinds.codes();
        let now = codes.iter().position(|c| *c == self.draft.get(ContactField::Kind)).unwrap_or(0) as isize;
        let n = codes.len() as isize;
        let next = (now + step).rem_euclid(n.max(1)) as usize;
        if let Some(code) = codes.get(next) {
            self.draft.set(ContactField::Kind, code.to_string());
        }
    }

    fn quick_due(&mut self, env: &Env, action: Action) {
        let from = self.draft.date().unwrap_or(env.today);
        let due = match action {
            Action::PlusDay => from.checked_add_days(Days::new(1)),
            Action::PlusThreeDays => from.checked_add_days(Days::new(3)),
            Action::PlusWeek => from.checked_add_days(Days::new(7)),
            _ => from.checked_add_months(Months::new(1)),
        };
        if let Some(d) = due {
            self.draft.set(ContactField::FollowUpDue, d.format("%Y-%m-%d").to_string());
            self.focus_slot(Slot::Field(ContactField::FollowUpDue));
        }
    }

    fn save(&mut self, env: &Env) -> Effect {
        let entry = match self.draft.validate(self.customer, env.today) {
            Ok(entry) => entry,
            Err(problems) => {
                self.visited = [true; 8];
                if let Some((f, _)) = problems.first() {
                    self.focus_slot(Slot::Field(*f));
                }
                return Effect::Warn(fill(T::FormHasProblems.get(env.lang), &[&problems.len()]));
            }
        };
        match &self.mode {
            ContactFormMode::New { closes, advance } => {
                let kind = self.draft.get(ContactField::Kind).to_string();
                let recommend = match self.product.check(&kind) {
                    Ok(r) => r,
                    Err(refusal) => return self.refused(&refusal, env),
                };
                Effect::Save(Write::LogContact {
                    entry,
                    closes: *closes,
                    advance: *advance,
                    name: self.customer_name.clone(),
                    recommend,
                })
            }
            // The product is the one logged: an edit neither adds nor drops it.
            ContactFormMode::Edit(_)
                if (self.original.get(ContactField::Kind) == RECOMMENDATION)
                    != (self.draft.get(ContactField::Kind) == RECOMMENDATION) =>
            {
                self.focus_slot(Slot::Field(ContactField::Kind));
                Effect::Warn(S::FormEditKind.get(env.lang).to_string())
            }
            ContactFormMode::Edit(id) => Effect::Save(Write::UpdateContact(*id, entry)),
        }
    }

    /// Not saved: the rule's refusal in the form's words, the field it needs focused.
    fn refused(&mut self, refusal: &Refusal, env: &Env) -> Effect {
        self.tried = true;
        match refusal {
            Refusal::NeedsConfirmation(_) | Refusal::ConfirmationTooLong { .. } => self.focus_slot(Slot::Confirmation),
            _ => self.focus_slot(Slot::Product),
        }
        Effect::Warn(form_refusal(refusal, env.lang))
    }

    pub fn cancel(&self, env: &Env) -> Effect {
        if self.is_dirty() {
            Effect::Confirm { question: T::DiscardChanges.get(env.lang).to_string(), on_yes: Box::new(Effect::Back) }
        } else {
            Effect::Back
        }
    }

    /// A paste into the focused field, as one edit; the kind and product are picked, not typed.
    pub fn paste(&mut self, pasted: &str, env: &Env) -> Effect {
        let slot = self.slot();
        if matches!(slot, Slot::Field(ContactField::Kind) | Slot::Product) {
            return Effect::Warn(T::PasteNotHere.get(env.lang).to_string());
        }
        // Only the summary is edited as several lines.
        let lines = if slot == Slot::Field(ContactField::Summary) { Lines::Many } else { Lines::One };
        let mut text = self.text(slot).to_string();
        let effect =
            text_edit::paste_effect(&mut text, &mut self.cursor, pasted, Self::max_chars(slot), lines, env.lang);
        self.set_text(slot, text);
        effect
    }

    /// The kind or the product, whichever is focused, stepped by `by`.
    fn pick(&mut self, env: &Env, by: isize) {
        match self.slot() {
            Slot::Product => self.product.step(by),
            before => {
                // The rows may change with the kind: stay on the same one.
                self.cycle_kind(env, by);
                self.focus = self.position(before);
            }
        }
    }

    pub fn update(&mut self, input: FormInput, env: &Env) -> Effect {
        let slot = self.slot();
        let picked = matches!(slot, Slot::Field(ContactField::Kind) | Slot::Product);
        let last = self.focus + 1 == self.slots().len();
        match input {
            // The kind is chosen, not typed: a digit picks the n-th kind, Space steps. Any
            // other key says so: someone typing the summary here would otherwise lose it
            // without a word.
            FormInput::Char(c) if slot == Slot::Field(ContactField::Kind) => {
                let codes = env.kinds.codes();
                let digit = c.to_digit(10).filter(|n| *n >= 1);
                match digit.and_then(|n| codes.get(n as usize - 1)) {
                    Some(code) => self.draft.set(ContactField::Kind, code.to_string()),
                    None if c == ' ' => self.cycle_kind(env, 1),
                    None => {
                        let typed = c.to_string();
                        // Only the first nine have a digit.
                        let last = codes.len().min(9);
                        return Effect::Warn(fill(PK::NotAKind.get(env.lang), &[&visible(&typed), &last]));
                    }
                }
            }
            FormInput::Char(' ') if slot == Slot::Product => self.product.step(1),
            FormInput::Char(c) if slot == Slot::Product => {
                let typed = c.to_string();
                return Effect::Warn(fill(PK::NotAProduct.get(env.lang), &[&visible(&typed)]));
            }
            FormInput::Char(c) => {
                let mut text = self.text(slot).to_string();
                text_edit::insert(&mut text, &mut self.cursor, c);
                self.set_text(slot, text);
            }
            FormInput::Action(action) => match action {
                Action::NextField => self.focus_on(self.focus + 1),
                Action::PrevField => self.focus_on(self.focus + self.slots().len() - 1),
                // Enter makes a new line in the summary, moves on elsewhere, saves on the last.
                Action::Submit if slot == Slot::Field(ContactField::Summary) => {
                    let mut text = self.text(slot).to_string();
                    text_edit::insert(&mut text, &mut self.cursor, '\n');
                    self.set_text(slot, text);
                }
                Action::Submit if last => return self.save(env),
                Action::Submit => self.focus_on(self.focus + 1),
                Action::Save => return self.save(env),
                Action::Cancel => return self.cancel(env),
                Action::PickNext => self.pick(env, 1),
                Action::PickPrev => self.pick(env, -1),
                Action::CursorRight if picked => self.pick(env, 1),
                Action::CursorLeft if picked => self.pick(env, -1),
                Action::PlusDay | Action::PlusThreeDays | Action::PlusWeek | Action::PlusMonth => {
                    self.quick_due(env, action)
                }
                other if !picked => {
                    let mut text = self.text(slot).to_string();
                    if text_edit::apply(&mut text, &mut self.cursor, other) {
                        self.set_text(slot, text);
                    }
                }
                _ => {}
            },
        }
        Effect::None
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Form, Action::NextField),
            (Scope::Form, Action::Save),
            (Scope::Form, Action::Cancel),
            (Scope::Form, Action::PlusWeek),
            (Scope::Global, Action::Help),
        ]
    }

    /// The date the contact happened, for messages.
    pub fn date(&self) -> Option<NaiveDate> {
        self.draft.date()
    }
}
