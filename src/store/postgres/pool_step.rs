//! The pool's schema step (issue 17; the lead renumbers at merge): a neglected customer goes
//! back to the team's pool (公海) by its tier's rules, and a colleague claims it.
//!
//! A customer in the pool has no owner (`owner IS NULL`); `released_from` keeps whose it was
//! (and so whose team's pool it is in). Its rows' copied `customer_owner` follow it to NULL
//! through the foreign key's `ON UPDATE CASCADE`. That is what keeps the pool unwritable
//! without a new write policy: every write policy of step 1 asks `owner = ANY
//! (visible_owners())` (or `customer_owner = ...`), which NULL never is, for any person, the
//! former owner included. Reading is added by SELECT-only policies: the team (the former
//! owner's lead and that lead's managers, and admins) reads a pool customer and its rows.
//!
//! Release, claim and a lead's assignment are `SECURITY DEFINER` functions (a person cannot
//! write a row they cannot see, nor set an owner to NULL): each checks the caller
//! (`session_user`), takes its rules from the book (`tier_rules`, filled from the book's
//! scheme by `team init` and by an admin setting the scheme), and logs its change under a
//! session of its own ("pool"), which no one's undo walks back. A claim is a conditional
//! `UPDATE ... WHERE owner IS NULL`: of two people claiming at once, the second waits for
//! the first's row lock, finds an owner, and is told who. A claim also records the day
//! (`held_since`): the rules count from it, not from a due date long passed.
//!
//! Columns only these functions write (`released_*`, `held_since`) and the pin a lead sets
//! (`pin_reason`, `pinned_by`) are guarded by a trigger against a person's own SQL.

pub const POOL: &str = r#"
-- The audit log's update trigger (step 2) paired a statement's old and new rows with a join
-- of its transition tables, which the planner runs as a nested loop (it knows nothing of
-- them): quadratic. A release moves a customer's rows too (their owner copy), 20 contacts a
-- customer, and 2,000 rows took 1.5 s in that check alone (measured on the bench's book).
-- Paired by grouping instead, the same rows are logged; 2,000 rows take 40 ms.
CREATE OR REPLACE FUNCTION audit_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
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

ALTER TABLE customers ALTER COLUMN owner DROP NOT NULL,
    ADD COLUMN released_from text REFERENCES people (login) ON UPDATE CASCADE,
    ADD COLUMN released_on   date,
    ADD COLUMN released_tier text,
    ADD COLUMN released_days integer,
    ADD COLUMN held_since    date,
    ADD COLUMN pin_reason    text CHECK (pin_reason IS NULL OR length(btrim(pin_reason)) > 0),
    ADD COLUMN pinned_by     text;
CREATE INDEX customers_in_pool ON customers (released_on, id) WHERE owner IS NULL;
ALTER TABLE tier_changes ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE contacts ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE follow_ups ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE snoozes ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE assessments ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE assessment_drafts ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE indicator_values ALTER COLUMN customer_owner DROP NOT NULL;
ALTER TABLE late_payments ALTER COLUMN customer_owner DROP NOT NULL;

-- The rules of the book's scheme, per tier (NULL: off).
CREATE TABLE tier_rules (
    tier                text PRIMARY KEY,
    escalate_after_days integer CHECK (escalate_after_days >= 0),
    release_after_days  integer CHECK (release_after_days >= 0)
);
-- The days swept: none is swept again, and nothing is released while the clock is behind one.
CREATE TABLE pool_sweeps (
    day       date PRIMARY KEY,
    swept_at  timestamp(0) NOT NULL,
    swept_by  text NOT NULL DEFAULT session_user,
    released  integer NOT NULL,
    escalated integer NOT NULL
);
-- What happened to whom, for the lead's report: escalated (once per due date), released,
-- claimed (by oneself) and assigned (by a lead). No foreign key: it outlives a deletion.
CREATE TABLE pool_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('escalated', 'released', 'claimed', 'assigned')),
    person       text NOT NULL,
    by_login     text NOT NULL DEFAULT session_user,
    happened_on  date NOT NULL,
    tier         text NOT NULL,
    days_overdue integer,
    counted_from date,
    at           timestamp(0) NOT NULL DEFAULT localtimestamp(0)
);
CREATE UNIQUE INDEX pool_events_escalated_once ON pool_events (customer_id, counted_from) WHERE kind = 'escalated';
CREATE INDEX pool_events_by_person ON pool_events (person, happened_on);

GRANT SELECT ON tier_rules, pool_sweeps, pool_events TO {people};
GRANT INSERT, UPDATE, DELETE ON tier_rules TO {admin};
ALTER TABLE tier_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON tier_rules FOR SELECT USING (true);
CREATE POLICY admins ON tier_rules TO {admin} USING (true) WITH CHECK (true);
ALTER TABLE pool_sweeps ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON pool_sweeps FOR SELECT USING (true);
ALTER TABLE pool_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON pool_events FOR SELECT
    USING (person = ANY (visible_owners()) OR by_login = session_user);

-- The logins whose pool a person reads: their lead's team (the lead and its managers), or a
-- lead's own team; an admin's is everyone's; a manager without a lead reads their own.
CREATE FUNCTION team_logins() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE me.role
        WHEN 'admin' THEN (SELECT array_agg(p.login) FROM public.people p)
        WHEN 'lead' THEN (SELECT array_agg(p.login) FROM public.people p
                          WHERE p.login = me.login OR p.lead = me.login)
        ELSE (SELECT array_agg(p.login) FROM public.people p
              WHERE p.login = me.login OR p.login = me.lead OR p.lead = me.lead)
    END
    FROM public.people me WHERE me.login = session_user
$fn$;
REVOKE ALL ON FUNCTION team_logins() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION team_logins() TO {people};

CREATE POLICY pool_readable ON customers FOR SELECT
    USING (owner IS NULL AND released_from = ANY (team_logins()));
DO $do$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tier_changes', 'contacts', 'follow_ups', 'snoozes', 'assessments',
                             'assessment_drafts', 'indicator_values', 'late_payments'] LOOP
        EXECUTE format('CREATE POLICY pool_readable ON %I FOR SELECT USING (customer_owner IS NULL
                        AND EXISTS (SELECT 1 FROM customers c WHERE c.id = customer_id AND c.owner IS NULL))', t);
    END LOOP;
END
$do$;

-- Columns a person's own SQL may not set: the pool's (only its functions, running as the
-- book's owner, write them) and the pin (a lead's or an admin's).
CREATE FUNCTION guard_pool_columns() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    my_role text := (SELECT p.role FROM public.people p WHERE p.login = current_user);
BEGIN
    IF my_role IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF num_nonnulls(NEW.released_from, NEW.released_on, NEW.released_tier, NEW.released_days, NEW.held_since) > 0
           OR (NEW.pin_reason IS NOT NULL AND my_role = 'manager') THEN
            RAISE EXCEPTION 'only the pool sets a customer''s release or claim, and only a lead pins'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSE
        IF (NEW.released_from, NEW.released_on, NEW.released_tier, NEW.released_days, NEW.held_since)
           IS DISTINCT FROM (OLD.released_from, OLD.released_on, OLD.released_tier, OLD.released_days, OLD.held_since)
           OR ((NEW.pin_reason, NEW.pinned_by) IS DISTINCT FROM (OLD.pin_reason, OLD.pinned_by) AND my_role = 'manager') THEN
            RAISE EXCEPTION 'only the pool sets a customer''s release or claim, and only a lead pins'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF NEW.pin_reason IS NULL THEN
        NEW.pinned_by := NULL;
    ELSIF TG_OP = 'INSERT' OR NEW.pin_reason IS DISTINCT FROM OLD.pin_reason THEN
        NEW.pinned_by := session_user;
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER customers_guard_pool BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION guard_pool_columns();

-- A change of the pool's own session, for the rest of the transaction.
CREATE FUNCTION pool_change() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
    INSERT INTO public.changes (session, made_at, made_by) VALUES ('pool', localtimestamp(0), session_user)
        RETURNING id INTO change;
    PERFORM set_config('tierdesk.change', change::text, true);
    RETURN change;
END
$fn$;
REVOKE ALL ON FUNCTION pool_change() FROM PUBLIC;

-- Release as of `asked` (the book's clock, at most tomorrow by the server's: nobody releases
-- a colleague's customers early by a clock set ahead), and record the escalations.
CREATE FUNCTION pool_sweep(asked date, OUT day date, OUT released integer, OUT escalated integer, OUT behind boolean,
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
    gone_ids := ARRAY(
        SELECT c.id FROM public.customers c JOIN public.tier_rules r ON r.tier = c.tier
        WHERE r.release_after_days IS NOT NULL AND c.owner IS NOT NULL AND c.pin_reason IS NULL
          AND c.next_due_on < pool_sweep.day - r.release_after_days
          AND (c.held_since IS NULL OR c.held_since < pool_sweep.day - r.release_after_days));
    IF cardinality(gone_ids) > 0 THEN
        PERFORM public.pool_change();
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
REVOKE ALL ON FUNCTION pool_sweep(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pool_sweep(date) TO {people};

-- Take a customer from the pool: for oneself (within `per_day` claims a day), or, for a
-- lead or an admin, for a person they may see (no limit). Outcomes: 'claimed', 'taken' (by
-- `who`), 'limit' (`claimed` made today already), 'unknown' (not in one's pool), 'refused'
-- (a manager assigning, or to someone the caller may not see).
CREATE FUNCTION pool_claim(customer bigint, today date, per_day integer, for_login text,
                           OUT outcome text, OUT who text, OUT claimed integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    me public.people;
    c public.customers;
    rows integer;
BEGIN
    SELECT * INTO me FROM public.people p WHERE p.login = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only a person of the book claims' USING ERRCODE = 'insufficient_privilege';
    END IF;
    who := coalesce(for_login, me.login);
    claimed := 0;
    IF who <> me.login AND (me.role = 'manager' OR NOT who = ANY (public.visible_owners())
                            OR NOT EXISTS (SELECT 1 FROM public.people p WHERE p.login = who)) THEN
        outcome := 'refused';
        RETURN;
    END IF;
    SELECT * INTO c FROM public.customers x WHERE x.id = customer;
    IF NOT FOUND OR (c.owner IS NULL AND NOT coalesce(c.released_from = ANY (public.team_logins()), false))
       OR (c.owner IS NOT NULL AND NOT c.owner = ANY (public.team_logins())) THEN
        outcome := 'unknown';
        RETURN;
    END IF;
    IF c.owner IS NOT NULL THEN
        outcome := 'taken';
        who := c.owner;
        RETURN;
    END IF;
    -- One claim at a time per person: the count below stays true until the commit.
    PERFORM pg_advisory_xact_lock(hashtext('tierdesk pool claims ' || who));
    IF who = me.login THEN
        SELECT count(*) INTO claimed FROM public.pool_events e
        WHERE e.kind = 'claimed' AND e.person = who AND e.happened_on = today;
        IF claimed >= per_day THEN
            outcome := 'limit';
            RETURN;
        END IF;
    END IF;
    PERFORM public.pool_change();
    UPDATE public.customers x SET owner = who, held_since = today, updated_at = localtimestamp(0)
    WHERE x.id = customer AND x.owner IS NULL;
    GET DIAGNOSTICS rows = ROW_COUNT;
    IF rows = 0 THEN
        outcome := 'taken';
        SELECT x.owner INTO who FROM public.customers x WHERE x.id = customer;
        RETURN;
    END IF;
    -- Its rows follow it (the cascade does not reach rows whose copy is NULL).
    UPDATE public.tier_changes t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.contacts t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.follow_ups t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.snoozes t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.assessments t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.assessment_drafts t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.indicator_values t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    UPDATE public.late_payments t SET customer_owner = who WHERE t.customer_id = customer AND t.customer_owner IS NULL;
    INSERT INTO public.pool_events (customer_id, kind, person, happened_on, tier, counted_from)
    VALUES (customer, CASE WHEN who = me.login THEN 'claimed' ELSE 'assigned' END, who, today, c.tier, today);
    outcome := 'claimed';
    claimed := claimed + 1;
END
$fn$;
REVOKE ALL ON FUNCTION pool_claim(bigint, date, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pool_claim(bigint, date, integer, text) TO {people};
"#;

/// Write the book's scheme's rules into `tier_rules` (by the book's owner at `team init`, or
/// an admin setting the scheme): what the sweep reads, so that no caller brings its own.
pub(crate) fn fill_tier_rules(
    c: &mut impl postgres::GenericClient,
    scheme: &crate::domain::tier::TierScheme,
) -> Result<(), postgres::Error> {
    let days = |d: Option<u32>| d.map(|d| i32::try_from(d).unwrap_or(i32::MAX));
    c.execute("DELETE FROM tier_rules", &[])?;
    for t in &scheme.tiers {
        c.execute(
            "INSERT INTO tier_rules (tier, escalate_after_days, release_after_days) VALUES ($1, $2, $3)",
            &[&t.code, &days(t.rules.escalate_after_days), &days(t.rules.release_after_days)],
        )?;
    }
    Ok(())
}
