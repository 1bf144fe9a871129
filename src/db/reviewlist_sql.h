#ifndef EHCP_REVIEWLIST_SQL_H
#define EHCP_REVIEWLIST_SQL_H

/*
 * The plan register as it stood on a day, for the review list and the
 * calendar, in two flat scans merged in C by plan id (a join folding each
 * plan's reviews into an array cost twice as long for 20,000 plans):
 *   $1 caseworker (text, NULL: everyone)  $2 as-of (date)
 *   $3 with the child's reference (boolean)
 * The plans maintained on $2 (started by then, not yet ceased), by id; then
 * the reviews held by then, in no order (the C side puts each with its
 * plan, by meeting): everyone's, whose plans the C side picks out (a join
 * to the plans cost more than the reviews of ceased plans it leaves out),
 * or one caseworker's plans'.
 * Dates are days since 1970-01-01 (ehcp_date's own count), so the C side
 * reads integers.  What
 * was recorded after $2 is left out here: a review's field dated later
 * comes back NULL (its decision with its date), so the clock sees the
 * review as it stood.  The decision is 1 maintain, 2 amend, 3 cease
 * (ehcp_review_decision's order).
 */

#define EHCP_DAYNO(col) "(" col " - DATE '1970-01-01')"
#define EHCP_CUT(col) "CASE WHEN x." col " <= $2::date THEN " EHCP_DAYNO("x." col) " END"
#define EHCP_PLAN_MAINTAINED                                                                       \
	" p.plan_start_date <= $2::date AND (p.ceased_date IS NULL OR p.ceased_date > $2::date)"   \
	" AND ($1::text IS NULL OR p.caseworker = $1)"

#define EHCP_SQL_PLAN_REGISTER                                                                     \
	"SELECT p.id, p.plan_ref, p.caseworker, CASE WHEN $3::boolean THEN p.child_ref END, p.version," \
	" " EHCP_DAYNO("p.plan_start_date") ", " EHCP_DAYNO("p.transferred_in_date") ","           \
	" " EHCP_DAYNO("p.date_of_birth") ", p.year_group_offset, " EHCP_DAYNO("p.next_transfer_date") "," \
	" p.next_transfer_to = 'post16', " EHCP_DAYNO("p.ceased_date")                             \
	" FROM ehcp_plan p WHERE" EHCP_PLAN_MAINTAINED " ORDER BY p.id"

/* $3 is unused here but keeps the parameters the same. */
#define EHCP_SQL_PLAN_REGISTER_REVIEWS                                                             \
	"SELECT x.plan_id, x.version, " EHCP_DAYNO("x.meeting_date") ", " EHCP_CUT("invitations_date") "," \
	" " EHCP_CUT("report_date") ","                                                            \
	" CASE WHEN x.decision_date <= $2::date AND $3::boolean IS NOT NULL"                       \
	"      THEN array_position(ARRAY['maintain', 'amend', 'cease'], x.decision) END,"          \
	" " EHCP_CUT("decision_date") ", " EHCP_CUT("amendments_proposed_date") ","                \
	" " EHCP_CUT("amended_plan_date")                                                          \
	" FROM ehcp_review x WHERE x.meeting_date <= $2::date AND ($1::text IS NULL OR x.plan_id IN (" \
	" SELECT p.id FROM ehcp_plan p WHERE" EHCP_PLAN_MAINTAINED "))"

#endif
