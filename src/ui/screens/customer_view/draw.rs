//! Drawing a customer's page: profile, schedule, tier history, contacts, follow-ups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{CustomerView, ViewPane};
use crate::domain::customer::Field;
use crate::domain::schedule::{DueStatus, due_status};
use crate::i18n::temperament_texts::M;
use crate::i18n::{T, field_label, fill};
use crate::textwidth;
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::widgets::badge::tier_badge;

impl CustomerView {
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let c = &self.customer;
        let title = vec![
            Span::raw(" "),
            tier_badge(&c.fields.tier, &env.scheme, t),
            Span::styled(format!(" {} ", crate::safe_text::visible(&c.fields.name)), t.title),
        ];
        let outer = Block::bordered().title(Line::from(title)).border_style(t.border_focus);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);

        let left_w = if inner.width >= 100 { 44 } else { (inner.width / 2).max(30) };
        let [left, right] = Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(inner);
        self.render_profile(frame, left, env);

        let hist_h = (self.history.len() as u16 + 2).clamp(3, 6);
        let fu_h = (self.follow_ups.len() as u16 + 2).clamp(3, 8);
        let [hist, contacts, fus] =
            Layout::vertical([Constraint::Length(hist_h), Constraint::Min(3), Constraint::Length(fu_h)]).areas(right);

        // Tier history, newest last (it reads as a story).
        let w = hist.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.history.is_empty() {
            vec![Line::styled(T::EmptyTierHistory.get(l), t.muted)]
        } else {
            let skip = self.history.len().saturating_sub(hist_h as usize - 2);
            self.history
                .iter()
                .skip(skip)
                .map(|h| {
                    let from = h.from.clone().unwrap_or_else(|| T::Initial.get(l).to_string());
                    let reason = if h.reason.is_empty() { String::new() } else { format!("  {}", h.reason) };
                    let signoff = match (&h.approved_by, h.awaiting_signoff()) {
                        (Some(by), _) if h.approver_verified => format!("  {}", fill(T::SignedOffBy.get(l), &[by])),
                        (Some(by), _) => format!("  {}", fill(T::SignedOffUnverified.get(l), &[by])),
                        (None, true) => format!("  {}", T::AwaitingSignoff.get(l)),
                        _ => String::new(),
                    };
                    let text = format!(
                        "{}  {} -> {}  {}{}{}",
                        h.at.format("%Y-%m-%d %H:%M"),
                        from,
                        h.to,
                        h.by,
                        reason,
                        signoff
                    );
                    let style = if h.awaiting_signoff() && c.signoff_pending { t.warn } else { t.text };
                    Line::styled(textwidth::fit(&text, w), style)
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines).block(section(T::TierHistory.get(l), env, false)).wrap(Wrap { trim: true }),
            hist,
        );

        // Contacts, newest first.
        let w = contacts.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.contacts.is_empty() {
            vec![Line::styled(T::EmptyContacts.get(l), t.muted)]
        } else {
            let visible = contacts.height.saturating_sub(2).max(1) as usize;
            let skip = self.contact_sel.saturating_sub(visible - 1);
            self.contacts
                .iter()
                .enumerate()
                .skip(skip)
                .map(|(i, x)| {
                    let head = format!("{}  {} ", x.on, textwidth::pad(env.kinds.name(&x.kind, l), 10));
                    let rest = textwidth::fit(&x.summary, w.saturating_sub(textwidth::width(&head)));
                    let line = Line::from(vec![Span::styled(head, t.accent), Span::styled(rest, t.text)]);
                    if i == self.contact_sel && self.pane == ViewPane::Contacts {
                        line.style(t.selection)
                    } else {
                        line
                    }
                })
                .collect()
        };
        let count = format!("{} ({})", T::Contacts.get(l), self.contacts.len());
        frame.render_widget(
            Paragraph::new(lines).block(section(&count, env, self.pane == ViewPane::Contacts)),
            contacts,
        );

        // Follow-ups: open ones first; overdue ones in the danger colour.
        let w = fus.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = if self.follow_ups.is_empty() {
            vec![Line::styled(T::EmptyFollowUps.get(l), t.muted)]
        } else {
            self.follow_ups
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let (state, style) = match f.done_at {
                        Some(_) => (T::DoneFollowUp.get(l).to_string(), t.muted),
                        None => match due_status(f.due_on, env.today, 0) {
                            DueStatus::Overdue(d) => (fill(T::OverdueDays.get(l), &[&d]), t.danger),
                            DueStatus::DueToday => (T::DueToday.get(l).to_string(), t.warn),
                            _ => (T::OpenFollowUp.get(l).to_string(), t.text),
                        },
                    };
                    let text = format!("{}  {}  {}", f.due_on, textwidth::pad(&state, 12), f.what);
                    let line = Line::styled(textwidth::fit(&text, w), style);
                    if i == self.follow_up_sel && self.pane == ViewPane::FollowUps {
                        line.style(t.selection)
                    } else {
                        line
                    }
                })
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(section(T::FollowUps.get(l), env, self.pane == ViewPane::FollowUps))
                .wrap(Wrap { trim: true }),
            fus,
        );
    }

    fn render_profile(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let c = &self.customer;
        let f = &c.fields;
        // As wide as the longest label, plus a space.
        let label_w = [T::ColLastContact, T::ColNextDue, T::ColRisk, T::DueItems]
            .iter()
            .map(|x| textwidth::width(x.get(l)))
            .chain([textwidth::width(M::Label.get(l))])
            .max()
            .unwrap_or(10)
            .max(10)
            + 1;
        let w = area.width.saturating_sub(2) as usize;
        let line = |label: &str, value: String, style| {
            Line::from(vec![
                Span::styled(textwidth::pad(label, label_w), t.muted),
                Span::styled(textwidth::fit(&value, w.saturating_sub(label_w)), style),
            ])
        };
        let tier_text = env
            .scheme
            .tier(&f.tier)
            .map(|x| format!("{} {} ({})", x.code, x.name(l), crate::i18n::tiers::cadence(&x.cadence, l)))
            .unwrap_or_else(|| f.tier.clone());
        let (due_style, due_note) = match due_status(c.next_due_on, env.today, 0) {
            DueStatus::Overdue(d) => (t.danger, format!("  {}", fill(T::OverdueDays.get(l), &[&d]))),
            DueStatus::DueToday => (t.warn, format!("  {}", T::DueToday.get(l))),
            _ => (t.text, String::new()),
        };
        let mut lines = vec![line(field_label(Field::Tier, l), tier_text, t.text)];
        if c.signoff_pending {
            let key = env.keymap.first_key(Scope::List, Action::ApproveTier);
            lines.push(line("", format!("{} ({key})", T::AwaitingSignoff.get(l)), t.warn));
        }
        lines.extend([
            line(
                T::ColLastContact.get(l),
                c.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string()),
                t.text,
            ),
            line(T::ColNextDue.get(l), format!("{}{}", c.next_due_on, due_note), due_style),
        ]);
        // Each requirement of the tier, when there is more than one or one is snoozed.
        if let Some(tier) = env.scheme.tier(&f.tier) {
            lines.push(Line::styled(T::DueItems.get(l), t.muted));
            for r in &self.dues {
                let Some(req) = tier.requirements.get(r.requirement) else { continue };
                let desc = crate::app::agenda::describe_requirement(req, &env.kinds, l);
                let style = match due_status(r.due, env.today, 0) {
                    DueStatus::Overdue(_) => t.danger,
                    DueStatus::DueToday => t.warn,
                    _ => t.text,
                };
                let snoozed =
                    r.snoozed_until.map(|d| format!("  {}", fill(T::SnoozedUntil.get(l), &[&d]))).unwrap_or_default();
                let text = format!("  {}  {}{}", r.due, desc, snoozed);
                lines.push(Line::styled(textwidth::fit(&text, w), style));
            }
        }
        // The risk category comes only from recorded questionnaires; each retake is listed
        // with the change in score.
        match self.assessments.first() {
            None => lines.push(line(T::ColRisk.get(l), T::NeverAssessed.get(l).to_string(), t.muted)),
            Some(a) => {
                let text = fill(T::RiskSummary.get(l), &[&env.band_name(&a.category), &a.score, &a.taken_on]);
                lines.push(line(T::ColRisk.get(l), text, t.text));
                // Every assessment, newest first, with the change from the one before it.
                for (i, a) in self.assessments.iter().enumerate().take(5) {
                    let change = match self.assessments.get(i + 1) {
                        Some(prev) => format!("{:+}", a.score as i64 - prev.score as i64),
                        None => String::new(),
                    };
                    let text = format!("  {}  {:>3} {} {}", a.taken_on, a.score, env.band_name(&a.category), change);
                    lines.push(Line::styled(textwidth::fit(&text, w), t.muted));
                }
            }
        }
        self.temperament_lines(&mut lines, env, (label_w, w));
        self.terms_lines(&mut lines, label_w, env);
        lines.push(Line::raw(""));
        let fields = [
            (Field::Ref, f.ext_ref.clone().unwrap_or_default()),
            (Field::Company, f.company.clone()),
            (Field::ContactPerson, f.contact_person.clone()),
            (Field::Phone, f.phone.clone()),
            (Field::Email, f.email.clone()),
            (Field::Region, f.region.clone()),
            (Field::Address, f.address.clone()),
            (Field::Industry, f.industry.clone()),
            (Field::Owner, f.owner.clone()),
            (Field::Tags, f.tags.clone()),
            (Field::Created, f.created_on.to_string()),
        ];
        for (field, value) in fields {
            if !value.is_empty() {
                lines.push(line(field_label(field, l), value, t.text));
            }
        }
        if !f.notes.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(field_label(Field::Notes, l), t.muted));
            // Line by line: a line break inside a Line would be dropped, not shown.
            for note in f.notes.lines() {
                lines.push(Line::styled(crate::safe_text::visible(note).replace('\t', "    "), t.text));
            }
        }
        self.render_scrolled(frame, area, Paragraph::new(lines).wrap(Wrap { trim: false }), env);
    }

    /// The profile from its first row in view, and when it is taller than its box the rows
    /// in view on the bottom border ("1-14/27"), as the brief shows them.
    fn render_scrolled(&self, frame: &mut Frame, area: Rect, p: Paragraph<'_>, env: &Env) {
        let block = section(T::Profile.get(env.lang), env, self.pane == ViewPane::Profile);
        let inner = block.inner(area);
        let (total, viewport) = (p.line_count(inner.width), inner.height as usize);
        self.profile_rows.set(total);
        self.profile_viewport.set(viewport);
        // A window grown since the last key may show more than `top` allows now.
        let top = self.profile_top.min(total.saturating_sub(viewport));
        let scroll = u16::try_from(top).unwrap_or(u16::MAX);
        frame.render_widget(p.block(block).scroll((scroll, 0)), area);
        crate::ui::widgets::scroll_mark::render(frame, area, (top, viewport, total), env.theme.muted);
    }
}

impl CustomerView {
    /// The terms the tier earns; the payment terms in the warning colour when late payments
    /// dropped them, with why (wrapped, not cut: the reason is the point).
    fn terms_lines(&self, lines: &mut Vec<Line<'_>>, label_w: usize, env: &Env) {
        use crate::i18n::terms_texts::{self, Tm};
        let (t, l) = (&env.theme, env.lang);
        // Wrapped by the paragraph rather than cut: a payment term is a sentence.
        let line = |label: &str, value: String, style| {
            Line::from(vec![
                Span::styled(textwidth::pad(label, label_w), t.muted),
                Span::styled(crate::safe_text::visible(&value).into_owned(), style),
            ])
        };
        let Some(terms) = &self.terms else {
            lines.push(line(Tm::Terms.get(l), Tm::NoTerms.get(l).to_string(), t.muted));
            return;
        };
        lines.push(Line::styled(Tm::Terms.get(l), t.muted));
        let why = Tm::Why.get(l);
        for (label, value) in terms_texts::lines(terms, l) {
            if label == why {
                lines.push(Line::styled(format!("  {}", crate::safe_text::visible(&value)), t.warn));
                continue;
            }
            let style = if label == Tm::Payment.get(l) && terms.dropped() { t.warn } else { t.text };
            lines.push(line(&format!("  {label}"), value, style));
        }
    }

    /// The temperament's name (or "not set", with the key that sets it) and its advice,
    /// wrapped by the paragraph. `(label_w, w)`: the labels' width and the whole width.
    fn temperament_lines(&self, lines: &mut Vec<Line<'_>>, env: &Env, (label_w, w): (usize, usize)) {
        let (t, l) = (&env.theme, env.lang);
        let key = env.keymap.first_key(Scope::List, Action::SetTemperament);
        let label = Span::styled(textwidth::pad(M::Label.get(l), label_w), t.muted);
        let room = w.saturating_sub(label_w);
        let Some(stored) = self.customer.fields.temperament.as_deref() else {
            let text = format!("{} ({key})", M::NoneSet.get(l));
            lines.push(Line::from(vec![label, Span::styled(textwidth::fit(&text, room), t.muted)]));
            return;
        };
        match env.temperaments.get(stored) {
            Some(x) => {
                lines.push(Line::from(vec![label, Span::styled(textwidth::fit(x.name(l), room), t.accent)]));
                lines.push(Line::styled(format!("  {}", crate::safe_text::visible(x.advice(l))), t.text));
            }
            None => {
                let text = fill(M::UnknownKey.get(l), &[&crate::safe_text::visible(stored)]);
                lines.push(Line::from(vec![label, Span::styled(textwidth::fit(&text, room), t.warn)]));
            }
        }
    }
}

/// A pane's box; the focused pane's border is highlighted.
fn section<'a>(title: &str, env: &Env, focused: bool) -> Block<'a> {
    let border = if focused { env.theme.border_focus } else { env.theme.border };
    Block::bordered().title(Span::styled(format!(" {title} "), env.theme.header)).border_style(border)
}
