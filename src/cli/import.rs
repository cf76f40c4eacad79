//! `tierdesk import customers|contacts|indicators FILE`: the arguments, then the use case
//! (`crate::app::import`), then its summary printed in the interface language. A progress
//! bar on stderr for large files.

use clap::builder::PossibleValue;
use clap::{Subcommand, ValueEnum};

use super::{CliError, Context};
use crate::app::import::{ImportOptions, Imported, import_contacts, import_customers, import_follow_ups};
use crate::domain::import::OnDuplicate;
use crate::i18n::app_texts::describe_summary;
use crate::i18n::fill;
use crate::i18n::import_problems::Voice;
use crate::i18n::problems::P;
use crate::i18n::suit_texts::S;

pub use crate::app::import::FileEncoding;

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Bring customers in from a CSV file (UTF-8, UTF-16 or GB18030/GBK as Excel saves it; cells
    /// separated by `,` `;` or tab) or an Excel workbook (.xlsx); every row or none.
    Customers {
        /// The CSV file or workbook; its first row names the columns.
        file: std::path::PathBuf,
        /// The workbook's sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Check the file and say what would be added, updated and skipped; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// What to do with a row already in the book (same ref, else same name and company).
        #[arg(long, value_enum, default_value_t = DuplicateMode::Fail)]
        on_duplicate: DuplicateMode,
        /// The file's encoding; default: found from its bytes (a BOM, UTF-16's zero bytes, or
        /// whichever of UTF-8 and GB18030 reads as ordinary text).
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring contacts in from a CSV file or an Excel workbook (customer, date, kind, note,
    /// follow_up, follow_up_due); every row or none.
    Contacts {
        /// The CSV file or workbook; its first row names the columns.
        file: std::path::PathBuf,
        /// The workbook's sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Check the file and say how many contacts would be added; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: found from its bytes (a BOM, UTF-16's zero bytes, or
        /// whichever of UTF-8 and GB18030 reads as ordinary text).
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring follow-ups in from a CSV file (customer, due, what, done_at, uuid; as `export
    /// follow-ups` writes them); a follow-up whose uuid the book has is skipped; every row
    /// or none.
    #[command(name = "follow-ups")]
    FollowUps {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// Check the file and say how many follow-ups would be added; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: UTF-8 if it reads as UTF-8, else GB18030.
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring a whole book in from the JSON document `tierdesk export all` writes: every
    /// record or none; records already in the book (same uuid) are left as they are.
    All {
        /// The document (`-` for standard input).
        file: std::path::PathBuf,
        #[arg(long, value_enum, default_value_t = super::output::Format::Text)]
        format: super::output::Format,
    },
    /// Bring products in from a CSV file (name, code, risk_level: R1-R5 or 1-5); a product
    /// the book has (same code) is updated; every row or none.
    Products {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// Check the file and say how many products would be added and updated; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: found from its bytes (a BOM, UTF-16's zero bytes, or
        /// whichever of UTF-8 and GB18030 reads as ordinary text).
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
    /// Bring indicator values in from a CSV file: a `ref` column naming the customer, an
    /// optional `measured_on` date, and one column per indicator of the grading model (its
    /// code or name); every row or none.
    Indicators {
        /// The CSV file; its first row names the columns.
        file: std::path::PathBuf,
        /// The grading model whose indicators the file holds (default: the book's).
        #[arg(long, value_name = "NAME")]
        model: Option<String>,
        /// The day the values were measured, for rows without a date (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Check the file and say how many values would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding; default: found from its bytes (a BOM, UTF-16's zero bytes, or
        /// whichever of UTF-8 and GB18030 reads as ordinary text).
        #[arg(long, value_enum)]
        encoding: Option<FileEncoding>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicateMode {
    Fail,
    Skip,
    Update,
}

impl From<DuplicateMode> for OnDuplicate {
    fn from(m: DuplicateMode) -> Self {
        match m {
            DuplicateMode::Fail => OnDuplicate::Fail,
            DuplicateMode::Skip => OnDuplicate::Skip,
            DuplicateMode::Update => OnDuplicate::Update,
        }
    }
}

/// `--encoding`: its names on the command line.
impl ValueEnum for FileEncoding {
    fn value_variants<'a>() -> &'a [Self] {
        &[FileEncoding::Utf8, FileEncoding::Gb18030]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            FileEncoding::Utf8 => PossibleValue::new("utf-8").alias("utf8"),
            FileEncoding::Gb18030 => PossibleValue::new("gb18030").alias("gbk"),
        })
    }
}

pub fn run(ctx: &Context, cmd: ImportCommand) -> Result<(), CliError> {
    let today = ctx.today();
    let lang = ctx.lang;
    let warn = &mut |w: &str| eprintln!("tierdesk: {}", fill(P::Warning.get(lang), &[&w]));
    let voice = Voice { lang, ..Default::default() };
    let (file, summary, what) = match cmd {
        ImportCommand::Customers { file, sheet, dry_run, on_duplicate, encoding } => {
            let on_duplicate = on_duplicate.into();
            let temperaments = Some(ctx.temperaments()?);
            let opts = ImportOptions {
                dry_run,
                on_duplicate,
                encoding,
                progress: true,
                report: None,
                voice,
                temperaments,
                sheet,
            };
            let mut store = ctx.open_book()?;
            (file.clone(), import_customers(&mut *store, &file, &opts, today, warn)?, Imported::Customers)
        }
        ImportCommand::Contacts { file, sheet, dry_run, encoding } => {
            let opts = ImportOptions { dry_run, encoding, progress: true, voice, sheet, ..Default::default() };
            let mut store = ctx.open_book()?;
            (file.clone(), import_contacts(&mut *store, &file, &opts, today, warn)?, Imported::Contacts)
        }
        ImportCommand::FollowUps { file, dry_run, encoding } => {
            let opts = ImportOptions { dry_run, encoding, progress: true, voice, ..Default::default() };
            let mut store = ctx.open_book()?;
            (file.clone(), import_follow_ups(&mut *store, &file, &opts, warn)?, Imported::FollowUps)
        }
        ImportCommand::Products { file, dry_run, encoding } => {
            let opts = ImportOptions { dry_run, encoding, voice, ..Default::default() };
            let mut store = ctx.open_book()?;
            let s = crate::app::import::import_products(&mut *store, &file, &opts, warn)?;
            let head = if s.dry_run { S::ProductsDryRun } else { S::ProductsImported };
            println!("{}", fill(head.get(lang), &[&file.display(), &s.encoding, &s.rows, &s.added, &s.updated]));
            return Ok(());
        }
        ImportCommand::All { file, format } => return super::move_book::import_all(ctx, &file, format),
        ImportCommand::Indicators { file, model, date, dry_run, encoding } => {
            let args = super::import_indicators::IndicatorImport {
                file: &file,
                model: model.as_deref(),
                date: date.as_deref(),
                dry_run,
                encoding,
            };
            return super::import_indicators::run(ctx, args);
        }
    };
    println!("{}", describe_summary(&file, what, &summary, lang));
    Ok(())
}
