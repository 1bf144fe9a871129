#ifndef EHCP_REVIEW_REPORT_SQL_H
#define EHCP_REVIEW_REPORT_SQL_H

/*
 * What the reviews report reads (docs/reports.md, "reviews"): the plans
 * and the reviews that can matter for the range, streamed in binary; every
 * figure is then the C review clock's (src/db/review_report.c).  The day
 * parameters are set once per transaction (EHCP_SQL_RV_SET: $1 from, $2 to,
 * $3 as-of), since a COPY takes no parameters; the queries read them back.
 *
 * Which rows, and why they are enough:
 *  - The plans that can be maintained on some day of the range: started by
 *    its end (or the as-of day), not ceased before its start.
 *  - The meetings from LO, a year and a day before the first day seen, to
 *    the as-of day: a review due in the range is due after an anchor from
 *    LO on, or (reg 15) after the last anchor before LO when a transfer
 *    comes after it; an anchor before LO leaves its plan overdue at every
 *    day seen unless such a transfer puts its due date later, so the C side
 *    stands the plan's start in for it (both are before LO: which one is
 *    never tells).  The C side keeps these, and only these, as the chain.
 *  - For the phase transfers, whose deadlines fall in the range's years
 *    and are met by a review's amended plan or decision to maintain dated
 *    from X (1 January of the year before the range's) on: the meetings
 *    from RV_SLOW_DAYS before X and LO, and before that the reviews dated
 *    more than RV_SLOW_DAYS after their meeting (an index holds just those,
 *    migrations/0010_review_report.sql, with the same number).
 * Dates come back as PostgreSQL's binary dates; the decision as its text.
 * The plans and the two halves of the reviews come on three connections
 * sharing one snapshot, so that the servers' work, most of the time, is
 * done side by side.
 */

/* Each bound a subquery, worked out once per query rather than per row. */
#define RV_DAY(name) "current_setting('ehcp.rv_" name "')::date"
#define RV_ONCE(e) "(SELECT " e ")"
#define RV_AS_OF_E RV_DAY("as_of")
#define RV_FIRST_E "least(" RV_DAY("from") ", " RV_AS_OF_E ")"
#define RV_LO_OF(first) "((" first " - interval '1 year')::date - 1)"
#define RV_LO_E RV_LO_OF(RV_FIRST_E)
#define RV_X_E "(date_trunc('year', " RV_DAY("from") ") - interval '1 year')::date"
/* Must be the partial index's number (migrations/0010_review_report.sql). */
#define RV_SLOW_DAYS "92"
#define RV_AS_OF RV_ONCE(RV_AS_OF_E)
#define RV_HI RV_ONCE("least(" RV_DAY("to") ", " RV_AS_OF_E ")")
#define RV_FIRST RV_ONCE(RV_FIRST_E)
#define RV_LO RV_ONCE(RV_LO_E)
#define RV_X RV_ONCE(RV_X_E)
/* The first meeting read: a year and a day before the first day seen, or
 * for the transfers the slow days before X if that comes first. */
#define RV_START RV_ONCE("least(" RV_LO_E ", " RV_X_E ") - " RV_SLOW_DAYS)
#define RV_MET "coalesce(amended_plan_date, decision_date)"

/* Sets the days; returns LO as days since 1970-01-01 and the snapshot, so
 * that a second connection can read the same register. */
#define EHCP_SQL_RV_SET                                                                            \
	"SELECT set_config('ehcp.rv_from', $1::date::text, true),"                                 \
	" set_config('ehcp.rv_to', $2::date::text, true),"                                         \
	" set_config('ehcp.rv_as_of', $3::date::text, true),"                                      \
	" " RV_LO_OF("least($1::date, $3::date)") " - DATE '1970-01-01', pg_export_snapshot()"

#define RV_PLAN_COLUMNS                                                                            \
	"id, plan_start_date, transferred_in_date, date_of_birth, year_group_offset,"              \
	" next_transfer_date, next_transfer_to = 'post16', ceased_date, cease_reason"
#define RV_PLAN_WHERE                                                                              \
	" FROM ehcp_plan WHERE plan_start_date <= " RV_HI                                          \
	" AND (ceased_date IS NULL OR ceased_date >= " RV_FIRST ")"

/* The plans; with their references for --cases. */
#define EHCP_SQL_RV_PLANS "COPY (SELECT " RV_PLAN_COLUMNS RV_PLAN_WHERE ") TO STDOUT (FORMAT binary)"
#define EHCP_SQL_RV_PLANS_REFS                                                                     \
	"COPY (SELECT " RV_PLAN_COLUMNS ", plan_ref" RV_PLAN_WHERE ") TO STDOUT (FORMAT binary)"

#define RV_REVIEW_COLUMNS "SELECT plan_id, meeting_date, decision, decision_date, amended_plan_date FROM ehcp_review"

/* The reviews, by meeting (index-only scans of 0010's indexes), in two
 * halves split at MID, midway from LO to the as-of day, so that two
 * servers can read them at once: the early half with the older meetings
 * the transfers need; the late half, every meeting from MID on (all of
 * them after LO). */
#define RV_MID RV_ONCE("(" RV_LO_E " + (" RV_AS_OF_E " - " RV_LO_E ") / 2)")
#define RV_REVIEWS_EARLY                                                                           \
	RV_REVIEW_COLUMNS " WHERE meeting_date >= " RV_START " AND meeting_date < " RV_MID        \
	"   AND (meeting_date >= " RV_LO " OR " RV_MET " >= " RV_X ")"                             \
	" UNION ALL " RV_REVIEW_COLUMNS                                                            \
	" WHERE meeting_date < " RV_START                                                          \
	"   AND " RV_MET " >= " RV_X " AND " RV_MET " > meeting_date + " RV_SLOW_DAYS
#define EHCP_SQL_RV_REVIEWS_EARLY "COPY (" RV_REVIEWS_EARLY ") TO STDOUT (FORMAT binary)"
#define EHCP_SQL_RV_REVIEWS_LATE                                                                   \
	"COPY (" RV_REVIEW_COLUMNS " WHERE meeting_date >= " RV_MID " AND meeting_date <= " RV_AS_OF \
	") TO STDOUT (FORMAT binary)"

/* For --cases, which shows each overdue plan's due date itself: the early
 * half, and each plan's last meeting before LO (whose date the count never
 * needs); a scan of the primary key, paid only when the cases are asked
 * for. */
#define EHCP_SQL_RV_REVIEWS_EARLY_CASES                                                            \
	"COPY (" RV_REVIEWS_EARLY " UNION ALL (SELECT DISTINCT ON (plan_id) * FROM (" RV_REVIEW_COLUMNS \
	" WHERE meeting_date < " RV_LO ") before_lo ORDER BY plan_id, meeting_date DESC)"          \
	") TO STDOUT (FORMAT binary)"

#endif
