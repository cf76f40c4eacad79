//! `tierdesk init --scheme NAME|FILE`: a book with a tier scheme; and reading a scheme named
//! on the command line (also for `team init --scheme`).

use super::{CliError, Context, refusal};
use crate::data;

/// A tier scheme named on the command line (a shipped one's name, or a file), as (file,
/// text), checked: a scheme that does not parse is refused naming file, line and problem.
pub(crate) fn scheme_source(scheme: &str) -> Result<(String, String), CliError> {
    let (file, text) = match data::builtin_scheme_source(scheme) {
        Some((file, text)) => (file.to_string(), text.to_string()),
        None => {
            let text = std::fs::read_to_string(scheme)
                .map_err(|e| refusal::Refusal::NotAScheme { text: scheme.to_string(), why: e.to_string() })?;
            (scheme.to_string(), text)
        }
    };
    crate::domain::tier::TierScheme::parse(&file, &text).map_err(|e| CliError::BadInput(e.to_string()))?;
    Ok((file, text))
}

pub fn run(ctx: &Context, scheme: &str) -> Result<(), CliError> {
    // Check the scheme before anything touches the disk: a refused scheme creates no book.
    let (file, text) = scheme_source(scheme)?;
    let path = ctx.book_path()?;
    let mut store = ctx.open_store(&path, true)?;
    // Decided under the write lock: a book another process gave a scheme first keeps it,
    // and this init fails instead of reporting a scheme the book does not have.
    let s = store.init_scheme(&file, &text)?;
    println!("{}: {} ({})", path.display(), s.name(ctx.lang), s.codes().join(" "));
    Ok(())
}
