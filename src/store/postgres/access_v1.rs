//! Step 1 of the team book's schema, second half: who may do what. The people's roles
//! never own a table (an owner passes row-level security by), so the policies hold for
//! every person; the role that ran `team init` owns the tables and is not a person.
//!
//! Policy shapes (measured on 100,000 customers and 1,000,000 contacts, 20 managers, one
//! lead over all of them; a manager's contacts of the last week, then one customer's):
//! a copied `customer_owner` with `customer_owner = ANY (visible_owners())` took 1.6 ms
//! (manager) and 3.2 ms (lead) where a policy through the customer (`EXISTS (SELECT FROM
//! customers ...)`) took 11.3 ms and 81 ms; one customer's contacts cost the same either
//! way (0.2 to 0.6 ms). So the tables with a customer's rows carry the copy; the three
//! tables reached only through their parent row (answers, draft answers, reschedules) go
//! through it. On the whole schema at that size, a manager's first 50 customers by next due
//! date took 0.8 ms and a lead's 0.9 ms (an index scan filtered by the policy); last week's
//! contacts 1.5 ms and 2.4 ms; counting all customers 5 ms (manager) to 40 ms (lead, admin).

pub const ACCESS: &str = r#"
-- Only the people of this book (and the database's owner) may connect to it.
DO $do$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO {people}', current_database());
END
$do$;

GRANT USAGE ON SCHEMA public TO {people};
GRANT SELECT ON people, book_meta, schema_migrations TO {people};
GRANT INSERT, UPDATE ON book_meta TO {admin};
GRANT SELECT, INSERT, UPDATE, DELETE ON
    customers, tier_changes, contacts, follow_ups, follow_up_reschedules, snoozes,
    assessments, assessment_answers, assessment_drafts, assessment_draft_answers,
    indicator_values
    TO {people};
-- The audit log is insert-only for every person: no UPDATE, no DELETE, no TRUNCATE.
GRANT SELECT, INSERT ON changes, audit_log TO {people};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {people};
GRANT EXECUTE ON FUNCTION visible_owners() TO {people};

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON customers
    USING (owner = ANY (visible_owners())) WITH CHECK (owner = ANY (visible_owners()));

ALTER TABLE tier_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON tier_changes USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON contacts USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE follow_ups ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON follow_ups USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE snoozes ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON snoozes USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON assessments USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE assessment_drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON assessment_drafts USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));
ALTER TABLE indicator_values ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON indicator_values USING (customer_owner = ANY (visible_owners()))
    WITH CHECK (customer_owner = ANY (visible_owners()));

-- Through the parent row, whose own policy applies inside the subquery.
ALTER TABLE follow_up_reschedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON follow_up_reschedules
    USING (EXISTS (SELECT 1 FROM follow_ups f WHERE f.id = follow_up_id));
ALTER TABLE assessment_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON assessment_answers
    USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id));
ALTER TABLE assessment_draft_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON assessment_draft_answers
    USING (EXISTS (SELECT 1 FROM assessment_drafts d WHERE d.id = draft_id));

-- A person writes changes as themselves and reads those of the people they may see.
ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON changes FOR SELECT USING (made_by = ANY (visible_owners()));
CREATE POLICY own ON changes FOR INSERT WITH CHECK (made_by = session_user);
-- The log of a customer is read by whoever may see its owner (at the time of the change);
-- a row about no customer by whoever may see the change.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON audit_log FOR SELECT USING (
    customer_owner = ANY (visible_owners())
    OR (customer_owner IS NULL AND EXISTS (SELECT 1 FROM changes c WHERE c.id = change_id)));
CREATE POLICY own ON audit_log FOR INSERT WITH CHECK (
    (customer_owner IS NULL OR customer_owner = ANY (visible_owners()))
    AND EXISTS (SELECT 1 FROM changes c WHERE c.id = change_id AND c.made_by = session_user));
"#;
