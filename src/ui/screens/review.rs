//! The tier review: every customer whose suggested tier differs from the current one, with
//! what the policy says (apply now, held until the annual review, provisional), the score or
//! rule that decided, and below, the values behind the selected suggestion. Enter accepts one,
//! `a` all that may apply among those shown, `s` skips one for this session. The app runs the
//! review and writes; this screen only shows and asks.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::app::review::ReviewRun;
use crate::domain::customer::CustomerId;
use crate::domain::grading::format_number;
use crate::domain::review::{Direction, DowngradeRule, Suggestion, Verdict};
use crate::i18n::{Lang, T, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Route, Write};
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

/// Which suggestions are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewFilter {
    #[default]
    All,
    ApplyNow,
    Waiting,
}

impl ReviewFilter {
    fn next(self) -> Self {
        match self {
            Self::All => Self::ApplyNow,
            Self::ApplyNow => Self::Waiting,
            Self::Waiting => Self::All,
        }
    }

    fn keeps(self, s: &Suggestion) -> bool {
        match self {
            Self::All => true,
            Self::ApplyNow => s.verdict == Verdict::Apply,
            Self::Waiting => s.verdict != Verdict::Apply,
        }
    }

    fn label(self, l: crate::i18n::Lang) -> &'static str {
        match self {
            Self::All => T::All.get(l),
            Self::ApplyNow => T::ReviewApplyNow.get(l),
            Self::Waiting => T::ReviewWaiting.get(l),
        }
    }
}

/// Why there is no review: no grading model fits the book, or the book failed.
#[derive(Debug)]
pub enum NoReview {
    Model(crate::app::review::ModelError),
    Book(crate::store::StoreError),
}

impl NoReview {
    fn text(&self, lang: Lang) -> String {
        match self {
            // The chooser's words: which models would do.
            NoReview::Model(e) => e.to_string(),
            NoReview::Book(e) => crate::i18n::problems::store_error(e, lang),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReviewScreen {
    pub run: Option<ReviewRun>,
    /// Why there is no review (no model for the book's scheme...).
    pub problem: Option<String>,
    stale: bool,
    filter: ReviewFilter,
    /// Skipped in this session: not shown again until the app is restarted.
    skipped: HashSet<CustomerId>,
    selected: usize,
}

impl ReviewScreen {
    pub fn new() -> Self {
        Self { stale: true, ..Default::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The review, or why there is none, worded in `lang`.
    pub fn fill(&mut self, run: Result<ReviewRun, NoReview>, lang: Lang) {
        match run {
            Ok(run) => {
                self.run = Some(run);
                self.problem = None;
            }
            Err(p) => {
                self.run = None;
                self.problem = Some(p.text(lang));
            }
        }
        self.stale = false;
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
    }

    /// The suggestions on screen, in order.
    pub fn shown(&self) -> Vec<&Suggestion> {
        let Some(run) = &self.run else { return Vec::new() };
        run.suggestions.iter().filter(|s| self.filter.keeps(s) && !self.skipped.contains(&s.customer)).collect()
    }

    fn selected_suggestion(&self) -> Option<&Suggestion> {
        self.shown().get(self.selected).copied()
    }

    fn model_id(&self) -> String {
        self.run.as_ref().map(|r| r.model.id.clone()).unwrap_or_default()
    }

    fn move_by(&mut self, delta: isize) {
        let n = self.shown().len();
        self.selected = (self.selected as isize + delta).clamp(0, n.saturating_sub(1) as isize) as usize;
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let l = env.lang;
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::Top => self.selected = 0,
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::CycleFilter => {
                self.filter = self.filter.next();
                self.selected = 0;
            }
            Action::Open => {
                if let Some(s) = self.selected_suggestion() {
                    return Effect::Open(Route::Customer(s.customer));
                }
            }
            Action::SkipSuggestion => {
                if let Some(s) = self.selected_suggestion() {
                    let (id, name) = (s.customer, self.name(s.customer));
                    self.skipped.insert(id);
                    self.move_by(0);
                    return Effect::Notify(fill(T::ReviewSkipped.get(l), &[&name]));
                }
            }
            Action::AcceptSuggestion => {
                let Some(s) = self.selected_suggestion() else { return Effect::None };
                return match s.verdict {
                    Verdict::Apply => Effect::Save(Write::AcceptSuggestions {
                        model: self.model_id(),
                        moves: vec![(s.customer, s.suggested.clone())],
                        label: format!("{} {} -> {}", self.name(s.customer), s.current, s.suggested),
                    }),
                    Verdict::HeldUntil(d) => Effect::Warn(fill(T::ReviewHeldWhy.get(l), &[&d])),
                    Verdict::Provisional { until } => Effect::Warn(fill(T::ReviewProvisionalWhy.get(l), &[&until])),
                };
            }
            Action::AcceptAll => {
                let moves: Vec<(CustomerId, String)> = self
                    .shown()
                    .iter()
                    .filter(|s| s.verdict == Verdict::Apply)
                    .map(|s| (s.customer, s.suggested.clone()))
                    .collect();
                if moves.is_empty() {
                    return Effect::Notify(T::ReviewNothingToApply.get(l).to_string());
                }
                let n = moves.len();
                let label = fill(T::ReviewManyLabel.get(l), &[&n]);
                return Effect::Confirm {
                    question: fill(T::ReviewConfirmAll.get(l), &[&n]),
                    on_yes: Box::new(Effect::Save(Write::AcceptSuggestions { model: self.model_id(), moves, label })),
                };
            }
            _ => {}
        }
        Effect::None
    }

    fn name(&self, id: CustomerId) -> String {
        self.run.as_ref().map(|r| r.name_of(id).to_string()).unwrap_or_default()
    }

    pub fn help_items() -> &'static [(Scope, Action)] {
        &[
            (Scope::Review, Action::AcceptSuggestion),
            (Scope::Review, Action::AcceptAll),
            (Scope::Review, Action::SkipSuggestion),
            (Scope::Review, Action::Open),
            (Scope::List, Action::CycleFilter),
            (Scope::List, Action::Undo),
            (Scope::Global, Action::Help),
        ]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let title = match &self.run {
            Some(run) => fill(T::ReviewTitle.get(l), &[&run.model.name(l), &run.today]),
            None => T::ReviewTitleEmpty.get(l).to_string(),
        };
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(run) = &self.run else {
            let text = self.problem.clone().unwrap_or_else(|| T::Loading.get(l).to_string());
            frame.render_widget(
                Paragraph::new(Line::styled(text, t.muted)).wrap(ratatui::widgets::Wrap { trim: true }),
                inner,
            );
            return;
        };
        let w = inner.width as usize;
        let mut head = vec![Line::styled(textwidth::fit(&policy_line(run, env), w), t.muted)];
        let (now, held, provisional) = run.counts();
        let counts = fill(
            T::ReviewCounts.get(l),
            &[&run.customers, &run.graded, &run.suggestions.len(), &now, &held, &provisional, &self.filter.label(l)],
        );
        let skipped = run.suggestions.iter().filter(|s| self.skipped.contains(&s.customer)).count();
        let counts = if skipped > 0 {
            format!("{counts} · {}", fill(T::ReviewSkippedCount.get(l), &[&skipped]))
        } else {
            counts
        };
        head.push(Line::styled(textwidth::fit(&counts, w), t.text));
        for warning in crate::i18n::app_texts::review_notes(run, l) {
            head.push(Line::styled(textwidth::fit(&format!("! {warning}"), w), t.warn));
        }
        let shown = self.shown();
        let detail_h = (run.model.indicators.len() as u16 + 2).min(inner.height / 3).max(3);
        let [head_area, list_area, detail_area] =
            Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(3), Constraint::Length(detail_h)])
                .areas(inner);
        frame.render_widget(Paragraph::new(head), head_area);
        if shown.is_empty() {
            let text = if run.graded == 0 { T::ReviewNoValues.get(l) } else { T::ReviewAllAgree.get(l) };
            frame.render_widget(
                Paragraph::new(Line::styled(text, t.muted)).wrap(ratatui::widgets::Wrap { trim: true }),
                list_area,
            );
            return;
        }
        self.render_table(frame, list_area, env, run, &shown);
        if let Some(s) = shown.get(self.selected) {
            render_values(frame, detail_area, env, run, s);
        }
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, env: &Env, run: &ReviewRun, shown: &[&Suggestion]) {
        let (t, l) = (&env.theme, env.lang);
        let visible = area.height.saturating_sub(1).max(1) as usize;
        let top = self.selected.saturating_sub(visible - 1);
        let name_w = 18usize;
        // Wide enough for "provisional until 2027-04-01" when there is room; cut on a narrow window.
        let status_w = match (l, area.width < 100) {
            (crate::i18n::Lang::Zh, _) => 22,
            (_, true) => 21,
            (_, false) => 28,
        };
        let header = Row::new(vec![
            Cell::from(T::FieldName.get(l)),
            Cell::from(T::ReviewColNow.get(l)),
            Cell::from(""),
            Cell::from(T::ReviewColSuggested.get(l)),
            Cell::from(T::ReviewColStatus.get(l)),
            Cell::from(T::ReviewColWhy.get(l)),
        ])
        .style(t.header);
        let code_w = env.scheme.code_width() as u16 + 2;
        let now_w = code_w.max(textwidth::width(T::ReviewColNow.get(l)) as u16);
        let suggested_w = code_w.max(textwidth::width(T::ReviewColSuggested.get(l)) as u16);
        // Six columns, five gaps of one.
        let fixed = name_w + now_w as usize + 1 + suggested_w as usize + status_w + 5;
        let why_w = (area.width as usize).saturating_sub(fixed).max(10);
        let rows: Vec<Row> = shown
            .iter()
            .enumerate()
            .skip(top)
            .take(visible)
            .map(|(i, s)| {
                let (status, style) = match s.verdict {
                    Verdict::Apply => (T::ReviewApplyNow.get(l).to_string(), t.ok),
                    Verdict::HeldUntil(d) => (fill(T::ReviewHeldUntil.get(l), &[&d]), t.muted),
                    Verdict::Provisional { until } => (fill(T::ReviewProvisionalUntil.get(l), &[&until]), t.muted),
                };
                let arrow = if s.direction == Direction::Up { "^" } else { "v" };
                let row = Row::new(vec![
                    Cell::from(textwidth::fit(run.name_of(s.customer), name_w)),
                    Cell::from(tier_badge(&s.current, &env.scheme, t)),
                    Cell::from(Span::styled(arrow, if s.direction == Direction::Up { t.ok } else { t.warn })),
                    Cell::from(tier_badge(&s.suggested, &env.scheme, t)),
                    Cell::from(Span::styled(textwidth::fit(&status, status_w), style)),
                    Cell::from(Span::styled(
                        textwidth::fit(&crate::i18n::grading::explain(&run.model, &s.grade, l), why_w),
                        t.text,
                    )),
                ]);
                if i == self.selected { row.style(t.selection) } else { row }
            })
            .collect();
        let widths = [
            Constraint::Length(name_w as u16),
            Constraint::Length(now_w),
            Constraint::Length(1),
            Constraint::Length(suggested_w),
            Constraint::Length(status_w as u16),
            Constraint::Min(10),
        ];
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
    }
}

/// "Upgrades apply at once; downgrades at the annual review 01-01 (31 days); new customers
/// keep their tier 6 months."
fn policy_line(run: &ReviewRun, env: &Env) -> String {
    let l = env.lang;
    let downgrades = match run.policy.downgrade {
        DowngradeRule::Immediate => T::ReviewDowngradesNow.get(l).to_string(),
        DowngradeRule::AtAnnualReview { month, day, window_days } => {
            fill(T::ReviewDowngradesAnnual.get(l), &[&format!("{month:02}-{day:02}"), &window_days])
        }
    };
    fill(T::ReviewPolicyLine.get(l), &[&downgrades, &run.policy.provisional_months])
}

/// The values behind one suggestion: each indicator, its value and day, and its points.
fn render_values(frame: &mut Frame, area: Rect, env: &Env, run: &ReviewRun, s: &Suggestion) {
    let (t, l) = (&env.theme, env.lang);
    let title = fill(T::ReviewValuesOf.get(l), &[&crate::safe_text::visible(run.name_of(s.customer))]);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), t.header)).border_style(t.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name_w = run.model.indicators.iter().map(|i| textwidth::width(i.name(l))).max().unwrap_or(8) + 2;
    let lines: Vec<Line> = s
        .grade
        .lines
        .iter()
        .filter_map(|line| {
            let ind = run.model.indicators.get(line.indicator)?;
            let unit = ind.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            let value = match &line.value {
                Some(crate::domain::grading::Value::Number(n)) => format!("{}{unit}", format_number(*n)),
                Some(v) => v.to_string(),
                None => T::ReviewMissing.get(l).to_string(),
            };
            let day = line.measured_on.map(|d| d.to_string()).unwrap_or_default();
            let points = match (line.points, ind.weight > 0.0) {
                (Some(p), true) => format!("{} / {}", format_number(p), format_number(ind.weight)),
                _ => String::new(),
            };
            let style = if line.value.is_none() { t.warn } else { t.text };
            Some(Line::from(vec![
                Span::styled(textwidth::pad(ind.name(l), name_w), t.muted),
                Span::styled(textwidth::pad(&value, 22), style),
                Span::styled(textwidth::pad(&day, 12), t.muted),
                Span::styled(points, t.accent),
            ]))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
