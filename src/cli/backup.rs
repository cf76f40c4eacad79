//! `tierdesk backup FILE`: a consistent copy of the book while tierdesk may be open
//! elsewhere (SQLite's online backup), readable by you alone. An existing FILE is replaced
//! only with `--force`, and never the book itself.

use std::path::Path;

use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::store::Store;

pub fn run(ctx: &Context, file: &Path, force: bool) -> Result<(), CliError> {
    let book = ctx.book_path()?;
    if !book.is_file() {
        return Err(CliError::BadInput(format!("no book at {}: nothing to back up", book.display())));
    }
    if file.is_dir() {
        return Err(CliError::BadInput(format!("{} is a folder; name the backup file", file.display())));
    }
    if file.exists() {
        let same = match (std::fs::canonicalize(file), std::fs::canonicalize(&book)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(CliError::BadInput(format!(
                "{} is the book itself; back it up to another file",
                file.display()
            )));
        }
        if !force {
            return Err(CliError::BadInput(format!("{} already exists; add --force to replace it", file.display())));
        }
    }
    let store = Store::open(&book, ctx.clock, &ctx.user)?;
    store.backup_to(file)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let text = fill(C::BackedUp.get(ctx.lang), &[&book.display(), &file.display(), &size]);
    println!("{text}");
    Ok(())
}
