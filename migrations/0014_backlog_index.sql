-- The backlog report's indexes (src/db/report_sql.h, BACKLOG_SRC).  It
-- counted each period's late requests by working out, for every request
-- received by the as-of day, whether it was finished for good before the
-- range (every row), then each one left on each day seen (13 for a year).
-- Now each kind of request has an index on the first day it is finished for
-- good (ehcp_finished_for_good_from, derived from the rules in
-- src/db/rules.sql.in), which finds those still unfinished on a day:
--  * fixed: no tribunal order and not a re-assessment, whose final plan is
--    due on one day however it is seen (ehcp_final_due).  Only those ever
--    late (finished for good after the day after their due day) are held,
--    with that due day and the columns both days come from, so that the
--    report's figures read the index alone (its cases read each row too);
--  * moving: an order or a re-assessment, judged day by day as before.
-- request_type is NOT NULL, so every request is of exactly one kind.
-- When the rules change, `ehcp init` rebuilds every index that calls them
-- (src/db/migrate.c).

CREATE INDEX ehcp_request_backlog_fixed ON ehcp_request (
        ehcp_finished_for_good_from(final_plan_date, closed_date, assessment_decision, assessment_decision_date,
                                    plan_decision, plan_decision_date, tribunal_outcome, tribunal_outcome_date),
        ehcp_final_due(request_type, request_date, assessment_decision, assessment_decision_date, plan_decision,
                       tribunal_outcome, tribunal_outcome_date))
    INCLUDE (request_type, request_date, final_plan_date, closed_date, assessment_decision, assessment_decision_date,
             plan_decision, plan_decision_date, tribunal_outcome, tribunal_outcome_date)
    WHERE tribunal_outcome_date IS NULL AND request_type <> 'reassessment'
      AND ehcp_finished_for_good_from(final_plan_date, closed_date, assessment_decision, assessment_decision_date,
                                      plan_decision, plan_decision_date, tribunal_outcome, tribunal_outcome_date)
          > ehcp_final_due(request_type, request_date, assessment_decision, assessment_decision_date, plan_decision,
                           tribunal_outcome, tribunal_outcome_date) + 1;
COMMENT ON INDEX ehcp_request_backlog_fixed IS
    'backlog: requests whose final plan is due on a fixed day and that were ever late, by the day they are finished for good';

CREATE INDEX ehcp_request_backlog_moving ON ehcp_request (
        ehcp_finished_for_good_from(final_plan_date, closed_date, assessment_decision, assessment_decision_date,
                                    plan_decision, plan_decision_date, tribunal_outcome, tribunal_outcome_date))
    WHERE tribunal_outcome_date IS NOT NULL OR request_type = 'reassessment';
COMMENT ON INDEX ehcp_request_backlog_moving IS
    'backlog: requests with a tribunal order or re-assessed, whose due day moves, by the day they are finished for good';
