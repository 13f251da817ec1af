-- Planbro's team store: a plan is deleted only with its audit record, and its row agrees
-- with its newest version.
--
-- Planbro deletes a plan (a draft: "delete"; a case past its retention: "purge") by
-- appending the record and then deleting the row in one transaction (store.py _remove);
-- its versions, lease and hand-overs go with it (ON DELETE CASCADE). A caseworker's role
-- has DELETE on planbro.plans for that, so by hand (psql) it could delete a plan of its
-- units, signed or not, with no record, and the chain would still be whole. The trigger
-- below refuses a deletion, to every role, unless the same transaction wrote a removal
-- record of that plan in the deleting role's name, and unless the plan is one that record
-- may remove: "delete" a plan no version of which left draft, "purge" one whose newest
-- version is closed and journalised (the retention days are the municipality's setting,
-- Planbro's to check). TRUNCATE of the plans is refused the same way.
--
-- ┌──────────────────────────────────────────────────────────────────────────┐
-- │ Why the record is tied to its transaction by pg_current_xact_id()        │
-- │                                                                          │
-- │ The record's "at" is the client's clock, to the second: no use. A        │
-- │ column defaulting to now() is the same through one transaction, but it   │
-- │ is the moment the transaction began: two transactions begun in the same  │
-- │ microsecond share it, and a server clock set back repeats an old one.    │
-- │ The row's xmin is 32 bits (it wraps, and a frozen row keeps its old      │
-- │ one) and, written under a savepoint (psycopg's nested transaction()),    │
-- │ is the savepoint's own. pg_current_xact_id() is the top-level            │
-- │ transaction's id with its epoch, 64 bits: never the same for two         │
-- │ transactions of the server, the same under any savepoint. A BEFORE       │
-- │ INSERT trigger sets the new column "xact" to it, whatever the INSERT     │
-- │ gave, so no role writes a record in a stale transaction's name; no role  │
-- │ changes it after (the audit table's triggers, 0007). Records written     │
-- │ before this version have none (NULL): they are of plans long removed.    │
-- └──────────────────────────────────────────────────────────────────────────┘
--
-- The owner role (IT's) is held to this too, as to the audit log's triggers (0007): a
-- plan removed by hand without Planbro is removed with the trigger disabled, in a
-- transaction, which the server's log_statement = 'ddl' keeps:
--     BEGIN;
--     ALTER TABLE planbro.plans DISABLE TRIGGER plans_removal_recorded;
--     DELETE FROM planbro.plans WHERE id = '...';
--     ALTER TABLE planbro.plans ENABLE TRIGGER plans_removal_recorded;
--     COMMIT;
-- Backups and restores (pg_dump, pg_restore) delete no rows and are not affected.
--
-- The row's status and version are the caseload's and the overview's (the summary): a
-- plan row saying "draft" over a signed newest version lists a signed plan as a draft.
-- Planbro writes both from the versions in one transaction (rows.py store_rows); a
-- constraint trigger checks at COMMIT that a plan row whose status or version was
-- written, or whose version's status was, agrees with its newest version (a row with no
-- versions yet is not checked: a restore of the data table by table loads the plans
-- first). Saves that change neither (a draft's typing) are not checked at all.

ALTER TABLE planbro.audit ADD COLUMN xact xid8;

CREATE FUNCTION planbro.audit_stamp_xact() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    NEW.xact := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_xact BEFORE INSERT ON planbro.audit
    FOR EACH ROW EXECUTE FUNCTION planbro.audit_stamp_xact();

-- The removal records of a plan, found by the trigger below in one look-up.
CREATE INDEX audit_removals ON planbro.audit (plan_id, xact) WHERE action IN ('delete', 'purge');

-- Run as the deleting role (not SECURITY DEFINER): current_user is who deletes, and
-- row-level security lets a caseworker read their own records and their units' versions.
CREATE FUNCTION planbro.plans_refuse_unrecorded_removal() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    recorded text[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'planbro.plans is never truncated: each plan is deleted with its audit record'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT array_agg(DISTINCT a.action) INTO recorded FROM planbro.audit a
    WHERE a.plan_id = OLD.id AND a.action IN ('delete', 'purge')
      AND a.xact = pg_current_xact_id() AND a.db_user = current_user;
    IF recorded IS NULL THEN
        RAISE EXCEPTION 'plan % is deleted only with its audit record ("delete" or "purge") '
                        'written by the same role in the same transaction', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF 'delete' = ANY (recorded) AND NOT EXISTS (
            SELECT FROM planbro.plan_versions v
            WHERE v.plan_id = OLD.id AND coalesce(v.body->>'status', 'draft') <> 'draft') THEN
        RETURN OLD;
    END IF;
    IF 'purge' = ANY (recorded) AND EXISTS (
            SELECT FROM (SELECT v.body FROM planbro.plan_versions v WHERE v.plan_id = OLD.id
                         ORDER BY v.version DESC LIMIT 1) newest
            WHERE newest.body->>'status' = 'closed'
              AND coalesce(newest.body->>'journalised', '') <> '') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'plan % may not be removed as recorded (%): a signed plan is never '
                    'deleted, and a case is purged only when closed and journalised',
                    OLD.id, array_to_string(recorded, ', ')
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER plans_removal_recorded BEFORE DELETE ON planbro.plans
    FOR EACH ROW EXECUTE FUNCTION planbro.plans_refuse_unrecorded_removal();
CREATE TRIGGER plans_never_truncated BEFORE TRUNCATE ON planbro.plans
    FOR EACH STATEMENT EXECUTE FUNCTION planbro.plans_refuse_unrecorded_removal();

-- Run with the owner's rights, so row-level security hides no version from the check.
CREATE FUNCTION planbro.plans_check_status() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    plan text;
    row_status text;
    row_version integer;
    newest integer;
    newest_status text;
BEGIN
    IF TG_TABLE_NAME = 'plans' THEN
        plan := NEW.id;
    ELSE
        plan := NEW.plan_id;
    END IF;
    SELECT p.status, p.version INTO row_status, row_version FROM planbro.plans p WHERE p.id = plan;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted later in the transaction
    END IF;
    SELECT v.version, coalesce(v.body->>'status', 'draft') INTO newest, newest_status
    FROM planbro.plan_versions v WHERE v.plan_id = plan ORDER BY v.version DESC LIMIT 1;
    IF FOUND AND (row_status <> newest_status OR row_version <> newest) THEN
        RAISE EXCEPTION 'plan %: its row says version % %, its newest version is % %', plan,
                        row_version, row_status, newest, newest_status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER plans_status_new AFTER INSERT ON planbro.plans
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION planbro.plans_check_status();
CREATE CONSTRAINT TRIGGER plans_status_changed AFTER UPDATE OF status, version ON planbro.plans
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION planbro.plans_check_status();
CREATE CONSTRAINT TRIGGER versions_status_new AFTER INSERT ON planbro.plan_versions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION planbro.plans_check_status();
CREATE CONSTRAINT TRIGGER versions_status_changed AFTER UPDATE OF body, version ON planbro.plan_versions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.body->>'status' IS DISTINCT FROM NEW.body->>'status'
                       OR OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION planbro.plans_check_status();
