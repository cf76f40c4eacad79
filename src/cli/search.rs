//! `tierdesk search PATTERN`: the same fuzzy search as `/` in the app (names, companies,
//! contacts, phones, tags, and the pinyin of the Chinese in them), best first; with
//! `--in notes`, the notes written about customers (`search_notes.rs`).

use serde::Serialize;

use super::output::{TextOrJson, text_table};
use super::{CliError, Context};
use crate::i18n::T;
use crate::i18n::cli_texts::C;

#[derive(Serialize)]
struct SearchOut<'a> {
    customer_id: i64,
    #[serde(rename = "ref")]
    ext_ref: Option<&'a str>,
    name: &'a str,
    company: &'a str,
    tier: &'a str,
    score: u32,
}

/// Where `search` looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SearchIn {
    /// Names, companies, contacts, phones and tags (and their pinyin).
    #[default]
    Names,
    /// Contact summaries and outcomes, and follow-ups.
    Notes,
}

pub fn run(
    ctx: &Context,
    pattern: &str,
    within: SearchIn,
    limit: usize,
    format: TextOrJson,
    whose: &super::person::OwnerArgs,
) -> Result<(), CliError> {
    if pattern.trim().is_empty() {
        return Err(super::refusal::Refusal::EmptyPattern.into());
    }
    if within == SearchIn::Notes {
        return super::search_notes::run(ctx, pattern, limit, format, whose);
    }
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let rows: Vec<(u32, _)> = crate::app::search::find(&*store, pattern, limit, &owners)?
        .into_iter()
        .map(|f| (f.score, f.customer))
        .collect();
    match format {
        TextOrJson::Json => {
            let out: Vec<SearchOut> = rows
                .iter()
                .map(|(score, c)| SearchOut {
                    customer_id: c.id.0,
                    ext_ref: c.fields.ext_ref.as_deref(),
                    name: &c.fields.name,
                    company: &c.fields.company,
                    tier: &c.fields.tier,
                    score: *score,
                })
                .collect();
            println!("{}", super::output::json(&out)?);
        }
        TextOrJson::Text => {
            let l = ctx.lang;
            let header = ["id", T::ColTier.get(l), T::ColName.get(l), T::ColCompany.get(l), C::Score.get(l)];
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|(score, c)| {
                    vec![
                        c.id.to_string(),
                        c.fields.tier.clone(),
                        c.fields.name.clone(),
                        c.fields.company.clone(),
                        score.to_string(),
                    ]
                })
                .collect();
            print!("{}", text_table(&header, &table));
        }
    }
    Ok(())
}
