//! The people of a solo book: the signed-in person (added on opening), the colleagues added
//! for a hand-over, and every customer owner (made a person by the book's triggers).

use rusqlite::{Connection, OptionalExtension, params};

/// The people of a book and the triggers that make every owner one (a migration step).
pub(super) const PEOPLE_TABLE: &str = r#"
CREATE TABLE people (
    login      TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'lead', 'admin')),
    lead       TEXT REFERENCES people (login),
    created_at TEXT NOT NULL
) STRICT;
INSERT INTO people (login, name, role, created_at)
SELECT DISTINCT owner, owner, 'manager', strftime('%Y-%m-%d %H:%M:%S', 'now') FROM customers
WHERE trim(owner) <> '';
CREATE TRIGGER customers_added_owner_is_a_person AFTER INSERT ON customers WHEN trim(NEW.owner) <> ''
BEGIN
    INSERT OR IGNORE INTO people (login, name, role, created_at)
    VALUES (NEW.owner, NEW.owner, 'manager', strftime('%Y-%m-%d %H:%M:%S', 'now'));
END;
CREATE TRIGGER customers_new_owner_is_a_person AFTER UPDATE OF owner ON customers WHEN trim(NEW.owner) <> ''
BEGIN
    INSERT OR IGNORE INTO people (login, name, role, created_at)
    VALUES (NEW.owner, NEW.owner, 'manager', strftime('%Y-%m-%d %H:%M:%S', 'now'));
END;
"#;

use super::convert::datetime_text;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::people::{Person, PersonProblem, Role, check_new_person};

const COLUMNS: &str = "SELECT login, name, role, lead FROM people";

fn person(r: &rusqlite::Row) -> rusqlite::Result<Person> {
    let role: String = r.get(2)?;
    Ok(Person {
        login: r.get(0)?,
        name: r.get(1)?,
        // The table's CHECK keeps the role one of the three.
        role: Role::parse(&role).unwrap_or(Role::Manager),
        lead: r.get(3)?,
    })
}

/// Add the signed-in person `login` if missing: as the book's lead when it has none yet (a
/// solo book is its holder's, who may see every customer in it), else as a manager (a
/// colleague opening the book, say to take customers over). Nothing is written when they are
/// a person already, so opening a book takes no write lock.
pub(super) fn ensure(conn: &Connection, login: &str, now: &str) -> Result<()> {
    let known = conn.prepare_cached("SELECT 1 FROM people WHERE login = ?1")?.exists([login])?;
    if !known {
        conn.execute(
            "INSERT OR IGNORE INTO people (login, name, role, created_at)
             VALUES (?1, ?1, CASE WHEN EXISTS (SELECT 1 FROM people WHERE role = 'lead') THEN 'manager' ELSE 'lead' END, ?2)",
            params![login, now],
        )?;
    }
    Ok(())
}

impl People for Store {
    fn owns_customers(&self, login: &str) -> Result<bool> {
        // Through the owner index (migration 9): one probe, whatever the book's size.
        let found: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE owner = ?1)")?
            .query_row([login], |r| r.get(0))?;
        Ok(found)
    }

    fn people(&self) -> Result<Vec<Person>> {
        let mut st = self.conn.prepare_cached(&format!("{COLUMNS} ORDER BY login"))?;
        Ok(st.query_map([], person)?.collect::<rusqlite::Result<_>>()?)
    }

    fn me(&self) -> Result<Person> {
        let mut st = self.conn.prepare_cached(&format!("{COLUMNS} WHERE login = ?1"))?;
        let found = st.query_row([&self.user], person).optional()?;
        // Added on opening; a person removed since by another program is still signed in.
        Ok(found.unwrap_or_else(|| Person {
            login: self.user.clone(),
            name: self.user.clone(),
            role: Role::Manager,
            lead: None,
        }))
    }

    fn add_person(&mut self, login: &str, name: &str, role: Role, lead: Option<&str>) -> Result<Person> {
        let (login, name) = (login.trim(), name.trim());
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        let people: Vec<Person> = tx.prepare(COLUMNS)?.query_map([], person)?.collect::<rusqlite::Result<_>>()?;
        check_new_person(login, name, lead, &people).map_err(StoreError::Person)?;
        tx.execute(
            "INSERT INTO people (login, name, role, lead, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![login, name, role.as_str(), lead, now],
        )?;
        tx.commit()?;
        Ok(Person { login: login.to_string(), name: name.to_string(), role, lead: lead.map(str::to_string) })
    }

    fn hand_over(&mut self, from: &str, to: &str, only: Option<&[CustomerId]>) -> Result<usize> {
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        for login in [from, to] {
            if !tx.prepare_cached("SELECT 1 FROM people WHERE login = ?1")?.exists([login])? {
                return Err(StoreError::Person(PersonProblem::NoSuchPerson(login.to_string())));
            }
        }
        let moved = match only {
            None => tx.execute(
                "UPDATE customers SET owner = ?2, updated_at = ?3 WHERE owner = ?1 AND owner <> ?2",
                params![from, to, now],
            )?,
            Some(ids) => {
                let mut n = 0;
                for id in ids.iter().collect::<std::collections::BTreeSet<_>>() {
                    let owner: Option<String> =
                        tx.query_row("SELECT owner FROM customers WHERE id = ?1", [id.0], |r| r.get(0)).optional()?;
                    if owner.as_deref() != Some(from) {
                        return Err(StoreError::NoSuchCustomer(id.0));
                    }
                    if from != to {
                        n += tx.execute(
                            "UPDATE customers SET owner = ?2, updated_at = ?3 WHERE id = ?1",
                            params![id.0, to, now],
                        )?;
                    }
                }
                n
            }
        };
        // Nothing moved: no empty change for undo to find (the transaction rolls back).
        if moved > 0 {
            tx.commit()?;
        }
        Ok(moved)
    }
}

/// The migration that makes the new-owner triggers stamp a person in UTC with its `Z` (the
/// book's moments are RFC 3339 with an offset; see its `why` in `migrations`).
pub(super) const UTC_STAMPS: &str = r#"
DROP TRIGGER customers_added_owner_is_a_person;
DROP TRIGGER customers_new_owner_is_a_person;
CREATE TRIGGER customers_added_owner_is_a_person AFTER INSERT ON customers WHEN trim(NEW.owner) <> ''
BEGIN
    INSERT OR IGNORE INTO people (login, name, role, created_at)
    VALUES (NEW.owner, NEW.owner, 'manager', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER customers_new_owner_is_a_person AFTER UPDATE OF owner ON customers WHEN trim(NEW.owner) <> ''
BEGIN
    INSERT OR IGNORE INTO people (login, name, role, created_at)
    VALUES (NEW.owner, NEW.owner, 'manager', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
"#;
