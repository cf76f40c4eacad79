//! `tierdesk suit CUSTOMER PRODUCT` (does the product suit the customer's risk category, and
//! why) and `tierdesk product list` (the catalogue: the book's products, else the shipped
//! ones). Both print text or JSON; `suit` exits 0 whatever the verdict (a verdict is an
//! answer, not a failure; scripts read `suitable` or `verdict`).

use clap::Subcommand;
use serde::Serialize;

use super::output::TextOrJson;
use super::{CliError, Context};
use crate::app::suitability::{catalogue, judge_product};
use crate::i18n::suit_texts::{S, verdict, why};

/// The suitability commands, flattened into the command line's list.
#[derive(Subcommand, Debug)]
pub enum SuitCommand {
    /// Whether a product suits a customer's risk category (C1-C5 against R1-R5), and why;
    /// an expired or missing assessment is "unknown". Exits 0 whatever the verdict.
    Suit {
        /// The customer: an id, a ref, or the exact name.
        customer: String,
        /// The product's code (tierdesk product list shows them).
        product: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// The products a customer may be offered, with their risk levels.
    Product {
        #[command(subcommand)]
        command: ProductCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum ProductCommand {
    /// List the catalogue: the book's products, or the shipped ones when it has none.
    List {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

/// What `suit --format json` prints.
#[derive(Serialize)]
struct SuitOut {
    customer_id: i64,
    product: String,
    suitable: bool,
    /// "suitable", "unsuitable" or "unknown".
    verdict: &'static str,
    /// C1 to C5 of the latest assessment (even if expired); null when none or unmapped.
    category: Option<String>,
    /// R1 to R5.
    level: String,
    assessed_on: Option<String>,
    expires_on: Option<String>,
    why: String,
}

#[derive(Serialize)]
struct ProductOut {
    code: String,
    name: String,
    level: String,
}

pub fn run(ctx: &Context, cmd: SuitCommand) -> Result<(), CliError> {
    match cmd {
        SuitCommand::Suit { customer, product, format } => suit(ctx, &customer, &product, format),
        SuitCommand::Product { command: ProductCommand::List { format } } => list(ctx, format),
    }
}

fn suit(ctx: &Context, customer: &str, code: &str, format: TextOrJson) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let customer = crate::app::customers::resolve(&*store, customer)?;
    let (product, j) = judge_product(&*store, customer.id, code, ctx.today())?;
    let l = ctx.lang;
    let why = why(&product, &j, l);
    match format {
        TextOrJson::Json => {
            let out = SuitOut {
                customer_id: customer.id.0,
                product: product.code.clone(),
                suitable: j.is_suitable(),
                verdict: j.verdict.code(),
                category: j.category.map(|c| c.to_string()),
                level: j.level.to_string(),
                assessed_on: j.assessed_on.map(|d| d.to_string()),
                expires_on: j.expires_on.map(|d| d.to_string()),
                why,
            };
            println!("{}", super::output::json(&out)?);
        }
        TextOrJson::Text => println!("{}", crate::i18n::fill(S::SuitLine.get(l), &[&verdict(j.verdict).get(l), &why])),
    }
    Ok(())
}

fn list(ctx: &Context, format: TextOrJson) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let l = ctx.lang;
    let products = catalogue(&*store)?.products;
    match format {
        TextOrJson::Json => {
            let out: Vec<ProductOut> = products
                .iter()
                .map(|p| ProductOut { code: p.code.clone(), name: p.name(l).to_string(), level: p.level.to_string() })
                .collect();
            println!("{}", super::output::json(&out)?);
        }
        TextOrJson::Text if products.is_empty() => println!("{}", S::NoProducts.get(l)),
        TextOrJson::Text => {
            let rows: Vec<Vec<String>> =
                products.iter().map(|p| vec![p.code.clone(), p.level.to_string(), p.name(l).to_string()]).collect();
            let head = [S::ColCode.get(l), S::ColLevel.get(l), S::ColName.get(l)];
            print!("{}", super::output::text_table(&head, &rows));
        }
    }
    Ok(())
}
