//! `tierdesk team handover FROM TO` (a team book) and `tierdesk person handover FROM TO` (any
//! book): give a colleague someone's customers, all of them or the ones named, with their
//! contacts, follow-ups, drafts and history, in one change (undo takes it back).

use clap::Args;

use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;

#[derive(Args, Debug)]
pub struct HandoverArgs {
    /// The login whose customers move.
    pub from: String,
    /// The login who takes them over.
    pub to: String,
    /// Only this customer (id, ref or name; repeat for several); all of FROM's otherwise.
    #[arg(long = "customer", value_name = "ID")]
    pub customers: Vec<String>,
}

pub fn run(ctx: &Context, args: HandoverArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    if args.from == args.to {
        return Err(CliError::BadInput(fill(C::HandOverToSelf.get(l), &[&args.from])));
    }
    let mut book = ctx.open_book()?;
    let only = if args.customers.is_empty() {
        None
    } else {
        let ids = args
            .customers
            .iter()
            .map(|key| crate::app::customers::resolve(book.as_ref(), key).map(|c| c.id))
            .collect::<Result<Vec<_>, _>>()?;
        Some(ids)
    };
    let moved = book.hand_over(&args.from, &args.to, only.as_deref())?;
    if moved == 0 {
        return Err(CliError::Failed(fill(C::NothingHandedOver.get(l), &[&args.from])));
    }
    println!("{}", fill(C::HandedOver.get(l), &[&moved, &args.from, &args.to]));
    Ok(())
}
