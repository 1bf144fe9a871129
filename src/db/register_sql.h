#ifndef EHCP_REGISTER_SQL_H
#define EHCP_REGISTER_SQL_H

/* The SQL of the plan register's import and export (plans.csv,
 * reviews.csv; src/io/register_import.c, register_export.c).  Rows are
 * staged with COPY in temporary tables, checked against each other and the
 * store here, and only then written. */

#define EHCP_PLAN_COLUMNS                                                                          \
	"plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date, "              \
	"transferred_in_date, year_group_offset, next_transfer_date, next_transfer_to, "           \
	"ceased_date, cease_reason"
#define EHCP_PLAN_COLUMNS_S                                                                        \
	"s.plan_ref, s.child_ref, s.date_of_birth, s.caseworker, s.case_ref, s.plan_start_date, "  \
	"s.transferred_in_date, coalesce(s.year_group_offset, 0), s.next_transfer_date, "          \
	"s.next_transfer_to, s.ceased_date, s.cease_reason"
#define EHCP_PLAN_COLUMNS_P                                                                        \
	"p.plan_ref, p.child_ref, p.date_of_birth, p.caseworker, p.case_ref, p.plan_start_date, "  \
	"p.transferred_in_date, p.year_group_offset, p.next_transfer_date, p.next_transfer_to, "   \
	"p.ceased_date, p.cease_reason"

/* reviews.csv's columns after plan_ref */
#define EHCP_REVIEW_COLUMNS                                                                        \
	"meeting_date, invitations_date, report_date, decision, decision_date, "                   \
	"amendments_proposed_date, amended_plan_date"
#define EHCP_REVIEW_COLUMNS_S                                                                      \
	"s.meeting_date, s.invitations_date, s.report_date, s.decision, s.decision_date, "         \
	"s.amendments_proposed_date, s.amended_plan_date"
#define EHCP_REVIEW_COLUMNS_R                                                                      \
	"r.meeting_date, r.invitations_date, r.report_date, r.decision, r.decision_date, "         \
	"r.amendments_proposed_date, r.amended_plan_date"

/* Every plans row with a readable plan_ref is staged; `ok` says whether
 * the row itself was good (a bad row's plan_ref still tells reviews that
 * their plan was refused, and still counts for duplicates). */
/* A second import in one transaction (ehcp_import_files: the plans, then
 * the reviews) starts from empty staging tables. */
#define EHCP_SQL_REGISTER_STAGING_DROP                                                             \
	"DROP TABLE IF EXISTS pg_temp.ehcp_import_plans, pg_temp.ehcp_import_reviews"

#define EHCP_SQL_REGISTER_STAGING_PLANS                                                            \
	"CREATE TEMP TABLE ehcp_import_plans ("                                                    \
	" line bigint NOT NULL, id uuid NOT NULL, ok boolean NOT NULL, plan_ref text NOT NULL,"    \
	" child_ref text, date_of_birth date, caseworker text, case_ref text, plan_start_date date," \
	" transferred_in_date date, year_group_offset integer, next_transfer_date date,"           \
	" next_transfer_to text, ceased_date date, cease_reason text) ON COMMIT DROP"

#define EHCP_SQL_REGISTER_STAGING_REVIEWS                                                          \
	"CREATE TEMP TABLE ehcp_import_reviews ("                                                  \
	" line bigint NOT NULL, plan_ref text NOT NULL, meeting_date date NOT NULL,"               \
	" invitations_date date, report_date date, decision text, decision_date date,"             \
	" amendments_proposed_date date, amended_plan_date date) ON COMMIT DROP"

#define EHCP_SQL_REGISTER_COPY_PLANS                                                               \
	"COPY ehcp_import_plans (line, id, ok, " EHCP_PLAN_COLUMNS ") FROM STDIN"
#define EHCP_SQL_REGISTER_COPY_REVIEWS                                                             \
	"COPY ehcp_import_reviews (line, plan_ref, " EHCP_REVIEW_COLUMNS ") FROM STDIN"

/* Statistics for the planner before the joins below (temp tables are
 * never analysed by autovacuum). */
#define EHCP_SQL_REGISTER_ANALYZE_PLANS "ANALYZE ehcp_import_plans"
#define EHCP_SQL_REGISTER_ANALYZE_REVIEWS "ANALYZE ehcp_import_reviews"

/* Plans rows that clash ($1: update): line, kind, the other line.
 *   ref_twice   the same plan_ref as an earlier row
 *   exists      the plan is stored (without update)
 *   case_twice  the same case_ref as an earlier row
 *   case_taken  another stored plan has the case_ref */
#define EHCP_SQL_REGISTER_PLAN_CLASHES                                                             \
	"SELECT line, 'ref_twice', first FROM ("                                                   \
	"  SELECT line, min(line) OVER (PARTITION BY plan_ref) AS first FROM ehcp_import_plans) s" \
	" WHERE line <> first"                                                                     \
	" UNION ALL"                                                                               \
	" SELECT s.line, 'exists', NULL FROM ehcp_import_plans s JOIN ehcp_plan p USING (plan_ref)" \
	" WHERE s.ok AND NOT $1::boolean"                                                          \
	" UNION ALL"                                                                               \
	" SELECT line, 'case_twice', first FROM ("                                                 \
	"  SELECT line, min(line) OVER (PARTITION BY case_ref) AS first FROM ehcp_import_plans"    \
	"  WHERE ok AND case_ref IS NOT NULL) s"                                                   \
	" WHERE line <> first"                                                                     \
	" UNION ALL"                                                                               \
	" SELECT s.line, 'case_taken', NULL FROM ehcp_import_plans s"                              \
	" JOIN ehcp_plan p ON p.case_ref = s.case_ref AND p.plan_ref <> s.plan_ref WHERE s.ok"     \
	" ORDER BY 1, 2"

/* Reviews rows that clash ($1: update): line, kind, the other line.
 *   plan_refused  its plan's row in plans.csv was refused (that line)
 *   no_plan       no such plan, stored or in this import
 *   meeting_twice the same plan_ref and meeting_date as an earlier row
 *   exists        the review is stored (without update) */
#define EHCP_SQL_REGISTER_REVIEW_CLASHES                                                           \
	"SELECT s.line, CASE WHEN b.line IS NOT NULL THEN 'plan_refused' ELSE 'no_plan' END, b.line" \
	" FROM ehcp_import_reviews s"                                                              \
	" LEFT JOIN LATERAL (SELECT min(line) AS line FROM ehcp_import_plans b"                   \
	"   WHERE b.plan_ref = s.plan_ref AND NOT b.ok) b ON true"                                 \
	" WHERE NOT EXISTS (SELECT 1 FROM ehcp_import_plans g WHERE g.plan_ref = s.plan_ref AND g.ok)" \
	" AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.plan_ref = s.plan_ref)"                \
	" UNION ALL"                                                                               \
	" SELECT line, 'meeting_twice', first FROM ("                                              \
	"  SELECT line, min(line) OVER (PARTITION BY plan_ref, meeting_date) AS first"             \
	"  FROM ehcp_import_reviews) s WHERE line <> first"                                        \
	" UNION ALL"                                                                               \
	" SELECT s.line, 'exists', NULL FROM ehcp_import_reviews s"                                \
	" JOIN ehcp_plan p USING (plan_ref)"                                                       \
	" JOIN ehcp_review r ON r.plan_id = p.id AND r.meeting_date = s.meeting_date"              \
	" WHERE NOT $1::boolean"                                                                   \
	" ORDER BY 1, 2"

/* Each plan as it would be after the import, with all of its reviews as
 * they would be, for the whole-plan check (ehcp_plan_validate): the plans
 * a reviews row names, and the stored plans a plans row replaces.  Rows
 * ordered by plan; for each, one plan row (kind 0: plans.csv's twelve
 * columns) then its reviews in meeting order (kind 1: reviews.csv's seven
 * after plan_ref).  `line` is the row's line in its file, NULL for what is
 * stored and left as it is.  Read through a cursor: a register's reviews
 * do not fit in one result. */
#define EHCP_SQL_REGISTER_CHECK_CURSOR                                                             \
	"DECLARE ehcp_register_check NO SCROLL CURSOR FOR"                                         \
	" WITH sp AS (SELECT DISTINCT ON (plan_ref) * FROM ehcp_import_plans WHERE ok"             \
	"             ORDER BY plan_ref, line),"                                                   \
	" sr AS (SELECT DISTINCT ON (plan_ref, meeting_date) * FROM ehcp_import_reviews"           \
	"        ORDER BY plan_ref, meeting_date, line),"                                          \
	" named AS (SELECT DISTINCT plan_ref FROM sr),"                                            \
	" plans AS ("                                                                              \
	"  SELECT s.line, p.id AS stored_id, s.plan_ref, s.child_ref, s.date_of_birth, s.caseworker," \
	"   s.case_ref, s.plan_start_date, s.transferred_in_date, s.year_group_offset,"            \
	"   s.next_transfer_date, s.next_transfer_to, s.ceased_date, s.cease_reason"                \
	"  FROM sp s LEFT JOIN ehcp_plan p USING (plan_ref)"                                       \
	"  WHERE s.plan_ref IN (SELECT plan_ref FROM named) OR p.id IS NOT NULL"                   \
	"  UNION ALL"                                                                              \
	"  SELECT NULL, p.id, " EHCP_PLAN_COLUMNS_P " FROM ehcp_plan p JOIN named n USING (plan_ref)" \
	"  WHERE NOT EXISTS (SELECT 1 FROM sp WHERE sp.plan_ref = p.plan_ref)),"                   \
	" reviews AS ("                                                                            \
	"  SELECT s.line, s.plan_ref, " EHCP_REVIEW_COLUMNS_S " FROM sr s"                         \
	"  UNION ALL"                                                                              \
	"  SELECT NULL, p.plan_ref, " EHCP_REVIEW_COLUMNS_R                                        \
	"  FROM plans p JOIN ehcp_review r ON r.plan_id = p.stored_id"                             \
	"  WHERE NOT EXISTS (SELECT 1 FROM sr WHERE sr.plan_ref = p.plan_ref"                      \
	"                    AND sr.meeting_date = r.meeting_date))"                               \
	" SELECT * FROM ("                                                                         \
	" SELECT plan_ref AS k, 0 AS kind, NULL::date AS meeting, line, plan_ref, child_ref,"     \
	"  date_of_birth::text, caseworker, case_ref, plan_start_date::text,"                      \
	"  transferred_in_date::text, nullif(year_group_offset, 0)::text, next_transfer_date::text," \
	"  next_transfer_to, ceased_date::text, cease_reason"                                      \
	" FROM plans p WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.plan_ref = p.plan_ref)"       \
	" UNION ALL"                                                                               \
	" SELECT plan_ref, 1, meeting_date, line, meeting_date::text, invitations_date::text,"     \
	"  report_date::text, decision, decision_date::text, amendments_proposed_date::text,"      \
	"  amended_plan_date::text, NULL, NULL, NULL, NULL, NULL"                                  \
	" FROM reviews r WHERE EXISTS (SELECT 1 FROM plans p WHERE p.plan_ref = r.plan_ref)) u"   \
	" ORDER BY k COLLATE \"C\", kind, meeting"

#define EHCP_SQL_REGISTER_CHECK_FETCH "FETCH 10000 FROM ehcp_register_check"
#define EHCP_SQL_REGISTER_CHECK_CLOSE "CLOSE ehcp_register_check"

/* Stored plans and reviews the import names (to count them as updated or
 * unchanged). */
#define EHCP_SQL_REGISTER_PLANS_EXISTING                                                           \
	"SELECT count(*) FROM ehcp_import_plans s JOIN ehcp_plan p USING (plan_ref)"
#define EHCP_SQL_REGISTER_REVIEWS_EXISTING                                                         \
	"SELECT count(*) FROM ehcp_import_reviews s JOIN ehcp_plan p USING (plan_ref)"             \
	" JOIN ehcp_review r ON r.plan_id = p.id AND r.meeting_date = s.meeting_date"

/* A row replaces the plan (review) it names; an empty cell clears a
 * field.  Only rows that change anything are written, so the history
 * holds only real changes. */
#define EHCP_SQL_REGISTER_PLANS_UPDATE                                                             \
	"WITH changed AS (UPDATE ehcp_plan p SET (" EHCP_PLAN_COLUMNS ") = (" EHCP_PLAN_COLUMNS_S ")" \
	" FROM ehcp_import_plans s WHERE p.plan_ref = s.plan_ref"                                  \
	" AND (" EHCP_PLAN_COLUMNS_P ") IS DISTINCT FROM (" EHCP_PLAN_COLUMNS_S ") RETURNING 1)"   \
	" SELECT count(*) FROM changed"

#define EHCP_SQL_REGISTER_PLANS_INSERT                                                             \
	"INSERT INTO ehcp_plan (id, " EHCP_PLAN_COLUMNS ") SELECT s.id, " EHCP_PLAN_COLUMNS_S      \
	" FROM ehcp_import_plans s"                                                                \
	" WHERE NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.plan_ref = s.plan_ref)"              \
	" ORDER BY s.line"

#define EHCP_SQL_REGISTER_REVIEWS_UPDATE                                                           \
	"WITH changed AS (UPDATE ehcp_review r SET (" EHCP_REVIEW_COLUMNS ") = ("                  \
	EHCP_REVIEW_COLUMNS_S ")"                                                                  \
	" FROM ehcp_import_reviews s JOIN ehcp_plan p USING (plan_ref)"                            \
	" WHERE r.plan_id = p.id AND r.meeting_date = s.meeting_date"                              \
	" AND (" EHCP_REVIEW_COLUMNS_R ") IS DISTINCT FROM (" EHCP_REVIEW_COLUMNS_S ") RETURNING 1)" \
	" SELECT count(*) FROM changed"

/* In the primary key's order, so that the index is appended to. */
#define EHCP_SQL_REGISTER_REVIEWS_INSERT                                                           \
	"INSERT INTO ehcp_review (plan_id, " EHCP_REVIEW_COLUMNS ") SELECT p.id, "                 \
	EHCP_REVIEW_COLUMNS_S " FROM ehcp_import_reviews s JOIN ehcp_plan p USING (plan_ref)"      \
	" WHERE NOT EXISTS (SELECT 1 FROM ehcp_review r"                                           \
	"                   WHERE r.plan_id = p.id AND r.meeting_date = s.meeting_date)"           \
	" ORDER BY p.id, s.meeting_date"

#define EHCP_SQL_REGISTER_EXPORT_PLANS                                                             \
	"COPY (SELECT plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date,"  \
	" transferred_in_date, nullif(year_group_offset, 0) AS year_group_offset,"                 \
	" next_transfer_date, next_transfer_to, ceased_date, cease_reason"                         \
	" FROM ehcp_plan ORDER BY plan_ref COLLATE \"C\") TO STDOUT WITH (FORMAT csv, HEADER true)"

#define EHCP_SQL_REGISTER_EXPORT_REVIEWS                                                           \
	"COPY (SELECT p.plan_ref, " EHCP_REVIEW_COLUMNS_R                                          \
	" FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id"                                 \
	" ORDER BY p.plan_ref COLLATE \"C\", r.meeting_date) TO STDOUT WITH (FORMAT csv, HEADER true)"

#endif
