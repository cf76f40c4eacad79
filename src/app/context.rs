//! What every use case needs: settings (from the config and the flags), the language, the
//! clock, who is working, where the book is and the theme; opening the book.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::AppError;
use crate::clock::Clock;
use crate::config::Config;
use crate::data;
use crate::domain::validate::parse_date;
use crate::i18n::Lang;
use crate::store::prelude::*;

/// Where a book is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookAddress {
    /// A solo book: a SQLite file.
    File(PathBuf),
    /// A team book on PostgreSQL (the URL as given, password included).
    Team(String),
}

/// What every use case needs: settings, the clock and where the book is.
pub struct Context {
    pub config: Config,
    pub lang: Lang,
    pub clock: Clock,
    pub user: String,
    pub db: Option<PathBuf>,
    pub theme: Option<String>,
}

impl Context {
    /// The settings from the config file and the given flags' values: the book (`--db`),
    /// today (`--today`, as typed), the theme and the language (as typed).
    pub fn new(
        db: Option<PathBuf>,
        today: Option<&str>,
        theme: Option<String>,
        lang: Option<&str>,
    ) -> Result<Self, AppError> {
        let config =
            Config::load(crate::paths::config_dir().as_deref()).map_err(|e| AppError::BadInput(e.to_string()))?;
        let lang = match lang {
            Some(l) => {
                Lang::parse(l).ok_or_else(|| AppError::BadInput(format!("--lang must be zh or en, not \"{l}\"")))?
            }
            None => config.lang(),
        };
        let clock = match today {
            Some(t) => Clock::Fixed(
                parse_date(t)
                    .ok_or_else(|| AppError::NotADate { flag: "--today / TIERDESK_TODAY", text: t.to_string() })?,
            ),
            None => Clock::System,
        };
        let user = config.user();
        let theme = theme.or_else(|| config.theme.clone());
        Ok(Self { config, lang, clock, user, db, theme })
    }

    /// The customer temperaments: the config folder's file, else the shipped ones; a bad
    /// file is refused naming its line.
    pub fn temperaments(&self) -> Result<crate::domain::temperament::Temperaments, AppError> {
        super::temperaments(crate::paths::config_dir().as_deref()).map_err(|e| AppError::BadInput(e.to_string()))
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Where the book is: `--db`, else `TIERDESK_DB`, else the platform's data folder; a
    /// `postgres://` (or `postgresql://`) address is a team book.
    pub fn book_address(&self) -> Result<BookAddress, AppError> {
        let path = crate::paths::book_path(self.db.clone()).map_err(|e| AppError::Failed(e.to_string()))?;
        Ok(match path.to_str().filter(|p| crate::store::postgres::is_postgres_url(p)) {
            Some(url) => BookAddress::Team(url.to_string()),
            None => BookAddress::File(path),
        })
    }

    /// The book's file, for what only a book file has (`init` of a new file); a team book
    /// is refused, naming it (never taken for a file name).
    pub fn book_path(&self) -> Result<PathBuf, AppError> {
        match self.book_address()? {
            BookAddress::File(path) => Ok(path),
            BookAddress::Team(url) => {
                let shown = crate::store::postgres::describe_url(&url);
                Err(AppError::BadInput(crate::i18n::fill(
                    crate::i18n::cli_texts::C::PostgresOnlyTeam.get(self.lang),
                    &[&shown],
                )))
            }
        }
    }

    /// Open the book, giving a new one the default scheme (unless another process has
    /// just given it one: then that one).
    pub fn open_book(&self) -> Result<Box<dyn Book>, AppError> {
        let mut book = self.open_book_telling(true)?;
        // Every command a person runs writes into one session of theirs, so that
        // `tierdesk undo` takes back their latest command, run after run.
        let session = command_line_session(book.user());
        book.join_session(&session)?;
        Ok(book)
    }

    /// `open_book` for the TUI, which tells what opening changed on its status line instead
    /// of stderr (hidden behind the full screen).
    pub fn open_book_telling(&self, on_stderr: bool) -> Result<Box<dyn Book>, AppError> {
        let mut store = match self.book_address()? {
            BookAddress::File(path) => self.open_store(&path, on_stderr)?,
            // As the login the address names: the database decides what it may see.
            BookAddress::Team(url) => {
                let mut team = crate::store::postgres::PgStore::open(&url, self.clock)?;
                // The pool's rules as of today, once a day whoever opens first (issue 17):
                // a day swept already costs one round trip.
                crate::store::prelude::Pool::sweep(&mut team, self.clock.today())?;
                Box::new(team)
            }
        };
        if store.scheme().is_none() {
            let (file, text) =
                data::builtin_scheme_source("default").unwrap_or(("data/tiers/default.toml", data::DEFAULT_SCHEME));
            store.init_scheme_if_missing(file, text)?;
        }
        Ok(store)
    }

    /// Open the book at `path` as it is; say on stderr (if `on_stderr`) what opening it
    /// changed (once: the change is not needed again).
    pub fn open_store(&self, path: &std::path::Path, on_stderr: bool) -> Result<Box<dyn Book>, AppError> {
        let store = crate::store::Store::open(path, self.clock, &self.user)?;
        if let Some(notice) = store.notice().filter(|_| on_stderr) {
            let text = crate::i18n::app_texts::notice_text(notice, self.lang);
            eprintln!("{}", crate::safe_text::visible(&format!("tierdesk: {text}")));
        }
        Ok(Box::new(store))
    }
}

/// The session a person's commands write into (`Context::open_book`).
pub fn command_line_session(person: &str) -> String {
    format!("command line: {person}")
}
