//! What every command needs: settings, the clock and where the book is; opening the book.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Cli, CliError};
use crate::clock::Clock;
use crate::config::Config;
use crate::data;
use crate::domain::validate::parse_date;
use crate::i18n::{Lang, T};
use crate::store::Store;

/// What every command needs: settings, the clock and where the book is.
pub struct Context {
    pub config: Config,
    pub lang: Lang,
    pub clock: Clock,
    pub user: String,
    pub db: Option<PathBuf>,
    pub theme: Option<String>,
}

impl Context {
    pub(super) fn from_cli(cli: &Cli) -> Result<Self, CliError> {
        let config =
            Config::load(crate::paths::config_dir().as_deref()).map_err(|e| CliError::BadInput(e.to_string()))?;
        let lang = match &cli.lang {
            Some(l) => {
                Lang::parse(l).ok_or_else(|| CliError::BadInput(format!("--lang must be zh or en, not \"{l}\"")))?
            }
            None => config.lang(),
        };
        let clock = match &cli.today {
            Some(t) => Clock::Fixed(parse_date(t).ok_or_else(|| {
                CliError::from(super::refusal::Refusal::NotADate { flag: "--today / TIERDESK_TODAY", text: t.clone() })
            })?),
            None => Clock::System,
        };
        let user = config.user();
        let theme = cli.theme.clone().or_else(|| config.theme.clone());
        Ok(Self { config, lang, clock, user, db: cli.db.clone(), theme })
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub(super) fn book_path(&self) -> Result<PathBuf, CliError> {
        let path = crate::paths::book_path(self.db.clone()).map_err(|e| CliError::Failed(e.to_string()))?;
        // A team book is opened by the team commands only, for now: never taken for a file name.
        if let Some(url) = path.to_str().filter(|p| crate::store::postgres::is_postgres_url(p)) {
            let shown = crate::store::postgres::describe_url(url);
            return Err(CliError::BadInput(crate::i18n::fill(
                crate::i18n::cli_texts::C::PostgresOnlyTeam.get(self.lang),
                &[&shown],
            )));
        }
        Ok(path)
    }

    /// Open the book, giving a new one the default scheme (unless another process has
    /// just given it one: then that one).
    pub fn open_book(&self) -> Result<Store, CliError> {
        self.open_book_telling(true)
    }

    /// `open_book` for the TUI, which tells what opening changed on its status line instead
    /// of stderr (hidden behind the full screen).
    pub(super) fn open_book_telling(&self, on_stderr: bool) -> Result<Store, CliError> {
        let path = self.book_path()?;
        let mut store = self.open_store(&path, on_stderr)?;
        if store.scheme().is_none() {
            let (file, text) =
                data::builtin_scheme_source("default").unwrap_or(("data/tiers/default.toml", data::DEFAULT_SCHEME));
            store.init_scheme_if_missing(file, text)?;
        }
        Ok(store)
    }

    /// Open the book at `path` as it is; say on stderr (if `on_stderr`) what opening it
    /// changed (once: the change is not needed again).
    pub fn open_store(&self, path: &std::path::Path, on_stderr: bool) -> Result<Store, CliError> {
        let store = Store::open(path, self.clock, &self.user)?;
        if let Some(notice) = store.notice().filter(|_| on_stderr) {
            eprintln!("tierdesk: {}", notice_text(notice, self.lang));
        }
        Ok(store)
    }
}

/// What opening a book changed, for its user.
pub fn notice_text(notice: &crate::store::OpenNotice, lang: Lang) -> String {
    match notice {
        crate::store::OpenNotice::MadePrivate { path, was } => {
            crate::i18n::fill(T::BookMadePrivate.get(lang), &[&path.display(), &format!("{was:04o}")])
        }
    }
}

impl Context {
    /// "cannot write FILE: ...; nothing was written", naming a missing folder as such.
    pub fn cannot_write(&self, path: &std::path::Path, e: &std::io::Error) -> CliError {
        let l = self.lang;
        let dir = crate::private_file::folder(path);
        if e.kind() == std::io::ErrorKind::NotFound && !dir.is_dir() {
            return CliError::BadInput(crate::i18n::fill(T::WriteNoFolder.get(l), &[&path.display(), &dir.display()]));
        }
        CliError::BadInput(crate::i18n::fill(T::WriteFailed.get(l), &[&path.display(), e]))
    }
}
