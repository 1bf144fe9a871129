#ifndef EHCP_PLAN_SQL_H
#define EHCP_PLAN_SQL_H

/* The SQL of the plan register, in one place.  A plan's columns: id, the
 * 12 plans.csv columns in order, version; a review's: the 7 reviews.csv
 * columns after plan_ref, in order. */

#define EHCP_PLAN_CSV_COLUMNS                                                                      \
	"plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date, "              \
	"transferred_in_date, year_group_offset, next_transfer_date, next_transfer_to, "           \
	"ceased_date, cease_reason"
#define EHCP_REVIEW_CSV_COLUMNS                                                                    \
	"meeting_date, invitations_date, report_date, decision, decision_date, "                   \
	"amendments_proposed_date, amended_plan_date"

/* The offset is written "" (NULL) when 0, as the CSV writes it. */
#define EHCP_PLAN_VALUES                                                                           \
	"$1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::integer, 0), $10, $11, $12, $13"

#define EHCP_SQL_PLAN_INSERT                                                                       \
	"INSERT INTO ehcp_plan (id, " EHCP_PLAN_CSV_COLUMNS ") VALUES (" EHCP_PLAN_VALUES ")"
/* $14: the version read under the row lock. */
#define EHCP_SQL_PLAN_UPDATE                                                                       \
	"UPDATE ehcp_plan SET (id, " EHCP_PLAN_CSV_COLUMNS ") = (" EHCP_PLAN_VALUES ") "           \
	"WHERE id = $1 AND version = $14"
/* A change to a review is a change to its plan: the plan's version moves
 * (the history trigger finds no field of the plan changed, so adds nothing). */
#define EHCP_SQL_PLAN_TOUCH "UPDATE ehcp_plan SET updated_at = now() WHERE id = $1 AND version = $2"

#define EHCP_SQL_PLAN_BY_REF                                                                       \
	"SELECT id, " EHCP_PLAN_CSV_COLUMNS ", version FROM ehcp_plan WHERE plan_ref = $1"
#define EHCP_SQL_PLAN_LOCK EHCP_SQL_PLAN_BY_REF " FOR UPDATE"

#define EHCP_SQL_REVIEWS_OF                                                                        \
	"SELECT " EHCP_REVIEW_CSV_COLUMNS " FROM ehcp_review WHERE plan_id = $1 ORDER BY meeting_date"
#define EHCP_SQL_REVIEW_INSERT                                                                     \
	"INSERT INTO ehcp_review (plan_id, " EHCP_REVIEW_CSV_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
/* $9: the meeting day the review had. */
#define EHCP_SQL_REVIEW_UPDATE                                                                     \
	"UPDATE ehcp_review SET (" EHCP_REVIEW_CSV_COLUMNS ") = ($2, $3, $4, $5, $6, $7, $8) "     \
	"WHERE plan_id = $1 AND meeting_date = $9"

#define EHCP_SQL_PLAN_HISTORY                                                                      \
	"SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), db_role, app_user, action, " \
	"field, old_value, new_value FROM ehcp_plan_history WHERE plan_id = $1 ORDER BY id"

#endif
