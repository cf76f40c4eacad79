//! The command line: global options and the headless subcommands, each turning its
//! arguments into use-case calls (`crate::app`) and their results into text, JSON or CSV.
//! Errors end as one clear line on stderr; exit code 2 means bad input, 1 anything else.
//! `main.rs` parses the arguments here and starts the TUI itself when no subcommand is given.

// Every text the command line prints goes through `safe_text::visible`: these shadow the
// standard `print!`, `println!` and `eprintln!` here and in every module declared below, so
// a stored name holding `ESC [ 2 J` prints as `\x1b[2J` instead of clearing the screen,
// whoever writes the next message. JSON is escaped before (`output::json`) and passes
// unchanged; CSV and iCalendar data go through `output::print_data`, not these.
// They write through `output::print_text`, which ends the run quietly when the reader of
// standard output has gone (`tierdesk customer list | head -1`).
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::cli::output::print_text(&$crate::safe_text::visible_string(::std::format!($($arg)*)))
    };
}

macro_rules! println {
    () => {
        $crate::cli::output::print_text("\n")
    };
    ($($arg:tt)*) => {
        $crate::cli::output::print_line($crate::safe_text::visible_string(::std::format!($($arg)*)))
    };
}

macro_rules! eprintln {
    ($($arg:tt)*) => {
        ::std::eprintln!("{}", $crate::safe_text::visible(&::std::format!($($arg)*)))
    };
}

mod assess;
mod backup;
mod command;
mod error;
pub use error::CliError;
pub mod brief;
mod csv_out;
mod customer;
mod customer_edit;
mod customer_show;
pub mod due;
mod due_json;
mod export;
mod export_follow_ups;
mod export_xlsx;
mod follow_up;
mod handover;
mod ics;
mod ics_text;
pub mod import;
mod import_book;
mod import_indicators;
mod init;
mod log;
mod move_book;
mod output;
mod payment;
mod person;
pub mod plan;
mod pool;
mod questionnaire;
mod refusal;
pub mod report;
mod review;
mod search;
mod search_notes;
mod snooze;
mod suit;
mod team;
mod temperament;
mod tiers;
mod undo;
mod xlsx;

use std::path::PathBuf;

use clap::Parser;

use crate::app::Context;
use crate::app::demo_book as demo;
use crate::i18n::Lang;

pub use command::Command;
pub use output::{Format, TextOrJson};

#[derive(Parser, Debug)]
#[command(
    name = "tierdesk",
    version,
    about = "A keyboard-driven workbench for account managers: who to contact today, by tier."
)]
pub struct Cli {
    /// The book (SQLite file) to use; default: $TIERDESK_DB, else the platform data folder.
    /// The team commands take a PostgreSQL URL here (postgres://LOGIN@HOST[:PORT]/DATABASE).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Pretend today is this date (YYYY-MM-DD), for demos and tests.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", env = "TIERDESK_TODAY")]
    pub today: Option<String>,
    /// Theme: dark, light, high-contrast, or a path to a theme file.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Language of the interface: zh or en (default: config, else the locale).
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    /// Open a fresh demo book (in a temporary folder, or at --db if given and new).
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Parse the arguments; on a failure (or `--help`, `--version`) say so: the exit code.
pub fn parse() -> Result<Cli, i32> {
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        e.exit_code()
    })
}

impl Cli {
    /// The settings from the config and these flags; on a failure, say so: the exit code.
    pub fn context(&self) -> Result<Context, i32> {
        Context::new(self.db.clone(), self.today.as_deref(), self.theme.clone(), self.lang.as_deref())
            .map_err(|e| fail(&e.into(), fallback_lang(self)))
    }
}

/// Run a subcommand (on a fresh demo book first if `demo`): the process exit code.
pub fn main(command: Command, demo: bool, ctx: Context) -> i32 {
    let lang = ctx.lang;
    match run(command, demo, ctx) {
        Ok(()) => 0,
        Err(e) => fail(&e, lang),
    }
}

/// Say what went wrong on stderr; the exit code it deserves.
fn fail(e: &CliError, lang: Lang) -> i32 {
    if !matches!(e, CliError::OutputClosed) {
        eprintln!("tierdesk: {}", e.text(lang));
    }
    e.code()
}

/// The language for a problem met before the settings could be read: --lang, else the locale.
fn fallback_lang(cli: &Cli) -> Lang {
    cli.lang.as_deref().and_then(Lang::parse).unwrap_or_else(|| Lang::from_locale(|v| std::env::var(v).ok()))
}

fn run(command: Command, demo: bool, mut ctx: Context) -> Result<(), CliError> {
    if demo {
        // Build the demo book, then run the subcommand on it (handy for trying the CLI).
        let path = demo::prepare_path(&ctx)?;
        // The demo is seen as one of its account managers, so that "mine" is a real list.
        ctx.user = demo::signed_in();
        drop(demo::build(&path, &ctx)?);
        ctx.db = Some(path);
    }
    match command {
        Command::Init { scheme } => init::run(&ctx, &scheme),
        Command::Customer { command } => customer::run(&ctx, command),
        Command::Due { date, within, format, owners, filter } => due::run(&ctx, date, within, format, &owners, &filter),
        Command::FollowUp { command } => follow_up::run(&ctx, command),
        Command::Snooze { customer, until, reason } => snooze::run(&ctx, &customer, &until, &reason),
        Command::Plan { date, format, owners } => plan::run(&ctx, date, format, &owners),
        Command::Brief { customer, format } => brief::run(&ctx, &customer, format),
        Command::Log { customer, kind, date, note, follow_up, follow_up_due, recommend } => {
            log::run(&ctx, log::LogArgs { customer, kind, date, note, follow_up, follow_up_due, recommend })
        }
        Command::Assess { customer, answers, questionnaire, date, format } => {
            assess::run(&ctx, assess::AssessArgs { customer, answers, questionnaire, date, format })
        }
        Command::Questionnaire { command } => questionnaire::run(&ctx, command),
        Command::Report { format, by } => report::run(&ctx, format, by),
        Command::Import { command } => import::run(&ctx, command),
        Command::Export { command } => export::run(&ctx, command),
        Command::Backup { file, force } => backup::run(&ctx, &file, force),
        Command::Search { pattern, within, limit, format, owners } => {
            search::run(&ctx, &pattern, within, limit, format, &owners)
        }
        Command::Review { model, apply, format } => review::run(&ctx, model.as_deref(), apply, format),
        Command::Tier { customer, tier, reason } => tiers::tier(&ctx, &customer, &tier, &reason),
        Command::Approve { customer, by } => tiers::approve(&ctx, &customer, &by),
        Command::History { customer, all, format } => tiers::history(&ctx, &customer, all, format),
        Command::Undo => undo::run(&ctx),
        Command::Suitability(cmd) => suit::run(&ctx, cmd),
        Command::Team { command } => team::run(&ctx, command),
        Command::Payment { command } => payment::run(&ctx, command),
        Command::Person { command } => person::run(&ctx, command),
    }
}
