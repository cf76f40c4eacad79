//! The people of a book, and whose customers a list shows.

use super::super::Result;
use crate::domain::customer::CustomerId;
use crate::domain::people::{Person, Role};

/// Whose customers a query reads: everyone's, or those owned by these logins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Owners {
    #[default]
    All,
    Only(Vec<String>),
}

impl Owners {
    /// One person's customers.
    pub fn one(login: &str) -> Self {
        Owners::Only(vec![login.to_string()])
    }

    /// The logins as a JSON array (for SQL's `json_each`), None for everyone.
    pub fn json(&self) -> Option<String> {
        match self {
            Owners::All => None,
            Owners::Only(logins) => Some(serde_json::to_string(logins).unwrap_or_else(|_| "[]".into())),
        }
    }

    pub fn includes(&self, login: &str) -> bool {
        match self {
            Owners::All => true,
            Owners::Only(logins) => logins.iter().any(|l| l == login),
        }
    }
}

/// The people of the book: who is signed in, and the colleagues customers are handed to.
/// Every customer's owner is a person (an owner written that is no person yet becomes a
/// manager of that login and name).
pub trait People {
    /// Every person of the book, by login.
    fn people(&self) -> Result<Vec<Person>>;

    /// The signed-in person. A solo book adds them on opening if missing (as its lead when it
    /// has none yet, else as a manager); a team book's is the connected login.
    fn me(&self) -> Result<Person>;

    /// Whether `login` owns at least one customer (that this connection may see): asked on
    /// opening, to choose whose list to show first, so it must not count a large book.
    fn owns_customers(&self, login: &str) -> Result<bool>;

    /// Add a person (refused as `StoreError::Person` when blank, taken, or on the team of
    /// someone who is no lead). Returns them as recorded.
    fn add_person(&mut self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Result<Person>;

    /// Hand customers over from `from` to `to`: all of `from`'s that this connection may see,
    /// or only those listed in `only` (each must be `from`'s, else `NoSuchCustomer` and
    /// nothing moves). Their contacts, follow-ups, drafts and history go with them (they hang
    /// on the customer). One transaction, one change in the audit log (undo takes it back).
    /// Refused as `StoreError::Person(NoSuchPerson)` when either login is nobody of the book;
    /// on a team book the database refuses a new owner the person may not see. Returns how
    /// many customers moved (0 when `from` has none this connection may see).
    fn hand_over(&mut self, from: &str, to: &str, only: Option<&[CustomerId]>) -> Result<usize>;
}
