#ifndef EHCP_CASE_SQL_H
#define EHCP_CASE_SQL_H

/* The SQL of the case store, in one place.  Column order: id, then the 28
 * tracker columns in CSV order, then exception_note, then version. */

/* The 28 tracker CSV columns, in the order the format lists them. */
#define EHCP_CSV_COLUMNS                                                                           \
	"case_ref, child_ref, date_of_birth, caseworker, request_type, request_date, "             \
	"assessment_decision, assessment_decision_date, "                                          \
	"health_advice_requested, health_advice_received, health_advice_exception, "               \
	"social_care_advice_requested, social_care_advice_received, social_care_advice_exception, " \
	"ep_advice_requested, ep_advice_received, ep_advice_exception, "                           \
	"plan_decision, plan_decision_date, draft_plan_date, final_plan_date, "                    \
	"exception, closed_date, closed_reason, "                                                  \
	"mediation_date, tribunal_appeal_date, tribunal_outcome, tribunal_outcome_date"

#define EHCP_CASE_COLUMNS "id, " EHCP_CSV_COLUMNS ", exception_note"

/* Parameters $1..$30 in column order. */
#define EHCP_CASE_PARAMS                                                                           \
	"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "     \
	"$20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30"

#define EHCP_SQL_CASE_INSERT "INSERT INTO ehcp_request (" EHCP_CASE_COLUMNS ") VALUES (" EHCP_CASE_PARAMS ")"

/* The whole row is written back; the history trigger records only the
 * fields that changed.  $31 is the version read under the row lock. */
#define EHCP_SQL_CASE_UPDATE                                                                       \
	"UPDATE ehcp_request SET (" EHCP_CASE_COLUMNS ") = (" EHCP_CASE_PARAMS ") "                \
	"WHERE id = $1 AND version = $31"

#define EHCP_SQL_CASE_BY_REF "SELECT " EHCP_CASE_COLUMNS ", version FROM ehcp_request WHERE case_ref = $1"
#define EHCP_SQL_CASE_LOCK EHCP_SQL_CASE_BY_REF " FOR UPDATE"

/* $4 the as-of date; with $5, only requests open on it (the SQL clock's
 * test, on the row alone, so that it can be done in the scan). */
#define EHCP_SQL_CASE_LIST                                                                         \
	"SELECT " EHCP_CASE_COLUMNS ", version FROM ehcp_request "                                 \
	"WHERE ($1::text IS NULL OR caseworker = $1) "                                             \
	"AND ($2::date IS NULL OR request_date >= $2) AND ($3::date IS NULL OR request_date <= $3) " \
	"AND (NOT $5::boolean OR (request_date <= $4::date AND NOT ehcp_finished_on(final_plan_date, closed_date," \
	"  assessment_decision, assessment_decision_date, plan_decision, plan_decision_date,"     \
	"  tribunal_outcome, tribunal_outcome_date, $4::date))) "                                  \
	"ORDER BY case_ref COLLATE \"C\""

#define EHCP_SQL_CASE_HISTORY                                                                      \
	"SELECT to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), h.db_role, "    \
	"h.app_user, h.action, h.field, h.old_value, h.new_value "                                 \
	"FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id "                          \
	"WHERE r.case_ref = $1 ORDER BY h.id"

/* ---- tracker CSV import: rows are staged, checked, then written ---- */

/* A bad row is staged too, with its line and case_ref alone (the rest
 * NULL), so that the clash check names a repeat of it; with any bad row
 * the import writes nothing, so only that check reads it. */
#define EHCP_SQL_IMPORT_STAGING                                                                    \
	"CREATE TEMP TABLE ehcp_import_rows ("                                                     \
	" line bigint NOT NULL, id uuid NOT NULL, case_ref text NOT NULL, child_ref text,"         \
	" date_of_birth date, caseworker text, request_type text, request_date date,"              \
	" assessment_decision text, assessment_decision_date date,"                               \
	" health_advice_requested date, health_advice_received date, health_advice_exception text," \
	" social_care_advice_requested date, social_care_advice_received date,"                   \
	" social_care_advice_exception text,"                                                      \
	" ep_advice_requested date, ep_advice_received date, ep_advice_exception text,"            \
	" plan_decision text, plan_decision_date date, draft_plan_date date, final_plan_date date," \
	" exception text, closed_date date, closed_reason text,"                                   \
	" mediation_date date, tribunal_appeal_date date, tribunal_outcome text,"                  \
	" tribunal_outcome_date date) ON COMMIT DROP"

#define EHCP_SQL_IMPORT_COPY "COPY ehcp_import_rows (line, id, " EHCP_CSV_COLUMNS ") FROM STDIN"

/* Rows whose case_ref repeats an earlier row's, or (unless $1, update)
 * names a case that exists: line, the first line with that case_ref,
 * whether the case exists, and whether the row is a bad one (staged with
 * its case_ref alone: every good row has its request_type). */
#define EHCP_SQL_IMPORT_CLASHES                                                                    \
	"SELECT s.line, s.first_line, r.id IS NOT NULL, s.request_type IS NULL FROM ("             \
	" SELECT line, case_ref, request_type, min(line) OVER (PARTITION BY case_ref) AS first_line" \
	" FROM ehcp_import_rows) s"                                                                \
	" LEFT JOIN ehcp_request r ON r.case_ref = s.case_ref"                                     \
	" WHERE s.line <> s.first_line OR (r.id IS NOT NULL AND NOT $1::boolean)"                  \
	" ORDER BY s.line"

#define EHCP_SQL_IMPORT_EXISTING                                                                   \
	"SELECT count(*) FROM ehcp_import_rows s JOIN ehcp_request r ON r.case_ref = s.case_ref"

#define EHCP_CSV_COLUMNS_S                                                                         \
	"s.case_ref, s.child_ref, s.date_of_birth, s.caseworker, s.request_type, s.request_date, "  \
	"s.assessment_decision, s.assessment_decision_date, "                                      \
	"s.health_advice_requested, s.health_advice_received, s.health_advice_exception, "         \
	"s.social_care_advice_requested, s.social_care_advice_received, s.social_care_advice_exception, " \
	"s.ep_advice_requested, s.ep_advice_received, s.ep_advice_exception, "                     \
	"s.plan_decision, s.plan_decision_date, s.draft_plan_date, s.final_plan_date, "            \
	"s.exception, s.closed_date, s.closed_reason, "                                            \
	"s.mediation_date, s.tribunal_appeal_date, s.tribunal_outcome, s.tribunal_outcome_date"

#define EHCP_CSV_COLUMNS_R                                                                         \
	"r.case_ref, r.child_ref, r.date_of_birth, r.caseworker, r.request_type, r.request_date, "  \
	"r.assessment_decision, r.assessment_decision_date, "                                      \
	"r.health_advice_requested, r.health_advice_received, r.health_advice_exception, "         \
	"r.social_care_advice_requested, r.social_care_advice_received, r.social_care_advice_exception, " \
	"r.ep_advice_requested, r.ep_advice_received, r.ep_advice_exception, "                     \
	"r.plan_decision, r.plan_decision_date, r.draft_plan_date, r.final_plan_date, "            \
	"r.exception, r.closed_date, r.closed_reason, "                                            \
	"r.mediation_date, r.tribunal_appeal_date, r.tribunal_outcome, r.tribunal_outcome_date"

/* A row replaces the case it names (an empty cell clears a field); the
 * note survives while the case keeps an exception. */
#define EHCP_SQL_IMPORT_UPDATE                                                                     \
	"WITH changed AS (UPDATE ehcp_request r SET (" EHCP_CSV_COLUMNS ", exception_note) = ("    \
	EHCP_CSV_COLUMNS_S ", CASE WHEN s.exception IS NULL THEN NULL ELSE r.exception_note END)"  \
	" FROM ehcp_import_rows s WHERE r.case_ref = s.case_ref"                                   \
	" AND (" EHCP_CSV_COLUMNS_R ") IS DISTINCT FROM (" EHCP_CSV_COLUMNS_S ") RETURNING 1)"     \
	" SELECT count(*) FROM changed"

/* The staged rows whose case is new, in the file's order; or, when none of
 * the staged cases exists (every import without --update), all of them
 * with no join and no sort: a temporary table filled by one COPY and
 * never changed is read in the order it was written (a local table is
 * never scanned in parallel or from a synchronised start). */
#define EHCP_IMPORT_NEW_ROWS                                                                       \
	" FROM ehcp_import_rows s"                                                                 \
	" WHERE NOT EXISTS (SELECT 1 FROM ehcp_request r WHERE r.case_ref = s.case_ref)"
#define EHCP_IMPORT_ALL_ROWS " FROM ehcp_import_rows s WHERE true"

#define EHCP_IMPORT_INSERT(rows, order)                                                            \
	"INSERT INTO ehcp_request (id, " EHCP_CSV_COLUMNS ") SELECT s.id, " EHCP_CSV_COLUMNS_S rows order
#define EHCP_SQL_IMPORT_INSERT EHCP_IMPORT_INSERT(EHCP_IMPORT_NEW_ROWS, " ORDER BY s.line")
#define EHCP_SQL_IMPORT_INSERT_ALL EHCP_IMPORT_INSERT(EHCP_IMPORT_ALL_ROWS, "")

/* The set-wise path (see tracker_import.c): whether this login owns what
 * it writes, and so may set the row triggers of new requests aside for
 * its own transaction; then their two statements, on the staged rows
 * before they are inserted (the same rows, the same values, the same
 * order, without a transition table of every row). */
#define EHCP_SQL_IMPORT_OWNS                                                                       \
	"SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class"                            \
	" WHERE oid IN ('ehcp_request'::regclass, 'ehcp_history'::regclass, 'ehcp_plan'::regclass)"

/* Before the first rows of an empty database: new storage for its tables,
 * so that what follows skips the WAL where the server allows (migrations/0012),
 * their indexes set aside; after the rows, the indexes built again. */
#define EHCP_SQL_IMPORT_RENEW "SELECT ehcp_import_renew()"
#define EHCP_SQL_IMPORT_REBUILD "SELECT ehcp_import_rebuild()"

#define EHCP_SQL_IMPORT_TRIGGERS_OFF                                                               \
	"ALTER TABLE ehcp_request DISABLE TRIGGER ehcp_request_created,"                           \
	" DISABLE TRIGGER ehcp_request_makes_plan_insert"
#define EHCP_SQL_IMPORT_TRIGGERS_ON                                                                \
	"ALTER TABLE ehcp_request ENABLE TRIGGER ehcp_request_created,"                            \
	" ENABLE TRIGGER ehcp_request_makes_plan_insert"

/* ehcp_request_created (migrations/0005): the created row as a row literal,
 * exception_note (never imported) last. */
#define EHCP_IMPORT_HISTORY(rows, order)                                                           \
	"INSERT INTO ehcp_history (request_id, app_user, action, new_value)"                       \
	" SELECT s.id, nullif(current_setting('ehcp.app_user', true), ''), 'created',"             \
	" ROW(" EHCP_CSV_COLUMNS_S ", NULL::text)::text" rows order
#define EHCP_SQL_IMPORT_HISTORY EHCP_IMPORT_HISTORY(EHCP_IMPORT_NEW_ROWS, " ORDER BY s.line")
#define EHCP_SQL_IMPORT_HISTORY_ALL EHCP_IMPORT_HISTORY(EHCP_IMPORT_ALL_ROWS, "")

/* ehcp_request_makes_plan (migrations/0009), on insert: the trigger's ON
 * CONFLICT DO NOTHING (a plan already under the request's reference as its
 * plan_ref) as a third anti-join, because a speculative insert probes each
 * of the plans' three unique indexes once more for every plan.  The staged
 * rows' references and ids are unique among themselves; a plan committed
 * by another session while this runs fails the import, to be run again. */
#define EHCP_IMPORT_PLANS(rows, order)                                                             \
	"INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date)" \
	" SELECT s.id, s.case_ref, s.child_ref, s.date_of_birth, s.caseworker, s.case_ref, s.final_plan_date" \
	rows " AND s.final_plan_date IS NOT NULL AND s.request_type IN ('initial', 'transfer_in')"  \
	" AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.case_ref = s.case_ref)"                \
	" AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.plan_ref = s.case_ref)"                \
	" AND NOT EXISTS (SELECT 1 FROM ehcp_plan p WHERE p.id = s.id)" order
#define EHCP_SQL_IMPORT_PLANS EHCP_IMPORT_PLANS(EHCP_IMPORT_NEW_ROWS, " ORDER BY s.line")
#define EHCP_SQL_IMPORT_PLANS_ALL EHCP_IMPORT_PLANS(EHCP_IMPORT_ALL_ROWS, "")

#define EHCP_SQL_EXPORT                                                                            \
	"COPY (SELECT " EHCP_CSV_COLUMNS " FROM ehcp_request ORDER BY case_ref COLLATE \"C\")"     \
	" TO STDOUT WITH (FORMAT csv, HEADER true)"

#endif
