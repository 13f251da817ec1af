-- Planbro's team store, schema version 4: the audit chain's end, for every role.
--
-- Under row-level security (setup_roles.sql) a caseworker sees only the audit rows of
-- the plans of their own units, but each new record names the hash of the newest record
-- of all (storage/postgres/audit.py). This function, run with its owner's rights, gives
-- exactly that and no more: the newest record's number and the SHA-256 of its line,
-- never its content.

CREATE FUNCTION planbro.audit_tail(OUT seq bigint, OUT line_hash text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT a.seq, encode(sha256(convert_to(a.line, 'UTF8')), 'hex')
    FROM planbro.audit a ORDER BY a.seq DESC LIMIT 1
$$;
