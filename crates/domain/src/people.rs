//! The people of a book: who they are, their role, and whose customers each may see. A
//! solo (SQLite) book knows its holder and the colleagues added for a hand-over; a team book
//! (PostgreSQL) knows its logins. The rule of who sees whom is the same on both, written
//! once here; the team book's row-level security enforces the same rule in the database.

use serde::Serialize;

/// A person's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// An account manager: owns customers.
    Manager,
    /// Leads a team of managers, and sees their customers.
    Lead,
    /// Sees every customer.
    Admin,
}

impl Role {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "manager" => Some(Role::Manager),
            "lead" => Some(Role::Lead),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }
}

/// A person of the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub login: String,
    pub name: String,
    pub role: Role,
    /// The lead whose team a manager is on.
    pub lead: Option<String>,
}

/// Whether `viewer` may see the customers owned by `owner` (a login): everyone sees their
/// own; an admin sees all; a lead sees those of the managers on their team (`people` says
/// who is on whose team). An owner who is no person is seen by admins only.
pub fn may_see(viewer: &Person, owner: &str, people: &[Person]) -> bool {
    if viewer.login == owner || viewer.role == Role::Admin {
        return true;
    }
    viewer.role == Role::Lead
        && people.iter().any(|p| p.login == owner && p.lead.as_deref() == Some(viewer.login.as_str()))
}

/// The logins whose customers `viewer` may see: None for everyone (an admin), else the
/// viewer and, for a lead, their team.
pub fn visible_owners(viewer: &Person, people: &[Person]) -> Option<Vec<String>> {
    if viewer.role == Role::Admin {
        return None;
    }
    let mut logins = vec![viewer.login.clone()];
    logins.extend(
        people.iter().filter(|p| p.login != viewer.login && may_see(viewer, &p.login, people)).map(|p| p.login.clone()),
    );
    Some(logins)
}

/// Why a person cannot be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonProblem {
    BlankLogin,
    BlankName,
    /// The login is already a person's.
    Taken(String),
    /// `--lead` names nobody of the book.
    NoSuchLead(String),
    /// `--lead` names a person who is not a lead.
    NotALead(String),
    /// A login asked for (`--owner`) is nobody of the book.
    NoSuchPerson(String),
}

/// Whether a person `login` called `name` may join `people`, on the team of `lead`.
pub fn check_new_person(login: &str, name: &str, lead: Option<&str>, people: &[Person]) -> Result<(), PersonProblem> {
    if login.trim().is_empty() {
        return Err(PersonProblem::BlankLogin);
    }
    if name.trim().is_empty() {
        return Err(PersonProblem::BlankName);
    }
    if people.iter().any(|p| p.login == login) {
        return Err(PersonProblem::Taken(login.to_string()));
    }
    if let Some(lead) = lead {
        match people.iter().find(|p| p.login == lead) {
            None => return Err(PersonProblem::NoSuchLead(lead.to_string())),
            Some(p) if p.role != Role::Lead => return Err(PersonProblem::NotALead(lead.to_string())),
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(login: &str, role: Role, lead: Option<&str>) -> Person {
        Person { login: login.into(), name: login.to_uppercase(), role, lead: lead.map(str::to_string) }
    }

    fn team() -> Vec<Person> {
        vec![
            p("zhou", Role::Lead, None),
            p("lin", Role::Manager, Some("zhou")),
            p("wang", Role::Manager, Some("zhou")),
            p("chen", Role::Manager, None),
            p("li", Role::Lead, None),
            p("root", Role::Admin, None),
        ]
    }

    #[test]
    fn who_sees_whose_customers() {
        let people = team();
        let by = |login: &str| people.iter().find(|p| p.login == login).unwrap().clone();
        let cases = [
            ("lin", "lin", true),
            ("lin", "wang", false),
            ("lin", "zhou", false),
            ("zhou", "lin", true),
            ("zhou", "wang", true),
            ("zhou", "chen", false),
            ("zhou", "zhou", true),
            ("li", "lin", false),
            ("root", "chen", true),
            ("root", "nobody", true),
            ("zhou", "nobody", false),
        ];
        for (viewer, owner, sees) in cases {
            assert_eq!(may_see(&by(viewer), owner, &people), sees, "{viewer} sees {owner}");
        }
    }

    #[test]
    fn the_owners_a_person_sees() {
        let people = team();
        let by = |login: &str| people.iter().find(|p| p.login == login).unwrap().clone();
        assert_eq!(visible_owners(&by("lin"), &people), Some(vec!["lin".to_string()]));
        assert_eq!(visible_owners(&by("zhou"), &people), Some(vec!["zhou".into(), "lin".into(), "wang".into()]));
        assert_eq!(visible_owners(&by("root"), &people), None);
    }

    #[test]
    fn who_may_join() {
        let people = team();
        let check = |login, name, lead| check_new_person(login, name, lead, &people);
        assert_eq!(check("zhao", "赵敏", Some("zhou")), Ok(()));
        assert_eq!(check("zhao", "赵敏", None), Ok(()));
        assert_eq!(check(" ", "赵敏", None), Err(PersonProblem::BlankLogin));
        assert_eq!(check("zhao", "", None), Err(PersonProblem::BlankName));
        assert_eq!(check("lin", "Lin", None), Err(PersonProblem::Taken("lin".into())));
        assert_eq!(check("zhao", "赵敏", Some("ghost")), Err(PersonProblem::NoSuchLead("ghost".into())));
        assert_eq!(check("zhao", "赵敏", Some("lin")), Err(PersonProblem::NotALead("lin".into())));
    }

    #[test]
    fn roles_read_and_write_the_same_words() {
        for r in [Role::Manager, Role::Lead, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("boss"), None);
    }
}
