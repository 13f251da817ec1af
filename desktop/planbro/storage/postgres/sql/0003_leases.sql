-- Planbro's team store, schema version 3: leases, who has a plan open for editing.
--
-- One caseworker edits a plan at a time. Opening a plan for editing takes its lease,
-- renewed while the wizard is open; a lease not renewed in time (a crashed or
-- disconnected client) expires and may be taken by the next. A save checks in its own
-- transaction that its client holds the lease (storage/postgres/leases.py); anyone may
-- read the plan meanwhile. All times are the server's, so clients' clocks do not matter.

CREATE TABLE planbro.leases (
    plan_id     text COLLATE "C" PRIMARY KEY REFERENCES planbro.plans (id) ON DELETE CASCADE,
    -- The holding client: one random token per open store (window or command).
    token       uuid NOT NULL,
    -- Who holds it: the database role, the caseworker's name as colleagues see it, the computer.
    holder_role text NOT NULL DEFAULT current_user,
    holder_name text NOT NULL,
    host        text NOT NULL,
    since       timestamptz NOT NULL DEFAULT now(),
    renewed     timestamptz NOT NULL DEFAULT now(),
    -- Past this moment the lease is expired: another client may take it.
    expires     timestamptz NOT NULL,
    CHECK (expires >= renewed)
);

-- Whether the current role may break a colleague's lease: a member of the team leaders'
-- role planbro_leader (setup_roles.sql), or of the role owning the schema (the IT
-- department's). The roles' policies let only these delete a lease that is not their own.
CREATE FUNCTION planbro.may_break_leases() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles r
                   WHERE r.rolname = 'planbro_leader' AND pg_has_role(current_user, r.oid, 'MEMBER'))
        OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'planbro'),
                       'MEMBER')
$$;
