//! The terminal UI: ratatui screens driven by keys through the keymap. Knows screens and
//! keys, never SQL: reads and writes go through `Store` methods in `App`.

pub mod action;
pub mod app;
pub mod effect;
mod error;
pub mod keymap;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};

pub use app::App;
pub use error::TuiError;

use crate::app::{AppError, Context};
use crate::data;
use crate::domain::tier::TierScheme;
use crate::i18n::Lang;
use crate::store::prelude::*;
use keymap::Keymap;
use theme::Theme;

/// What every screen may read: language, theme, keys, the book's scheme and today.
#[derive(Debug, Clone)]
pub struct Env {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub scheme: TierScheme,
    pub today: NaiveDate,
    /// Shown in the top bar: the book's file name.
    pub book_label: String,
    /// Who "I" am: the default owner of new customers.
    pub user: String,
    /// The contact kinds the log form offers.
    pub kinds: crate::domain::contact_kind::ContactKinds,
    /// When risk assessments fall due.
    pub assessments: crate::domain::due::AssessmentRule,
    /// The config's `[review]`: grading model and re-grading policy.
    pub review: crate::config::ReviewConfig,
    /// Whose customers Today, the customer list and the follow-ups show (set by the app
    /// from the book when it starts; toggled by a key).
    pub scope: crate::app::scope::Scope,
    /// The config's `[plan]`: how many visits and calls Today's plan mode fits in a day.
    pub plan: crate::domain::plan::Capacity,
    /// The config's `ref_pattern`: the reference the new-customer form proposes.
    pub ref_pattern: crate::domain::ref_pattern::RefPattern,
    /// The config's `[terms]`: how late payments move a customer's payment terms.
    pub late_rule: crate::domain::terms::LateRule,
    /// The config's `[team] claims_per_day`, if set: the book's own limit applies, and a claim
    /// says so when this names another.
    pub claims_per_day: Option<u32>,
    /// The customer temperaments (the config folder's file, else the shipped ones).
    pub temperaments: crate::domain::temperament::Temperaments,
}

impl Env {
    /// A risk category's name in the interface language (its code if unknown).
    pub fn band_name(&self, code: &str) -> String {
        // Asked once per table row while drawing: the shipped questionnaire, not a copy.
        crate::data::shipped_questionnaire(crate::ui::app::RISK_QUESTIONNAIRE)
            .and_then(|q| q.band_by_code(code).map(|b| b.name.get(self.lang).to_string()))
            .unwrap_or_else(|| code.to_string())
    }
}

/// Load the theme and keymap for the TUI; keymap problems become warnings.
pub fn load_env(ctx: &Context, scheme: TierScheme, book_label: String) -> Result<(Env, Vec<String>), TuiError> {
    let theme = match &ctx.theme {
        Some(name) => Theme::load(name)?,
        None => Theme::dark(),
    };
    let user_keymap = crate::paths::config_dir()
        .map(|d| d.join("keymap.toml"))
        .and_then(|p| std::fs::read_to_string(&p).ok().map(|text| (p.display().to_string(), text)));
    let (keymap, warnings) = Keymap::shipped_with(user_keymap.as_ref().map(|(f, t)| (f.as_str(), t.as_str())));
    Ok((
        Env {
            lang: ctx.lang,
            theme,
            keymap,
            today: ctx.today(),
            book_label,
            user: ctx.user.clone(),
            kinds: data::contact_kinds(),
            assessments: crate::app::agenda::assessment_rule(&scheme, ctx.config.require_assessment),
            review: ctx.config.review.clone().unwrap_or_default(),
            scheme,
            scope: Default::default(),
            plan: ctx.config.plan_capacity(),
            ref_pattern: ctx.config.ref_pattern(),
            late_rule: ctx.config.late_rule(),
            claims_per_day: ctx.config.claims_per_day(),
            temperaments: crate::app::temperaments(crate::paths::config_dir().as_deref())
                .map_err(TuiError::Temperaments)?,
        },
        warnings,
    ))
}

/// The most events handled between two draws, so that a held key still lets the screen move.
const MAX_EVENTS_PER_DRAW: usize = 512;

/// Handle `first`, then every event already waiting (`next` gives them without waiting), so
/// that keys queued behind a paste act before the next draw instead of one per draw.
pub fn handle_events(
    app: &mut App,
    first: Event,
    mut next: impl FnMut() -> Result<Option<Event>, TuiError>,
) -> Result<(), TuiError> {
    let mut event = Some(first);
    let mut handled = 0;
    while let Some(e) = event {
        handle_event(app, e);
        handled += 1;
        if app.should_quit() || handled >= MAX_EVENTS_PER_DRAW {
            break;
        }
        event = next()?;
    }
    Ok(())
}

fn handle_event(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
        Event::Paste(text) => app.handle_paste(&text),
        // Keys that follow a resize are judged by the new size; the next draw uses it too.
        Event::Resize(w, h) => app.resize(w, h),
        _ => {}
    }
}

/// The next event if one is already waiting.
fn pending_event() -> Result<Option<Event>, TuiError> {
    if event::poll(Duration::ZERO)? { Ok(event::read().map(Some)?) } else { Ok(None) }
}

/// Bracketed paste for as long as the TUI runs: a paste arrives as one event, not as keys.
/// Turned off again on every way out: when dropped (returns, errors, unwinding) and by a
/// panic hook put in front of ratatui's, which restores the rest of the terminal.
struct BracketedPaste;

impl BracketedPaste {
    fn enable() -> Self {
        // A terminal without bracketed paste ignores the request: pastes then arrive as keys.
        let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
            previous(info);
        }));
        Self
    }
}

impl Drop for BracketedPaste {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    }
}

/// The TUI as the program: open the book (or, with `demo`, build a fresh demo book and
/// open that), run until the user quits, and say on stderr why not if it could not: the
/// process exit code (2: the person's input was wrong, 1: anything else).
pub fn main(mut ctx: Context, demo: bool) -> i32 {
    let result = if demo {
        // The demo is seen as one of its account managers, so that "mine" is a real list.
        ctx.user = crate::app::demo_book::signed_in();
        run_demo(&ctx)
    } else {
        open_and_run(&ctx)
    };
    match result {
        Ok(()) => 0,
        Err(Stop::App(e)) => {
            stop(&crate::i18n::app_texts::app_error(&e, ctx.lang), if e.is_bad_input() { 2 } else { 1 })
        }
        Err(Stop::Tui(e)) => stop(&e.to_string(), 1),
    }
}

/// Why the TUI did not run to its end.
enum Stop {
    App(AppError),
    Tui(TuiError),
}

fn stop(text: &str, code: i32) -> i32 {
    eprintln!("{}", crate::safe_text::visible(&format!("tierdesk: {text}")));
    code
}

fn open_and_run(ctx: &Context) -> Result<(), Stop> {
    let store = ctx.open_book_telling(false).map_err(Stop::App)?;
    run(store, ctx).map_err(Stop::Tui)
}

/// `tierdesk --demo`: a fresh demo book, then the TUI on it; a temporary one is removed after.
fn run_demo(ctx: &Context) -> Result<(), Stop> {
    let temporary = ctx.db.is_none();
    let path = crate::app::demo_book::prepare_path(ctx).map_err(Stop::App)?;
    let store = crate::app::demo_book::build(&path, ctx).map_err(Stop::App)?;
    let result = run(store, ctx).map_err(Stop::Tui);
    if temporary && let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

/// Run the TUI on an open book until the user quits. The terminal is restored on every
/// exit path, panics included (ratatui's hook; bracketed paste by `BracketedPaste`).
pub fn run(store: Box<dyn Book>, ctx: &Context) -> Result<(), TuiError> {
    let scheme = store.scheme().cloned().ok_or(TuiError::NoScheme)?;
    let label = store.label();
    let (mut env, warnings) = load_env(ctx, scheme, label)?;
    // Who "I" am is the book's answer: on a team book the connected login, not a setting.
    env.user = store.user().to_string();
    let notice = store.notice().map(|n| crate::i18n::app_texts::notice_text(n, ctx.lang));
    let mut app = App::new(store, env);
    for w in warnings.into_iter().chain(notice) {
        app.warn(w);
    }
    let mut terminal = ratatui::init();
    let paste = BracketedPaste::enable();
    let result = (|| -> Result<(), TuiError> {
        loop {
            let size = terminal.size()?;
            app.prepare(ratatui::layout::Rect::new(0, 0, size.width, size.height));
            terminal.draw(|f| app.draw(f))?;
            // The first frame may show only the start of Today's list: the rest now, before
            // any key is read (keys typed meanwhile wait in the terminal and act on it whole).
            if app.read_rest() {
                // Drawn at once: the search index's names are read next, and on a big book
                // that kept the whole list and its coverage off the screen for seconds.
                continue;
            }
            app.prebuild_search();
            if app.should_quit() {
                return Ok(());
            }
            // While an import runs, redraw often enough for its progress bar to move.
            let wait = if app.busy() { 100 } else { 500 };
            if !event::poll(Duration::from_millis(wait))? {
                continue;
            }
            let first = event::read()?;
            handle_events(&mut app, first, pending_event)?;
        }
    })();
    drop(paste);
    ratatui::restore();
    result
}
