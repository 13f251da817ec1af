-- Planbro's team store, schema version 1: the plans, every version of each.
--
-- Run by Planbro itself, on connection, as a role allowed to (the IT department's
-- owner role); or by hand, in order, with psql -1 -f. Each file is one transaction.
-- The schema "planbro" holds everything; nothing is put in "public".

CREATE SCHEMA IF NOT EXISTS planbro;

-- Which of these files have been applied: the highest number is the schema's version.
CREATE TABLE planbro.schema_version (
    version integer PRIMARY KEY,
    name    text NOT NULL,
    applied timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user
);

-- One row per plan: its summary, as the caseload lists it, read without a plan body.
-- The columns are storage/summary.py's PlanSummary; "revision" counts every write
-- of the plan, so a save based on an older revision is refused (no silent overwrite).
CREATE TABLE planbro.plans (
    id             text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
    revision       bigint  NOT NULL CHECK (revision > 0),
    version        integer NOT NULL CHECK (version > 0),
    status         text    NOT NULL CHECK (status IN ('draft', 'signed', 'closed')),
    name           text    NOT NULL,
    cpr_masked     text    NOT NULL,
    basis          text    NOT NULL,
    decision       text    NOT NULL,
    created        text    NOT NULL,
    updated        text    NOT NULL,
    next_follow_up date,
    versions       integer NOT NULL,
    signed_version integer,
    signed_on      date,
    offer_date     date,
    offer_again    date,
    journalised    date,
    caseworker     text    NOT NULL DEFAULT '',
    unit           text    NOT NULL DEFAULT '',
    -- The quality check's light when the plan was last saved: red, yellow, green; NULL: not known.
    quality        text CHECK (quality IN ('red', 'yellow', 'green')),
    changed_at     timestamptz NOT NULL DEFAULT now()
);

-- The caseloads: a unit's plans by name, a caseworker's, the follow-ups that fall due.
CREATE INDEX plans_unit ON planbro.plans (unit, name);
CREATE INDEX plans_caseworker ON planbro.plans (caseworker, name);
CREATE INDEX plans_follow_up ON planbro.plans (next_follow_up) WHERE status <> 'closed';

-- Every version of every plan, as the exchange format (planbro.exchange) in jsonb.
-- A draft version is replaced while it is edited; a signed or closed one is frozen
-- (the store refuses to change it; the row-level policies of the roles' SQL too).
CREATE TABLE planbro.plan_versions (
    plan_id  text COLLATE "C" NOT NULL REFERENCES planbro.plans (id) ON DELETE CASCADE,
    version  integer NOT NULL CHECK (version > 0),
    body     jsonb   NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, version)
);
