//! Drawing the app: the top bar, the screen (a prompt over the screen it belongs to), the
//! status line, the key bar and any overlay. Drawing changes nothing.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{App, MIN_HEIGHT, MIN_WIDTH, Modal, StatusKind};
use crate::i18n::{T, fill};
use crate::textwidth;
use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::screens::Screen;
use crate::ui::widgets::{centered, confirm::confirm_box, help};

impl App {
    /// Draw everything. Changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let t = &self.env.theme;
        let l = self.env.lang;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let mut msg = fill(T::TooSmall.get(l), &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height]);
            // A question asked here (quit over typed text) must be seen to be answered.
            if let Some(Modal::Confirm { question, .. }) = &self.modal {
                msg = format!("{msg} {question}");
            }
            let h = (textwidth::width(&msg) as u16 / area.width.max(1)) + 1;
            let rect = centered(area, area.width, h.min(area.height));
            frame.render_widget(Paragraph::new(msg).style(t.warn).wrap(Wrap { trim: true }).centered(), rect);
            return;
        }
        let [top, body, status, keys] = Self::layout(area);
        self.draw_top_bar(frame, top);
        // A prompt is a small box over the screen it belongs to.
        if let (
            Screen::Prompt(_)
            | Screen::TierPrompt(_)
            | Screen::Indicators(_)
            | Screen::Picker(_)
            | Screen::Temperament(_),
            Some(below),
        ) = (&self.screen, self.stack.last())
        {
            below.render(frame, body, &self.env);
        }
        self.screen.render(frame, body, &self.env);
        if let Some((text, kind)) = &self.status {
            let style = match kind {
                StatusKind::Info => t.ok,
                StatusKind::Problem => t.danger,
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", textwidth::fit(text, status.width as usize - 1)), style)),
                status,
            );
        }
        let items: &[(Scope, Action)] = match &self.modal {
            Some(Modal::Confirm { on_no: None, .. }) => &[(Scope::Confirm, Action::Yes), (Scope::Confirm, Action::No)],
            Some(Modal::Confirm { .. }) => {
                &[(Scope::Confirm, Action::Yes), (Scope::Confirm, Action::No), (Scope::Confirm, Action::Dismiss)]
            }
            _ => self.screen.help_items(),
        };
        help::help_bar(frame, keys, items, &self.env.keymap, t, l);
        match &self.modal {
            Some(Modal::Help { scroll }) => help::help_overlay(frame, body, &self.env.keymap, t, l, *scroll),
            Some(Modal::Confirm { question, on_no, .. }) => {
                confirm_box(frame, body, question, on_no.is_some(), &self.env.keymap, t, l)
            }
            None => {}
        }
    }

    fn draw_top_bar(&self, frame: &mut Frame, area: Rect) {
        let t = &self.env.theme;
        let l = self.env.lang;
        let weekday = match l {
            crate::i18n::Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                [self.env.today.weekday().num_days_from_monday() as usize]
                .to_string(),
            crate::i18n::Lang::En => self.env.today.format("%a").to_string(),
        };
        let right = format!("{} {} ", self.env.today, weekday);
        let left = format!(" {} | {} | {}", T::AppName.get(l), self.env.book_label, self.env.scheme.name(l));
        let room = (area.width as usize).saturating_sub(textwidth::width(&right) + 1);
        let left = textwidth::fit(&left, room);
        let gap = (area.width as usize).saturating_sub(textwidth::width(&left) + textwidth::width(&right));
        let line =
            Line::from(vec![Span::styled(left, t.title), Span::raw(" ".repeat(gap)), Span::styled(right, t.muted)]);
        frame.render_widget(Paragraph::new(line), area);
    }
}
