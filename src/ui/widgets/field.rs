//! One labelled input line of a form: `Label   [value    ]  note`, with the cursor placed
//! in the focused field. Shared by every form so they look and behave alike.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text_edit;
use crate::textwidth;
use crate::ui::theme::Theme;

/// Column widths of a form laid out in `inner`.
#[derive(Debug, Clone, Copy)]
pub struct FieldLayout {
    pub label_w: usize,
    pub input_w: usize,
    pub note_w: usize,
}

impl FieldLayout {
    pub fn new(inner: Rect, label_w: usize) -> Self {
        let rest = (inner.width as usize).saturating_sub(label_w + 3);
        let input_w = rest.clamp(10, 44).min(rest.max(1));
        let note_w = (inner.width as usize).saturating_sub(label_w + 3 + input_w + 1);
        Self { label_w, input_w, note_w }
    }
}

/// What one field row shows.
pub struct FieldRow<'a> {
    pub label: &'a str,
    pub value: &'a str,
    pub focused: bool,
    pub cursor: usize,
    pub note: Option<(String, Style)>,
}

/// Draw a field row at line `y` of `inner`; the focused one gets the terminal cursor.
pub fn field_row(frame: &mut Frame, inner: Rect, y: u16, layout: FieldLayout, row: FieldRow, theme: &Theme) {
    let FieldLayout { label_w, input_w, note_w } = layout;
    let (shown, cursor_col) = if row.focused {
        text_edit::visible(row.value, row.cursor, input_w)
    } else {
        (textwidth::fit(row.value, input_w), 0)
    };
    let mut spans = vec![
        Span::styled(textwidth::pad(row.label, label_w), if row.focused { theme.accent } else { theme.muted }),
        Span::styled(" [", theme.border),
        Span::styled(textwidth::pad(&shown, input_w), if row.focused { theme.selection } else { theme.text }),
        Span::styled("]", theme.border),
    ];
    if let Some((text, style)) = row.note {
        spans.push(Span::styled(format!(" {}", textwidth::fit(&text, note_w)), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), Rect { x: inner.x, y, width: inner.width, height: 1 });
    if row.focused {
        let x = inner.x + (label_w + 2 + cursor_col) as u16;
        frame.set_cursor_position(Position { x: x.min(inner.right().saturating_sub(1)), y });
    }
}
