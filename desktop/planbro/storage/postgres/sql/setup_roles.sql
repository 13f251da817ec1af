-- Planbro's team store: the roles and row-level security an IT department sets up once.
--
-- Run it as a superuser (or a role with CREATEROLE that owns the database), after
-- Planbro has made the schema by connecting once as the owner role, and again after
-- each Planbro upgrade that adds tables (it is safe to run any number of times):
--
--     createuser planbro_owner                     # IT's login that owns the schema
--     createdb --owner planbro_owner planbro
--     planbro --store "postgresql://planbro_owner@db.kommune.dk/planbro" list
--     psql -v ON_ERROR_STOP=1 -d planbro -f setup_roles.sql
--
-- The roles:
--   the schema's owner (planbro_owner above): makes and migrates the schema (Planbro does
--       when it connects as it), sees every row; used by IT, backups and the DPO.
--   planbro_caseworker: the group of every caseworker's own login role. Reads and writes
--       the plans of their unit(s) only; adds to the audit log, never changes or deletes
--       a record of it.
--   planbro_leader: team leaders, caseworkers too; may also break a colleague's lease.
--
-- A caseworker logs in as their own role (a Windows login through GSSAPI, or a password);
-- the units they work in are rows of planbro.unit_members, naming their role or a group
-- role they are a member of. A plan belongs to the unit written in it (the caseworker's
-- unit in Indstillinger, "Dig som sagsbehandler"), spelt exactly as in unit_members:
--
--     CREATE ROLE "anna.jensen" LOGIN IN ROLE planbro_caseworker;
--     INSERT INTO planbro.unit_members (role_name, unit) VALUES ('anna.jensen', 'Team Vest');
--     CREATE ROLE "lis.holm" LOGIN IN ROLE planbro_caseworker, planbro_leader;
--     INSERT INTO planbro.unit_members (role_name, unit) VALUES ('lis.holm', 'Team Vest');
--
-- The owner bypasses row-level security (it owns the tables), and so does a superuser:
-- neither is ever a caseworker's login.

\set ON_ERROR_STOP on

BEGIN;

DO $$
BEGIN
    -- The newest object the policies below rely on: the trigger guarding frozen versions
    -- (0009), without which change_versions would let a signed version be changed.
    IF to_regclass('planbro.handovers') IS NULL OR to_regprocedure('planbro.audit_tail()') IS NULL
       OR to_regprocedure('planbro.plan_versions_keep_frozen()') IS NULL THEN
        RAISE EXCEPTION 'The schema planbro is missing or too old: connect Planbro once as the '
                        'owner role (planbro --store "postgresql://OWNER@SERVER/DATABASE" list), '
                        'then run this file again.';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'planbro_caseworker') THEN
        CREATE ROLE planbro_caseworker NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'planbro_leader') THEN
        CREATE ROLE planbro_leader NOLOGIN IN ROLE planbro_caseworker;
    END IF;
END
$$;

-- Which units each role works in (a caseworker's login role, or a group role of theirs).
CREATE TABLE IF NOT EXISTS planbro.unit_members (
    role_name text NOT NULL,
    unit      text NOT NULL,
    PRIMARY KEY (role_name, unit)
);

-- The units the current role works in, through itself or any role it is a member of.
CREATE OR REPLACE FUNCTION planbro.my_units() RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT m.unit FROM planbro.unit_members m JOIN pg_roles r ON r.rolname = m.role_name
    WHERE pg_has_role(current_user, r.oid, 'MEMBER')
$$;

-- The object owners' rights stay theirs; a caseworker gets exactly what Planbro needs.
REVOKE ALL ON ALL TABLES IN SCHEMA planbro FROM PUBLIC;
GRANT USAGE ON SCHEMA planbro TO planbro_caseworker;
GRANT SELECT ON planbro.schema_version, planbro.unit_members TO planbro_caseworker;
GRANT SELECT, INSERT, UPDATE, DELETE ON planbro.plans TO planbro_caseworker;
-- Versions are never deleted on their own: only with their plan (ON DELETE CASCADE).
GRANT SELECT, INSERT, UPDATE ON planbro.plan_versions TO planbro_caseworker;
GRANT SELECT, INSERT, UPDATE, DELETE ON planbro.leases TO planbro_caseworker;
-- A hand-over is added, never changed or taken back (a new one is made instead).
GRANT SELECT, INSERT ON planbro.handovers TO planbro_caseworker;
-- The audit log is append-only for caseworkers: no UPDATE, DELETE or TRUNCATE.
REVOKE UPDATE, DELETE, TRUNCATE ON planbro.audit FROM planbro_caseworker;
GRANT SELECT, INSERT ON planbro.audit TO planbro_caseworker;
GRANT EXECUTE ON FUNCTION planbro.my_units(), planbro.audit_tail(),
    planbro.may_break_leases() TO planbro_caseworker;

-- Row-level security: a caseworker's role sees and changes only rows of its units' plans.
-- Written so each check is an index look-up, not a scan of every plan: the units as one
-- array (an index condition on plans_unit), and a row of another table by its plan's
-- primary key (EXISTS; "plan_id" is the other table's column: planbro.plans has none).
-- "x IN (SELECT ...)" here made the server read all the plans for every statement.
ALTER TABLE planbro.plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbro.plan_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbro.leases ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbro.audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbro.unit_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbro.handovers ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS own_units ON planbro.plans;
CREATE POLICY own_units ON planbro.plans TO planbro_caseworker
    USING (unit = ANY (ARRAY(SELECT planbro.my_units())))
    WITH CHECK (unit = ANY (ARRAY(SELECT planbro.my_units())));

-- A version is seen and changed with its plan. A signed or closed version's content is
-- never changed: the trigger versions_frozen (sql/0009) lets only its follow-up, closing and
-- journalising through, to every role; this policy lets a caseworker do those.
DROP POLICY IF EXISTS read_versions ON planbro.plan_versions;
CREATE POLICY read_versions ON planbro.plan_versions FOR SELECT TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
DROP POLICY IF EXISTS add_versions ON planbro.plan_versions;
CREATE POLICY add_versions ON planbro.plan_versions FOR INSERT TO planbro_caseworker
    WITH CHECK (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
-- change_drafts (before 0009) let drafts only be updated, so no caseworker could follow up.
DROP POLICY IF EXISTS change_drafts ON planbro.plan_versions;
DROP POLICY IF EXISTS change_versions ON planbro.plan_versions;
CREATE POLICY change_versions ON planbro.plan_versions FOR UPDATE TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id))
    WITH CHECK (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));

-- Leases of the units' plans: taken in one's own name; taken over when expired; broken
-- (deleted while another's) by a team leader only.
DROP POLICY IF EXISTS read_leases ON planbro.leases;
CREATE POLICY read_leases ON planbro.leases FOR SELECT TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
DROP POLICY IF EXISTS take_leases ON planbro.leases;
CREATE POLICY take_leases ON planbro.leases FOR INSERT TO planbro_caseworker
    WITH CHECK (holder_role = current_user AND EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
DROP POLICY IF EXISTS renew_leases ON planbro.leases;
CREATE POLICY renew_leases ON planbro.leases FOR UPDATE TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id)
           AND (holder_role = current_user OR expires <= now()))
    WITH CHECK (holder_role = current_user);
DROP POLICY IF EXISTS end_leases ON planbro.leases;
CREATE POLICY end_leases ON planbro.leases FOR DELETE TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id)
           AND (holder_role = current_user OR planbro.may_break_leases()));

-- The audit log: one's own records and those of the units' plans are read; records are
-- added in one's own name only.
DROP POLICY IF EXISTS read_audit ON planbro.audit;
CREATE POLICY read_audit ON planbro.audit FOR SELECT TO planbro_caseworker
    USING (db_user = current_user OR EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
DROP POLICY IF EXISTS add_audit ON planbro.audit;
CREATE POLICY add_audit ON planbro.audit FOR INSERT TO planbro_caseworker
    WITH CHECK (db_user = current_user);

-- Hand-overs of the units' plans, made in one's own name.
DROP POLICY IF EXISTS read_handovers ON planbro.handovers;
CREATE POLICY read_handovers ON planbro.handovers FOR SELECT TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));
DROP POLICY IF EXISTS add_handovers ON planbro.handovers;
CREATE POLICY add_handovers ON planbro.handovers FOR INSERT TO planbro_caseworker
    WITH CHECK (by_role = current_user AND EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id));

-- Each role sees its own memberships only.
DROP POLICY IF EXISTS own_memberships ON planbro.unit_members;
CREATE POLICY own_memberships ON planbro.unit_members FOR SELECT TO planbro_caseworker
    USING (role_name IN (SELECT r.rolname FROM pg_roles r
                         WHERE pg_has_role(current_user, r.oid, 'MEMBER')));

COMMIT;
