//! `tierdesk backup FILE`: a consistent copy of the book while tierdesk may be open
//! elsewhere (SQLite's online backup), readable by you alone (0600, through a temporary file
//! renamed into place: a failed backup leaves nothing). An existing FILE is replaced only
//! with `--force`, and never the book itself.

use std::path::Path;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;

pub fn run(ctx: &Context, file: &Path, force: bool) -> Result<(), CliError> {
    let book = ctx.book_path()?;
    if !book.is_file() {
        return Err(Refusal::NoBookToBackUp(book).into());
    }
    if file.is_dir() {
        return Err(Refusal::BackupIsFolder(file.to_path_buf()).into());
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
            return Err(Refusal::AlreadyExists(file.to_path_buf()).into());
        }
    }
    let folder = crate::private_file::folder(file);
    if !folder.is_dir() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        return Err(ctx.cannot_write(file, &missing));
    }
    let store = ctx.open_store(&book, true)?;
    store.backup_to(file)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let text = fill(C::BackedUp.get(ctx.lang), &[&book.display(), &file.display(), &size]);
    println!("{text}");
    Ok(())
}
