//! An import's refusals, before its rows are written: whether the importer may write for
//! the owner (asked of the database itself), and the customers that cannot come in.

use chrono::NaiveDateTime;
use postgres::Transaction;
use postgres::error::SqlState;

use crate::domain::tier::TierScheme;
use crate::store::postgres::TeamError;
use crate::store::{Result, StoreError};

/// A probe customer for `owner`, rolled back at once: the database's row-level security
/// refuses it when the importer may not write customers for `owner` (a manager for another,
/// a lead outside their team), and says so before the book is copied.
pub fn may_write_for(tx: &mut Transaction, owner: &str, now: NaiveDateTime) -> Result<()> {
    let mut probe = tx.transaction()?;
    let tried = probe.execute(
        "INSERT INTO customers (uuid, name, name_key, owner, created_on, tier, next_due_on, updated_at)
         VALUES ($1, 'import-book probe', 'import-book probe', $2, $3, '-', $3, $4)",
        &[&uuid::Uuid::now_v7().to_string(), &owner, &now.date(), &now],
    );
    probe.rollback()?;
    match tried {
        Ok(_) => Ok(()),
        Err(e) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
            Err(TeamError::ImportForUnseen { owner: owner.to_string() }.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The first customer (in the solo book's order) that cannot come in: one the team book
/// has already (same uuid: the book, or part of it, was brought in before), one whose ref
/// another customer has, one in a tier the team book's scheme does not have. Among the
/// customers the importer may see; one they may not see is refused by the database when
/// written (`ImportClash`).
pub fn refusals(tx: &mut Transaction) -> Result<()> {
    if let Some(r) =
        tx.query_opt("SELECT s.name FROM s_customers s JOIN customers c ON c.uuid = s.uuid ORDER BY s.id LIMIT 1", &[])?
    {
        return Err(TeamError::AlreadyBroughtIn { name: r.get(0) }.into());
    }
    if let Some(r) = tx.query_opt(
        "SELECT s.name, s.ext_ref FROM s_customers s JOIN customers c ON c.ext_ref = s.ext_ref ORDER BY s.id LIMIT 1",
        &[],
    )? {
        return Err(TeamError::RefTaken { name: r.get(0), reference: r.get(1) }.into());
    }
    let Some(scheme) = team_scheme(tx)? else { return Ok(()) };
    let tiers = tx.query("SELECT DISTINCT ON (tier) tier, name FROM s_customers ORDER BY tier, id", &[])?;
    for r in tiers {
        let tier: String = r.get(0);
        if scheme.tier(&tier).is_none() {
            return Err(TeamError::TierNotInScheme { tier, name: r.get(1) }.into());
        }
    }
    Ok(())
}

/// The tier scheme the team book keeps (`team init` records one).
fn team_scheme(tx: &mut Transaction) -> Result<Option<TierScheme>> {
    let row = tx.query_opt(
        "SELECT f.value, s.value FROM book_meta f, book_meta s WHERE f.key = 'scheme_file' AND s.key = 'scheme_source'",
        &[],
    )?;
    let Some(row) = row else { return Ok(None) };
    let (file, text): (String, String) = (row.get(0), row.get(1));
    TierScheme::parse(&file, &text).map(Some).map_err(StoreError::from)
}
