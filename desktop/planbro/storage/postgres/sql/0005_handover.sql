-- Planbro's team store, schema version 5: the responsible caseworker, and hand-overs.
--
-- A plan's responsible caseworker is the one named in it until a hand-over ("Overdrag
-- sag") names another: "responsible" for good, or "substitute" (a vikar) up to and
-- including "substitute_until", after which the case is the responsible one's again.
-- The caseload lists the one responsible today (storage/postgres/handover.py). Each
-- hand-over is a row of planbro.handovers with its note; the audit record says only
-- that it happened (to a colleague or a vikar), never the note.

ALTER TABLE planbro.plans
    ADD COLUMN responsible text NOT NULL DEFAULT '',
    ADD COLUMN substitute text NOT NULL DEFAULT '',
    ADD COLUMN substitute_until date,
    ADD CHECK ((substitute = '') = (substitute_until IS NULL));

CREATE INDEX plans_responsible ON planbro.plans (responsible, name);
CREATE INDEX plans_substitute ON planbro.plans (substitute, name) WHERE substitute <> '';

CREATE TABLE planbro.handovers (
    plan_id   text COLLATE "C" NOT NULL REFERENCES planbro.plans (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now(),
    by_role   text NOT NULL DEFAULT current_user,
    from_name text NOT NULL,
    to_name   text NOT NULL CHECK (to_name <> ''),
    -- A vikar's last day; NULL: handed over for good.
    until     date,
    note      text NOT NULL CHECK (note <> '')
);

CREATE INDEX handovers_plan ON planbro.handovers (plan_id, at);
