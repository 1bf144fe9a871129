-- 0001: requests for an EHC needs assessment, their milestones, and the
-- append-only history of every change.  The constraints mirror the clock's
-- consistency checks (src/clock.c) so that a write made straight through
-- psql cannot store a case the library would refuse.

CREATE TABLE ehcp_request (
    id                            uuid PRIMARY KEY,
    case_ref                      text NOT NULL UNIQUE
                                  CHECK (length(case_ref) BETWEEN 1 AND 100 AND case_ref !~ '[[:cntrl:]]'
                                         AND case_ref = btrim(case_ref)),
    child_ref                     text CHECK (length(child_ref) BETWEEN 1 AND 100 AND child_ref !~ '[[:cntrl:]]'),
    date_of_birth                 date,
    caseworker                    text CHECK (length(caseworker) BETWEEN 1 AND 200 AND caseworker !~ '[[:cntrl:]]'),
    request_type                  text NOT NULL DEFAULT 'initial'
                                  CHECK (request_type IN ('initial', 'reassessment', 'transfer_in')),
    request_date                  date NOT NULL,
    assessment_decision           text CHECK (assessment_decision IN ('assess', 'refuse')),
    assessment_decision_date      date,
    health_advice_requested       date,
    health_advice_received        date,
    health_advice_exception       text CHECK (health_advice_exception IN ('personal_circumstances', 'absent_from_area', 'missed_appointment')),
    social_care_advice_requested  date,
    social_care_advice_received   date,
    social_care_advice_exception  text CHECK (social_care_advice_exception IN ('personal_circumstances', 'absent_from_area', 'missed_appointment')),
    ep_advice_requested           date,
    ep_advice_received            date,
    ep_advice_exception           text CHECK (ep_advice_exception IN ('personal_circumstances', 'absent_from_area', 'missed_appointment')),
    plan_decision                 text CHECK (plan_decision IN ('issue', 'not_issue')),
    plan_decision_date            date,
    draft_plan_date               date,
    final_plan_date               date,
    exception                     text CHECK (exception IN ('setting_closure', 'personal_circumstances', 'absent_from_area', 'coronavirus')),
    exception_note                text CHECK (length(exception_note) <= 2000),
    closed_date                   date,
    closed_reason                 text CHECK (closed_reason IN ('withdrawn', 'moved_away', 'other')),
    version                       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT decision_has_date CHECK ((assessment_decision IS NULL) = (assessment_decision_date IS NULL)),
    CONSTRAINT plan_decision_has_date CHECK ((plan_decision IS NULL) = (plan_decision_date IS NULL)),
    CONSTRAINT closure_has_reason CHECK ((closed_date IS NULL) = (closed_reason IS NULL)),
    CONSTRAINT note_needs_exception CHECK (exception_note IS NULL OR exception IS NOT NULL),
    CONSTRAINT born_before_request CHECK (date_of_birth <= request_date),
    CONSTRAINT milestones_not_before_request CHECK ((
        assessment_decision_date >= request_date AND health_advice_requested >= request_date
        AND health_advice_received >= request_date AND social_care_advice_requested >= request_date
        AND social_care_advice_received >= request_date AND ep_advice_requested >= request_date
        AND ep_advice_received >= request_date AND plan_decision_date >= request_date
        AND draft_plan_date >= request_date AND final_plan_date >= request_date
        AND closed_date >= request_date) IS NOT FALSE),
    CONSTRAINT health_advice_order CHECK (
        (health_advice_received >= health_advice_requested) IS NOT FALSE
        AND (health_advice_received IS NULL OR health_advice_requested IS NOT NULL)
        AND (health_advice_exception IS NULL OR health_advice_requested IS NOT NULL)),
    CONSTRAINT social_care_advice_order CHECK (
        (social_care_advice_received >= social_care_advice_requested) IS NOT FALSE
        AND (social_care_advice_received IS NULL OR social_care_advice_requested IS NOT NULL)
        AND (social_care_advice_exception IS NULL OR social_care_advice_requested IS NOT NULL)),
    CONSTRAINT ep_advice_order CHECK (
        (ep_advice_received >= ep_advice_requested) IS NOT FALSE
        AND (ep_advice_received IS NULL OR ep_advice_requested IS NOT NULL)
        AND (ep_advice_exception IS NULL OR ep_advice_requested IS NOT NULL)),
    CONSTRAINT no_plan_after_refusal CHECK (
        assessment_decision IS DISTINCT FROM 'refuse'
        OR (plan_decision IS NULL AND draft_plan_date IS NULL AND final_plan_date IS NULL)),
    CONSTRAINT no_plan_after_not_issue CHECK (
        plan_decision IS DISTINCT FROM 'not_issue' OR (draft_plan_date IS NULL AND final_plan_date IS NULL)),
    CONSTRAINT plan_milestones_in_order CHECK ((
        plan_decision_date >= assessment_decision_date AND draft_plan_date >= assessment_decision_date
        AND final_plan_date >= assessment_decision_date AND final_plan_date >= draft_plan_date) IS NOT FALSE
        AND (plan_decision IS DISTINCT FROM 'issue'
             OR (draft_plan_date >= plan_decision_date AND final_plan_date >= plan_decision_date) IS NOT FALSE)),
    CONSTRAINT closed_without_plan CHECK (
        closed_date IS NULL
        OR (final_plan_date IS NULL AND assessment_decision IS DISTINCT FROM 'refuse'
            AND plan_decision IS DISTINCT FROM 'not_issue'))
);

COMMENT ON TABLE ehcp_request IS 'One request for an EHC needs assessment and its statutory milestones';

CREATE INDEX ehcp_request_request_date ON ehcp_request (request_date);
CREATE INDEX ehcp_request_final_plan_date ON ehcp_request (final_plan_date) WHERE final_plan_date IS NOT NULL;

-- Every change to a request, appended by triggers so that writes from any
-- client are recorded, with the database role that logged in and the user
-- name the tool passes in the setting ehcp.app_user.  Only the triggers
-- (SECURITY DEFINER) write here; requests are never deleted, so request_id
-- needs no foreign key, whose per-row check would double the cost of a
-- bulk import.
CREATE TABLE ehcp_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    db_role     text NOT NULL DEFAULT session_user,
    app_user    text,
    action      text NOT NULL CHECK (action IN ('created', 'recorded', 'corrected', 'cleared')),
    field       text,
    old_value   text,
    new_value   text
);

CREATE INDEX ehcp_history_request ON ehcp_history (request_id, id);

CREATE FUNCTION ehcp_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the case history is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ehcp_history_no_update BEFORE UPDATE OR DELETE ON ehcp_history
    FOR EACH ROW EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_history_no_truncate BEFORE TRUNCATE ON ehcp_history
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_history_append_only();

-- Requests are never deleted: a request that ends is closed, and its
-- history stays.
CREATE TRIGGER ehcp_request_no_delete BEFORE DELETE ON ehcp_request
    FOR EACH ROW EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_request_no_truncate BEFORE TRUNCATE ON ehcp_request
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_history_append_only();

CREATE FUNCTION ehcp_request_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'a request''s id and creation time cannot change'
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER ehcp_request_bump BEFORE UPDATE ON ehcp_request
    FOR EACH ROW EXECUTE FUNCTION ehcp_request_bump();

-- One statement-level trigger per kind of change, so that a bulk import
-- writes its history in one set-based insert rather than row by row.  A
-- creation records the row as created: the tracker columns, in the tracker
-- CSV's order, as a PostgreSQL row literal.
CREATE FUNCTION ehcp_request_created() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_history (request_id, app_user, action, new_value)
    SELECT n.id, nullif(current_setting('ehcp.app_user', true), ''), 'created',
           ROW(n.case_ref, n.child_ref, n.date_of_birth, n.caseworker, n.request_type, n.request_date,
               n.assessment_decision, n.assessment_decision_date,
               n.health_advice_requested, n.health_advice_received, n.health_advice_exception,
               n.social_care_advice_requested, n.social_care_advice_received, n.social_care_advice_exception,
               n.ep_advice_requested, n.ep_advice_received, n.ep_advice_exception,
               n.plan_decision, n.plan_decision_date, n.draft_plan_date, n.final_plan_date,
               n.exception, n.closed_date, n.closed_reason, n.exception_note)::text
      FROM new_rows n;
    RETURN NULL;
END
$$;

CREATE TRIGGER ehcp_request_created AFTER INSERT ON ehcp_request
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_request_created();

CREATE FUNCTION ehcp_request_changed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_history (request_id, app_user, action, field, old_value, new_value)
    SELECT n.id, nullif(current_setting('ehcp.app_user', true), ''),
           CASE WHEN d.old_value IS NULL THEN 'recorded'
                WHEN d.new_value IS NULL THEN 'cleared'
                ELSE 'corrected' END,
           d.field, d.old_value, d.new_value
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
     CROSS JOIN LATERAL (
           SELECT a.attname::text AS field, to_jsonb(o) ->> a.attname AS old_value,
                  to_jsonb(n) ->> a.attname AS new_value, a.attnum
             FROM pg_attribute a
            WHERE a.attrelid = 'ehcp_request'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname NOT IN ('id', 'version', 'created_at', 'updated_at')) d
     WHERE d.old_value IS DISTINCT FROM d.new_value
     ORDER BY n.id, d.attnum;
    RETURN NULL;
END
$$;

CREATE TRIGGER ehcp_request_changed AFTER UPDATE ON ehcp_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_request_changed();
