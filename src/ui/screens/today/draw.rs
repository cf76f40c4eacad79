//! Drawing Today: the list (with its filter in the title) and the coverage, beside the list
//! in a wide window, else on one line below it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::Today;
use crate::domain::due::{DueItem, DueReason};
use crate::domain::due_filter::DueFilter;
use crate::i18n::day_texts::D;
use crate::i18n::pool_texts::Pool as P;
use crate::i18n::{Lang, T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

/// From this width the coverage sits beside the list. Below it the list takes the whole
/// width (company names and reasons need it more than the bars do) and the coverage is the
/// one-line strip.
const SIDE_PANEL_FROM: u16 = 150;
/// Narrower than this, the company column gives its room to the reason.
const COMPANY_FROM: u16 = 100;

impl Today {
    /// The list and the coverage panel.
    fn split(area: Rect) -> (Rect, Option<Rect>) {
        if area.width >= SIDE_PANEL_FROM {
            let [list, side] = Layout::horizontal([Constraint::Min(60), Constraint::Length(30)]).areas(area);
            (list, Some(side))
        } else {
            (area, None)
        }
    }

    pub fn table_rows_for(body: Rect) -> usize {
        let (list, side) = Self::split(body);
        let bottom = if side.is_none() { 1 } else { 0 };
        list.height.saturating_sub(3 + bottom).max(1) as usize
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        if let Some(p) = &self.plan {
            // The plan is made from the rows the filter keeps: its title names the filter.
            let filter = (!self.filter.is_empty())
                .then(|| fill(D::FilterTitle.get(env.lang), &[&filter_text(&self.filter, env.lang)]));
            return p.render(frame, area, env, filter.as_deref());
        }
        let (list, side) = Self::split(area);
        let (list, strip) = if side.is_none() {
            let [l, s] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(list);
            (l, Some(s))
        } else {
            (list, None)
        };
        let escalated = self.escalated_height(area);
        let list = if escalated > 0 {
            let [l, e] = Layout::vertical([Constraint::Min(3), Constraint::Length(escalated)]).areas(list);
            self.render_escalated(frame, e, env);
            l
        } else {
            list
        };
        self.render_list(frame, list, env);
        if let Some(side) = side {
            self.render_coverage(frame, side, env);
        }
        if let Some(strip) = strip {
            self.render_coverage_strip(frame, strip, env);
        }
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        // Holding only the list's start (the first frame), the day's counts were read whole.
        let (all, done, left) = self.head.unwrap_or_else(|| tally_of(self.shown.iter().map(|i| &self.items[*i])));
        let whose = crate::i18n::app_texts::whose_text(&env.scope.whose, l);
        let room = area.width.saturating_sub(4) as usize;
        let mut title = format!("{whose} · {}", fill(T::TodayTitle.get(l), &[&env.today, &all, &done, &left]));
        if !self.filter.is_empty() {
            let filter = fill(D::FilterTitle.get(l), &[&filter_text(&self.filter, l)]);
            title = format!("{title} · {filter}");
            // A narrow window: the counts in short, so that the filter stays in sight.
            if textwidth::width(&title) > room {
                title = format!("{} · {filter}", fill(D::TodayShort.get(l), &[&left, &all]));
            }
        }
        let title = textwidth::fit(&title, room);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.shown.is_empty() {
            let key = |a| env.keymap.first_key(Scope::List, a);
            let text = if self.items.is_empty() {
                fill(
                    D::TodayEmpty.get(l),
                    &[&key(Action::AddCustomer), &key(Action::Import), &key(Action::ShowCustomers)],
                )
            } else {
                fill(
                    D::NothingMatches.get(l),
                    &[
                        &filter_text(&self.filter, l),
                        &key(Action::FilterReason),
                        &key(Action::FilterTier),
                        &key(Action::FilterRegion),
                    ],
                )
            };
            frame.render_widget(Paragraph::new(text).style(t.muted).wrap(Wrap { trim: true }), inner);
            return;
        }
        let with_company = area.width >= COMPANY_FROM;
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let last_w = textwidth::width(T::ColLastContact.get(l)).max(10) as u16;
        let late_w = textwidth::width(T::ColLate.get(l)).max(textwidth::width(D::DoneShort.get(l))).max(5) as u16;
        let mut widths = vec![Constraint::Length(3), Constraint::Length(badge_w)];
        if with_company {
            widths.extend([Constraint::Fill(2), Constraint::Fill(3), Constraint::Fill(6)]);
        } else {
            widths.extend([Constraint::Fill(2), Constraint::Fill(5)]);
        }
        widths.extend([Constraint::Length(last_w), Constraint::Length(late_w)]);
        // Days of ownership left, where a row's customer is within a week of the pool.
        let days_left = |it: &DueItem| self.ownership.get(&it.customer.id).copied().filter(|o| o.days_left.is_some());
        // Holding only the list's start, the column is the whole list's: drawn if anyone on
        // it shows days left (the book named them), so that the rest read after it moves
        // nothing.
        let with_left = if self.is_head() {
            self.ownership.values().any(|o| o.days_left.is_some())
        } else {
            self.shown.iter().any(|i| days_left(&self.items[*i]).is_some())
        };
        if with_left {
            widths.push(Constraint::Length(textwidth::width(P::ColDaysLeft.get(l)).max(4) as u16));
        }
        let cols = Layout::horizontal(widths.clone()).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let mut heads = vec!["", T::ColTier.get(l), T::ColName.get(l)];
        if with_company {
            heads.push(T::ColCompany.get(l));
        }
        heads.extend([T::ColReason.get(l), T::ColLastContact.get(l), T::ColLate.get(l)]);
        if with_left {
            heads.push(P::ColDaysLeft.get(l));
        }
        let header =
            Row::new(heads.iter().enumerate().map(|(i, h)| Cell::from(textwidth::fit(h, w[i])))).style(t.header);
        let end = (self.scroll + self.viewport).min(self.shown.len());
        let rows: Vec<Row> = (self.scroll..end)
            .map(|at| {
                let it = self.row(at);
                let late_style = if it.done {
                    t.muted
                } else if it.days_overdue > 0 {
                    t.danger
                } else if it.days_overdue == 0 {
                    t.warn
                } else {
                    t.text
                };
                // A ticked row is dealt with: how late it was no longer matters.
                let late = if it.done { D::DoneShort.get(l).to_string() } else { it.days_overdue.to_string() };
                let last =
                    it.customer.last_contact.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
                let mut cells = vec![
                    Cell::from(if it.done { "[x]" } else { "[ ]" }),
                    Cell::from(tier_badge(&it.customer.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&it.customer.name, w[2])),
                ];
                let mut c = 3;
                if with_company {
                    cells.push(Cell::from(Span::styled(textwidth::fit(&it.customer.company, w[c]), t.muted)));
                    c += 1;
                }
                cells.push(Cell::from(textwidth::fit(&reason_text(it, l), w[c])));
                cells.push(Cell::from(textwidth::fit(&last, w[c + 1])));
                cells.push(Cell::from(Span::styled(format!("{late:>width$}", width = w[c + 2]), late_style)));
                if with_left {
                    let cell = match days_left(it) {
                        Some(o) => {
                            let left = o.days_left.unwrap_or_default();
                            Span::styled(
                                format!("{left:>width$}", width = w[c + 3]),
                                if o.warns() { t.warn } else { t.text },
                            )
                        }
                        None => Span::raw(""),
                    };
                    cells.push(Cell::from(cell));
                }
                let mut row = Row::new(cells);
                if it.done {
                    row = row.style(t.muted.add_modifier(Modifier::CROSSED_OUT));
                }
                if at == self.selected {
                    row = row.style(t.selection);
                }
                row
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), inner);
    }

    /// Per tier: a bar of customers within cadence (ok colour) and overdue (danger colour),
    /// drawn with coloured blanks so no ambiguous-width glyph is needed.
    fn render_coverage(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let block =
            Block::bordered().title(Span::styled(format!(" {} ", T::Coverage.get(l)), t.title)).border_style(t.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let bar_w = inner.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        if !self.coverage_counted {
            for tier in &env.scheme.tiers {
                let counting = Span::styled(format!(" {}", T::CoverageCounting.get(l)), t.muted);
                lines.extend([Line::from(vec![tier_badge(&tier.code, &env.scheme, t), counting]), Line::raw("")]);
            }
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        }
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

    /// The same numbers on one line, for narrower windows.
    fn render_coverage_strip(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let mut spans = vec![Span::styled(format!("{} ({}) ", T::Coverage.get(l), T::CoverageLegend.get(l)), t.header)];
        if !self.coverage_counted {
            spans.push(Span::styled(T::CoverageCounting.get(l), t.muted));
            frame.render_widget(Paragraph::new(Line::from(spans)), area);
            return;
        }
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

/// Counts over the rows shown.
fn tally_of<'a>(items: impl Iterator<Item = &'a DueItem>) -> (usize, usize, usize) {
    let (mut all, mut done) = (0, 0);
    for it in items {
        all += 1;
        done += usize::from(it.done);
    }
    (all, done, all - done)
}

/// What a row is there for. An assessment row's detail names the assessment already
/// ("last assessed ..., expired"), so it goes without the prefix: the date then fits.
pub(crate) fn reason_text(it: &DueItem, l: Lang) -> String {
    let reason = match it.reason {
        DueReason::Cadence => T::ReasonCadence.get(l),
        DueReason::FollowUp => T::ReasonFollowUp.get(l),
        DueReason::Assessment if !it.detail.is_empty() => return it.detail.clone(),
        DueReason::Assessment => T::ReasonAssessment.get(l),
    };
    if it.detail.is_empty() { reason.to_string() } else { format!("{reason}: {}", it.detail) }
}

/// The filter in words: "follow-up · tier A · region East".
pub(crate) fn filter_text(f: &DueFilter, l: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let reasons: Vec<&str> = f
        .reasons
        .iter()
        .map(|r| match r {
            DueReason::Cadence => T::ReasonCadence.get(l),
            DueReason::FollowUp => T::ReasonFollowUp.get(l),
            DueReason::Assessment => T::ReasonAssessment.get(l),
        })
        .collect();
    if !reasons.is_empty() {
        parts.push(reasons.join("/"));
    }
    if !f.tiers.is_empty() {
        parts.push(fill(D::FilterTier.get(l), &[&f.tiers.join("/")]));
    }
    if !f.regions.is_empty() {
        parts.push(fill(D::FilterRegion.get(l), &[&f.regions.join("/")]));
    }
    parts.join(" · ")
}
