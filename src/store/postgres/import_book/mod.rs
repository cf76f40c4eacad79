//! `team import-book FILE --owner LOGIN`: a solo book brought into the team book whole, its
//! history included, for one person, in one transaction (all of it or nothing).
//!
//! How, in order, on the importer's own connection (row-level security applies to every
//! row, as to any write of theirs; whoever may write customers for LOGIN may bring a book
//! in for them: LOGIN themselves, their lead, an admin):
//! 1. LOGIN must be a person, and a probe customer for LOGIN (rolled back at once) lets the
//!    database say whether the importer may write for them, before any copying;
//! 2. the solo book's tables are streamed into temporary tables (`stage`);
//! 3. refusals that name a customer: one brought in before (same uuid), one whose ref is
//!    another customer's, one in a tier the team book's scheme lacks;
//! 4. new ids are drawn for every row (`remap`), then the import's own change is made;
//! 5. the rows are written with their new ids, parents first; the history last.
//!
//! The history: the solo book's changes and log rows come in as they are (remapped), so
//! `history` on an imported customer shows its past, with the original dates and, in each
//! change's session, its original author (people may only write changes as themselves, so
//! the importer is `made_by`: they vouch for what they brought in). The rows the import
//! writes are also logged by the team book's triggers (a person cannot switch them off),
//! all under the one change of session `import-book FILE`, made by the importer: an admin
//! sees when and by whom the book came in. That change and the old ones belong to no
//! person's session, so `undo` never takes them; undo of later edits works as for any row.

mod checks;
mod remap;
mod stage;

use chrono::NaiveDateTime;
use postgres::Client;
use postgres::error::SqlState;
use serde::Serialize;

use super::TeamError;
use crate::store::solo_copy::SoloCopy;
use crate::store::{Result, StoreError};

/// What came in: rows per table.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Brought {
    pub owner: String,
    pub customers: u64,
    pub contacts: u64,
    pub follow_ups: u64,
    pub follow_up_reschedules: u64,
    pub snoozes: u64,
    pub assessments: u64,
    pub assessment_drafts: u64,
    pub indicator_values: u64,
    pub tier_changes: u64,
    /// The solo book's changes (its history), each with its log rows.
    pub changes: u64,
    pub audit_log: u64,
    /// Products of the solo book whose code the team book lacked, added to its catalogue.
    pub products: u64,
    /// Such products left out: only leads and admins add to the team book's catalogue.
    pub products_left_out: u64,
}

/// Bring the solo book `solo` in for `owner`, as the connected login; `label` names the
/// import's change (`import-book FILE`), `now` is when it happened.
pub fn import_book(
    client: &mut Client,
    solo: &SoloCopy,
    owner: &str,
    label: &str,
    now: NaiveDateTime,
) -> Result<Brought> {
    let mut tx = client.transaction()?;
    if tx.query_opt("SELECT 1 FROM people WHERE login = $1", &[&owner])?.is_none() {
        return Err(TeamError::NotAPerson { login: owner.to_string() }.into());
    }
    tx.execute(
        "SELECT set_config('tierdesk.import_owner', $1, true), set_config('tierdesk.import_label', $2, true)",
        &[&owner, &label],
    )?;
    checks::may_write_for(&mut tx, owner, now)?;
    let staged = stage::stage(&mut tx, solo)?;
    checks::refusals(&mut tx)?;
    remap::make_maps(&mut tx, &stage::TABLES)?;
    tx.query_one(
        "WITH c AS (INSERT INTO changes (session, made_at) VALUES ($1, $2) RETURNING id)
         SELECT set_config('tierdesk.change', c.id::text, true) FROM c",
        &[&label, &now],
    )?;
    let mut brought = Brought { owner: owner.to_string(), ..Brought::default() };
    (brought.products, brought.products_left_out) = merge_products(&mut tx)?;
    for (table, columns) in staged.iter().filter(|(t, _)| *t != "products") {
        let n = remap::insert(&mut tx, table, columns).map_err(|e| refused(e, owner))?;
        match *table {
            "customers" => brought.customers = n,
            "contacts" => brought.contacts = n,
            "follow_ups" => brought.follow_ups = n,
            "follow_up_reschedules" => brought.follow_up_reschedules = n,
            "snoozes" => brought.snoozes = n,
            "assessments" => brought.assessments = n,
            "assessment_drafts" => brought.assessment_drafts = n,
            "indicator_values" => brought.indicator_values = n,
            "tier_changes" => brought.tier_changes = n,
            "changes" => brought.changes = n,
            "audit_log" => brought.audit_log = n,
            _ => {}
        }
    }
    tx.commit()?;
    Ok(brought)
}

/// The solo book's products whose code the team book lacks, added to the shared catalogue
/// when the importer may write it (a lead, an admin), else counted as left out; a code both
/// books have keeps the team book's product. (added, left out)
fn merge_products(tx: &mut postgres::Transaction) -> Result<(u64, u64)> {
    let new: i64 = tx
        .query_one(
            "SELECT count(*) FROM s_products s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.code = s.code)",
            &[],
        )?
        .get(0);
    if new == 0 {
        return Ok((0, 0));
    }
    let may: bool = tx.query_one("SELECT has_table_privilege('products', 'INSERT')", &[])?.get(0);
    if !may {
        return Ok((0, new as u64));
    }
    let added = tx.execute(
        "INSERT INTO products (code, name, risk_level, created_at, updated_at)
         SELECT code, name, risk_level, created_at, updated_at FROM s_products ORDER BY id
         ON CONFLICT (code) DO NOTHING",
        &[],
    )?;
    Ok((added, 0))
}

/// The database's refusal of a write, worded for an import: a row it already holds among
/// rows the importer may not see (the server names no value then: row-level security), or
/// a row for an owner the importer may not write for.
fn refused(e: postgres::Error, owner: &str) -> StoreError {
    match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION => {
            let constraint = e.as_db_error().and_then(|d| d.constraint()).unwrap_or_default().to_string();
            TeamError::ImportClash { constraint }.into()
        }
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => {
            TeamError::ImportForUnseen { owner: owner.to_string() }.into()
        }
        _ => e.into(),
    }
}
