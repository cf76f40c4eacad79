//! The bottom help bar and the `?` overlay, both generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::centered;
use super::popup::clear_popup;
use crate::i18n::{Lang, T};
use crate::textwidth;
use crate::ui::action::Action;
use crate::ui::keymap::{Keymap, Scope};
use crate::ui::theme::Theme;

/// One line of "key label" pairs for the actions that work on this screen; what does not
/// fit is left out, but the help key is always shown last.
pub fn help_bar(frame: &mut Frame, area: Rect, items: &[(Scope, Action)], keymap: &Keymap, theme: &Theme, lang: Lang) {
    let help = (Scope::Global, Action::Help);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    let pieces = |(scope, action): (Scope, Action)| -> Option<(String, String)> {
        let keys = keymap.first_key(scope, action);
        (!keys.is_empty()).then(|| (keys, action.label(lang).to_string()))
    };
    let help_piece = pieces(help);
    let reserve = help_piece.as_ref().map(|(k, l)| textwidth::width(k) + textwidth::width(l) + 3).unwrap_or(0);
    for item in items.iter().copied().filter(|i| *i != help) {
        let Some((k, l)) = pieces(item) else { continue };
        let w = textwidth::width(&k) + textwidth::width(&l) + 3;
        if used + w + reserve > area.width as usize {
            break;
        }
        spans.push(Span::styled(format!(" {k}"), theme.accent));
        spans.push(Span::styled(format!(" {l} "), theme.muted));
        used += w;
    }
    if let Some((k, l)) = help_piece {
        spans.push(Span::styled(format!(" {k}"), theme.accent));
        spans.push(Span::styled(format!(" {l} "), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The full list of bindings, by scope, in columns that fit the window.
pub fn help_overlay(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme, lang: Lang, scroll: usize) {
    let all: Vec<(Scope, Vec<(crate::ui::action::Action, String)>)> =
        Scope::ALL.iter().map(|s| (*s, keymap.scope_entries(*s))).filter(|(_, e)| !e.is_empty()).collect();
    // Columns as wide as the widest entry, so that nothing is cut; as many as fit.
    let key_w = all.iter().flat_map(|(_, e)| e.iter().map(|(_, k)| textwidth::width(k))).max().unwrap_or(8) + 2;
    let label_w =
        all.iter().flat_map(|(_, e)| e.iter().map(|(a, _)| textwidth::width(a.label(lang)))).max().unwrap_or(8);
    let col_width = (key_w + label_w + 3).min(area.width.saturating_sub(6) as usize) as u16;
    let mut lines: Vec<Line> = Vec::new();
    for (scope, entries) in all {
        lines.push(Line::styled(scope.label(lang).to_string(), theme.header));
        for (action, keys) in entries {
            lines.push(Line::from(vec![
                Span::styled(textwidth::pad(&keys, key_w), theme.accent),
                Span::styled(textwidth::fit(action.label(lang), label_w), theme.text),
            ]));
        }
    }
    let popup = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    let inner_h = popup.height.saturating_sub(2).max(1) as usize;
    let cols = ((popup.width.saturating_sub(2)) / col_width).max(1) as usize;
    let per_page = inner_h * cols;
    let max_scroll = lines.len().saturating_sub(per_page);
    let start = scroll.min(max_scroll);
    clear_popup(frame, popup);
    let title = format!(" {} ", T::Help.get(lang));
    let scroll_keys =
        format!("{}/{}", keymap.first_key(Scope::List, Action::Down), keymap.first_key(Scope::List, Action::Up));
    let hint = format!(" {} ", crate::i18n::fill(T::HelpClose.get(lang), &[&scroll_keys]));
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::styled(hint, theme.muted).right_aligned())
        .border_style(theme.border_focus);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Balance the columns: as many lines in each as the longest needs.
    let shown = lines.len() - start;
    let per_col = shown.div_ceil(cols).clamp(1, inner_h);
    for c in 0..cols {
        let from = start + c * per_col;
        if from >= lines.len() {
            break;
        }
        let to = (from + per_col).min(lines.len());
        let rect = Rect {
            x: inner.x + (c as u16) * col_width,
            y: inner.y,
            width: col_width.min(inner.width.saturating_sub((c as u16) * col_width)),
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(lines[from..to].to_vec()), rect);
    }
}
