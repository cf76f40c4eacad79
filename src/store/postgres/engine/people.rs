//! The people of a team book: its logins. The signed-in person is the connected login
//! (`session_user`), never a typed name; adding a person makes a PostgreSQL login, which
//! only a login allowed to create roles may do (the book's owner, through `team add-person`).

use super::PgStore;
use crate::domain::people::{Person, PersonProblem, Role, check_new_person};
use crate::store::postgres::TeamError;
use crate::store::postgres::team::{TeamBook, person};
use crate::store::prelude::*;
use crate::store::{Result, StoreError};

impl People for PgStore {
    fn owns_customers(&self, login: &str) -> Result<bool> {
        // Through customers_by_owner_due; row-level security still applies.
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT EXISTS (SELECT 1 FROM customers WHERE owner = $1)", &[&login])?;
        Ok(row.get(0))
    }

    fn people(&self) -> Result<Vec<Person>> {
        let rows = self.client.borrow_mut().query("SELECT login, name, role, lead FROM people ORDER BY login", &[])?;
        Ok(rows.iter().map(person).collect::<std::result::Result<_, TeamError>>()?)
    }

    fn me(&self) -> Result<Person> {
        let rows = self
            .client
            .borrow_mut()
            .query("SELECT login, name, role, lead FROM people WHERE login = session_user", &[])?;
        match rows.first() {
            Some(row) => Ok(person(row)?),
            None => Err(TeamError::NotAPerson { login: self.target.login.clone() }.into()),
        }
    }

    /// The book's refusals first, worded as the solo book's (`check_new_person`: blank,
    /// taken, no lead), whoever asks: every person reads the people. Then the team
    /// commands' own path, on a connection of its own as the same login: the database
    /// refuses a login that may not create roles, in one line.
    fn add_person(&mut self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Result<Person> {
        let (login, name) = (login.trim(), name.trim());
        check_new_person(login, name, lead, &self.people()?).map_err(StoreError::Person)?;
        let mut team = TeamBook::open(&self.url)?;
        // Someone added the same login, or changed the lead, since the check: the same words.
        team.add_person(login, name, role, lead).map_err(|e| match e {
            TeamError::AlreadyPerson(l) => StoreError::Person(PersonProblem::Taken(l)),
            TeamError::NotALead(l) => StoreError::Person(PersonProblem::NotALead(l)),
            e => e.into(),
        })
    }
}
