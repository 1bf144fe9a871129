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
-- tables at once (else it says false).  Rows written after it, and the indexes over them, skip
-- the WAL: at 1.5 million requests, about 2.5 GB of it.  Until commit the
-- tables are locked against readers, as a first load may be.  Elsewhere
-- (wal_level replica or logical: a normal server, whose WAL a standby or an
-- archive needs) it does nothing and says false.
CREATE FUNCTION ehcp_import_renew() RETURNS boolean LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
DECLARE
    plans boolean;
BEGIN
    -- Only at read committed, where each check below reads what is
    -- committed by then: under repeatable read it would see its snapshot's
    -- empty tables, and TRUNCATE removes rows committed since.
    IF current_setting('wal_level') <> 'minimal' OR current_setting('transaction_isolation') <> 'read committed'
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
    END IF;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION ehcp_import_renew() FROM PUBLIC;
