//! Drawing the interview: progress, the question (or grid row) and the review page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Interview, answered};
use crate::domain::questionnaire::{Answer, QuestionKind, letter};
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::Env;

impl Interview {
    pub fn render(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let title = fill(
            T::InterviewTitle.get(l),
            &[&self.questionnaire.title.get(l), &crate::safe_text::visible(&self.customer_name)],
        );
        let block = Block::bordered().title(Span::styled(format!(" {title} "), t.title)).border_style(t.border_focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [progress, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(inner);
        self.render_progress(frame, progress, env);
        if self.on_review() {
            self.render_review(frame, body, env);
        } else {
            self.render_question(frame, body, env);
        }
    }

    fn render_progress(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let total = self.questionnaire.questions.len();
        let done = self.answers.0.iter().filter(|a| answered(a)).count();
        let label = if self.on_review() {
            T::ReviewAnswers.get(env.lang).to_string()
        } else {
            format!("{} / {}", self.at_question() + 1, total)
        };
        let w = area.width.saturating_sub(textwidth::width(&label) as u16 + 2) as usize;
        let filled = (done * w).checked_div(total).unwrap_or(0);
        // A bar of coloured blanks: no ambiguous-width block glyphs.
        let line = Line::from(vec![
            Span::styled(format!("{label}  "), t.header),
            Span::styled(" ".repeat(filled), Style::new().bg(t.accent.fg.unwrap_or_default())),
            Span::styled(" ".repeat(w - filled), Style::new().bg(t.border.fg.unwrap_or_default())),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_question(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let Some((p, q)) = self.current() else { return };
        let mut lines = vec![Line::styled(format!("{}. {}", p.question + 1, q.text.get(l)), t.title)];
        let (options, sub) = match &q.kind {
            QuestionKind::Single { options } => (options, None),
            QuestionKind::Multiple { options, .. } => (options, Some(T::PickSeveral.get(l).to_string())),
            QuestionKind::Grid { rows } => {
                let r = p.row.unwrap_or(0);
                let Some(row) = rows.get(r) else { return };
                (&row.options, Some(format!("{} ({}/{})", row.label.get(l), r + 1, rows.len())))
            }
        };
        if let Some(sub) = sub {
            lines.push(Line::styled(sub, t.accent));
        }
        lines.push(Line::raw(""));
        let chosen: Vec<usize> = match (self.answers.get(p.question), p.row) {
            (Some(Answer::Multiple(set)), _) => set.iter().copied().collect(),
            _ => self.chosen().into_iter().collect(),
        };
        for (i, o) in options.iter().enumerate() {
            let mark = if chosen.contains(&i) { "(*)" } else { "( )" };
            let text = format!(" {} {} {}  {}", i + 1, letter(i), mark, o.text.get(l));
            let style = if i == self.cursor {
                t.selection
            } else if chosen.contains(&i) {
                t.ok
            } else {
                t.text
            };
            lines.push(Line::styled(text, style));
        }
        if let Some(note) = &self.note {
            lines.push(Line::raw(""));
            lines.push(Line::styled(note.clone(), t.warn));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }

    fn render_review(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let t = &env.theme;
        let l = env.lang;
        let lines_all = self.questionnaire.answer_lines(&self.answers).unwrap_or_default();
        let score = self.questionnaire.score(&self.answers).ok();
        let mut lines = Vec::new();
        let summary = match score {
            Some(s) => fill(T::ReviewTotal.get(l), &[&s, &self.questionnaire.band(s).name.get(l)]),
            None => T::ReviewIncomplete.get(l).to_string(),
        };
        lines.push(Line::styled(summary, if score.is_some() { t.ok } else { t.warn }));
        let w = area.width as usize;
        let visible = area.height.saturating_sub(1) as usize;
        let first = self.cursor.saturating_sub(visible.saturating_sub(1));
        for (i, q) in self.questionnaire.questions.iter().enumerate().skip(first) {
            let letters: Vec<String> =
                lines_all.iter().filter(|x| x.question_no == i + 1).map(|x| x.letters.clone()).collect();
            let points: u32 = lines_all.iter().filter(|x| x.question_no == i + 1).map(|x| x.points).sum();
            let answer = if letters.is_empty() { "-".to_string() } else { letters.join(" ") };
            let text = format!("{:>2}. {}  [{}] {}", i + 1, textwidth::pad(&answer, 8), points, q.text.get(l));
            let style = if i == self.cursor {
                t.selection
            } else if letters.is_empty() {
                t.warn
            } else {
                t.text
            };
            lines.push(Line::styled(textwidth::fit(&text, w), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
