//! The risk questionnaire, run with the customer: one question per page (a grid one row per
//! page), options picked by digit or letter or with Up/Down and Enter, Left/Backspace back
//! with the answer kept, a review page where any answer can be reopened, and a confirmed
//! save. Every change is kept as a draft, so a closed terminal loses nothing.

use crate::domain::customer::CustomerId;
use crate::domain::questionnaire::{
    Answer, Answers, Choice, Question, QuestionKind, Questionnaire, letter, letter_index,
};
use crate::i18n::{Lang, T, fill};
use crate::ui::Env;
use crate::ui::action::Action;
use crate::ui::effect::{Effect, Write};
use crate::ui::keymap::Scope;

mod draw;

/// One page: a question, or one row of a grid question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Page {
    question: usize,
    row: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Interview {
    pub customer: CustomerId,
    pub customer_name: String,
    pub questionnaire: Questionnaire,
    pub answers: Answers,
    pages: Vec<Page>,
    /// Current page; `pages.len()` is the review page.
    page: usize,
    /// Highlighted option on a question page, or line on the review page.
    cursor: usize,
    /// What the last tick unticked to keep an exclusive option alone, said under the options.
    note: Option<String>,
    /// The question was reopened from the review page: answering it goes back there.
    from_review: bool,
}

impl Interview {
    pub fn new(
        customer: CustomerId,
        customer_name: String,
        questionnaire: Questionnaire,
        answers: Answers,
        at_question: usize,
    ) -> Self {
        let pages: Vec<Page> = questionnaire
            .questions
            .iter()
            .enumerate()
            .flat_map(|(i, q)| match &q.kind {
                QuestionKind::Grid { rows } => (0..rows.len()).map(|r| Page { question: i, row: Some(r) }).collect(),
                _ => vec![Page { question: i, row: None }],
            })
            .collect();
        let page = pages.iter().position(|p| p.question == at_question).unwrap_or(0);
        let mut s = Self {
            customer,
            customer_name,
            questionnaire,
            answers,
            pages,
            page,
            cursor: 0,
            note: None,
            from_review: false,
        };
        s.cursor = s.chosen().unwrap_or(0);
        s
    }

    pub fn on_review(&self) -> bool {
        self.page >= self.pages.len()
    }

    /// The question the interview is at (the review counts as the last).
    pub fn at_question(&self) -> usize {
        self.pages.get(self.page).map(|p| p.question).unwrap_or(self.questionnaire.questions.len().saturating_sub(1))
    }

    fn current(&self) -> Option<(Page, &Question)> {
        let p = *self.pages.get(self.page)?;
        Some((p, self.questionnaire.questions.get(p.question)?))
    }

    /// The options on the current page.
    fn option_count(&self) -> usize {
        match self.current() {
            Some((p, q)) => match &q.kind {
                QuestionKind::Single { options } | QuestionKind::Multiple { options, .. } => options.len(),
                QuestionKind::Grid { rows } => p.row.and_then(|r| rows.get(r)).map(|r| r.options.len()).unwrap_or(0),
            },
            None => self.questionnaire.questions.len(),
        }
    }

    /// The option chosen on the current page (single or grid row).
    fn chosen(&self) -> Option<usize> {
        let (p, _) = self.current()?;
        match self.answers.get(p.question)? {
            Answer::Single(c) => *c,
            Answer::Grid(rows) => p.row.and_then(|r| rows.get(r).copied().flatten()),
            Answer::Multiple(set) => set.iter().next().copied(),
        }
    }

    fn page_answered(&self) -> bool {
        let Some((p, _)) = self.current() else { return true };
        match self.answers.get(p.question) {
            Some(Answer::Single(c)) => c.is_some(),
            Some(Answer::Grid(rows)) => p.row.and_then(|r| rows.get(r)).is_some_and(|c| c.is_some()),
            Some(Answer::Multiple(set)) => !set.is_empty(),
            None => false,
        }
    }

    fn go(&mut self, page: usize) {
        self.note = None;
        self.page = page.min(self.pages.len());
        if self.on_review() {
            self.from_review = false;
        }
        self.cursor = if self.on_review() { 0 } else { self.chosen().unwrap_or(0) };
    }

    /// On after an answer: the next page, or back to the review for a question reopened
    /// from there (a grid's next row first).
    fn go_on(&mut self) {
        let question = self.current().map(|(p, _)| p.question);
        let next = self.pages.get(self.page + 1).map(|p| p.question);
        if self.from_review && next != question {
            self.go(self.pages.len());
        } else {
            self.go(self.page + 1);
        }
    }

    fn draft_effect(&self) -> Effect {
        Effect::Save(Write::SaveDraft {
            customer: self.customer,
            questionnaire: self.questionnaire.id.clone(),
            answers: self.answers.clone(),
            at_question: self.at_question(),
        })
    }

    /// Pick option `i` on the current page; single and grid pages move on at once.
    fn pick(&mut self, i: usize, env: &Env) -> Effect {
        let Some((p, q)) = self.current() else { return Effect::None };
        let advance = match &q.kind {
            QuestionKind::Single { .. } => self.answers.choose(p.question, i),
            QuestionKind::Grid { .. } => self.answers.choose_row(p.question, p.row.unwrap_or(0), i),
            QuestionKind::Multiple { options, .. } => {
                // The latest tick wins over an exclusive option ("none of these"), and is
                // said, rather than refused: it is what the customer said last.
                let options = options.clone();
                let cleared = self.answers.toggle_alone(p.question, i, &options);
                self.note = exclusive_note(&options, i, &cleared, env.lang);
                false
            }
        };
        self.cursor = i;
        if advance {
            self.go_on();
        }
        self.draft_effect()
    }

    fn save(&self, env: &Env) -> Effect {
        match self.questionnaire.score(&self.answers) {
            Ok(score) => {
                let band = self.questionnaire.band(score);
                Effect::Confirm {
                    question: fill(
                        T::ConfirmAssessment.get(env.lang),
                        &[&self.customer_name, &score, &band.name.get(env.lang)],
                    ),
                    on_yes: Box::new(Effect::Save(Write::RecordAssessment {
                        customer: self.customer,
                        name: self.customer_name.clone(),
                        questionnaire: self.questionnaire.id.clone(),
                        answers: self.answers.clone(),
                    })),
                }
            }
            Err(e) => Effect::Warn(crate::i18n::answer_problems::answer_error(&e, env.lang)),
        }
    }

    /// Esc: keep a draft to finish later, or throw the answers away, or carry on.
    pub fn leave(&self, env: &Env) -> Effect {
        Effect::Choose {
            question: T::KeepDraft.get(env.lang).to_string(),
            on_yes: Box::new(Effect::Back),
            on_no: Box::new(Effect::Save(Write::DiscardDraft {
                customer: self.customer,
                questionnaire: self.questionnaire.id.clone(),
            })),
        }
    }

    /// A typed character: a digit (1-9) or a letter picks an option; on the review page a
    /// digit jumps to that question.
    pub fn type_char(&mut self, c: char, env: &Env) -> Effect {
        let n = self.option_count();
        if c == ' ' {
            return self.update(Action::ToggleOption, env);
        }
        let index = c.to_digit(10).filter(|d| *d >= 1).map(|d| d as usize - 1).or_else(|| letter_index(c, n));
        match index {
            Some(i) if i < n && !self.on_review() => self.pick(i, env),
            Some(i) if self.on_review() && i < self.questionnaire.questions.len() && c.is_ascii_digit() => {
                self.jump_to_question(i);
                Effect::None
            }
            // Not an option: said, never taken as an answer (a name typed here by mistake
            // must not answer questions).
            _ if self.on_review() => Effect::Warn(fill(T::NotAQuestion.get(env.lang), &[&c, &n])),
            _ => Effect::Warn(fill(T::NotAnOption.get(env.lang), &[&c, &letter(n.saturating_sub(1)), &n])),
        }
    }

    fn jump_to_question(&mut self, q: usize) {
        if let Some(p) = self.pages.iter().position(|p| p.question == q) {
            self.go(p);
            self.from_review = true;
        }
    }

    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let n = self.option_count();
        match action {
            Action::OptionUp => self.cursor = self.cursor.saturating_sub(1),
            Action::OptionDown => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::ToggleOption if !self.on_review() => return self.pick(self.cursor, env),
            Action::Choose if self.on_review() => {
                let q = self.cursor;
                self.jump_to_question(q);
            }
            Action::Choose => {
                // Enter picks the highlighted option; on an answered multiple choice it goes on.
                let multiple = matches!(self.current().map(|(_, q)| &q.kind), Some(QuestionKind::Multiple { .. }));
                if multiple && self.page_answered() {
                    self.go_on();
                    return self.draft_effect();
                } else {
                    return self.pick(self.cursor, env);
                }
            }
            // Moving keeps the draft's place too, so a resumed interview opens where it was left.
            Action::NextQuestion if !self.on_review() && self.page_answered() => {
                self.go_on();
                return self.draft_effect();
            }
            Action::PrevQuestion => {
                self.go(self.page.saturating_sub(1));
                return self.draft_effect();
            }
            Action::FinishInterview if self.on_review() => return self.save(env),
            Action::FinishInterview => self.go(self.pages.len()),
            Action::LeaveInterview => return self.leave(env),
            _ => {}
        }
        Effect::None
    }

    pub fn help_items(&self) -> &'static [(Scope, Action)] {
        if self.on_review() {
            &[
                (Scope::Interview, Action::Choose),
                (Scope::Interview, Action::FinishInterview),
                (Scope::Interview, Action::PrevQuestion),
                (Scope::Interview, Action::LeaveInterview),
                (Scope::Global, Action::Help),
            ]
        } else {
            &[
                (Scope::Interview, Action::Choose),
                (Scope::Interview, Action::NextQuestion),
                (Scope::Interview, Action::PrevQuestion),
                (Scope::Interview, Action::ToggleOption),
                (Scope::Interview, Action::LeaveInterview),
                (Scope::Global, Action::Help),
            ]
        }
    }
}

/// What a tick unticked to keep an exclusive option alone, in words: "F (none of these) goes
/// alone: A, C unticked", or "F (none of these) unticked: it goes alone"; None if nothing.
fn exclusive_note(options: &[Choice], ticked: usize, cleared: &[usize], lang: Lang) -> Option<String> {
    let label = |i: usize| {
        let text = options.get(i).map(|o| o.text.get(lang)).unwrap_or_default();
        if lang == Lang::Zh { format!("{}（{text}）", letter(i)) } else { format!("{} ({text})", letter(i)) }
    };
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    if cleared.is_empty() {
        return None;
    }
    if options.get(ticked).is_some_and(|o| o.exclusive) {
        let letters: Vec<String> = cleared.iter().map(|i| letter(*i).to_string()).collect();
        return Some(fill(T::TickedAlone.get(lang), &[&label(ticked), &letters.join(sep)]));
    }
    let labels: Vec<String> = cleared.iter().map(|i| label(*i)).collect();
    Some(fill(T::UntickedAlone.get(lang), &[&labels.join(sep)]))
}

fn answered(a: &Answer) -> bool {
    match a {
        Answer::Single(c) => c.is_some(),
        Answer::Grid(rows) => rows.iter().all(Option::is_some),
        Answer::Multiple(set) => !set.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::ui::keymap::Keymap;
    use crate::ui::theme::Theme;

    fn env() -> Env {
        let scheme = data::default_scheme();
        Env {
            lang: crate::i18n::Lang::En,
            theme: Theme::dark(),
            keymap: Keymap::load(data::KEYMAP, None).0,
            assessments: Default::default(),
            review: Default::default(),
            scheme,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            book_label: String::new(),
            user: "t".into(),
            kinds: data::contact_kinds(),
            scope: Default::default(),
            plan: Default::default(),
            ref_pattern: Default::default(),
            late_rule: Default::default(),
            claims_per_day: None,
            temperaments: data::temperaments(),
        }
    }

    fn fresh() -> Interview {
        let q = data::questionnaire("risk_tolerance").unwrap();
        let a = Answers::empty(&q);
        Interview::new(CustomerId(1), "X".into(), q, a, 0)
    }

    #[test]
    fn going_back_keeps_the_answer_and_the_highlight() {
        let (e, mut i) = (env(), fresh());
        i.type_char('3', &e); // Q1 C, on to Q2
        assert_eq!(i.at_question(), 1);
        i.update(Action::PrevQuestion, &e);
        assert_eq!(i.at_question(), 0);
        assert_eq!(i.answers.get(0), Some(&Answer::Single(Some(2))));
        assert_eq!(i.cursor, 2, "the chosen option is highlighted");
        // going on without changing it keeps it
        i.update(Action::NextQuestion, &e);
        assert_eq!((i.at_question(), i.answers.get(0)), (1, Some(&Answer::Single(Some(2)))));
    }

    #[test]
    fn a_grid_goes_row_by_row_and_next_needs_an_answer() {
        let (e, mut i) = (env(), fresh());
        i.type_char('a', &e);
        i.type_char('b', &e); // Q1 A, Q2 B: now on the grid, row 1
        i.update(Action::NextQuestion, &e);
        assert_eq!(i.page, 2, "an unanswered row does not move on");
        for _ in 0..7 {
            i.update(Action::OptionDown, &e);
            i.update(Action::Choose, &e);
        }
        match i.answers.get(2) {
            Some(Answer::Grid(rows)) => assert!(rows.iter().all(|r| r.is_some()), "{rows:?}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(i.at_question(), 3);
    }

    #[test]
    fn the_review_jumps_to_a_question_and_saving_asks_first() {
        let (e, mut i) = (env(), fresh());
        let letters = "A,A,A,A,A,A,A,A,A,A,A,A,A,A,A,A,A,A";
        i.answers = i.questionnaire.parse_letters(letters).unwrap();
        i.update(Action::FinishInterview, &e);
        assert!(i.on_review());
        i.update(Action::OptionDown, &e);
        i.update(Action::Choose, &e);
        assert_eq!(i.at_question(), 1, "Enter on the second line opens question 2");
        i.update(Action::FinishInterview, &e);
        assert!(matches!(i.update(Action::FinishInterview, &e), Effect::Confirm { .. }));
        assert!(matches!(i.update(Action::LeaveInterview, &e), Effect::Choose { .. }));
    }
}
