//! The team book's schema on PostgreSQL: an append-only list of steps, like the SQLite
//! book's (`store::migrations`). `schema_migrations` holds one row per step applied. Never
//! edit a shipped step; add a new one with a comment saying why.
//!
//! The tables keep the SQLite book's names and columns, so that a person's own SQL reads
//! the same on both engines. Differences, all deliberate:
//! - native types: `date` for the `*_on` columns, `timestamp(0)` for the `*_at` ones,
//!   `boolean` for flags (`WHERE signoff_pending` reads the same on both), `jsonb` for an
//!   indicator's value (a number or a text, as SQLite's `ANY` column holds);
//! - `people`, and `customers.owner` names a person's login (it defaults to the signed-in
//!   login, `session_user`);
//! - every table holding a customer's rows has a copied `customer_owner`, kept in step by
//!   the database itself: a trigger fills it in from the customer on insert, and a foreign
//!   key `(customer_id, customer_owner) -> customers (id, owner) ON UPDATE CASCADE` moves
//!   it with the customer on a hand-over. The row-level security policies read it
//!   directly (measured against a policy through the customer: see `team.rs`);
//! - the audit log is kept by the engine (a later step), not by per-connection TEMP
//!   triggers; `UPDATE` and `DELETE` on it are simply never granted to people.
//!
//! A step that adds a table also grants it to the groups and, when it holds customer data,
//! enables row-level security with a policy (tests/team/parity.rs checks both).
//!
//! Role names differ per database (login and group roles are cluster-wide): a step writes
//! `{manager}`, `{lead}`, `{admin}` and `{people}` (the three groups) where a role is
//! meant; `migrate` puts in the quoted names. No other braces may appear in a step.

use postgres::{Client, GenericClient};

use super::{Groups, TeamError};

/// One migration: why it exists, and the SQL that performs it (its parts run in order, in
/// one transaction).
pub struct Migration {
    pub why: &'static str,
    pub sql: &'static [&'static str],
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        why: "The team book: people and their roles, the SQLite book's tables (as of its step 7) with \
          customers owned by a person, row-level security so that each person reads and writes \
          only the customers they may see (a manager their own, a lead their team's, an admin \
          all), and an insert-only audit log.",
        sql: &[super::schema_v1::TABLES, super::access_v1::ACCESS],
    },
    Migration {
        why: "The audit log kept by the database: statement triggers on the eight audited tables log \
          every write as the SQLite book's log does, under tierdesk's change or, for a person's own \
          SQL, a change of session 'outside'; a notification per writing transaction; changes \
          readable by whoever may see a record they touched.",
        sql: &[super::audit_v2::AUDIT],
    },
    Migration {
        why: "The customer table in SQLite's orders: names compared byte by byte (SQLite's BINARY, \
          whatever the server's locale), and an index for every page order of every tier, the \
          id included and a never-contacted customer first, so that no page sorts the table.",
        sql: &[PAGE_ORDERS],
    },
    Migration {
        why: "The customer's risk category and when it was assessed, kept in step with the latest \
          assessment by a trigger on every recorded one, as the SQLite book's (its step 5): step 1 \
          had the columns but nothing wrote them, so no assessment ever fell due.",
        sql: &[KEEP_RISK],
    },
    Migration {
        why: "Hand-over: a customer's history is readable by whoever may see its current owner too. \
          A log row keeps the owner at the time of the change and people cannot update the log, so \
          after a hand-over from b to c, c could not read what b did before it.",
        sql: &[super::handover_step::HISTORY_FOLLOWS_OWNER],
    },
    Migration {
        why: "Notes search: a person looks for the customer who asked about the bond fund (债券基金) \
          in contacts' summaries and outcomes and in follow-ups. pg_trgm's GIN indexes answer ILIKE \
          on those columns for a pattern of three characters or more, Chinese included, without \
          reading every note; pg_trgm is a trusted extension, so the book's owner may create it.",
        sql: &[NOTES_TRGM],
    },
    Migration {
        why: "A new customer's reference counts up from the highest of its pattern in the whole \
          book: references are unique across it, and row-level security would hide those of \
          customers a person may not see, so two people would be given the same one. A SECURITY \
          DEFINER function answers with that one number only.",
        sql: &[HIGHEST_REF],
    },
    Migration {
        why: "Suitability: the products a customer may be offered, each with its risk level 1 to 5 \
          (R1 to R5), code unique, as the SQLite book's. A shared table like people: every person \
          reads it, leads and admins write it (`tierdesk import products`). A contact that \
          recommends a product names it (`product`), and a recommendation that did not suit keeps \
          the judgement and the customer's confirmation (`acknowledged_mismatch`), so the audit \
          log holds both.",
        sql: &[PRODUCTS],
    },
    Migration {
        why: "Terms by tier: a customer's late payments (two or more in a calendar quarter drop the \
          payment terms one level), as the SQLite book keeps them, readable and writable by whoever \
          may see the customer, and in the audit log so that undo takes one back.",
        sql: &[super::late_payments_step::LATE_PAYMENTS],
    },
    Migration {
        why: "Customer temperament (顾客类型): a customer may have one of the temperament list's keys \
          (silent, haggler, ...), whose advice the salesperson reads before a visit; NULL is none. A \
          column of customers, so row-level security and the audit log cover it as they are.",
        sql: &["ALTER TABLE customers ADD COLUMN temperament text \
                CHECK (temperament IS NULL OR length(btrim(temperament)) > 0);"],
    },
    Migration {
        why: "A move that loses nothing (`export all`): records are matched by uuid, as in the \
          SQLite book. Products and the audit log's changes get one, existing rows a random one \
          (a volatile default is evaluated per row), later rows theirs by the same default, \
          whichever function writes them.",
        sql: &["ALTER TABLE products ADD COLUMN uuid text NOT NULL DEFAULT gen_random_uuid()::text UNIQUE;
                ALTER TABLE changes ADD COLUMN uuid text NOT NULL DEFAULT gen_random_uuid()::text UNIQUE;"],
    },
    Migration {
        why: "The team's pool (公海): by its tier's rules a neglected customer is escalated to the \
          owner's lead and then released to the pool (no owner), which the team reads and nobody \
          writes until someone claims it (a lead may pin a customer, or assign from the pool); \
          the rules, the days swept and what happened to whom (for the lead's report).",
        sql: &[super::pool_step::POOL],
    },
    Migration {
        why: "The team's daily claim limit is the book's, not each person's: one setting (5 until a \
          lead, an admin or the book's owner sets it) that `pool_claim` reads itself, taking no limit \
          from its caller; a claim's day goes no later than the server's tomorrow, and one dated back \
          counts every claim made since that day.",
        sql: &[super::claim_limit_step::CLAIM_LIMIT],
    },
    Migration {
        why: "Row-level security's functions (visible_owners, team_logins) called once per statement \
          as a scalar subquery instead of once per row read: a lead's full scan of 100,000 customers \
          took seconds in those calls alone. The same rows, the same policies (names, commands, \
          roles); only their expressions are rewritten.",
        sql: &[super::policy_once_step::POLICY_ONCE],
    },
    Migration {
        why: "Speed: the pool's sweep moves a released customer's rows off its owner in one statement \
          per table, locking the customers as it chooses them, instead of through the foreign \
          keys' cascade, one update per customer and table (633 releases: 3.4 s, of it 2.1 s in the \
          contacts' cascade), and the audit trigger skips reading those moves (they change only the \
          owner copy, which it never logs; heeded for the book's owner alone). The same customers \
          are released and the same history is written.",
        sql: &[super::sweep_sets_step::SWEEP_IN_SETS],
    },
    Migration {
        why: "Speed: the counts per tier on Today read an index on (owner, tier, next due date) alone, \
          through `tier_coverage`, which counts as the book's owner the customers of the logins the \
          caller may see; through row-level security a lead's count tested the policy on every \
          customer (100,000: 76-120 ms, now 24-28 ms).",
        sql: &[super::coverage_step::COVERAGE],
    },
];

/// The products step (see its `why`).
const PRODUCTS: &str = r#"
CREATE TABLE products (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE,
    name       text NOT NULL,
    risk_level integer NOT NULL CHECK (risk_level BETWEEN 1 AND 5),
    created_at timestamp(0) NOT NULL,
    updated_at timestamp(0) NOT NULL
);
GRANT SELECT ON products TO {people};
GRANT INSERT, UPDATE ON products TO {lead}, {admin};
GRANT USAGE ON SEQUENCE products_id_seq TO {lead}, {admin};
ALTER TABLE contacts ADD COLUMN product text, ADD COLUMN acknowledged_mismatch text;
"#;

/// Step 6 (see its `why`). One index per column: `summary ILIKE p OR outcome ILIKE p`
/// combines two bitmap scans, and no match is made up across the two columns.
const NOTES_TRGM: &str = r#"
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX contacts_summary_trgm ON contacts USING gin (summary gin_trgm_ops);
CREATE INDEX contacts_outcome_trgm ON contacts USING gin (outcome gin_trgm_ops);
CREATE INDEX follow_ups_what_trgm ON follow_ups USING gin (what gin_trgm_ops);
"#;

/// Step 7 (see its `why`): the number of the highest reference
/// `prefix` + digits (at least `min_digits`, at most 18) + `suffix`, as
/// `RefPattern::number_of` reads one.
const HIGHEST_REF: &str = r#"
CREATE OR REPLACE FUNCTION highest_ref_number(prefix text, suffix text, min_digits integer) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT max(substr(c.ext_ref, length(prefix) + 1, length(c.ext_ref) - length(prefix) - length(suffix))::bigint)
    FROM public.customers c
    WHERE left(c.ext_ref, length(prefix)) = prefix
      AND right(c.ext_ref, length(suffix)) = suffix
      AND length(c.ext_ref) - length(prefix) - length(suffix) BETWEEN greatest(min_digits, 1) AND 18
      AND substr(c.ext_ref, length(prefix) + 1, length(c.ext_ref) - length(prefix) - length(suffix)) ~ '^[0-9]+$'
$fn$;
"#;

/// Step 3 (see its `why`). SQLite's indexes end with the rowid; these end with the id.
const PAGE_ORDERS: &str = r#"
ALTER TABLE customers ALTER COLUMN name_key TYPE text COLLATE "C", ALTER COLUMN name TYPE text COLLATE "C";
DROP INDEX customers_by_name, customers_by_due, customers_by_tier_name, customers_by_tier_due, customers_by_last;
CREATE INDEX customers_by_name      ON customers (name_key, name, id);
CREATE INDEX customers_by_tier_name ON customers (tier, name_key, name, id);
CREATE INDEX customers_by_due       ON customers (next_due_on, id);
CREATE INDEX customers_by_tier_due  ON customers (tier, next_due_on, id);
CREATE INDEX customers_by_last      ON customers (last_contact_on NULLS FIRST, id);
CREATE INDEX customers_by_tier_last ON customers (tier, last_contact_on NULLS FIRST, id);
"#;

/// Step 4 (see its `why`). The trigger runs as the writer: the customer is theirs to see, as
/// the assessment is. The update fills in books that have assessments already.
const KEEP_RISK: &str = r#"
CREATE FUNCTION keep_customer_risk() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    UPDATE public.customers SET risk_category = NEW.category, risk_assessed_on = NEW.taken_on
    WHERE id = NEW.customer_id AND (risk_assessed_on IS NULL OR risk_assessed_on <= NEW.taken_on);
    RETURN NULL;
END
$fn$;
CREATE TRIGGER assessments_keep_customer_risk AFTER INSERT ON assessments
    FOR EACH ROW EXECUTE FUNCTION keep_customer_risk();
UPDATE customers c SET risk_category = a.category, risk_assessed_on = a.taken_on
FROM (SELECT DISTINCT ON (customer_id) customer_id, taken_on, category FROM assessments
      ORDER BY customer_id, taken_on DESC, id DESC) a
WHERE a.customer_id = c.id AND c.risk_assessed_on IS DISTINCT FROM a.taken_on;
"#;

/// The newest schema this binary knows.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of the database: 0 for one that has never been initialised.
pub fn version(client: &mut impl GenericClient) -> Result<i64, TeamError> {
    let exists: bool =
        client.query_typed_one("SELECT to_regclass('public.schema_migrations') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_typed_one("SELECT coalesce(max(version), 0)::bigint FROM public.schema_migrations", &[])?;
    Ok(row.get(0))
}

/// Refuse a database written by a newer tierdesk (before anything is written to it).
pub fn refuse_newer(client: &mut impl GenericClient) -> Result<i64, TeamError> {
    let found = version(client)?;
    if found > latest() {
        return Err(TeamError::NewerSchema { found, known: latest() });
    }
    Ok(found)
}

/// Apply the pending steps, each with its version row in one transaction.
pub fn migrate(client: &mut Client, groups: &Groups) -> Result<(), TeamError> {
    migrate_to(client, groups, latest())
}

/// Apply the steps up to `target` (tests stop at an older version this way). Two `team
/// init` at once wait for each other: each step takes a lock and reads the version again.
pub fn migrate_to(client: &mut Client, groups: &Groups, target: i64) -> Result<(), TeamError> {
    refuse_newer(client)?;
    let mut tx = client.transaction()?;
    tx.batch_execute(LOCK)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT session_user,
            why        text NOT NULL
        )",
    )?;
    tx.commit()?;
    for (i, step) in MIGRATIONS.iter().enumerate().take(target.max(0) as usize) {
        let mut tx = client.transaction()?;
        tx.batch_execute(LOCK)?;
        let now = refuse_newer(&mut tx)?;
        if now > i as i64 {
            continue;
        }
        for part in step.sql {
            tx.batch_execute(&groups.fill(part))?;
        }
        tx.execute("INSERT INTO schema_migrations (version, why) VALUES ($1, $2)", &[&(i as i32 + 1), &step.why])?;
        tx.commit()?;
    }
    Ok(())
}

/// Serialises schema changes between processes, for the transaction that takes it.
pub(super) const LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext('tierdesk team book schema'))";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_names_roles_only_by_the_known_placeholders() {
        let groups = Groups::for_database("b");
        for step in MIGRATIONS {
            for part in step.sql {
                let filled = groups.fill(part);
                assert!(!filled.contains('{') && !filled.contains('}'), "an unknown placeholder in: {}", step.why);
            }
        }
    }
}
