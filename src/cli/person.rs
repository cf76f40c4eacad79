//! `tierdesk person ...`: the people of a solo book (colleagues added for a hand-over), and
//! the flags that choose whose customers a list shows (`--owner`, `--all`).

use clap::{Args, Subcommand};

use super::output::TextOrJson;
use super::team::{RoleArg, print_people, role_text};
use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::store::Owners;
use crate::store::prelude::*;

#[derive(Subcommand, Debug)]
pub enum PersonCommand {
    /// Add a person to the book: a colleague customers can be handed to.
    Add {
        /// The login (on a team book, their PostgreSQL login).
        login: String,
        /// The name shown to others.
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The lead whose team a manager is on.
        #[arg(long, value_name = "LOGIN")]
        lead: Option<String>,
    },
    /// The people of the book.
    List {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Hand a person's customers (all, or those named) over to a colleague, with their
    /// contacts, follow-ups, drafts and history.
    Handover(super::handover::HandoverArgs),
}

/// Whose customers a list shows: mine by default (everyone's in a book where I own none).
#[derive(Args, Debug, Default)]
pub struct OwnerArgs {
    /// Only this person's customers (repeat for several).
    #[arg(long = "owner", value_name = "LOGIN")]
    owners: Vec<String>,
    /// Everyone's customers.
    #[arg(long, conflicts_with = "owners")]
    all: bool,
}

impl OwnerArgs {
    /// The owners asked for, each a person of the book.
    pub fn owners(&self, book: &dyn Book) -> Result<Owners, CliError> {
        Ok(crate::app::scope::chosen_owners(book, &self.owners, self.all)?)
    }
}

pub fn run(ctx: &Context, command: PersonCommand) -> Result<(), CliError> {
    let l = ctx.lang;
    match command {
        PersonCommand::Add { login, name, role, lead } => {
            let mut book = ctx.open_book()?;
            let p = book.add_person(&login, &name, role.into(), lead.as_deref())?;
            let team = p.lead.as_ref().map(|lead| fill(C::OnTeamOf.get(l), &[lead])).unwrap_or_default();
            println!("{}", fill(C::PersonAdded.get(l), &[&p.login, &p.name, &role_text(p.role, l), &team]));
        }
        PersonCommand::List { format } => {
            let people = ctx.open_book()?.people()?;
            print_people(&people, format, l)?;
        }
        PersonCommand::Handover(args) => super::handover::run(ctx, args)?,
    }
    Ok(())
}
