-- Planbro's team store: a signed or closed version's content is never changed, and a
-- caseworker's role may still follow it up, close it and journalise it.
--
-- A version's row (planbro.plan_versions, its plan's by plan_id) is replaced whole by each
-- of Planbro's steps (rows.py store_rows). The steps a caseworker does most rewrite a signed
-- or closed version's body (lifecycle.py): a follow-up of a signed plan adds to its
-- "follow_up" (history, next date) and stamps "updated", and one that closes the case also
-- sets "status" to closed; closing sets "status" to closed and stamps "updated"; journalising
-- a closed case sets "journalised" and stamps "updated". None of them changes the plan
-- itself. Row-level security (setup_roles.sql) let a caseworker's role update draft
-- versions only, so these steps were refused to every caseworker: only the owner could.
--
-- The trigger below guards a frozen version's content instead, for every role (the owner
-- too): an UPDATE of a version whose stored status is signed may change only "follow_up",
-- "updated" and the status to closed; of a closed version only "journalised" and
-- "updated". Nothing else of its body, nor its plan or number. Drafts are not guarded.
-- setup_roles.sql now lets a caseworker update any version of its units' plans
-- (policy change_versions, which replaces change_drafts); this file changes the policy too
-- where it was set up already, so IT need not run setup_roles.sql again for it.
--
-- A Planbro that adds a field to the plan (the exchange format) would write it into every
-- version it follows up: the store leaves out of a frozen version the top-level fields its
-- stored body lacks (rows.py onto_frozen). A field added inside one (a goal's, a service's)
-- needs a migration adding it to the stored frozen versions (with this trigger disabled),
-- or follow-ups of them are refused.

-- Run as the updating role; it reads no table.
CREATE FUNCTION planbro.plan_versions_keep_frozen() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    was text := coalesce(OLD.body->>'status', 'draft');
    becomes text := coalesce(NEW.body->>'status', 'draft');
    may_change text[];
    changed text;
BEGIN
    IF was NOT IN ('signed', 'closed') THEN
        RETURN NEW;
    END IF;
    IF was = 'signed' AND becomes IN ('signed', 'closed') THEN
        may_change := ARRAY['status', 'follow_up', 'updated'];
    ELSIF was = 'closed' AND becomes = 'closed' THEN
        may_change := ARRAY['journalised', 'updated'];
    ELSE
        may_change := ARRAY[]::text[];
    END IF;
    IF NEW.plan_id = OLD.plan_id AND NEW.version = OLD.version
       AND (NEW.body - may_change) = (OLD.body - may_change) THEN
        RETURN NEW;
    END IF;
    SELECT string_agg(coalesce(o.key, n.key), ', ' ORDER BY coalesce(o.key, n.key)) INTO changed
    FROM jsonb_each(OLD.body) o FULL JOIN jsonb_each(NEW.body) n ON n.key = o.key
    WHERE o.value IS DISTINCT FROM n.value AND NOT coalesce(o.key, n.key) = ANY (may_change);
    RAISE EXCEPTION 'version % of plan % is %: its content is never changed (a signed version '
                    'only has its follow-up recorded or is closed, a closed one is journalised)',
                    OLD.version, OLD.plan_id, was
        USING ERRCODE = 'integrity_constraint_violation',
              CONSTRAINT = 'plan_versions_frozen',
              DETAIL = 'Changed: ' || coalesce(changed, 'its plan or version number') || '.';
END
$$;

CREATE TRIGGER versions_frozen BEFORE UPDATE ON planbro.plan_versions
    FOR EACH ROW EXECUTE FUNCTION planbro.plan_versions_keep_frozen();

-- Where setup_roles.sql has been run (the policy is there): any version of the units'
-- plans may be updated, the trigger above guarding the frozen ones. Where it has not
-- (the first connection, before IT ran it), setup_roles.sql makes that policy.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'planbro_caseworker')
       AND EXISTS (SELECT FROM pg_policy WHERE polname = 'change_drafts'
                   AND polrelid = 'planbro.plan_versions'::regclass) THEN
        DROP POLICY change_drafts ON planbro.plan_versions;
        CREATE POLICY change_versions ON planbro.plan_versions FOR UPDATE TO planbro_caseworker
            USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id))
            WITH CHECK (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
    END IF;
END
$$;
