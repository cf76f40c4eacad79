//! The tier badge: the tier's code on its colour, padded to the scheme's widest code.

use ratatui::text::Span;

use crate::domain::tier::TierScheme;
use crate::textwidth;
use crate::ui::theme::Theme;

pub fn tier_badge<'a>(code: &str, scheme: &TierScheme, theme: &Theme) -> Span<'a> {
    let width = scheme.code_width();
    let text = format!(" {} ", textwidth::pad(code, width));
    match scheme.tier(code) {
        Some(t) => Span::styled(text, theme.badge(t.color)),
        None => Span::styled(text, theme.muted),
    }
}
