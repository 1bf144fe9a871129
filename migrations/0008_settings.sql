-- 0008: the council's settings, a few named values (`ehcp config`): the
-- SEN2 return's three-digit LA code, for one.  What a key may hold is
-- checked here, so that no client can store what a command would refuse.

CREATE TABLE ehcp_setting (
    key         text PRIMARY KEY CHECK (key IN ('la')),
    value       text NOT NULL CHECK (length(value) BETWEEN 1 AND 200 AND value !~ '[[:cntrl:]]'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL DEFAULT session_user,
    CONSTRAINT la_is_three_digits CHECK (key <> 'la' OR value ~ '^[0-9]{3}$')
);
COMMENT ON TABLE ehcp_setting IS 'The council''s settings (ehcp config): never a child''s data';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_reader') THEN
        GRANT SELECT ON ehcp_setting TO ehcp_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_writer') THEN
        GRANT INSERT, UPDATE ON ehcp_setting TO ehcp_writer;
    END IF;
END
$$;
REVOKE ALL ON ehcp_setting FROM PUBLIC;
