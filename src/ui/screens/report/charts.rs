//! The report's two charts: customers per tier as a bar chart (one bar per tier in the tier's
//! colour, the count on the bar, the code under it) and contacts per week as a sparkline
//! (each week as wide as the panel allows; the week with the most contacts and the first and
//! last weeks labelled; the current, partial week muted). On an empty book each says so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Sparkline, SparklineBar, Wrap};

use crate::domain::report::{CoverageReport, WEEKS};
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;

/// A bordered panel; its title is cut to fit (with "..") rather than chopped by the border.
fn panel<'a>(title: String, area: Rect, env: &Env) -> Block<'a> {
    let title = textwidth::fit(&title, (area.width as usize).saturating_sub(4));
    Block::bordered().title(Span::styled(format!(" {title} "), env.theme.title)).border_style(env.theme.border)
}

/// A muted message in the middle rows of a panel.
fn message(frame: &mut Frame, area: Rect, text: String, env: &Env) {
    let y = area.y + area.height.saturating_sub(3) / 2;
    let rect = Rect { y, height: area.height.saturating_sub(y - area.y), ..area };
    frame.render_widget(Paragraph::new(text).style(env.theme.muted).wrap(Wrap { trim: true }).centered(), rect);
}

pub fn distribution(frame: &mut Frame, area: Rect, env: &Env, r: &CoverageReport) {
    let t = &env.theme;
    let block = panel(fill(T::RepDistribution.get(env.lang), &[&r.total_customers]), area, env);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    if r.total_customers == 0 {
        let key = env.keymap.first_key(Scope::List, Action::ShowCustomers);
        message(frame, inner, fill(T::RepEmptyBook.get(env.lang), &[&key]), env);
        return;
    }
    // A cell of margin on either side, off the borders.
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let n = r.tiers.len().max(1) as u16;
    // As wide as fits, at most 9 cells, with gaps of 1 to 3; a count wider than its bar is
    // left off the bar (the table has it).
    let gap = if inner.width >= n * 8 {
        3
    } else if inner.width >= n * 5 {
        2
    } else {
        1
    };
    let bar_w = ((inner.width + gap) / n).saturating_sub(gap).clamp(1, 9);
    let bars: Vec<Bar> = r
        .tiers
        .iter()
        .map(|l| {
            let (bar, value) = match env.scheme.tier(&l.tier) {
                Some(tier) => (Style::new().fg(t.tier_color(tier.color)), t.badge(tier.color)),
                None => (t.muted, t.muted),
            };
            Bar::default()
                .value(l.counts.customers as u64)
                .label(Line::from(textwidth::fit(&l.tier, bar_w as usize)))
                .style(bar)
                .value_style(value)
        })
        .collect();
    let used = bar_w * n + gap * (n - 1);
    let x = inner.x + inner.width.saturating_sub(used) / 2;
    let chart_area = Rect { x, width: used.min(inner.width), ..inner };
    let chart =
        BarChart::default().data(BarGroup::default().bars(&bars)).bar_width(bar_w).bar_gap(gap).label_style(t.header);
    frame.render_widget(chart, chart_area);
}

pub fn weekly(frame: &mut Frame, area: Rect, env: &Env, r: &CoverageReport) {
    let t = &env.theme;
    let l = env.lang;
    let block = panel(fill(T::RepWeekly.get(l), &[&r.total_contacts_in_period]), area, env);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < WEEKS as u16 {
        return;
    }
    if r.total_contacts_in_period == 0 {
        message(frame, inner, T::RepNoContacts.get(l).to_string(), env);
        return;
    }
    let w = inner.width as usize;
    let per_week = (w / WEEKS).max(1);
    let used = per_week * WEEKS;
    let x = inner.x + ((w - used) / 2) as u16;
    // Top: the scale's top, i.e. the busiest week.
    if let Some(top) = r.busiest_week() {
        let text = fill(T::RepWeekMax.get(l), &[&top.contacts, &top.week_start]);
        let line = Line::styled(textwidth::fit(&text, used), t.muted);
        frame.render_widget(Paragraph::new(line), Rect { x, y: inner.y, width: used as u16, height: 1 });
    }
    let last = r.weeks.len().saturating_sub(1);
    let data: Vec<SparklineBar> = r
        .weeks
        .iter()
        .enumerate()
        .flat_map(|(i, wk)| {
            let style = if i == last { t.muted } else { t.accent };
            std::iter::repeat_n(SparklineBar::from(wk.contacts as u64).style(Some(style)), per_week)
        })
        .collect();
    let spark = Rect { x, y: inner.y + 1, width: used as u16, height: inner.height - 2 };
    frame.render_widget(Sparkline::default().data(data).style(t.accent), spark);
    // Bottom: the first and last weeks' Mondays, and this week so far between them.
    let first = r.weeks.first().map(|wk| wk.week_start.to_string()).unwrap_or_default();
    let this = r.weeks.last();
    let latest = this.map(|wk| wk.week_start.to_string()).unwrap_or_default();
    let so_far = fill(T::RepThisWeek.get(l), &[&this.map(|wk| wk.contacts).unwrap_or(0)]);
    let room = used.saturating_sub(textwidth::width(&first) + textwidth::width(&latest));
    let middle = if textwidth::width(&so_far) + 2 <= room { so_far } else { String::new() };
    let gap = room.saturating_sub(textwidth::width(&middle));
    let (left_gap, right_gap) = (gap / 2, gap - gap / 2);
    let line = Line::from(vec![
        Span::styled(first, t.muted),
        Span::raw(" ".repeat(left_gap)),
        Span::styled(middle, t.text),
        Span::raw(" ".repeat(right_gap)),
        Span::styled(latest, t.muted),
    ]);
    let bottom = Rect { x, y: inner.y + inner.height - 1, width: used as u16, height: 1 };
    frame.render_widget(Paragraph::new(line), bottom);
}
