//! `tierdesk customer edit` and `customer delete`: the edit form's and the delete prompt's
//! writes from the command line, with the same checks (the domain's field rules, the tier
//! left to `tierdesk tier`) and the same store calls, so the audit log holds them alike.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::refusal::Refusal;
use super::{CliError, Context};
use crate::domain::customer::{CustomerDraft, Field};
use crate::i18n::record_texts::R;
use crate::i18n::{T, fill};

/// The flags of `customer edit`: the fields to change; those not given stay as they are,
/// an empty value empties the field.
#[derive(Args, Debug)]
pub struct EditArgs {
    /// The customer: an id, a ref, or the exact name.
    customer: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long = "ref", value_name = "REF")]
    ext_ref: Option<String>,
    #[command(flatten)]
    fields: super::customer::FieldFlags,
    /// The date the customer was taken on (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    created: Option<String>,
    /// Not here: the tier changes with `tierdesk tier` (taken only to say so).
    #[arg(long, hide = true)]
    tier: Option<String>,
}

impl EditArgs {
    /// The fields given, as typed.
    fn given(self) -> Vec<(Field, String)> {
        let all = [(Field::Name, self.name), (Field::Ref, self.ext_ref), (Field::Created, self.created)];
        all.into_iter().chain(self.fields.given()).filter_map(|(f, v)| v.map(|v| (f, v))).collect()
    }
}

/// `customer edit`: the customer's fields (and temperament) with the given ones changed, checked as the edit
/// form checks them, saved in one audited change.
pub fn edit(ctx: &Context, args: EditArgs) -> Result<(), CliError> {
    if args.tier.is_some() {
        return Err(Refusal::TierViaTierCommand.into());
    }
    let key = args.customer.clone();
    let mut args = args;
    let temperament = args.fields.take_temperament();
    let given = args.given();
    if given.is_empty() && temperament.is_none() {
        return Err(Refusal::NothingToEdit.into());
    }
    // Checked before the book is opened: an unknown one names the valid keys.
    let temperament = match temperament {
        Some(text) => Some(super::temperament::chosen(ctx, &text)?),
        None => None,
    };
    let mut store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(Refusal::NoScheme))?;
    let customer = crate::app::customers::resolve(&*store, &key)?;
    let mut draft = CustomerDraft::from_fields(&customer.fields);
    for (field, value) in given {
        draft.set(field, value);
    }
    let l = ctx.lang;
    let mut fields = draft
        .validate(&scheme, ctx.today())
        .map_err(|problems| super::customer::field_problems(&problems, &scheme, l))?;
    if let Some(t) = temperament {
        fields.temperament = t;
    }
    if fields == customer.fields {
        return Err(Refusal::Unchanged(customer.fields.name).into());
    }
    // The tier is the customer's own (no flag sets it), so the reason is never recorded.
    store.update_customer(customer.id, &fields, T::EditedInForm.get(l))?;
    println!("{}", fill(T::Saved.get(l), &[&fields.name]));
    Ok(())
}

/// `customer delete`: asks on the terminal unless `yes`; with no terminal to ask on, it
/// refuses rather than wait for an answer that cannot come.
pub fn delete(ctx: &Context, key: &str, yes: bool) -> Result<(), CliError> {
    let mut store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, key)?;
    let (id, name) = (customer.id, customer.fields.name);
    let contacts = store.count_contacts_of(id)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Refusal::DeleteNeedsYes { name, id: id.0, contacts }.into());
        }
        if !confirmed(&fill(R::AskDelete.get(ctx.lang), &[&name, &id.0, &contacts])) {
            return Err(Refusal::NotDeleted.into());
        }
    }
    store.delete_customer(id)?;
    println!("{}", fill(T::Deleted.get(ctx.lang), &[&name]));
    Ok(())
}

/// Ask on stderr (stdout stays what scripts read); yes is `y`, `yes` or `是`.
fn confirmed(question: &str) -> bool {
    eprint!("{}", crate::safe_text::visible(question));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "是")
}
