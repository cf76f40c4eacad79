//! The people of a team book: its logins. The signed-in person is the connected login
//! (`session_user`), never a typed name; adding a person makes a PostgreSQL login, which
//! only a login allowed to create roles may do (the book's owner, through `team add-person`).

use postgres::types::Type;

use super::PgStore;
use crate::domain::customer::CustomerId;
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
            .query_typed_one("SELECT EXISTS (SELECT 1 FROM customers WHERE owner = $1)", &[(&login, Type::TEXT)])?;
        Ok(row.get(0))
    }

    fn people(&self) -> Result<Vec<Person>> {
        let rows =
            self.client.borrow_mut().query_typed("SELECT login, name, role, lead FROM people ORDER BY login", &[])?;
        Ok(rows.iter().map(person).collect::<std::result::Result<_, TeamError>>()?)
    }

    fn me(&self) -> Result<Person> {
        let rows = self
            .client
            .borrow_mut()
            .query_typed("SELECT login, name, role, lead FROM people WHERE login = session_user", &[])?;
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

    /// The customers' owner changes; their rows' `customer_owner` follow by the cascading
    /// foreign keys. Row-level security decides: only customers the person sees move, and
    /// only to someone they see (a lead within their team, an admin anywhere; a manager
    /// cannot give a customer away, as they would lose sight of it mid-change).
    fn hand_over(&mut self, from: &str, to: &str, only: Option<&[CustomerId]>) -> Result<usize> {
        let now = self.clock.now();
        let mut tx = self.tx()?;
        for login in [from, to] {
            if tx.query_opt("SELECT 1 FROM people WHERE login = $1", &[&login])?.is_none() {
                return Err(StoreError::Person(PersonProblem::NoSuchPerson(login.to_string())));
            }
        }
        let refused = |e: postgres::Error| match StoreError::from(e) {
            StoreError::Team(TeamError::PermissionDenied(_)) => {
                StoreError::Team(TeamError::HandOverRefused { to: to.to_string() })
            }
            other => other,
        };
        let moved = match only {
            None => tx
                .execute(
                    "UPDATE customers SET owner = $2, updated_at = $3 WHERE owner = $1 AND owner <> $2",
                    &[&from, &to, &now],
                )
                .map_err(refused)? as usize,
            Some(ids) => {
                let ids: Vec<i64> =
                    ids.iter().map(|id| id.0).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                let theirs = tx.query(
                    "SELECT id FROM customers WHERE id = ANY ($1) AND owner = $2 FOR NO KEY UPDATE",
                    &[&ids, &from],
                )?;
                let theirs: Vec<i64> = theirs.iter().map(|r| r.get(0)).collect();
                if let Some(missing) = ids.iter().find(|id| !theirs.contains(id)) {
                    return Err(StoreError::NoSuchCustomer(*missing));
                }
                tx.execute(
                    "UPDATE customers SET owner = $2, updated_at = $3 WHERE id = ANY ($1) AND owner <> $2",
                    &[&ids, &to, &now],
                )
                .map_err(refused)? as usize
            }
        };
        // Nothing moved: no empty change for undo to find (the transaction rolls back).
        if moved > 0 {
            tx.commit()?;
        }
        Ok(moved)
    }
}

/// Before an import writes: every owner a file names must be a person of the book and one
/// whose customers the importer may add (their own, a lead's team's, an admin's anyone's).
/// Row-level security would refuse the rows anyway, but only as "violates row-level security
/// policy"; this names the owner. A book file makes an unknown owner a person instead: on a
/// team book a person is a login, which only the book's owner creates (`team add-person`).
pub(super) fn check_import_owners(tx: &mut postgres::Transaction, owners: &[&str]) -> Result<()> {
    let mut wanted: Vec<&str> = owners.iter().copied().filter(|o| !o.is_empty()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(());
    }
    let rows = tx.query(
        "SELECT o, EXISTS (SELECT 1 FROM people p WHERE p.login = o), o = ANY (coalesce(visible_owners(), '{}'))
         FROM unnest($1::text[]) AS o ORDER BY o",
        &[&wanted],
    )?;
    for row in rows {
        let (owner, person, mine): (String, bool, bool) = (row.get(0), row.get(1), row.get(2));
        if !person {
            return Err(StoreError::Person(PersonProblem::NoSuchPerson(owner)));
        }
        if !mine {
            return Err(StoreError::Team(TeamError::NotYoursToAdd(owner)));
        }
    }
    Ok(())
}
