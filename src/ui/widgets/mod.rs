//! Small reusable renderers: tier badge, help bar, help overlay, confirm box, text editing.

pub mod badge;
pub mod confirm;
pub mod field;
pub mod help;
pub mod popup;
pub mod scroll_mark;
pub mod text_edit;
pub mod wrap;

use ratatui::layout::Rect;

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
