//! The customers' search keys kept in the book (`customer_search`: per customer the
//! haystacks and letter masks of `domain::search::SearchKeys`), so that a search reads them
//! instead of working out the pinyin of every customer again.
//!
//! Who keeps them: every writer of a customer's searched fields here (`put`, one statement
//! per customer; `fill_missing` after a bulk write that did not, `fill_missing_of` after an
//! undo); the book's own triggers copy a customer's new owner and tier to its keys, and drop
//! its keys when anyone (a sqlite3 shell too) changes its searched fields or deletes it. A
//! customer without keys is still found: a search that sees
//! fewer keys than customers works them out for those that lack them and writes them back
//! (`candidates`). Not in the audit log, nor in `export all`: they are the book's own
//! reckoning of its customers' names, remade from them at any time.

use rusqlite::{Connection, params};

use super::prelude::*;
use super::{Result, Store};
use crate::domain::customer::{CustomerFields, CustomerId};
use crate::domain::search::{Keyed, SearchKeys, may_match};

/// The schema step: the table, filled by `fill_missing` in the step's transaction
/// (`migrations::fill_after`), and the triggers that drop keys that no longer hold and copy
/// a customer's owner and tier (whose list it is in; ties go to the better tier), so that a
/// search reads this table alone. A haystack starts with the field's text: `name_end` and
/// `company_end` say where it ends (bytes; 0 for a blank company).
pub(super) const SEARCH_KEYS_TABLE: &str = r#"
CREATE TABLE customer_search (
    customer_id  INTEGER PRIMARY KEY,
    owner        TEXT NOT NULL,
    tier         TEXT NOT NULL,
    name_mask    INTEGER NOT NULL,
    company_mask INTEGER NOT NULL,
    rest_mask    INTEGER NOT NULL,
    name_keys    TEXT NOT NULL,
    name_end     INTEGER NOT NULL,
    company_keys TEXT NOT NULL,
    company_end  INTEGER NOT NULL,
    rest_keys    TEXT NOT NULL
) STRICT;

CREATE TRIGGER customer_search_stale AFTER UPDATE OF name, company, contact_person, phone, tags ON customers
WHEN OLD.name IS NOT NEW.name OR OLD.company IS NOT NEW.company OR OLD.contact_person IS NOT NEW.contact_person
  OR OLD.phone IS NOT NEW.phone OR OLD.tags IS NOT NEW.tags
BEGIN
    DELETE FROM customer_search WHERE customer_id = NEW.id;
END;

CREATE TRIGGER customer_search_moved AFTER UPDATE OF owner, tier ON customers
WHEN OLD.owner IS NOT NEW.owner OR OLD.tier IS NOT NEW.tier
BEGIN
    UPDATE customer_search SET owner = NEW.owner, tier = NEW.tier WHERE customer_id = NEW.id;
END;

CREATE TRIGGER customer_search_gone AFTER DELETE ON customers
BEGIN
    DELETE FROM customer_search WHERE customer_id = OLD.id;
END;
"#;

const PUT: &str = "INSERT OR REPLACE INTO customer_search
    (customer_id, owner, tier, name_mask, company_mask, rest_mask, name_keys, name_end, company_keys, company_end,
     rest_keys)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/// A mask as SQLite keeps it (its 64 bits as a signed integer).
fn stored(mask: u64) -> i64 {
    mask as i64
}

/// A customer's row of keys.
struct KeysRow<'a> {
    id: i64,
    owner: &'a str,
    tier: &'a str,
    name: &'a str,
    company: &'a str,
    contact: &'a str,
    phone: &'a str,
    tags: &'a str,
}

impl KeysRow<'_> {
    /// Write it (inside the writer's transaction).
    fn put(&self, conn: &Connection) -> Result<()> {
        let k = SearchKeys::of(self.name, self.company, self.contact, self.phone, self.tags);
        // Where the field's text ends in its haystack (which starts with it, or is empty).
        let end = |hay: &str, text: &str| if hay.is_empty() { 0 } else { text.len() as i64 };
        conn.prepare_cached(PUT)?.execute(params![
            self.id,
            self.owner,
            self.tier,
            stored(k.masks[0]),
            stored(k.masks[1]),
            stored(k.masks[2]),
            k.name,
            end(&k.name, self.name),
            k.company,
            end(&k.company, self.company),
            k.rest
        ])?;
        Ok(())
    }
}

/// The keys of customers just added in bulk, worked out beforehand (on another thread, while
/// the rows were written): the `n`th for the customer of id `first + n`, whose owner and tier
/// are the `n`th of `owners_tiers` (as its row was written: read back, they cost a lookup per
/// customer).
pub(super) fn put_worked_out(
    conn: &Connection,
    first: i64,
    owners_tiers: &[(String, String)],
    keys: &[(SearchKeys, usize, usize)],
) -> Result<()> {
    let mut st = conn.prepare_cached(PUT)?;
    for (n, ((owner, tier), (k, name_len, company_len))) in owners_tiers.iter().zip(keys).enumerate() {
        let end = |hay: &str, len: usize| if hay.is_empty() { 0 } else { len as i64 };
        st.execute(params![
            first + n as i64,
            owner,
            tier,
            stored(k.masks[0]),
            stored(k.masks[1]),
            stored(k.masks[2]),
            k.name,
            end(&k.name, *name_len),
            k.company,
            end(&k.company, *company_len),
            k.rest
        ])?;
    }
    Ok(())
}

/// A customer's keys with the lengths of its name and company (where they end in their
/// haystacks), for `put_worked_out`.
pub(super) fn worked_out(f: &CustomerFields) -> (SearchKeys, usize, usize) {
    (SearchKeys::of(&f.name, &f.company, &f.contact_person, &f.phone, &f.tags), f.name.len(), f.company.len())
}

/// Write the keys of a customer just added or changed to these fields.
pub(super) fn put(conn: &Connection, id: i64, f: &CustomerFields) -> Result<()> {
    KeysRow {
        id,
        owner: &f.owner,
        tier: &f.tier,
        name: &f.name,
        company: &f.company,
        contact: &f.contact_person,
        phone: &f.phone,
        tags: &f.tags,
    }
    .put(conn)
}

/// A column's text, bytes that are no UTF-8 (written by another program) shown as U+FFFD:
/// keys are worked out for every row, a damaged one too, so that a migration never fails on
/// one.
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<std::borrow::Cow<'r, str>> {
    Ok(String::from_utf8_lossy(r.get_ref(i)?.as_bytes()?))
}

/// The columns of a customer that its keys are made of, for `KeysRow`.
const KEYS_SOURCE: &str = "c.id, c.owner, c.tier, c.name, c.company, c.contact_person, c.phone, c.tags";

/// Give every customer without keys its keys, and drop keys of customers that are gone
/// (inside the caller's transaction): the migration's fill, and bulk writes.
pub(super) fn fill_missing(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM customer_search WHERE customer_id NOT IN (SELECT id FROM customers)", [])?;
    fill(conn, "")
}

/// `fill_missing` for these customers only (those an undo put back or renamed).
pub(super) fn fill_missing_of(conn: &Connection, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    fill(conn, &format!("AND c.id IN (SELECT value FROM json_each('{list}'))"))
}

/// `fill_missing` for the customers added after `id` (a bulk write's new rows).
pub(super) fn fill_added_after(conn: &Connection, id: i64) -> Result<()> {
    fill(conn, &format!("AND c.id > {id}"))
}

/// Write the keys of the customers without any that meet `and` (a condition on `c`).
fn fill(conn: &Connection, and: &str) -> Result<()> {
    let mut st = conn.prepare(&format!(
        "SELECT {KEYS_SOURCE} FROM customers AS c
         WHERE NOT EXISTS (SELECT 1 FROM customer_search AS s WHERE s.customer_id = c.id) {and}"
    ))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let t = |i| text(r, i);
        let (owner, tier, name, company, contact, phone, tags) = (t(1)?, t(2)?, t(3)?, t(4)?, t(5)?, t(6)?, t(7)?);
        KeysRow {
            id: r.get(0)?,
            owner: &owner,
            tier: &tier,
            name: &name,
            company: &company,
            contact: &contact,
            phone: &phone,
            tags: &tags,
        }
        .put(conn)?;
    }
    Ok(())
}

/// Whether some customer lacks keys (or some keys lack their customer). Counting reads the
/// pages of the two smallest b-trees, not their rows.
fn incomplete(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM customers) <> (SELECT count(*) FROM customer_search)",
        [],
        |r| r.get(0),
    )?)
}

/// Write keys worked out by a search, if the book can be written now; a search does not
/// fail or wait for it (the keys are worked out again next time).
fn repair(conn: &Connection) {
    let Ok(wait) = conn.query_row("PRAGMA busy_timeout", [], |r| r.get::<_, i64>(0)) else { return };
    if conn.busy_timeout(std::time::Duration::ZERO).is_err() {
        return;
    }
    let written = (|| -> Result<()> {
        let tx = conn.unchecked_transaction()?;
        fill_missing(&tx)?;
        tx.commit()?;
        Ok(())
    })();
    // Not written (busy, read-only): found all the same, and written by a later search.
    drop(written);
    // The wait this connection had (the CLI's or the TUI's) again; setting it cannot fail on
    // an open connection.
    let _ = conn.busy_timeout(std::time::Duration::from_millis(wait.max(0) as u64));
}

/// The customers of `owners` that may match every word of these masks
/// (`domain::search::word_masks`; all of them for none), with their keys and tier ranks.
pub(super) fn candidates(store: &Store, words: &[u64], owners: &Owners) -> Result<Vec<Keyed>> {
    let scheme = store.require_scheme()?;
    let conn = &store.conn;
    // The masks are compared in the book, so that only the rows that may match are read.
    let mut cond = String::new();
    for i in 0..words.len() {
        let p = i + 2;
        cond.push_str(&format!(
            " AND ((name_mask & ?{p}) = ?{p} OR (company_mask & ?{p}) = ?{p} OR (rest_mask & ?{p}) = ?{p})"
        ));
    }
    let sql = format!(
        "SELECT customer_id, tier, name_mask, company_mask, rest_mask, name_keys, name_end, company_keys, company_end,
                rest_keys
         FROM customer_search WHERE (?1 IS NULL OR owner IN (SELECT value FROM json_each(?1))){cond}"
    );
    let mut st = conn.prepare(&sql)?;
    let mut values: Vec<rusqlite::types::Value> = vec![owners.json().into()];
    values.extend(words.iter().map(|w| rusqlite::types::Value::Integer(stored(*w))));
    let rows = st.query_map(rusqlite::params_from_iter(values), |r| {
        let mask = |i| r.get::<_, i64>(i).map(|m| m as u64);
        let (name, company): (String, String) = (r.get(5)?, r.get(7)?);
        // The text the haystack starts with (all of it if the end is not where text ends).
        let head = |hay: &str, end: i64| hay.get(..end.max(0) as usize).unwrap_or(hay).to_string();
        Ok(Keyed {
            id: CustomerId(r.get(0)?),
            tier_rank: scheme.rank(r.get_ref(1)?.as_str()?),
            name: head(&name, r.get(6)?),
            company: head(&company, r.get(8)?),
            keys: SearchKeys { masks: [mask(2)?, mask(3)?, mask(4)?], name, company, rest: r.get(9)? },
        })
    })?;
    let mut found: Vec<Keyed> = rows.collect::<rusqlite::Result<_>>()?;
    // After the scan, which read every page of the keys: counting them again costs little.
    if incomplete(conn)? {
        // Keys left for no customer are nobody's; customers without keys are read whole.
        let mut st = conn.prepare("SELECT customer_id FROM customer_search EXCEPT SELECT id FROM customers")?;
        let gone: std::collections::HashSet<i64> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        found.retain(|k| !gone.contains(&k.id.0));
        found.extend(unkeyed(store, words, owners)?);
        repair(conn);
    }
    Ok(found)
}

/// The customers of `owners` without keys that may match, with their keys worked out.
fn unkeyed(store: &Store, words: &[u64], owners: &Owners) -> Result<Vec<Keyed>> {
    let scheme = store.require_scheme()?;
    let mut st = store.conn.prepare(
        "SELECT c.id, c.name, c.company, c.tier, c.contact_person, c.phone, c.tags FROM customers AS c
         WHERE (?1 IS NULL OR c.owner IN (SELECT value FROM json_each(?1)))
           AND NOT EXISTS (SELECT 1 FROM customer_search AS s WHERE s.customer_id = c.id)",
    )?;
    let rows = st.query_map([owners.json()], |r| {
        let t = |i| text(r, i);
        let (name, company) = (t(1)?.into_owned(), t(2)?.into_owned());
        let keys = SearchKeys::of(&name, &company, &t(4)?, &t(5)?, &t(6)?);
        Ok(Keyed { id: CustomerId(r.get(0)?), name, company, tier_rank: scheme.rank(&t(3)?), keys })
    })?;
    let all: Vec<Keyed> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(all.into_iter().filter(|k| may_match(&k.keys.masks, words)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::search::word_masks;

    fn book() -> Store {
        let mut s = crate::store::shared_tests::empty_book();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let f = |name: &str, company: &str| CustomerFields {
            name: name.into(),
            company: company.into(),
            tier: "B".into(),
            created_on: today,
            ..Default::default()
        };
        s.add_customers_bulk(&[f("招商银行", "招商银行股份有限公司"), f("王芳", "远航物流"), f("Acme", "Acme Ltd")])
            .unwrap();
        s
    }

    fn keys_rows(s: &Store) -> i64 {
        s.conn.query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0)).unwrap()
    }

    /// The names among the candidates for `pattern`, sorted.
    fn found(s: &Store, pattern: &str) -> Vec<String> {
        let mut names: Vec<String> =
            candidates(s, &word_masks(pattern), &Owners::All).unwrap().into_iter().map(|k| k.name).collect();
        names.sort();
        names
    }

    #[test]
    fn every_customer_written_has_its_keys() {
        let s = book();
        assert_eq!(keys_rows(&s), 3);
        let all = candidates(&s, &[], &Owners::All).unwrap();
        for k in &all {
            assert_eq!(k.keys, SearchKeys::of(&k.name, &k.company, "", "", ""), "{}", k.name);
        }
        assert_eq!(found(&s, "zsyh"), ["招商银行"]);
        assert_eq!(found(&s, "wf yh"), ["王芳"], "远航物流 is yhwl");
        assert!(found(&s, "acme zsyh").is_empty(), "no customer has both words' letters");
    }

    #[test]
    fn customers_an_import_adds_in_bulk_have_their_keys_written_with_them() {
        use crate::domain::import::customers::{Action, CustomerRecord};
        let mut s = book();
        let added = |name: &str| {
            Action::Add(CustomerRecord {
                line: 2,
                uuid: None,
                fields: CustomerFields {
                    name: name.into(),
                    tier: "C".into(),
                    created_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                    ..Default::default()
                },
                given: Default::default(),
            })
        };
        s.import_customers(&[added("深圳华信"), added("Northwind")], &mut |_| {}).unwrap();
        let written: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM customer_search WHERE customer_id IN
                 (SELECT id FROM customers WHERE name IN ('深圳华信', 'Northwind'))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!((written, keys_rows(&s)), (2, 5), "the import wrote them, not a later search");
        // With the owner and tier their customers were written with (the importer's, for a
        // file without an owner column).
        let owners_tiers: Vec<(String, String)> = s
            .conn
            .prepare(
                "SELECT k.owner || '/' || c.owner, k.tier || '/' || c.tier FROM customer_search AS k
                 JOIN customers AS c ON c.id = k.customer_id WHERE c.name IN ('深圳华信', 'Northwind') ORDER BY c.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0).unwrap(), r.get(1).unwrap())))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(owners_tiers, [("t/t".to_string(), "C/C".to_string()), ("t/t".into(), "C/C".into())]);
        assert!(found(&s, "szhx").contains(&"深圳华信".to_string()), "a candidate by its pinyin initials");
        // Worked out on another thread, stored under the right customer (id order).
        for k in candidates(&s, &[], &Owners::All).unwrap() {
            assert_eq!(k.keys, SearchKeys::of(&k.name, &k.company, "", "", ""), "{}", k.name);
        }
    }

    #[test]
    fn a_customer_whose_keys_are_missing_is_found_and_its_keys_written_back() {
        let s = book();
        s.conn.execute("DELETE FROM customer_search WHERE name_keys LIKE '王芳%'", []).unwrap();
        assert_eq!(keys_rows(&s), 2);
        assert_eq!(found(&s, "wangfang"), ["王芳"]);
        assert_eq!(keys_rows(&s), 3, "written back by the search");
        let stored: String = s
            .conn
            .query_row("SELECT company_keys FROM customer_search WHERE name_keys LIKE '王芳%'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, "远航物流  yhwl  yuanhangwuliu");
    }

    #[test]
    fn another_program_s_rename_drops_the_old_keys() {
        let s = book();
        // As a sqlite3 shell would: none of tierdesk's own writing.
        s.conn.execute("UPDATE customers SET name = '工商银行', company = '' WHERE name = '招商银行'", []).unwrap();
        assert_eq!(keys_rows(&s), 2, "the book's trigger dropped them");
        assert_eq!(found(&s, "gsyh"), ["工商银行"]);
        assert!(found(&s, "zsyh").is_empty());
        // A change of another column keeps them.
        s.conn.execute("UPDATE customers SET region = '北京', phone = phone", []).unwrap();
        assert_eq!(keys_rows(&s), 3);
        // A new tier or owner is copied to them: ties and whose list follow it.
        s.conn.execute("UPDATE customers SET tier = 'A', owner = 'lin' WHERE name = 'Acme'", []).unwrap();
        let acme = |o: &Owners| candidates(&s, &word_masks("acme"), o).unwrap();
        assert_eq!(acme(&Owners::one("lin")).iter().map(|k| k.tier_rank).collect::<Vec<_>>(), [0]);
        assert!(acme(&Owners::one("t")).is_empty());
    }

    #[test]
    fn keys_of_customers_gone_go_too_even_without_foreign_keys() {
        let s = book();
        s.conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM customers WHERE name = 'Acme';").unwrap();
        assert_eq!(keys_rows(&s), 2);
        // Keys left by hand for no customer: never found, and dropped by the next search.
        s.conn
            .execute(
                "INSERT INTO customer_search VALUES (99, 't', 'A', -1, -1, -1, 'Ghost', 5, 'Ghost', 5, 'Ghost')",
                [],
            )
            .unwrap();
        assert!(found(&s, "ghost").is_empty());
        assert_eq!(keys_rows(&s), 2);
    }

    #[test]
    fn a_search_of_a_busy_book_does_not_wait_to_write_keys_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut s = Store::open(&path, Clock::Fixed(today), "t").unwrap();
        s.init_scheme("data/tiers/default.toml", crate::data::DEFAULT_SCHEME).unwrap();
        let f = CustomerFields { name: "王芳".into(), tier: "B".into(), created_on: today, ..Default::default() };
        s.add_customer(&f).unwrap();
        s.conn.execute("DELETE FROM customer_search", []).unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        assert_eq!(found(&s, "wf"), ["王芳"]);
        assert_eq!(keys_rows(&s), 0, "not written: the book was busy");
        let wait: i64 = s.conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).unwrap();
        assert_eq!(wait, super::super::BUSY_WAIT.as_millis() as i64, "the store's wait is back");
        other.execute_batch("ROLLBACK").unwrap();
        assert_eq!(found(&s, "wf"), ["王芳"]);
        assert_eq!(keys_rows(&s), 1);
    }
}
