-- 0007: the service (`ehcp serve`): calendar feeds, people's accounts, their
-- sessions and the sign-in log.  Of every secret only a SHA-256 is kept
-- (a token or cookie is 256 random bits, so a plain hash is enough), and
-- of every password only its yescrypt hash.  These tables are the owner's
-- alone: the server reads them as the owner before it switches to the
-- request's role, and ehcp_reader and ehcp_writer cannot see them.

CREATE TABLE ehcp_feed (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- NULL: the whole team's deadlines
    caseworker  text CHECK (caseworker <> ''),
    label       text,
    created     timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE ehcp_user (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    role          text NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),
    password_hash text NOT NULL CHECK (password_hash LIKE '$y$%'),
    disabled      boolean NOT NULL DEFAULT false,
    -- failed sign-ins in a row, and the end of a lock they caused
    failed        integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
    locked_until  timestamptz,
    created       timestamptz NOT NULL DEFAULT now()
);

-- The CSRF token is not stored: it is derived from the session's token
-- (a hash of it under another prefix), so only the cookie's holder has it.
CREATE TABLE ehcp_session (
    token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id     bigint NOT NULL REFERENCES ehcp_user (id) ON DELETE CASCADE,
    created     timestamptz NOT NULL DEFAULT now(),
    expires     timestamptz NOT NULL,
    ended       timestamptz
);
CREATE INDEX ehcp_session_user ON ehcp_session (user_id);

-- Who tried to sign in, as they typed it (a user name, never a child's
-- details), when, from where, and what came of it.
CREATE TABLE ehcp_signin_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    name        text NOT NULL,
    client      text NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('ok', 'wrong_password', 'unknown_user', 'locked', 'disabled'))
);
CREATE INDEX ehcp_signin_log_name ON ehcp_signin_log (name, at);

REVOKE ALL ON ehcp_feed, ehcp_user, ehcp_session, ehcp_signin_log FROM PUBLIC;

-- The server holds one connection as the owner and runs each request as
-- SET ROLE ehcp_reader or ehcp_writer, so the owner must be a member of
-- both.  A superuser already may; an owner with CREATEROLE (who made the
-- roles in 0004) grants itself; otherwise an administrator must run
-- GRANT ehcp_reader, ehcp_writer TO <owner>, and until then a request
-- under those roles is refused with PostgreSQL's message.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ehcp_reader', 'ehcp_writer'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
           AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, r, 'MEMBER') THEN
            BEGIN
                EXECUTE format('GRANT %I TO %I', r, current_user);
            EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
                RAISE NOTICE 'ehcp: cannot make % a member of % (an administrator can)', current_user, r;
            END;
        END IF;
    END LOOP;
END
$$;
