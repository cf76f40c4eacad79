//! The first step of the schema's history (`migrations`): the tables of the first book.
//! Shipped: never edited, as every step.

/// Customers with their tier and denormalised schedule, tier history, contacts, follow-ups
/// and assessments.
pub(super) const FIRST_BOOK: &str = r#"
CREATE TABLE book_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    ext_ref         TEXT UNIQUE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- pinyin/lowercase sort key, so that Chinese names sort as people expect
    name_key        TEXT NOT NULL,
    company         TEXT NOT NULL DEFAULT '',
    contact_person  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    region          TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    industry        TEXT NOT NULL DEFAULT '',
    owner           TEXT NOT NULL DEFAULT '',
    tags            TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_on      TEXT NOT NULL,
    tier            TEXT NOT NULL,
    last_contact_on TEXT,
    next_due_on     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX customers_by_tier_name ON customers (tier, name_key, name);
CREATE INDEX customers_by_tier_due  ON customers (tier, next_due_on);
CREATE INDEX customers_by_tier_last ON customers (tier, last_contact_on);
CREATE INDEX customers_by_name      ON customers (name_key, name);
CREATE INDEX customers_by_due       ON customers (next_due_on);
CREATE INDEX customers_by_last      ON customers (last_contact_on);

CREATE TABLE tier_changes (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    from_tier   TEXT,
    to_tier     TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX tier_changes_by_customer ON tier_changes (customer_id, changed_at);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    happened_at TEXT,
    person      TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_customer_date ON contacts (customer_id, happened_on);
CREATE INDEX contacts_by_date ON contacts (happened_on);

CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    what        TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, due_on);
CREATE INDEX follow_ups_open_by_due ON follow_ups (due_on) WHERE done_at IS NULL;

CREATE TABLE assessments (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    customer_id           INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    taken_on              TEXT NOT NULL,
    taken_by              TEXT NOT NULL,
    score                 INTEGER NOT NULL,
    category              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_by_customer ON assessments (customer_id, taken_on);

CREATE TABLE assessment_answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    row_index     INTEGER NOT NULL DEFAULT 0,
    letters       TEXT NOT NULL,
    points        INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, question_id, row_index)
) STRICT;
"#;
