#ifndef EHCP_REVIEW_REPORT_SQL_H
#define EHCP_REVIEW_REPORT_SQL_H

/*
 * The reviews report's SQL (docs/reports.md, "reviews"): annual reviews,
 * decisions and amended plans after them, phase transfers, the backlog of
 * overdue reviews and the plans maintained and ceased, per period.  The
 * parameters and conventions are report_sql.h's ($1 from, $2 to, $3 as-of,
 * $4 the period; $5 unused); the rules are src/db/rules.sql.in's review
 * clock.  A limit counts once it has fallen due by the as-of date; nothing
 * dated after it is seen.
 *
 * The review chain of a plan is its start, then each meeting; the review
 * due after each anchor is ehcp_review_due(anchor, transfer, next meeting).
 * Only anchors whose due date can fall in the range are read: the meetings
 * from a year before it (LO), each with the next one (a window over that
 * stretch of meetings only), and each plan's start with its first meeting
 * from LO on.  A plan started before LO stands for its last anchor before
 * LO: that anchor's 12 months ended before the range, so only a transfer
 * (reg 15), which depends on the transfer alone, can bring its due date
 * into the range, and its next meeting is the first from LO on either way.
 */

#include "db/report_sql.h"

/* The earliest anchor whose 12 months can end in the range. */
#define RV_LO "((" FIRST_SEEN " - interval '1 year')::date - 1)"
#define RV_HI RANGE_END
#define RV_Y1 "date_part('year', $1::date)"
#define RV_Y2 "date_part('year', " RV_HI ")"

#define RV_BASE                                                                                    \
	" rv AS MATERIALIZED (SELECT r.plan_id, r.meeting_date AS m,"                              \
	"        lead(r.meeting_date) OVER w AS nxt, lag(r.meeting_date) OVER w AS prv"           \
	"   FROM ehcp_review r WHERE r.meeting_date BETWEEN " RV_LO " AND $3::date"                \
	"   WINDOW w AS (PARTITION BY r.plan_id ORDER BY r.meeting_date)),"                        \
	" pl AS MATERIALIZED (SELECT p.id, p.plan_ref, p.plan_start_date AS st, p.transferred_in_date AS t," \
	"        ehcp_on(p.ceased_date, $3::date) AS ceased,"                                      \
	"        ehcp_code_on(p.cease_reason, p.ceased_date, $3::date) AS reason,"                 \
	"        p.date_of_birth AS dob, p.year_group_offset AS off, p.next_transfer_date AS lt,"  \
	"        p.next_transfer_to = 'post16' AS lt16, f.m AS fm,"                                \
	"        date_part('year', ehcp_national_transfer(p.date_of_birth, p.year_group_offset, 0)) AS ry" \
	"   FROM ehcp_plan p LEFT JOIN rv f ON f.plan_id = p.id AND f.prv IS NULL"                 \
	"  WHERE p.plan_start_date <= " RV_HI " AND (p.ceased_date IS NULL OR p.ceased_date >= " FIRST_SEEN "))," \
	" an AS MATERIALIZED (SELECT pl.id, pl.plan_ref, pl.st AS a, pl.fm AS n, pl.t, pl.ceased, pl.dob, pl.off" \
	"   FROM pl UNION ALL"                                                                     \
	"   SELECT pl.id, pl.plan_ref, rv.m, rv.nxt, pl.t, pl.ceased, pl.dob, pl.off"              \
	"   FROM rv JOIN pl ON pl.id = rv.plan_id WHERE rv.m <= " RV_HI "),"                        \
	/* each review due in the range, by the as-of day, on a plan maintained then */            \
	" du AS (SELECT an.*, x.d FROM an"                                                         \
	"   CROSS JOIN LATERAL (SELECT ehcp_review_due(an.a, an.t, an.n, $3::date) AS d) x"        \
	"  WHERE x.d BETWEEN $1::date AND " RV_HI " AND (an.ceased IS NULL OR an.ceased > x.d)),"  \
	/* each meeting held in the range */                                                       \
	" mt AS (SELECT p.plan_ref, r.meeting_date AS m, r.meeting_date + ehcp_days_review_decision() AS ddue," \
	"        ehcp_on(r.decision_date, $3::date) AS dd,"                                        \
	"        ehcp_code_on(r.decision, r.decision_date, $3::date) AS dec,"                      \
	"        r.meeting_date + ehcp_days_review_amended_from_meeting() AS adue,"                \
	"        ehcp_on(r.amended_plan_date, $3::date) AS ad"                                     \
	"   FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id"                               \
	"  WHERE r.meeting_date BETWEEN $1::date AND " RV_HI                                       \
	"    AND r.meeting_date + ehcp_days_review_decision() <= $3::date),"                       \
	/* each plan's transfers: its local one, then the national ones after it; \
	 * a deadline falls in its transfer's calendar year, so the years are \
	 * compared first and only the plans with one in the range's go on */   \
	" tr AS (SELECT * FROM (SELECT v.*, ehcp_transfer_deadline(v.tr, v.p16) AS dl FROM ("     \
	"     SELECT id, plan_ref, st, ceased, lt, 'local' AS kind, lt AS tr, lt16 AS p16 FROM pl"       \
	"      WHERE date_part('year', lt) BETWEEN " RV_Y1 " AND " RV_Y2                              \
	"     UNION ALL SELECT id, plan_ref, st, ceased, lt, 'reception', ehcp_national_transfer(dob, off, 0), false" \
	"       FROM pl WHERE ry BETWEEN " RV_Y1 " AND " RV_Y2                                        \
	"     UNION ALL SELECT id, plan_ref, st, ceased, lt, 'year6',"                                   \
	"            ehcp_national_transfer(dob, off, ehcp_year_secondary()), false"               \
	"       FROM pl WHERE ry + ehcp_year_secondary() BETWEEN " RV_Y1 " AND " RV_Y2               \
	"     UNION ALL SELECT id, plan_ref, st, ceased, lt, 'year11',"                                  \
	"            ehcp_national_transfer(dob, off, ehcp_year_post16()), true"                   \
	"       FROM pl WHERE ry + ehcp_year_post16() BETWEEN " RV_Y1 " AND " RV_Y2                   \
	"     ) v WHERE v.kind = 'local' OR v.lt IS NULL OR v.tr > v.lt) w"                          \
	"  WHERE dl BETWEEN $1::date AND " RV_HI " AND st <= dl AND (ceased IS NULL OR ceased > dl)),"  \
	" trm AS (SELECT tr.*, (SELECT min(coalesce(r.amended_plan_date, r.decision_date)) FROM ehcp_review r" \
	"        WHERE r.plan_id = tr.id AND ehcp_review_transfer_met(tr.tr, tr.dl, r.amended_plan_date," \
	"              r.decision, r.decision_date)) AS met FROM tr),"                            \
	/* At each period's end E (and the range's), the plans overdue as        \
	 * ehcp_review_next_due() has it: each anchor leaves its plan overdue on \
	 * the days E after its due date and before its next meeting and the    \
	 * cease (an open interval); for a plan transferred in after it, the    \
	 * due date moves on the transfer day (reg 15), so two intervals.  Each  \
	 * interval is a +1 and a -1 by day, and a day's count is the sum up to  \
	 * it: one pass over the anchors rather than one per period. */         \
	" oz AS (SELECT an.plan_ref, an.t, least(an.n, an.ceased) AS e, ehcp_review_year_end(an.a) AS ye," \
	"        an.t IS NOT NULL AND an.a < an.t AS moved FROM an),"                              \
	" oi AS (SELECT * FROM ("                                                                  \
	"   SELECT plan_ref, ye AS lo, CASE WHEN moved THEN least(e, t) ELSE e END AS hi FROM oz"  \
	"   UNION ALL SELECT plan_ref, greatest(ye, (t + make_interval(months => ehcp_transfer_review_months()))::date), e" \
	"   FROM oz WHERE moved) y"                                                                \
	"  WHERE (hi IS NULL OR lo < hi - 1) AND lo < " RV_HI " AND (hi IS NULL OR hi > " FIRST_SEEN ")),"  \
	" oe AS (SELECT d, sum(c) AS c FROM (SELECT lo + 1 AS d, 1 AS c FROM oi"                  \
	"        UNION ALL SELECT hi, -1 FROM oi WHERE hi IS NOT NULL) x GROUP BY d),"             \
	" ov AS (SELECT k.p_start, k.asat, an.plan_ref, ehcp_review_due(an.a, an.t, NULL, k.asat) AS d" \
	"   FROM keys k JOIN an ON an.a <= k.asat AND (an.n IS NULL OR an.n > k.asat)"            \
	"    AND (an.ceased IS NULL OR an.ceased > k.asat)"                                        \
	"  WHERE ehcp_review_due(an.a, an.t, NULL, k.asat) < k.asat)"

static const char sql_reviews[] =
	"WITH " PERIODS ", " KEYS "," RV_BASE ","
	" g AS (SELECT " PERIOD_OF("d") " AS p_start, count(*) AS n,"
	"        count(*) FILTER (WHERE n <= d) AS w, count(*) FILTER (WHERE n > d) AS l,"
	"        count(*) FILTER (WHERE n IS NULL) AS o,"
	"        count(*) FILTER (WHERE ehcp_review_nc_year(dob, off, d) = 9) AS y,"
	"        count(*) FILTER (WHERE ehcp_review_nc_year(dob, off, d) = 9 AND n <= d) AS yw"
	"   FROM du GROUP BY GROUPING SETS ((1), ())),"
	" gm AS (SELECT " PERIOD_OF("m") " AS p_start, count(*) AS n,"
	"        count(*) FILTER (WHERE dd <= ddue) AS w,"
	"        count(*) FILTER (WHERE dec = 'amend' AND adue <= $3::date) AS a,"
	"        count(*) FILTER (WHERE dec = 'amend' AND adue <= $3::date AND ad <= adue) AS aw"
	"   FROM mt GROUP BY GROUPING SETS ((1), ())),"
	" gt AS (SELECT " PERIOD_OF("dl") " AS p_start,"
	"        count(*) FILTER (WHERE kind = 'reception') AS rn,"
	"        count(*) FILTER (WHERE kind = 'reception' AND met IS NOT NULL) AS rm,"
	"        count(*) FILTER (WHERE kind = 'year6') AS sn,"
	"        count(*) FILTER (WHERE kind = 'year6' AND met IS NOT NULL) AS sm,"
	"        count(*) FILTER (WHERE kind = 'year11') AS pn,"
	"        count(*) FILTER (WHERE kind = 'year11' AND met IS NOT NULL) AS pm,"
	"        count(*) FILTER (WHERE kind = 'local') AS ln,"
	"        count(*) FILTER (WHERE kind = 'local' AND met IS NOT NULL) AS lm"
	"   FROM trm GROUP BY GROUPING SETS ((1), ())),"
	" go AS (SELECT k.p_start, sum(oe.c)::bigint AS n FROM keys k JOIN oe ON oe.d <= k.asat GROUP BY k.p_start),"
	/* maintained on E: started by then, less ceased by then */
	" ga AS (SELECT k.p_start, sum(e.c)::bigint AS n FROM keys k JOIN ("
	"        SELECT st AS d, count(*) AS c FROM pl GROUP BY st"
	"        UNION ALL SELECT ceased, -count(*) FROM pl WHERE ceased IS NOT NULL GROUP BY ceased) e"
	"        ON e.d <= k.asat GROUP BY k.p_start),"
	" gc AS (SELECT " PERIOD_OF("ceased") " AS p_start, count(*) AS n,"
	"        count(*) FILTER (WHERE reason = 'max_age') AS c1,"
	"        count(*) FILTER (WHERE reason = 'needs_met') AS c2,"
	"        count(*) FILTER (WHERE reason = 'higher_education') AS c3,"
	"        count(*) FILTER (WHERE reason = 'employment') AS c4,"
	"        count(*) FILTER (WHERE reason = 'moved_la') AS c5,"
	"        count(*) FILTER (WHERE reason = 'no_engagement') AS c6,"
	"        count(*) FILTER (WHERE reason = 'left_england') AS c7,"
	"        count(*) FILTER (WHERE reason = 'deceased') AS c8,"
	"        count(*) FILTER (WHERE reason = 'other') AS c9"
	"   FROM pl WHERE " IN_RANGE("ceased") " GROUP BY GROUPING SETS ((1), ()))"
	" SELECT " LABEL ","
	"  coalesce(g.n, 0) AS reviews_due, coalesce(g.w, 0) AS reviews_in_time, coalesce(g.l, 0) AS reviews_late,"
	"  coalesce(g.o, 0) AS reviews_overdue, " PCT("g.w", "g.n") " AS reviews_in_time_pct,"
	"  coalesce(g.y, 0) AS year9_due, coalesce(g.yw, 0) AS year9_in_time, " PCT("g.yw", "g.y") " AS year9_in_time_pct,"
	"  coalesce(gm.n, 0) AS decisions_due, coalesce(gm.w, 0) AS decisions_in_time,"
	"  " PCT("gm.w", "gm.n") " AS decisions_in_time_pct,"
	"  coalesce(gm.a, 0) AS amended_due, coalesce(gm.aw, 0) AS amended_in_time,"
	"  " PCT("gm.aw", "gm.a") " AS amended_in_time_pct,"
	"  coalesce(gt.rn, 0) AS transfer_reception_due, coalesce(gt.rm, 0) AS transfer_reception_met,"
	"  coalesce(gt.sn, 0) AS transfer_year6_due, coalesce(gt.sm, 0) AS transfer_year6_met,"
	"  coalesce(gt.pn, 0) AS transfer_year11_due, coalesce(gt.pm, 0) AS transfer_year11_met,"
	"  coalesce(gt.ln, 0) AS transfer_local_due, coalesce(gt.lm, 0) AS transfer_local_met,"
	"  coalesce(go.n, 0) AS overdue_at_end, coalesce(ga.n, 0) AS plans_active_at_end,"
	"  coalesce(gc.n, 0) AS ceased, coalesce(gc.c1, 0) AS ceased_max_age, coalesce(gc.c2, 0) AS ceased_needs_met,"
	"  coalesce(gc.c3, 0) AS ceased_higher_education, coalesce(gc.c4, 0) AS ceased_employment,"
	"  coalesce(gc.c5, 0) AS ceased_moved_la, coalesce(gc.c6, 0) AS ceased_no_engagement,"
	"  coalesce(gc.c7, 0) AS ceased_left_england, coalesce(gc.c8, 0) AS ceased_deceased,"
	"  coalesce(gc.c9, 0) AS ceased_other"
	" FROM keys k" JOIN_ON("g") JOIN_ON("gm") JOIN_ON("gt") JOIN_ON("go") JOIN_ON("ga") JOIN_ON("gc")
	" ORDER BY k.p_start NULLS LAST";

/* One row per plan behind each figure (no child's reference or birth). */
#define OUTCOME(done, due) "CASE WHEN " done " IS NULL THEN 'overdue' WHEN " done " <= " due " THEN 'in_time' ELSE 'late' END"

static const char sql_reviews_cases[] =
	"WITH " PERIODS ", " KEYS "," RV_BASE
	" SELECT ehcp_period_label(p_start, $4::text) AS period, plan_ref, measure, due, done, outcome FROM ("
	"  SELECT " PERIOD_OF("d") " AS p_start, plan_ref, 'review' AS measure, d AS due, n AS done,"
	"   " OUTCOME("n", "d") " AS outcome FROM du"
	"  UNION ALL SELECT " PERIOD_OF("d") ", plan_ref, 'year9', d, n, " OUTCOME("n", "d")
	"   FROM du WHERE ehcp_review_nc_year(dob, off, d) = 9"
	"  UNION ALL SELECT " PERIOD_OF("m") ", plan_ref, 'decision', ddue, dd, " OUTCOME("dd", "ddue") " FROM mt"
	"  UNION ALL SELECT " PERIOD_OF("m") ", plan_ref, 'amended', adue, ad, " OUTCOME("ad", "adue")
	"   FROM mt WHERE dec = 'amend' AND adue <= $3::date"
	"  UNION ALL SELECT " PERIOD_OF("dl") ", plan_ref, 'transfer_' || kind, dl, met,"
	"   CASE WHEN met IS NULL THEN 'not_met' ELSE 'met' END FROM trm"
	"  UNION ALL SELECT p_start, plan_ref, 'overdue_at_end', d, NULL, 'overdue' FROM ov WHERE p_start IS NOT NULL"
	"  UNION ALL SELECT " PERIOD_OF("ceased") ", plan_ref, 'ceased', ceased, ceased, reason"
	"   FROM pl WHERE " IN_RANGE("ceased") ") c"
	" ORDER BY p_start, measure, due, plan_ref COLLATE \"C\"";

#endif
