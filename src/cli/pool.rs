//! `tierdesk --db postgres://... team sweep|pool|claim|assign|pin`: the team's pool (公海,
//! issue 17). The rules live in the book (its scheme's `escalate_after_days` and
//! `release_after_days`); release runs on opening the book too, `team sweep` is for a cron.

use clap::Args;
use serde::Serialize;

use super::output::{TextOrJson, text_table};
use super::{CliError, Context};
use crate::i18n::cli_texts::C;
use crate::i18n::fill;
use crate::i18n::pool_texts::Pool as P;

#[derive(Args, Debug)]
pub struct PoolArgs {
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Args, Debug)]
pub struct ClaimArgs {
    /// The customer (id, ref or name).
    pub customer: String,
}

#[derive(Args, Debug)]
pub struct AssignArgs {
    /// The customer in the pool (id, ref or name).
    pub customer: String,
    /// The login who takes it (a lead: within their team; an admin: anyone).
    pub to: String,
}

#[derive(Args, Debug)]
pub struct PinArgs {
    /// The customer (id, ref or name).
    pub customer: String,
    /// Why it must never go back to the pool.
    #[arg(long, required_unless_present = "off")]
    pub reason: Option<String>,
    /// Unpin it: the rules apply again.
    #[arg(long, conflicts_with = "reason")]
    pub off: bool,
}

pub fn sweep(ctx: &Context) -> Result<(), CliError> {
    let l = ctx.lang;
    // Opening sweeps already (once a day); this says what the day's sweep did.
    let mut book = ctx.open_book()?;
    let today = ctx.today();
    let swept = book.sweep(today)?;
    if swept.behind {
        println!("{}", fill(P::SweptBehind.get(l), &[&swept.day, &today]));
    } else {
        println!("{}", fill(P::Swept.get(l), &[&swept.day, &swept.released, &swept.escalated]));
    }
    Ok(())
}

#[derive(Serialize)]
struct PoolJson<'a> {
    id: i64,
    name: &'a str,
    company: &'a str,
    tier: &'a str,
    region: &'a str,
    last_contact: Option<chrono::NaiveDate>,
    released_from: &'a str,
    released_from_name: &'a str,
    released_on: Option<chrono::NaiveDate>,
    days_overdue: Option<i64>,
}

pub fn pool(ctx: &Context, args: PoolArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let book = ctx.open_book()?;
    let entries = book.pool()?;
    match args.format {
        TextOrJson::Json => {
            let rows: Vec<PoolJson> = entries
                .iter()
                .map(|e| PoolJson {
                    id: e.id.0,
                    name: &e.name,
                    company: &e.company,
                    tier: &e.tier,
                    region: &e.region,
                    last_contact: e.last_contact,
                    released_from: &e.released_from,
                    released_from_name: &e.released_from_name,
                    released_on: e.released_on,
                    days_overdue: e.released_days,
                })
                .collect();
            println!("{}", super::output::json(&rows)?);
        }
        TextOrJson::Text if entries.is_empty() => println!("{}", P::PoolEmpty.get(l)),
        TextOrJson::Text => {
            let header = [
                "id",
                C::ColName.get(l),
                "tier",
                P::ColReleasedFrom.get(l),
                P::ColReleasedOn.get(l),
                P::ColDaysLate.get(l),
            ];
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.id.0.to_string(),
                        e.name.clone(),
                        e.tier.clone(),
                        e.released_from_name.clone(),
                        e.released_on.map(|d| d.to_string()).unwrap_or_default(),
                        e.released_days.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            print!("{}", text_table(&header, &rows));
        }
    }
    Ok(())
}

pub fn claim(ctx: &Context, args: ClaimArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let mut book = ctx.open_book()?;
    let customer = crate::app::customers::resolve(book.as_ref(), &args.customer)?;
    // The book's limit applies; a config naming another is told so, whatever the outcome.
    let configured = ctx.config.claims_per_day();
    if configured.is_some()
        && let Some(note) = crate::i18n::pool_texts::config_limit_note(configured, book.claims_per_day()?, false, l)
    {
        eprintln!("{note}");
    }
    let claimed = book.claim(customer.id, ctx.today())?;
    println!("{}", fill(P::Claimed.get(l), &[&customer.fields.name, &claimed.today, &claimed.limit]));
    Ok(())
}

#[derive(Args, Debug)]
pub struct ClaimsPerDayArgs {
    /// The new limit (a lead or an admin); without it, the book's limit is shown.
    pub n: Option<u32>,
}

/// `team claims-per-day [N]`: the team's daily claim limit, as the book holds it; a lead or
/// an admin sets it. Named after the config key it replaces, which now only seeds a new book.
pub fn claims_per_day(ctx: &Context, args: ClaimsPerDayArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let mut book = ctx.open_book()?;
    match args.n {
        None => println!("{}", fill(P::LimitIs.get(l), &[&book.claims_per_day()?])),
        Some(n) => {
            let was = book.set_claims_per_day(n)?;
            println!("{}", fill(P::LimitSet.get(l), &[&n, &was]));
        }
    }
    Ok(())
}

pub fn assign(ctx: &Context, args: AssignArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let mut book = ctx.open_book()?;
    let customer = crate::app::customers::resolve(book.as_ref(), &args.customer)?;
    let given = book.assign_from_pool(customer.id, &args.to, ctx.today())?;
    println!("{}", fill(P::Assigned.get(l), &[&customer.fields.name, &given.owner]));
    Ok(())
}

pub fn pin(ctx: &Context, args: PinArgs) -> Result<(), CliError> {
    let l = ctx.lang;
    let mut book = ctx.open_book()?;
    let customer = crate::app::customers::resolve(book.as_ref(), &args.customer)?;
    let reason = if args.off { None } else { args.reason.as_deref() };
    book.pin(customer.id, reason)?;
    match reason {
        Some(r) => println!("{}", fill(P::Pinned.get(l), &[&customer.fields.name, &r.trim()])),
        None => println!("{}", fill(P::Unpinned.get(l), &[&customer.fields.name])),
    }
    Ok(())
}
