//! Today's coverage: per tier, how many customers are within their cadence and how many
//! are late, as a panel beside the list (wide windows) or one line below it (narrow ones).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Today;
use crate::i18n::T;
use crate::ui::Env;
use crate::ui::widgets::badge::tier_badge;

impl Today {
    /// Per tier: a bar of customers within cadence (ok colour) and overdue (danger colour),
    /// drawn with coloured blanks so no ambiguous-width glyph is needed.
    pub(super) fn render_coverage(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let block =
            Block::bordered().title(Span::styled(format!(" {} ", T::Coverage.get(l)), t.title)).border_style(t.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let bar_w = inner.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        for tier in &env.scheme.tiers {
            let c = self.coverage.iter().find(|c| c.tier == tier.code);
            let (ok, late) = c.map(|c| (c.on_time, c.late)).unwrap_or((0, 0));
            let total = (ok + late).max(1);
            let ok_w = (ok * bar_w).div_ceil(total).min(bar_w);
            let ok_w = if late > 0 && ok_w == bar_w { bar_w - 1 } else { ok_w };
            lines.push(Line::from(vec![
                tier_badge(&tier.code, &env.scheme, t),
                Span::styled(format!(" {} {}  {} {}", ok, T::OnTime.get(l), late, T::LateShort.get(l)), t.text),
            ]));
            lines.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(" ".repeat(ok_w), Style::new().bg(t.ok.fg.unwrap_or_default())),
                Span::styled(" ".repeat(bar_w - ok_w), Style::new().bg(t.danger.fg.unwrap_or_default())),
            ]));
            lines.push(Line::raw(""));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// The same numbers on one line, for narrow windows.
    pub(super) fn render_coverage_strip(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let mut spans = vec![Span::styled(format!("{} ({}) ", T::Coverage.get(l), T::CoverageLegend.get(l)), t.header)];
        for tier in &env.scheme.tiers {
            let (ok, late) =
                self.coverage.iter().find(|c| c.tier == tier.code).map(|c| (c.on_time, c.late)).unwrap_or((0, 0));
            spans.push(tier_badge(&tier.code, &env.scheme, t));
            spans.push(Span::styled(format!(" {ok}"), t.ok));
            spans.push(Span::styled(format!("/{late} "), if late > 0 { t.danger } else { t.muted }));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
