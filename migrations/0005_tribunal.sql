-- 0005: mediation and the tribunal, appeals that overturn a refusal, and
-- coronavirus as an advice exception (shared/docs/statutory-clock.md).
-- The rules' functions (ehcp_final_due, ...) are generated from
-- include/ehcp/rules.h and applied before any migration: see src/migrate.c.

-- The first, hand-written SQL clock (0002, 0003).
DROP FUNCTION IF EXISTS ehcp_case_state(ehcp_request, date, integer);
DROP FUNCTION IF EXISTS ehcp_final_limit(text);
DROP FUNCTION IF EXISTS ehcp_request_end(ehcp_request);

ALTER TABLE ehcp_request
    ADD COLUMN mediation_date date,
    ADD COLUMN tribunal_appeal_date date,
    ADD COLUMN tribunal_outcome text CHECK (tribunal_outcome IN ('dismissed', 'assess', 'issue', 'other')),
    ADD COLUMN tribunal_outcome_date date;

-- Coronavirus joins the advice exceptions.
ALTER TABLE ehcp_request
    DROP CONSTRAINT ehcp_request_health_advice_exception_check,
    DROP CONSTRAINT ehcp_request_social_care_advice_exception_check,
    DROP CONSTRAINT ehcp_request_ep_advice_exception_check,
    ADD CONSTRAINT health_advice_exception_code CHECK (health_advice_exception IN
        ('personal_circumstances', 'absent_from_area', 'missed_appointment', 'coronavirus')),
    ADD CONSTRAINT social_care_advice_exception_code CHECK (social_care_advice_exception IN
        ('personal_circumstances', 'absent_from_area', 'missed_appointment', 'coronavirus')),
    ADD CONSTRAINT ep_advice_exception_code CHECK (ep_advice_exception IN
        ('personal_circumstances', 'absent_from_area', 'missed_appointment', 'coronavirus'));

-- An order to assess lets a refused request go on; an order to make a plan
-- lets a request decided not_issue go on.  Exactly that, and nothing looser:
-- each needs the decision it overturns, and what follows it is dated after it.
ALTER TABLE ehcp_request
    DROP CONSTRAINT no_plan_after_refusal,
    DROP CONSTRAINT no_plan_after_not_issue,
    DROP CONSTRAINT closed_without_plan,
    ADD CONSTRAINT tribunal_outcome_has_date CHECK ((tribunal_outcome IS NULL) = (tribunal_outcome_date IS NULL)),
    ADD CONSTRAINT tribunal_outcome_needs_appeal CHECK (tribunal_outcome IS NULL OR tribunal_appeal_date IS NOT NULL),
    ADD CONSTRAINT tribunal_dates_in_order CHECK ((
        mediation_date >= request_date AND tribunal_appeal_date >= request_date
        AND tribunal_outcome_date >= request_date
        AND tribunal_outcome_date >= tribunal_appeal_date) IS NOT FALSE),
    ADD CONSTRAINT tribunal_assess_overturns_refusal CHECK (
        tribunal_outcome IS DISTINCT FROM 'assess'
        OR (assessment_decision = 'refuse' AND tribunal_appeal_date >= assessment_decision_date
            AND (plan_decision_date >= tribunal_outcome_date AND draft_plan_date >= tribunal_outcome_date
                 AND final_plan_date >= tribunal_outcome_date AND closed_date >= tribunal_outcome_date) IS NOT FALSE)),
    ADD CONSTRAINT tribunal_issue_overturns_not_issue CHECK (
        tribunal_outcome IS DISTINCT FROM 'issue'
        OR (plan_decision = 'not_issue' AND tribunal_appeal_date >= plan_decision_date
            AND (draft_plan_date >= tribunal_outcome_date AND final_plan_date >= tribunal_outcome_date
                 AND closed_date >= tribunal_outcome_date) IS NOT FALSE)),
    ADD CONSTRAINT no_plan_after_refusal CHECK (
        assessment_decision IS DISTINCT FROM 'refuse' OR tribunal_outcome IS NOT DISTINCT FROM 'assess'
        OR (plan_decision IS NULL AND draft_plan_date IS NULL AND final_plan_date IS NULL)),
    ADD CONSTRAINT no_plan_after_not_issue CHECK (
        plan_decision IS DISTINCT FROM 'not_issue' OR tribunal_outcome IS NOT DISTINCT FROM 'issue'
        OR (draft_plan_date IS NULL AND final_plan_date IS NULL)),
    ADD CONSTRAINT closed_without_plan CHECK (
        closed_date IS NULL
        OR (final_plan_date IS NULL
            AND (assessment_decision IS DISTINCT FROM 'refuse' OR tribunal_outcome IS NOT DISTINCT FROM 'assess')
            AND (plan_decision IS DISTINCT FROM 'not_issue' OR tribunal_outcome IS NOT DISTINCT FROM 'issue')));

-- A coronavirus exception excuses only a limit that met the window.  NOT
-- VALID: rows already stored are left as they were recorded, but any write
-- to a row must meet it.
ALTER TABLE ehcp_request
    ADD CONSTRAINT coronavirus_in_window CHECK (
        exception IS DISTINCT FROM 'coronavirus'
        OR ehcp_coronavirus_applies(
               CASE WHEN ehcp_overturn(assessment_decision, plan_decision, tribunal_outcome) IS NOT NULL
                    THEN tribunal_outcome_date ELSE request_date END,
               ehcp_final_due(request_type, request_date, assessment_decision, assessment_decision_date,
                              plan_decision, tribunal_outcome, tribunal_outcome_date))) NOT VALID,
    ADD CONSTRAINT health_coronavirus_in_window CHECK (
        health_advice_exception IS DISTINCT FROM 'coronavirus'
        OR ehcp_coronavirus_applies(health_advice_requested, health_advice_requested + ehcp_days_advice())) NOT VALID,
    ADD CONSTRAINT social_care_coronavirus_in_window CHECK (
        social_care_advice_exception IS DISTINCT FROM 'coronavirus'
        OR ehcp_coronavirus_applies(social_care_advice_requested,
                                    social_care_advice_requested + ehcp_days_advice())) NOT VALID,
    ADD CONSTRAINT ep_coronavirus_in_window CHECK (
        ep_advice_exception IS DISTINCT FROM 'coronavirus'
        OR ehcp_coronavirus_applies(ep_advice_requested, ep_advice_requested + ehcp_days_advice())) NOT VALID;

-- The history records a created row with the new columns, in the tracker
-- CSV's order (after closed_reason).
CREATE OR REPLACE FUNCTION ehcp_request_created() RETURNS trigger LANGUAGE plpgsql
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
               n.exception, n.closed_date, n.closed_reason,
               n.mediation_date, n.tribunal_appeal_date, n.tribunal_outcome, n.tribunal_outcome_date,
               n.exception_note)::text
      FROM new_rows n;
    RETURN NULL;
END
$$;

-- ehcp_schema_rules (made by src/migrate.c) records which generated rules
-- the database runs; `ehcp` checks it as it checks the migrations.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ehcp_reader') THEN
        GRANT SELECT ON ehcp_schema_rules TO ehcp_reader;
    END IF;
END
$$;
