//! `tierdesk customer add|list` (and `show`, `edit`, `delete` in files of their own).

use clap::{Args, Subcommand};
use serde::Serialize;

use super::csv_out::text as csv_text;
use super::output::{Format, text_table};
use super::{CliError, Context};
use crate::domain::customer::{Customer, CustomerDraft, Field};
use crate::i18n::T;
use crate::i18n::problem_text;

#[derive(Subcommand, Debug)]
pub enum CustomerCommand {
    /// Add a customer and print its id.
    Add(AddArgs),
    /// List customers, ordered by name.
    List {
        #[arg(long)]
        tier: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        owners: super::person::OwnerArgs,
    },
    /// One customer: profile, tier, owner, last contact, next due, risk category and its
    /// expiry, open follow-ups.
    Show {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        #[arg(long, value_enum, default_value_t = super::output::TextOrJson::Text)]
        format: super::output::TextOrJson,
    },
    /// Change a customer's fields, checked as the edit form checks them (the tier changes
    /// with `tierdesk tier`, which keeps the reason).
    Edit(super::customer_edit::EditArgs),
    /// Delete a customer and everything recorded about them (asks first unless --yes).
    Delete {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// Delete without asking (needed when standard input is no terminal).
        #[arg(long)]
        yes: bool,
    },
}

/// The flags of a customer's plain text fields, shared by `customer add` and `customer edit`.
#[derive(Args, Debug, Default)]
pub struct FieldFlags {
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    contact: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    industry: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    tags: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// The customer's temperament (顾客类型): a key (silent, haggler, ...) or its zh/en
    /// name; "" or none clears it.
    #[arg(long, value_name = "KEY")]
    temperament: Option<String>,
}

impl FieldFlags {
    /// `--temperament` as typed, taken out of the flags (it is no form field).
    pub(super) fn take_temperament(&mut self) -> Option<String> {
        self.temperament.take()
    }

    /// The fields given, as typed, each with its form field.
    pub(super) fn given(self) -> [(Field, Option<String>); 10] {
        [
            (Field::Company, self.company),
            (Field::ContactPerson, self.contact),
            (Field::Phone, self.phone),
            (Field::Email, self.email),
            (Field::Region, self.region),
            (Field::Address, self.address),
            (Field::Industry, self.industry),
            (Field::Owner, self.owner),
            (Field::Tags, self.tags),
            (Field::Notes, self.notes),
        ]
    }
}

/// The flags of `customer add`: a customer's fields.
#[derive(Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    tier: String,
    /// The customer's reference; default: the next of the config's `ref_pattern` (K-00001, K-00002, ...).
    #[arg(long = "ref", value_name = "REF")]
    ext_ref: Option<String>,
    #[command(flatten)]
    fields: FieldFlags,
    /// The date the customer was taken on (YYYY-MM-DD); default today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    created: Option<String>,
}

/// A customer as `customer list` and `customer show` print it.
#[derive(Serialize)]
pub(super) struct CustomerOut {
    /// A customer's id is `customer_id` in every JSON document the command line writes.
    #[serde(rename = "customer_id")]
    id: i64,
    #[serde(rename = "ref")]
    ext_ref: Option<String>,
    name: String,
    company: String,
    contact: String,
    phone: String,
    email: String,
    region: String,
    address: String,
    industry: String,
    owner: String,
    tags: String,
    notes: String,
    tier: String,
    created: String,
    last_contact: Option<String>,
    next_due: String,
    /// Moved into the top tier, waiting for an approver.
    awaiting_signoff: bool,
}

pub fn run(ctx: &Context, cmd: CustomerCommand) -> Result<(), CliError> {
    match cmd {
        CustomerCommand::Add(args) => add(ctx, args),
        CustomerCommand::List { tier, format, owners } => list(ctx, tier, format, &owners),
        CustomerCommand::Show { customer, format } => super::customer_show::run(ctx, &customer, format),
        CustomerCommand::Edit(args) => super::customer_edit::edit(ctx, args),
        CustomerCommand::Delete { customer, yes } => super::customer_edit::delete(ctx, &customer, yes),
    }
}

/// Every field's problem as one line, each naming its flag (`customer add` and `edit`).
pub(super) fn field_problems(
    problems: &[(Field, crate::domain::customer::FieldProblem)],
    scheme: &crate::domain::tier::TierScheme,
    lang: crate::i18n::Lang,
) -> CliError {
    let lines: Vec<String> =
        problems.iter().map(|(f, p)| format!("--{}: {}", flag_name(*f), problem_text(*p, scheme, lang))).collect();
    CliError::BadInput(lines.join("; "))
}

/// `customer add`: check the fields as the form does, add, print the new id.
fn add(ctx: &Context, args: AddArgs) -> Result<(), CliError> {
    let mut store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let mut args = args;
    if args.ext_ref.as_deref().is_none_or(|r| r.trim().is_empty()) {
        args.ext_ref = Some(crate::app::customers::next_ref(&*store, &ctx.config.ref_pattern())?);
    }
    let temperament = match args.fields.take_temperament() {
        Some(text) => super::temperament::chosen(ctx, &text)?,
        None => None,
    };
    let draft = draft_of(ctx, args, store.user());
    let mut fields =
        draft.validate(&scheme, ctx.today()).map_err(|problems| field_problems(&problems, &scheme, ctx.lang))?;
    fields.temperament = temperament;
    let id = store.add_customer(&fields)?;
    println!("{id}");
    // Said on stderr: stdout stays the bare id that scripts read.
    if store.customer(id)?.is_some_and(|c| c.signoff_pending) {
        eprintln!("awaiting sign-off (top tier): tierdesk approve {id} --by NAME");
    }
    Ok(())
}

/// The flags as a draft, as if typed into the form; the owner is me (`signed_in`: the book's
/// signed-in person, on a team book the connected login) unless named.
fn draft_of(ctx: &Context, args: AddArgs, signed_in: &str) -> CustomerDraft {
    let mut draft = CustomerDraft::empty(&args.tier, ctx.today());
    let given = [(Field::Name, Some(args.name)), (Field::Ref, args.ext_ref), (Field::Created, args.created)];
    let mut fields = args.fields;
    fields.owner = fields.owner.or_else(|| Some(signed_in.to_string()));
    let given = given.into_iter().chain(fields.given());
    for (field, value) in given {
        if let Some(v) = value {
            draft.set(field, v);
        }
    }
    draft
}

/// `customer list`: by name, of one tier or all, whose `--owner`/`--all` say (default mine),
/// as text, CSV or JSON.
fn list(ctx: &Context, tier: Option<String>, format: Format, whose: &super::person::OwnerArgs) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let owners = whose.owners(&*store)?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let tier = match tier {
        Some(t) => Some(scheme.tier(&t).map(|x| x.code.clone()).ok_or_else(|| {
            super::refusal::Refusal::UnknownTier { flag: "--tier", text: t.clone(), known: scheme.codes().join(", ") }
        })?),
        None => None,
    };
    let out: Vec<CustomerOut> = store
        .customers_by_name(tier.as_deref())?
        .into_iter()
        .filter(|c| owners.includes(&c.fields.owner))
        .map(CustomerOut::from)
        .collect();
    match format {
        Format::Json => println!("{}", super::output::json(&out)?),
        Format::Csv => super::output::print_data(&csv_of(&out)?)?,
        Format::Text => print!("{}", text_of(&out, ctx.lang)),
    }
    Ok(())
}

impl From<Customer> for CustomerOut {
    fn from(c: Customer) -> Self {
        CustomerOut {
            id: c.id.0,
            ext_ref: c.fields.ext_ref,
            name: c.fields.name,
            company: c.fields.company,
            contact: c.fields.contact_person,
            phone: c.fields.phone,
            email: c.fields.email,
            region: c.fields.region,
            address: c.fields.address,
            industry: c.fields.industry,
            owner: c.fields.owner,
            tags: c.fields.tags,
            notes: c.fields.notes,
            tier: c.fields.tier,
            created: c.fields.created_on.to_string(),
            last_contact: c.last_contact_on.map(|d| d.to_string()),
            next_due: c.next_due_on.to_string(),
            awaiting_signoff: c.signoff_pending,
        }
    }
}

/// Every field, for other programs (the sign-off flag is in the JSON only).
fn csv_of(out: &[CustomerOut]) -> Result<String, CliError> {
    let header = [
        "customer_id",
        "ref",
        "name",
        "company",
        "contact",
        "phone",
        "email",
        "region",
        "address",
        "industry",
        "owner",
        "tags",
        "notes",
        "tier",
        "created",
        "last_contact",
        "next_due",
    ];
    let rows: Vec<Vec<String>> = out
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.ext_ref.clone().unwrap_or_default(),
                c.name.clone(),
                c.company.clone(),
                c.contact.clone(),
                c.phone.clone(),
                c.email.clone(),
                c.region.clone(),
                c.address.clone(),
                c.industry.clone(),
                c.owner.clone(),
                c.tags.clone(),
                c.notes.clone(),
                c.tier.clone(),
                c.created.clone(),
                c.last_contact.clone().unwrap_or_default(),
                c.next_due.clone(),
            ]
        })
        .collect();
    csv_text(&header, &rows)
}

/// The columns a person reads, in their language.
fn text_of(out: &[CustomerOut], l: crate::i18n::Lang) -> String {
    let header = [
        "id",
        T::ColTier.get(l),
        T::ColName.get(l),
        T::ColCompany.get(l),
        T::ColLastContact.get(l),
        T::ColNextDue.get(l),
        T::ColOwner.get(l),
    ];
    let rows: Vec<Vec<String>> = out
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.tier.clone(),
                c.name.clone(),
                c.company.clone(),
                c.last_contact.clone().unwrap_or_else(|| T::Never.get(l).to_string()),
                c.next_due.clone(),
                c.owner.clone(),
            ]
        })
        .collect();
    text_table(&header, &rows)
}

fn flag_name(f: Field) -> &'static str {
    match f {
        Field::Name => "name",
        Field::Tier => "tier",
        Field::Company => "company",
        Field::ContactPerson => "contact",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::Region => "region",
        Field::Address => "address",
        Field::Industry => "industry",
        Field::Owner => "owner",
        Field::Tags => "tags",
        Field::Ref => "ref",
        Field::Created => "created",
        Field::Notes => "notes",
    }
}
