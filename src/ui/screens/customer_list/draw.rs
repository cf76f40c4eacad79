//! Drawing the customer list: the tier pane and the table, laid out for the window.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use super::{CustomerList, Pane};
use crate::domain::schedule::{DueStatus, due_status};
use crate::i18n::{T, fill};
use crate::store::{SortDir, SortKey};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

impl CustomerList {
    /// How many table rows fit in `area` (the app calls this before handling keys).
    pub fn table_rows_for(area: Rect) -> usize {
        area.height.saturating_sub(3).max(1) as usize
    }

    /// The pane widths for a body area.
    fn split(area: Rect) -> [Rect; 2] {
        let tier_w = if area.width >= 100 { 26 } else { 20 };
        Layout::horizontal([Constraint::Length(tier_w), Constraint::Min(20)]).areas(area)
    }

    pub fn table_area(body: Rect) -> Rect {
        Self::split(body)[1]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let [tiers_area, table_area] = Self::split(area);
        self.render_tiers(frame, tiers_area, env);
        match &self.search {
            Some(bar) => bar.render(frame, table_area, env),
            None => self.render_table(frame, table_area, env),
        }
    }

    fn render_tiers(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let focused = self.focus == Pane::Tiers;
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", T::Tiers.get(env.lang)), t.title))
            .border_style(if focused { t.border_focus } else { t.border });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let mut lines = Vec::new();
        let entry = |label: Vec<Span<'static>>, label_w: usize, count: usize, selected: bool| {
            let count_s = count.to_string();
            let gap = w.saturating_sub(label_w + textwidth::width(&count_s) + 1);
            let mut spans = vec![Span::raw(if selected { ">" } else { " " })];
            spans.extend(label);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(count_s, t.muted));
            let line = Line::from(spans);
            if selected {
                line.style(if focused {
                    t.selection
                } else {
                    Style::new().add_modifier(ratatui::style::Modifier::BOLD)
                })
            } else {
                line
            }
        };
        let all = T::All.get(env.lang).to_string();
        let all_w = textwidth::width(&all) + 1;
        lines.push(entry(
            vec![Span::styled(all, t.text)],
            all_w,
            self.counts.first().copied().unwrap_or(0),
            self.tier_sel == 0,
        ));
        let code_w = env.scheme.code_width() + 2;
        for (i, tier) in env.scheme.tiers.iter().enumerate() {
            let room = w.saturating_sub(code_w + 1 + 6);
            let name = textwidth::fit(tier.name(env.lang), room);
            let label_w = code_w + 1 + textwidth::width(&name) + 1;
            let badge = tier_badge(&tier.code, &env.scheme, t);
            let count = self.counts.get(i + 1).copied().unwrap_or(0);
            lines.push(entry(
                vec![badge, Span::raw(" "), Span::styled(name, t.text)],
                label_w,
                count,
                self.tier_sel == i + 1,
            ));
        }
        // The cadence of the selected tier (or all of them), so the due dates make sense.
        lines.push(Line::raw(""));
        lines.push(Line::styled(T::CadenceLabel.get(env.lang).to_string(), t.header));
        for tier in &env.scheme.tiers {
            if self.tier_sel == 0 || self.selected_tier() == Some(tier.code.as_str()) {
                let text = format!(
                    " {} {}",
                    textwidth::pad(&tier.code, env.scheme.code_width()),
                    crate::i18n::tiers::cadence(&tier.cadence, env.lang)
                );
                lines.push(Line::styled(textwidth::fit(&text, w), t.muted));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let focused = self.focus == Pane::Table;
        let tier_label = match self.selected_tier() {
            None => T::All.get(l).to_string(),
            Some(code) => env.scheme.tier(code).map(|x| format!("{} {}", x.code, x.name(l))).unwrap_or_default(),
        };
        let sort_name = match self.sort {
            SortKey::Name => T::SortName.get(l),
            SortKey::LastContact => T::SortLastContact.get(l),
            SortKey::NextDue => T::SortNextDue.get(l),
            SortKey::DaysLeft => crate::i18n::pool_texts::Pool::SortDaysLeft.get(l),
        };
        let arrow = if self.dir == SortDir::Asc { "^" } else { "v" };
        let position = if self.total == 0 { String::new() } else { format!(" {}/{}", self.selected + 1, self.total) };
        let tier_label = match self.region() {
            Some(r) => {
                format!("{tier_label} · {}", crate::i18n::fill(crate::i18n::day_texts::D::FilterRegion.get(l), &[&r]))
            }
            None => tier_label,
        };
        let title = format!(
            " {} · {} | {} ({}) | {} {} {} ",
            crate::i18n::app_texts::whose_text(&env.scope.whose, l),
            T::Customers.get(l),
            tier_label,
            self.total,
            T::SortedBy.get(l),
            sort_name,
            arrow
        );
        let block = Block::bordered()
            .title(Span::styled(title, t.title))
            .title_bottom(Line::styled(position, t.muted).right_aligned())
            .border_style(if focused { t.border_focus } else { t.border });
        let inner = block.inner(area);
        frame.render_widget(block, area);

        if self.total == 0 {
            let key = env.keymap.first_key(Scope::List, Action::AddCustomer);
            let msg =
                if self.counts.first().copied().unwrap_or(0) == 0 { T::NoCustomersAtAll } else { T::NoCustomersInTier };
            let p =
                Paragraph::new(fill(msg.get(l), &[&key])).style(t.muted).wrap(ratatui::widgets::Wrap { trim: true });
            frame.render_widget(p, inner);
            return;
        }

        // Columns by available width: the owner goes first when space is short.
        let wide = inner.width >= 84;
        let status_w: u16 = if inner.width >= 70 { 12 } else { 0 };
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let mut widths = vec![
            Constraint::Length(badge_w),
            Constraint::Fill(3),
            Constraint::Fill(4),
            Constraint::Length(textwidth::width(T::ColLastContact.get(l)).max(10) as u16),
            Constraint::Length(11 + status_w),
        ];
        if wide {
            widths.push(Constraint::Fill(2));
        }
        let mut header = vec![T::ColTier, T::ColName, T::ColCompany, T::ColLastContact, T::ColNextDue];
        if wide {
            header.push(T::ColOwner);
            header.push(T::ColRisk);
            widths.push(Constraint::Length(8));
        }
        let col_rects = Layout::horizontal(widths.clone()).spacing(1).split(inner);
        let col_w: Vec<usize> = col_rects.iter().map(|r| r.width as usize).collect();
        let header_row =
            Row::new(header.iter().enumerate().map(|(i, h)| textwidth::fit(h.get(l), col_w[i]))).style(t.header);

        let visible = self.scroll..(self.scroll + self.viewport).min(self.total);
        let mut rows = Vec::new();
        for pos in visible {
            let Some(r) = pos.checked_sub(self.window_start).and_then(|i| self.rows.get(i)) else {
                continue;
            };
            let due = due_status(r.next_due_on, env.today, 0);
            let left = self.ownership.get(&r.id).filter(|o| o.days_left.is_some());
            let (due_style, due_note) = match (due, left) {
                // Within a week of going back to the pool: the days of ownership left.
                (_, Some(o)) => (
                    if o.warns() { t.warn } else { t.danger },
                    fill(crate::i18n::pool_texts::Pool::DaysLeft.get(l), &[&o.days_left.unwrap_or_default()]),
                ),
                (DueStatus::Overdue(d), None) => (t.danger, fill(T::OverdueDays.get(l), &[&d])),
                (DueStatus::DueToday, None) => (t.warn, T::DueToday.get(l).to_string()),
                _ => (t.text, String::new()),
            };
            let due_text = if status_w > 0 && !due_note.is_empty() {
                format!("{} {}", r.next_due_on, due_note)
            } else if !due_note.is_empty() {
                format!("{}!", r.next_due_on.format("%Y-%m-%d"))
            } else {
                r.next_due_on.to_string()
            };
            let last = r.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
            let mut cells = vec![
                ratatui::widgets::Cell::from(tier_badge(&r.tier, &env.scheme, t)),
                // A move into the top tier waiting for its sign-off is marked before the name.
                if r.signoff_pending {
                    ratatui::widgets::Cell::from(Line::from(vec![
                        Span::styled("! ", t.warn),
                        Span::raw(textwidth::fit(&r.name, col_w[1].saturating_sub(2))),
                    ]))
                } else {
                    ratatui::widgets::Cell::from(textwidth::fit(&r.name, col_w[1]))
                },
                ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&r.company, col_w[2]), t.muted)),
                ratatui::widgets::Cell::from(textwidth::fit(&last, col_w[3])),
                ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&due_text, col_w[4]), due_style)),
            ];
            if wide {
                cells.push(ratatui::widgets::Cell::from(Span::styled(textwidth::fit(&r.owner, col_w[5]), t.muted)));
                let risk = match r.risk_category.as_deref() {
                    Some(c) => env.band_name(c),
                    None => T::NotAssessed.get(l).to_string(),
                };
                cells.push(ratatui::widgets::Cell::from(textwidth::fit(&risk, col_w[6])));
            }
            let mut row = Row::new(cells);
            if pos == self.selected {
                row = row.style(if focused {
                    t.selection
                } else {
                    Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
                });
            }
            rows.push(row);
        }
        let table = Table::new(rows, widths).header(header_row).column_spacing(1);
        frame.render_widget(table, inner);
    }
}
