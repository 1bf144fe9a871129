-- 0006: the plan register and its annual reviews (CFA s.44, regs 15, 18-22;
-- shared/docs/plan-register-csv.md).  One row per plan the council
-- maintains, one per review meeting of a plan.  As for requests, the
-- constraints refuse what can never be right (the library's checks in
-- src/core/plan_fields.c are the same and name the field), rows are never
-- deleted, and every change is appended to a history by triggers.

CREATE TABLE ehcp_plan (
    id                   uuid PRIMARY KEY,
    plan_ref             text NOT NULL UNIQUE
                         CHECK (length(plan_ref) BETWEEN 1 AND 100 AND plan_ref !~ '[[:cntrl:]]'
                                AND plan_ref = btrim(plan_ref)),
    child_ref            text CHECK (length(child_ref) BETWEEN 1 AND 100 AND child_ref !~ '[[:cntrl:]]'),
    date_of_birth        date,
    caseworker           text CHECK (length(caseworker) BETWEEN 1 AND 200 AND caseworker !~ '[[:cntrl:]]'),
    -- The request whose final plan made this plan; no foreign key, since
    -- a council may keep plans whose assessments it never imported.
    case_ref             text UNIQUE
                         CHECK (length(case_ref) BETWEEN 1 AND 100 AND case_ref !~ '[[:cntrl:]]'
                                AND case_ref = btrim(case_ref)),
    plan_start_date      date NOT NULL,
    transferred_in_date  date,
    year_group_offset    integer NOT NULL DEFAULT 0 CHECK (year_group_offset BETWEEN -3 AND 3),
    next_transfer_date   date,
    next_transfer_to     text CHECK (next_transfer_to IN ('school', 'post16')),
    ceased_date          date,
    cease_reason         text CHECK (cease_reason IN ('max_age', 'needs_met', 'higher_education', 'employment',
                                                      'moved_la', 'no_engagement', 'left_england', 'deceased',
                                                      'other')),
    version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transfer_has_setting CHECK ((next_transfer_date IS NULL) = (next_transfer_to IS NULL)),
    CONSTRAINT cease_has_reason CHECK ((ceased_date IS NULL) = (cease_reason IS NULL)),
    CONSTRAINT born_before_plan CHECK (date_of_birth <= plan_start_date),
    CONSTRAINT transfer_after_birth CHECK (next_transfer_date > date_of_birth),
    CONSTRAINT plan_dates_in_order CHECK ((
        transferred_in_date >= plan_start_date AND ceased_date >= plan_start_date
        AND ceased_date >= transferred_in_date) IS NOT FALSE)
);
COMMENT ON TABLE ehcp_plan IS 'One EHC plan the council maintains (or maintained, until it ceased)';

CREATE TABLE ehcp_review (
    plan_id                   uuid NOT NULL REFERENCES ehcp_plan (id),
    meeting_date              date NOT NULL,
    invitations_date          date,
    report_date               date,
    decision                  text CHECK (decision IN ('maintain', 'amend', 'cease')),
    decision_date             date,
    amendments_proposed_date  date,
    amended_plan_date         date,
    version                   integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    -- Two reviews of one plan never share a meeting day; this is also the
    -- index the clock walks, plan by plan, meeting by meeting.
    PRIMARY KEY (plan_id, meeting_date),
    CONSTRAINT review_decision_has_date CHECK ((decision IS NULL) = (decision_date IS NULL)),
    CONSTRAINT invitations_before_meeting CHECK (invitations_date <= meeting_date),
    CONSTRAINT review_dates_after_meeting CHECK ((
        report_date >= meeting_date AND decision_date >= meeting_date
        AND amendments_proposed_date >= meeting_date AND amended_plan_date >= meeting_date) IS NOT FALSE),
    CONSTRAINT amended_after_proposals CHECK (amended_plan_date >= amendments_proposed_date),
    CONSTRAINT amended_needs_amend CHECK (amended_plan_date IS NULL OR decision = 'amend'),
    CONSTRAINT proposals_need_amend CHECK (amendments_proposed_date IS NULL OR decision IS NULL
                                           OR decision = 'amend')
);
COMMENT ON TABLE ehcp_review IS 'One annual (or early) review meeting of a plan and what followed it';
-- The reports pick the reviews of a period by meeting day.
CREATE INDEX ehcp_review_meeting_date ON ehcp_review (meeting_date);

-- A review lies within its plan's life: no date before the plan started,
-- no meeting after it ceased.  Checked per statement, set-based, so that
-- an import of many reviews costs one join.
CREATE FUNCTION ehcp_review_check_plan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad text;
BEGIN
    SELECT p.plan_ref || ' ' || r.meeting_date INTO bad
      FROM new_rows r JOIN ehcp_plan p ON p.id = r.plan_id
     WHERE least(r.meeting_date, r.invitations_date, r.report_date, r.decision_date,
                 r.amendments_proposed_date, r.amended_plan_date) < p.plan_start_date
        OR r.meeting_date > p.ceased_date
     LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'a review of plan % falls outside the plan''s life', bad
            USING ERRCODE = 'check_violation', CONSTRAINT = 'review_within_plan';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_review_check_insert AFTER INSERT ON ehcp_review
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_review_check_plan();
CREATE TRIGGER ehcp_review_check_update AFTER UPDATE ON ehcp_review
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_review_check_plan();

-- ... and a plan's start or cease cannot move past its reviews.
CREATE FUNCTION ehcp_plan_check_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad text;
BEGIN
    SELECT n.plan_ref INTO bad
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.plan_start_date > o.plan_start_date OR n.ceased_date IS DISTINCT FROM o.ceased_date)
       AND EXISTS (SELECT 1 FROM ehcp_review r
                    WHERE r.plan_id = n.id
                      AND (least(r.meeting_date, r.invitations_date, r.report_date, r.decision_date,
                                 r.amendments_proposed_date, r.amended_plan_date) < n.plan_start_date
                           OR r.meeting_date > n.ceased_date))
     LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'plan % would leave a review outside the plan''s life', bad
            USING ERRCODE = 'check_violation', CONSTRAINT = 'review_within_plan';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_plan_check_reviews AFTER UPDATE ON ehcp_plan
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_plan_check_reviews();

-- Every change to a plan or one of its reviews.  As ehcp_history: written
-- only by the SECURITY DEFINER triggers, never updated or deleted.  A
-- review's changes name the meeting: field "review 2025-03-04 decision".
CREATE TABLE ehcp_plan_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    db_role     text NOT NULL DEFAULT session_user,
    app_user    text,
    action      text NOT NULL CHECK (action IN ('created', 'recorded', 'corrected', 'cleared')),
    field       text,
    old_value   text,
    new_value   text
);
CREATE INDEX ehcp_plan_history_plan ON ehcp_plan_history (plan_id, id);
CREATE TRIGGER ehcp_plan_history_no_update BEFORE UPDATE OR DELETE ON ehcp_plan_history
    FOR EACH ROW EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_plan_history_no_truncate BEFORE TRUNCATE ON ehcp_plan_history
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_plan_no_delete BEFORE DELETE ON ehcp_plan
    FOR EACH ROW EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_plan_no_truncate BEFORE TRUNCATE ON ehcp_plan
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_review_no_delete BEFORE DELETE ON ehcp_review
    FOR EACH ROW EXECUTE FUNCTION ehcp_history_append_only();
CREATE TRIGGER ehcp_review_no_truncate BEFORE TRUNCATE ON ehcp_review
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_history_append_only();

-- Version and time of each change: a plan's as a request's (which also
-- guards the id); a review's, which also keeps it on its plan.
CREATE FUNCTION ehcp_row_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'a row''s creation time cannot change' USING ERRCODE = 'check_violation';
    END IF;
    -- a review belongs to its plan for good (the history is kept by plan)
    IF NEW.plan_id <> OLD.plan_id THEN
        RAISE EXCEPTION 'a review cannot move to another plan' USING ERRCODE = 'check_violation';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER ehcp_plan_bump BEFORE UPDATE ON ehcp_plan
    FOR EACH ROW EXECUTE FUNCTION ehcp_request_bump();
CREATE TRIGGER ehcp_review_bump BEFORE UPDATE ON ehcp_review
    FOR EACH ROW EXECUTE FUNCTION ehcp_row_bump();

-- A plan's creation records its plans.csv columns, in order, as a row
-- literal; a review's, its reviews.csv columns after plan_ref.
CREATE FUNCTION ehcp_plan_created() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_plan_history (plan_id, app_user, action, new_value)
    SELECT n.id, nullif(current_setting('ehcp.app_user', true), ''), 'created',
           ROW(n.plan_ref, n.child_ref, n.date_of_birth, n.caseworker, n.case_ref, n.plan_start_date,
               n.transferred_in_date, n.year_group_offset, n.next_transfer_date, n.next_transfer_to,
               n.ceased_date, n.cease_reason)::text
      FROM new_rows n;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_plan_created AFTER INSERT ON ehcp_plan
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_plan_created();

CREATE FUNCTION ehcp_review_created() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_plan_history (plan_id, app_user, action, field, new_value)
    SELECT n.plan_id, nullif(current_setting('ehcp.app_user', true), ''), 'recorded',
           'review ' || n.meeting_date,
           ROW(n.meeting_date, n.invitations_date, n.report_date, n.decision, n.decision_date,
               n.amendments_proposed_date, n.amended_plan_date)::text
      FROM new_rows n;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_review_created AFTER INSERT ON ehcp_review
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_review_created();

CREATE FUNCTION ehcp_plan_changed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_plan_history (plan_id, app_user, action, field, old_value, new_value)
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
            WHERE a.attrelid = 'ehcp_plan'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname NOT IN ('id', 'version', 'created_at', 'updated_at')) d
     WHERE d.old_value IS DISTINCT FROM d.new_value
     ORDER BY n.id, d.attnum;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_plan_changed AFTER UPDATE ON ehcp_plan
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_plan_changed();

-- A review's rows are matched old to new by their order within the
-- statement's plan (a corrected meeting day changes the key): the library
-- changes one review per statement; an UPDATE of many rows that also
-- moves meeting days is recorded against the meeting day it ends with.
CREATE FUNCTION ehcp_review_changed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ehcp_plan_history (plan_id, app_user, action, field, old_value, new_value)
    SELECT n.plan_id, nullif(current_setting('ehcp.app_user', true), ''),
           CASE WHEN d.old_value IS NULL THEN 'recorded'
                WHEN d.new_value IS NULL THEN 'cleared'
                ELSE 'corrected' END,
           'review ' || n.meeting_date || ' ' || d.field, d.old_value, d.new_value
      FROM (SELECT *, row_number() OVER (PARTITION BY plan_id ORDER BY created_at, meeting_date) AS k
              FROM new_rows) n
      JOIN (SELECT *, row_number() OVER (PARTITION BY plan_id ORDER BY created_at, meeting_date) AS k
              FROM old_rows) o ON o.plan_id = n.plan_id AND o.k = n.k
     CROSS JOIN LATERAL (
           SELECT a.attname::text AS field, to_jsonb(o) ->> a.attname AS old_value,
                  to_jsonb(n) ->> a.attname AS new_value, a.attnum
             FROM pg_attribute a
            WHERE a.attrelid = 'ehcp_review'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attname NOT IN ('plan_id', 'version', 'created_at', 'updated_at')) d
     WHERE d.old_value IS DISTINCT FROM d.new_value
     ORDER BY n.plan_id, d.attnum;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_review_changed AFTER UPDATE ON ehcp_review
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_review_changed();

-- A final plan issued on a new request (initial, or transfer_in: an
-- assessment the child brought with them) makes its plan in the register,
-- in the same transaction, with the request's id (time-ordered, so a bulk
-- import appends to the index) and its reference.  A re-assessment's
-- final plan amends a plan already there, so it makes none; and a request
-- whose reference a plan already uses, or that already made one, makes
-- no second.  A corrected final plan's date moves the start of the plan it
-- made, while that plan still starts on the old date (a start corrected on
-- the plan itself is left alone).
CREATE FUNCTION ehcp_request_makes_plan() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE ehcp_plan p SET plan_start_date = n.final_plan_date
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE p.id = n.id AND p.case_ref = n.case_ref
           AND n.final_plan_date IS NOT NULL AND o.final_plan_date IS NOT NULL
           AND n.final_plan_date <> o.final_plan_date AND p.plan_start_date = o.final_plan_date;
    END IF;
    INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date)
    SELECT n.id, n.case_ref, n.child_ref, n.date_of_birth, n.caseworker, n.case_ref, n.final_plan_date
      FROM new_rows n
     WHERE n.final_plan_date IS NOT NULL AND n.request_type IN ('initial', 'transfer_in')
       AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.case_ref = n.case_ref OR p.id = n.id)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER ehcp_request_makes_plan_insert AFTER INSERT ON ehcp_request
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_request_makes_plan();
CREATE TRIGGER ehcp_request_makes_plan_update AFTER UPDATE ON ehcp_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ehcp_request_makes_plan();

-- Plans made from requests already stored.
INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date)
SELECT r.id, r.case_ref, r.child_ref, r.date_of_birth, r.caseworker, r.case_ref, r.final_plan_date
  FROM ehcp_request r
 WHERE r.final_plan_date IS NOT NULL AND r.request_type IN ('initial', 'transfer_in')
ON CONFLICT DO NOTHING;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_reader') THEN
        GRANT SELECT ON ehcp_plan, ehcp_review, ehcp_plan_history TO ehcp_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_writer') THEN
        GRANT INSERT, UPDATE ON ehcp_plan, ehcp_review TO ehcp_writer;
    END IF;
END
$$;
REVOKE ALL ON ehcp_plan_history FROM PUBLIC;
REVOKE ALL ON ehcp_plan FROM PUBLIC;
REVOKE ALL ON ehcp_review FROM PUBLIC;
