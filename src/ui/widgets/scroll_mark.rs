//! "1-14/27" on a box's bottom border: which rows of a text taller than its box are in view
//! (the brief, the customer view's profile).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

/// Draw the rows in view (`top` is the first, 0-based; `viewport` rows show of `total`) at
/// the right of `area`'s bottom border; nothing when everything fits or the box is too narrow.
pub fn render(frame: &mut Frame, area: Rect, (top, viewport, total): (usize, usize, usize), style: Style) {
    if total <= viewport || area.height == 0 {
        return;
    }
    let pos = format!(" {}-{}/{} ", top + 1, (top + viewport).min(total), total);
    let w = crate::textwidth::width(&pos) as u16;
    if area.width > w + 2 {
        let at = Rect { x: area.x + area.width - w - 1, y: area.y + area.height - 1, width: w, height: 1 };
        frame.render_widget(Paragraph::new(Span::styled(pos, style)), at);
    }
}
