//! The report per person (a lead's team view): for each person whose customers the
//! signed-in person may see, a row per tier they have customers in, then their row over all
//! tiers with their contacts per week; the same figures as `tierdesk report --by owner`.
//! Columns that do not fit are left out (not yet due, never contacted, the tier's name);
//! the rows scroll, and the frame says which are shown.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::table::{Col, cell, header};
use crate::domain::people::Person;
use crate::domain::report::{OwnerReport, TierLine};
use crate::i18n::lead_texts::Lead;
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

/// The widest a person's name is shown.
const NAME_MAX: usize = 16;
/// The widest a tier's name is shown beside its badge.
const TIER_NAME_MAX: usize = 10;

/// The report per owner as loaded, with the people's names.
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleReport {
    pub as_of: NaiveDate,
    pub owners: Vec<OwnerReport>,
    /// (login, name) of the book's people, for the first column.
    pub names: Vec<(String, String)>,
}

/// One row of the table: a person's tier, or their line over all tiers.
struct RowRef<'a> {
    owner: &'a OwnerReport,
    /// The first row of this person (their name is shown there only).
    first: bool,
    line: &'a TierLine,
    all: bool,
}

impl PeopleReport {
    pub fn new(as_of: NaiveDate, owners: Vec<OwnerReport>, people: &[Person]) -> Self {
        let names = people.iter().map(|p| (p.login.clone(), p.name.clone())).collect();
        Self { as_of, owners, names }
    }

    /// The person's name, else their login (someone the book cannot list).
    pub fn name_of<'a>(&'a self, login: &'a str) -> &'a str {
        self.names.iter().find(|(l, _)| l == login).map_or(login, |(_, n)| n.as_str())
    }

    fn rows(&self) -> Vec<RowRef<'_>> {
        let mut rows = Vec::new();
        for owner in &self.owners {
            let start = rows.len();
            for line in owner.report.tiers.iter().filter(|l| l.counts.customers > 0) {
                rows.push(RowRef { owner, first: rows.len() == start, line, all: false });
            }
            rows.push(RowRef { owner, first: rows.len() == start, line: &owner.report.all, all: true });
        }
        rows
    }

    pub fn row_count(&self) -> usize {
        self.owners.iter().map(|o| o.report.tiers.iter().filter(|l| l.counts.customers > 0).count() + 1).sum()
    }
}

/// Rows of the table that fit in the screen's `body`: less the frame, the header, the note.
pub fn rows_for(body: Rect) -> usize {
    body.height.saturating_sub(4).max(1) as usize
}

/// The table's layout: the number columns with their widths, and the widths of the person,
/// tier and per-week columns; whether the tier's name fits beside its badge.
struct Layout {
    cols: Vec<(Col, usize)>,
    person: usize,
    tier: usize,
    per_week: usize,
    names: bool,
}

impl Layout {
    fn widths(&self) -> Vec<Constraint> {
        let mut w = vec![self.person, self.tier];
        w.extend(self.cols.iter().map(|(_, w)| *w));
        w.push(self.per_week);
        w.into_iter().map(|w| Constraint::Length(w as u16)).collect()
    }

    fn total(&self) -> usize {
        let w = self.person + self.tier + self.per_week + self.cols.iter().map(|(_, w)| w).sum::<usize>();
        w + SPACING * (self.cols.len() + 2)
    }
}

const SPACING: usize = 2;

/// The columns shown: the numbers that always are, and those added while they fit in `room`.
fn layout(p: &PeopleReport, env: &Env, room: usize) -> Layout {
    let l = env.lang;
    let person = p
        .owners
        .iter()
        .map(|o| textwidth::width(p.name_of(&o.owner)).min(NAME_MAX))
        .chain([textwidth::width(Lead::ColPerson.get(l))])
        .max()
        .unwrap_or(0);
    // The widest count is someone's customers over all tiers.
    let digits = p.owners.iter().map(|o| o.report.all.counts.customers.to_string().len()).max().unwrap_or(1);
    let width = |c: Col| {
        let content = if c == Col::Share { 4 + 1 + super::table::GAUGE } else { digits };
        content.max(textwidth::width(header(c, env)))
    };
    let tier_head = textwidth::width(header(Col::Tier, env));
    let badge = env.scheme.code_width() + 2;
    let mut out = Layout {
        cols: [Col::Customers, Col::Within, Col::Share, Col::Overdue].map(|c| (c, width(c))).to_vec(),
        person,
        tier: badge.max(tier_head),
        per_week: textwidth::width(Lead::PerWeek.get(l)).max(5),
        names: false,
    };
    for extra in [Some(Col::NotYetDue), Some(Col::Never), None] {
        let mut with = Layout { cols: out.cols.clone(), ..out };
        match extra {
            Some(c) => with.cols.push((c, width(c))),
            None => {
                with.names = true;
                with.tier = (badge + 1 + TIER_NAME_MAX).max(tier_head);
            }
        }
        if with.total() <= room {
            out = with;
        }
    }
    let order = [Col::Customers, Col::Within, Col::NotYetDue, Col::Share, Col::Overdue, Col::Never];
    out.cols.sort_by_key(|(c, _)| order.iter().position(|o| o == c));
    out
}

fn tier_cell<'a>(r: &RowRef, env: &Env, names: bool) -> Cell<'a> {
    let t = &env.theme;
    if r.all {
        return Cell::from(Span::styled(T::All.get(env.lang), t.header));
    }
    let mut spans = vec![tier_badge(&r.line.tier, &env.scheme, t)];
    if names {
        let name = env.scheme.tier(&r.line.tier).map(|x| textwidth::fit(x.name(env.lang), TIER_NAME_MAX));
        spans.push(Span::styled(format!(" {}", name.unwrap_or_default()), t.text));
    }
    Cell::from(Line::from(spans))
}

pub fn render(frame: &mut Frame, area: Rect, env: &Env, p: &PeopleReport, scroll: usize) {
    let t = &env.theme;
    let l = env.lang;
    let title = fill(Lead::ByPersonTitle.get(l), &[&p.as_of, &p.owners.len()]);
    let all = p.rows();
    let shown = rows_for(area);
    let start = scroll.min(all.len().saturating_sub(shown));
    let end = (start + shown).min(all.len());
    let mut block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
    if all.len() > shown {
        let at = fill(Lead::Rows.get(l), &[&(start + 1), &end, &all.len()]);
        block = block.title_bottom(Line::styled(format!(" {at} "), t.muted).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if p.owners.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(Lead::NoneSeen.get(l), t.muted)), inner);
        return;
    }
    let lay = layout(p, env, inner.width as usize);
    let mut head = vec![Cell::from(Lead::ColPerson.get(l)), Cell::from(header(Col::Tier, env))];
    for (c, _) in &lay.cols {
        let text = header(*c, env);
        head.push(if *c == Col::Share { Cell::from(text) } else { Cell::from(Line::from(text).right_aligned()) });
    }
    head.push(Cell::from(Line::from(Lead::PerWeek.get(l)).right_aligned()));
    let rows: Vec<Row> = all[start..end]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // The name on a person's first row, and on the top row when scrolled into them.
            let named = r.first || i == 0;
            let who = if named { textwidth::fit(p.name_of(&r.owner.owner), NAME_MAX) } else { String::new() };
            let mut cells = vec![Cell::from(Span::styled(who, t.text)), tier_cell(r, env, lay.names)];
            cells.extend(lay.cols.iter().map(|(c, _)| cell(*c, r.line, env, r.all)));
            let per_week = if r.all { format!("{:.1}", r.owner.contacts_per_week()) } else { String::new() };
            cells.push(Cell::from(Line::styled(per_week, t.text).right_aligned()));
            Row::new(cells)
        })
        .collect();
    let widths = lay.widths();
    let table_area = Rect { height: inner.height.saturating_sub(1), ..inner };
    frame.render_widget(
        Table::new(rows, widths).header(Row::new(head).style(t.header)).column_spacing(SPACING as u16),
        table_area,
    );
    let key = env.keymap.first_key(Scope::List, Action::ReportByPerson);
    let note = textwidth::fit(&fill(Lead::ByPersonNote.get(l), &[&key]), inner.width as usize);
    let note_area = Rect { y: inner.y + inner.height.saturating_sub(1), height: 1, ..inner };
    frame.render_widget(Paragraph::new(Line::styled(note, t.muted)), note_area);
}
