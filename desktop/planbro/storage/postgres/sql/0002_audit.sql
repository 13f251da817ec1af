-- Planbro's team store, schema version 2: the audit log, append-only.
--
-- One row per record, in the order written ("seq", from 1 without gaps). "line" is the
-- record exactly as the local log writes it (planbro/audit/chain.py: one JSON object,
-- with "seq" and "prev", the SHA-256 of the line before it; the first has prev ""), so
-- the DPO checks the chain of either log with the same tool:
--     psql -At -c "SELECT line FROM planbro.audit ORDER BY seq"
-- The other columns repeat the line's fields for queries (a plan's records, a day's).
-- Caseworkers' roles get INSERT and SELECT only (the roles' SQL): never UPDATE or DELETE.

CREATE TABLE planbro.audit (
    seq     bigint PRIMARY KEY CHECK (seq > 0),
    at      timestamptz NOT NULL,
    db_user text NOT NULL DEFAULT current_user,
    action  text NOT NULL,
    plan_id text COLLATE "C",
    version integer,
    prev    text NOT NULL,
    line    text NOT NULL
);

CREATE INDEX audit_plan ON planbro.audit (plan_id, seq);
