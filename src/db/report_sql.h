#ifndef EHCP_REPORT_SQL_H
#define EHCP_REPORT_SQL_H

/*
 * The reports' SQL.  Every query takes the same parameters:
 *   $1 from (date)  $2 to (date)  $3 as-of (date)  $4 'month'|'quarter'|'year'
 *   $5 request types counted (text[])
 * Milestones after the as-of date are not counted.  Each summary reads the
 * table once, aggregates by period in PostgreSQL, and ends with a "total"
 * row for the whole range, pooled (never an average of the periods).
 * Column names are the CSV's.  Percentages are numeric, rounded to one
 * decimal place half away from zero (PostgreSQL's round on numeric), and
 * NULL where there was nothing to count.
 */

#define RANGE_END "least($2::date, $3::date)"
/* The earliest day a report looks at: the range's start, or the as-of day
 * when that comes first (then every period is seen as of it). */
#define FIRST_SEEN "least($1::date, $3::date)"
#define IN_RANGE(col) "(" col " BETWEEN $1::date AND " RANGE_END ")"
/* On a timestamp without time zone: the same day, without a time-zone
 * conversion per row. */
#define PERIOD_OF(col) "date_trunc($4::text, (" col ")::timestamp)::date"
#define PCT(num, den) "round(100.0 * " num " / nullif(" den ", 0), 1)"

#define PERIOD_ROWS                                                                                \
	" SELECT p::date AS p_start,"                                                              \
	"        least((p + ehcp_period_step($4::text))::date - 1, $2::date) AS p_stop"            \
	"   FROM generate_series(date_trunc($4::text, $1::date), $2::date, ehcp_period_step($4::text)) p"
#define PERIODS "periods AS (" PERIOD_ROWS ")"

/* The periods and a total row (p_start NULL), with the day each is seen at
 * (materialized: inlined, its dozen rows had parallel workers started to
 * sort them). */
#define KEYS                                                                                       \
	"keys AS MATERIALIZED ("                                                                   \
	" SELECT p_start, least(p_stop, $3::date) AS asat FROM periods"                            \
	" UNION ALL SELECT NULL::date, " RANGE_END ")"

/* The rules, from src/db/rules.sql.in, on row r's milestones as they stood on
 * the day `on` (an SQL expression). */
#define R_DECISIONS "r.assessment_decision, r.assessment_decision_date, r.plan_decision, r.plan_decision_date," \
	" r.tribunal_outcome, r.tribunal_outcome_date, "
/* What FINISHED_ON needs of a row: a CTE carries only these, not r.*. */
#define R_FINISH_COLUMNS "r.case_ref, r.request_type, r.request_date, r.final_plan_date, r.closed_date," \
	" r.assessment_decision, r.assessment_decision_date, r.plan_decision, r.plan_decision_date," \
	" r.tribunal_outcome, r.tribunal_outcome_date"
#define FINAL_DUE_ON(on) "ehcp_final_due_on(r.request_type, r.request_date, " R_DECISIONS on ")"
#define ENDED_ON(on) "ehcp_ended_on(r.closed_date, " R_DECISIONS on ")"
#define FINISHED_ON(on) "ehcp_finished_on(r.final_plan_date, r.closed_date, " R_DECISIONS on ")"
#define MEDIATION_OR_TRIBUNAL_ON(on)                                                               \
	"ehcp_mediation_or_tribunal_on(r.mediation_date, r.tribunal_appeal_date, " on ")"

#define LABEL "coalesce(ehcp_period_label(k.p_start, $4::text), 'total') AS period"
#define JOIN_ON(t) " LEFT JOIN " t " ON " t ".p_start IS NOT DISTINCT FROM k.p_start"

/* ---- plans: final plans issued ---- */

/* A plan issued in the range, judged as of $3: its days from the request,
 * whether it met its due date, and whether DfE leaves it out (mt). */
#define PLAN_ROWS(extra)                                                                           \
	" SELECT " PERIOD_OF("r.final_plan_date") " AS p_start, r.final_plan_date - r.request_date AS days," \
	"   r.final_plan_date <= " FINAL_DUE_ON("$3::date") " AS within,"                           \
	"   r.exception IS NOT NULL AS exc, " MEDIATION_OR_TRIBUNAL_ON("$3::date") " AS mt" extra  \
	" FROM ehcp_request r WHERE " IN_RANGE("r.final_plan_date") " AND r.request_type = ANY ($5::text[])"

/* Counting is in two steps: each plan's facts are grouped into the few
 * combinations there are (`c`), then the columns are sums over those.
 * A FILTER over the plans themselves would work each fact out again in
 * every column that tests it (PostgreSQL inlines the row's expressions
 * into each aggregate): a grouping key is worked out once a row. */
#define TIMELINESS_KEYS "within, exc, mt, days <= ehcp_days_year_band() AS short, count(*) AS n, sum(days) AS sd"
/* A count over such groups (0, not NULL, where none is counted). */
#define SUM_N(cond) "coalesce(sum(n) FILTER (WHERE " cond "), 0)::bigint"

/* The timeliness columns over the plans not left out, from `c`'s groups. */
#define TIMELINESS_AGG                                                                             \
	" sum(n)::bigint AS n, " SUM_N("mt") " AS m,"                                              \
	" " SUM_N("NOT mt") " AS base,"                                                            \
	" " SUM_N("NOT mt AND within") " AS w,"                                                    \
	" " SUM_N("NOT mt AND NOT exc") " AS nx,"                                                  \
	" " SUM_N("NOT mt AND NOT exc AND within") " AS wx,"                                       \
	" " SUM_N("NOT mt AND NOT within AND short") " AS b2,"                                     \
	" " SUM_N("NOT mt AND NOT within AND NOT short") " AS b3,"                                 \
	" sum(sd) FILTER (WHERE NOT mt) AS sd"

static const char sql_plans[] =
	"WITH " PERIODS ", " KEYS ", f AS (" PLAN_ROWS("") "),"
	" c AS (SELECT p_start, " TIMELINESS_KEYS " FROM f GROUP BY p_start, within, exc, mt, short),"
	" g AS (SELECT p_start," TIMELINESS_AGG " FROM c GROUP BY GROUPING SETS ((p_start), ()))"
	" SELECT " LABEL ","
	"  coalesce(g.n, 0) AS plans_issued, coalesce(g.m, 0) AS mediation_or_tribunal,"
	"  coalesce(g.base, 0) AS timeliness_base, coalesce(g.w, 0) AS within_20_weeks,"
	"  " PCT("g.w", "g.base") " AS percent_within,"
	"  coalesce(g.nx, 0) AS timeliness_base_excl_exceptions,"
	"  coalesce(g.wx, 0) AS within_20_weeks_excl_exceptions,"
	"  " PCT("g.wx", "g.nx") " AS percent_within_excl_exceptions,"
	"  coalesce(g.b2, 0) AS over_20_to_52_weeks, coalesce(g.b3, 0) AS over_52_weeks,"
	"  round(g.sd / 7.0 / nullif(g.base, 0), 1) AS mean_weeks_to_issue"
	" FROM keys k" JOIN_ON("g") " ORDER BY k.p_start NULLS LAST";

static const char sql_plans_cases[] =
	"SELECT ehcp_period_label(p_start, $4::text) AS period, case_ref, request_type, request_date,"
	"  final_due, final_plan_date, days, round(days / 7.0, 1) AS weeks, within AS within_limit,"
	"  mt AS mediation_or_tribunal, exc AS exception, exception_reason"
	" FROM (" PLAN_ROWS(", r.case_ref, r.request_type, r.request_date, r.final_plan_date,"
	"   " FINAL_DUE_ON("$3::date") " AS final_due, coalesce(r.exception, '') AS exception_reason") ") f"
	" ORDER BY final_plan_date, case_ref COLLATE \"C\"";

/* ---- cohort: requests received, and where each stands ---- */

/* Each request's one state as of $3, named by the five labels given. */
#define COHORT_STATE_AS(within, late, past, open, ended)                                           \
	"CASE WHEN " ENDED_ON("$3::date") " THEN " ended                                             \
	"     WHEN r.final_plan_date <= $3::date THEN"                                             \
	"       CASE WHEN r.final_plan_date <= " FINAL_DUE_ON("$3::date")                          \
	"            THEN " within " ELSE " late " END"                                             \
	"     WHEN $3::date > " FINAL_DUE_ON("$3::date") " THEN " past                               \
	"     ELSE " open " END"
#define COHORT_STATE                                                                               \
	COHORT_STATE_AS("'plan_within_limit'", "'plan_late'", "'open_past_deadline'", "'open_within_deadline'", \
	                "'ended_without_plan'")

static const char sql_cohort[] =
	"WITH " PERIODS ", " KEYS ","
	/* each request's state worked out once, as a grouping key (see plans):
	 * a number, whose groups PostgreSQL hashes rather than sorts */
	" c AS (SELECT " PERIOD_OF("r.request_date") " AS p_start, " COHORT_STATE_AS("1", "2", "3", "4", "5")
	" AS state, count(*) AS n"
	" FROM ehcp_request r WHERE " IN_RANGE("r.request_date") " AND r.request_type = ANY ($5::text[])"
	"  GROUP BY 1, 2),"
	" g AS (SELECT p_start, sum(n)::bigint AS n,"
	"        " SUM_N("state = 1") " AS a, " SUM_N("state = 2") " AS b, " SUM_N("state = 3") " AS c,"
	"        " SUM_N("state = 4") " AS d, " SUM_N("state = 5") " AS e"
	"   FROM c GROUP BY GROUPING SETS ((p_start), ()))"
	" SELECT " LABEL ", coalesce(g.n, 0) AS requests, coalesce(g.a, 0) AS plan_within_20_weeks,"
	"  coalesce(g.b, 0) AS plan_late, coalesce(g.c, 0) AS open_past_deadline,"
	"  coalesce(g.d, 0) AS open_within_deadline, coalesce(g.e, 0) AS ended_without_plan,"
	"  " PCT("g.a", "(g.n - g.e)") " AS percent_within"
	" FROM keys k" JOIN_ON("g") " ORDER BY k.p_start NULLS LAST";

static const char sql_cohort_cases[] =
	"SELECT ehcp_period_label(" PERIOD_OF("r.request_date") ", $4::text) AS period, r.case_ref, r.request_type,"
	"  r.request_date, CASE WHEN r.final_plan_date <= $3::date THEN r.final_plan_date END AS final_plan_date,"
	"  " FINAL_DUE_ON("$3::date") " AS final_deadline, " COHORT_STATE " AS state"
	" FROM ehcp_request r WHERE " IN_RANGE("r.request_date") " AND r.request_type = ANY ($5::text[])"
	" ORDER BY r.request_date, r.case_ref COLLATE \"C\"";

/* ---- decisions: whether to assess (6 weeks), not to issue (16 weeks),
 * whether to re-assess (15 days) ---- */

/* Each decision in the range, one row per decision: those whether to
 * assess (or re-assess) by their own date, then those not to issue by
 * theirs.  Two narrow scans rather than one wide row per case unfolded:
 * each runs in parallel workers and carries only what it needs. */
#define DECISION_EVENTS                                                                            \
	" e AS (SELECT " PERIOD_OF("v.d") " AS p_start, v.kind, v.d <= v.due AS within, v.refused, v.d," \
	"        v.case_ref, v.request_date, v.decision, v.due FROM ("                                \
	"   SELECT CASE WHEN r.request_type = 'reassessment' THEN 'whether_to_reassess'"            \
	"               ELSE 'whether_to_assess' END AS kind, r.assessment_decision_date AS d,"     \
	"          ehcp_decision_due(r.request_type, r.request_date) AS due,"                      \
	"          r.assessment_decision = 'refuse' AS refused, r.assessment_decision AS decision," \
	"          r.case_ref, r.request_date"                                                     \
	"     FROM ehcp_request r"                                                                 \
	"    WHERE " IN_RANGE("r.assessment_decision_date") " AND r.request_type = ANY ($5::text[])" \
	"   UNION ALL"                                                                             \
	"   SELECT 'not_to_issue', r.plan_decision_date,"                                          \
	"          ehcp_not_issue_due(r.request_date, r.assessment_decision, r.plan_decision,"     \
	"            ehcp_code_on(r.tribunal_outcome, r.tribunal_outcome_date, $3::date),"         \
	"            ehcp_on(r.tribunal_outcome_date, $3::date)),"                                 \
	"          false, r.plan_decision, r.case_ref, r.request_date"                             \
	"     FROM ehcp_request r"                                                                 \
	"    WHERE " IN_RANGE("r.plan_decision_date") " AND r.plan_decision = 'not_issue'"          \
	"      AND r.request_type <> 'reassessment' AND r.request_type = ANY ($5::text[])) v)"

/* The figures read the requests once: each with a decision in the range
 * is grouped both by its decision whether to (re-)assess and by its notice
 * not to issue (two grouping sets over one scan, each fact worked out once
 * a row as a grouping key, see plans); `d` then holds one row per kind of
 * decision, period and outcome, as DECISION_EVENTS would count them. */
static const char sql_decisions[] =
	"WITH " PERIODS ", " KEYS ","
	" c AS (SELECT x.pa, x.re, x.aw, x.refused, x.pn, x.nw, grouping(x.pn) AS by_assess, count(*) AS n"
	"   FROM (SELECT CASE WHEN " IN_RANGE("r.assessment_decision_date") " THEN "
	PERIOD_OF("r.assessment_decision_date") " END AS pa,"
	"          r.request_type = 'reassessment' AS re,"
	"          r.assessment_decision_date <= ehcp_decision_due(r.request_type, r.request_date) AS aw,"
	"          r.assessment_decision = 'refuse' AS refused,"
	"          CASE WHEN r.plan_decision = 'not_issue' AND r.request_type <> 'reassessment'"
	"                AND " IN_RANGE("r.plan_decision_date") " THEN " PERIOD_OF("r.plan_decision_date") " END AS pn,"
	"          r.plan_decision_date <= ehcp_not_issue_due(r.request_date, r.assessment_decision, r.plan_decision,"
	"            ehcp_code_on(r.tribunal_outcome, r.tribunal_outcome_date, $3::date),"
	"            ehcp_on(r.tribunal_outcome_date, $3::date)) AS nw"
	"          FROM ehcp_request r"
	"         WHERE (" IN_RANGE("r.assessment_decision_date") " OR " IN_RANGE("r.plan_decision_date") ")"
	"           AND r.request_type = ANY ($5::text[])) x"
	"  GROUP BY GROUPING SETS ((x.pa, x.re, x.aw, x.refused), (x.pn, x.nw))),"
	" d AS (SELECT pa AS p_start, CASE WHEN re THEN 'whether_to_reassess' ELSE 'whether_to_assess' END AS kind,"
	"         aw AS within, refused, n FROM c WHERE by_assess = 1 AND pa IS NOT NULL"
	"       UNION ALL SELECT pn, 'not_to_issue', nw, false, n FROM c WHERE by_assess = 0 AND pn IS NOT NULL),"
	" g AS (SELECT p_start, " SUM_N("kind = 'whether_to_assess'") " AS n,"
	"        " SUM_N("kind = 'whether_to_assess' AND within") " AS w,"
	"        " SUM_N("kind = 'whether_to_assess' AND refused") " AS r,"
	"        " SUM_N("kind = 'not_to_issue'") " AS m,"
	"        " SUM_N("kind = 'not_to_issue' AND within") " AS mw,"
	"        " SUM_N("kind = 'whether_to_reassess'") " AS q,"
	"        " SUM_N("kind = 'whether_to_reassess' AND within") " AS qw,"
	"        " SUM_N("kind = 'whether_to_reassess' AND refused") " AS qr"
	"   FROM d GROUP BY GROUPING SETS ((p_start), ()))"
	" SELECT " LABEL ", coalesce(g.n, 0) AS decisions, coalesce(g.w, 0) AS within_6_weeks,"
	"  " PCT("g.w", "g.n") " AS percent_within, coalesce(g.r, 0) AS refusals,"
	"  coalesce(g.m, 0) AS decisions_not_to_issue, coalesce(g.mw, 0) AS not_to_issue_within_16_weeks,"
	"  " PCT("g.mw", "g.m") " AS percent_not_to_issue_within,"
	"  coalesce(g.q, 0) AS reassessment_decisions, coalesce(g.qw, 0) AS reassessment_within_15_days,"
	"  " PCT("g.qw", "g.q") " AS percent_reassessment_within, coalesce(g.qr, 0) AS reassessment_refusals"
	" FROM keys k" JOIN_ON("g") " ORDER BY k.p_start NULLS LAST";

static const char sql_decisions_cases[] =
	"WITH " DECISION_EVENTS
	" SELECT ehcp_period_label(p_start, $4::text) AS period, case_ref, kind, decision, request_date,"
	"  d AS decision_date, due, d - request_date AS days, within AS within_limit"
	" FROM e ORDER BY d, case_ref COLLATE \"C\", kind";

/* ---- advice: returned within 6 weeks, and outstanding past 6 weeks ---- */

/* One query per advice-giver: the column names differ, the logic not.
 * src is read twice, not kept: kept, its wide rows spilled to disk, and
 * each reading takes only the columns it needs, by its own index. */
#define ADVICE_SRC(x)                                                                              \
	" src AS NOT MATERIALIZED (SELECT r." x "_advice_requested AS req, r." x "_advice_received AS rec," \
	"        r." x "_advice_exception IS NOT NULL AS exc, " R_FINISH_COLUMNS                    \
	"   FROM ehcp_request r WHERE r." x "_advice_requested <= " RANGE_END                      \
	"    AND (r." x "_advice_received IS NULL OR r." x "_advice_received >= " FIRST_SEEN ")),"   \
	" outstanding AS (SELECT k.p_start, k.asat, r.case_ref, r.req, r.rec, r.exc FROM keys k"   \
	"   JOIN src r ON NOT ehcp_within(r.req, k.asat, ehcp_days_advice())"                      \
	"    AND (r.rec IS NULL OR NOT ehcp_within(r.req, r.rec, ehcp_days_advice()))"             \
	"    AND (r.rec IS NULL OR r.rec > k.asat) AND NOT " FINISHED_ON("k.asat") ")"

#define ADVICE_SQL(x)                                                                              \
	"WITH " PERIODS ", " KEYS "," ADVICE_SRC(x) ","                                            \
	" g AS (SELECT p_start, count(*) AS n,"                                                    \
	"        count(*) FILTER (WHERE ehcp_within(req, rec, ehcp_days_advice())) AS w,"           \
	"        count(*) FILTER (WHERE NOT exc) AS nx,"                                           \
	"        count(*) FILTER (WHERE NOT exc AND ehcp_within(req, rec, ehcp_days_advice())) AS wx" \
	"   FROM (SELECT " PERIOD_OF("rec") " AS p_start, req, rec, exc FROM src"                  \
	"          WHERE " IN_RANGE("rec") ") ret GROUP BY GROUPING SETS ((p_start), ())),"        \
	" o AS (SELECT p_start, count(*) AS n FROM outstanding GROUP BY p_start)"                  \
	" SELECT " LABEL ", coalesce(g.n, 0) AS advice_returned, coalesce(g.w, 0) AS within_6_weeks," \
	"  " PCT("g.w", "g.n") " AS percent_within,"                                               \
	"  coalesce(g.nx, 0) AS advice_returned_excl_exceptions,"                                  \
	"  coalesce(g.wx, 0) AS within_6_weeks_excl_exceptions,"                                   \
	"  " PCT("g.wx", "g.nx") " AS percent_within_excl_exceptions,"                             \
	"  coalesce(o.n, 0) AS outstanding_overdue"                                                \
	" FROM keys k" JOIN_ON("g") JOIN_ON("o") " ORDER BY k.p_start NULLS LAST"

#define ADVICE_CASES_SQL(x)                                                                        \
	"WITH " PERIODS ", " KEYS "," ADVICE_SRC(x)                                                \
	" SELECT * FROM ("                                                                         \
	"  SELECT ehcp_period_label(" PERIOD_OF("rec") ", $4::text) AS period, case_ref,"          \
	"   'returned' AS kind, req AS requested, rec AS received, rec - req AS days,"             \
	"   ehcp_within(req, rec, ehcp_days_advice()) AS within_limit, exc AS exception"           \
	"  FROM src WHERE " IN_RANGE("rec")                                                        \
	"   UNION ALL"                                                                             \
	"  SELECT coalesce(ehcp_period_label(p_start, $4::text), 'total'), case_ref,"              \
	"   'outstanding_overdue', req, NULL, asat - req, false, exc"                              \
	"  FROM outstanding) c"                                                                    \
	" ORDER BY period = 'total', period, kind DESC, coalesce(received, requested), case_ref COLLATE \"C\""

static const char sql_health[] = ADVICE_SQL("health");
static const char sql_social_care[] = ADVICE_SQL("social_care");
static const char sql_ep[] = ADVICE_SQL("ep");
static const char sql_health_cases[] = ADVICE_CASES_SQL("health");
static const char sql_social_care_cases[] = ADVICE_CASES_SQL("social_care");
static const char sql_ep_cases[] = ADVICE_CASES_SQL("ep");

/* ---- backlog: open requests past their final-plan deadline ---- */

/* Requests open and late on some day the backlog is seen on (bkeys: each
 * period's end, cut at the as-of day, then the as-of day), each with each
 * such day.  Two kinds, each found by its index (migration 0014) among
 * those not finished for good by the first such day:
 *  - fixed: no tribunal order and not a re-assessment.  Its final plan is
 *    due on the same day whatever day it is seen on (ehcp_final_due), and
 *    it is open until it is finished for good, so it is late on exactly
 *    the days after that due day and before ehcp_finished_for_good_from.
 *    The index holds the fixed requests ever late, with both days and the
 *    columns they come from, so that the figures read only the index (the
 *    cases read each row too, for its case_ref).  The days a request is
 *    seen late on are found in the sorted days by width_bucket (how many
 *    of them are on or before a day), not by testing each.
 *  - moving: an order, or a re-assessment, whose due day moves with what
 *    has been recorded by the day it is seen on: each day seen from its
 *    request until it is finished for good (found the same way) is judged
 *    as the rules say.
 * The days come from generate_series in a select list (one row a day,
 * with no tuplestore per request as in FROM).  OFFSET 0 keeps each
 * subquery's expressions columns, worked out once a request (or request
 * and day), not again at every use. */
#define FINISHED_FOR_GOOD_FROM                                                                     \
	"ehcp_finished_for_good_from(r.final_plan_date, r.closed_date, r.assessment_decision,"    \
	" r.assessment_decision_date, r.plan_decision, r.plan_decision_date, r.tribunal_outcome,"  \
	" r.tribunal_outcome_date)"
#define FIXED_DUE                                                                                  \
	"ehcp_final_due(r.request_type, r.request_date, r.assessment_decision,"                    \
	" r.assessment_decision_date, r.plan_decision, r.tribunal_outcome, r.tribunal_outcome_date)"
#define DUE_FIXED "r.tribunal_outcome_date IS NULL AND r.request_type <> 'reassessment'"
#define DUE_MOVES "(r.tribunal_outcome_date IS NOT NULL OR r.request_type = 'reassessment')"
#define BACKLOG_SRC                                                                                \
	" ks AS MATERIALIZED (SELECT array_agg(asat ORDER BY asat, p_start) AS asats,"             \
	"        array_agg(p_start ORDER BY asat, p_start) AS starts FROM bkeys),"                     \
	" late AS (SELECT ks.starts[r.i] AS p_start, ks.asats[r.i] AS asat, r.case_ref, r.request_date, r.due," \
	"   ks.asats[r.i] - r.due AS days_past"                                                    \
	"   FROM ks, (SELECT r.case_ref, r.request_date, r.due,"                                   \
	"                    generate_series(width_bucket(r.due, ks.asats) + 1,"                   \
	"                                    width_bucket(r.done - 1, ks.asats)) AS i"             \
	"              FROM ks, (SELECT r.case_ref, r.request_date, " FIXED_DUE " AS due,"         \
	"                    " FINISHED_FOR_GOOD_FROM " AS done FROM ehcp_request r"               \
	"              WHERE " DUE_FIXED " AND " FINISHED_FOR_GOOD_FROM " > " FIXED_DUE " + 1"     \
	"                AND " FINISHED_FOR_GOOD_FROM " > (SELECT min(asat) FROM bkeys)"           \
	"                AND " FIXED_DUE " < $3::date OFFSET 0) r) r"                              \
	"  UNION ALL"                                                                              \
	"  SELECT r.p_start, r.asat, r.case_ref, r.request_date, d.due, r.asat - d.due AS days_past" \
	"   FROM (SELECT ks.starts[r.i] AS p_start, ks.asats[r.i] AS asat, r.*"                    \
	"          FROM ks, (SELECT r.*, generate_series(width_bucket(r.request_date - 1, ks.asats) + 1," \
	"                                                width_bucket(r.done - 1, ks.asats)) AS i" \
	"                     FROM ks, (SELECT " R_FINISH_COLUMNS ", " FINISHED_FOR_GOOD_FROM " AS done" \
	"                                FROM ehcp_request r WHERE " DUE_MOVES " AND r.request_date <= $3::date" \
	"                                 AND " FINISHED_FOR_GOOD_FROM " > (SELECT min(asat) FROM bkeys)" \
	"                               OFFSET 0) r) r OFFSET 0) r"                               \
	"   CROSS JOIN LATERAL (SELECT " FINAL_DUE_ON("r.asat") " AS due) d"                       \
	"  WHERE NOT " FINISHED_ON("r.asat") " AND d.due < r.asat)"

/* The periods, then the as-of date itself (in place of a total). */
#define BACKLOG_KEYS                                                                               \
	" bkeys AS MATERIALIZED (SELECT p_start, least(p_stop, $3::date) AS asat,"                 \
	"        ehcp_period_label(p_start, $4::text) AS label FROM periods"                       \
	"  UNION ALL SELECT NULL::date, $3::date, to_char($3::date, 'YYYY-MM-DD')),"

static const char sql_backlog[] =
	"WITH " PERIODS "," BACKLOG_KEYS BACKLOG_SRC ","
	/* the days past worked out once, as a grouping key (see plans) */
	" c AS (SELECT p_start, days_past, count(*) AS n FROM late GROUP BY 1, 2),"
	" g AS (SELECT p_start, sum(n)::bigint AS n,"
	"        " SUM_N("days_past BETWEEN 1 AND 28") " AS b1,"
	"        " SUM_N("days_past BETWEEN 29 AND 91") " AS b2,"
	"        " SUM_N("days_past BETWEEN 92 AND 182") " AS b3,"
	"        " SUM_N("days_past BETWEEN 183 AND ehcp_days_year_band()") " AS b4,"
	"        " SUM_N("days_past > ehcp_days_year_band()") " AS b5"
	"   FROM c GROUP BY p_start)"
	" SELECT k.label AS period, coalesce(g.n, 0) AS backlog, coalesce(g.b1, 0) AS past_1_to_4_weeks,"
	"  coalesce(g.b2, 0) AS past_5_to_13_weeks, coalesce(g.b3, 0) AS past_14_to_26_weeks,"
	"  coalesce(g.b4, 0) AS past_27_to_52_weeks, coalesce(g.b5, 0) AS past_over_52_weeks"
	" FROM bkeys k" JOIN_ON("g") " ORDER BY k.p_start NULLS LAST";

static const char sql_backlog_cases[] =
	"WITH " PERIODS "," BACKLOG_KEYS BACKLOG_SRC
	" SELECT coalesce(ehcp_period_label(p_start, $4::text), to_char(asat, 'YYYY-MM-DD')) AS period,"
	"  case_ref, request_date, due AS final_deadline, asat AS seen_on, days_past"
	" FROM late ORDER BY p_start NULLS LAST, days_past DESC, case_ref COLLATE \"C\"";

/* ---- sen2: one calendar year ---- */

/* The age at issue in whole years; on timestamps without time zone, the
 * same years without a time-zone conversion of both dates per row. */
#define SEN2_ROWS                                                                                  \
	" y AS (SELECT r.case_ref, r.request_date, r.request_type, r.assessment_decision,"        \
	"        r.assessment_decision_date, r.plan_decision, r.plan_decision_date, r.final_plan_date," \
	"        r.exception IS NOT NULL AS exc, " MEDIATION_OR_TRIBUNAL_ON("$3::date") " AS mt,"   \
	"        coalesce(" IN_RANGE("r.request_date") ", false) AS received,"                     \
	"        coalesce(" IN_RANGE("r.assessment_decision_date") ", false) AS decided,"          \
	"        coalesce(" IN_RANGE("r.plan_decision_date") ", false) AS plan_decided,"           \
	"        coalesce(" IN_RANGE("r.final_plan_date") ", false) AS issued,"                    \
	"        r.assessment_decision_date <= ehcp_decision_due(r.request_type, r.request_date) AS decided_in_time," \
	"        r.assessment_decision_date - r.request_date AS decision_days,"                    \
	"        " FINAL_DUE_ON("$3::date") " AS final_due,"                                       \
	"   r.final_plan_date <= " FINAL_DUE_ON("$3::date") " AS within,"                           \
	"        r.final_plan_date - r.request_date AS days,"                                      \
	"        date_part('year', age(r.final_plan_date::timestamp, r.date_of_birth::timestamp))::int AS age" \
	"   FROM ehcp_request r WHERE r.request_type = ANY ($5::text[])"                           \
	"    AND (" IN_RANGE("r.request_date") " OR " IN_RANGE("r.assessment_decision_date")       \
	"      OR " IN_RANGE("r.plan_decision_date") " OR " IN_RANGE("r.final_plan_date") "))"

/* Each request's facts are worked out once (see plans), as bits of one
 * grouping key: hashing one integer, not thirteen columns, takes about a
 * quarter off the query.  A fact's bit is set when it is true; NULL reads
 * as false, as FILTER takes it.  A fact counted only together with
 * another (refused and in time with decided, not to issue with
 * plan_decided, the rest with issued) is worked out only where that one
 * holds, and its bit left clear elsewhere.  The two facts whose NOT is
 * counted too, within and short, are counted only on plans issued, where
 * neither is NULL.  Bits 8 to 10 hold the age band: 1 to 5, else unknown.
 * (PostgreSQL gives | << & one precedence, left to right: hence the
 * brackets.) */
#define SEN2_BIT(cond, bit) "CASE WHEN " cond " THEN " bit " ELSE 0 END"
#define SEN2_HAS(bit) "(k & " bit ") <> 0"

static const char sql_sen2[] =
	"WITH " SEN2_ROWS ","
	" g AS (SELECT " SEN2_BIT("received", "1")
	"   | CASE WHEN decided THEN 2 | " SEN2_BIT("assessment_decision = 'refuse'", "4")
	"          | " SEN2_BIT("decided_in_time", "8") " ELSE 0 END"
	"   | CASE WHEN plan_decided THEN 16 | " SEN2_BIT("plan_decision = 'not_issue'", "32") " ELSE 0 END"
	"   | CASE WHEN issued THEN 128 | " SEN2_BIT("plan_decision IS NULL", "64")
	"          | (coalesce(width_bucket(age, ARRAY[0, 5, 11, 16, 20, 26]), 0) << 8)"
	"          | " SEN2_BIT("mt", "2048") " | " SEN2_BIT("within", "4096") " | " SEN2_BIT("exc", "8192")
	"          | " SEN2_BIT("days <= ehcp_days_year_band()", "16384") " ELSE 0 END AS k,"
	"   count(*) AS n, sum(days) AS sd FROM y GROUP BY 1),"
	" c AS (SELECT " SEN2_HAS("1") " AS received, " SEN2_HAS("2") " AS decided, " SEN2_HAS("4") " AS refused,"
	"   " SEN2_HAS("8") " AS decided_in_time, " SEN2_HAS("16") " AS plan_decided, " SEN2_HAS("32") " AS not_issue,"
	"   " SEN2_HAS("64") " AS undecided, " SEN2_HAS("128") " AS issued, (k >> 8) & 7 AS band,"
	"   " SEN2_HAS("2048") " AS mt, " SEN2_HAS("4096") " AS within, " SEN2_HAS("8192") " AS exc,"
	"   " SEN2_HAS("16384") " AS short, n, sd FROM g),"
	" a AS (SELECT " SUM_N("received") " AS received, " SUM_N("decided AND refused") " AS refused,"
	"   " SUM_N("decided") " AS decided, " SUM_N("decided AND decided_in_time") " AS decided_in_time,"
	"   " SUM_N("plan_decided OR (undecided AND issued)") " AS completed,"
	"   " SUM_N("plan_decided AND not_issue") " AS not_issue, " SUM_N("issued") " AS issued,"
	"   " SUM_N("issued AND band = 1") " AS age0, " SUM_N("issued AND band = 2") " AS age5,"
	"   " SUM_N("issued AND band = 3") " AS age11, " SUM_N("issued AND band = 4") " AS age16,"
	"   " SUM_N("issued AND band = 5") " AS age20,"
	"   " SUM_N("issued AND coalesce(band NOT BETWEEN 1 AND 5, true)") " AS age_unknown,"
	"   " SUM_N("issued AND mt") " AS m, " SUM_N("issued AND NOT mt") " AS base,"
	"   " SUM_N("issued AND NOT mt AND within") " AS w,"
	"   " SUM_N("issued AND NOT mt AND NOT exc") " AS nx,"
	"   " SUM_N("issued AND NOT mt AND NOT exc AND within") " AS wx,"
	"   " SUM_N("issued AND NOT mt AND NOT within AND short") " AS b2,"
	"   " SUM_N("issued AND NOT mt AND NOT within AND NOT short") " AS b3,"
	"   sum(sd) FILTER (WHERE issued AND NOT mt) AS sd"
	"  FROM c)"
	" SELECT m.measure, m.value FROM a CROSS JOIN LATERAL (VALUES"
	"  (1, 'requests_received', a.received::numeric), (2, 'requests_refused', a.refused),"
	"  (3, 'decisions_whether_to_assess', a.decided), (4, 'decisions_within_6_weeks', a.decided_in_time),"
	"  (5, 'percent_decisions_within_6_weeks', " PCT("a.decided_in_time", "a.decided") "),"
	"  (6, 'assessments_completed', a.completed), (7, 'decisions_not_to_issue', a.not_issue),"
	"  (8, 'new_plans_issued', a.issued), (9, 'plans_age_under_5', a.age0),"
	"  (10, 'plans_age_5_to_10', a.age5), (11, 'plans_age_11_to_15', a.age11),"
	"  (12, 'plans_age_16_to_19', a.age16), (13, 'plans_age_20_to_25', a.age20),"
	"  (14, 'plans_age_unknown', a.age_unknown),"
	"  (15, 'plans_mediation_or_tribunal', a.m), (16, 'timeliness_base', a.base),"
	"  (17, 'plans_within_20_weeks', a.w),"
	"  (18, 'percent_within_20_weeks', " PCT("a.w", "a.base") "),"
	"  (19, 'timeliness_base_excl_exceptions', a.nx),"
	"  (20, 'within_20_weeks_excl_exceptions', a.wx),"
	"  (21, 'percent_within_20_weeks_excl_exceptions', " PCT("a.wx", "a.nx") "),"
	"  (22, 'plans_with_exception', a.base - a.nx),"
	"  (23, 'over_20_to_52_weeks', a.b2), (24, 'over_52_weeks', a.b3),"
	"  (25, 'mean_weeks_to_issue', round(a.sd / 7.0 / nullif(a.base, 0), 1))"
	" ) AS m (n, measure, value) ORDER BY m.n";

/* The cases, each milestone as it stood on the as-of day: one dated after
 * it is not shown, nor what is worked out from it (the figures never count
 * it: their facts are dated in the range, which ends by then). */
#define SEN2_SEEN(col) "ehcp_on(" col ", $3::date)"
static const char sql_sen2_cases[] =
	"WITH " SEN2_ROWS
	" SELECT case_ref, request_type, request_date, received,"
	"  ehcp_code_on(assessment_decision, assessment_decision_date, $3::date) AS assessment_decision,"
	"  " SEN2_SEEN("assessment_decision_date") " AS assessment_decision_date, decided,"
	"  CASE WHEN " SEN2_SEEN("assessment_decision_date") " IS NOT NULL THEN decision_days END AS decision_days,"
	"  CASE WHEN " SEN2_SEEN("assessment_decision_date") " IS NOT NULL THEN decided_in_time END AS decided_in_time,"
	"  coalesce(ehcp_code_on(plan_decision, plan_decision_date, $3::date), '') AS plan_decision,"
	"  " SEN2_SEEN("plan_decision_date") " AS plan_decision_date,"
	"  " SEN2_SEEN("final_plan_date") " AS final_plan_date, issued,"
	"  CASE WHEN " SEN2_SEEN("final_plan_date") " IS NOT NULL THEN days END AS days_to_issue, final_due,"
	"  CASE WHEN issued THEN within END AS within_limit,"
	"  CASE WHEN issued THEN mt END AS mediation_or_tribunal, exc AS exception,"
	"  CASE WHEN " SEN2_SEEN("final_plan_date") " IS NOT NULL THEN age END AS age_at_issue"
	" FROM y ORDER BY request_date, case_ref COLLATE \"C\"";

#endif
