//! `tierdesk import all FILE`: a whole book brought in from the document `export all` wrote
//! (every record or none), then what came in, in a line or as JSON.

use std::path::Path;

use super::output::Format;
use super::{CliError, Context};
use crate::i18n::problems::P;
use crate::i18n::{fill, move_texts};

pub fn import_all(ctx: &Context, file: &Path, format: Format) -> Result<(), CliError> {
    let mut store = ctx.open_book()?;
    let cannot_read =
        |e: std::io::Error| CliError::BadInput(fill(P::CannotReadFile.get(ctx.lang), &[&file.display(), &e]));
    let moved = if file.as_os_str() == "-" {
        store.import_all(&mut std::io::stdin().lock())?
    } else {
        let mut input = std::fs::File::open(file).map_err(cannot_read)?;
        store.import_all(&mut input)?
    };
    match format {
        Format::Json => println!("{}", super::output::json(&moved)?),
        Format::Text | Format::Csv => println!("{}", move_texts::imported(&moved, ctx.lang)),
    }
    Ok(())
}
