//! The small forms that sit over a screen (snooze, reschedule, tier change, indicator values):
//! one bordered box with its title and the save hint, and the one way out of them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use crate::i18n::T;
use crate::ui::Env;
use crate::ui::effect::Effect;

/// Clear a `width` x `height` box in the middle of `area`, draw its frame with `title` and the
/// save hint, and return the inside.
pub fn form_popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str, env: &Env) -> Rect {
    let (t, l) = (&env.theme, env.lang);
    let popup = super::centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", crate::safe_text::visible(title)), t.title))
        .title_bottom(Line::styled(format!(" {} ", T::SaveHint.get(l)), t.muted).right_aligned())
        .border_style(t.border_focus);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    inner
}

/// Leaving a form: straight back when nothing was typed, else after asking.
pub fn leave_form(dirty: bool, env: &Env) -> Effect {
    if dirty {
        Effect::Confirm { question: T::DiscardChanges.get(env.lang).to_string(), on_yes: Box::new(Effect::Back) }
    } else {
        Effect::Back
    }
}
