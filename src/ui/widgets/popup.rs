//! The small forms that sit over a screen (snooze, reschedule, tier change, indicator values):
//! one bordered box with its title and the save hint, and the one way out of them. Every
//! pop-up (these, questions, the help overlay) clears its place with `clear_popup`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use unicode_width::UnicodeWidthStr;

use crate::i18n::T;
use crate::ui::Env;
use crate::ui::effect::Effect;

/// Blank the cells a pop-up covers, double-width characters cut by its edge included.
/// ratatui's Clear resets the cells inside, but a double-width character starting one column
/// left of the pop-up still covers its first column: ratatui then never writes that cell and
/// the terminal shows half a character where the left border should be. That character
/// becomes a space (half of it was hidden anyway). The right edge needs nothing: a character
/// starting on the pop-up's last column is inside it, and Clear resets it whole.
pub fn clear_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    let buf = frame.buffer_mut();
    let popup = popup.intersection(*buf.area());
    if popup.is_empty() || popup.x == buf.area().x {
        return;
    }
    for y in popup.top()..popup.bottom() {
        let cell = &mut buf[(popup.x - 1, y)];
        if UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// Clear a `width` x `height` box in the middle of `area`, draw its frame with `title` and the
/// save hint, and return the inside.
pub fn form_popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str, env: &Env) -> Rect {
    let (t, l) = (&env.theme, env.lang);
    let popup = super::centered(area, width, height);
    clear_popup(frame, popup);
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
