//! `tierdesk undo`: take back the person's latest change made from the command line. Every
//! command writes into the person's command-line session (`app::context::open_book`), so
//! undo walks back through their commands, newest first, and never takes another person's
//! or a screen's change. As in the screens, a change whose records someone changed since is
//! refused with nothing written.

use super::{CliError, Context};
use crate::i18n::record_texts::R;
use crate::i18n::{T, fill};

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mut book = ctx.open_book()?;
    match book.undo_last()? {
        // Not the user's mistake, but nothing was done: exit 1, as a failed command.
        None => Err(CliError::Failed(R::NothingToUndo.get(ctx.lang).to_string())),
        Some(undone) => {
            let what = crate::i18n::audit::describe_undone(&undone, ctx.lang);
            println!("{}", fill(T::Undid.get(ctx.lang), &[&what]));
            Ok(())
        }
    }
}
