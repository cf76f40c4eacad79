//! The hand-over's schema step (task Q1; the lead renumbers at merge): a customer's history
//! follows the customer to its new owner.
//!
//! The log's rows keep the owner at the time of the change (`customer_owner`), which no
//! person may update; step 1's policy reads through it. This step adds a second, permissive
//! policy reading through the customer's current owner (the customer's own policy decides,
//! inside the subquery, by the primary key), and lets the changes of those rows be read too
//! (history shows who made each change and when). The first policy's test stays the cheap
//! one for a person's own and their team's rows.

pub const HISTORY_FOLLOWS_OWNER: &str = r#"
CREATE POLICY readable_through_current_owner ON audit_log FOR SELECT USING (
    customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM customers c WHERE c.id = customer_id));

CREATE OR REPLACE FUNCTION change_touches_visible(change bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.audit_log a
                   WHERE a.change_id = change AND a.customer_owner = ANY (public.visible_owners()))
        OR EXISTS (SELECT 1 FROM public.audit_log a JOIN public.customers c ON c.id = a.customer_id
                   WHERE a.change_id = change AND c.owner = ANY (public.visible_owners()))
$fn$;
"#;
