#ifndef EHCP_SEN2_SQL_H
#define EHCP_SEN2_SQL_H

/*
 * What the SEN2 return needs, one row per Requests element:
 *   $1 the year's first day  $2 its last day (date)
 * The year is seen as it stood on $2: anything dated later comes back NULL
 * (a decision with its date).  Requests: initial and transfer_in (SEN2 is
 * a return of new plans, as `ehcp report sen2`), received by $2 and not
 * finished before $1, or with a milestone in the year (every request the
 * report counts); each with the plan its final plan made.  Plans: those
 * maintained on $2 or ceased in the year; one whose request is not in the
 * return comes alone (SEN2's 'H', historical or transferred in).  Dates
 * are days since 1970-01-01 (ehcp_date's count).  Ordered by child_ref
 * bytewise (NULL first), a child's requests by received date and case_ref,
 * its lone plans last.
 */

#define SEN2_DAYNO(col) "(" col " - DATE '1970-01-01')"
#define SEN2_CUT(date, col) "CASE WHEN " date " <= $2::date THEN " col " END"
#define SEN2_IN_YEAR(col) "coalesce(" col " BETWEEN $1::date AND $2::date, false)"

static const char sql_sen2_return[] =
	"WITH q AS ("
	" SELECT r.case_ref, r.child_ref, r.date_of_birth, r.request_date,"
	"   " SEN2_CUT("r.assessment_decision_date", "r.assessment_decision") " AS ad,"
	"   " SEN2_CUT("r.assessment_decision_date", "r.assessment_decision_date") " AS add,"
	"   " SEN2_CUT("r.plan_decision_date", "r.plan_decision") " AS pd,"
	"   " SEN2_CUT("r.plan_decision_date", "r.plan_decision_date") " AS pdd,"
	"   " SEN2_CUT("r.final_plan_date", "r.final_plan_date") " AS fp,"
	"   " SEN2_CUT("r.closed_date", "r.closed_date") " AS cd,"
	"   " SEN2_CUT("r.closed_date", "r.closed_reason") " AS cr,"
	"   r.exception IS NOT NULL AS exc,"
	"   coalesce(r.mediation_date <= $2::date, false) AS med,"
	"   coalesce(r.tribunal_appeal_date <= $2::date, false) AS trib,"
	"   " SEN2_CUT("r.tribunal_outcome_date", "r.tribunal_outcome") " AS tro"
	"  FROM ehcp_request r"
	"  WHERE r.request_type IN ('initial', 'transfer_in') AND r.request_date <= $2::date"
	"   AND (NOT ehcp_finished_on(r.final_plan_date, r.closed_date, r.assessment_decision,"
	"          r.assessment_decision_date, r.plan_decision, r.plan_decision_date, r.tribunal_outcome,"
	"          r.tribunal_outcome_date, $1::date - 1)"
	"        OR " SEN2_IN_YEAR("r.request_date") " OR " SEN2_IN_YEAR("r.assessment_decision_date")
	"        OR " SEN2_IN_YEAR("r.plan_decision_date") " OR " SEN2_IN_YEAR("r.final_plan_date") ")),"
	" pl AS ("
	" SELECT p.plan_ref, p.child_ref, p.date_of_birth, p.case_ref, p.plan_start_date,"
	"   " SEN2_CUT("p.ceased_date", "p.ceased_date") " AS ceased,"
	"   " SEN2_CUT("p.ceased_date", "p.cease_reason") " AS cease_reason,"
	"   coalesce(p.transferred_in_date <= $2::date, false) AS tin,"
	"   lr.meeting_date AS last_review,"
	"   " SEN2_CUT("lr.decision_date", "lr.decision") " AS decision"
	"  FROM ehcp_plan p"
	"  LEFT JOIN LATERAL (SELECT x.meeting_date, x.decision, x.decision_date FROM ehcp_review x"
	"     WHERE x.plan_id = p.id AND x.meeting_date <= $2::date"
	"     ORDER BY x.meeting_date DESC LIMIT 1) lr ON true"
	"  WHERE p.plan_start_date <= $2::date AND (p.ceased_date IS NULL OR p.ceased_date >= $1::date))"
	" SELECT coalesce(q.child_ref, pl.child_ref), q.case_ref, pl.plan_ref,"
	"  " SEN2_DAYNO("coalesce(q.date_of_birth, pl.date_of_birth)") ", " SEN2_DAYNO("q.request_date") ","
	"  q.ad, " SEN2_DAYNO("q.add") ", q.pd, " SEN2_DAYNO("q.pdd") ", " SEN2_DAYNO("q.fp") ","
	"  " SEN2_DAYNO("q.cd") ", q.cr, q.exc, q.med, q.trib, q.tro,"
	"  " SEN2_DAYNO("pl.plan_start_date") ", " SEN2_DAYNO("pl.ceased") ", pl.cease_reason, pl.tin,"
	"  " SEN2_DAYNO("pl.last_review") ","
	"  " SEN2_DAYNO("CASE WHEN pl.last_review >= $1::date THEN pl.last_review END") ", pl.decision"
	" FROM q FULL JOIN pl ON pl.case_ref = q.case_ref"
	" ORDER BY coalesce(q.child_ref, pl.child_ref) COLLATE \"C\" NULLS FIRST, q.case_ref IS NULL, q.request_date,"
	"  q.case_ref COLLATE \"C\", pl.plan_ref COLLATE \"C\"";

#endif
