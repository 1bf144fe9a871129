-- 0003: what the reports need: periods, and indexes that let a one-year
-- report over a national-sized table read only that year's rows.
-- (ehcp_request_end, once here, restated when a request ends; the rule is
-- now ehcp_finished_on() in src/rules.sql.in.  A database that applied the
-- first text of this file is accepted: see src/migrate.c.)

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
