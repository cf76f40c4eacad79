//! The counts per tier read from an index alone (schema step 16), as the SQLite book's are
//! (its `customers_by_owner_tier_due`).
//!
//! Through row-level security, a lead's count of 100,000 customers read every row and
//! tested the policy on it: 76-120 ms of the lead's Today (the pool's bench book, load ~3).
//! `tier_coverage` counts as the book's owner, over an index on (owner, tier, next due
//! date), the customers of the logins the caller may see (`visible_owners()`, the policy's
//! own test) and asked for: 24-28 ms. It returns counts only, of customers the caller
//! could count through the policy anyway.

pub const COVERAGE: &str = r#"
CREATE INDEX customers_by_owner_tier_due ON customers (owner, tier, next_due_on);
CREATE FUNCTION tier_coverage(today date, owners text[])
RETURNS TABLE (tier_code text, on_time bigint, late bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT c.tier, count(*) FILTER (WHERE c.next_due_on >= today), count(*) FILTER (WHERE c.next_due_on < today)
    FROM public.customers c
    WHERE c.owner = ANY (ARRAY(SELECT v FROM unnest(public.visible_owners()) AS v
                               WHERE owners IS NULL OR v = ANY (owners)))
    GROUP BY c.tier
$fn$;
REVOKE ALL ON FUNCTION tier_coverage(date, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tier_coverage(date, text[]) TO {people};
"#;
