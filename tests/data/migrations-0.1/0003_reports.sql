-- 0003: what the reports need: periods, and indexes that let a one-year
-- report over a national-sized table read only that year's rows.

-- 'month', 'quarter' or 'year': the step between periods.
CREATE FUNCTION ehcp_period_step(unit text) RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE unit WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                           ELSE interval '1 year' END $$;

-- '2019-07', '2019-Q3' or '2019' for the period starting on `start`.
CREATE FUNCTION ehcp_period_label(start date, unit text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE unit WHEN 'month' THEN to_char(start, 'YYYY-MM')
                           WHEN 'quarter' THEN to_char(start, 'YYYY-"Q"Q')
                           ELSE to_char(start, 'YYYY') END $$;

-- The day a request stopped needing anything more: its final plan, its
-- refusal, the decision not to issue, or its closure (NULL while open).
CREATE FUNCTION ehcp_request_end(r ehcp_request) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT least(r.final_plan_date, r.closed_date,
                       CASE WHEN r.assessment_decision = 'refuse' THEN r.assessment_decision_date END,
                       CASE WHEN r.plan_decision = 'not_issue' THEN r.plan_decision_date END) $$;

-- (The decisions report reads its year by a scan: an index on each decision
-- date would cost every insert more than it saves that one report.)
CREATE INDEX ehcp_request_health_received ON ehcp_request (health_advice_received)
    WHERE health_advice_received IS NOT NULL;
CREATE INDEX ehcp_request_health_waiting ON ehcp_request (health_advice_requested)
    WHERE health_advice_requested IS NOT NULL AND health_advice_received IS NULL;
CREATE INDEX ehcp_request_social_care_received ON ehcp_request (social_care_advice_received)
    WHERE social_care_advice_received IS NOT NULL;
CREATE INDEX ehcp_request_social_care_waiting ON ehcp_request (social_care_advice_requested)
    WHERE social_care_advice_requested IS NOT NULL AND social_care_advice_received IS NULL;
CREATE INDEX ehcp_request_ep_received ON ehcp_request (ep_advice_received)
    WHERE ep_advice_received IS NOT NULL;
CREATE INDEX ehcp_request_ep_waiting ON ehcp_request (ep_advice_requested)
    WHERE ep_advice_requested IS NOT NULL AND ep_advice_received IS NULL;
-- Requests still open, for the backlog and the case list on today's date.
CREATE INDEX ehcp_request_open ON ehcp_request (request_date)
    WHERE final_plan_date IS NULL AND closed_date IS NULL;
