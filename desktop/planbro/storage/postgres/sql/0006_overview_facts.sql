-- Planbro's team store, schema version 6: each plan's overview facts beside its summary.
--
-- The team leader's overview (planbro overblik, Overblik) counts every plan of a period
-- and a unit. Its facts of a plan (planbro/overview/facts.py: dates, outcomes, the
-- quality rules' findings by day; no name, no CPR number, no free text) are made when
-- the plan is saved, as the local store keeps them in its index, so the overview reads
-- these rows only, never a plan body. "facts_unit" and "facts_worker" are the facts'
-- unit and caseworker folded (spacing and case), so the server chooses a unit's or a
-- caseworker's plans itself (storage/postgres/overview_rows.py); row-level security
-- (setup_roles.sql) keeps a caseworker to the units' plans as for any column.
--
-- Rows saved before this version have no facts (NULL): SQL cannot make them (the
-- quality rules are Planbro's), so the first overview makes them, reading each such
-- plan's versions once, and writes them here; facts of another format (a rule changed, or
-- the municipality's policy: facts_format) are made again the same way. The overview's
-- caseworker is the one responsible today after a hand-over (0005); "facts_worker", the
-- plan's own, only narrows the rows the server sends for a caseworker.

ALTER TABLE planbro.plans
    ADD COLUMN facts jsonb,
    ADD COLUMN facts_unit text NOT NULL DEFAULT '',
    ADD COLUMN facts_worker text NOT NULL DEFAULT '';

CREATE INDEX plans_facts_unit ON planbro.plans (facts_unit);
CREATE INDEX plans_facts_worker ON planbro.plans (facts_worker);
