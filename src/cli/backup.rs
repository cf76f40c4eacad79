//! `tierdesk backup FILE`: a consistent copy of the book while tierdesk may be open
//! elsewhere, readable by you alone (0600, through a temporary file renamed into place: a
//! failed backup leaves nothing). An existing FILE is replaced only with `--force`, and never
//! the book itself. A solo book is copied with SQLite's online backup; a team book
//! (`--db postgres://...`) becomes a solo book of what that person may see.

use std::path::Path;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::app::context::BookAddress;
use crate::i18n::cli_texts::C;
use crate::i18n::fill;

pub fn run(ctx: &Context, file: &Path, force: bool) -> Result<(), CliError> {
    let (shown, store) = match ctx.book_address()? {
        BookAddress::File(book) => {
            if !book.is_file() {
                return Err(Refusal::NoBookToBackUp(book).into());
            }
            check_target(ctx, file, force, Some(&book))?;
            let store = ctx.open_store(&book, true)?;
            (book.display().to_string(), store)
        }
        BookAddress::Team(url) => {
            check_target(ctx, file, force, None)?;
            // As the login the address names: the copy holds what that person may see.
            let store = ctx.open_book()?;
            (crate::store::postgres::describe_url(&url), store)
        }
    };
    store.backup_to(file)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let text = fill(C::BackedUp.get(ctx.lang), &[&shown, &file.display(), &size]);
    println!("{text}");
    Ok(())
}

/// FILE is not a folder, not the book itself, replaced only with `--force`, and its folder
/// exists.
fn check_target(ctx: &Context, file: &Path, force: bool, book: Option<&Path>) -> Result<(), CliError> {
    if file.is_dir() {
        return Err(Refusal::BackupIsFolder(file.to_path_buf()).into());
    }
    if file.exists() {
        let same = match (std::fs::canonicalize(file), book.map(std::fs::canonicalize)) {
            (Ok(a), Some(Ok(b))) => a == b,
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
    Ok(())
}
