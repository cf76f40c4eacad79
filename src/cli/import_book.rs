//! `tierdesk --db postgres://... team import-book FILE --owner LOGIN`: a solo book brought into
//! the team book whole, history included, for one person, in one transaction.

use std::path::PathBuf;

use clap::Args;

use super::output::TextOrJson;
use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::store::postgres::team::TeamBook;

#[derive(Args, Debug)]
pub struct ImportBookArgs {
    /// The solo book (a tierdesk SQLite file); it is only read.
    pub file: PathBuf,
    /// The person whose customers they become.
    #[arg(long, value_name = "LOGIN")]
    pub owner: String,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(ctx: &Context, url: &str, args: ImportBookArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let mut book = TeamBook::open(url).map_err(|e| super::team::team_error(&e, l))?;
    let brought = book.import_book(&args.file, &args.owner, ctx.clock)?;
    match args.format {
        TextOrJson::Json => println!("{}", super::output::json(&brought)?),
        TextOrJson::Text => {
            let b = &brought;
            let file = args.file.display();
            let counts: [&dyn std::fmt::Display; 8] = [
                &file,
                &b.customers,
                &b.contacts,
                &b.follow_ups,
                &b.assessments,
                &b.tier_changes,
                &b.changes,
                &b.owner,
            ];
            println!("{}", fill(C::BookBroughtIn.get(l), &counts));
            if b.products + b.products_left_out > 0 {
                println!("{}", fill(C::BookProducts.get(l), &[&b.products, &b.products_left_out]));
            }
        }
    }
    Ok(())
}
