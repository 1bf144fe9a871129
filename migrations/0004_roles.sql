-- 0004: least privilege.  Two group roles, shared by every ehcp database in
-- the cluster, for the logins a council gives its people and programs:
--   ehcp_reader  reads cases and runs reports and the calendar; writes nothing
--   ehcp_writer  records milestones and imports; cannot touch the history
--                (written only by the SECURITY DEFINER triggers) or the schema
-- The owner (whoever ran `ehcp init`) keeps everything else.  Creating
-- roles needs CREATEROLE: without it the roles are left out with a notice,
-- and an administrator can create them and rerun the grants below.  Once
-- the roles exist, an owner without CREATEROLE can still run this file:
-- what it grants is its own.
-- (The grants on the first SQL clock left this file with it; see 0002.)

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ehcp_reader', 'ehcp_writer'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                RAISE NOTICE 'ehcp: role % not created (no CREATEROLE)', r;
                CONTINUE;
            END IF;
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration made it at the same moment
            END;
        END IF;
    END LOOP;

    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO ehcp_reader', current_database());
        GRANT USAGE ON SCHEMA public TO ehcp_reader;
        GRANT SELECT ON ehcp_request, ehcp_history, ehcp_schema_migrations TO ehcp_reader;
        GRANT EXECUTE ON FUNCTION ehcp_period_step(text), ehcp_period_label(date, text) TO ehcp_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_writer') THEN
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ehcp_writer', current_database());
        -- once only: a later database's owner may not be able to grant it
        IF NOT pg_has_role('ehcp_writer', 'ehcp_reader', 'MEMBER') THEN
            GRANT ehcp_reader TO ehcp_writer;
        END IF;
        GRANT INSERT, UPDATE ON ehcp_request TO ehcp_writer;
    END IF;
END
$$;

-- The history and the requests cannot be emptied or rewritten by anyone
-- but their owner, whatever else is granted later.
REVOKE ALL ON ehcp_history FROM PUBLIC;
REVOKE ALL ON ehcp_request FROM PUBLIC;
