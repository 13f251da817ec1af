-- Planbro's team store: the audit log's head, and no change to a record by any role.
--
-- Each record names the hash of the one before it, so a changed record is found by
-- the next one; the newest record has no next one, and a log cut short at its end
-- looks whole. The head names the newest record (its number and the SHA-256 of its
-- line), kept by a trigger in the transaction of each insert, as the local log's
-- head.json names its newest line (planbro/audit/appending.py). `planbro audit
-- --verify` compares the table's end with it (storage/postgres/audit.py).
--
-- Caseworkers' roles were never granted UPDATE, DELETE or TRUNCATE (setup_roles.sql);
-- the triggers below refuse them to the owner too, so a record is changed only by one
-- who first disables them (ALTER TABLE, which the server's log_statement = 'ddl' keeps),
-- and the head is a second place that must be changed with it.

CREATE TABLE planbro.audit_head (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq       bigint NOT NULL,
    line_hash text NOT NULL
);

CREATE FUNCTION planbro.audit_keep_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    INSERT INTO planbro.audit_head (one, seq, line_hash)
    VALUES (true, NEW.seq, encode(sha256(convert_to(NEW.line, 'UTF8')), 'hex'))
    ON CONFLICT (one) DO UPDATE SET seq = EXCLUDED.seq, line_hash = EXCLUDED.line_hash
        WHERE planbro.audit_head.seq < EXCLUDED.seq;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_head AFTER INSERT ON planbro.audit
    FOR EACH ROW EXECUTE FUNCTION planbro.audit_keep_head();

CREATE FUNCTION planbro.audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'planbro.audit is append-only: a record is never changed or removed'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON planbro.audit
    FOR EACH ROW EXECUTE FUNCTION planbro.audit_refuse_change();
CREATE TRIGGER audit_never_truncated BEFORE TRUNCATE ON planbro.audit
    FOR EACH STATEMENT EXECUTE FUNCTION planbro.audit_refuse_change();

-- A log written before this version: its newest record is the head.
INSERT INTO planbro.audit_head (one, seq, line_hash)
SELECT true, a.seq, encode(sha256(convert_to(a.line, 'UTF8')), 'hex')
FROM planbro.audit a ORDER BY a.seq DESC LIMIT 1;
