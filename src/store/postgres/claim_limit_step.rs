//! The team's daily claim limit, held by the book (issue 17's follow-up; the lead renumbers
//! at merge). Step 12 let each person's tierdesk pass its own limit (`[team] claims_per_day`
//! in their config) to `pool_claim`, so anyone could raise their own, and a person's own SQL
//! could pass any number. Now the limit is one row of the book (`pool_settings`, 5 until
//! someone sets it): every person reads it, only a lead or an admin (or the book's owner,
//! who owns the table) changes it, and `pool_claim` reads it itself: it takes no limit from
//! its caller any more (the old four-argument function is dropped).
//!
//! The claim's day is the caller's clock too, so it is bounded the way the sweep's is: never
//! past the server's tomorrow (a claim dated years ahead would count the rules from then,
//! and keep the customer that long), and a claim dated back counts every claim made on that
//! day or after it (a day already past cannot be filled again by setting the clock back).

pub const CLAIM_LIMIT: &str = r#"
CREATE TABLE pool_settings (
    only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    claims_per_day integer NOT NULL CHECK (claims_per_day BETWEEN 0 AND 1000),
    -- NULL until someone sets the limit: `team init` then takes its owner's config.
    set_by         text,
    set_at         timestamp(0)
);
INSERT INTO pool_settings (claims_per_day) VALUES (5);
GRANT SELECT ON pool_settings TO {people};
GRANT UPDATE (claims_per_day) ON pool_settings TO {lead}, {admin};
ALTER TABLE pool_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON pool_settings FOR SELECT USING (true);
CREATE POLICY leads ON pool_settings FOR UPDATE TO {lead}, {admin} USING (true) WITH CHECK (true);

-- Who set the limit and when: kept by the book, whoever writes.
CREATE FUNCTION pool_settings_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    NEW.set_by := session_user;
    NEW.set_at := localtimestamp(0);
    RETURN NEW;
END
$fn$;
CREATE TRIGGER pool_settings_stamp BEFORE UPDATE ON pool_settings
    FOR EACH ROW EXECUTE FUNCTION pool_settings_stamp();

DROP FUNCTION pool_claim(bigint, date, integer, text);

-- Take a customer from the pool: for oneself (within the book's daily limit), or, for a
-- lead or an admin, for a person they may see (no limit). Outcomes: 'claimed', 'taken' (by
-- `who`), 'limit' (`claimed` made on the day already, `day_limit` a day), 'unknown' (not in
-- one's pool), 'refused' (a manager assigning, or to someone the caller may not see).
CREATE FUNCTION pool_claim(customer bigint, today date, for_login text,
                           OUT outcome text, OUT who text, OUT claimed integer, OUT day_limit integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    me public.people;
    c public.customers;
    rows integer;
    day date := least(today, current_date + 1);
BEGIN
    SELECT * INTO me FROM public.people p WHERE p.login = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only a person of the book claims' USING ERRCODE = 'insufficient_privilege';
    END IF;
    who := coalesce(for_login, me.login);
    claimed := 0;
    day_limit := (SELECT s.claims_per_day FROM public.pool_settings s);
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
        WHERE e.kind = 'claimed' AND e.person = who AND e.happened_on >= day;
        IF claimed >= day_limit THEN
            outcome := 'limit';
            RETURN;
        END IF;
    END IF;
    PERFORM public.pool_change();
    UPDATE public.customers x SET owner = who, held_since = day, updated_at = localtimestamp(0)
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
    VALUES (customer, CASE WHEN who = me.login THEN 'claimed' ELSE 'assigned' END, who, day, c.tier, day);
    outcome := 'claimed';
    claimed := claimed + 1;
END
$fn$;
REVOKE ALL ON FUNCTION pool_claim(bigint, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pool_claim(bigint, date, text) TO {people};
"#;
