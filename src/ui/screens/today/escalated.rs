//! A lead's Today, below the list: the "escalated" group (issue 17), the team's customers
//! past their tier's `escalate_after_days`, with their owner and how late they are. A
//! manager's Today has none (nobody reports to them).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table};

use super::Today;
use crate::i18n::pool_texts::Pool as P;
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::widgets::badge::tier_badge;

/// The most rows the group takes; the longest overdue come first.
const SHOWN: usize = 6;

impl Today {
    /// The group's height in `body`: none without escalations, at most a third of the window.
    pub(super) fn escalated_height(&self, body: Rect) -> u16 {
        if self.escalated.is_empty() || self.plan.is_some() {
            return 0;
        }
        let wanted = (self.escalated.len().min(SHOWN) + 3) as u16;
        wanted.min(body.height / 3)
    }

    /// The list's rows in `body` with the group below it (`table_rows_for` without it).
    pub fn rows_in(&self, body: Rect) -> usize {
        Self::table_rows_for(body).saturating_sub(self.escalated_height(body) as usize).max(1)
    }

    pub(super) fn render_escalated(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let (t, l) = (&env.theme, env.lang);
        let title = fill(P::EscalatedTitle.get(l), &[&escalated_count(self.escalated.len())]);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let badge_w = (env.scheme.code_width() + 2).max(textwidth::width(T::ColTier.get(l))) as u16;
        let late_w = textwidth::width(P::ColDaysLate.get(l)).max(5) as u16;
        let widths =
            [Constraint::Length(badge_w), Constraint::Fill(3), Constraint::Fill(2), Constraint::Length(late_w)];
        let cols = Layout::horizontal(widths).spacing(1).split(inner);
        let w: Vec<usize> = cols.iter().map(|r| r.width as usize).collect();
        let heads = [T::ColTier.get(l), T::ColName.get(l), P::ColOwner.get(l), P::ColDaysLate.get(l)];
        let header =
            Row::new(heads.iter().enumerate().map(|(i, h)| Cell::from(textwidth::fit(h, w[i])))).style(t.header);
        let rows: Vec<Row> = self
            .escalated
            .iter()
            .take(inner.height.saturating_sub(1) as usize)
            .map(|e| {
                let late = (env.today - e.counted_from).num_days();
                Row::new(vec![
                    Cell::from(tier_badge(&e.tier, &env.scheme, t)),
                    Cell::from(textwidth::fit(&e.name, w[1])),
                    Cell::from(textwidth::fit(&e.owner_name, w[2])),
                    Cell::from(Span::styled(format!("{late:>width$}", width = w[3]), t.danger)),
                ])
            })
            .collect();
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), inner);
    }
}

/// How many are escalated, as the group's title says it: the book reads at most
/// `ESCALATED_AT_MOST`, so a full read means that many or more ("500+"), not exactly that.
fn escalated_count(read: usize) -> String {
    if read >= crate::store::ESCALATED_AT_MOST { format!("{read}+") } else { read.to_string() }
}

#[cfg(test)]
mod tests {
    use super::escalated_count;
    use crate::store::ESCALATED_AT_MOST;

    #[test]
    fn a_full_read_says_at_least_not_exactly() {
        assert_eq!(escalated_count(3), "3");
        assert_eq!(escalated_count(ESCALATED_AT_MOST - 1), (ESCALATED_AT_MOST - 1).to_string());
        assert_eq!(escalated_count(ESCALATED_AT_MOST), format!("{ESCALATED_AT_MOST}+"));
    }
}
