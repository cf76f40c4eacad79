//! The people of a team book: its logins. The signed-in person is the connected login
//! (`session_user`), never a typed name; adding a person makes a PostgreSQL login, which
//! only a login allowed to create roles may do (the book's owner, through `team add-person`).

use super::PgStore;
use crate::domain::people::{Person, Role};
use crate::store::Result;
use crate::store::postgres::TeamError;
use crate::store::postgres::team::{TeamBook, person};
use crate::store::prelude::*;

impl People for PgStore {
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

    fn add_person(&mut self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Result<Person> {
        // The team commands' own path, on a connection of its own as the same login: the
        // database refuses a login that may not create roles, in one line.
        let mut team = TeamBook::open(&self.url)?;
        Ok(team.add_person(login, name, role, lead)?)
    }
}
