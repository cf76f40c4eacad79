//! The application layer: the use cases a person has, shared by the two faces. The command
//! line (`cli`) and the terminal UI (`ui`) only turn input into calls to these and their
//! typed results into text or screens; neither face imports the other.
//!
//! - `context`: the settings, the clock, who is working and where the book is; opening it.
//! - `agenda`: the due list (the Today screen and `tierdesk due`).
//! - `review`: the tier review (the Review screen and `tierdesk review`).
//! - `import`: reading, checking and writing a CSV file, with progress and a typed summary.
//! - `customers`: naming a customer by id, ref or name; `contacts`: logging a contact;
//!   `tiers`: a tier change and its sign-off.
//! - `search`: finding customers by a few letters of anything about them.
//! - `plan`: the morning plan (Today's plan mode and `tierdesk plan`).
//! - `suitability`: which products suit a customer, and the rule for recording a
//!   recommendation.
//! - `terms`: a customer's terms by tier and the payment terms in force; a late payment.
//! - `pool`: the team pool's rules on owned customers (days left, escalated).
//! - `scope`: whose customers the lists show (mine, a colleague's, everyone's).
//! - `temperaments`: the customer temperaments (the config folder's file, else the shipped).
//! - `demo_book`: the generated demo book (`--demo`).

pub mod agenda;
pub mod brief;
pub mod contacts;
pub mod context;
pub mod customers;
pub mod demo_book;
mod demo_brief;
mod error;
pub mod import;
pub mod plan;
pub mod pool;
pub mod review;
pub mod scope;
pub mod search;
pub mod suitability;
pub mod temperaments;
pub mod terms;
pub mod tiers;

pub use temperaments::temperaments;

pub use context::Context;
pub use error::AppError;
