//! `customers.contact_before_last_on`: the day of a customer's latest contact before the day
//! of its latest one (`last_contact_on`), kept in the row beside it by every write that sets
//! `last_contact_on` (`contacts::refresh_schedule`, `schedules::refresh_schedules`, an undo).
//!
//! Why: a customer contacted today shows today's list as it stood this morning, and that is
//! worked out from its latest contact before today. On the morning of a book, nobody has been
//! contacted yet; later in the day, on a big book, many have (26,000 on the generated day of
//! the 1,000,000-customer bench book). Reading each one's contacts to find the one before
//! today took two index seeks per customer into ten million contacts, most of the Today
//! screen's first frame (212 ms). With the day in the row, and the row's fields the first
//! frame needs in one index (`customers_contacted_on`), those customers are counted from the
//! index alone (`due_head`).

/// Whether a column is this bookkeeping of the solo book, which no other book holds (the
/// team book, a moved document): left out when a book is copied or moved, and worked out
/// again where it is needed.
pub fn solo_only(table: &str, column: &str) -> bool {
    table == "customers" && column == "contact_before_last_on"
}

/// The schema step: the column, filled for the customers already there, and the index. The
/// index takes the place of `customers_by_last (last_contact_on)`: led by the latest contact
/// and the id, it keeps that index's order (the customer list sorted by last contact pages
/// through it), so that an import still rebuilds nine indexes, not ten (a tenth made the
/// import of 100,000 customers a tenth slower).
pub(super) const STEP: &str = "
ALTER TABLE customers ADD COLUMN contact_before_last_on TEXT;
UPDATE customers SET contact_before_last_on =
    (SELECT max(happened_on) FROM contacts WHERE customer_id = customers.id AND happened_on < customers.last_contact_on)
    WHERE last_contact_on IS NOT NULL;
DROP INDEX customers_by_last;
CREATE INDEX customers_contacted_on
    ON customers (last_contact_on, id, owner, tier, next_due_on, created_on, contact_before_last_on);
";

/// The day for one customer whose `last_contact_on` is `?2` (NULL: none).
pub(super) const OF_ONE: &str =
    "(SELECT max(happened_on) FROM main.contacts WHERE customer_id = ?1 AND happened_on < ?2)";

/// The day of customer `c` from its contacts.
const OF_C: &str = "(SELECT max(x.happened_on) FROM main.contacts AS x
    WHERE x.customer_id = c.id AND x.happened_on < c.last_contact_on)";

/// Set the day of every customer whose day is not in step with its contacts: after `import
/// all` (a document does not carry it: it is this book's bookkeeping, see `solo_only`).
pub(super) fn set_all(tx: &rusqlite::Transaction) -> super::Result<()> {
    set_where(tx, "TRUE", [])
}

/// Set the day again for customers whose row an undo put back: the log of a change made
/// before this column existed cannot put it back (nothing is written where it is right).
pub(super) fn set_again(tx: &rusqlite::Transaction, ids: &[i64]) -> super::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    set_where(tx, "c.id IN (SELECT value FROM json_each(?1))", [list])
}

/// Set the day of the customers `filter` keeps (SQL over `c`, given `params`) where it is
/// wrong.
fn set_where(tx: &rusqlite::Transaction, filter: &str, params: impl rusqlite::Params) -> super::Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE main.customers SET contact_before_last_on = d.before
         FROM (SELECT c.id, {OF_C} AS before FROM main.customers AS c WHERE {filter}) AS d
         WHERE main.customers.id = d.id AND main.customers.contact_before_last_on IS NOT d.before"
    ))?
    .execute(params)?;
    Ok(())
}
