//! Row-level security's functions called once per statement, not once per row (a schema
//! step after the claim limit's; the lead renumbers at merge).
//!
//! Every policy asks `x = ANY (visible_owners())` (or `team_logins()`). PostgreSQL does not
//! fold a STABLE function call into a constant: in a scan that cannot stop early it calls
//! it for every row it reads, and the function reads the people table each time. Measured
//! on a book of 100,000 customers (20 managers of one lead), a lead's `SELECT count(*) FROM
//! customers` took 4.0 to 4.7 s, a page of the list sorted by days left (no index serves that
//! order) 5.2 to 7.0 s; with the call written as a scalar subquery, which the planner runs
//! once as an InitPlan, the same took 71 to 113 ms and 279 to 379 ms. Same rows: the
//! function's answer cannot change within a statement (it reads `session_user` and the
//! people table under the statement's snapshot), and the policies keep their names, commands
//! and roles; only their expressions are rewritten.

pub const POLICY_ONCE: &str = r#"
ALTER POLICY visible ON customers
    USING (owner = ANY ((SELECT visible_owners())::text[]))
    WITH CHECK (owner = ANY ((SELECT visible_owners())::text[]));
ALTER POLICY pool_readable ON customers
    USING (owner IS NULL AND released_from = ANY ((SELECT team_logins())::text[]));
DO $do$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tier_changes', 'contacts', 'follow_ups', 'snoozes', 'assessments',
                             'assessment_drafts', 'indicator_values', 'late_payments'] LOOP
        EXECUTE format('ALTER POLICY visible ON %I
                            USING (customer_owner = ANY ((SELECT visible_owners())::text[]))
                            WITH CHECK (customer_owner = ANY ((SELECT visible_owners())::text[]))', t);
    END LOOP;
END
$do$;
ALTER POLICY readable ON changes USING (made_by = ANY ((SELECT visible_owners())::text[]));
ALTER POLICY readable_through_records ON changes
    USING (made_by = session_user OR made_by = ANY ((SELECT visible_owners())::text[]) OR change_touches_visible(id));
ALTER POLICY readable ON audit_log USING (
    customer_owner = ANY ((SELECT visible_owners())::text[])
    OR (customer_owner IS NULL AND EXISTS (SELECT 1 FROM changes c WHERE c.id = change_id)));
ALTER POLICY own ON audit_log WITH CHECK (
    (customer_owner IS NULL OR customer_owner = ANY ((SELECT visible_owners())::text[]))
    AND EXISTS (SELECT 1 FROM changes c WHERE c.id = change_id AND c.made_by = session_user));
ALTER POLICY readable ON pool_events
    USING (person = ANY ((SELECT visible_owners())::text[]) OR by_login = session_user);
"#;
