-- 0012: the first import into an empty database, at the scale of a country,
-- without writing its rows twice.  With wal_level = minimal (the embedded
-- cluster's setting), PostgreSQL writes no WAL for rows put into a table
-- whose storage was made in the same transaction, and syncs its files at
-- commit instead: a crash before then leaves the old, empty storage.  A
-- TRUNCATE of an empty table makes new storage, losing nothing.  So the
-- owner's import calls this, which, where the server is at minimal and the
-- requests and their history are empty, truncates them (and the plans, the
-- reviews and their history, if those are empty too: the reviews' foreign
-- key takes the plans with them), the append-only guards set aside for the
-- TRUNCATE alone; only at read committed, and only if it can lock the
-- tables at once (else it says false).  Rows written after it, and the
-- indexes over them, skip the WAL: at 1.5 million requests, about 2.5 GB
-- of it.  Until commit the tables are locked against readers, as a first
-- load may be.  Elsewhere (wal_level replica or logical: a normal server,
-- whose WAL a standby or an archive needs) it does nothing and says false.
--
-- It also sets the renewed tables' indexes aside, for ehcp_import_rebuild()
-- to build once, after their rows, not row by row: a sort per index
-- instead of 1.5 million descents into each of twenty.  The same indexes
-- and constraints come back, by the names and definitions the catalogue
-- gave them (so a later migration's index is set aside and rebuilt as
-- these are), with their comments, and a unique one still refuses a
-- repeated key, at its rebuild, failing the whole import.  What the
-- definitions do not carry (a tablespace, a CLUSTER or replica-identity
-- mark, a column's statistics target) none of these has: an index or key
-- that has any is left in place, kept up row by row.  Should a caller
-- commit without rebuilding, a deferred trigger refuses the commit, so the
-- tables are never left without their indexes; a failure or a kill rolls
-- back to the old storage with its indexes.

-- At commit: refused while any index set aside is not yet rebuilt.
CREATE FUNCTION ehcp_import_indexes_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_temp.ehcp_import_indexes) THEN
        RAISE EXCEPTION 'the import set indexes aside and did not rebuild them (ehcp_import_rebuild)'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NULL;
END
$$;

-- Whether an index is made again by its definition and comment: no
-- tablespace of its own, no CLUSTER or replica-identity mark, no
-- statistics target set on a column.
CREATE FUNCTION ehcp_import_index_plain(idx oid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT i.indisclustered AND NOT i.indisreplident AND c.reltablespace = 0
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = idx AND a.attstattarget >= 0)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indexrelid = idx $$;

-- Sets aside the indexes of `tables`, after any foreign key of another
-- table that leans on one of them.  Each is kept as the statement that
-- makes it again, in the order to run them: keys, then indexes, then the
-- foreign keys.
CREATE FUNCTION ehcp_import_indexes_aside(tables regclass[]) RETURNS void LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
DECLARE
    r record;
BEGIN
    CREATE TEMP TABLE ehcp_import_indexes (ord int, drop_sql text, make_sql text) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER ehcp_import_indexes_back AFTER INSERT ON pg_temp.ehcp_import_indexes
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ehcp_import_indexes_back();
    INSERT INTO pg_temp.ehcp_import_indexes
    SELECT CASE c.contype WHEN 'f' THEN 3 ELSE 1 END,
           format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
           -- (joined with ||, which a missing comment makes NULL for coalesce
           -- to drop; format's %L would write the word NULL)
           || coalesce('; COMMENT ON CONSTRAINT ' || quote_ident(c.conname) || ' ON ' || c.conrelid::regclass::text
                       || ' IS ' || quote_literal(obj_description(c.oid, 'pg_constraint')), '')
           || CASE WHEN c.contype <> 'f' THEN
                   coalesce('; COMMENT ON INDEX ' || c.conindid::regclass::text || ' IS '
                            || quote_literal(obj_description(c.conindid, 'pg_class')), '') ELSE '' END
      FROM pg_constraint c
     WHERE (c.contype IN ('p', 'u') AND c.conrelid = ANY (tables) AND ehcp_import_index_plain(c.conindid))
        OR (c.contype = 'f' AND c.confrelid = ANY (tables) AND ehcp_import_index_plain(c.conindid))
    UNION ALL
    SELECT 2, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
           || coalesce('; COMMENT ON INDEX ' || i.indexrelid::regclass::text || ' IS '
                       || quote_literal(obj_description(i.indexrelid, 'pg_class')), '')
      FROM pg_index i
     WHERE i.indrelid = ANY (tables) AND ehcp_import_index_plain(i.indexrelid)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid);
    -- foreign keys first, whose indexes they need
    FOR r IN SELECT drop_sql FROM pg_temp.ehcp_import_indexes ORDER BY ord DESC, drop_sql LOOP
        EXECUTE r.drop_sql;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION ehcp_import_indexes_aside(regclass[]) FROM PUBLIC;

-- Puts back what ehcp_import_renew() set aside (nothing, if it set nothing
-- aside); the number of indexes and constraints made.  Each index's sort
-- in memory where it fits (at 1.5 million requests the default 64 MB
-- spills the larger ones to disk: 8.1 s for all twenty, 6.6 s with this).
CREATE FUNCTION ehcp_import_rebuild() RETURNS integer LANGUAGE plpgsql
    SET search_path FROM CURRENT SET maintenance_work_mem = '256MB' AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    IF to_regclass('pg_temp.ehcp_import_indexes') IS NULL THEN
        RETURN 0;
    END IF;
    FOR r IN SELECT make_sql FROM pg_temp.ehcp_import_indexes ORDER BY ord, make_sql LOOP
        EXECUTE r.make_sql;
        n := n + 1;
    END LOOP;
    DELETE FROM pg_temp.ehcp_import_indexes;
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION ehcp_import_rebuild() FROM PUBLIC;

-- The renewal itself.
CREATE FUNCTION ehcp_import_renew() RETURNS boolean LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
DECLARE
    plans boolean;
BEGIN
    -- Only at read committed, where each check below reads what is
    -- committed by then: under repeatable read it would see its snapshot's
    -- empty tables, and TRUNCATE removes rows committed since.
    -- (and once a transaction: its indexes are aside already)
    IF current_setting('wal_level') <> 'minimal' OR current_setting('transaction_isolation') <> 'read committed'
       OR to_regclass('pg_temp.ehcp_import_indexes') IS NOT NULL
       OR EXISTS (SELECT 1 FROM ehcp_request) OR EXISTS (SELECT 1 FROM ehcp_history) THEN
        RETURN false;
    END IF;
    -- Without waiting: a reader or another import holding the tables means
    -- no new storage, not a wait (two imports waiting for each other's
    -- share locks would deadlock).
    BEGIN
        LOCK TABLE ehcp_request, ehcp_history IN ACCESS EXCLUSIVE MODE NOWAIT;
    EXCEPTION WHEN lock_not_available THEN
        RETURN false;
    END;
    -- again under the lock: a row written meanwhile keeps the tables
    IF EXISTS (SELECT 1 FROM ehcp_request) OR EXISTS (SELECT 1 FROM ehcp_history) THEN
        RETURN false;
    END IF;
    -- The plans' three tables only if the caller owns them all (asked
    -- first, so that a table it may not read is not read) and all are empty.
    plans := (SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class
               WHERE oid IN ('ehcp_plan'::regclass, 'ehcp_plan_history'::regclass, 'ehcp_review'::regclass));
    IF plans THEN
        plans := NOT EXISTS (SELECT 1 FROM ehcp_plan) AND NOT EXISTS (SELECT 1 FROM ehcp_plan_history)
                 AND NOT EXISTS (SELECT 1 FROM ehcp_review);
    END IF;
    IF plans THEN
        BEGIN
            LOCK TABLE ehcp_plan, ehcp_plan_history, ehcp_review IN ACCESS EXCLUSIVE MODE NOWAIT;
            plans := NOT EXISTS (SELECT 1 FROM ehcp_plan) AND NOT EXISTS (SELECT 1 FROM ehcp_plan_history)
                     AND NOT EXISTS (SELECT 1 FROM ehcp_review);
        EXCEPTION WHEN lock_not_available THEN
            plans := false;
        END;
    END IF;
    ALTER TABLE ehcp_request DISABLE TRIGGER ehcp_request_no_truncate;
    ALTER TABLE ehcp_history DISABLE TRIGGER ehcp_history_no_truncate;
    TRUNCATE ehcp_request, ehcp_history;
    ALTER TABLE ehcp_request ENABLE TRIGGER ehcp_request_no_truncate;
    ALTER TABLE ehcp_history ENABLE TRIGGER ehcp_history_no_truncate;
    IF plans THEN
        ALTER TABLE ehcp_plan DISABLE TRIGGER ehcp_plan_no_truncate;
        ALTER TABLE ehcp_plan_history DISABLE TRIGGER ehcp_plan_history_no_truncate;
        ALTER TABLE ehcp_review DISABLE TRIGGER ehcp_review_no_truncate;
        TRUNCATE ehcp_plan, ehcp_plan_history, ehcp_review;
        ALTER TABLE ehcp_plan ENABLE TRIGGER ehcp_plan_no_truncate;
        ALTER TABLE ehcp_plan_history ENABLE TRIGGER ehcp_plan_history_no_truncate;
        ALTER TABLE ehcp_review ENABLE TRIGGER ehcp_review_no_truncate;
        -- (ehcp_review stays indexed: the tracker writes no reviews)
        PERFORM ehcp_import_indexes_aside(ARRAY['ehcp_request', 'ehcp_history', 'ehcp_plan', 'ehcp_plan_history']::regclass[]);
    ELSE
        PERFORM ehcp_import_indexes_aside(ARRAY['ehcp_request', 'ehcp_history']::regclass[]);
    END IF;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION ehcp_import_renew() FROM PUBLIC;
