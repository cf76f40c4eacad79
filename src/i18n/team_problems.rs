//! A team book's (PostgreSQL's) failures in words.

use super::cli_texts::C;
use super::{Lang, fill};
use crate::store::postgres::TeamError;

/// A team book's failure as one line in `l`.
pub fn team_error(e: &TeamError, l: Lang) -> String {
    team_error_with(e, l).1
}

/// Whether the failure is the user's input (a bad URL or login), not the server's answer.
pub fn is_bad_input(e: &TeamError) -> bool {
    team_error_with(e, Lang::En).0
}

fn team_error_with(e: &TeamError, l: Lang) -> (bool, String) {
    let t = |c: C, args: &[&dyn std::fmt::Display]| fill(c.get(l), args);
    match e {
        TeamError::BadUrl(u) => (true, t(C::PgBadUrl, &[u])),
        TeamError::Unreachable { at, why } => (false, t(C::PgUnreachable, &[at, why])),
        TeamError::AuthFailed { login } => (false, t(C::PgAuthFailed, &[login])),
        TeamError::NoDatabase { db, at } => (false, t(C::PgNoDatabase, &[db, at, db])),
        TeamError::NotAPerson { login } => (false, t(C::PgNotAPerson, &[login])),
        TeamError::PermissionDenied(m) => (false, t(C::PgPermissionDenied, &[m])),
        TeamError::NewerSchema { found, known } => (false, t(C::PgNewerSchema, &[found, known])),
        TeamError::NotInitialised { found } => (false, t(C::PgNotInitialised, &[found])),
        TeamError::BadLogin(login) => (true, t(C::PgBadLogin, &[login])),
        TeamError::EmptyName => (true, t(C::PgEmptyName, &[])),
        TeamError::AlreadyPerson(login) => (true, t(C::PgAlreadyPerson, &[login])),
        TeamError::ReservedLogin(login) => (true, t(C::PgReservedLogin, &[login])),
        TeamError::NotYoursToAdd(login) => (true, t(C::PgNotYoursToAdd, &[login])),
        TeamError::SchemeAlreadySet(id) => (true, fill(super::problems::P::SchemeAlreadySet.get(l), &[id])),
        TeamError::NotALead(login) => (true, t(C::PgNotALead, &[login])),
        TeamError::LeadForNonManager => (true, t(C::PgLeadForNonManager, &[])),
        TeamError::TlsUnavailable => (false, t(C::PgTls, &[])),
        TeamError::Lost => (false, t(C::PgLost, &[])),
        TeamError::Db(m) => (false, t(C::PgOther, &[m])),
        TeamError::SignOffAsAnother { approver, login } => (true, t(C::PgSignOffAsAnother, &[approver, login])),
        TeamError::SignOffNeedsLead { login } => (false, t(C::PgSignOffNeedsLead, &[login])),
        TeamError::HandOverRefused { to } => (false, t(C::PgHandOverRefused, &[to])),
        TeamError::AlreadyBroughtIn { name } => (false, t(C::PgAlreadyBroughtIn, &[name])),
        TeamError::RefTaken { name, reference } => (false, t(C::PgRefTaken, &[reference, name])),
        TeamError::TierNotInScheme { tier, name } => (false, t(C::PgTierNotInScheme, &[name, tier])),
        TeamError::ImportClash { constraint } => (false, t(C::PgImportClash, &[constraint])),
        TeamError::ImportForUnseen { owner } => (false, t(C::PgImportForUnseen, &[owner])),
        TeamError::ImportRow { table, at, why } => (false, t(C::PgImportRow, &[table, at, why])),
    }
}
