//! The sweep releases in sets (schema step 15): `pool_sweep` as in step 12, but a released
//! customer's rows leave its owner in one statement per table before the customer does,
//! instead of through the foreign keys' cascade, which ran one update per customer and
//! table. On the pool's bench book (20 managers, 100,000 customers, 20 contacts each), a
//! sweep releasing 633 customers spent 2.1 s of 3.4 s in the contacts' cascade alone; the
//! same rows moved by one statement took 0.7 s (EXPLAIN ANALYZE, load ~3). The customers to
//! release are locked as they are chosen, so a customer kept by a contact logged meanwhile
//! never has its rows moved. The audit trigger is told (a transaction-local setting, heeded
//! only for the book's owner) that those moves change the owner copy alone, which it does
//! not log, and skips reading them.

pub const SWEEP_IN_SETS: &str = r#"
CREATE OR REPLACE FUNCTION audit_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
    -- The sweep moving released customers' rows off their owner changes only the owner copy,
    -- which the log leaves out (below): skipped without reading every row twice as JSON
    -- (37,340 contacts: 0.77 s). Only the book's owner, as whom the sweep runs, takes this
    -- path; a person setting the flag is logged as ever, and so is every customers row.
    IF current_setting('tierdesk.owner_copy_only', true) = 'on' AND TG_TABLE_NAME <> 'customers'
       AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = TG_RELID) THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM (SELECT b.id, to_jsonb(b) - 'customer_owner' - 'updated_at' AS j FROM before_rows b
                                  UNION ALL
                                  SELECT a.id, to_jsonb(a) - 'customer_owner' - 'updated_at' FROM after_rows a) s
                   GROUP BY s.id HAVING count(DISTINCT s.j) > 1) THEN
        RETURN NULL;
    END IF;
    change := public.audit_change();
    INSERT INTO public.audit_log
        (change_id, table_name, row_id, customer_id, customer_owner, op, old_row, new_row)
    SELECT change, TG_TABLE_NAME::text, p.id, c.customer_id, c.customer_owner, 'update',
           d.old_row, d.new_row
    FROM (SELECT g.id, g.pair[1] - 'customer_owner' AS o, g.pair[2] - 'customer_owner' AS n, g.pair[2] AS j
          FROM (SELECT s.id, array_agg(s.j ORDER BY s.side) AS pair
                FROM (SELECT b.id, to_jsonb(b) AS j, 0 AS side FROM before_rows b
                      UNION ALL
                      SELECT a.id, to_jsonb(a), 1 FROM after_rows a) s
                GROUP BY s.id HAVING count(*) = 2) g) p
    CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(e.key, e.value) AS old_row,
               jsonb_object_agg(e.key, coalesce(p.n -> e.key, 'null'::jsonb)) AS new_row,
               bool_or(e.key <> 'updated_at') AS worth
        FROM jsonb_each(p.o) e WHERE e.value IS DISTINCT FROM p.n -> e.key) d
    CROSS JOIN LATERAL public.audit_customer(TG_TABLE_NAME::text, p.j) c
    WHERE d.worth
    ORDER BY p.id;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION pool_sweep(asked date, OUT day date, OUT released integer, OUT escalated integer, OUT behind boolean,
                           OUT already boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    gone_ids bigint[];
BEGIN
    day := least(asked, current_date + 1);
    released := 0;
    escalated := 0;
    behind := false;
    already := false;
    IF NOT EXISTS (SELECT 1 FROM public.people p WHERE p.login = session_user) THEN
        RAISE EXCEPTION 'only a person of the book sweeps it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('tierdesk pool sweep'));
    IF EXISTS (SELECT 1 FROM public.pool_sweeps s WHERE s.day > pool_sweep.day) THEN
        behind := true;
        RETURN;
    END IF;
    -- Swept already: what that sweep did, and nothing more.
    SELECT s.released, s.escalated, true INTO released, escalated, already
    FROM public.pool_sweeps s WHERE s.day = pool_sweep.day;
    IF FOUND THEN
        RETURN;
    END IF;
    released := 0;
    escalated := 0;
    already := false;
    -- Escalations first: a customer released today was escalated before it.
    INSERT INTO public.pool_events (customer_id, kind, person, happened_on, tier, days_overdue, counted_from)
    SELECT c.id, 'escalated', c.owner, x.counted_from + r.escalate_after_days + 1, c.tier,
           pool_sweep.day - x.counted_from, x.counted_from
    FROM public.customers c
    JOIN public.tier_rules r ON r.tier = c.tier AND r.escalate_after_days IS NOT NULL
    CROSS JOIN LATERAL (SELECT greatest(c.next_due_on, coalesce(c.held_since, c.next_due_on)) AS counted_from) x
    WHERE c.owner IS NOT NULL
      AND c.next_due_on < pool_sweep.day - r.escalate_after_days
      AND (c.held_since IS NULL OR c.held_since < pool_sweep.day - r.escalate_after_days)
    ON CONFLICT (customer_id, counted_from) WHERE kind = 'escalated' DO NOTHING;
    GET DIAGNOSTICS escalated = ROW_COUNT;
    -- A change (in the log) only when something goes back: a quiet day leaves no trace.
    -- Locked as they are chosen: a contact logged meanwhile keeps the customer (its writer
    -- waits for this sweep, or this sweep for it and then reads the row again).
    gone_ids := ARRAY(
        SELECT c.id FROM public.customers c JOIN public.tier_rules r ON r.tier = c.tier
        WHERE r.release_after_days IS NOT NULL AND c.owner IS NOT NULL AND c.pin_reason IS NULL
          AND c.next_due_on < pool_sweep.day - r.release_after_days
          AND (c.held_since IS NULL OR c.held_since < pool_sweep.day - r.release_after_days)
        ORDER BY c.id FOR UPDATE OF c);
    IF cardinality(gone_ids) > 0 THEN
        PERFORM public.pool_change();
        -- Their rows leave the owner first, a statement per table: the foreign keys' cascade
        -- then finds nothing left to move. Cascaded, it ran one update per customer and
        -- table (633 releases: 2.1 s in the contacts' alone; set-based 0.7 s). A NULL
        -- owner copy is not checked against the customer (MATCH SIMPLE), and the customer
        -- is released in the same transaction: nobody sees a row half moved.
        PERFORM set_config('tierdesk.owner_copy_only', 'on', true);
        UPDATE public.tier_changes SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.contacts SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.follow_ups SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.snoozes SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.assessments SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.assessment_drafts SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.indicator_values SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        UPDATE public.late_payments SET customer_owner = NULL WHERE customer_id = ANY (gone_ids) AND customer_owner IS NOT NULL;
        PERFORM set_config('tierdesk.owner_copy_only', 'off', true);
        WITH gone AS (
            UPDATE public.customers c
            SET owner = NULL, released_from = c.owner, released_on = pool_sweep.day, released_tier = c.tier,
                released_days = pool_sweep.day - greatest(c.next_due_on, coalesce(c.held_since, c.next_due_on)),
                updated_at = localtimestamp(0)
            FROM public.tier_rules r
            -- Again under the row's lock: a contact logged meanwhile keeps the customer.
            WHERE c.id = ANY (gone_ids) AND r.tier = c.tier AND c.owner IS NOT NULL AND c.pin_reason IS NULL
              AND c.next_due_on < pool_sweep.day - r.release_after_days
              AND (c.held_since IS NULL OR c.held_since < pool_sweep.day - r.release_after_days)
            RETURNING c.id, c.released_from, c.tier, c.released_days, pool_sweep.day - c.released_days AS counted_from)
        INSERT INTO public.pool_events (customer_id, kind, person, happened_on, tier, days_overdue, counted_from)
        SELECT g.id, 'released', g.released_from, pool_sweep.day, g.tier, g.released_days, g.counted_from FROM gone g;
        GET DIAGNOSTICS released = ROW_COUNT;
    END IF;
    INSERT INTO public.pool_sweeps (day, swept_at, swept_by, released, escalated)
    VALUES (pool_sweep.day, localtimestamp(0), session_user, released, escalated);
END
$fn$;
"#;
