//! The contact form's product, shown when the kind is a recommendation: the catalogue
//! judged for this customer (read as the form opens), the one picked, whether it suits and
//! why, and the customer's confirmation when it does not. Saving asks the one rule
//! (`app::suitability`) first here, to point at the field it needs, and again in the write,
//! on the book as it is then.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::app::suitability::{Refusal, recommendation};
use crate::domain::suitability::{Judgement, Product};
use crate::i18n::suit_texts::{S, verdict, why};
use crate::i18n::{Lang, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::effect::Recommend;
use crate::ui::widgets::field::FieldLayout;

/// How many rows the verdict may take under the product (it wraps).
pub const VERDICT_ROWS: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct ProductPick {
    /// Every product of the catalogue with its verdict for this customer, in order.
    choices: Vec<(Product, Judgement)>,
    picked: Option<usize>,
    /// The customer's confirmation as typed.
    pub confirmation: String,
}

impl ProductPick {
    pub fn new(choices: Vec<(Product, Judgement)>) -> Self {
        Self { choices, picked: None, confirmation: String::new() }
    }

    pub fn picked(&self) -> Option<&(Product, Judgement)> {
        self.picked.and_then(|i| self.choices.get(i))
    }

    /// A product is picked and does not suit (or that is unknown): the confirmation is asked.
    pub fn needs_confirmation(&self) -> bool {
        self.picked().is_some_and(|(_, j)| !j.is_suitable())
    }

    /// The next (or previous) product; from none, the first (or last).
    pub fn step(&mut self, by: isize) {
        let n = self.choices.len() as isize;
        if n == 0 {
            return;
        }
        let next = match self.picked {
            None if by >= 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + by).rem_euclid(n),
        };
        self.picked = Some(next as usize);
    }

    /// The rule on what the form holds: the recommendation to ask the write for, or why not.
    pub fn check(&self, kind: &str) -> Result<Option<Recommend>, Refusal> {
        let confirmation = Some(self.confirmation.as_str());
        recommendation(kind, self.picked().cloned(), confirmation)?;
        Ok(self.picked().map(|(p, _)| Recommend { product: p.code.clone(), confirmation: self.confirmation.clone() }))
    }

    /// The product as the field shows it: code, name, level.
    pub fn value(&self, lang: Lang) -> String {
        self.picked().map_or_else(String::new, |(p, j)| format!("{} · {} · {}", p.code, p.name(lang), j.level))
    }

    /// The hint beside the focused product field.
    pub fn hint(&self, env: &Env) -> String {
        if self.choices.is_empty() {
            return S::FormNoProducts.get(env.lang).to_string();
        }
        let key = |a| env.keymap.first_key(crate::ui::keymap::Scope::Form, a);
        let (next, prev) = (key(crate::ui::action::Action::PickNext), key(crate::ui::action::Action::PickPrev));
        fill(S::FormPickProduct.get(env.lang), &[&next, &prev])
    }

    /// Whether the picked product suits, and why, under the product field (in the warn
    /// colour when it does not); returns the next free row.
    pub fn render_verdict(&self, frame: &mut Frame, inner: Rect, y: u16, layout: FieldLayout, env: &Env) -> u16 {
        let Some((product, j)) = self.picked() else { return y };
        let l = env.lang;
        let line = fill(S::SuitLine.get(l), &[&verdict(j.verdict).get(l), &why(product, j, l)]);
        let (text, style) = match j.is_suitable() {
            true => (line, env.theme.ok),
            false => (format!("⚠ {line}"), env.theme.warn),
        };
        let x = inner.x + layout.label_w as u16 + 2;
        let width = inner.right().saturating_sub(x) as usize;
        let text = crate::safe_text::visible(&text);
        let mut yy = y;
        for row in crate::ui::widgets::wrap::word_rows(&text, width).into_iter().take(VERDICT_ROWS) {
            if yy >= inner.bottom() {
                break;
            }
            let shown = textwidth::fit(&row, width);
            frame.render_widget(Paragraph::new(shown).style(style), Rect { x, y: yy, width: width as u16, height: 1 });
            yy += 1;
        }
        yy
    }
}
