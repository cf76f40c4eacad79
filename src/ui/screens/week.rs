//! The week ahead (`w` from Today): what is overdue, then each of the next seven days with
//! its count and its items (contacts falling due, follow-ups, expiring assessments). An
//! item moves to another day from here: a contact by a snooze, a follow-up by a new date,
//! each through the same prompt and rules as on Today. Today's filter applies here too.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::due::{DueItem, DueReason};
use crate::domain::due_filter::{Day, DueFilter, day_index};
use crate::domain::history::FollowUpId;
use crate::i18n::day_texts::D;
use crate::i18n::{Lang, T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route};
use crate::ui::keymap::Scope;
use crate::ui::screens::today::{filter_text, reason_text};
use crate::ui::widgets::badge::tier_badge;

/// How many days the week shows, today included.
pub const WEEK_DAYS: u32 = 7;

/// One line of the view: a day's heading (its group, its count) or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Heading(Day, usize),
    Item(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Week {
    filter: DueFilter,
    /// The items kept by the filter, in day order (overdue first), ranked within a day.
    items: Vec<DueItem>,
    entries: Vec<Entry>,
    /// A position in `entries`, always on an item when there is one.
    selected: usize,
    scroll: usize,
    viewport: usize,
    stale: bool,
}

impl Week {
    pub fn new(filter: DueFilter) -> Self {
        Self { filter, stale: true, viewport: 20, ..Default::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The items shown, in order.
    pub fn items(&self) -> &[DueItem] {
        &self.items
    }

    pub fn selected_item(&self) -> Option<&DueItem> {
        match self.entries.get(self.selected) {
            Some(Entry::Item(i)) => self.items.get(*i),
            _ => None,
        }
    }

    /// The ranked due items up to the week's last day; the selection stays on the same
    /// item where it is still there.
    pub fn fill(&mut self, mut items: Vec<DueItem>, today: NaiveDate) {
        let key = self.selected_item().map(|it| (it.customer.id, it.reason, it.requirement, it.follow_up));
        let day = |it: &DueItem| day_index(it.due_date, today, WEEK_DAYS);
        items.retain(|it| !it.done && self.filter.matches(it) && day(it).is_some());
        // Stable: the ranking holds within a day. Moved, not copied (tens of thousands of rows).
        items.sort_by_key(|it| day(it));
        let mut entries = Vec::with_capacity(items.len() + WEEK_DAYS as usize + 1);
        let mut at = 0;
        for d in 0..=WEEK_DAYS as usize {
            let n = items[at..].iter().take_while(|it| day(it) == Some(d)).count();
            let heading = match d {
                0 => Day::Overdue,
                _ => Day::On(today.checked_add_days(chrono::Days::new(d as u64 - 1)).unwrap_or(today)),
            };
            entries.push(Entry::Heading(heading, n));
            entries.extend((at..at + n).map(Entry::Item));
            at += n;
        }
        self.items = items;
        self.entries = entries;
        self.stale = false;
        let at = key.and_then(|k| {
            self.entries.iter().position(|e| match e {
                Entry::Item(i) => {
                    let it = &self.items[*i];
                    (it.customer.id, it.reason, it.requirement, it.follow_up) == k
                }
                Entry::Heading(..) => false,
            })
        });
        self.selected = at.unwrap_or(self.selected);
        self.settle(1);
    }

    pub fn set_viewport(&mut self, rows: usize) {
        self.viewport = rows.max(1);
        self.clamp();
    }

    /// Put the selection on an item, looking in `dir` first (then the other way).
    fn settle(&mut self, dir: isize) {
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        let is_item = |e: &Entry| matches!(e, Entry::Item(_));
        if !self.entries.get(self.selected).is_some_and(is_item) {
            let ahead =
                |from: usize| self.entries.iter().enumerate().skip(from).find(|(_, e)| is_item(e)).map(|(i, _)| i);
            let behind = |from: usize| self.entries[..=from].iter().rposition(is_item);
            let found = if dir >= 0 {
                ahead(self.selected).or_else(|| behind(self.selected))
            } else {
                behind(self.selected).or_else(|| ahead(self.selected))
            };
            self.selected = found.unwrap_or(0);
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.entries.len().saturating_sub(self.viewport));
        // Keep the heading above the first item in view.
        let top = if self.selected == 1 { 0 } else { self.selected };
        if top < self.scroll {
            self.scroll = top;
        } else if self.selected >= self.scroll + self.viewport {
            self.scroll = self.selected + 1 - self.viewport;
        }
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
        self.settle(delta.signum());
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let page = self.viewport as isize;
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Top => self.move_by(-(self.entries.len() as isize)),
            Action::Bottom => self.move_by(self.entries.len() as isize),
            Action::Back => return Effect::Back,
            Action::Open => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Customer(it.customer.id));
                }
            }
            Action::ShowBrief => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Brief(it.customer.id));
                }
            }
            Action::Assess => {
                if let Some(it) = self.selected_item() {
                    return Effect::Open(Route::Assess(it.customer.id));
                }
            }
            Action::Snooze | Action::Reschedule => return self.move_item(action, env),
            _ => {}
        }
        Effect::None
    }

    /// Another day for the selected item, by the rules of its kind.
    fn move_item(&self, action: Action, env: &Env) -> Effect {
        let Some(it) = self.selected_item() else { return Effect::None };
        match it.reason {
            DueReason::Cadence if action == Action::Snooze => Effect::Open(Route::Snooze {
                customer: it.customer.id,
                requirement: it.requirement.unwrap_or(0),
                name: it.customer.name.clone(),
                due: it.due_date,
            }),
            DueReason::FollowUp => Effect::Open(Route::Reschedule {
                follow_up: it.follow_up.unwrap_or(FollowUpId(0)),
                what: it.detail.clone(),
            }),
            DueReason::Assessment => {
                let key = env.keymap.first_key(Scope::List, Action::Assess);
                Effect::Warn(fill(D::AssessmentStays.get(env.lang), &[&key]))
            }
            DueReason::Cadence => Effect::Warn(T::NotForThisRow.get(env.lang).to_string()),
        }
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::List, Action::Snooze),
            (Scope::List, Action::Reschedule),
            (Scope::List, Action::Open),
            (Scope::List, Action::ShowBrief),
            (Scope::List, Action::Assess),
            (Scope::List, Action::Back),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn table_rows_for(body: Rect) -> usize {
        body.height.saturating_sub(2).max(1) as usize
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let last = env.today.checked_add_days(chrono::Days::new(u64::from(WEEK_DAYS - 1))).unwrap_or(env.today);
        let mut title = fill(D::WeekTitle.get(l), &[&env.today, &last, &count_text(self.items.len(), l)]);
        if !self.filter.is_empty() {
            title = format!("{title} · {}", fill(D::FilterTitle.get(l), &[&filter_text(&self.filter, l)]));
        }
        let title = textwidth::fit(&title, area.width.saturating_sub(4) as usize);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [body] = Layout::vertical([Constraint::Min(1)]).areas(inner);
        let width = body.width as usize;
        let end = (self.scroll + self.viewport).min(self.entries.len());
        let lines: Vec<Line> = (self.scroll..end)
            .map(|at| match self.entries[at] {
                Entry::Heading(day, n) => heading(day, n, l, t, width),
                Entry::Item(i) => {
                    let line = self.item_line(&self.items[i], width, env);
                    if at == self.selected { line.style(t.selection) } else { line }
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }

    /// "  [A] 王芳  contact: call every week   3 days late"
    fn item_line(&self, it: &DueItem, width: usize, env: &Env) -> Line<'static> {
        let t = &env.theme;
        let l = env.lang;
        let badge = tier_badge(&it.customer.tier, &env.scheme, t);
        let badge_w = env.scheme.code_width() + 2;
        let late = match it.days_overdue {
            d if d > 0 => fill(T::OverdueDays.get(l), &[&d]),
            _ => String::new(),
        };
        // One width for every row (late or not), so that the columns line up.
        let late_w = textwidth::width(&fill(T::OverdueDays.get(l), &[&999]));
        let rest = width.saturating_sub(2 + badge_w + 1 + late_w + 1);
        let name_w = (rest / 3).clamp(6, 24).min(rest);
        let reason_w = rest.saturating_sub(name_w + 1);
        let style = if it.days_overdue > 0 { t.danger } else { t.muted };
        Line::from(vec![
            Span::raw("  "),
            badge,
            Span::raw(" "),
            Span::styled(textwidth::pad(&it.customer.name, name_w), t.text),
            Span::raw(" "),
            Span::styled(textwidth::pad(&reason_text(it, l), reason_w), t.text),
            Span::raw(" "),
            Span::styled(format!("{}{late}", " ".repeat(late_w.saturating_sub(textwidth::width(&late)))), style),
        ])
    }
}

/// "1 item", "3 items".
fn count_text(n: usize, l: Lang) -> String {
    fill(if n == 1 { D::CountOne.get(l) } else { D::Count.get(l) }, &[&n])
}

/// "Overdue · 12 items", "Tue 2026-11-24 · 3 items".
fn heading(day: Day, n: usize, l: Lang, t: &crate::ui::theme::Theme, width: usize) -> Line<'static> {
    let name = match day {
        Day::Overdue => D::Overdue.get(l).to_string(),
        Day::On(d) => fill(D::DayHeading.get(l), &[&D::weekday(d.weekday()).get(l), &d]),
    };
    let count = if n == 0 { D::Nothing.get(l).to_string() } else { count_text(n, l) };
    let style = if day == Day::Overdue && n > 0 { t.danger } else { t.header };
    Line::from(vec![Span::styled(textwidth::fit(&format!("{name} · {count}"), width), style)])
}
