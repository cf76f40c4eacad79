//! Step 2 of the team book's schema: the audit log, kept by the database itself. Every
//! write to an audited table (the SQLite book's eight: `store::audit::AUDITED`) is logged by
//! statement-level triggers, whoever writes and however: through tierdesk, whose write
//! transaction names its change in `tierdesk.change`, or by a person's own SQL in psql, for
//! which the trigger makes the `changes` row itself (session `outside`). People still only
//! insert into the log (step 1's grants); the triggers run as the writer, so the log's own
//! policies check every row they add.
//!
//! What a log row holds is what the SQLite book keeps (`store/audit.rs`): nothing for an
//! added row (the row is its own record), only the changed columns' old and new values for a
//! change (none when only `updated_at` moved), the whole row for a removal. `customer_owner`
//! (the team book's copy of the owner, moved by the database on a hand-over) is left out of
//! every image, as it is not a column of the SQLite book. Statement-level triggers with
//! transition tables log all the rows of a statement in one insert, so an import of many
//! rows per statement (multi-row INSERT, COPY) needs no bulk mode.
//!
//! The triggers fire after the foreign keys' cascades (those are row triggers), so the log
//! of a removed customer lists its rows before it: undo, walking the log backwards, puts the
//! customer back first.
//!
//! Also: the foreign keys between the book's records become deferrable (undo defers them),
//! a `NOTIFY tierdesk_change` per writing transaction (other connections' writes
//! move `data_version`), an index to find a change's rows, and a policy letting a person
//! read the changes made to records they may see (a manager reads who of the team changed
//! their customer, for history and for undo's check).

pub const AUDIT: &str = r#"
CREATE INDEX audit_log_by_change ON audit_log (change_id, id);

-- The change the current transaction writes under: tierdesk's, or one made here for a
-- write from outside tierdesk (kept for the rest of the transaction).
CREATE FUNCTION audit_change() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint := nullif(current_setting('tierdesk.change', true), '')::bigint;
BEGIN
    IF change IS NULL THEN
        INSERT INTO public.changes (session, made_at) VALUES ('outside', localtimestamp(0))
            RETURNING id INTO change;
        PERFORM set_config('tierdesk.change', change::text, true);
    END IF;
    PERFORM pg_notify('tierdesk_change', '');
    RETURN change;
END
$fn$;

-- The customer a row (as JSON) belongs to, with its owner.
CREATE FUNCTION audit_customer(tbl text, j jsonb, OUT customer_id bigint, OUT customer_owner text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE tbl WHEN 'customers' THEN (j->>'id')::bigint
                    WHEN 'follow_up_reschedules' THEN f.customer_id
                    ELSE (j->>'customer_id')::bigint END,
           CASE tbl WHEN 'customers' THEN j->>'owner'
                    WHEN 'follow_up_reschedules' THEN f.customer_owner
                    ELSE j->>'customer_owner' END
    FROM (SELECT 1) AS one
    LEFT JOIN public.follow_ups f
           ON tbl = 'follow_up_reschedules' AND f.id = (j->>'follow_up_id')::bigint
$fn$;

CREATE FUNCTION audit_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM added) THEN
        RETURN NULL;
    END IF;
    change := public.audit_change();
    INSERT INTO public.audit_log (change_id, table_name, row_id, customer_id, customer_owner, op)
    SELECT change, TG_TABLE_NAME::text, (r.j->>'id')::bigint, c.customer_id, c.customer_owner, 'insert'
    FROM (SELECT to_jsonb(a) AS j FROM added a) r,
         LATERAL public.audit_customer(TG_TABLE_NAME::text, r.j) c
    ORDER BY 3;
    RETURN NULL;
END
$fn$;

-- The change is made (for a write from outside) only once a row is found worth logging, and
-- before the insert that names it (whose policy would not see a change made during it).
CREATE FUNCTION audit_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM before_rows b JOIN after_rows a ON a.id = b.id
                   WHERE to_jsonb(b) - 'customer_owner' - 'updated_at'
                         IS DISTINCT FROM to_jsonb(a) - 'customer_owner' - 'updated_at') THEN
        RETURN NULL;
    END IF;
    change := public.audit_change();
    INSERT INTO public.audit_log
        (change_id, table_name, row_id, customer_id, customer_owner, op, old_row, new_row)
    SELECT change, TG_TABLE_NAME::text, p.id, c.customer_id, c.customer_owner, 'update',
           d.old_row, d.new_row
    FROM (SELECT b.id, to_jsonb(b) - 'customer_owner' AS o, to_jsonb(a) - 'customer_owner' AS n, to_jsonb(a) AS j
          FROM before_rows b JOIN after_rows a ON a.id = b.id) p
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

CREATE FUNCTION audit_deleted() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    change bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM gone) THEN
        RETURN NULL;
    END IF;
    change := public.audit_change();
    INSERT INTO public.audit_log
        (change_id, table_name, row_id, customer_id, customer_owner, op, old_row)
    SELECT change, TG_TABLE_NAME::text, (r.j->>'id')::bigint, c.customer_id, c.customer_owner, 'delete',
           r.j - 'customer_owner'
    FROM (SELECT to_jsonb(g) AS j FROM gone g) r,
         LATERAL public.audit_customer(TG_TABLE_NAME::text, r.j) c
    ORDER BY 3;
    RETURN NULL;
END
$fn$;

-- The log's rows name their customer's owner themselves (the owner at the time); the copy
-- from the customer is for a row a person adds by hand without one (measured: the trigger
-- on every row took a fifth of a one-row write's logging).
DROP TRIGGER audit_log_owner ON audit_log;
CREATE TRIGGER audit_log_owner BEFORE INSERT ON audit_log
    FOR EACH ROW WHEN (NEW.customer_owner IS NULL) EXECUTE FUNCTION set_customer_owner();

DO $do$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['customers', 'contacts', 'follow_ups', 'follow_up_reschedules',
                             'tier_changes', 'snoozes', 'indicator_values', 'assessments'] LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS added
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_inserted()', t);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %I
                        REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_updated()', t);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS gone
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_deleted()', t);
    END LOOP;
END
$do$;

-- Undo puts a removed customer back with its rows in one transaction, children possibly
-- first (the cascade's rows are logged after the customer's): as the SQLite engine defers
-- its foreign keys for that, so may this one (still checked at commit; a cascade still acts
-- at once).
DO $do$
DECLARE
    fk record;
BEGIN
    FOR fk IN SELECT c.conrelid::regclass AS tbl, c.conname FROM pg_constraint c
              JOIN pg_namespace n ON n.oid = c.connamespace
              WHERE c.contype = 'f' AND n.nspname = 'public' AND NOT c.condeferrable
                AND c.conrelid <> 'public.audit_log'::regclass AND c.conrelid <> 'public.people'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', fk.tbl, fk.conname);
    END LOOP;
END
$do$;

-- An image with its columns in the table's order (jsonb keeps its own order), as text.
CREATE FUNCTION audit_image(tbl text, img jsonb) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT json_object_agg(a.attname, img -> a.attname::text ORDER BY a.attnum)::text
    FROM pg_attribute a
    WHERE a.attrelid = ('public.' || quote_ident(tbl))::regclass
      AND a.attnum > 0 AND NOT a.attisdropped AND img ? a.attname::text
$fn$;

-- Whether a change touched a record the caller may see (read as the owner: the log's own
-- policy reads `changes`, which would read the log again).
CREATE FUNCTION change_touches_visible(change bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.audit_log a
                   WHERE a.change_id = change AND a.customer_owner = ANY (public.visible_owners()))
$fn$;
REVOKE ALL ON FUNCTION change_touches_visible(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_touches_visible(bigint) TO {people};
-- The cheap tests first (the log's insert policy reads `changes` for every row it adds, and
-- history reads the change of every entry): the planner puts this policy's test before the
-- first step's.
CREATE POLICY readable_through_records ON changes FOR SELECT
    USING (made_by = session_user OR made_by = ANY (visible_owners()) OR change_touches_visible(id));
"#;
