//! `tierdesk search --in notes PATTERN`: the notes (contact summaries and outcomes,
//! follow-ups) holding a text, newest first, each with its customer, date and snippet.

use serde::Serialize;

use super::output::{TextOrJson, text_table};
use super::{CliError, Context};
use crate::app::search::NoteFound;
use crate::domain::notes::NoteSource;
use crate::i18n::notes_texts::N;

#[derive(Serialize)]
struct NoteOut<'a> {
    customer_id: i64,
    #[serde(rename = "ref")]
    ext_ref: Option<&'a str>,
    name: &'a str,
    date: String,
    /// summary, outcome or follow_up.
    source: &'static str,
    /// The contact's id, or the follow-up's.
    id: i64,
    snippet: String,
    text: &'a str,
}

fn source_key(s: NoteSource) -> (&'static str, i64) {
    match s {
        NoteSource::Summary(id) => ("summary", id.0),
        NoteSource::Outcome(id) => ("outcome", id.0),
        NoteSource::FollowUp(id) => ("follow_up", id.0),
    }
}

pub fn run(
    ctx: &Context,
    pattern: &str,
    limit: usize,
    format: TextOrJson,
    whose: &super::person::OwnerArgs,
) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let found = crate::app::search::find_notes(&*store, pattern, limit, &owners)?;
    match format {
        TextOrJson::Json => {
            let out: Vec<NoteOut> = found.iter().map(note_out).collect();
            println!("{}", super::output::json(&out)?);
        }
        TextOrJson::Text => {
            let l = ctx.lang;
            let header = [N::ColDate.get(l), N::ColCustomer.get(l), N::ColIn.get(l), N::ColSnippet.get(l)];
            let table: Vec<Vec<String>> = found
                .iter()
                .map(|f| {
                    vec![
                        f.hit.on.to_string(),
                        f.hit.customer.name.clone(),
                        N::source(f.hit.source).get(l).to_string(),
                        f.snippet.line(),
                    ]
                })
                .collect();
            print!("{}", text_table(&header, &table));
        }
    }
    Ok(())
}

fn note_out(f: &NoteFound) -> NoteOut<'_> {
    let (source, id) = source_key(f.hit.source);
    NoteOut {
        customer_id: f.hit.customer.id.0,
        ext_ref: f.hit.customer.ext_ref.as_deref(),
        name: &f.hit.customer.name,
        date: f.hit.on.to_string(),
        source,
        id,
        snippet: f.snippet.line(),
        text: &f.hit.text,
    }
}
