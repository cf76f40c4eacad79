//! A yes/no question over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

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
    // A question may run over lines of its own (an import's check: its summary, then how the
    // file was read): each starts a line of the box, wrapped to its width here (ratatui's
    // wrapping let a line of Chinese run one cell into the border).
    let widest = question.lines().map(|l| textwidth::width(l) as u16).max().unwrap_or(0);
    let width = (widest + 6).clamp(30, 60);
    let room = usize::from(width.saturating_sub(2).max(1)); // inside the border
    let lines: Vec<String> = question.lines().flat_map(|l| textwidth::wrap(l, room)).collect();
    let text_lines = lines.len() as u16;
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
    let mut body: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, theme.text)).collect();
    body.extend([Line::raw(""), Line::from(spans)]);
    frame.render_widget(Paragraph::new(body), inner);
}
