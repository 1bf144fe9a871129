-- 0011: the decisions report and the SEN2 figures read one year of
-- decisions.  With no index on either decision date each read the whole
-- table (a national one: 1.5 million requests, ten years) for a tenth of
-- it; with these, PostgreSQL reads that year's pages alone.  (This undoes
-- 0003's choice of a scan for the one report: SEN2 needs both dates, and a
-- scan of a national table alone takes longer than a report should.)
-- Each costs the import: a COPY of 1.5 million rows into the real schema
-- (triggers off) took about 2.5 s more CPU with the first, 4 s with both
-- (of about 20 s), measured side by side on a busy machine.
-- decisions (whether to assess) and SEN2
CREATE INDEX ehcp_request_decided ON ehcp_request (assessment_decision_date)
    WHERE assessment_decision_date IS NOT NULL;
-- decisions (not to issue) and SEN2 (assessments completed)
CREATE INDEX ehcp_request_plan_decided ON ehcp_request (plan_decision_date)
    WHERE plan_decision_date IS NOT NULL;
