#ifndef EHCP_REVIEWLIST_SQL_H
#define EHCP_REVIEWLIST_SQL_H

/*
 * The plan register as it stood on a day, for the review list and the
 * calendar: one row per plan maintained on $2 (started by then, not yet
 * ceased), with its reviews held by then folded into one integer array.
 *   $1 caseworker (text, NULL: everyone)  $2 as-of (date)
 *   $3 with the child's reference (boolean)
 * Dates are days since 1970-01-01 (ehcp_date's own count), so the C side
 * reads integers.  What was recorded after $2 is left out here: a review's
 * field dated later comes back NULL (its decision with its date), so the
 * clock sees the review as it stood.  Each review is
 *   {meeting, invitations, report, decision (1 maintain, 2 amend, 3 cease,
 *    ehcp_review_decision's order), decision_date, proposals, amended}
 * in meeting order.  Column 5 is the plan's version plus its reviews': it
 * rises with every change to either (the calendar's SEQUENCE).
 */

#define EHCP_DAYNO(col) "(" col " - DATE '1970-01-01')"
#define EHCP_CUT(col) "CASE WHEN x." col " <= $2::date THEN " EHCP_DAYNO("x." col) " END"

#define EHCP_SQL_PLAN_REGISTER                                                                     \
	"SELECT p.id, p.plan_ref, p.caseworker, CASE WHEN $3::boolean THEN p.child_ref END,"       \
	" p.version + coalesce(r.versions, 0),"                                                    \
	" " EHCP_DAYNO("p.plan_start_date") ", " EHCP_DAYNO("p.transferred_in_date") ","           \
	" " EHCP_DAYNO("p.date_of_birth") ", p.year_group_offset, " EHCP_DAYNO("p.next_transfer_date") "," \
	" p.next_transfer_to = 'post16', " EHCP_DAYNO("p.ceased_date") ", r.dates"                \
	" FROM ehcp_plan p"                                                                        \
	" LEFT JOIN LATERAL ("                                                                     \
	"   SELECT sum(x.version) AS versions,"                                                    \
	"          array_agg(ARRAY[" EHCP_DAYNO("x.meeting_date") ", " EHCP_CUT("invitations_date") "," \
	"                          " EHCP_CUT("report_date") ","                                   \
	"                          CASE WHEN x.decision_date <= $2::date"                          \
	"                               THEN array_position(ARRAY['maintain', 'amend', 'cease'], x.decision) END," \
	"                          " EHCP_CUT("decision_date") ", " EHCP_CUT("amendments_proposed_date") "," \
	"                          " EHCP_CUT("amended_plan_date") "] ORDER BY x.meeting_date) AS dates" \
	"     FROM ehcp_review x WHERE x.plan_id = p.id AND x.meeting_date <= $2::date) r ON true" \
	" WHERE p.plan_start_date <= $2::date AND (p.ceased_date IS NULL OR p.ceased_date > $2::date)" \
	"   AND ($1::text IS NULL OR p.caseworker = $1)"

#endif
