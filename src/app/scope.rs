//! Whose customers the lists show: the signed-in person's by default ("mine"), a
//! colleague's (`--owner`), or everyone's (`--all`, the TUI's key). On a solo book anyone may
//! see everyone's (the book is theirs); on a team book the database shows each person only
//! what they may see, so "everyone" there means everyone visible to them.

use crate::domain::people::{Person, PersonProblem};
use crate::store::StoreError;
use crate::store::prelude::*;

/// Whose list it is, for a title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Whose {
    Mine,
    #[default]
    Everyone,
    /// Colleagues' lists: their names.
    Of(Vec<String>),
}

/// Whose customers the lists show now, and how their titles say it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub owners: Owners,
    pub whose: Whose,
}

impl Scope {
    /// `owners` as seen by the book's signed-in person (names read from the book; a person
    /// the book cannot list is named by login).
    pub fn of(book: &dyn Book, owners: Owners) -> Self {
        let people = if matches!(owners, Owners::Only(_)) { book.people().unwrap_or_default() } else { Vec::new() };
        let whose = whose(&owners, book.user(), &people);
        Scope { owners, whose }
    }

    /// The lists' first scope: mine (or everyone's, see `default_owners`).
    pub fn first(book: &dyn Book) -> Self {
        Self::of(book, default_owners(book).unwrap_or_default())
    }
}

/// The signed-in person's customers; but a book where they own none (a solo book from before
/// people, whose owners are spelled otherwise; a colleague's book opened to take it over)
/// shows everyone's, so that no book opens on an empty list.
pub fn default_owners(book: &dyn Book) -> Result<Owners, StoreError> {
    Ok(if book.owns_customers(book.user())? { Owners::one(book.user()) } else { Owners::All })
}

/// The owners the command line's flags ask for: `--all`, else the `--owner` logins (each a
/// person of the book), else the default.
pub fn chosen_owners(book: &dyn Book, logins: &[String], all: bool) -> Result<Owners, StoreError> {
    if all {
        return Ok(Owners::All);
    }
    if logins.is_empty() {
        return default_owners(book);
    }
    let people = book.people()?;
    if let Some(unknown) = logins.iter().find(|l| !people.iter().any(|p| &p.login == *l)) {
        return Err(StoreError::Person(PersonProblem::NoSuchPerson(unknown.clone())));
    }
    Ok(Owners::Only(logins.to_vec()))
}

/// Mine and everyone's, in turn (the TUI's key).
pub fn toggled(owners: &Owners, me: &str) -> Owners {
    match owners {
        Owners::All => Owners::one(me),
        Owners::Only(_) => Owners::All,
    }
}

/// Whose list `owners` is, as seen by `me`.
pub fn whose(owners: &Owners, me: &str, people: &[Person]) -> Whose {
    match owners {
        Owners::All => Whose::Everyone,
        Owners::Only(logins) if logins.len() == 1 && logins[0] == me => Whose::Mine,
        Owners::Only(logins) => Whose::Of(
            logins
                .iter()
                .map(|l| people.iter().find(|p| &p.login == l).map_or_else(|| l.clone(), |p| p.name.clone()))
                .collect(),
        ),
    }
}
