//! The top-level views (Today, customers, follow-ups, the tier x risk matrix, the coverage
//! report, the review), which keep their state while another is shown, and the stack of
//! screens opened on them.

use super::App;
use super::routes::RISK_QUESTIONNAIRE;
use crate::ui::screens::{CustomerList, FollowUps, Matrix, Report, ReviewScreen, Screen, Today};

/// A top-level view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum View {
    Today,
    Customers,
    FollowUps,
    Matrix,
    Report,
    Review,
}

impl View {
    /// Which top-level view a screen is; None for the screens opened on one.
    pub(super) fn of(screen: &Screen) -> Option<View> {
        match screen {
            Screen::Today(_) => Some(View::Today),
            Screen::Customers(_) => Some(View::Customers),
            Screen::FollowUps(_) => Some(View::FollowUps),
            Screen::Matrix(_) => Some(View::Matrix),
            Screen::Report(_) => Some(View::Report),
            Screen::Review(_) => Some(View::Review),
            Screen::Customer(_)
            | Screen::Form(_)
            | Screen::ContactForm(_)
            | Screen::Prompt(_)
            | Screen::Interview(_)
            | Screen::Import(_)
            | Screen::TierPrompt(_)
            | Screen::ChangeLog(_)
            | Screen::Brief(_)
            | Screen::Indicators(_)
            | Screen::Picker(_)
            | Screen::Temperament(_)
            | Screen::Week(_)
            | Screen::Pool(_) => None,
        }
    }
}

impl App {
    pub(super) fn push(&mut self, screen: Screen) {
        let below = std::mem::replace(&mut self.screen, screen);
        self.stack.push(below);
    }

    pub(super) fn back(&mut self) {
        if let Some(prev) = self.stack.pop() {
            self.screen = prev;
            self.sync_data();
        }
    }

    /// Show a top-level view, closing whatever was stacked on the current one; the view
    /// left behind is kept (parked) with its selection.
    pub(super) fn switch_to(&mut self, view: View) {
        let mut base = if self.stack.is_empty() { self.screen.clone() } else { self.stack.remove(0) };
        self.stack.clear();
        if View::of(&base) == Some(view) {
            self.screen = base;
        } else {
            let target = match self.parked.iter().position(|s| View::of(s) == Some(view)) {
                Some(i) => self.parked.remove(i),
                None => self.new_view(view),
            };
            if View::of(&base).is_some() {
                std::mem::swap(&mut base, &mut self.screen);
                self.parked.push(base);
            }
            self.screen = target;
        }
        self.mark_shown_stale();
        self.sync_data();
    }

    /// A view shown for the first time.
    fn new_view(&self, view: View) -> Screen {
        match view {
            View::Today => Screen::Today(Today::new()),
            View::Customers => {
                Screen::Customers(CustomerList::new(self.env.scheme.tiers.iter().map(|t| t.code.clone()).collect()))
            }
            View::FollowUps => Screen::FollowUps(FollowUps::new()),
            View::Matrix => {
                let bands = crate::data::shipped_questionnaire(RISK_QUESTIONNAIRE)
                    .map(|q| q.bands.iter().map(|b| b.code.clone()).collect())
                    .unwrap_or_default();
                Screen::Matrix(Matrix::new(bands))
            }
            View::Report => Screen::Report(Report::new()),
            View::Review => Screen::Review(ReviewScreen::new()),
        }
    }
}
