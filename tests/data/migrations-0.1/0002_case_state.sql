-- 0002: the statutory clock in SQL, for queries that run in the database
-- (the weekly case list, the reports).  It mirrors ehcp_clock_view_on()
-- and ehcp_clock_stage() in src/clock.c rule for rule, and
-- tests/test_case_state.c checks the two agree over many generated cases
-- and dates.  Written as one SELECT so that PostgreSQL inlines it into the
-- calling query.

CREATE FUNCTION ehcp_final_limit(request_type text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN request_type = 'reassessment' THEN 98 ELSE 140 END $$;

-- The case as it stood on on_date (milestones dated after it ignored):
--   status     on_track, nearing, overdue, done_in_time, done_late, ended
--   stage      awaiting_decision, assessing, awaiting_plan_decision,
--              drafting, draft_served, issued, refused, not_issued, closed
--   due_kind   for an open case: the earliest missed statutory deadline, or
--   due_date   else the next deadline ahead (NULL when none or not open)
--   days_left  due_date - on_date: negative when late
CREATE FUNCTION ehcp_case_state(r ehcp_request, on_date date, nearing integer)
RETURNS TABLE (status text, stage text, elapsed_days integer, due_kind text, due_date date,
               days_left integer, exception boolean)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT
    CASE WHEN k.ended THEN 'ended'
         WHEN k.final_on IS NOT NULL THEN
             CASE WHEN k.final_on <= k.final_due THEN 'done_in_time' ELSE 'done_late' END
         WHEN d.late_due IS NOT NULL THEN 'overdue'
         WHEN d.at_risk OR d.next_due - on_date <= nearing THEN 'nearing'
         ELSE 'on_track' END,
    CASE WHEN k.closed THEN 'closed'
         WHEN k.decision = 'refuse' THEN 'refused'
         WHEN k.plan = 'not_issue' THEN 'not_issued'
         WHEN k.final_on IS NOT NULL THEN 'issued'
         WHEN k.draft IS NOT NULL THEN 'draft_served'
         WHEN k.plan = 'issue' THEN 'drafting'
         WHEN k.decision IS NULL THEN 'awaiting_decision'
         WHEN (k.h_req IS NOT NULL OR k.s_req IS NOT NULL OR k.e_req IS NOT NULL)
              AND (k.h_req IS NULL OR k.h_rec IS NOT NULL) AND (k.s_req IS NULL OR k.s_rec IS NOT NULL)
              AND (k.e_req IS NULL OR k.e_rec IS NOT NULL) THEN 'awaiting_plan_decision'
         ELSE 'assessing' END,
    on_date - r.request_date,
    CASE WHEN k.open THEN coalesce(d.late_kind, d.next_kind) END,
    CASE WHEN k.open THEN coalesce(d.late_due, d.next_due) END,
    CASE WHEN k.open THEN coalesce(d.late_due, d.next_due) - on_date END,
    r.exception IS NOT NULL
FROM (
    SELECT m.*,
           NOT m.ended AND m.final_on IS NULL AS open,
           r.request_date + ehcp_final_limit(r.request_type) AS final_due
      FROM (
        SELECT a.*,
               a.closed OR a.decision IS NOT DISTINCT FROM 'refuse' OR a.plan IS NOT DISTINCT FROM 'not_issue' AS ended
          FROM (
            SELECT CASE WHEN r.assessment_decision_date <= on_date THEN r.assessment_decision END AS decision,
                   CASE WHEN r.plan_decision_date <= on_date THEN r.plan_decision END AS plan,
                   CASE WHEN r.health_advice_requested <= on_date THEN r.health_advice_requested END AS h_req,
                   CASE WHEN r.health_advice_received <= on_date THEN r.health_advice_received END AS h_rec,
                   CASE WHEN r.social_care_advice_requested <= on_date THEN r.social_care_advice_requested END AS s_req,
                   CASE WHEN r.social_care_advice_received <= on_date THEN r.social_care_advice_received END AS s_rec,
                   CASE WHEN r.ep_advice_requested <= on_date THEN r.ep_advice_requested END AS e_req,
                   CASE WHEN r.ep_advice_received <= on_date THEN r.ep_advice_received END AS e_rec,
                   CASE WHEN r.draft_plan_date <= on_date THEN r.draft_plan_date END AS draft,
                   CASE WHEN r.final_plan_date <= on_date THEN r.final_plan_date END AS final_on,
                   coalesce(r.closed_date <= on_date, false) AS closed
          ) a
      ) m
) k
CROSS JOIN LATERAL (
    -- the pending deadlines, in the clock's order (ties go to the first)
    SELECT min(dl.due) FILTER (WHERE dl.due >= on_date) AS next_due,
           (array_agg(dl.kind ORDER BY dl.due, dl.ord) FILTER (WHERE dl.due >= on_date))[1] AS next_kind,
           min(dl.due) FILTER (WHERE dl.due < on_date AND dl.hard) AS late_due,
           (array_agg(dl.kind ORDER BY dl.due, dl.ord) FILTER (WHERE dl.due < on_date AND dl.hard))[1] AS late_kind,
           coalesce(bool_or(dl.kind = 'safe_draft' AND dl.due < on_date), false) AS at_risk
      FROM (VALUES
        (1, 'decision', r.request_date + 42, true, k.decision IS NULL),
        (2, 'health_advice', k.h_req + 42, true, k.h_req IS NOT NULL AND k.h_rec IS NULL),
        (3, 'social_care_advice', k.s_req + 42, true, k.s_req IS NOT NULL AND k.s_rec IS NULL),
        (4, 'ep_advice', k.e_req + 42, true, k.e_req IS NOT NULL AND k.e_rec IS NULL),
        (5, 'not_issue_notice', r.request_date + 112, false,
            r.request_type <> 'reassessment' AND k.decision IS NOT DISTINCT FROM 'assess' AND k.plan IS NULL),
        (6, 'safe_draft', k.final_due - 15, false, k.draft IS NULL),
        (7, 'final_plan', k.final_due, true, true)
      ) AS dl (ord, kind, due, hard, pending)
     WHERE dl.pending AND k.open
) d
$$;
