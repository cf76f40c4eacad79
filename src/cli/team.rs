//! `tierdesk --db postgres://... team ...`: set up a team book on PostgreSQL, add its
//! people, list them. The book's URL comes from `--db` or `TIERDESK_DB`.

use clap::{Subcommand, ValueEnum};

use super::output::{TextOrJson, text_table};
use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::{Lang, fill};
use crate::store::postgres::team::{Person, Role, TeamBook};
use crate::store::postgres::{TeamError, describe_url, is_postgres_url};

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Create the team book's tables and group roles, or upgrade them (run by the role that
    /// owns the database: it owns the tables and is not a person).
    Init {
        /// The book's tier scheme (default, brokerage, leads, team, or a scheme file), chosen once:
        /// a new book takes the default one when none is given.
        #[arg(long)]
        scheme: Option<String>,
    },
    /// Add a person: their PostgreSQL login (created, or an existing login given the role)
    /// and their place in the team.
    AddPerson {
        /// The login: lowercase letters, digits, "_", "." or "-", starting with a letter.
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
    /// The people of the team book.
    People {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Hand a person's customers (all, or those named) over to a colleague, with their
    /// contacts, follow-ups, drafts and history (a lead within their team, an admin).
    Handover(super::handover::HandoverArgs),
    /// Bring a solo book in whole (customers, contacts, follow-ups, assessments, history) for
    /// one person, in one transaction (that person, their lead or an admin).
    ImportBook(super::import_book::ImportBookArgs),
    /// Release, as of today, the customers neglected past their tier's rules to the team's
    /// pool (opening the book does it too, once a day; this is for a daily cron).
    Sweep,
    /// The customers in your team's pool.
    Pool(super::pool::PoolArgs),
    /// Take a customer from the pool: yours, due at once (within the team's daily limit).
    Claim(super::pool::ClaimArgs),
    /// The team's daily claim limit per person, held by the book; a lead or an admin sets it.
    ClaimsPerDay(super::pool::ClaimsPerDayArgs),
    /// Give a customer from the pool to someone (a lead within their team, an admin).
    Assign(super::pool::AssignArgs),
    /// Pin a customer so that it never goes back to the pool, with a reason (a lead, an admin).
    Pin(super::pool::PinArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RoleArg {
    Manager,
    Lead,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Manager => Role::Manager,
            RoleArg::Lead => Role::Lead,
            RoleArg::Admin => Role::Admin,
        }
    }
}

pub fn run(ctx: &Context, command: TeamCommand) -> Result<(), CliError> {
    let l = ctx.lang;
    let url = team_url(ctx).ok_or_else(|| CliError::BadInput(C::TeamNeedsUrl.get(l).to_string()))?;
    let shown = describe_url(&url);
    let fail = |e: TeamError| team_error(&e, l);
    match command {
        TeamCommand::Init { scheme } => {
            let scheme = scheme.as_deref().map(super::init::scheme_source).transpose()?;
            let mut book = TeamBook::connect(&url).map_err(fail)?;
            let done = book.init_with_scheme(scheme.as_ref().map(|(f, t)| (f.as_str(), t.as_str()))).map_err(fail)?;
            // The owner's config names the limit a book starts with (until someone sets it).
            if let Some(n) = ctx.config.claims_per_day() {
                book.seed_claims_per_day(n).map_err(fail)?;
            }
            let g = &done.groups;
            match done.from {
                0 => println!("{}", fill(C::TeamCreated.get(l), &[&shown, &done.to, &g.manager, &g.lead, &g.admin])),
                from if from < done.to => println!("{}", fill(C::TeamUpgraded.get(l), &[&shown, &from, &done.to])),
                _ => println!("{}", fill(C::TeamUpToDate.get(l), &[&shown, &done.to])),
            }
        }
        TeamCommand::AddPerson { login, name, role, lead } => {
            let mut book = TeamBook::open(&url).map_err(fail)?;
            let p = book.add_person(&login, &name, role.into(), lead.as_deref()).map_err(fail)?;
            let team = p.lead.as_ref().map(|lead| fill(C::OnTeamOf.get(l), &[lead])).unwrap_or_default();
            println!("{}", fill(C::PersonAdded.get(l), &[&p.login, &p.name, &role_text(p.role, l), &team]));
        }
        TeamCommand::People { format } => {
            let people = TeamBook::open(&url).and_then(|mut b| b.people()).map_err(fail)?;
            print_people(&people, format, l)?;
        }
        TeamCommand::Handover(args) => super::handover::run(ctx, args)?,
        TeamCommand::ImportBook(args) => super::import_book::run(ctx, &url, args)?,
        TeamCommand::Sweep => super::pool::sweep(ctx)?,
        TeamCommand::Pool(args) => super::pool::pool(ctx, args)?,
        TeamCommand::Claim(args) => super::pool::claim(ctx, args)?,
        TeamCommand::ClaimsPerDay(args) => super::pool::claims_per_day(ctx, args)?,
        TeamCommand::Assign(args) => super::pool::assign(ctx, args)?,
        TeamCommand::Pin(args) => super::pool::pin(ctx, args)?,
    }
    Ok(())
}

/// The book's URL: `--db` or `TIERDESK_DB`, when it is a PostgreSQL URL.
fn team_url(ctx: &Context) -> Option<String> {
    let given = match &ctx.db {
        Some(db) => db.to_str().map(str::to_string),
        None => std::env::var("TIERDESK_DB").ok(),
    };
    given.filter(|u| is_postgres_url(u))
}

pub(super) fn print_people(people: &[Person], format: TextOrJson, l: Lang) -> Result<(), CliError> {
    match format {
        TextOrJson::Json => println!("{}", super::output::json(people)?),
        TextOrJson::Text if people.is_empty() => println!("{}", C::NoPeople.get(l)),
        TextOrJson::Text => {
            let header = [C::ColLogin.get(l), C::ColName.get(l), C::ColRole.get(l), C::ColLead.get(l)];
            let rows: Vec<Vec<String>> = people
                .iter()
                .map(|p| {
                    let lead = p.lead.clone().unwrap_or_default();
                    vec![p.login.clone(), p.name.clone(), role_text(p.role, l).to_string(), lead]
                })
                .collect();
            print!("{}", text_table(&header, &rows));
        }
    }
    Ok(())
}

pub(super) fn role_text(role: Role, l: Lang) -> &'static str {
    match role {
        Role::Manager => C::RoleManager.get(l),
        Role::Lead => C::RoleLead.get(l),
        Role::Admin => C::RoleAdmin.get(l),
    }
}

/// A team book's failure as one line in `l`: bad input (exit code 2) or not.
pub fn team_error(e: &TeamError, l: Lang) -> CliError {
    let text = crate::i18n::team_problems::team_error(e, l);
    if crate::i18n::team_problems::is_bad_input(e) { CliError::BadInput(text) } else { CliError::Failed(text) }
}
