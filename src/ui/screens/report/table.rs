//! The report's tier table: one row per tier (the badge in the tier's colour), then all tiers
//! together. Columns that do not fit are left out, least useful first (cadence, since, never
//! contacted, not yet due); the share's colour says how good it is: at least 80 % ok, at
//! least 50 % warn, below danger; an overdue count above 0 is in the danger style.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::domain::report::{CoverageReport, TierLine};
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::theme::Theme;
use crate::ui::widgets::badge::tier_badge;

/// Cells of the share's gauge (coloured blanks: no ambiguous-width glyph).
pub(super) const GAUGE: usize = 8;
const SPACING: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Tier,
    Cadence,
    Since,
    Customers,
    Within,
    NotYetDue,
    Share,
    Overdue,
    Never,
}

/// Display order.
const ORDER: [Col; 9] = [
    Col::Tier,
    Col::Cadence,
    Col::Since,
    Col::Customers,
    Col::Within,
    Col::NotYetDue,
    Col::Share,
    Col::Overdue,
    Col::Never,
];
/// Always shown.
const REQUIRED: [Col; 5] = [Col::Tier, Col::Customers, Col::Within, Col::Share, Col::Overdue];
/// Added while they fit, in this order.
const OPTIONAL: [Col; 4] = [Col::NotYetDue, Col::Never, Col::Since, Col::Cadence];

/// The share's colour: ok from 80 %, warn from 50 %, danger below; muted without a share.
pub fn share_style(line: &TierLine, t: &Theme) -> Style {
    match line.percent() {
        None => t.muted,
        Some(p) if p >= 80 => t.ok,
        Some(p) if p >= 50 => t.warn,
        Some(_) => t.danger,
    }
}

pub(super) fn header(col: Col, env: &Env) -> &'static str {
    let l = env.lang;
    match col {
        Col::Tier => T::ColTier.get(l),
        Col::Cadence => T::CadenceLabel.get(l),
        Col::Since => T::RepColSince.get(l),
        Col::Customers => T::RepColCustomers.get(l),
        Col::Within => T::RepColWithin.get(l),
        Col::NotYetDue => T::RepColNotYetDue.get(l),
        Col::Share => T::RepColShare.get(l),
        Col::Overdue => T::RepColOverdue.get(l),
        Col::Never => T::RepColNever.get(l),
    }
}

fn number(col: Col, line: &TierLine) -> Option<usize> {
    let c = &line.counts;
    match col {
        Col::Customers => Some(c.customers),
        Col::Within => Some(c.contacted_within_cadence),
        Col::NotYetDue => Some(c.not_yet_due),
        Col::Overdue => Some(c.overdue),
        Col::Never => Some(c.never_contacted),
        _ => None,
    }
}

/// The tier's name, cut to fit beside its badge.
fn tier_name(line: &TierLine, env: &Env) -> String {
    env.scheme.tier(&line.tier).map(|t| textwidth::fit(t.name(env.lang), 10)).unwrap_or_default()
}

fn width(col: Col, r: &CoverageReport, env: &Env) -> usize {
    let lines = r.tiers.iter().chain(std::iter::once(&r.all));
    let content = match col {
        Col::Tier => {
            let badge = env.scheme.code_width() + 2;
            let names = r.tiers.iter().map(|l| badge + 1 + textwidth::width(&tier_name(l, env)));
            names.chain(std::iter::once(textwidth::width(T::All.get(env.lang)))).max().unwrap_or(badge)
        }
        Col::Cadence => r
            .tiers
            .iter()
            .filter_map(|l| l.cadence)
            .map(|c| textwidth::width(&crate::i18n::tiers::cadence(&c, env.lang)))
            .max()
            .unwrap_or(0),
        Col::Since => 10,
        Col::Share => 4 + 1 + GAUGE,
        _ => lines.filter_map(|l| number(col, l)).map(|n| n.to_string().len()).max().unwrap_or(1),
    };
    content.max(textwidth::width(header(col, env)))
}

/// The columns shown in `room` cells, in display order, with their widths.
fn columns(r: &CoverageReport, env: &Env, room: usize) -> Vec<(Col, usize)> {
    let mut chosen: Vec<Col> = REQUIRED.to_vec();
    let total = |cols: &[Col]| -> usize {
        cols.iter().map(|c| width(*c, r, env)).sum::<usize>() + SPACING * cols.len().saturating_sub(1)
    };
    for col in OPTIONAL {
        let mut with = chosen.clone();
        with.push(col);
        if total(&with) <= room {
            chosen = with;
        }
    }
    ORDER.iter().filter(|c| chosen.contains(c)).map(|c| (*c, width(*c, r, env))).collect()
}

/// The share as "67%" and a gauge of coloured blanks.
pub(super) fn share_cell<'a>(line: &TierLine, t: &Theme) -> Line<'a> {
    let style = share_style(line, t);
    let Some(p) = line.percent() else {
        return Line::from(Span::styled(format!("{:>4}", "–"), style));
    };
    let filled = (p as usize * GAUGE).div_ceil(100).min(GAUGE);
    let filled = if p < 100 && filled == GAUGE { GAUGE - 1 } else { filled };
    let bg = |s: Style| Style::new().bg(s.fg.unwrap_or_default());
    Line::from(vec![
        Span::styled(format!("{:>4} ", format!("{p}%")), style),
        Span::styled(" ".repeat(filled), bg(style)),
        Span::styled(" ".repeat(GAUGE - filled), bg(t.border)),
    ])
}

pub(super) fn cell<'a>(col: Col, line: &TierLine, env: &Env, all: bool) -> Cell<'a> {
    let t = &env.theme;
    match col {
        Col::Tier if all => Cell::from(Span::styled(T::All.get(env.lang), t.header)),
        Col::Tier => Cell::from(Line::from(vec![
            tier_badge(&line.tier, &env.scheme, t),
            Span::styled(format!(" {}", tier_name(line, env)), t.text),
        ])),
        Col::Cadence => Cell::from(Span::styled(
            line.cadence.map(|c| crate::i18n::tiers::cadence(&c, env.lang)).unwrap_or_default(),
            t.muted,
        )),
        Col::Since => Cell::from(Span::styled(line.since.map(|d| d.to_string()).unwrap_or_default(), t.muted)),
        Col::Share => Cell::from(share_cell(line, t)),
        _ => {
            let n = number(col, line).unwrap_or(0);
            let style = match col {
                Col::Overdue if n > 0 => t.danger,
                Col::NotYetDue => t.muted,
                _ if n == 0 => t.muted,
                _ => t.text,
            };
            Cell::from(Line::from(Span::styled(n.to_string(), style)).right_aligned())
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, env: &Env, r: &CoverageReport, notes: u16) {
    let t = &env.theme;
    let l = env.lang;
    let title = fill(T::ReportTitle.get(l), &[&r.as_of]);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = columns(r, env, inner.width as usize);
    let head = Row::new(cols.iter().map(|(c, _)| {
        let text = header(*c, env);
        if matches!(c, Col::Tier | Col::Cadence | Col::Since | Col::Share) {
            Cell::from(text)
        } else {
            Cell::from(Line::from(text).right_aligned())
        }
    }))
    .style(t.header);
    let mut rows: Vec<Row> =
        r.tiers.iter().map(|line| Row::new(cols.iter().map(|(c, _)| cell(*c, line, env, false)))).collect();
    rows.push(Row::new(cols.iter().map(|(c, _)| cell(*c, &r.all, env, true))));
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w as u16)).collect();
    // Room left over spreads the columns a little (up to 4 cells apart).
    let used: usize = cols.iter().map(|(_, w)| w).sum();
    let gaps = cols.len().saturating_sub(1).max(1);
    let spacing = (inner.width as usize).saturating_sub(used) / gaps;
    let spacing = spacing.clamp(1, 4) as u16;
    let table_h = inner.height.saturating_sub(notes);
    let table_area = Rect { height: table_h, ..inner };
    frame.render_widget(Table::new(rows, widths).header(head).column_spacing(spacing), table_area);
    if notes > 0 {
        let w = inner.width as usize;
        let lines: Vec<Line> = [T::RepNoteWithin, T::RepNoteShare]
            .iter()
            .map(|k| Line::styled(textwidth::fit(k.get(l), w), t.muted))
            .collect();
        let notes_area = Rect { y: inner.y + table_h, height: notes, ..inner };
        frame.render_widget(Paragraph::new(lines), notes_area);
    }
}
