//! A yes/no question over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::centered;
use super::popup::clear_popup;
use crate::i18n::Lang;
use crate::textwidth;
use crate::ui::action::Action;
use crate::ui::keymap::{Keymap, Scope};
use crate::ui::theme::Theme;

/// `three_way`: Esc closes without answering (shown as a third choice).
pub fn confirm_box(
    frame: &mut Frame,
    area: Rect,
    question: &str,
    three_way: bool,
    keymap: &Keymap,
    theme: &Theme,
    lang: Lang,
) {
    let width = (textwidth::width(question) as u16 + 6).clamp(30, 60);
    let text_lines = (textwidth::width(question) as u16 / width.saturating_sub(4).max(1)) + 1;
    let popup = centered(area, width, text_lines + 4);
    clear_popup(frame, popup);
    let block = Block::bordered().border_style(theme.warn);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let answer = |a: Action| {
        vec![
            Span::styled(format!(" {} ", keymap.keys_text(Scope::Confirm, a)), theme.accent),
            Span::styled(format!("{}  ", a.label(lang)), theme.text),
        ]
    };
    let mut spans = answer(Action::Yes);
    spans.extend(answer(Action::No));
    if three_way {
        spans.extend(answer(Action::Dismiss));
    }
    let question = crate::safe_text::visible(question).into_owned();
    let body = vec![Line::styled(question, theme.text), Line::raw(""), Line::from(spans)];
    frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: false }), inner);
}
